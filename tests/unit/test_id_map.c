/* The persistent sub -> uid map: strict format, allocation that never reissues, claims validated. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accounts/id_map.h"
#include "accounts/local_db_table.h"

#define SUB_A "0c5e2a4e-7c1b-4b8e-9d6f-2f1f3c0a9b11"
#define SUB_B "6b7f6d7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
#define SUB_C "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"

static const char good[] = "pam_cognito-idmap 1\n"
                           "user 10000 active " SUB_A " alice\n"
                           "user 10001 tombstone " SUB_B " bob\n"
                           "group 10002 active ops\n";

static struct pcg_local_db db;
static struct pcg_local_db_table table;

static int setup(void **state)
{
    memset(&table, 0, sizeof(table));
    pcg_local_db_table_init(&db, &table);
    return 0;
}

static void test_map_round_trips(void **state)
{
    struct pcg_id_map map;
    size_t bad = 99, len;
    char *text;
    struct pcg_id_record *r;

    assert_int_equal(pcg_id_map_parse(good, strlen(good), &map, &bad), PCG_ID_MAP_OK);
    assert_int_equal(bad, 0);
    assert_int_equal(map.n, 3);
    r = pcg_id_map_find_sub(&map, SUB_B);
    assert_non_null(r);
    assert_int_equal(r->id, 10001);
    assert_int_equal(r->state, PCG_ID_TOMBSTONE);
    assert_string_equal(r->name, "bob");
    r = pcg_id_map_find_group(&map, "ops");
    assert_non_null(r);
    assert_int_equal(r->id, 10002);
    assert_ptr_equal(pcg_id_map_find_id(&map, 10000), pcg_id_map_find_sub(&map, SUB_A));
    assert_null(pcg_id_map_find_id(&map, 10003));
    assert_non_null(pcg_id_map_find_active_name(&map, "alice"));
    assert_null(pcg_id_map_find_active_name(&map, "bob"));
    assert_int_equal(pcg_id_map_render(&map, &text, &len), PCG_ID_MAP_OK);
    assert_int_equal(len, strlen(good));
    assert_string_equal(text, good);
    free(text);
    pcg_id_map_free(&map);
    assert_int_equal(pcg_id_map_parse("pam_cognito-idmap 1\n", 20, &map, &bad), PCG_ID_MAP_OK);
    assert_int_equal(map.n, 0);
}

static void test_bad_maps_are_errors_with_a_line(void **state)
{
    static const struct {
        const char *text;
        size_t line;
    } cases[] = {
        { "", 1 },
        { "\n", 1 },
        { "pam_cognito-idmap 2\n", 1 },
        { "pam_cognito-idmap 1", 1 },
        { "pam_cognito-idmap 1\nuser 10000 active " SUB_A " alice", 2 },
        { "pam_cognito-idmap 1\n\n", 2 },
        { "pam_cognito-idmap 1\n# comment\n", 2 },
        { "pam_cognito-idmap 1\nuser 10000 active " SUB_A " alice \n", 2 },
        { "pam_cognito-idmap 1\nuser 10000  active " SUB_A " alice\n", 2 },
        { "pam_cognito-idmap 1\nuser 10000 active " SUB_A "\n", 2 },
        { "pam_cognito-idmap 1\nuser 010000 active " SUB_A " alice\n", 2 },
        { "pam_cognito-idmap 1\nuser -1 active " SUB_A " alice\n", 2 },
        { "pam_cognito-idmap 1\nuser 0 active " SUB_A " root\n", 2 },
        { "pam_cognito-idmap 1\nuser 65534 active " SUB_A " alice\n", 2 },
        { "pam_cognito-idmap 1\nuser 4294967295 active " SUB_A " alice\n", 2 },
        { "pam_cognito-idmap 1\nuser 99999999999 active " SUB_A " alice\n", 2 },
        { "pam_cognito-idmap 1\nuser 10000 deleted " SUB_A " alice\n", 2 },
        { "pam_cognito-idmap 1\nuser 10000 active " SUB_A " Alice\n", 2 },
        { "pam_cognito-idmap 1\nuser 10000 active " SUB_A " al:ice\n", 2 },
        { "pam_cognito-idmap 1\nuser 10000 active sub/x alice\n", 2 },
        { "pam_cognito-idmap 1\ngroup 10000 active " SUB_A " ops\n", 2 },
        { "pam_cognito-idmap 1\nhost 10000 active ops\n", 2 },
        { "pam_cognito-idmap 1\ngroup 10001 active ops\ngroup 10000 active devs\n", 3 },
        { "pam_cognito-idmap 1\ngroup 10001 active ops\ngroup 10001 active devs\n", 3 },
        { "pam_cognito-idmap 1\ngroup 10001 active ops\ngroup 10002 tombstone ops\n", 3 },
        { "pam_cognito-idmap 1\nuser 10000 active " SUB_A " alice\nuser 10001 active " SUB_A
          " alice2\n",
          3 },
        { "pam_cognito-idmap 1\nuser 10000 active " SUB_A " alice\nuser 10001 active " SUB_B
          " alice\n",
          3 },
        { "pam_cognito-idmap 1\nuser 10000 active " SUB_A " ops\ngroup 10001 active ops\n", 3 },
    };
    struct pcg_id_map map;
    size_t bad;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (pcg_id_map_parse(cases[i].text, strlen(cases[i].text), &map, &bad) != PCG_ID_MAP_BAD)
            fail_msg("accepted case %zu: [%s]", i, cases[i].text);
        if (bad != cases[i].line)
            fail_msg("case %zu: line %zu, not %zu", i, bad, cases[i].line);
        assert_int_equal(map.n, 0);
        assert_null(map.rec);
    }
    /* a NUL inside the text is not a shorter line */
    assert_int_equal(
        pcg_id_map_parse("pam_cognito-idmap 1\ngroup 10001 active o\0s\n", 42, &map, &bad),
        PCG_ID_MAP_BAD);
    /* a tombstone's name may be reused by an active record: the same name, a new person */
    assert_int_equal(pcg_id_map_parse("pam_cognito-idmap 1\nuser 10000 tombstone " SUB_A
                                      " alice\nuser 10001 active " SUB_B " alice\n",
                                      strlen("pam_cognito-idmap 1\nuser 10000 tombstone " SUB_A
                                             " alice\nuser 10001 active " SUB_B " alice\n"),
                                      &map, &bad),
                     PCG_ID_MAP_OK);
    pcg_id_map_free(&map);
}

static void test_allocation_skips_reserved_issued_and_local_ids(void **state)
{
    static const char *const users[] = { "local:10003", NULL };
    static const char *const groups[] = { "localgrp:10004", NULL };
    struct pcg_id_range range = { 10000, 10010 };
    struct pcg_id_map map;
    unsigned long id = 0;
    size_t bad;

    table.users = users;
    table.groups = groups;
    assert_int_equal(pcg_id_map_parse(good, strlen(good), &map, &bad), PCG_ID_MAP_OK);
    /* 10000..10002 issued (10001 is a tombstone: never reissued), 10003 a uid, 10004 a gid */
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_OK);
    assert_int_equal(id, 10005);
    assert_int_equal(pcg_id_map_set_user(&map, SUB_C, "carol", id, PCG_ID_ACTIVE), PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_OK);
    assert_int_equal(id, 10006);
    pcg_id_map_free(&map);

    /* the reserved ids inside a range */
    pcg_id_map_init(&map);
    range.min = 65533;
    range.max = 65537;
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_OK);
    assert_int_equal(id, 65533);
    assert_int_equal(pcg_id_map_set_group(&map, "g1", id, PCG_ID_ACTIVE), PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_OK);
    assert_int_equal(id, 65536);
    assert_int_equal(pcg_id_map_set_group(&map, "g2", id, PCG_ID_ACTIVE), PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_OK);
    assert_int_equal(id, 65537);
    assert_int_equal(pcg_id_map_set_group(&map, "g3", id, PCG_ID_ACTIVE), PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_EXHAUSTED);
    pcg_id_map_free(&map);

    /* 0 is never issued, even in a range that starts there */
    pcg_id_map_init(&map);
    range.min = 0;
    range.max = 1;
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_OK);
    assert_int_equal(id, 1);
    pcg_id_map_free(&map);
}

static void test_allocation_never_assumes_a_failed_lookup_free(void **state)
{
    struct pcg_id_range range = { 20000, 20010 };
    struct pcg_id_map map;
    unsigned long id = 0;

    pcg_id_map_init(&map);
    table.fail_id = 20000;
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_LOOKUP_FAILED);
    pcg_id_map_free(&map);
}

static void test_ids_are_stable_and_never_reused(void **state)
{
    struct pcg_id_range range = { 10000, 60000 };
    struct pcg_id_map map;
    unsigned long id, first;
    char sub[64];

    pcg_id_map_init(&map);
    for (int i = 0; i < 500; i++) {
        snprintf(sub, sizeof(sub), "sub-%d", i);
        assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_OK);
        assert_int_equal(id, 10000ul + (unsigned long)i);
        snprintf(sub + 32, 32, "u%d", i);
        assert_int_equal(pcg_id_map_set_user(&map, sub, sub + 32, id, PCG_ID_ACTIVE),
                         PCG_ID_MAP_OK);
    }
    first = pcg_id_map_find_sub(&map, "sub-0")->id;
    /* a rename of the same sub keeps its uid; another uid for it is refused */
    assert_int_equal(pcg_id_map_set_user(&map, "sub-0", "renamed", first, PCG_ID_ACTIVE),
                     PCG_ID_MAP_OK);
    assert_string_equal(pcg_id_map_find_sub(&map, "sub-0")->name, "renamed");
    assert_int_equal(pcg_id_map_set_user(&map, "sub-0", "renamed", first + 1, PCG_ID_ACTIVE),
                     PCG_ID_MAP_CHANGED);
    /* departed: a tombstone, and its id is not issued again, even from a fresh cursor */
    assert_int_equal(pcg_id_map_set_user(&map, "sub-0", "renamed", first, PCG_ID_TOMBSTONE),
                     PCG_ID_MAP_OK);
    map.cursor = 0;
    assert_int_equal(pcg_id_map_allocate(&map, &range, &db, &id), PCG_ID_MAP_OK);
    assert_int_equal(id, 10500);
    /* another sub cannot take an issued id, nor an active name */
    assert_int_equal(pcg_id_map_set_user(&map, "sub-new", "fresh", first, PCG_ID_ACTIVE),
                     PCG_ID_MAP_DUPLICATE);
    assert_int_equal(pcg_id_map_set_user(&map, "sub-new", "u1", id, PCG_ID_ACTIVE),
                     PCG_ID_MAP_DUPLICATE);
    assert_int_equal(pcg_id_map_set_group(&map, "u2", id, PCG_ID_ACTIVE), PCG_ID_MAP_DUPLICATE);
    /* but the tombstone's old name is free for a new person */
    assert_int_equal(pcg_id_map_set_user(&map, "sub-new", "renamed", id, PCG_ID_ACTIVE),
                     PCG_ID_MAP_OK);
    /* the same sub coming back gets its old uid */
    assert_int_equal(pcg_id_map_set_user(&map, "sub-0", "back", first, PCG_ID_ACTIVE),
                     PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_set_user(&map, "sub/x", "x", 10600, PCG_ID_ACTIVE),
                     PCG_ID_MAP_INVALID);
    assert_int_equal(pcg_id_map_set_user(&map, "sub-x", "X", 10600, PCG_ID_ACTIVE),
                     PCG_ID_MAP_INVALID);
    assert_int_equal(pcg_id_map_set_user(&map, "sub-x", "x", 65535, PCG_ID_ACTIVE),
                     PCG_ID_MAP_INVALID);
    pcg_id_map_free(&map);
}

static void test_directory_owned_uid_is_only_validated(void **state)
{
    static const char *const users[] = { "local:20005", "alice:10000", NULL };
    static const char *const groups[] = { "lgrp:20006", "alice:10000", NULL };
    struct pcg_id_range range = { 10000, 60000 };
    struct pcg_id_map map;
    size_t bad;

    table.users = users;
    table.groups = groups;
    assert_int_equal(pcg_id_map_parse(good, strlen(good), &map, &bad), PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 20000, &range, &db), PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 9999, &range, &db),
                     PCG_ID_MAP_OUT_OF_RANGE);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 60001, &range, &db),
                     PCG_ID_MAP_OUT_OF_RANGE);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 20005, &range, &db), PCG_ID_MAP_IN_USE);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 20006, &range, &db), PCG_ID_MAP_IN_USE);
    /* issued to another sub (a tombstone too) or a group */
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 10000, &range, &db), PCG_ID_MAP_TAKEN);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 10001, &range, &db), PCG_ID_MAP_TAKEN);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 10002, &range, &db), PCG_ID_MAP_TAKEN);
    /* alice's own uid: the host serves alice's own entries back, which is fine */
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_A, 10000, &range, &db), PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_A, 20000, &range, &db), PCG_ID_MAP_CHANGED);
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_B, 10001, &range, &db), PCG_ID_MAP_OK);
    range.min = 65530;
    range.max = 65540;
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_C, 65534, &range, &db), PCG_ID_MAP_RESERVED);
    pcg_id_map_free(&map);
    /* a local account that took an active user's uid is not that user's own entry */
    static const char *const thief[] = { "mallory:10000", NULL };
    table.users = thief;
    table.groups = NULL;
    assert_int_equal(pcg_id_map_parse(good, strlen(good), &map, &bad), PCG_ID_MAP_OK);
    range.min = 10000;
    range.max = 60000;
    assert_int_equal(pcg_id_map_check_claim(&map, SUB_A, 10000, &range, &db), PCG_ID_MAP_IN_USE);
    pcg_id_map_free(&map);
}

static void test_load_and_save(void **state)
{
    char dir[] = "/tmp/pcg-idmap-XXXXXX", path[64];
    struct pcg_id_map map, again;
    struct stat st1, st2;
    bool written;
    size_t bad;
    int err;
    FILE *f;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/idmap", dir);
    /* no file yet: an empty map */
    assert_int_equal(pcg_id_map_load(path, &map, &bad, &err), PCG_ID_MAP_OK);
    assert_int_equal(map.n, 0);
    assert_int_equal(pcg_id_map_set_user(&map, SUB_A, "alice", 10000, PCG_ID_ACTIVE),
                     PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_save(path, &map, &written, &err), PCG_ID_MAP_OK);
    assert_true(written);
    assert_int_equal(stat(path, &st1), 0);
    assert_int_equal(st1.st_mode & 07777, 0644);
    assert_int_equal(pcg_id_map_load(path, &again, &bad, &err), PCG_ID_MAP_OK);
    assert_int_equal(again.n, 1);
    assert_int_equal(pcg_id_map_save(path, &again, &written, &err), PCG_ID_MAP_OK);
    assert_false(written);
    assert_int_equal(stat(path, &st2), 0);
    assert_int_equal(st1.st_ino, st2.st_ino);
    pcg_id_map_free(&again);
    pcg_id_map_free(&map);
    /* a damaged map is an error, and stays as it is */
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("pam_cognito-idmap 1\nuser 10000 active\n", f);
    fclose(f);
    assert_int_equal(pcg_id_map_load(path, &map, &bad, &err), PCG_ID_MAP_BAD);
    assert_int_equal(bad, 2);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(pcg_id_map_load(path, &map, &bad, &err), PCG_ID_MAP_BAD);
    unlink(path);
    rmdir(dir);
}

/*
 * The lookups agree with the records through renames, tombstones, returns and
 * copies, on a map indexed from the start, one indexed half way, and one never.
 */
static void lookups_follow_changes(int index_at)
{
    struct pcg_id_map map, copy;
    char sub[40], name[16];

    pcg_id_map_init(&map);
    if (index_at == 0)
        assert_int_equal(pcg_id_map_index(&map), PCG_ID_MAP_OK);
    for (unsigned long i = 0; i < 3000; i++) {
        snprintf(sub, sizeof(sub), "sub-%lu", i);
        snprintf(name, sizeof(name), "u%lu", i);
        assert_int_equal(pcg_id_map_set_user(&map, sub, name, 10000 + i, PCG_ID_ACTIVE),
                         PCG_ID_MAP_OK);
        if (index_at > 0 && i == (unsigned long)index_at)
            assert_int_equal(pcg_id_map_index(&map), PCG_ID_MAP_OK);
    }
    assert_true(map.indexed == (index_at >= 0));
    assert_int_equal(pcg_id_map_set_group(&map, "ops", 20000, PCG_ID_ACTIVE), PCG_ID_MAP_OK);
    for (unsigned long i = 0; i < 3000; i += 97) {
        snprintf(sub, sizeof(sub), "sub-%lu", i);
        snprintf(name, sizeof(name), "u%lu", i);
        assert_non_null(pcg_id_map_find_sub(&map, sub));
        assert_int_equal(pcg_id_map_find_sub(&map, sub)->id, 10000 + i);
        assert_int_equal(pcg_id_map_find_active_name(&map, name)->id, 10000 + i);
    }
    assert_null(pcg_id_map_find_sub(&map, "sub-3000"));
    assert_null(pcg_id_map_find_group(&map, "u5")); /* a user's name is not a group */
    assert_int_equal(pcg_id_map_find_group(&map, "ops")->id, 20000);

    /* a rename: the old name is free, the new one found, the sub unchanged */
    assert_int_equal(pcg_id_map_set_user(&map, "sub-5", "renamed", 10005, PCG_ID_ACTIVE),
                     PCG_ID_MAP_OK);
    assert_null(pcg_id_map_find_active_name(&map, "u5"));
    assert_int_equal(pcg_id_map_find_active_name(&map, "renamed")->id, 10005);
    assert_int_equal(pcg_id_map_set_user(&map, "sub-6", "renamed", 10006, PCG_ID_ACTIVE),
                     PCG_ID_MAP_DUPLICATE);
    assert_int_equal(pcg_id_map_set_user(&map, "sub-new", "u5", 13000, PCG_ID_ACTIVE),
                     PCG_ID_MAP_OK);

    /* a tombstone's name may be taken again; both records keep their subs */
    assert_int_equal(pcg_id_map_set_user(&map, "sub-7", "u7", 10007, PCG_ID_TOMBSTONE),
                     PCG_ID_MAP_OK);
    assert_null(pcg_id_map_find_active_name(&map, "u7"));
    assert_int_equal(pcg_id_map_set_user(&map, "sub-7b", "u7", 13001, PCG_ID_ACTIVE),
                     PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_find_active_name(&map, "u7")->id, 13001);
    assert_int_equal(pcg_id_map_find_sub(&map, "sub-7")->id, 10007);

    /* a copy answers alike and apart */
    assert_int_equal(pcg_id_map_copy(&copy, &map), PCG_ID_MAP_OK);
    assert_true(copy.indexed == map.indexed);
    assert_int_equal(pcg_id_map_set_user(&copy, "sub-8", "eight", 10008, PCG_ID_ACTIVE),
                     PCG_ID_MAP_OK);
    assert_int_equal(pcg_id_map_find_active_name(&map, "u8")->id, 10008);
    assert_null(pcg_id_map_find_active_name(&map, "eight"));
    assert_null(pcg_id_map_find_active_name(&copy, "u8"));
    assert_int_equal(pcg_id_map_find_active_name(&copy, "eight")->id, 10008);
    assert_int_equal(pcg_id_map_find_sub(&copy, "sub-new")->id, 13000);
    pcg_id_map_free(&copy);
    pcg_id_map_free(&map);
}

static void test_lookups_follow_renames_tombstones_and_copies(void **state)
{
    lookups_follow_changes(0);
    lookups_follow_changes(1500);
    lookups_follow_changes(-1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_map_round_trips, setup),
        cmocka_unit_test_setup(test_bad_maps_are_errors_with_a_line, setup),
        cmocka_unit_test_setup(test_allocation_skips_reserved_issued_and_local_ids, setup),
        cmocka_unit_test_setup(test_allocation_never_assumes_a_failed_lookup_free, setup),
        cmocka_unit_test_setup(test_ids_are_stable_and_never_reused, setup),
        cmocka_unit_test_setup(test_directory_owned_uid_is_only_validated, setup),
        cmocka_unit_test_setup(test_load_and_save, setup),
        cmocka_unit_test_setup(test_lookups_follow_renames_tombstones_and_copies, setup),
    };
    return cmocka_run_group_tests_name("id_map", tests, NULL, NULL);
}

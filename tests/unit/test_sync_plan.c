/* The sync's plan: who gets an account, with which ids, and when the plan refuses. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/local_db_table.h"
#include "accounts/sync_plan.h"

#define SA "aaaaaaaa-0000-4000-8000-000000000001"
#define SB "bbbbbbbb-0000-4000-8000-000000000002"
#define SC "cccccccc-0000-4000-8000-000000000003"
#define SD "dddddddd-0000-4000-8000-000000000004"
#define SE "eeeeeeee-0000-4000-8000-000000000005"

static const char *const host_users[] = { "root:0", "localbob:1000", NULL };
static const char *const host_groups[] = { "root:0", "sudo:27", "localbob:1000", NULL };
static const char *const sync_groups[] = { "ops", "ops-admin", "sudo" };

static struct pcg_local_db db;
static struct pcg_local_db_table table;
static struct pcg_sync_config cfg;

static int setup(void **state)
{
    memset(&table, 0, sizeof(table));
    table.users = host_users;
    table.groups = host_groups;
    pcg_local_db_table_init(&db, &table);
    cfg = (struct pcg_sync_config){ sync_groups, 3,       NULL, { 10000, 60000 },
                                    "/bin/bash", "/home", 10,   false };
    return 0;
}

static bool has_change(const struct pcg_sync_plan *p, enum pcg_sync_change_kind kind,
                       const char *name, const char *detail)
{
    for (size_t i = 0; i < p->n_changes; i++)
        if (p->changes[i].kind == kind && strcmp(p->changes[i].name, name) == 0
            && (detail == NULL || strcmp(p->changes[i].detail, detail) == 0))
            return true;
    return false;
}

static const struct pcg_sync_user first_listing[] = {
    { SA, "Alice", NULL, "CONFIRMED", true, "ops" },
    { SA, "Alice", NULL, "CONFIRMED", true, "ops-admin" },
    { SB, "bob", NULL, "CONFIRMED", false, "ops" },
    { SC, "carol", NULL, "FORCE_CHANGE_PASSWORD", true, "ops" },
    { SD, "dave.x", NULL, "CONFIRMED", true, "ops" },
    { SE, "localbob", NULL, "CONFIRMED", true, "ops" },
    { SC "9", "root", NULL, "CONFIRMED", true, "ops" },
};

static void plan_first(struct pcg_sync_plan *p, struct pcg_id_map *map, struct pcg_nss_file *pw,
                       struct pcg_nss_file *gr)
{
    struct pcg_sync_listing l = { first_listing, 7, true };

    pcg_id_map_init(map);
    assert_int_equal(pcg_nss_parse(PCG_NSS_PASSWD, "", 0, pw), 0);
    assert_int_equal(pcg_nss_parse(PCG_NSS_GROUP, "", 0, gr), 0);
    assert_int_equal(pcg_sync_plan_make(&l, &cfg, map, pw, gr, &db, p), PCG_SYNC_OK);
}

static void test_first_sync(void **state)
{
    struct pcg_sync_plan p;
    struct pcg_id_map map;
    struct pcg_nss_file pw, gr;

    plan_first(&p, &map, &pw, &gr);
    assert_string_equal(p.passwd, "alice:*:10000:10000:cognito-sub=" SA ":/home/alice:/bin/bash\n");
    assert_string_equal(p.group, "alice:*:10000:\nops:*:10001:alice\nops-admin:*:10002:alice\n");
    assert_true(has_change(&p, PCG_SYNC_USER_ADDED, "alice", NULL));
    assert_true(has_change(&p, PCG_SYNC_USER_SKIPPED, "bob", "disabled"));
    assert_true(has_change(&p, PCG_SYNC_USER_SKIPPED, "carol", "not CONFIRMED"));
    assert_true(has_change(&p, PCG_SYNC_USER_SKIPPED, "dave.x", NULL));
    assert_true(has_change(&p, PCG_SYNC_USER_SKIPPED, "localbob", "exists locally"));
    assert_true(has_change(&p, PCG_SYNC_USER_SKIPPED, "root", "exists locally"));
    assert_true(has_change(&p, PCG_SYNC_GROUP_SKIPPED, "sudo", NULL));
    assert_true(has_change(&p, PCG_SYNC_GROUP_ADDED, "ops", NULL));
    assert_true(has_change(&p, PCG_SYNC_MEMBER_ADDED, "ops-admin", "alice"));
    assert_int_equal(p.active_after, 1);
    assert_int_equal(p.removed, 0);
    assert_non_null(pcg_id_map_find_sub(&p.map, SA));
    assert_null(pcg_id_map_find_sub(&p.map, SB));
    pcg_sync_plan_free(&p);
    pcg_nss_free(&pw);
    pcg_nss_free(&gr);
}

static void test_partial_listing_plans_nothing(void **state)
{
    struct pcg_sync_listing l = { first_listing, 7, false };
    struct pcg_sync_plan p;
    struct pcg_id_map map;
    struct pcg_nss_file pw = { 0 }, gr = { 0 };

    pcg_id_map_init(&map);
    assert_int_equal(pcg_sync_plan_make(&l, &cfg, &map, &pw, &gr, &db, &p), PCG_SYNC_PARTIAL);
    assert_null(p.passwd);
    assert_int_equal(p.n_changes, 0);
}

/* Runs a second sync on the first one's output, as the next timer run would. */
static enum pcg_sync_status second(const struct pcg_sync_plan *first,
                                   const struct pcg_sync_user *users, size_t n,
                                   struct pcg_sync_plan *p)
{
    struct pcg_sync_listing l = { users, n, true };
    struct pcg_nss_file pw, gr;
    enum pcg_sync_status st;

    assert_int_equal(pcg_nss_parse(PCG_NSS_PASSWD, first->passwd, first->passwd_len, &pw), 0);
    assert_int_equal(pcg_nss_parse(PCG_NSS_GROUP, first->group, first->group_len, &gr), 0);
    /* the host now serves our own entries back through NSS, as libnss-extrausers does */
    static const char *const users_now[] = { "root:0", "localbob:1000", "alice:10000", NULL };
    static const char *const groups_now[] = { "root:0",      "sudo:27",   "localbob:1000",
                                              "alice:10000", "ops:10001", "ops-admin:10002",
                                              NULL };
    table.users = users_now;
    table.groups = groups_now;
    st = pcg_sync_plan_make(&l, &cfg, &first->map, &pw, &gr, &db, p);
    pcg_nss_free(&pw);
    pcg_nss_free(&gr);
    return st;
}

static void test_unchanged_run_plans_the_same_files(void **state)
{
    struct pcg_sync_plan p1, p2;
    struct pcg_id_map map;
    struct pcg_nss_file pw, gr;

    plan_first(&p1, &map, &pw, &gr);
    assert_int_equal(second(&p1, first_listing, 7, &p2), PCG_SYNC_OK);
    assert_string_equal(p2.passwd, p1.passwd);
    assert_string_equal(p2.group, p1.group);
    for (size_t i = 0; i < p2.n_changes; i++)
        assert_int_equal(p2.changes[i].kind == PCG_SYNC_USER_SKIPPED
                             || p2.changes[i].kind == PCG_SYNC_GROUP_SKIPPED,
                         1);
    pcg_sync_plan_free(&p1);
    pcg_sync_plan_free(&p2);
    pcg_nss_free(&pw);
    pcg_nss_free(&gr);
}

static void test_rename_keeps_uid_and_departure_tombstones(void **state)
{
    static const struct pcg_sync_user renamed[] = {
        { SA, "alicia", NULL, "CONFIRMED", true, "ops" },
        { SB, "bob", NULL, "CONFIRMED", true, "ops" },
    };
    static const struct pcg_sync_user gone[] = {
        { SB, "bob", NULL, "CONFIRMED", true, "ops" },
    };
    struct pcg_sync_plan p1, p2, p3;
    struct pcg_id_map map;
    struct pcg_nss_file pw, gr;

    plan_first(&p1, &map, &pw, &gr);
    assert_int_equal(second(&p1, renamed, 2, &p2), PCG_SYNC_OK);
    assert_true(has_change(&p2, PCG_SYNC_USER_RENAMED, "alicia", "alice"));
    assert_true(has_change(&p2, PCG_SYNC_MEMBER_REMOVED, "ops-admin", "alice"));
    assert_true(has_change(&p2, PCG_SYNC_MEMBER_REMOVED, "ops", "alice"));
    assert_string_equal(p2.passwd,
                        "alicia:*:10000:10000:cognito-sub=" SA ":/home/alicia:/bin/bash\n"
                        "bob:*:10003:10003:cognito-sub=" SB ":/home/bob:/bin/bash\n");
    assert_string_equal(p2.group,
                        "alicia:*:10000:\nops:*:10001:alicia,bob\nops-admin:*:10002:\n"
                        "bob:*:10003:\n");
    /* alicia leaves: removed, her uid a tombstone, not given to anyone */
    assert_int_equal(second(&p2, gone, 1, &p3), PCG_SYNC_OK);
    assert_true(has_change(&p3, PCG_SYNC_USER_REMOVED, "alicia", NULL));
    assert_int_equal(pcg_id_map_find_sub(&p3.map, SA)->state, PCG_ID_TOMBSTONE);
    assert_int_equal(pcg_id_map_find_sub(&p3.map, SA)->id, 10000);
    assert_null(strstr(p3.passwd, "alicia"));
    pcg_sync_plan_free(&p1);
    pcg_sync_plan_free(&p2);
    pcg_sync_plan_free(&p3);
    pcg_nss_free(&pw);
    pcg_nss_free(&gr);
}

static void test_mass_removal_needs_force(void **state)
{
    struct pcg_sync_user many[30];
    char subs[30][40], names[30][16];
    struct pcg_sync_listing l = { many, 30, true };
    struct pcg_sync_plan p1, p2;
    struct pcg_id_map map;
    struct pcg_nss_file pw, gr;

    for (int i = 0; i < 30; i++) {
        snprintf(subs[i], sizeof(subs[i]), "sub-%d", i);
        snprintf(names[i], sizeof(names[i]), "u%d", i);
        many[i] = (struct pcg_sync_user){ subs[i], names[i], NULL, "CONFIRMED", true, "ops" };
    }
    pcg_id_map_init(&map);
    assert_int_equal(pcg_nss_parse(PCG_NSS_PASSWD, "", 0, &pw), 0);
    assert_int_equal(pcg_nss_parse(PCG_NSS_GROUP, "", 0, &gr), 0);
    assert_int_equal(pcg_sync_plan_make(&l, &cfg, &map, &pw, &gr, &db, &p1), PCG_SYNC_OK);
    assert_int_equal(p1.active_after, 30);
    /* 3 of 30 (10%) may go; 4 may not */
    assert_int_equal(second(&p1, many + 3, 27, &p2), PCG_SYNC_OK);
    pcg_sync_plan_free(&p2);
    assert_int_equal(second(&p1, many + 4, 26, &p2), PCG_SYNC_TOO_MANY_REMOVALS);
    assert_int_equal(p2.removed, 4);
    pcg_sync_plan_free(&p2);
    assert_int_equal(second(&p1, many, 0, &p2), PCG_SYNC_TOO_MANY_REMOVALS);
    pcg_sync_plan_free(&p2);
    cfg.force = true;
    assert_int_equal(second(&p1, many, 0, &p2), PCG_SYNC_OK);
    assert_int_equal(p2.removed, 30);
    pcg_sync_plan_free(&p2);
    pcg_sync_plan_free(&p1);
    pcg_nss_free(&pw);
    pcg_nss_free(&gr);
}

static void test_failed_lookup_aborts(void **state)
{
    struct pcg_sync_listing l = { first_listing, 7, true };
    struct pcg_sync_plan p;
    struct pcg_id_map map;
    struct pcg_nss_file pw = { 0 }, gr = { 0 };

    pcg_id_map_init(&map);
    table.fail_name = "alice";
    assert_int_equal(pcg_sync_plan_make(&l, &cfg, &map, &pw, &gr, &db, &p), PCG_SYNC_LOOKUP_FAILED);
    assert_null(p.passwd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_first_sync, setup),
        cmocka_unit_test_setup(test_partial_listing_plans_nothing, setup),
        cmocka_unit_test_setup(test_unchanged_run_plans_the_same_files, setup),
        cmocka_unit_test_setup(test_rename_keeps_uid_and_departure_tombstones, setup),
        cmocka_unit_test_setup(test_mass_removal_needs_force, setup),
        cmocka_unit_test_setup(test_failed_lookup_aborts, setup),
    };
    return cmocka_run_group_tests_name("sync_plan", tests, NULL, NULL);
}

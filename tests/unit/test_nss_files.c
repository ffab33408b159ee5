/* The extrausers files: foreign lines kept, own lines rendered sorted and checked, atomic writes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accounts/nss_files.h"

#define SUB_A "0c5e2a4e-7c1b-4b8e-9d6f-2f1f3c0a9b11"
#define SUB_B "6b7f6d7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"

static const char map_text[] = "pam_cognito-idmap 1\n"
                               "user 10000 active " SUB_A " alice\n"
                               "user 10001 tombstone " SUB_B " bob\n"
                               "group 10002 active ops\n";

/* snapd's line, a line someone broke, our alice, our departed bob, a foreign line with our uid */
static const char passwd_text[] =
    "snapuser:x:1500:1500:snap:/home/snapuser:/bin/sh\n"
    "broken line\n"
    "alice:*:10000:10000:cognito-sub=" SUB_A ":/home/alice:/bin/bash\n"
    "bob:*:10001:10001:cognito-sub=" SUB_B ":/home/bob:/bin/bash\n"
    "impostor:x:10000:10000:cognito-sub=" SUB_B ":/home/i:/bin/sh\n";

static const char group_text[] = "snapgrp:x:1500:snapuser\n"
                                 "alice:*:10000:\n"
                                 "ops:*:10002:alice,bob\n"
                                 "ops:x:10003:\n";

static void load_map(struct pcg_id_map *map)
{
    size_t bad;

    assert_int_equal(pcg_id_map_parse(map_text, strlen(map_text), map, &bad), PCG_ID_MAP_OK);
}

static void test_parse_and_ownership(void **state)
{
    struct pcg_id_map map;
    struct pcg_nss_file pw, gr, unsorted;
    const char **members;
    size_t n;

    load_map(&map);
    assert_int_equal(pcg_nss_parse(PCG_NSS_PASSWD, passwd_text, strlen(passwd_text), &pw), 0);
    assert_int_equal(pw.n, 5);
    assert_true(pw.line[0].parsed);
    assert_int_equal(pw.line[0].id, 1500);
    assert_false(pw.line[1].parsed);
    assert_string_equal(pw.line[1].raw, "broken line");
    pcg_nss_mark_owned(&pw, &map);
    assert_false(pw.line[0].owned);
    assert_false(pw.line[1].owned);
    assert_true(pw.line[2].owned);
    assert_true(pw.line[3].owned);  /* a tombstone still owns its old line */
    assert_false(pw.line[4].owned); /* our uid, another sub's marker: not ours */
    assert_string_equal(pcg_nss_passwd_sub(&pw.line[2]), SUB_A);
    assert_null(pcg_nss_passwd_sub(&pw.line[0]));

    assert_int_equal(pcg_nss_parse(PCG_NSS_GROUP, group_text, strlen(group_text), &gr), 0);
    pcg_nss_mark_owned(&gr, &map);
    assert_false(gr.line[0].owned);
    assert_true(gr.line[1].owned);
    assert_true(gr.line[2].owned);
    assert_false(gr.line[3].owned); /* gid not in the map */
    assert_int_equal(pcg_nss_group_members(&gr.line[2], &members, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(members[0], "alice");
    assert_string_equal(members[1], "bob");
    free(members);
    assert_int_equal(pcg_nss_group_members(&gr.line[1], &members, &n), 0);
    assert_int_equal(n, 0);
    free(members);
    assert_int_equal(pcg_nss_parse(PCG_NSS_GROUP, "g:*:1:zed,,amy,\n", 16, &unsorted), 0);
    assert_int_equal(pcg_nss_group_members(&unsorted.line[0], &members, &n), 0);
    assert_int_equal(n, 2); /* empty names between commas are no members */
    assert_string_equal(members[0], "amy");
    assert_string_equal(members[1], "zed");
    free(members);
    pcg_nss_free(&unsorted);

    /* lookups by name and by id, parsed lines only, in file order */
    assert_ptr_equal(pcg_nss_named(&gr, "ops", &n)[0], &gr.line[2]);
    assert_int_equal(n, 2);
    assert_ptr_equal(pcg_nss_named(&gr, "ops", &n)[1], &gr.line[3]);
    assert_ptr_equal(pcg_nss_with_id(&gr, 1500, &n)[0], &gr.line[0]);
    assert_int_equal(n, 1);
    pcg_nss_named(&gr, "op", &n);
    assert_int_equal(n, 0);
    pcg_nss_with_id(&gr, 10001, &n);
    assert_int_equal(n, 0);
    pcg_nss_free(&pw);
    pcg_nss_free(&gr);
    pcg_id_map_free(&map);
}

static void test_render_keeps_foreign_lines_and_sorts_ours(void **state)
{
    static const char *const members[] = { "carol", "alice", "carol" };
    struct pcg_passwd_entry users[] = {
        { "carol", SUB_B, "/home", "/bin/bash", 10004 },
        { "alice", SUB_A, "/home", "/bin/zsh", 10000 },
    };
    struct pcg_group_entry groups[] = {
        { "ops", 10002, members, 3 },
        { "carol", 10004, NULL, 0 },
        { "alice", 10000, NULL, 0 },
    };
    struct pcg_id_map map;
    struct pcg_nss_file pw, gr;
    char *text;
    size_t len, bad;

    load_map(&map);
    assert_int_equal(pcg_nss_parse(PCG_NSS_PASSWD, passwd_text, strlen(passwd_text), &pw), 0);
    pcg_nss_mark_owned(&pw, &map);
    assert_int_equal(pcg_nss_render_passwd(&pw, users, 2, &text, &len, &bad), 0);
    assert_string_equal(text,
                        "snapuser:x:1500:1500:snap:/home/snapuser:/bin/sh\n"
                        "broken line\n"
                        "impostor:x:10000:10000:cognito-sub=" SUB_B ":/home/i:/bin/sh\n"
                        "alice:*:10000:10000:cognito-sub=" SUB_A ":/home/alice:/bin/zsh\n"
                        "carol:*:10004:10004:cognito-sub=" SUB_B ":/home/carol:/bin/bash\n");
    assert_int_equal(len, strlen(text));
    free(text);
    assert_int_equal(pcg_nss_parse(PCG_NSS_GROUP, group_text, strlen(group_text), &gr), 0);
    pcg_nss_mark_owned(&gr, &map);
    assert_int_equal(pcg_nss_render_group(&gr, groups, 3, &text, &len, &bad), 0);
    assert_string_equal(text,
                        "snapgrp:x:1500:snapuser\n"
                        "ops:x:10003:\n"
                        "alice:*:10000:\n"
                        "ops:*:10002:alice,carol\n"
                        "carol:*:10004:\n");
    free(text);
    /* nothing of ours: only the foreign lines */
    assert_int_equal(pcg_nss_render_group(&gr, NULL, 0, &text, &len, &bad), 0);
    assert_string_equal(text, "snapgrp:x:1500:snapuser\nops:x:10003:\n");
    free(text);
    pcg_nss_free(&pw);
    pcg_nss_free(&gr);
    pcg_id_map_free(&map);
}

static void test_fields_that_cannot_be_written_are_refused(void **state)
{
    static const char *const bad_members[] = { "alice", "a:b" };
    struct pcg_passwd_entry bad_users[] = {
        { "Alice", SUB_A, "/home", "/bin/bash", 10000 },
        { "alice", "sub:x", "/home", "/bin/bash", 10000 },
        { "alice", SUB_A, "/home", "/bin/bash\n", 10000 },
        { "alice", SUB_A, "home", "/bin/bash", 10000 },
        { "alice", SUB_A, "/home/../etc", "/bin/bash", 10000 },
        { "alice", SUB_A, "/ho:me", "/bin/bash", 10000 },
        { "alice", SUB_A, "/home", "/bin/bash", 0 },
        { "alice", SUB_A, "/home", "/bin/bash", 65534 },
    };
    struct pcg_passwd_entry twice[] = {
        { "alice", SUB_A, "/home", "/bin/bash", 10000 },
        { "alice", SUB_B, "/home", "/bin/bash", 10001 },
    };
    struct pcg_passwd_entry repeat_then_bad[] = {
        { "alice", SUB_A, "/home", "/bin/bash", 10000 },
        { "bob", SUB_B, "/home", "/bin/bash", 10001 },
        { "carol", SUB_A, "/home", "/bin/bash", 10000 }, /* alice's uid */
        { "Dave", SUB_B, "/home", "/bin/bash", 10003 },  /* a bad name after it */
    };
    struct pcg_group_entry groups_twice[] = {
        { "ops", 10002, NULL, 0 },
        { "dev", 10003, NULL, 0 },
        { "ops", 10004, NULL, 0 },
        { "qa", 10003, NULL, 0 },
    };
    struct pcg_group_entry bad_group = { "ops", 10002, bad_members, 2 };
    char *text;
    size_t len, bad;

    for (size_t i = 0; i < sizeof(bad_users) / sizeof(bad_users[0]); i++) {
        if (pcg_nss_render_passwd(NULL, &bad_users[i], 1, &text, &len, &bad) != EINVAL)
            fail_msg("entry %zu accepted", i);
        assert_null(text);
    }
    assert_int_equal(pcg_nss_render_passwd(NULL, twice, 2, &text, &len, &bad), EINVAL);
    assert_int_equal(bad, 1);
    assert_int_equal(pcg_nss_render_passwd(NULL, repeat_then_bad, 4, &text, &len, &bad), EINVAL);
    assert_int_equal(bad, 2); /* the first entry at fault, repeat or bad field */
    assert_int_equal(pcg_nss_render_passwd(NULL, repeat_then_bad + 1, 3, &text, &len, &bad),
                     EINVAL);
    assert_int_equal(bad, 2);
    assert_int_equal(pcg_nss_render_group(NULL, groups_twice, 4, &text, &len, &bad), EINVAL);
    assert_int_equal(bad, 2);
    assert_int_equal(pcg_nss_render_group(NULL, groups_twice + 1, 3, &text, &len, &bad), EINVAL);
    assert_int_equal(bad, 2); /* qa repeats dev's gid */
    assert_int_equal(pcg_nss_render_group(NULL, &bad_group, 1, &text, &len, &bad), EINVAL);
}

static void test_atomic_write_and_unchanged_run_writes_nothing(void **state)
{
    char dir[] = "/tmp/pcg-nss-XXXXXX", path[64];
    struct stat st1, st2;
    struct pcg_nss_file file;
    bool written;
    FILE *f;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/passwd", dir);
    assert_int_equal(pcg_nss_load(PCG_NSS_PASSWD, path, &file), 0);
    assert_int_equal(file.n, 0);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("snapuser:x:1500:1500::/home/snapuser:/bin/sh\n", f);
    fclose(f);
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(stat(path, &st1), 0);
    assert_int_equal(pcg_nss_write(path, passwd_text, strlen(passwd_text), &written), 0);
    assert_true(written);
    assert_int_equal(stat(path, &st2), 0);
    assert_int_not_equal(st1.st_ino, st2.st_ino); /* replaced by rename, not rewritten in place */
    assert_int_equal(st2.st_mode & 07777, 0644);
    assert_int_equal(pcg_nss_load(PCG_NSS_PASSWD, path, &file), 0);
    assert_int_equal(file.n, 5);
    pcg_nss_free(&file);
    /* the same content again: no write at all */
    assert_int_equal(pcg_nss_write(path, passwd_text, strlen(passwd_text), &written), 0);
    assert_false(written);
    assert_int_equal(stat(path, &st1), 0);
    assert_int_equal(st1.st_ino, st2.st_ino);
    assert_int_equal(st1.st_mtim.tv_sec, st2.st_mtim.tv_sec);
    assert_int_equal(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);
    /* no temporary file left behind */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    /* a directory that does not exist: an error, nothing created */
    assert_int_not_equal(pcg_nss_write("/nonexistent-pcg/passwd", "x\n", 2, &written), 0);
    assert_false(written);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_and_ownership),
        cmocka_unit_test(test_render_keeps_foreign_lines_and_sorts_ours),
        cmocka_unit_test(test_fields_that_cannot_be_written_are_refused),
        cmocka_unit_test(test_atomic_write_and_unchanged_run_writes_nothing),
    };
    return cmocka_run_group_tests_name("nss_files", tests, NULL, NULL);
}

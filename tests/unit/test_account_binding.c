/* The login's view of the sync's id map: bound by sub, by name, or refused; and the map's safety. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pam/account_binding.h"

#define SUB_A "0c5e2a4e-7c1b-4b8e-9d6f-2f1f3c0a9b11"
#define SUB_B "6b7f6d7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
#define SUB_C "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
#define SUB_D "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d"

static const char good[] = "pam_cognito-idmap 1\n"
                           "user 10000 active " SUB_A " alice\n"
                           "user 10001 tombstone " SUB_B " bob\n"
                           "group 10002 active ops\n"
                           "user 10003 tombstone " SUB_D " carol\n"
                           "user 10004 active " SUB_C " carol\n";

static char dir[64];
static char path[96];
static char sub[PCG_SUB_MAX + 1];
static char why[256];

static void write_map(const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/pcg-binding-XXXXXX");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(chmod(dir, 0755), 0);
    snprintf(path, sizeof(path), "%s/idmap", dir);
    write_map(good, 0644);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    rmdir(dir);
    return 0;
}

static enum pcg_binding bind(const char *name, uid_t uid)
{
    memset(sub, 'x', sizeof(sub));
    why[0] = '\0';
    return pcg_account_binding(dir, "idmap", geteuid(), name, uid, sub, why, sizeof(why));
}

static void test_synced_account_is_bound_by_its_sub(void **state)
{
    (void)state;
    assert_int_equal(bind("alice", 10000), PCG_BINDING_BY_SUB);
    assert_string_equal(sub, SUB_A);
    /* carol left once (tombstone 10003) and came back with a new sub and uid */
    assert_int_equal(bind("carol", 10004), PCG_BINDING_BY_SUB);
    assert_string_equal(sub, SUB_C);
}

static void test_account_the_sync_did_not_make_is_bound_by_name(void **state)
{
    (void)state;
    assert_int_equal(bind("dave", 1001), PCG_BINDING_BY_NAME);
    assert_string_equal(sub, "");
    /* bob left; a local bob with another uid is not the departed one */
    assert_int_equal(bind("bob", 1002), PCG_BINDING_BY_NAME);
    /* a group's name is no user's */
    assert_int_equal(bind("ops", 1003), PCG_BINDING_BY_NAME);
}

static void test_no_map_is_binding_by_name(void **state)
{
    (void)state;
    unlink(path);
    assert_int_equal(bind("alice", 10000), PCG_BINDING_BY_NAME);
    rmdir(dir);
    assert_int_equal(bind("alice", 10000), PCG_BINDING_BY_NAME);
    assert_int_equal(mkdir(dir, 0755), 0);
    write_map(good, 0644);
}

static void test_synced_name_with_another_uid_is_refused(void **state)
{
    (void)state;
    assert_int_equal(bind("alice", 1000), PCG_BINDING_REFUSE);
    assert_string_equal(why, "the sync made alice with uid 10000, the host's has uid 1000");
}

static void test_departed_users_uid_is_refused(void **state)
{
    (void)state;
    assert_int_equal(bind("bob", 10001), PCG_BINDING_REFUSE);
    assert_non_null(strstr(why, "left"));
    /* carol's old uid, still served somewhere (a stale cache) */
    assert_int_equal(bind("carol", 10003), PCG_BINDING_REFUSE);
}

static void test_map_writable_by_others_is_refused(void **state)
{
    (void)state;
    assert_int_equal(chmod(path, 0664), 0);
    assert_int_equal(bind("dave", 1001), PCG_BINDING_REFUSE);
    assert_int_equal(chmod(path, 0646), 0);
    assert_int_equal(bind("dave", 1001), PCG_BINDING_REFUSE);
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(chmod(dir, 0775), 0);
    assert_int_equal(bind("dave", 1001), PCG_BINDING_REFUSE);
    assert_int_equal(chmod(dir, 0757), 0);
    assert_int_equal(bind("dave", 1001), PCG_BINDING_REFUSE);
    assert_int_equal(chmod(dir, 0755), 0);
    assert_int_equal(bind("dave", 1001), PCG_BINDING_BY_NAME);
}

static void test_map_of_another_owner_is_refused(void **state)
{
    (void)state;
    memset(sub, 0, sizeof(sub));
    assert_int_equal(
        pcg_account_binding(dir, "idmap", geteuid() + 1, "alice", 10000, sub, why, sizeof(why)),
        PCG_BINDING_REFUSE);
    assert_non_null(strstr(why, "owner"));
}

static void test_link_or_fifo_in_place_of_the_map_is_refused(void **state)
{
    char target[128];

    (void)state;
    snprintf(target, sizeof(target), "%s/real", dir);
    assert_int_equal(rename(path, target), 0);
    assert_int_equal(symlink(target, path), 0);
    assert_int_equal(bind("alice", 10000), PCG_BINDING_REFUSE);
    unlink(path);
    assert_int_equal(mkfifo(path, 0644), 0);
    assert_int_equal(bind("alice", 10000), PCG_BINDING_REFUSE); /* and does not hang */
    unlink(path);
    assert_int_equal(rename(target, path), 0);
}

static void test_map_not_in_the_format_is_refused(void **state)
{
    (void)state;
    write_map("pam_cognito-idmap 1\nuser 10000 active " SUB_A " alice\nuser 10000 active", 0644);
    assert_int_equal(bind("dave", 1001), PCG_BINDING_REFUSE);
    assert_non_null(strstr(why, "not valid"));
    write_map("", 0644);
    assert_int_equal(bind("dave", 1001), PCG_BINDING_REFUSE);
    write_map(good, 0644);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_synced_account_is_bound_by_its_sub, setup, teardown),
        cmocka_unit_test_setup_teardown(test_account_the_sync_did_not_make_is_bound_by_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_no_map_is_binding_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_synced_name_with_another_uid_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_departed_users_uid_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_writable_by_others_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_of_another_owner_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_or_fifo_in_place_of_the_map_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_map_not_in_the_format_is_refused, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

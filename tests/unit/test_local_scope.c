/* Which local accounts the module is for: min_uid and local_group (local_scope.c). */
#include "config.h"

#include <grp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "conf/conf.h"
#include "pam/local_scope.h"

static void test_default_min_uid_is_1000(void **state)
{
    struct pcg_conf c;
    char why[160];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(c.min_uid, 1000);
    assert_int_equal(pcg_local_scope(&c, "root", 0, 0, why, sizeof(why)), PCG_SCOPE_NOT_OURS);
    assert_string_equal(why, "uid below min_uid 1000");
    assert_int_equal(pcg_local_scope(&c, "svc", 999, 999, why, sizeof(why)), PCG_SCOPE_NOT_OURS);
    assert_int_equal(pcg_local_scope(&c, "alice", 1000, 1000, why, sizeof(why)), PCG_SCOPE_OURS);
    assert_string_equal(why, "");
    assert_int_equal(pcg_local_scope(&c, "bob", 60000, 100, why, sizeof(why)), PCG_SCOPE_OURS);
}

/* Debian's UID_MAX: above it are reserved and system ids (nobody is 65534). */
static void test_default_max_uid_is_60000_and_nobody_is_never_ours(void **state)
{
    struct pcg_conf c;
    char why[160];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(c.max_uid, 60000);
    assert_int_equal(pcg_local_scope(&c, "bob", 60001, 100, why, sizeof(why)), PCG_SCOPE_NOT_OURS);
    assert_string_equal(why, "uid above max_uid 60000");
    c.max_uid = INT32_MAX;
    assert_int_equal(pcg_local_scope(&c, "bob", 70000, 100, why, sizeof(why)), PCG_SCOPE_OURS);
    assert_int_equal(pcg_local_scope(&c, "nobody", 65534, 65534, why, sizeof(why)),
                     PCG_SCOPE_NOT_OURS);
    assert_string_equal(why, "uid 65534 is reserved (nobody)");
    assert_int_equal(pcg_local_scope(&c, "x", 65535, 65535, why, sizeof(why)), PCG_SCOPE_NOT_OURS);
    assert_int_equal(pcg_local_scope(&c, "x", (uid_t)-1, 0, why, sizeof(why)), PCG_SCOPE_NOT_OURS);
}

static void test_other_min_uid(void **state)
{
    struct pcg_conf c;
    char why[160];

    (void)state;
    pcg_conf_defaults(&c);
    c.min_uid = 5000;
    assert_int_equal(pcg_local_scope(&c, "alice", 4999, 4999, why, sizeof(why)),
                     PCG_SCOPE_NOT_OURS);
    assert_int_equal(pcg_local_scope(&c, "alice", 5000, 5000, why, sizeof(why)), PCG_SCOPE_OURS);
}

static void test_root_never_ours_even_by_hand(void **state)
{
    struct pcg_conf c;
    char why[160];

    (void)state;
    pcg_conf_defaults(&c);
    c.min_uid = 0; /* the config check refuses 0; a hand-filled struct must not admit root */
    assert_int_equal(pcg_local_scope(&c, "root", 0, 0, why, sizeof(why)), PCG_SCOPE_NOT_OURS);
    assert_int_equal(pcg_local_scope(&c, "daemon", 1, 1, why, sizeof(why)), PCG_SCOPE_OURS);
}

static void test_group_membership(void **state)
{
    char *members[] = { "alice", "bob", NULL };
    char *none[] = { NULL };
    struct group gr = { .gr_name = "cognito", .gr_gid = 4000, .gr_mem = members };

    (void)state;
    assert_true(pcg_group_has_member(&gr, "alice", 100));
    assert_true(pcg_group_has_member(&gr, "bob", 100));
    assert_false(pcg_group_has_member(&gr, "carol", 100));
    assert_false(pcg_group_has_member(&gr, "alic", 100));
    assert_false(pcg_group_has_member(&gr, "alicex", 100));
    assert_true(pcg_group_has_member(&gr, "carol", 4000)); /* primary group */
    gr.gr_mem = none;
    assert_false(pcg_group_has_member(&gr, "alice", 100));
    gr.gr_mem = NULL;
    assert_false(pcg_group_has_member(&gr, "alice", 100));
    assert_false(pcg_group_has_member(NULL, "alice", 4000));
}

static void test_local_group_lookup(void **state)
{
    struct pcg_conf c;
    char why[160];

    (void)state;
    pcg_conf_defaults(&c);
    /* Group "root" (gid 0) exists on every host; nobody is listed in it on Debian. */
    c.local_group = "root";
    assert_int_equal(pcg_local_scope(&c, "alice", 2000, 0, why, sizeof(why)), PCG_SCOPE_OURS);
    assert_int_equal(pcg_local_scope(&c, "pcg-no-such-user", 2000, 2000, why, sizeof(why)),
                     PCG_SCOPE_NOT_OURS);
    assert_string_equal(why, "not in local_group root");
    /* min_uid comes first: no lookup for a system account. */
    c.local_group = "pcg-no-such-group";
    assert_int_equal(pcg_local_scope(&c, "svc", 999, 999, why, sizeof(why)), PCG_SCOPE_NOT_OURS);
    assert_int_equal(pcg_local_scope(&c, "alice", 2000, 2000, why, sizeof(why)), PCG_SCOPE_ERROR);
    assert_string_equal(why, "local_group pcg-no-such-group does not exist");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_min_uid_is_1000),
        cmocka_unit_test(test_default_max_uid_is_60000_and_nobody_is_never_ours),
        cmocka_unit_test(test_other_min_uid),
        cmocka_unit_test(test_root_never_ours_even_by_hand),
        cmocka_unit_test(test_group_membership),
        cmocka_unit_test(test_local_group_lookup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

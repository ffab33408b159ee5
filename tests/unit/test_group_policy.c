/* Cognito groups become Linux groups only when that grants no local privilege by name. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "accounts/group_policy.h"
#include "accounts/local_db_table.h"

static const char *const host_users[] = { "root:0", "alice:1000", NULL };
static const char *const host_groups[] = { "root:0",        "sudo:27",    "users:100",
                                           "devs:1001",     "Build:1002", "cg-ops:10005",
                                           "nogroup:65534", NULL };

static struct pcg_local_db db;
static struct pcg_local_db_table table;

static int setup(void **state)
{
    memset(&table, 0, sizeof(table));
    table.users = host_users;
    table.groups = host_groups;
    pcg_local_db_table_init(&db, &table);
    return 0;
}

static enum pcg_group_policy_status check(const char *name, const char *prefix, char *out)
{
    return pcg_group_policy_check(name, prefix, &db, NULL, NULL, out, NULL);
}

static void test_free_names_become_groups(void **state)
{
    char out[PCG_LINUX_NAME_SIZE];

    assert_int_equal(check("ops", NULL, out), PCG_GROUP_POLICY_OK);
    assert_string_equal(out, "ops");
    assert_int_equal(check("Ops-Admin", "", out), PCG_GROUP_POLICY_OK);
    assert_string_equal(out, "ops-admin");
    assert_int_equal(check("sudo", "cg-", out), PCG_GROUP_POLICY_OK);
    assert_string_equal(out, "cg-sudo");
}

static void test_deny_list_refuses_in_any_case(void **state)
{
    static const char *names[] = {
        "root",  "wheel",   "sudo", "admin",           "adm",     "shadow", "disk",  "docker",
        "lxd",   "libvirt", "kvm",  "systemd-journal", "lpadmin", "staff",  "video", "render",
        "input", "audio",   "tty",  "dialout",         "kmem",    "SUDO",   "Wheel", "Docker"
    };
    char out[PCG_LINUX_NAME_SIZE];

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        memset(out, 'x', sizeof(out));
        if (check(names[i], NULL, out) != PCG_GROUP_POLICY_DENIED)
            fail_msg("%s not denied", names[i]);
        assert_string_equal(out, "");
    }
    assert_true(pcg_group_policy_denied("Kmem"));
    assert_false(pcg_group_policy_denied("ops"));
}

static void test_local_groups_block(void **state)
{
    char out[PCG_LINUX_NAME_SIZE];

    assert_int_equal(check("devs", NULL, out), PCG_GROUP_POLICY_EXISTS);
    assert_string_equal(out, "");
    /* lower case of a local name, and a local name spelt in another case */
    assert_int_equal(check("DEVS", NULL, out), PCG_GROUP_POLICY_EXISTS);
    assert_int_equal(check("build", NULL, out), PCG_GROUP_POLICY_OK);
    assert_int_equal(check("Build", NULL, out), PCG_GROUP_POLICY_EXISTS);
    /* any existing group below 1000 is a system group, deny-listed or not */
    assert_int_equal(check("users", NULL, out), PCG_GROUP_POLICY_PRIVILEGED);
    assert_int_equal(check("ops", "cg-", out), PCG_GROUP_POLICY_EXISTS);
}

static bool own_cg_ops(void *ctx, const struct pcg_local_hit *hit)
{
    return strcmp(hit->name, "cg-ops") == 0 && hit->id == 10005;
}

static bool own_everything(void *ctx, const struct pcg_local_hit *hit)
{
    return true;
}

static void test_own_entries_do_not_block_but_system_groups_do(void **state)
{
    char out[PCG_LINUX_NAME_SIZE];

    assert_int_equal(pcg_group_policy_check("ops", "cg-", &db, own_cg_ops, NULL, out, NULL),
                     PCG_GROUP_POLICY_OK);
    assert_string_equal(out, "cg-ops");
    assert_int_equal(pcg_group_policy_check("devs", NULL, &db, own_cg_ops, NULL, out, NULL),
                     PCG_GROUP_POLICY_EXISTS);
    assert_int_equal(pcg_group_policy_check("users", NULL, &db, own_everything, NULL, out, NULL),
                     PCG_GROUP_POLICY_PRIVILEGED);
}

static void test_names_that_do_not_fit_are_refused(void **state)
{
    char out[PCG_LINUX_NAME_SIZE];
    enum pcg_linux_name_status ns;

    assert_int_equal(check("a:b", NULL, out), PCG_GROUP_POLICY_SEPARATOR);
    assert_int_equal(check("a,b", NULL, out), PCG_GROUP_POLICY_SEPARATOR);
    assert_int_equal(check("ops", "x:", out), PCG_GROUP_POLICY_SEPARATOR);
    assert_int_equal(pcg_group_policy_check("ops.eu", NULL, &db, NULL, NULL, out, &ns),
                     PCG_GROUP_POLICY_BAD_NAME);
    assert_int_equal(ns, PCG_LINUX_NAME_BAD_CHAR);
    assert_int_equal(pcg_group_policy_check("2024", NULL, &db, NULL, NULL, out, &ns),
                     PCG_GROUP_POLICY_BAD_NAME);
    assert_int_equal(ns, PCG_LINUX_NAME_ALL_DIGITS);
    assert_int_equal(pcg_group_policy_check("", "cg-", &db, NULL, NULL, out, &ns),
                     PCG_GROUP_POLICY_BAD_NAME);
    assert_int_equal(ns, PCG_LINUX_NAME_EMPTY);
    /* the prefix counts towards the 31 characters: refused, not truncated */
    assert_int_equal(check("abcdefghijklmnopqrstuvwxyz01", "cg-", out), PCG_GROUP_POLICY_OK);
    assert_int_equal(
        pcg_group_policy_check("abcdefghijklmnopqrstuvwxyz012", "cg-", &db, NULL, NULL, out, &ns),
        PCG_GROUP_POLICY_BAD_NAME);
    assert_int_equal(ns, PCG_LINUX_NAME_TOO_LONG);
    assert_string_equal(out, "");
}

static void test_failed_lookup_is_never_free(void **state)
{
    char out[PCG_LINUX_NAME_SIZE];

    table.fail_name = "ops";
    assert_int_equal(check("ops", NULL, out), PCG_GROUP_POLICY_LOOKUP_FAILED);
    assert_string_equal(out, "");
    table.fail_name = "Ops";
    assert_int_equal(check("Ops", NULL, out), PCG_GROUP_POLICY_LOOKUP_FAILED);
}

static void test_private_group_names(void **state)
{
    assert_int_equal(pcg_group_policy_name_free("bob", NULL, &db, NULL, NULL), PCG_GROUP_POLICY_OK);
    assert_int_equal(pcg_group_policy_name_free("admin", NULL, &db, NULL, NULL),
                     PCG_GROUP_POLICY_DENIED);
    assert_int_equal(pcg_group_policy_name_free("devs", "devs", &db, NULL, NULL),
                     PCG_GROUP_POLICY_EXISTS);
    assert_int_equal(pcg_group_policy_name_free("build", "Build", &db, NULL, NULL),
                     PCG_GROUP_POLICY_EXISTS);
}

static void test_real_nss_knows_root(void **state)
{
    char out[PCG_LINUX_NAME_SIZE];
    struct pcg_local_hit hit;

    /* the real NSS source: root is group 0 on every Linux host */
    assert_int_equal(pcg_local_db_nss.group_by_name(NULL, "root", &hit), 1);
    assert_int_equal(hit.id, 0);
    assert_int_equal(pcg_local_db_nss.group_by_id(NULL, 0, &hit), 1);
    assert_string_equal(hit.name, "root");
    assert_int_equal(pcg_local_db_nss.user_by_name(NULL, "root", &hit), 1);
    assert_int_equal(pcg_local_db_nss.user_by_name(NULL, "no-such-user-pcg-x", &hit), 0);
    assert_int_equal(pcg_group_policy_check("root", NULL, &pcg_local_db_nss, NULL, NULL, out, NULL),
                     PCG_GROUP_POLICY_DENIED);
    assert_int_equal(
        pcg_group_policy_check("pcg-no-such-grp", NULL, &pcg_local_db_nss, NULL, NULL, out, NULL),
        PCG_GROUP_POLICY_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_free_names_become_groups, setup),
        cmocka_unit_test_setup(test_deny_list_refuses_in_any_case, setup),
        cmocka_unit_test_setup(test_local_groups_block, setup),
        cmocka_unit_test_setup(test_own_entries_do_not_block_but_system_groups_do, setup),
        cmocka_unit_test_setup(test_names_that_do_not_fit_are_refused, setup),
        cmocka_unit_test_setup(test_failed_lookup_is_never_free, setup),
        cmocka_unit_test_setup(test_private_group_names, setup),
        cmocka_unit_test(test_real_nss_knows_root),
    };
    return cmocka_run_group_tests_name("group_policy", tests, NULL, NULL);
}

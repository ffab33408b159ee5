#include "config.h"

/* The sync's keys (issue 21): sync_groups, sync_group_prefix, the id range, the uid attribute, the removal share. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conf/conf.h"

#define MINIMAL "user_pool_id = eu-west-1_AbC123xyz\nclient_id = 1example23456789\n"

/* MINIMAL plus extra, parsed and finished. */
static enum pcg_conf_status load(struct pcg_conf *c, const char *extra, char *err, size_t errlen)
{
    char text[4096];
    enum pcg_conf_status st;

    snprintf(text, sizeof(text), "%s%s", MINIMAL, extra);
    pcg_conf_defaults(c);
    err[0] = '\0';
    st = pcg_conf_parse_text(c, text, strlen(text), true, err, errlen);
    if (st == PCG_CONF_OK)
        st = pcg_conf_finish(c, err, errlen);
    return st;
}

#define assert_refused(extra, needle) assert_refused_at(extra, needle, __LINE__)
static void assert_refused_at(const char *extra, const char *needle, int line)
{
    struct pcg_conf c;
    char err[512];
    enum pcg_conf_status st = load(&c, extra, err, sizeof(err));

    pcg_conf_free(&c);
    if (st != PCG_CONF_ERR || strstr(err, needle) == NULL)
        fail_msg("line %d: [%s] gave %d '%s', wanted an error with '%s'", line, extra, (int)st, err,
                 needle);
}

static void test_defaults(void **state)
{
    struct pcg_conf c;
    char err[512];

    (void)state;
    assert_int_equal(load(&c, "", err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.n_sync_groups, 0);
    assert_null(c.sync_groups[0]);
    assert_null(c.sync_group_prefix);
    assert_null(c.sync_uid_attribute);
    assert_int_equal(c.sync_min_uid, 10000);
    assert_int_equal(c.sync_max_uid, 60000);
    assert_int_equal(c.sync_max_removal_percent, 10);
    pcg_conf_free(&c);
}

static void test_every_key(void **state)
{
    struct pcg_conf c, copy;
    char err[512];

    (void)state;
    assert_int_equal(load(&c,
                          "sync_groups = ops , ops-admin,\tDev Ops\n"
                          "sync_group_prefix = cg-\n"
                          "sync_min_uid = 20000\nsync_max_uid = 20999\n"
                          "sync_uid_attribute = custom:posix_uid\n"
                          "sync_max_removal_percent = 0\n"
                          "groups = login\n",
                          err, sizeof(err)),
                     PCG_CONF_ERR); /* "Dev Ops" has a space */
    assert_non_null(strstr(err, "sync_groups:"));
    pcg_conf_free(&c);
    assert_int_equal(load(&c,
                          "sync_groups = ops , ops-admin,\tDevOps\n"
                          "sync_group_prefix = cg-\n"
                          "sync_min_uid = 20000\nsync_max_uid = 20999\n"
                          "sync_uid_attribute = custom:posix_uid\n"
                          "sync_max_removal_percent = 0\n"
                          "groups = login\n",
                          err, sizeof(err)),
                     PCG_CONF_OK);
    assert_int_equal(c.n_sync_groups, 3);
    assert_string_equal(c.sync_groups[0], "ops");
    assert_string_equal(c.sync_groups[1], "ops-admin");
    assert_string_equal(c.sync_groups[2], "DevOps");
    assert_null(c.sync_groups[3]);
    assert_int_equal(c.n_groups, 1); /* the login check's list is another one */
    assert_string_equal(c.sync_group_prefix, "cg-");
    assert_int_equal(c.sync_min_uid, 20000);
    assert_int_equal(c.sync_max_uid, 20999);
    assert_string_equal(c.sync_uid_attribute, "custom:posix_uid");
    assert_int_equal(c.sync_max_removal_percent, 0);
    assert_true(pcg_conf_copy(&copy, &c));
    assert_ptr_not_equal(copy.sync_groups[1], c.sync_groups[1]);
    assert_ptr_not_equal(copy.sync_group_prefix, c.sync_group_prefix);
    pcg_conf_free(&c);
    assert_string_equal(copy.sync_groups[1], "ops-admin");
    assert_string_equal(copy.sync_uid_attribute, "custom:posix_uid");
    pcg_conf_free(&copy);
}

static void test_groups_refused(void **state)
{
    (void)state;
    assert_refused("sync_groups = ops,,dev", "sync_groups: a group name is empty");
    assert_refused("sync_groups = ops,", "sync_groups: a group name is empty");
    assert_refused("sync_groups = ops, ops", "sync_groups: a group is named twice");
    assert_refused("sync_groups = a\x01", "control characters");
}

static void test_prefix_refused(void **state)
{
    (void)state;
    assert_refused("sync_group_prefix = Cg-", "must start with a lower-case letter");
    assert_refused("sync_group_prefix = 1cg", "must start with a lower-case letter");
    assert_refused("sync_group_prefix = cg.", "may contain only a-z");
    assert_refused("sync_group_prefix = cg:", "may contain only a-z");
    assert_refused("sync_group_prefix = abcdefghijklmnopq", "1 to 16 characters");
}

static void test_range_refused(void **state)
{
    (void)state;
    assert_refused("sync_min_uid = 999", "sync_min_uid: expected a whole number from 1000");
    assert_refused("sync_min_uid = 0", "sync_min_uid");
    assert_refused("sync_max_uid = -1", "sync_max_uid");
    assert_refused("sync_max_uid = 99999999999", "sync_max_uid");
    assert_refused("sync_min_uid = 30000\nsync_max_uid = 20000",
                   "sync_max_uid (20000) must not be less than sync_min_uid (30000)");
    assert_refused("sync_max_removal_percent = 101", "sync_max_removal_percent");
    assert_refused("sync_max_removal_percent = 5%", "sync_max_removal_percent");
}

static void test_attribute_refused(void **state)
{
    (void)state;
    assert_refused("sync_uid_attribute = custom:posix uid", "may contain only");
    assert_refused("sync_uid_attribute = custom:abcdefghijklmnopqrstuvwxyz", "1 to 32 characters");
    assert_refused("sync_uid_attribute = sub", "sub is the user's identifier");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),       cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_groups_refused), cmocka_unit_test(test_prefix_refused),
        cmocka_unit_test(test_range_refused),  cmocka_unit_test(test_attribute_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Cognito names to Linux names: lower-cased, checked strictly, refused rather than truncated. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "accounts/linux_name.h"

static void test_names_that_fit_are_lower_cased(void **state)
{
    static const char *in[] = { "alice", "Alice", "BOB_2", "_svc", "a", "x-ray", "a1-b_c", "Z9" };
    static const char *want[] = { "alice", "alice", "bob_2", "_svc", "a", "x-ray", "a1-b_c", "z9" };
    char out[PCG_LINUX_NAME_SIZE];

    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        assert_int_equal(pcg_linux_name_map(in[i], out), PCG_LINUX_NAME_OK);
        assert_string_equal(out, want[i]);
    }
}

static void test_names_that_do_not_fit_are_refused_with_a_reason(void **state)
{
    static const struct {
        const char *in;
        enum pcg_linux_name_status want;
    } cases[] = {
        { "", PCG_LINUX_NAME_EMPTY },
        { "1234", PCG_LINUX_NAME_ALL_DIGITS },
        { "0", PCG_LINUX_NAME_ALL_DIGITS },
        { "1abc", PCG_LINUX_NAME_BAD_FIRST },
        { "-abc", PCG_LINUX_NAME_BAD_FIRST },
        { "alice.smith", PCG_LINUX_NAME_BAD_CHAR },
        { "alice@example.com", PCG_LINUX_NAME_BAD_CHAR },
        { "a:b", PCG_LINUX_NAME_BAD_CHAR },
        { "a b", PCG_LINUX_NAME_BAD_CHAR },
        { "a,b", PCG_LINUX_NAME_BAD_CHAR },
        { "a/b", PCG_LINUX_NAME_BAD_CHAR },
        { "alice$", PCG_LINUX_NAME_BAD_CHAR },
        { "a\nb", PCG_LINUX_NAME_BAD_CHAR },
        { "caf\xc3\xa9", PCG_LINUX_NAME_BAD_CHAR },
        { "\xc3\x89ve", PCG_LINUX_NAME_BAD_CHAR },
    };
    char out[PCG_LINUX_NAME_SIZE];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        memset(out, 'x', sizeof(out));
        if (pcg_linux_name_map(cases[i].in, out) != cases[i].want)
            fail_msg("[%s] not refused as expected", cases[i].in);
        assert_string_equal(out, "");
        assert_true(strlen(pcg_linux_name_reason(cases[i].want)) > 0);
        assert_string_not_equal(pcg_linux_name_reason(cases[i].want), "valid");
    }
    assert_int_equal(pcg_linux_name_map(NULL, out), PCG_LINUX_NAME_EMPTY);
}

static void test_length_is_refused_not_truncated(void **state)
{
    char in[64], out[PCG_LINUX_NAME_SIZE];

    memset(in, 'a', sizeof(in));
    in[PCG_LINUX_NAME_MAX] = '\0';
    assert_int_equal(pcg_linux_name_map(in, out), PCG_LINUX_NAME_OK);
    assert_int_equal(strlen(out), 31);
    in[PCG_LINUX_NAME_MAX] = 'a';
    in[PCG_LINUX_NAME_MAX + 1] = '\0';
    assert_int_equal(pcg_linux_name_map(in, out), PCG_LINUX_NAME_TOO_LONG);
    assert_string_equal(out, "");
}

static void test_valid_means_already_mapped(void **state)
{
    assert_true(pcg_linux_name_valid("alice"));
    assert_true(pcg_linux_name_valid("cg-ops"));
    assert_false(pcg_linux_name_valid("Alice"));
    assert_false(pcg_linux_name_valid("al.ice"));
    assert_false(pcg_linux_name_valid("42"));
    assert_false(pcg_linux_name_valid(""));
    assert_false(pcg_linux_name_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_that_fit_are_lower_cased),
        cmocka_unit_test(test_names_that_do_not_fit_are_refused_with_a_reason),
        cmocka_unit_test(test_length_is_refused_not_truncated),
        cmocka_unit_test(test_valid_means_already_mapped),
    };
    return cmocka_run_group_tests_name("linux_name", tests, NULL, NULL);
}

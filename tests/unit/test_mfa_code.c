#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "flow/code_answer.h"
#include "flow/mfa_code.h"
#include "util/secure.h"
#include "flow/single_prompt.h"

static void test_six_digits_pass(void **state)
{
    char out[7];

    assert_true(pcg_mfa_code_normalize("123456", out, sizeof(out)));
    assert_string_equal(out, "123456");
}

static void test_spaces_tabs_and_dashes_are_dropped(void **state)
{
    char out[7];

    assert_true(pcg_mfa_code_normalize(" 123 456\t", out, sizeof(out)));
    assert_string_equal(out, "123456");
    assert_true(pcg_mfa_code_normalize("123-456", out, sizeof(out)));
    assert_string_equal(out, "123456");
}

static void test_wrong_shapes_fail_and_clear_output(void **state)
{
    static const char *bad[] = { "",         "12345",   "1234567",
                                 "12a456",   "abcdef",  "１２３４５６",
                                 "123456\n", "+123456", "12 34 5" };
    char out[7];

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_false(pcg_mfa_code_normalize(bad[i], out, sizeof(out)));
        assert_string_equal(out, "");
    }
    assert_false(pcg_mfa_code_normalize(NULL, out, sizeof(out)));
}

static void test_small_output_buffer_fails(void **state)
{
    char out[6];

    assert_false(pcg_mfa_code_normalize("123456", out, sizeof(out)));
}

static void test_delivered_codes_take_six_to_eight_digits(void **state)
{
    static const char *bad[] = { "12345", "123456789", "1234 567a", "" };
    char out[PCG_CODE_MAX_DIGITS + 1];

    assert_true(pcg_code_normalize("123456", 6, 8, out, sizeof(out)));
    assert_string_equal(out, "123456");
    assert_true(pcg_code_normalize("1234-5678", 6, 8, out, sizeof(out)));
    assert_string_equal(out, "12345678");
    assert_true(pcg_code_normalize(" 1234567 ", 6, 8, out, sizeof(out)));
    assert_string_equal(out, "1234567");
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_false(pcg_code_normalize(bad[i], 6, 8, out, sizeof(out)));
        assert_string_equal(out, "");
    }
    /* TOTP stays at exactly six. */
    assert_false(pcg_mfa_code_normalize("12345678", out, sizeof(out)));
    /* The buffer must hold the longest code allowed. */
    assert_false(pcg_code_normalize("123456", 6, 8, out, 8));
}

/* Where a code went, as the reset message and the SMS/email prompt show it. */
static void test_code_destination_is_shown_sanitised_and_cut(void **state)
{
    char shown[PCG_DESTINATION_MAX + 1], longer[200];

    assert_null(pcg_code_destination(NULL, shown));
    assert_null(pcg_code_destination("", shown));
    assert_string_equal(pcg_code_destination("+*******1234", shown), "+*******1234");
    assert_string_equal(pcg_code_destination("a***@e\x1b[2J\n", shown), "a***@e?[2J?");
    memset(longer, 'x', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    assert_int_equal(strlen(pcg_code_destination(longer, shown)), PCG_DESTINATION_MAX);
    assert_string_equal(shown + PCG_DESTINATION_MAX - 3, "...");
}

static void test_single_prompt_answer_splits_into_password_and_code(void **state)
{
    char *password;
    char code[7];

    assert_true(pcg_split_password_code("hunter2 123456 ", &password, code, sizeof(code)));
    assert_string_equal(password, "hunter2 ");
    assert_string_equal(code, "123456");
    pcg_free_secret(password);
    assert_true(pcg_split_password_code("p4ssw0rd999999", &password, code, sizeof(code)));
    assert_string_equal(password, "p4ssw0rd");
    pcg_free_secret(password);
}

static void test_single_prompt_answer_without_code_is_refused(void **state)
{
    static const char *bad[] = { "",      "123456", "password", "password12345", "password12345x",
                                 "      " };
    char *password = (char *)"untouched";
    char code[7];

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_false(pcg_split_password_code(bad[i], &password, code, sizeof(code)));
        assert_null(password);
    }
    assert_false(pcg_split_password_code(NULL, &password, code, sizeof(code)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_six_digits_pass),
        cmocka_unit_test(test_code_destination_is_shown_sanitised_and_cut),
        cmocka_unit_test(test_spaces_tabs_and_dashes_are_dropped),
        cmocka_unit_test(test_wrong_shapes_fail_and_clear_output),
        cmocka_unit_test(test_small_output_buffer_fails),
        cmocka_unit_test(test_delivered_codes_take_six_to_eight_digits),
        cmocka_unit_test(test_single_prompt_answer_splits_into_password_and_code),
        cmocka_unit_test(test_single_prompt_answer_without_code_is_refused),
    };
    return cmocka_run_group_tests_name("mfa_code", tests, NULL, NULL);
}

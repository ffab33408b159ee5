#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "util/text.h"

static void test_printable_text_is_copied(void **state)
{
    char out[32];

    assert_string_equal(pcg_sanitize("Incorrect password.", out, sizeof(out)),
                        "Incorrect password.");
}

static void test_control_and_high_bytes_become_question_marks(void **state)
{
    char out[32];

    assert_string_equal(pcg_sanitize("a\nb\tc\x1b[31m\xc3\xa9\x7f", out, sizeof(out)),
                        "a?b?c?[31m???");
}

static void test_long_text_is_cut_with_ellipsis(void **state)
{
    char out[8];

    assert_string_equal(pcg_sanitize("abcdefghijkl", out, sizeof(out)), "abcd...");
    assert_string_equal(pcg_sanitize("abcdefg", out, sizeof(out)), "abcdefg");
}

static void test_null_input_is_marked(void **state)
{
    char out[8];

    assert_string_equal(pcg_sanitize(NULL, out, sizeof(out)), "(null)");
}

static void test_tiny_buffers_stay_terminated(void **state)
{
    char out[2] = { 'x', 'x' };

    assert_string_equal(pcg_sanitize("hello", out, 1), "");
    assert_string_equal(pcg_sanitize("hello", out, 2), "h");
}

static void test_utf8_length_counts_characters(void **state)
{
    assert_int_equal(pcg_utf8_length(""), 0);
    assert_int_equal(pcg_utf8_length("abc"), 3);
    assert_int_equal(pcg_utf8_length("\xc3\xa9t\xc3\xa9"), 3);   /* été */
    assert_int_equal(pcg_utf8_length("\xf0\x9f\x94\x91key"), 4); /* a 4-byte emoji */
}

static void test_c1_controls_are_found(void **state)
{
    assert_true(pcg_utf8_has_c1_control("eve\xc2\x9b"
                                        "2J")); /* 8-bit CSI */
    assert_true(pcg_utf8_has_c1_control("\xc2\x80"));
    assert_false(pcg_utf8_has_c1_control("\xc2\xa0nbsp")); /* U+00A0 is no control */
    assert_false(pcg_utf8_has_c1_control("\xc3\xa9l\xc3\xa8ve"));
    assert_false(pcg_utf8_has_c1_control("plain"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printable_text_is_copied),
        cmocka_unit_test(test_control_and_high_bytes_become_question_marks),
        cmocka_unit_test(test_long_text_is_cut_with_ellipsis),
        cmocka_unit_test(test_null_input_is_marked),
        cmocka_unit_test(test_tiny_buffers_stay_terminated),
        cmocka_unit_test(test_utf8_length_counts_characters),
        cmocka_unit_test(test_c1_controls_are_found),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

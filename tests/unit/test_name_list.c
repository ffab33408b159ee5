/* Lists inside strings, as Cognito sends MFAS_CAN_CHOOSE and requiredAttributes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "util/name_list.h"

static void test_list_of_names_is_read_in_order(void **state)
{
    char **names = NULL;
    size_t n = 0;

    assert_int_equal(pcg_name_list_parse("[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]", 8, &names, &n),
                     PCG_NAME_LIST_OK);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "SMS_MFA");
    assert_string_equal(names[1], "SOFTWARE_TOKEN_MFA");
    pcg_name_list_free(names, n);
    assert_int_equal(pcg_name_list_parse(" [ \"userAttributes.email\" ]\n", 4, &names, &n),
                     PCG_NAME_LIST_OK);
    assert_int_equal(n, 1);
    assert_string_equal(names[0], "userAttributes.email");
    pcg_name_list_free(names, n);
}

static void test_empty_list_is_no_names(void **state)
{
    char **names = (char **)1;
    size_t n = 7;

    assert_int_equal(pcg_name_list_parse("[]", 4, &names, &n), PCG_NAME_LIST_OK);
    assert_int_equal(n, 0);
    assert_null(names);
}

static void test_anything_else_is_refused(void **state)
{
    static const char *bad[] = {
        "",
        "SMS_MFA",
        "\"SMS_MFA\"",
        "{\"a\":\"b\"}",
        "[\"SMS_MFA\"",
        "[\"SMS_MFA\"]]",
        "[\"SMS_MFA\"] x",
        "[\"a\", 5]",
        "[\"a\", null]",
        "[[\"a\"]]",
        "[\"\"]",
        "[\"two words\"]",
        "[\"tab\\there\"]",
        "[\"nul\\u0000x\"]",
        "[\"caf\\u00e9\"]",
        "[\"a\",]",
        "[\"a\" \"b\"]",
    };
    char **names = NULL;
    size_t n = 0;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (pcg_name_list_parse(bad[i], 8, &names, &n) != PCG_NAME_LIST_BAD)
            fail_msg("accepted [%s]", bad[i]);
        assert_null(names);
        assert_int_equal(n, 0);
    }
    assert_int_equal(pcg_name_list_parse(NULL, 8, &names, &n), PCG_NAME_LIST_BAD);
}

static void test_limits(void **state)
{
    char text[PCG_NAME_LIST_MAX_TEXT + 64], name[PCG_NAME_MAX + 2];
    char **names = NULL;
    size_t n = 0;

    assert_int_equal(pcg_name_list_parse("[\"a\",\"b\",\"c\"]", 2, &names, &n),
                     PCG_NAME_LIST_TOO_MANY);
    assert_null(names);
    memset(name, 'x', sizeof(name) - 1);
    name[PCG_NAME_MAX] = '\0';
    snprintf(text, sizeof(text), "[\"%s\"]", name);
    assert_int_equal(pcg_name_list_parse(text, 1, &names, &n), PCG_NAME_LIST_OK);
    pcg_name_list_free(names, n);
    name[PCG_NAME_MAX] = 'x';
    name[PCG_NAME_MAX + 1] = '\0';
    snprintf(text, sizeof(text), "[\"%s\"]", name);
    assert_int_equal(pcg_name_list_parse(text, 1, &names, &n), PCG_NAME_LIST_BAD);
    memset(text, ' ', sizeof(text) - 1);
    text[0] = '[';
    memcpy(text + PCG_NAME_LIST_MAX_TEXT - 1, "]", 2);
    assert_int_equal(pcg_name_list_parse(text, 1, &names, &n), PCG_NAME_LIST_OK);
    memcpy(text + PCG_NAME_LIST_MAX_TEXT - 1, " ]", 3);
    assert_int_equal(pcg_name_list_parse(text, 1, &names, &n), PCG_NAME_LIST_BAD);
}

static void test_deep_nesting_is_refused_without_recursion(void **state)
{
    char text[2048];
    char **names = NULL;
    size_t n = 0;

    memset(text, '[', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    assert_int_equal(pcg_name_list_parse(text, 8, &names, &n), PCG_NAME_LIST_BAD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_of_names_is_read_in_order),
        cmocka_unit_test(test_empty_list_is_no_names),
        cmocka_unit_test(test_anything_else_is_refused),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_deep_nesting_is_refused_without_recursion),
    };
    return cmocka_run_group_tests_name("name_list", tests, NULL, NULL);
}

/* conf/method_list: the ordered lists of named methods behind first_factor and mfa_preference. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "conf/method_list.h"

enum { KEY, MAIL, TEXT, N_METHODS };

static const struct pcg_method methods[N_METHODS] = {
    [KEY] = { "key", { "KEY_SRP", "KEY_PLAIN" } },
    [MAIL] = { "mail", { "MAIL_OTP", NULL } },
    [TEXT] = { "text", { "TEXT_OTP", NULL } },
};

static const struct pcg_method_table table = {
    methods,
    N_METHODS,
    "twice",
    "expected key, mail and text",
};

static void test_parse_keeps_the_order_given(void **state)
{
    unsigned char order[N_METHODS] = { 0 };
    size_t n = 0;

    (void)state;
    assert_null(pcg_method_list_parse(&table, " text ,key", order, &n));
    assert_int_equal(n, 2);
    assert_int_equal(order[0], TEXT);
    assert_int_equal(order[1], KEY);
    assert_null(pcg_method_list_parse(&table, "mail", order, &n));
    assert_int_equal(n, 1);
    assert_int_equal(order[0], MAIL);
}

static void test_parse_refusals_name_the_table_reason(void **state)
{
    static const char *const bad[] = { "", "key,", "KEY", "key;mail", "push", "key,,mail" };
    unsigned char order[N_METHODS] = { MAIL, KEY, TEXT };
    size_t n = 3;

    (void)state;
    assert_string_equal(pcg_method_list_parse(&table, "key,text,key", order, &n), "twice");
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_string_equal(pcg_method_list_parse(&table, bad[i], order, &n),
                            "expected key, mail and text");
    assert_string_equal(pcg_method_list_parse(&table, NULL, order, &n),
                        "expected key, mail and text");
    assert_int_equal(n, 3);
    assert_int_equal(order[0], MAIL);
}

static void test_choose_goes_by_order_then_by_names(void **state)
{
    unsigned char order[] = { MAIL, KEY };
    char *both_keys[] = { "KEY_PLAIN", "KEY_SRP", "TEXT_OTP" };
    char *plain[] = { "TEXT_OTP", "KEY_PLAIN" };
    char *mail[] = { "KEY_SRP", "MAIL_OTP" };

    (void)state;
    assert_string_equal(pcg_method_list_choose(&table, order, 2, PCG_METHODS_ALL, both_keys, 3),
                        "KEY_SRP");
    assert_string_equal(pcg_method_list_choose(&table, order, 2, PCG_METHODS_ALL, plain, 2),
                        "KEY_PLAIN");
    assert_string_equal(pcg_method_list_choose(&table, order, 2, PCG_METHODS_ALL, mail, 2),
                        "MAIL_OTP");
    assert_string_equal(pcg_method_list_choose(&table, order, 2, 1u << KEY, mail, 2), "KEY_SRP");
    assert_null(pcg_method_list_choose(&table, order, 2, 1u << TEXT, both_keys, 3));
    assert_null(pcg_method_list_choose(&table, order, 1, PCG_METHODS_ALL, both_keys, 3));
    assert_null(pcg_method_list_choose(&table, order, 2, PCG_METHODS_ALL, NULL, 0));
}

static void test_has_and_word(void **state)
{
    unsigned char order[] = { TEXT, MAIL };

    (void)state;
    assert_true(pcg_method_list_has(order, 2, MAIL));
    assert_false(pcg_method_list_has(order, 2, KEY));
    assert_false(pcg_method_list_has(order, 1, MAIL));
    assert_string_equal(pcg_method_word(&table, TEXT), "text");
    assert_string_equal(pcg_method_word(&table, N_METHODS), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_keeps_the_order_given),
        cmocka_unit_test(test_parse_refusals_name_the_table_reason),
        cmocka_unit_test(test_choose_goes_by_order_then_by_names),
        cmocka_unit_test(test_has_and_word),
    };

    return cmocka_run_group_tests_name("method_list", tests, NULL, NULL);
}

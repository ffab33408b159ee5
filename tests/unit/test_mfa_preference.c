/* mfa_preference: parsing the option and picking a method from MFAS_CAN_CHOOSE. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "conf/mfa_preference.h"

static void test_parse_orders_and_subsets(void **state)
{
    struct pcg_mfa_preference p;

    assert_null(pcg_mfa_preference_parse("sms, totp", &p));
    assert_int_equal(p.n, 2);
    assert_int_equal(p.order[0], PCG_MFA_SMS);
    assert_int_equal(p.order[1], PCG_MFA_TOTP);
    assert_null(pcg_mfa_preference_parse(" email ", &p));
    assert_int_equal(p.n, 1);
    assert_int_equal(p.order[0], PCG_MFA_EMAIL);
    assert_null(pcg_mfa_preference_parse("totp,email,sms", &p));
    assert_int_equal(p.n, 3);
}

static void test_parse_refusals_leave_the_value(void **state)
{
    static const char *bad[] = { "",    "totp,",     ",totp",     "totp,,sms", "TOTP",
                                 "otp", "totp,totp", "sms email", "totp;sms" };
    struct pcg_mfa_preference p = PCG_MFA_PREFERENCE_DEFAULT;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (pcg_mfa_preference_parse(bad[i], &p) == NULL)
            fail_msg("accepted [%s]", bad[i]);
        assert_int_equal(p.n, 3);
        assert_int_equal(p.order[0], PCG_MFA_TOTP);
    }
    assert_non_null(pcg_mfa_preference_parse(NULL, &p));
}

static void test_choose_follows_the_preference(void **state)
{
    struct pcg_mfa_preference def = PCG_MFA_PREFERENCE_DEFAULT, p;
    char *all[] = { "SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA" };
    char *phone[] = { "SMS_MFA", "EMAIL_OTP" };
    char *odd[] = { "WEB_AUTHN", "SMS_MFA" };

    assert_string_equal(pcg_mfa_choose(&def, all, 3, false), "SOFTWARE_TOKEN_MFA");
    assert_string_equal(pcg_mfa_choose(&def, phone, 2, false), "EMAIL_OTP");
    assert_string_equal(pcg_mfa_choose(&def, odd, 2, false), "SMS_MFA");
    assert_null(pcg_mfa_preference_parse("sms,email", &p));
    assert_string_equal(pcg_mfa_choose(&p, all, 3, false), "SMS_MFA");
    assert_null(pcg_mfa_preference_parse("totp", &p));
    assert_null(pcg_mfa_choose(&p, phone, 2, false));
    /* single_prompt: only an app's code can come with the password. */
    assert_null(pcg_mfa_choose(&def, phone, 2, true));
    assert_string_equal(pcg_mfa_choose(&def, all, 3, true), "SOFTWARE_TOKEN_MFA");
    assert_null(pcg_mfa_choose(&def, NULL, 0, false));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_orders_and_subsets),
        cmocka_unit_test(test_parse_refusals_leave_the_value),
        cmocka_unit_test(test_choose_follows_the_preference),
    };
    return cmocka_run_group_tests_name("mfa_preference", tests, NULL, NULL);
}

#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <json-c/json.h>

#include "cognito/retry_policy.h"

static struct json_object *request(const char *key, const char *value)
{
    struct json_object *req = json_object_new_object();

    assert_non_null(req);
    if (key != NULL)
        assert_int_equal(json_object_object_add(req, key, json_object_new_string(value)), 0);
    return req;
}

static bool may_repeat(const char *operation, const char *key, const char *value)
{
    struct json_object *req = request(key, value);
    bool r = pcg_may_repeat(operation, req);

    json_object_put(req);
    return r;
}

static void test_srp_start_may_be_repeated_a_password_may_not(void **state)
{
    assert_true(may_repeat("InitiateAuth", "AuthFlow", "USER_SRP_AUTH"));
    assert_false(may_repeat("InitiateAuth", "AuthFlow", "USER_PASSWORD_AUTH"));
    assert_false(may_repeat("InitiateAuth", NULL, NULL));
}

static void test_answers_codes_and_password_changes_are_never_repeated(void **state)
{
    assert_false(may_repeat("RespondToAuthChallenge", "ChallengeName", "PASSWORD_VERIFIER"));
    assert_false(may_repeat("RespondToAuthChallenge", "ChallengeName", "SOFTWARE_TOKEN_MFA"));
    assert_false(may_repeat("VerifySoftwareToken", "AccessToken", "t"));
    assert_false(may_repeat("ChangePassword", "AccessToken", "t"));
}

static void test_association_is_repeated_only_without_a_session(void **state)
{
    assert_true(may_repeat("AssociateSoftwareToken", "AccessToken", "t"));
    assert_false(may_repeat("AssociateSoftwareToken", "Session", "s"));
}

static void test_reads_and_preferences_are_repeated(void **state)
{
    assert_true(may_repeat("GetUser", "AccessToken", "t"));
    assert_true(may_repeat("SetUserMFAPreference", "AccessToken", "t"));
}

static void test_unknown_operations_are_never_repeated(void **state)
{
    assert_false(may_repeat("ForgotPassword", "Username", "u"));
    assert_false(may_repeat("getuser", "AccessToken", "t"));
    assert_false(pcg_may_repeat(NULL, NULL));
    assert_false(pcg_may_repeat("InitiateAuth", NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_srp_start_may_be_repeated_a_password_may_not),
        cmocka_unit_test(test_answers_codes_and_password_changes_are_never_repeated),
        cmocka_unit_test(test_association_is_repeated_only_without_a_session),
        cmocka_unit_test(test_reads_and_preferences_are_repeated),
        cmocka_unit_test(test_unknown_operations_are_never_repeated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

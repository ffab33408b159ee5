#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "flow/outcome.h"

static void test_errors_map_to_verdicts(void **state)
{
    assert_int_equal(
        pcg_outcome_of_error("NotAuthorizedException", "Incorrect username or password.").verdict,
        PCG_VERDICT_DENIED);
    assert_int_equal(
        pcg_outcome_of_error("NotAuthorizedException", "Unable to verify secret hash for client x")
            .verdict,
        PCG_VERDICT_MISCONFIGURED);
    assert_string_equal(
        pcg_outcome_of_error("NotAuthorizedException", "Password attempts exceeded").tell,
        "Too many failed attempts. Wait a few minutes, then try again.");
    assert_int_equal(pcg_outcome_of_error("UserNotFoundException", "").verdict, PCG_VERDICT_DENIED);
    /* an unknown user and a wrong password tell the person the same */
    assert_string_equal(
        pcg_outcome_of_error("UserNotFoundException", "").tell,
        pcg_outcome_of_error("NotAuthorizedException", "Incorrect username or password.").tell);
    assert_int_equal(pcg_outcome_of_error("InvalidParameterException",
                                          "USER_PASSWORD_AUTH flow not enabled for this client")
                         .verdict,
                     PCG_VERDICT_MISCONFIGURED);
    assert_int_equal(pcg_outcome_of_error("TooManyRequestsException", "").verdict,
                     PCG_VERDICT_UNAVAILABLE);
    /* Too many tries of one account: a refusal, which failmode = safe must not soften. */
    assert_int_equal(pcg_outcome_of_error("LimitExceededException",
                                          "Attempt limit exceeded, please try after some time.")
                         .verdict,
                     PCG_VERDICT_DENIED);
    assert_int_equal(pcg_outcome_of_error("SomethingNewException", "").verdict, PCG_VERDICT_DENIED);
    assert_int_equal(pcg_outcome_of_error(NULL, NULL).verdict, PCG_VERDICT_DENIED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors_map_to_verdicts),
    };
    return cmocka_run_group_tests_name("outcome", tests, NULL, NULL);
}

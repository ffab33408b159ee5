/* Challenges answered with a one-time code: TOTP (SOFTWARE_TOKEN_MFA), SMS_MFA, EMAIL_OTP. */
#ifndef PCG_CODE_ANSWER_H
#define PCG_CODE_ANSWER_H

#include <json-c/json.h>
#include <stdbool.h>

#include "flow/login_step.h"

struct pcg_code_challenge {
    const char *challenge;    /* the ChallengeName answered */
    const char *response_key; /* its ChallengeResponses key for the code */
    const char *prompt;
    int min_digits, max_digits;
    const char *hint;    /* told after an answer that is not a code */
    const char *refusal; /* told when no answer was a code */
    bool from_app;       /* an authenticator app's code: single_prompt can supply it */
};

/*
 * Asks for a code and answers the challenge with it. An answer that is not
 * a code of the right length is asked again locally; a code Cognito calls
 * wrong is asked again in the same session, up to code_retries tries. A
 * right code marks the login as MFA done. Same contract as a challenge
 * handler (challenges.h).
 */
enum pcg_verdict pcg_answer_with_code(struct pcg_login *lg, const struct pcg_code_challenge *cc,
                                      struct json_object **next);

#endif

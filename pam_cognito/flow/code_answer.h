/*
 * One-time codes at the prompt: asking until the answer has a code's shape,
 * for every code the module asks for (TOTP, SMS and email codes, the
 * enrolment code, the password reset code), and answering a challenge with
 * one (SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP, SMS_OTP).
 */
#ifndef PCG_CODE_ANSWER_H
#define PCG_CODE_ANSWER_H

#include <json-c/json.h>
#include <stdbool.h>

#include "flow/login_step.h"

/* How one code is asked for. */
struct pcg_code_question {
    const char *prompt;
    int min_digits, max_digits;
    const char *hint;           /* told after an answer that is not a code */
    const char *refusal;        /* told when no answer was a code */
    const char *prompt_note;    /* the log's name of the prompt, as in "no answer to the ..." */
    const char *malformed_note; /* logged when no answer was a code */
};

/*
 * Asks until the answer has the question's shape: an answer that is not a
 * code is asked again with the hint, three times at most; then the refusal
 * is told and the verdict is DENIED. code (len > max_digits) receives the
 * digits; the caller wipes it.
 */
enum pcg_verdict pcg_ask_code(struct pcg_login *lg, const struct pcg_code_question *q, char *code,
                              size_t len);

/* Longest destination shown; Cognito masks it, e.g. +*******1234 or a***@e***. */
#define PCG_DESTINATION_MAX 64

/*
 * Where Cognito says it sent a code (CODE_DELIVERY_DESTINATION, a
 * CodeDeliveryDetails' Destination), fit to show: sanitised into shown and
 * cut at PCG_DESTINATION_MAX. NULL when it did not say.
 */
const char *pcg_code_destination(const char *dest, char shown[PCG_DESTINATION_MAX + 1]);

/* Tells "Wrong code. N tries left." (left >= 1). */
void pcg_tell_code_tries_left(struct pcg_login *lg, int left);

struct pcg_code_challenge {
    const char *challenge;    /* the ChallengeName answered */
    const char *response_key; /* its ChallengeResponses key for the code */
    struct pcg_code_question question;
    bool from_app; /* an authenticator app's code: single_prompt can supply it */
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

#include "config.h"

#include "flow/challenge_delivered_code.h"

#include <stdio.h>

#include "flow/code_answer.h"
#include "cognito/json_util.h"
#include "util/text.h"

/* Cognito's SMS codes have 6 digits; its email codes 8 (amplify-js issue 14428). */
#define PCG_DELIVERED_MIN_DIGITS 6
#define PCG_DELIVERED_MAX_DIGITS 8
/* Longest destination shown; Cognito masks it, e.g. +*******1234 or a***@e***. */
#define PCG_DESTINATION_MAX 64

static enum pcg_verdict answer_delivered(struct pcg_login *lg, struct json_object *params,
                                         struct json_object **next, struct pcg_code_challenge *cc,
                                         const char *medium)
{
    const char *dest = pcg_json_get_string(params, "CODE_DELIVERY_DESTINATION");
    char shown[PCG_DESTINATION_MAX + 1], prompt[PCG_DESTINATION_MAX + 32];

    if (dest != NULL && dest[0] != '\0')
        snprintf(prompt, sizeof(prompt),
                 "Code sent to %s: ", pcg_sanitize(dest, shown, sizeof(shown)));
    else
        snprintf(prompt, sizeof(prompt), "Code sent by %s: ", medium);
    cc->prompt = prompt;
    cc->min_digits = PCG_DELIVERED_MIN_DIGITS;
    cc->max_digits = PCG_DELIVERED_MAX_DIGITS;
    cc->refusal = "That is not the code that was sent to you. Sign-in refused.";
    return pcg_answer_with_code(lg, cc, next);
}

enum pcg_verdict pcg_answer_sms_code(struct pcg_login *lg, struct json_object *params,
                                     struct json_object **next)
{
    struct pcg_code_challenge cc = {
        .challenge = "SMS_MFA",
        .response_key = "SMS_MFA_CODE",
        .hint = "Enter the code from the text message you just received.",
    };

    return answer_delivered(lg, params, next, &cc, "text message");
}

enum pcg_verdict pcg_answer_email_code(struct pcg_login *lg, struct json_object *params,
                                       struct json_object **next)
{
    struct pcg_code_challenge cc = {
        .challenge = "EMAIL_OTP",
        .response_key = "EMAIL_OTP_CODE",
        .hint = "Enter the code from the email you just received.",
    };

    return answer_delivered(lg, params, next, &cc, "email");
}

/* USER_AUTH's passwordless first factor by text message (EMAIL_OTP serves both uses). */
enum pcg_verdict pcg_answer_sms_otp(struct pcg_login *lg, struct json_object *params,
                                    struct json_object **next)
{
    struct pcg_code_challenge cc = {
        .challenge = "SMS_OTP",
        .response_key = "SMS_OTP_CODE",
        .hint = "Enter the code from the text message you just received.",
    };

    return answer_delivered(lg, params, next, &cc, "text message");
}

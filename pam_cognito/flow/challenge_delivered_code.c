#include "config.h"

#include "flow/challenge_delivered_code.h"

#include <stdio.h>
#include <string.h>

#include "flow/code_answer.h"
#include "cognito/json_util.h"

/* Cognito's SMS codes have 6 digits; its email codes 8 (amplify-js issue 14428). */
#define PCG_DELIVERED_MIN_DIGITS 6
#define PCG_DELIVERED_MAX_DIGITS 8

/* What differs between the challenges answered with a code Cognito sent. */
static const struct delivered_code {
    const char *challenge;
    const char *response_key;
    const char *medium; /* what the code came by, as the prompt and the hint name it */
} delivered_codes[] = {
    { "SMS_MFA", "SMS_MFA_CODE", "text message" },
    { "EMAIL_OTP", "EMAIL_OTP_CODE", "email" },
    /* USER_AUTH's passwordless first factor by text message (EMAIL_OTP serves both uses). */
    { "SMS_OTP", "SMS_OTP_CODE", "text message" },
};

static const struct delivered_code *delivered_code_of(const char *challenge)
{
    for (size_t i = 0;
         challenge != NULL && i < sizeof(delivered_codes) / sizeof(delivered_codes[0]); i++)
        if (strcmp(delivered_codes[i].challenge, challenge) == 0)
            return &delivered_codes[i];
    return NULL;
}

enum pcg_verdict pcg_answer_delivered_code(struct pcg_login *lg, struct json_object *params,
                                           struct json_object **next)
{
    const struct delivered_code *kind =
        delivered_code_of(pcg_json_get_string(lg->response, "ChallengeName"));
    char shown[PCG_DESTINATION_MAX + 1], prompt[PCG_DESTINATION_MAX + 32], hint[64];
    const char *where =
        pcg_code_destination(pcg_json_get_string(params, "CODE_DELIVERY_DESTINATION"), shown);
    struct pcg_code_challenge cc = {
        .question = {
            .prompt = prompt,
            .min_digits = PCG_DELIVERED_MIN_DIGITS,
            .max_digits = PCG_DELIVERED_MAX_DIGITS,
            .hint = hint,
            .refusal = "That is not the code that was sent to you. Sign-in refused.",
            .prompt_note = "code prompt",
            .malformed_note = "answers were not codes of the right length",
        },
    };

    if (kind == NULL)
        return PCG_VERDICT_INTERNAL;
    cc.challenge = kind->challenge;
    cc.response_key = kind->response_key;
    if (where != NULL)
        snprintf(prompt, sizeof(prompt), "Code sent to %s: ", where);
    else
        snprintf(prompt, sizeof(prompt), "Code sent by %s: ", kind->medium);
    snprintf(hint, sizeof(hint), "Enter the code from the %s you just received.", kind->medium);
    return pcg_answer_with_code(lg, &cc, next);
}

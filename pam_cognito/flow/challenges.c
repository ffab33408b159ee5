#include "config.h"

#include "flow/challenges.h"

#include <string.h>
#include <time.h>

#include "flow/challenge_custom.h"
#include "flow/challenge_delivered_code.h"
#include "flow/challenge_new_password.h"
#include "flow/challenge_select_challenge.h"
#include "flow/challenge_select_mfa.h"
#include "flow/code_answer.h"
#include "flow/mfa_code.h"
#include "cognito/json_util.h"
#include "util/secure.h"
#include "cognito/srp.h"
#include "cognito/srp_timestamp.h"
#include "flow/totp_enroll.h"

static const struct pcg_code_challenge software_token = {
    .challenge = "SOFTWARE_TOKEN_MFA",
    .response_key = "SOFTWARE_TOKEN_MFA_CODE",
    .question = {
        .min_digits = PCG_CODE_DIGITS,
        .max_digits = PCG_CODE_DIGITS,
        .hint = "Enter the 6-digit code from your authenticator app.",
        .refusal = "That is not a 6-digit code. Sign-in refused.",
        .prompt_note = "code prompt",
        .malformed_note = "answers were not codes of the right length",
    },
    .from_app = true,
};

static enum pcg_verdict answer_software_token(struct pcg_login *lg, struct json_object *params,
                                              struct json_object **next)
{
    struct pcg_code_challenge cc = software_token;

    cc.question.prompt = lg->conf->code_prompt;
    return pcg_answer_with_code(lg, &cc, next);
}

static enum pcg_verdict answer_password_verifier(struct pcg_login *lg, struct json_object *params,
                                                 struct json_object **next)
{
    const char *salt = pcg_json_get_string(params, "SALT");
    const char *srp_b = pcg_json_get_string(params, "SRP_B");
    const char *secret_block = pcg_json_get_string(params, "SECRET_BLOCK");
    char timestamp[PCG_SRP_TIMESTAMP_LEN];
    char signature[PCG_SRP_SIGNATURE_LEN];
    struct json_object *responses = NULL;
    struct pcg_api_error err;
    enum pcg_srp_status sst;
    enum pcg_status st;

    if (lg->srp == NULL || lg->user_id == NULL || salt == NULL || srp_b == NULL
        || secret_block == NULL) {
        pcg_login_note(lg, "bad_response", "PASSWORD_VERIFIER without SRP parameters");
        return PCG_VERDICT_UNAVAILABLE;
    }
    if (pcg_srp_timestamp(time(NULL), timestamp, sizeof(timestamp)) != 0)
        return PCG_VERDICT_INTERNAL;
    sst = pcg_srp_password_claim(lg->srp, lg->conf->pool_name, lg->user_id, lg->password, salt,
                                 srp_b, secret_block, timestamp, signature, sizeof(signature));
    if (sst == PCG_SRP_BAD_INPUT) {
        /* Cognito answers unknown users with such parameters (a negative SALT). */
        pcg_login_note(lg, "bad_srp_parameters", "SALT, SRP_B or SECRET_BLOCK unusable");
        pcg_login_tell(lg, "Incorrect username or password.");
        return PCG_VERDICT_DENIED;
    }
    if (sst != PCG_SRP_OK)
        return PCG_VERDICT_INTERNAL;
    responses = json_object_new_object();
    if (responses == NULL
        || pcg_json_add_string(responses, "PASSWORD_CLAIM_SIGNATURE", signature) != 0
        || pcg_json_add_string(responses, "PASSWORD_CLAIM_SECRET_BLOCK", secret_block) != 0
        || pcg_json_add_string(responses, "TIMESTAMP", timestamp) != 0) {
        pcg_wipe(signature, sizeof(signature));
        pcg_json_put_wiped(responses);
        return PCG_VERDICT_INTERNAL;
    }
    pcg_wipe(signature, sizeof(signature));
    st = pcg_login_respond(lg, "PASSWORD_VERIFIER", responses, next, &err);
    if (st != PCG_OK)
        return pcg_login_api_failure(lg, "RespondToAuthChallenge", st, &err);
    return PCG_VERDICT_SUCCESS;
}

static const struct {
    const char *name;
    pcg_challenge_fn fn;
} challenge_table[] = {
    { "PASSWORD_VERIFIER", answer_password_verifier },
    { "SOFTWARE_TOKEN_MFA", answer_software_token },
    { "SMS_MFA", pcg_answer_delivered_code },
    { "EMAIL_OTP", pcg_answer_delivered_code },
    { "SELECT_MFA_TYPE", pcg_answer_select_mfa_type },
    { "NEW_PASSWORD_REQUIRED", pcg_answer_new_password_required },
    { "MFA_SETUP", pcg_answer_mfa_setup },
    { "SELECT_CHALLENGE", pcg_answer_select_challenge },
    { "SMS_OTP", pcg_answer_delivered_code },
    { "CUSTOM_CHALLENGE", pcg_answer_custom_challenge },
};

pcg_challenge_fn pcg_challenge_lookup(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(challenge_table) / sizeof(challenge_table[0]); i++)
        if (strcmp(challenge_table[i].name, name) == 0)
            return challenge_table[i].fn;
    return NULL;
}

#include "config.h"

#include "challenges.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mfa_code.h"
#include "json_util.h"
#include "secure.h"
#include "srp.h"
#include "srp_timestamp.h"

/* Answers that are not six digits are asked again locally, this often at most. */
#define PCG_MAX_MALFORMED_CODES 3

/* Asks until the answer has the shape of a code; code receives the digits. */
static enum pcg_verdict ask_code(struct pcg_login *lg, const char *prompt, char *code, size_t len)
{
    if (lg->preset_code != NULL) {
        /* single_prompt: the code came with the password, and there is no second chance. */
        bool ok = pcg_mfa_code_normalize(lg->preset_code, code, len);

        lg->preset_code = NULL;
        if (ok)
            return PCG_VERDICT_SUCCESS;
    }
    if (lg->conf->single_prompt) {
        pcg_login_note(lg, "no_code", "single_prompt gives one code per login");
        return PCG_VERDICT_DENIED;
    }
    for (int malformed = 0; ; ) {
        char *typed = NULL;
        bool ok;

        if (lg->prompter->ask(lg->prompter->ctx, prompt, false, &typed) != 0 || typed == NULL) {
            pcg_login_note(lg, "conversation_failed", "no answer to the code prompt");
            return PCG_VERDICT_CONV_ERR;
        }
        ok = pcg_mfa_code_normalize(typed, code, len);
        pcg_free_secret(typed);
        if (ok)
            return PCG_VERDICT_SUCCESS;
        if (++malformed == PCG_MAX_MALFORMED_CODES) {
            pcg_login_note(lg, "malformed_code", "answers were not 6-digit codes");
            pcg_login_tell(lg, "That is not a 6-digit code. Sign-in refused.");
            return PCG_VERDICT_DENIED;
        }
        pcg_login_tell(lg, "Enter the 6-digit code from your authenticator app.");
    }
}

static bool is_wrong_code(const struct pcg_api_error *err)
{
    return strcmp(err->type, "CodeMismatchException") == 0
        || strcmp(err->type, "ExpiredCodeException") == 0;
}

/* Asks for a one-time code and answers challenge with it, retrying wrong codes in the same session. */
static enum pcg_verdict answer_with_code(struct pcg_login *lg, const char *challenge,
                                         const char *response_key, const char *prompt,
                                         struct json_object **next)
{
    int wrong = 0;

    for (;;) {
        char code[PCG_CODE_DIGITS + 1];
        char msg[96];
        struct json_object *responses;
        struct pcg_api_error err;
        enum pcg_status st;
        enum pcg_verdict v = ask_code(lg, prompt, code, sizeof(code));

        if (v != PCG_VERDICT_SUCCESS)
            return v;
        responses = json_object_new_object();
        if (responses == NULL || pcg_json_add_string(responses, response_key, code) != 0) {
            pcg_wipe(code, sizeof(code));
            pcg_json_put_wiped(responses);
            return PCG_VERDICT_INTERNAL;
        }
        pcg_wipe(code, sizeof(code));
        st = pcg_login_respond(lg, challenge, responses, next, &err);
        if (st == PCG_OK) {
            lg->result->mfa_done = true;
            return PCG_VERDICT_SUCCESS;
        }
        if (st != PCG_ERR_API || !is_wrong_code(&err))
            return pcg_login_api_failure(lg, "RespondToAuthChallenge", st, &err);
        if (++wrong >= lg->conf->code_retries || lg->conf->single_prompt) {
            pcg_login_note(lg, err.type, "no code tries left");
            pcg_login_tell(lg, lg->conf->single_prompt ? "Wrong password or code."
                                                       : "Wrong code. No tries left.");
            return PCG_VERDICT_DENIED;
        }
        snprintf(msg, sizeof(msg), "Wrong code. %d %s left.", lg->conf->code_retries - wrong,
                 lg->conf->code_retries - wrong == 1 ? "try" : "tries");
        pcg_login_tell(lg, msg);
    }
}

static enum pcg_verdict answer_software_token(struct pcg_login *lg, struct json_object *params,
                                              struct json_object **next)
{
    return answer_with_code(lg, "SOFTWARE_TOKEN_MFA", "SOFTWARE_TOKEN_MFA_CODE",
                            lg->conf->code_prompt, next);
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
    if (responses == NULL || pcg_json_add_string(responses, "PASSWORD_CLAIM_SIGNATURE", signature) != 0
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

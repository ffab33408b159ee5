#include "config.h"

#include "flow/code_answer.h"

#include <stdio.h>
#include <string.h>

#include "cognito/json_util.h"
#include "flow/mfa_code.h"
#include "util/secure.h"
#include "util/text.h"

/* Answers that are not codes are asked again locally, this often at most. */
#define PCG_MAX_MALFORMED_CODES 3

enum pcg_verdict pcg_ask_code(struct pcg_login *lg, const struct pcg_code_question *q, char *code,
                              size_t len)
{
    for (int malformed = 0;;) {
        char *typed = NULL, note[96];
        bool ok;

        if (lg->prompter->ask(lg->prompter->ctx, q->prompt, false, &typed) != 0 || typed == NULL) {
            snprintf(note, sizeof(note), "no answer to the %s", q->prompt_note);
            pcg_login_note(lg, "conversation_failed", note);
            return PCG_VERDICT_CONV_ERR;
        }
        ok = pcg_code_normalize(typed, q->min_digits, q->max_digits, code, len);
        pcg_free_secret(typed);
        if (ok)
            return PCG_VERDICT_SUCCESS;
        if (++malformed == PCG_MAX_MALFORMED_CODES) {
            pcg_login_note(lg, "malformed_code", q->malformed_note);
            pcg_login_tell(lg, q->refusal);
            return PCG_VERDICT_DENIED;
        }
        pcg_login_tell(lg, q->hint);
    }
}

const char *pcg_code_destination(const char *dest, char shown[PCG_DESTINATION_MAX + 1])
{
    if (dest == NULL || dest[0] == '\0')
        return NULL;
    return pcg_sanitize(dest, shown, PCG_DESTINATION_MAX + 1);
}

void pcg_tell_code_tries_left(struct pcg_login *lg, int left)
{
    char msg[64];

    snprintf(msg, sizeof(msg), "Wrong code. %d %s left.", left, left == 1 ? "try" : "tries");
    pcg_login_tell(lg, msg);
}

/* The challenge's code: single_prompt's, given with the password, or asked for now. */
static enum pcg_verdict challenge_code(struct pcg_login *lg, const struct pcg_code_challenge *cc,
                                       char *code, size_t len)
{
    const struct pcg_code_question *q = &cc->question;

    if (lg->preset_code != NULL && cc->from_app) {
        /* single_prompt: the code came with the password, and there is no second chance. */
        bool ok = pcg_code_normalize(lg->preset_code, q->min_digits, q->max_digits, code, len);

        lg->preset_code = NULL;
        if (ok)
            return PCG_VERDICT_SUCCESS;
    }
    if (lg->conf->single_prompt) {
        if (cc->from_app) {
            pcg_login_note(lg, "no_code", "single_prompt gives one code per login");
        } else {
            pcg_login_note(lg, "no_code",
                           "single_prompt cannot answer a code sent by SMS or email");
            pcg_login_tell(lg,
                           "This host takes the code together with the password, which works "
                           "only with an authenticator app. Ask your administrator.");
        }
        return PCG_VERDICT_DENIED;
    }
    return pcg_ask_code(lg, q, code, len);
}

static bool is_wrong_code(const struct pcg_api_error *err)
{
    return strcmp(err->type, "CodeMismatchException") == 0
        || strcmp(err->type, "ExpiredCodeException") == 0;
}

enum pcg_verdict pcg_answer_with_code(struct pcg_login *lg, const struct pcg_code_challenge *cc,
                                      struct json_object **next)
{
    int wrong = 0;

    for (;;) {
        char code[PCG_CODE_MAX_DIGITS + 1];
        struct json_object *responses;
        struct pcg_api_error err;
        enum pcg_status st;
        enum pcg_verdict v = challenge_code(lg, cc, code, sizeof(code));

        if (v != PCG_VERDICT_SUCCESS)
            return v;
        responses = json_object_new_object();
        if (responses == NULL || pcg_json_add_string(responses, cc->response_key, code) != 0) {
            pcg_wipe(code, sizeof(code));
            pcg_json_put_wiped(responses);
            return PCG_VERDICT_INTERNAL;
        }
        pcg_wipe(code, sizeof(code));
        st = pcg_login_respond(lg, cc->challenge, responses, next, &err);
        if (st == PCG_OK) {
            lg->result->mfa_done = true;
            return PCG_VERDICT_SUCCESS;
        }
        if (st != PCG_ERR_API || !is_wrong_code(&err))
            return pcg_login_api_failure(lg, "RespondToAuthChallenge", st, &err);
        if (++wrong >= lg->conf->code_retries || lg->conf->single_prompt) {
            pcg_login_note(lg, err.type, "no code tries left");
            pcg_login_tell(lg,
                           lg->conf->single_prompt ? "Wrong password or code."
                                                   : "Wrong code. No tries left.");
            return PCG_VERDICT_DENIED;
        }
        pcg_tell_code_tries_left(lg, lg->conf->code_retries - wrong);
    }
}

#include "config.h"

#include "flow/challenge_custom.h"

#include <stdio.h>
#include <string.h>

#include "conf/conf_values.h"
#include "cognito/json_util.h"
#include "util/secure.h"
#include "util/text.h"

/* Network input shown on a terminal: short, and printable ASCII only (pcg_sanitize). */
#define PCG_CUSTOM_TEXT_MAX 160
/* Longest answer sent back; Cognito's ChallengeResponses values are not meant for more. */
#define PCG_CUSTOM_ANSWER_MAX 2048

/* The prompt from the "prompt" parameter, sanitised and ending in a blank; else "Answer: ". */
static void make_prompt(const char *given, char *out, size_t outlen)
{
    size_t n;

    if (given == NULL || given[0] == '\0') {
        snprintf(out, outlen, "Answer: ");
        return;
    }
    pcg_sanitize(given, out, outlen - 1);
    n = strlen(out);
    if (n > 0 && out[n - 1] != ' ') {
        out[n] = ' ';
        out[n + 1] = '\0';
    }
}

static bool wants_echo(const char *value)
{
    bool b = false;

    return value != NULL && pcg_parse_bool(value, &b) && b;
}

static enum pcg_verdict ask_answer(struct pcg_login *lg, struct json_object *params, char **typed)
{
    const char *message = pcg_json_get_string(params, "message");
    char prompt[PCG_CUSTOM_TEXT_MAX + 2], shown[PCG_CUSTOM_TEXT_MAX + 1];

    if (lg->conf->single_prompt) {
        pcg_login_note(lg, "no_answer", "single_prompt cannot answer a custom challenge");
        pcg_login_tell(lg,
                       "This sign-in asks a question this host cannot show. Ask your "
                       "administrator.");
        return PCG_VERDICT_DENIED;
    }
    if (message != NULL && message[0] != '\0' && lg->prompter->info != NULL)
        (void)lg->prompter->info(lg->prompter->ctx, pcg_sanitize(message, shown, sizeof(shown)));
    make_prompt(pcg_json_get_string(params, "prompt"), prompt, sizeof(prompt));
    if (lg->prompter->ask(lg->prompter->ctx, prompt,
                          wants_echo(pcg_json_get_string(params, "echo")), typed)
            != 0
        || *typed == NULL) {
        pcg_login_note(lg, "conversation_failed", "no answer to a custom challenge");
        return PCG_VERDICT_CONV_ERR;
    }
    if (strlen(*typed) > PCG_CUSTOM_ANSWER_MAX || !pcg_utf8_valid(*typed, strlen(*typed))) {
        pcg_free_secret(*typed);
        *typed = NULL;
        pcg_login_note(lg, "unusable_answer", "longer than 2048 bytes or not UTF-8");
        pcg_login_tell(lg, "That answer cannot be used. Sign-in refused.");
        return PCG_VERDICT_DENIED;
    }
    return PCG_VERDICT_SUCCESS;
}

enum pcg_verdict pcg_answer_custom_challenge(struct pcg_login *lg, struct json_object *params,
                                             struct json_object **next)
{
    struct json_object *responses;
    struct pcg_api_error err;
    enum pcg_status st;
    char *typed = NULL;
    enum pcg_verdict v = ask_answer(lg, params, &typed);

    if (v != PCG_VERDICT_SUCCESS)
        return v;
    responses = json_object_new_object();
    if (responses == NULL || pcg_json_add_string(responses, "ANSWER", typed) != 0) {
        pcg_free_secret(typed);
        pcg_json_put_wiped(responses);
        return PCG_VERDICT_INTERNAL;
    }
    pcg_free_secret(typed);
    st = pcg_login_respond(lg, "CUSTOM_CHALLENGE", responses, next, &err);
    if (st != PCG_OK)
        return pcg_login_api_failure(lg, "RespondToAuthChallenge", st, &err);
    lg->result->mfa_done = true;
    return PCG_VERDICT_SUCCESS;
}

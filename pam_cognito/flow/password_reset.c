#include "config.h"

#include "flow/password_reset.h"

#include <stdio.h>
#include <string.h>

#include "cognito/json_util.h"
#include "flow/code_answer.h"
#include "flow/new_password.h"
#include "util/secure.h"

/* Cognito's reset codes have 6 digits; a custom message Lambda may make them longer. */
#define PCG_RESET_CODE_MIN 6
#define PCG_RESET_CODE_MAX 8

bool pcg_password_reset_possible(const struct pcg_login *lg)
{
    return lg->conf->password_reset && !lg->conf->single_prompt && !lg->prompter->quiet;
}

/* ClientId, UserContextData, Username and SecretHash: what both reset calls carry. */
static struct json_object *reset_request(const struct pcg_login *lg)
{
    struct json_object *req = json_object_new_object();

    if (req != NULL && pcg_login_add_account(lg, req) != 0) {
        pcg_json_put_wiped(req);
        req = NULL;
    }
    return req;
}

static enum pcg_verdict send_code(struct pcg_login *lg)
{
    struct json_object *req = reset_request(lg), *response = NULL, *details = NULL;
    struct pcg_api_error err = { 0 };
    char shown[PCG_DESTINATION_MAX + 1], msg[PCG_DESTINATION_MAX + 96];
    const char *dest = NULL, *where;
    enum pcg_verdict v;

    if (req == NULL)
        return PCG_VERDICT_INTERNAL;
    v = pcg_login_call(lg, "ForgotPassword", req, &response, &err);
    pcg_json_put_wiped(req);
    if (v != PCG_VERDICT_SUCCESS)
        return v;
    if (json_object_object_get_ex(response, "CodeDeliveryDetails", &details))
        dest = pcg_json_get_string(details, "Destination");
    where = pcg_code_destination(dest, shown);
    snprintf(msg, sizeof(msg), "A code to reset your password was sent to %s.",
             where != NULL ? where : "you");
    if (lg->prompter->info != NULL)
        (void)lg->prompter->info(lg->prompter->ctx, msg);
    pcg_json_put_wiped(response);
    return PCG_VERDICT_SUCCESS;
}

static const struct pcg_code_question reset_code = {
    .prompt = "Reset code: ",
    .min_digits = PCG_RESET_CODE_MIN,
    .max_digits = PCG_RESET_CODE_MAX,
    .hint = "Enter the code from the message you just received.",
    .refusal = "That is not the code that was sent to you. Your password was not changed.",
    .prompt_note = "reset code prompt",
    .malformed_note = "answers were not reset codes",
};

static enum pcg_verdict ask_password(struct pcg_login *lg, char **password)
{
    switch (pcg_ask_new_password(lg->prompter, PCG_NEW_PASSWORD_TRIES, password)) {
    case PCG_NEW_PASSWORD_OK:
        return PCG_VERDICT_SUCCESS;
    case PCG_NEW_PASSWORD_CONV_ERR:
        pcg_login_note(lg, "conversation_failed", "no answer to the new password prompt");
        return PCG_VERDICT_CONV_ERR;
    case PCG_NEW_PASSWORD_GAVE_UP:
        break;
    }
    pcg_login_note(lg, "new_password_not_confirmed", "the new password was not confirmed");
    pcg_login_tell(lg, "Your password was not changed.");
    return PCG_VERDICT_DENIED;
}

static enum pcg_status confirm(struct pcg_login *lg, const char *code, const char *password,
                               struct pcg_api_error *err)
{
    struct json_object *req = reset_request(lg), *response = NULL;
    enum pcg_status st;

    memset(err, 0, sizeof(*err));
    if (req == NULL || pcg_json_add_string(req, "ConfirmationCode", code) != 0
        || pcg_json_add_string(req, "Password", password) != 0) {
        pcg_json_put_wiped(req);
        return PCG_ERR_NOMEM;
    }
    st = pcg_login_request(lg, "ConfirmForgotPassword", req, &response, err);
    pcg_json_put_wiped(req);
    pcg_json_put_wiped(response);
    return st;
}

/* Code and new password until ConfirmForgotPassword takes them; each is asked again alone. */
static enum pcg_verdict confirm_loop(struct pcg_login *lg, char **password)
{
    char code[PCG_RESET_CODE_MAX + 1] = "", msg[PCG_ERROR_MESSAGE_MAX + 64];
    int wrong_codes = 0, refusals = 0;
    enum pcg_verdict v = PCG_VERDICT_SUCCESS;

    for (;;) {
        struct pcg_api_error err;
        enum pcg_status st;

        if (code[0] == '\0'
            && (v = pcg_ask_code(lg, &reset_code, code, sizeof(code))) != PCG_VERDICT_SUCCESS)
            break;
        if (*password == NULL && (v = ask_password(lg, password)) != PCG_VERDICT_SUCCESS)
            break;
        st = confirm(lg, code, *password, &err);
        if (st == PCG_OK)
            break;
        if (st == PCG_ERR_API && pcg_is_password_policy_error(&err)
            && ++refusals < PCG_NEW_PASSWORD_TRIES) {
            pcg_password_policy_message(&err, msg, sizeof(msg));
            pcg_login_tell(lg, msg);
            pcg_free_secret(*password);
            *password = NULL;
            continue;
        }
        if (st == PCG_ERR_API && strcmp(err.type, "CodeMismatchException") == 0
            && ++wrong_codes < lg->conf->code_retries) {
            pcg_tell_code_tries_left(lg, lg->conf->code_retries - wrong_codes);
            pcg_wipe(code, sizeof(code));
            continue;
        }
        if (st == PCG_ERR_API && pcg_is_password_policy_error(&err)) {
            pcg_password_policy_message(&err, msg, sizeof(msg));
            pcg_login_tell(lg, msg);
            pcg_login_note(lg, err.type, err.message);
            pcg_login_tell(lg, "Your password was not changed.");
            v = PCG_VERDICT_DENIED;
        } else if (st == PCG_ERR_API && strcmp(err.type, "ExpiredCodeException") == 0) {
            pcg_login_note(lg, err.type, err.message);
            pcg_login_tell(lg,
                           "That code has expired. Your password was not changed: sign in "
                           "again to get a new code.");
            v = PCG_VERDICT_DENIED;
        } else {
            v = pcg_login_api_failure(lg, "ConfirmForgotPassword", st, &err);
        }
        break;
    }
    pcg_wipe(code, sizeof(code));
    return v;
}

enum pcg_verdict pcg_reset_password(struct pcg_login *lg)
{
    char *password = NULL;
    enum pcg_verdict v;

    lg->reset_required = false;
    if (lg->prompter->info != NULL)
        (void)lg->prompter->info(lg->prompter->ctx,
                                 "Your password must be reset before you can sign in.");
    v = send_code(lg);
    if (v == PCG_VERDICT_SUCCESS)
        v = confirm_loop(lg, &password);
    if (v != PCG_VERDICT_SUCCESS) {
        pcg_free_secret(password);
        return v;
    }
    if (lg->prompter->info != NULL)
        (void)lg->prompter->info(lg->prompter->ctx, "Your password has been changed.");
    pcg_login_password_changed(lg, password);
    /* A fresh sign-in with the new password. */
    pcg_login_forget_challenge(lg);
    return PCG_VERDICT_SUCCESS;
}

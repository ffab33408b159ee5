#include "config.h"

#include "flow/change_password.h"

#include <stdbool.h>
#include <string.h>

#include "cognito/cognito_client.h"
#include "cognito/json_util.h"
#include "flow/bound_account.h"
#include "flow/new_password.h"
#include "util/secure.h"

struct change {
    const struct pcg_change_input *in;
    bool signed_in; /* the old password (and MFA) passed */
    char *new_password;
};

/* A new password: the one given, or asked twice. */
static enum pcg_verdict next_password(struct pcg_login *lg, const struct change *ch,
                                      char **password)
{
    if (ch->in->new_password != NULL) {
        *password = pcg_strdup_secret(ch->in->new_password);
        return *password != NULL ? PCG_VERDICT_SUCCESS : PCG_VERDICT_INTERNAL;
    }
    switch (pcg_ask_new_password(lg->prompter, PCG_NEW_PASSWORD_TRIES, password)) {
    case PCG_NEW_PASSWORD_OK:
        return PCG_VERDICT_SUCCESS;
    case PCG_NEW_PASSWORD_GAVE_UP:
        pcg_login_note(lg, "new_password_not_confirmed", "the new password was not confirmed");
        pcg_login_tell(lg, "Your password was not changed.");
        return PCG_VERDICT_DENIED;
    case PCG_NEW_PASSWORD_CONV_ERR:
        break;
    }
    pcg_login_note(lg, "conversation_failed", "no answer to the new password prompt");
    return PCG_VERDICT_CONV_ERR;
}

static enum pcg_status send_change(struct pcg_login *lg, const char *old_password,
                                   const char *password, struct pcg_api_error *err)
{
    struct json_object *req = json_object_new_object(), *response = NULL;
    enum pcg_status st = PCG_ERR_NOMEM;

    memset(err, 0, sizeof(*err));
    if (req == NULL || pcg_json_add_string(req, "PreviousPassword", old_password) != 0
        || pcg_json_add_string(req, "ProposedPassword", password) != 0
        || pcg_json_add_string(req, "AccessToken", lg->tokens.access_token) != 0)
        goto out;
    st = pcg_login_request(lg, "ChangePassword", req, &response, err);
out:
    pcg_json_put_wiped(req);
    pcg_json_put_wiped(response);
    return st;
}

/* Runs once signed in (login.h after_sign_in), with lg's access token and connection. */
static enum pcg_verdict change_after_sign_in(struct pcg_login *lg, void *ctx)
{
    struct change *ch = ctx;

    if (ch->in->bound_sub != NULL && ch->in->bound_sub[0] != '\0') {
        enum pcg_verdict v = pcg_check_bound_account(lg, ch->in->bound_sub);

        if (v != PCG_VERDICT_SUCCESS)
            return v;
    }
    ch->signed_in = true;
    for (int round = 1;; round++) {
        char *password = NULL, msg[PCG_ERROR_MESSAGE_MAX + 64];
        struct pcg_api_error err;
        enum pcg_status st;
        enum pcg_verdict v = next_password(lg, ch, &password);

        if (v != PCG_VERDICT_SUCCESS)
            return v;
        /* lg->password: the old one, or the one a password_reset set during the sign-in. */
        st = send_change(lg, lg->password, password, &err);
        if (st == PCG_OK) {
            ch->new_password = password;
            pcg_login_note(lg, "password_changed", "");
            return PCG_VERDICT_SUCCESS;
        }
        pcg_free_secret(password);
        if (st != PCG_ERR_API || !pcg_is_password_policy_error(&err))
            return pcg_login_api_failure(lg, "ChangePassword", st, &err);
        pcg_password_policy_message(&err, msg, sizeof(msg));
        pcg_login_tell(lg, msg);
        if (ch->in->new_password != NULL || round == PCG_NEW_PASSWORD_TRIES) {
            pcg_login_note(lg, err.type, err.message);
            pcg_login_tell(lg, "Your password was not changed.");
            return PCG_VERDICT_DENIED;
        }
    }
}

enum pcg_change_outcome pcg_change_password(const struct pcg_conf *conf,
                                            const struct pcg_change_input *in,
                                            const struct pcg_prompter *prompter,
                                            const struct pcg_log *log,
                                            struct pcg_login_result *result, char **new_password)
{
    struct change ch = { .in = in };
    struct pcg_login_input login = {
        .pam_user = in->pam_user,
        .password = in->old_password,
        .client_ip = in->client_ip,
        .after_sign_in = change_after_sign_in,
        .after_sign_in_ctx = &ch,
    };
    enum pcg_change_outcome outcome;

    switch (pcg_login_run(conf, &login, prompter, log, result, NULL)) {
    case PCG_VERDICT_SUCCESS:
        outcome = PCG_CHANGE_DONE;
        break;
    case PCG_VERDICT_DENIED:
        outcome = ch.signed_in ? PCG_CHANGE_NEW_REFUSED : PCG_CHANGE_SIGN_IN_REFUSED;
        break;
    case PCG_VERDICT_CONV_ERR:
        outcome = ch.signed_in ? PCG_CHANGE_NEW_REFUSED : PCG_CHANGE_SIGN_IN_CONV_ERR;
        break;
    case PCG_VERDICT_UNAVAILABLE:
        outcome = PCG_CHANGE_UNAVAILABLE;
        break;
    case PCG_VERDICT_MISCONFIGURED:
    case PCG_VERDICT_INTERNAL:
    default:
        outcome = PCG_CHANGE_FAILED;
        break;
    }
    if (outcome == PCG_CHANGE_DONE && new_password != NULL) {
        *new_password = ch.new_password;
        ch.new_password = NULL;
    }
    pcg_free_secret(ch.new_password);
    return outcome;
}

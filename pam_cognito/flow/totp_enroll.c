#include "config.h"

#include "flow/totp_enroll.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "display/enroll_display.h"
#include "flow/code_answer.h"
#include "cognito/json_util.h"
#include "flow/mfa_code.h"
#include "display/otpauth.h"
#include "util/secure.h"
#include "util/text.h"

#define PCG_HOST_NAME_MAX 256

#define MSG_ENROLL_OFF                                                         \
    "Your account needs an authenticator app, and this host does not set one " \
    "up. Ask your administrator."
#define MSG_NOT_OFFERED                                                   \
    "Your account needs a kind of multi-factor authentication this host " \
    "cannot set up. Ask your administrator."
#define MSG_NOT_INTERACTIVE                                            \
    "Setting up an authenticator app needs an interactive login, and " \
    "this one takes a single answer. Ask your administrator."
#define MSG_MFA_NOT_ASKED                                               \
    "This login requires multi-factor authentication, and the sign-in " \
    "service did not ask for it. Try again later or ask your administrator."
#define MSG_ALREADY_ENROLLED                                        \
    "Your account already has multi-factor authentication set up; " \
    "nothing was changed."
#define MSG_SILENT                                                        \
    "Setting up an authenticator app needs a login that shows messages. " \
    "Ask your administrator."

/* How VerifySoftwareToken and friends are authorised: a challenge Session or an access token. */
struct grant {
    const char *key;   /* "Session" or "AccessToken" */
    const char *value; /* borrowed; lg->session on the session path, replaced at each step */
};

static enum pcg_verdict refuse(struct pcg_login *lg, const char *reason, const char *detail,
                               const char *tell)
{
    pcg_login_note(lg, reason, detail);
    pcg_login_tell(lg, tell);
    return PCG_VERDICT_DENIED;
}

static enum pcg_verdict bad_response(struct pcg_login *lg, const char *what)
{
    pcg_login_note(lg, "bad_response", what);
    return PCG_VERDICT_UNAVAILABLE;
}

/* The printable host name: the default issuer and the FriendlyDeviceName. */
static void host_name(char *out, size_t len)
{
    char raw[PCG_HOST_NAME_MAX + 1] = "";

    if (gethostname(raw, sizeof(raw) - 1) != 0 || raw[0] == '\0')
        snprintf(raw, sizeof(raw), "localhost");
    pcg_sanitize(raw, out, len);
}

/* Replaces lg->session with the Session of response (the session path's next step). */
static enum pcg_verdict take_session(struct pcg_login *lg, struct json_object *response,
                                     struct grant *grant, const char *operation)
{
    const char *session = pcg_json_get_string(response, "Session");
    char what[96];

    if (session == NULL || session[0] == '\0' || strlen(session) > PCG_MAX_SESSION) {
        snprintf(what, sizeof(what), "%s without a usable Session", operation);
        return bad_response(lg, what);
    }
    pcg_free_secret(lg->session);
    lg->session = pcg_strdup_secret(session);
    if (lg->session == NULL)
        return PCG_VERDICT_INTERNAL;
    grant->value = lg->session;
    return PCG_VERDICT_SUCCESS;
}

static bool is_session(const struct grant *grant)
{
    return strcmp(grant->key, "Session") == 0;
}

/* AssociateSoftwareToken: *secret receives the checked SecretCode (free with pcg_free_secret). */
static enum pcg_verdict associate(struct pcg_login *lg, struct grant *grant, char **secret)
{
    struct json_object *req = json_object_new_object(), *response = NULL;
    struct pcg_api_error err;
    const char *code;
    enum pcg_verdict v = PCG_VERDICT_INTERNAL;

    if (req == NULL || pcg_json_add_string(req, grant->key, grant->value) != 0)
        goto out;
    v = pcg_login_call(lg, "AssociateSoftwareToken", req, &response, &err);
    if (v != PCG_VERDICT_SUCCESS)
        goto out;
    code = pcg_json_get_string(response, "SecretCode");
    if (!pcg_totp_secret_valid(code)) {
        v = bad_response(lg, "AssociateSoftwareToken sent no usable base32 SecretCode");
        goto out;
    }
    if (is_session(grant)) {
        v = take_session(lg, response, grant, "AssociateSoftwareToken");
        if (v != PCG_VERDICT_SUCCESS)
            goto out;
    }
    *secret = pcg_strdup_secret(code);
    v = *secret != NULL ? PCG_VERDICT_SUCCESS : PCG_VERDICT_INTERNAL;
out:
    pcg_json_put_wiped(req);
    pcg_json_put_wiped(response);
    return v;
}

static bool is_wrong_code(const struct pcg_api_error *err)
{
    return strcmp(err->type, "EnableSoftwareTokenMFAException") == 0
        || strcmp(err->type, "CodeMismatchException") == 0
        || strcmp(err->type, "ExpiredCodeException") == 0;
}

/* One VerifySoftwareToken. *wrong says Cognito refused the code and the grant is still usable. */
static enum pcg_verdict verify_once(struct pcg_login *lg, struct grant *grant, const char *code,
                                    bool *wrong)
{
    struct json_object *req = json_object_new_object(), *response = NULL;
    struct pcg_api_error err;
    char device[PCG_HOST_NAME_MAX + 1];
    const char *status;
    enum pcg_status st;
    enum pcg_verdict v = PCG_VERDICT_INTERNAL;

    *wrong = false;
    host_name(device, sizeof(device));
    if (req == NULL || pcg_json_add_string(req, grant->key, grant->value) != 0
        || pcg_json_add_string(req, "UserCode", code) != 0
        || pcg_json_add_string(req, "FriendlyDeviceName", device) != 0)
        goto out;
    st = pcg_login_request(lg, "VerifySoftwareToken", req, &response, &err);
    if (st == PCG_ERR_API && is_wrong_code(&err)) {
        *wrong = true;
        pcg_login_note(lg, err.type, "VerifySoftwareToken refused the code");
        v = PCG_VERDICT_DENIED;
        goto out;
    }
    if (st != PCG_OK) {
        v = pcg_login_api_failure(lg, "VerifySoftwareToken", st, &err);
        goto out;
    }
    status = pcg_json_get_string(response, "Status");
    if (status == NULL) {
        v = bad_response(lg, "VerifySoftwareToken answered without a Status");
        goto out;
    }
    if (strcmp(status, "SUCCESS") != 0) {
        v = refuse(lg, "verify_failed", "VerifySoftwareToken did not answer SUCCESS",
                   "The authenticator app could not be set up. Sign-in refused.");
        goto out;
    }
    v = is_session(grant) ? take_session(lg, response, grant, "VerifySoftwareToken")
                          : PCG_VERDICT_SUCCESS;
out:
    pcg_json_put_wiped(req);
    pcg_json_put_wiped(response);
    return v;
}

/* Asks for the first code until Cognito accepts one, code_retries tries at most. */
static enum pcg_verdict verify(struct pcg_login *lg, struct grant *grant)
{
    for (int wrong = 0;;) {
        struct pcg_code_question question = {
            .prompt = lg->conf->code_prompt,
            .min_digits = PCG_CODE_DIGITS,
            .max_digits = PCG_CODE_DIGITS,
            .hint = "Enter the 6-digit code your authenticator app shows for the new account.",
            .refusal = "That is not a 6-digit code. The authenticator app was not set up.",
            .prompt_note = "enrolment code prompt",
            .malformed_note = "enrolment answers were not 6-digit codes",
        };
        char code[PCG_CODE_DIGITS + 1];
        bool mismatch;
        enum pcg_verdict v = pcg_ask_code(lg, &question, code, sizeof(code));

        if (v != PCG_VERDICT_SUCCESS)
            return v;
        v = verify_once(lg, grant, code, &mismatch);
        pcg_wipe(code, sizeof(code));
        if (!mismatch)
            return v;
        if (++wrong >= lg->conf->code_retries) {
            pcg_login_tell(lg, "Wrong code. No tries left.");
            return PCG_VERDICT_DENIED;
        }
        pcg_tell_code_tries_left(lg, lg->conf->code_retries - wrong);
    }
}

/* Associate, show, verify: the steps both paths share. */
static enum pcg_verdict enrol(struct pcg_login *lg, struct grant *grant)
{
    char issuer[PCG_HOST_NAME_MAX + 1];
    char *secret = NULL, *display = NULL;
    enum pcg_verdict v = associate(lg, grant, &secret);

    if (v != PCG_VERDICT_SUCCESS)
        goto out;
    if (lg->conf->totp_issuer != NULL)
        snprintf(issuer, sizeof(issuer), "%s", lg->conf->totp_issuer);
    else
        host_name(issuer, sizeof(issuer));
    display = pcg_enroll_display(issuer, lg->username, secret, lg->conf->qr);
    if (display == NULL) {
        v = PCG_VERDICT_INTERNAL;
        pcg_login_note(lg, "out_of_memory", "building the enrolment display");
        goto out;
    }
    if (lg->prompter->info(lg->prompter->ctx, display) != 0) {
        v = PCG_VERDICT_CONV_ERR;
        pcg_login_note(lg, "conversation_failed", "cannot show the enrolment");
        goto out;
    }
    v = verify(lg, grant);
out:
    pcg_free_secret(secret);
    pcg_free_secret(display);
    return v;
}

static void enrolled(struct pcg_login *lg)
{
    char user[PCG_HOST_NAME_MAX], device[PCG_HOST_NAME_MAX + 1];

    lg->result->mfa_done = true;
    lg->result->enrolled = true;
    host_name(device, sizeof(device));
    pcg_log(lg->log, LOG_NOTICE, "user=%s set up an authenticator app (TOTP, device %s)",
            pcg_sanitize(lg->username, user, sizeof(user)), device);
}

/* Refuses, before anything is set up, a login where the enrolment could not be seen or answered. */
static bool cannot_show(struct pcg_login *lg, enum pcg_verdict *v)
{
    if (lg->conf->single_prompt)
        *v = refuse(lg, "enroll_not_interactive", "no MFA on this account, and single_prompt",
                    MSG_NOT_INTERACTIVE);
    else if (lg->prompter->quiet)
        *v = refuse(lg, "enroll_silent",
                    "no MFA on this account, and the application asked for "
                    "no messages (PAM_SILENT)",
                    MSG_SILENT);
    else
        return false;
    return true;
}

/* Whether the MFAS_CAN_SETUP parameter (a JSON list inside a string) offers SOFTWARE_TOKEN_MFA. */
static bool offers_software_token(struct json_object *params)
{
    const char *list = pcg_json_get_string(params, "MFAS_CAN_SETUP");
    struct json_object *kinds;
    bool found = false;

    if (list == NULL)
        return false;
    kinds = json_tokener_parse(list);
    if (json_object_is_type(kinds, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(kinds) && !found; i++) {
            struct json_object *kind = json_object_array_get_idx(kinds, i);
            found = json_object_is_type(kind, json_type_string)
                && strcmp(json_object_get_string(kind), "SOFTWARE_TOKEN_MFA") == 0;
        }
    }
    json_object_put(kinds);
    return found;
}

enum pcg_verdict pcg_answer_mfa_setup(struct pcg_login *lg, struct json_object *params,
                                      struct json_object **next)
{
    struct grant grant = { "Session", lg->session };
    struct json_object *responses;
    struct pcg_api_error err;
    enum pcg_status st;
    enum pcg_verdict v;

    if (!lg->conf->enroll)
        return refuse(lg, "enroll_disabled", "MFA_SETUP asked and enroll = no", MSG_ENROLL_OFF);
    /* Whoever set up the factor would own the account: only after a secret was proven. */
    if (!lg->secret_sent)
        return refuse(lg, "no_secret_proven", "MFA_SETUP before any password, code or answer",
                      "Sign-in was refused.");
    if (!offers_software_token(params))
        return refuse(lg, "mfa_setup_unsupported",
                      "MFAS_CAN_SETUP does not offer SOFTWARE_TOKEN_MFA", MSG_NOT_OFFERED);
    if (cannot_show(lg, &v))
        return v;
    v = enrol(lg, &grant);
    if (v != PCG_VERDICT_SUCCESS)
        return v;
    responses = json_object_new_object();
    if (responses == NULL)
        return PCG_VERDICT_INTERNAL;
    st = pcg_login_respond(lg, "MFA_SETUP", responses, next, &err);
    if (st != PCG_OK)
        return pcg_login_api_failure(lg, "RespondToAuthChallenge", st, &err);
    enrolled(lg);
    return PCG_VERDICT_SUCCESS;
}

static enum pcg_verdict prefer_software_token(struct pcg_login *lg)
{
    struct json_object *req = json_object_new_object(), *settings = json_object_new_object();
    struct json_object *enabled = json_object_new_boolean(1);
    struct json_object *preferred = json_object_new_boolean(1);
    struct json_object *response = NULL;
    struct pcg_api_error err;
    enum pcg_verdict v = PCG_VERDICT_INTERNAL;

    if (req == NULL || settings == NULL || enabled == NULL || preferred == NULL
        || json_object_object_add(settings, "Enabled", enabled) != 0)
        goto out;
    enabled = NULL;
    if (json_object_object_add(settings, "PreferredMfa", preferred) != 0)
        goto out;
    preferred = NULL;
    if (pcg_json_add_string(req, "AccessToken", lg->tokens.access_token) != 0
        || json_object_object_add(req, "SoftwareTokenMfaSettings", settings) != 0)
        goto out;
    settings = NULL;
    v = pcg_login_call(lg, "SetUserMFAPreference", req, &response, &err);
out:
    json_object_put(enabled);
    json_object_put(preferred);
    json_object_put(settings);
    pcg_json_put_wiped(req);
    pcg_json_put_wiped(response);
    return v;
}

/*
 * GetUser: *any tells whether the user has an MFA method (an entry of
 * UserMFASettingList or of the retired MFAOptions, which only ever listed
 * SMS, or a PreferredMfaSetting); factors receives their names for the log,
 * comma-separated and sanitised. Whatever the entries say, they count.
 */
static enum pcg_verdict existing_factors(struct pcg_login *lg, bool *any, char *factors, size_t len)
{
    static const char *const lists[] = { "UserMFASettingList", "MFAOptions" };
    struct json_object *req = json_object_new_object(), *response = NULL, *list;
    struct pcg_api_error err;
    const char *preferred;
    size_t used = 0;
    enum pcg_verdict v = PCG_VERDICT_INTERNAL;

    *any = false;
    factors[0] = '\0';
    if (req == NULL || pcg_json_add_string(req, "AccessToken", lg->tokens.access_token) != 0)
        goto out;
    v = pcg_login_call(lg, "GetUser", req, &response, &err);
    if (v != PCG_VERDICT_SUCCESS)
        goto out;
    for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
        if (!json_object_object_get_ex(response, lists[k], &list)
            || json_object_is_type(list, json_type_null))
            continue;
        if (!json_object_is_type(list, json_type_array)) {
            v = bad_response(lg, "GetUser sent an MFA list that is not a list");
            goto out;
        }
        for (size_t i = 0; i < json_object_array_length(list); i++) {
            struct json_object *item = json_object_array_get_idx(list, i), *medium;
            const char *name =
                json_object_is_type(item, json_type_string) ? json_object_get_string(item) : NULL;
            char safe[40];

            /* MFAOptions holds {DeliveryMedium, AttributeName} objects. */
            if (name == NULL && json_object_object_get_ex(item, "DeliveryMedium", &medium))
                name = json_object_is_type(medium, json_type_string)
                    ? json_object_get_string(medium)
                    : "MFAOptions";
            if (name == NULL || name[0] == '\0')
                name = "unknown";
            *any = true;
            used += (size_t)snprintf(factors + used, used < len ? len - used : 0, "%s%s",
                                     used ? "," : "", pcg_sanitize(name, safe, sizeof(safe)));
            if (used >= len)
                used = len; /* cut: what fits is logged */
        }
    }
    preferred = pcg_json_get_string(response, "PreferredMfaSetting");
    if (preferred != NULL && !*any) {
        char safe[40];

        *any = true;
        snprintf(factors, len, "%s",
                 pcg_sanitize(preferred[0] ? preferred : "unknown", safe, sizeof(safe)));
    }
out:
    pcg_json_put_wiped(req);
    pcg_json_put_wiped(response);
    return v;
}

enum pcg_verdict pcg_enroll_signed_in(struct pcg_login *lg, bool may_replace)
{
    struct grant grant = { "AccessToken", lg->tokens.access_token };
    char factors[128], detail[PCG_ERROR_MESSAGE_MAX];
    bool any;
    enum pcg_verdict v;

    if (lg->result->enrolled)
        return PCG_VERDICT_SUCCESS;
    /* A password alone must never replace a second factor (adaptive authentication may skip it). */
    v = existing_factors(lg, &any, factors, sizeof(factors));
    if (v != PCG_VERDICT_SUCCESS)
        return v;
    if (any && !lg->result->mfa_done) {
        snprintf(detail, sizeof(detail),
                 "signed in without an MFA challenge, and the account has "
                 "MFA set up (%s): not enrolling",
                 factors);
        return refuse(lg, "mfa_not_asked", detail, MSG_MFA_NOT_ASKED);
    }
    if (any && !may_replace) {
        snprintf(detail, sizeof(detail), "the account already has MFA set up (%s)", factors);
        return refuse(lg, "already_enrolled", detail, MSG_ALREADY_ENROLLED);
    }
    if (cannot_show(lg, &v))
        return v;
    v = enrol(lg, &grant);
    if (v == PCG_VERDICT_SUCCESS)
        v = prefer_software_token(lg);
    if (v == PCG_VERDICT_SUCCESS)
        enrolled(lg);
    return v;
}

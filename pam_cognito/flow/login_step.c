/* One sign-in's state and the calls its steps make (login_step.h). */
#include "config.h"

#include "flow/login_step.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/outcome.h"
#include "cognito/json_util.h"
#include "cognito/secret_hash.h"
#include "util/secure.h"
#include "cognito/srp.h"
#include "flow/new_password.h"
#include "util/text.h"

#define PCG_MAX_PASSWORD_BYTES (4 * PCG_PASSWORD_MAX)

void pcg_tokens_clear(struct pcg_tokens *tokens)
{
    if (tokens == NULL)
        return;
    pcg_free_secret(tokens->access_token);
    pcg_free_secret(tokens->id_token);
    pcg_free_secret(tokens->refresh_token);
    memset(tokens, 0, sizeof(*tokens));
}

void pcg_login_note(struct pcg_login *lg, const char *reason, const char *detail)
{
    pcg_sanitize(reason != NULL ? reason : "", lg->result->reason, sizeof(lg->result->reason));
    pcg_sanitize(detail != NULL ? detail : "", lg->result->detail, sizeof(lg->result->detail));
}

void pcg_login_tell(struct pcg_login *lg, const char *text)
{
    if (text != NULL && lg->prompter != NULL && lg->prompter->error != NULL)
        (void)lg->prompter->error(lg->prompter->ctx, text);
}

enum pcg_verdict pcg_login_api_failure(struct pcg_login *lg, const char *operation,
                                       enum pcg_status st, const struct pcg_api_error *err)
{
    struct pcg_outcome outcome;
    char detail[PCG_ERROR_MESSAGE_MAX + 64];

    snprintf(detail, sizeof(detail), "%s: %s", operation, err->message);
    switch (st) {
    case PCG_ERR_API:
        outcome = pcg_outcome_of_error(err->type, err->message);
        pcg_login_note(lg, err->type, detail);
        if (strcmp(err->type, "PasswordResetRequiredException") == 0) {
            /*
             * Not told here: pcg_login_run decides with the caller's prompter
             * whether to reset at the prompt (this may run in the early helper,
             * whose prompter cannot know PAM_SILENT) and tells it otherwise.
             */
            lg->reset_required = true;
            return outcome.verdict;
        }
        if (outcome.verdict != PCG_VERDICT_UNAVAILABLE) /* told once, at the end */
            pcg_login_tell(lg, outcome.tell);
        return outcome.verdict;
    case PCG_ERR_UNAVAILABLE:
        pcg_login_note(lg, err->type[0] != '\0' ? err->type : "unavailable", detail);
        return PCG_VERDICT_UNAVAILABLE;
    case PCG_ERR_RESPONSE:
        pcg_login_note(lg, "bad_response", detail);
        return PCG_VERDICT_UNAVAILABLE;
    case PCG_ERR_NOMEM:
        pcg_login_note(lg, "out_of_memory", detail);
        return PCG_VERDICT_INTERNAL;
    case PCG_OK:
    case PCG_ERR_INTERNAL:
    default:
        pcg_login_note(lg, "internal_error", detail);
        return PCG_VERDICT_INTERNAL;
    }
}

/* name under name_key, and its SECRET_HASH under hash_key when the client has a secret. */
static int add_name(const struct pcg_login *lg, struct json_object *obj, const char *name_key,
                    const char *hash_key, const char *name)
{
    char hash[PCG_SECRET_HASH_LEN];
    int rc = -1;

    if (pcg_json_add_string(obj, name_key, name) != 0)
        goto out;
    if (lg->conf->client_secret != NULL) {
        if (pcg_secret_hash(lg->conf->client_secret, name, lg->conf->client_id, hash, sizeof(hash))
                != 0
            || pcg_json_add_string(obj, hash_key, hash) != 0)
            goto out;
    }
    rc = 0;
out:
    pcg_wipe(hash, sizeof(hash));
    return rc;
}

int pcg_login_add_identity(const struct pcg_login *lg, struct json_object *params, const char *name)
{
    return add_name(lg, params, "USERNAME", "SECRET_HASH", name);
}

int pcg_login_add_account(const struct pcg_login *lg, struct json_object *req)
{
    return pcg_login_add_context(lg, req) != 0
            || add_name(lg, req, "Username", "SecretHash", lg->username) != 0
        ? -1
        : 0;
}

/* PAM_RHOST may be a host name or anything a client sent: only an address goes to Cognito. */
static bool is_ip_address(const char *text)
{
    unsigned char addr[sizeof(struct in6_addr)];

    return text != NULL
        && (inet_pton(AF_INET, text, addr) == 1 || inet_pton(AF_INET6, text, addr) == 1);
}

int pcg_login_add_context(const struct pcg_login *lg, struct json_object *req)
{
    struct json_object *ctx;

    if (pcg_json_add_string(req, "ClientId", lg->conf->client_id) != 0)
        return -1;
    if (!lg->conf->send_client_ip || !is_ip_address(lg->client_ip))
        return 0;
    ctx = json_object_new_object();
    if (ctx == NULL || pcg_json_add_string(ctx, "IpAddress", lg->client_ip) != 0
        || json_object_object_add(req, "UserContextData", ctx) != 0) {
        json_object_put(ctx);
        return -1;
    }
    return 0;
}

enum pcg_status pcg_login_request(struct pcg_login *lg, const char *operation,
                                  struct json_object *req, struct json_object **response,
                                  struct pcg_api_error *err)
{
    lg->result->requests++;
    return pcg_client_call(lg->client, operation, req, response, err);
}

enum pcg_verdict pcg_login_call(struct pcg_login *lg, const char *operation,
                                struct json_object *req, struct json_object **response,
                                struct pcg_api_error *err)
{
    enum pcg_status st = pcg_login_request(lg, operation, req, response, err);

    if (st == PCG_OK)
        return PCG_VERDICT_SUCCESS;
    return pcg_login_api_failure(lg, operation, st, err);
}

bool pcg_login_carries_secret(const char *challenge, struct json_object *params)
{
    static const char *const secrets[] = {
        "PASSWORD",     "PASSWORD_CLAIM_SIGNATURE", "SOFTWARE_TOKEN_MFA_CODE",
        "SMS_MFA_CODE", "EMAIL_OTP_CODE",           "SMS_OTP_CODE"
    };

    if (!json_object_is_type(params, json_type_object))
        return false;
    for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
        if (json_object_object_get_ex(params, secrets[i], NULL))
            return true;
    return challenge != NULL && strcmp(challenge, "CUSTOM_CHALLENGE") == 0
        && json_object_object_get_ex(params, "ANSWER", NULL);
}

/* The AuthParameters each flow adds to USERNAME (and SECRET_HASH). */
static enum pcg_verdict add_flow_parameters(struct pcg_login *lg, struct json_object *params)
{
    const char *preferred;

    switch (lg->conf->auth_flow) {
    case PCG_FLOW_SRP:
        return pcg_login_start_srp(lg, params);
    case PCG_FLOW_PASSWORD:
        return pcg_json_add_string(params, "PASSWORD", lg->password) == 0 ? PCG_VERDICT_SUCCESS
                                                                          : PCG_VERDICT_INTERNAL;
    case PCG_FLOW_USER_AUTH:
        preferred = pcg_first_factor_preferred(&lg->conf->first_factor);
        if (pcg_json_add_string(params, "PREFERRED_CHALLENGE", preferred) != 0)
            return PCG_VERDICT_INTERNAL;
        /* PASSWORD_SRP asked up front carries SRP_A, as amplify-js sends it. */
        return strcmp(preferred, "PASSWORD_SRP") == 0 ? pcg_login_start_srp(lg, params)
                                                      : PCG_VERDICT_SUCCESS;
    case PCG_FLOW_CUSTOM:
        if (!lg->conf->custom_srp)
            return PCG_VERDICT_SUCCESS;
        /* CUSTOM_AUTH that proves the password by SRP before the pool's own challenges. */
        if (pcg_json_add_string(params, "CHALLENGE_NAME", "SRP_A") != 0)
            return PCG_VERDICT_INTERNAL;
        return pcg_login_start_srp(lg, params);
    }
    return PCG_VERDICT_INTERNAL;
}

enum pcg_verdict pcg_login_initiate(struct pcg_login *lg, struct json_object **response)
{
    struct json_object *req = json_object_new_object();
    struct json_object *params = json_object_new_object();
    struct pcg_api_error err = { 0 };
    enum pcg_verdict v = PCG_VERDICT_INTERNAL;

    if (req == NULL || params == NULL)
        goto out;
    if (add_flow_parameters(lg, params) != PCG_VERDICT_SUCCESS)
        goto out;
    if (pcg_login_add_identity(lg, params, lg->username) != 0
        || pcg_json_add_string(req, "AuthFlow", pcg_auth_flow_name(lg->conf->auth_flow)) != 0
        || pcg_login_add_context(lg, req) != 0)
        goto out;
    if (pcg_login_carries_secret(NULL, params))
        lg->secret_sent = true;
    if (json_object_object_add(req, "AuthParameters", params) != 0)
        goto out;
    params = NULL;
    v = pcg_login_call(lg, "InitiateAuth", req, response, &err);
out:
    if (v == PCG_VERDICT_INTERNAL && lg->result->reason[0] == '\0')
        pcg_login_note(lg, "internal_error", "cannot build InitiateAuth");
    pcg_json_put_wiped(params);
    pcg_json_put_wiped(req);
    return v;
}

enum pcg_status pcg_login_respond(struct pcg_login *lg, const char *challenge,
                                  struct json_object *responses, struct json_object **response,
                                  struct pcg_api_error *err)
{
    struct json_object *req = json_object_new_object();
    enum pcg_status st = PCG_ERR_NOMEM;

    memset(err, 0, sizeof(*err));
    if (req == NULL || responses == NULL
        || pcg_login_add_identity(lg, responses, lg->user_id != NULL ? lg->user_id : lg->username)
            != 0
        || pcg_json_add_string(req, "ChallengeName", challenge) != 0
        || pcg_login_add_context(lg, req) != 0
        || (lg->session != NULL && pcg_json_add_string(req, "Session", lg->session) != 0)
        || json_object_object_add(req, "ChallengeResponses", responses) != 0) {
        pcg_json_put_wiped(responses);
        snprintf(err->message, sizeof(err->message), "cannot build the request");
        goto out;
    }
    if (pcg_login_carries_secret(challenge, responses))
        lg->secret_sent = true;
    st = pcg_login_request(lg, "RespondToAuthChallenge", req, response, err);
out:
    pcg_json_put_wiped(req);
    return st;
}

struct pcg_client_opts pcg_login_client_opts(const struct pcg_conf *conf, const struct pcg_log *log)
{
    return (struct pcg_client_opts){
        .endpoint = conf->endpoint,
        .cafile = conf->cafile,
        .capath = conf->capath,
        .proxy = conf->proxy,
        .timeout = conf->timeout,
        .connect_timeout = conf->connect_timeout,
        .retries = conf->retries,
        .log = log,
    };
}

struct pcg_client *pcg_login_new_client(const struct pcg_conf *conf, const struct pcg_log *log)
{
    struct pcg_client_opts opts = pcg_login_client_opts(conf, log);

    return pcg_client_new(&opts);
}

enum pcg_verdict pcg_login_usable_password(struct pcg_login *lg, const char *password)
{
    if (password == NULL || password[0] == '\0') {
        pcg_login_note(lg, "empty_password", "no password given");
        pcg_login_tell(lg, "Incorrect username or password.");
        return PCG_VERDICT_DENIED;
    }
    /*
     * Cognito passwords are at most 256 characters of UTF-8 (PasswordType in
     * the service model): others cannot be right, and would count towards
     * the lockout.
     */
    if (strlen(password) > PCG_MAX_PASSWORD_BYTES || !pcg_utf8_valid(password, strlen(password))
        || pcg_utf8_length(password) > PCG_PASSWORD_MAX) {
        pcg_login_note(lg, "unusable_password", "longer than 256 characters or not UTF-8");
        pcg_login_tell(lg, "Incorrect username or password.");
        return PCG_VERDICT_DENIED;
    }
    return PCG_VERDICT_SUCCESS;
}

void pcg_login_password_changed(struct pcg_login *lg, char *password)
{
    pcg_free_secret(lg->own_password);
    lg->own_password = password;
    lg->password = password;
    lg->password_changed = true;
}

enum pcg_verdict pcg_login_need_password(struct pcg_login *lg)
{
    char *typed = NULL;
    enum pcg_verdict v;

    if (lg->password != NULL)
        return PCG_VERDICT_SUCCESS;
    if (lg->prompter->ask(lg->prompter->ctx, lg->conf->password_prompt, false, &typed) != 0
        || typed == NULL) {
        pcg_login_note(lg, "conversation_failed", "no answer to the password prompt");
        return PCG_VERDICT_CONV_ERR;
    }
    v = pcg_login_usable_password(lg, typed);
    if (v != PCG_VERDICT_SUCCESS) {
        pcg_free_secret(typed);
        return v;
    }
    pcg_free_secret(lg->own_password);
    lg->own_password = typed;
    lg->password = typed;
    return PCG_VERDICT_SUCCESS;
}

enum pcg_verdict pcg_login_start_srp(struct pcg_login *lg, struct json_object *params)
{
    struct pcg_srp *srp = NULL;

    pcg_srp_free(lg->srp);
    lg->srp = NULL;
    if (pcg_srp_new(&srp) != PCG_SRP_OK)
        return PCG_VERDICT_INTERNAL;
    lg->srp = srp;
    if (pcg_json_add_string(params, "SRP_A", pcg_srp_public_a_hex(srp)) != 0)
        return PCG_VERDICT_INTERNAL;
    return PCG_VERDICT_SUCCESS;
}

/* The state of one challenge chain: its SRP, Session and USER_ID_FOR_SRP. */
static void drop_challenge_state(struct pcg_login *lg)
{
    pcg_srp_free(lg->srp);
    lg->srp = NULL;
    pcg_free_secret(lg->session);
    lg->session = NULL;
    free(lg->user_id);
    lg->user_id = NULL;
}

void pcg_login_forget_challenge(struct pcg_login *lg)
{
    drop_challenge_state(lg);
    lg->result->reason[0] = lg->result->detail[0] = '\0';
}

void pcg_login_clear(struct pcg_login *lg)
{
    pcg_tokens_clear(&lg->tokens);
    drop_challenge_state(lg);
    pcg_free_secret(lg->own_password);
    lg->own_password = NULL;
    lg->password = NULL;
    free(lg->username);
    lg->username = NULL;
    pcg_client_free(lg->client);
    lg->client = NULL;
}

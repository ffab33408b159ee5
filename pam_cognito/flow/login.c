/* The challenge loop of one sign-in (login.h); its steps use login_step.h. */
#include "config.h"

#include "flow/login.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flow/challenges.h"
#include "cognito/id_token.h"
#include "cognito/json_util.h"
#include "flow/outcome.h"
#include "flow/password_reset.h"
#include "util/secure.h"
#include "cognito/srp.h"
#include "util/text.h"
#include "flow/totp_enroll.h"
#include "conf/username_template.h"

/*
 * The PASSWORD_VERIFIER got while the password was typed is answered only
 * this soon after it came. AWS's RespondToAuthChallenge reference asks for
 * the answer "within a few seconds" of the challenge (its SECRET_BLOCK and
 * TIMESTAMP); a late one fails with NotAuthorizedException and may count as
 * a wrong password. Later than this, the sign-in starts again (a new SRP a,
 * a new InitiateAuth) before the password is used: a slow typist costs one
 * round trip, never a failed attempt.
 */
#define PCG_EARLY_VERIFIER_MAX_AGE_S 5

/* Cognito never sends this many challenges in one sign-in; a loop would. */
#define PCG_MAX_CHALLENGES 10
#define PCG_MAX_USER_ID 256

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

static enum pcg_verdict initiate(struct pcg_login *lg, struct json_object **response)
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

static enum pcg_verdict bad_response(struct pcg_login *lg, const char *what)
{
    pcg_login_note(lg, "bad_response", what);
    return PCG_VERDICT_UNAVAILABLE;
}

static enum pcg_verdict take_tokens(struct pcg_login *lg, struct json_object *auth)
{
    const char *access = pcg_json_get_string(auth, "AccessToken");
    const char *id = pcg_json_get_string(auth, "IdToken");
    const char *refresh = pcg_json_get_string(auth, "RefreshToken");

    if (!json_object_is_type(auth, json_type_object) || access == NULL || access[0] == '\0'
        || id == NULL || id[0] == '\0')
        return bad_response(lg, "AuthenticationResult without AccessToken and IdToken");
    lg->tokens.access_token = pcg_strdup_secret(access);
    lg->tokens.id_token = pcg_strdup_secret(id);
    lg->tokens.refresh_token = refresh != NULL ? pcg_strdup_secret(refresh) : NULL;
    if (lg->tokens.access_token == NULL || lg->tokens.id_token == NULL
        || (refresh != NULL && lg->tokens.refresh_token == NULL)) {
        pcg_login_note(lg, "out_of_memory", "copying tokens");
        return PCG_VERDICT_INTERNAL;
    }
    return PCG_VERDICT_SUCCESS;
}

static bool printable_name(const char *s, size_t max)
{
    size_t n = strlen(s);

    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

/* Takes the Session and USER_ID_FOR_SRP that every challenge carries. */
static enum pcg_verdict take_challenge_state(struct pcg_login *lg, struct json_object *params)
{
    const char *user_id = params != NULL ? pcg_json_get_string(params, "USER_ID_FOR_SRP") : NULL;

    if (user_id != NULL) {
        if (!printable_name(user_id, PCG_MAX_USER_ID))
            return bad_response(lg, "USER_ID_FOR_SRP is not a plausible user name");
        free(lg->user_id);
        lg->user_id = strdup(user_id);
        if (lg->user_id == NULL)
            return PCG_VERDICT_INTERNAL;
    }
    return PCG_VERDICT_SUCCESS;
}

/*
 * Real Cognito answers USER_SRP_AUTH with a PASSWORD_VERIFIER that carries no
 * Session (its answer is tied to SECRET_BLOCK); every other challenge has one.
 */
static bool session_optional(const char *challenge)
{
    return strcmp(challenge, "PASSWORD_VERIFIER") == 0;
}

/* The challenge's Session, or NULL when it has none (absent or JSON null); false if unusable. */
static bool read_session(struct json_object *response, const char **session)
{
    struct json_object *v;

    *session = NULL;
    if (!json_object_object_get_ex(response, "Session", &v)
        || json_object_is_type(v, json_type_null))
        return true;
    if (!json_object_is_type(v, json_type_string))
        return false;
    *session = json_object_get_string(v);
    return (*session)[0] != '\0' && strlen(*session) <= PCG_MAX_SESSION;
}

/*
 * auth_flow = user_auth: until a first factor is under way, Cognito may only
 * offer a choice (SELECT_CHALLENGE) or ask for a first factor that the
 * first_factor option allows. Whatever follows the first factor (EMAIL_OTP as
 * email MFA after the password, say) is not restricted here.
 */
static enum pcg_verdict check_first_factor(struct pcg_login *lg, const char *name)
{
    char detail[PCG_ERROR_MESSAGE_MAX];
    enum pcg_factor factor;

    if (lg->conf->auth_flow != PCG_FLOW_USER_AUTH || lg->first_factor_done
        || strcmp(name, "SELECT_CHALLENGE") == 0)
        return PCG_VERDICT_SUCCESS;
    if (!pcg_first_factor_of_challenge(name, &factor)) {
        snprintf(detail, sizeof(detail), "Cognito asked for %.64s before any first factor", name);
    } else if (pcg_first_factor_allows(&lg->conf->first_factor, factor)) {
        lg->first_factor_done = true;
        return PCG_VERDICT_SUCCESS;
    } else {
        snprintf(detail, sizeof(detail),
                 "Cognito asked for %.64s, a first factor (%s) that "
                 "first_factor leaves out",
                 name, pcg_first_factor_word(factor));
    }
    pcg_login_note(lg, "first_factor_not_allowed", detail);
    /*
     * For a user who does not exist, Cognito may pick any of the pool's first
     * factors: once the password was typed, refuse the way a wrong one is.
     */
    if (lg->password != NULL && pcg_first_factor_is_password(&lg->conf->first_factor))
        pcg_login_tell(lg, "Incorrect username or password.");
    else
        pcg_login_tell(lg,
                       "The sign-in service asked for a way of signing in that is not "
                       "allowed on this host. Ask your administrator.");
    return PCG_VERDICT_DENIED;
}

static enum pcg_verdict run_challenge(struct pcg_login *lg, struct json_object *response,
                                      struct json_object **next)
{
    const char *name = pcg_json_get_string(response, "ChallengeName");
    const char *session;
    struct json_object *params = NULL;
    pcg_challenge_fn handler;
    enum pcg_verdict v;

    if (name == NULL || name[0] == '\0')
        return bad_response(lg, "neither a challenge nor an AuthenticationResult");
    if (!read_session(response, &session) || (session == NULL && !session_optional(name)))
        return bad_response(lg, "challenge without a usable Session");
    if (json_object_object_get_ex(response, "ChallengeParameters", &params)
        && !json_object_is_type(params, json_type_object))
        return bad_response(lg, "ChallengeParameters is not an object");
    v = check_first_factor(lg, name);
    if (v != PCG_VERDICT_SUCCESS)
        return v;
    handler = pcg_challenge_lookup(name);
    if (handler == NULL) {
        pcg_login_note(lg, "unknown_challenge", name);
        pcg_login_tell(lg,
                       "This sign-in asks for a step this host cannot do. Ask your administrator.");
        return PCG_VERDICT_DENIED;
    }
    pcg_free_secret(lg->session);
    lg->session = NULL;
    if (session != NULL) {
        lg->session = pcg_strdup_secret(session);
        if (lg->session == NULL)
            return PCG_VERDICT_INTERNAL;
    }
    v = take_challenge_state(lg, params);
    if (v != PCG_VERDICT_SUCCESS)
        return v;
    pcg_debug(lg->log, "answering challenge %s", name);
    lg->response = response;
    v = handler(lg, params, next);
    lg->response = NULL;
    return v;
}

static enum pcg_verdict run_challenges(struct pcg_login *lg, struct json_object *response)
{
    enum pcg_verdict v = PCG_VERDICT_SUCCESS;
    struct json_object *auth;

    for (int steps = 0;; steps++) {
        struct json_object *next = NULL;

        if (!json_object_is_type(response, json_type_object)) {
            v = bad_response(lg, "response is not an object");
            break;
        }
        if (json_object_object_get_ex(response, "AuthenticationResult", &auth)
            && !json_object_is_type(auth, json_type_null)) {
            /* A pool (a custom-auth Lambda, say) may issue tokens for no proof at all. */
            if (!lg->secret_sent) {
                pcg_login_note(lg, "no_secret_proven",
                               "tokens issued without a password, code or answer");
                pcg_login_tell(lg, "Sign-in was refused.");
                v = PCG_VERDICT_DENIED;
                break;
            }
            v = take_tokens(lg, auth);
            break;
        }
        if (steps == PCG_MAX_CHALLENGES) {
            v = bad_response(lg, "too many challenges");
            break;
        }
        v = run_challenge(lg, response, &next);
        pcg_json_put_wiped(response);
        response = next;
        if (v != PCG_VERDICT_SUCCESS)
            break;
    }
    pcg_json_put_wiped(response);
    return v;
}

/* The groups option: the ID token's cognito:groups must hold one of them. */
static enum pcg_verdict check_groups(struct pcg_login *lg, const struct pcg_id_token_claims *claims)
{
    const struct pcg_conf *conf = lg->conf;
    char detail[PCG_ERROR_MESSAGE_MAX];
    size_t used;

    if (conf->n_groups == 0 || pcg_id_token_in_any_group(claims, conf->groups, conf->n_groups))
        return PCG_VERDICT_SUCCESS;
    used = (size_t)snprintf(detail, sizeof(detail), "in none of the required groups:");
    for (size_t i = 0; i < conf->n_groups && used < sizeof(detail); i++)
        used += (size_t)snprintf(detail + used, sizeof(detail) - used, "%s%s", i ? "," : " ",
                                 conf->groups[i]);
    pcg_login_note(lg, "not_in_groups", detail);
    pcg_login_tell(lg, "Your account is not allowed to log in here.");
    return PCG_VERDICT_DENIED;
}

/*
 * The username_attribute option: Cognito resolves aliases and ignores case,
 * so the user it signed in may not be the one named; the ID token says who it was.
 */
static enum pcg_verdict check_identity(struct pcg_login *lg,
                                       const struct pcg_id_token_claims *claims)
{
    static const struct {
        const char *claim, *verified;
    } claim_of[PCG_USERATTR_PREFERRED + 1] = {
        [PCG_USERATTR_USERNAME] = { "cognito:username", NULL },
        [PCG_USERATTR_EMAIL] = { "email", "email_verified" },
        [PCG_USERATTR_PHONE_NUMBER] = { "phone_number", "phone_number_verified" },
        [PCG_USERATTR_PREFERRED] = { "preferred_username", NULL },
    };
    enum pcg_username_attribute a = lg->conf->username_attribute;
    char claimed[PCG_MAX_USER_ID + 1], safe_claimed[72], safe_name[72];
    char detail[PCG_ERROR_MESSAGE_MAX];

    switch (pcg_id_token_names(claims, claim_of[a].claim, claim_of[a].verified, lg->username,
                               claimed, sizeof(claimed))) {
    case PCG_ID_TOKEN_MATCH:
        return PCG_VERDICT_SUCCESS;
    case PCG_ID_TOKEN_NO_CLAIM:
        snprintf(detail, sizeof(detail), "the ID token has no %s, expected '%s'", claim_of[a].claim,
                 pcg_sanitize(lg->username, safe_name, sizeof(safe_name)));
        break;
    case PCG_ID_TOKEN_UNVERIFIED:
        snprintf(detail, sizeof(detail),
                 "the ID token's %s '%s' is not verified (%s), expected '%s'", claim_of[a].claim,
                 pcg_sanitize(claimed, safe_claimed, sizeof(safe_claimed)), claim_of[a].verified,
                 pcg_sanitize(lg->username, safe_name, sizeof(safe_name)));
        break;
    case PCG_ID_TOKEN_MISMATCH:
    default:
        snprintf(detail, sizeof(detail), "signed in as %s '%s', not the expected '%s'",
                 claim_of[a].claim, pcg_sanitize(claimed, safe_claimed, sizeof(safe_claimed)),
                 pcg_sanitize(lg->username, safe_name, sizeof(safe_name)));
        break;
    }
    pcg_login_note(lg, "user_mismatch", detail);
    pcg_login_tell(lg, "The account you signed in with is not the one for this login name.");
    return PCG_VERDICT_DENIED;
}

/* Every sign-in: the ID token is this pool's and this client's, names the login, and the groups. */
/* in_enroll_group: enroll_group is unset, or the ID token lists it in cognito:groups. */
static enum pcg_verdict check_id_token(struct pcg_login *lg, bool *in_enroll_group)
{
    const struct pcg_conf *conf = lg->conf;
    struct pcg_id_token_claims *claims = NULL;
    char why[128];
    enum pcg_id_token_status st;
    enum pcg_verdict v;

    st = pcg_id_token_read(lg->tokens.id_token, conf->region, conf->user_pool_id, conf->client_id,
                           time(NULL), &claims, why, sizeof(why));
    if (st == PCG_ID_TOKEN_NOMEM)
        return PCG_VERDICT_INTERNAL;
    if (st != PCG_ID_TOKEN_OK) {
        pcg_login_note(lg, "bad_id_token", why);
        pcg_login_tell(lg, "Sign-in was refused.");
        return PCG_VERDICT_DENIED;
    }
    v = check_identity(lg, claims);
    if (v == PCG_VERDICT_SUCCESS)
        v = check_groups(lg, claims);
    *in_enroll_group =
        conf->enroll_group == NULL || pcg_id_token_in_any_group(claims, &conf->enroll_group, 1);
    pcg_id_token_claims_free(claims);
    return v;
}

static enum pcg_verdict check_policy(struct pcg_login *lg)
{
    bool needs_mfa = lg->conf->require_mfa && !lg->result->mfa_done, in_enroll_group = false;
    enum pcg_verdict v = check_id_token(lg, &in_enroll_group);

    if (v != PCG_VERDICT_SUCCESS)
        return v;
    /*
     * Cognito asked no MFA, so a password alone signed in: with enroll_group,
     * only its members may set up the second factor here.
     */
    if (needs_mfa && lg->conf->enroll && !in_enroll_group) {
        pcg_login_note(lg, "not_in_enroll_group", "signed in without MFA, not in enroll_group");
        pcg_login_tell(lg,
                       "This login requires multi-factor authentication, and your account has "
                       "none. Set up an authenticator app with cognito-mfa enroll, or ask your "
                       "administrator.");
        return PCG_VERDICT_DENIED;
    }
    if (needs_mfa && !lg->conf->enroll) {
        pcg_login_note(lg, "mfa_required", "signed in without any MFA challenge");
        pcg_login_tell(lg,
                       "This login requires multi-factor authentication, and the sign-in "
                       "asked for none (your account may have no authenticator app set "
                       "up). Ask your administrator.");
        return PCG_VERDICT_DENIED;
    }
    /* After the groups: only people who may log in here get an authenticator set up. */
    if (needs_mfa)
        v = pcg_enroll_signed_in(lg, false);
    return v;
}

static long long monotonic_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
/* A prompter that keeps what a step tells the person until its outcome is known. */
static int hold_message(struct pcg_held_messages *h, const char *text, bool error)
{
    if (h->n == PCG_HELD_MESSAGES)
        return -1;
    snprintf(h->text[h->n], sizeof(h->text[h->n]), "%s", text);
    h->error[h->n++] = error;
    return 0;
}

static int hold_info(void *ctx, const char *text)
{
    return hold_message(ctx, text, false);
}

static int hold_error(void *ctx, const char *text)
{
    return hold_message(ctx, text, true);
}

static int hold_ask(void *ctx, const char *prompt, bool echo, char **answer)
{
    const struct pcg_prompter *real = ((struct pcg_held_messages *)ctx)->real;

    *answer = NULL;
    return real != NULL ? real->ask(real->ctx, prompt, echo, answer) : -1;
}

static void holding_prompter(struct pcg_prompter *p, struct pcg_held_messages *h,
                             const struct pcg_prompter *real)
{
    memset(h, 0, sizeof(*h));
    h->real = real;
    *p = (struct pcg_prompter){ h, hold_ask, hold_info, hold_error, real != NULL && real->quiet };
}

static void release_held(const struct pcg_held_messages *h, const struct pcg_prompter *to)
{
    for (int i = 0; i < h->n && to != NULL; i++)
        (void)(h->error[i] ? to->error : to->info)(to->ctx, h->text[i]);
}

void pcg_login_start(struct pcg_login_started *st, const struct pcg_conf *conf,
                     const char *pam_user, const char *client_ip, const struct pcg_log *log)
{
    memset(st, 0, sizeof(*st));
    st->lg.conf = conf;
    st->lg.log = log;
    st->lg.client_ip = client_ip;
    st->lg.result = &st->result;
    holding_prompter(&st->prompter, &st->told, NULL);
    st->lg.prompter = &st->prompter;
    st->verdict = PCG_VERDICT_INTERNAL;
    st->lg.username = pcg_username_expand(conf->username, pam_user);
    if (st->lg.username == NULL) {
        pcg_login_note(&st->lg, "bad_username", "the username template gives no valid name");
        return;
    }
    st->lg.client = pcg_login_new_client(conf, log);
    if (st->lg.client == NULL) {
        pcg_login_note(&st->lg, "internal_error", "cannot set up the HTTPS client");
        return;
    }
    st->verdict = PCG_VERDICT_SUCCESS;
    if (conf->auth_flow == PCG_FLOW_SRP) {
        st->verdict = initiate(&st->lg, &st->response);
        st->done_at_ms = monotonic_ms();
    } else if (conf->auth_flow == PCG_FLOW_PASSWORD) {
        /* InitiateAuth carries the password here: only the connection can be made now. */
        (void)pcg_client_warm(st->lg.client);
    }
}

void pcg_login_started_clear(struct pcg_login_started *st)
{
    if (st == NULL)
        return;
    pcg_json_put_wiped(st->response);
    pcg_tokens_clear(&st->lg.tokens);
    pcg_srp_free(st->lg.srp);
    pcg_free_secret(st->lg.session);
    free(st->lg.user_id);
    free(st->lg.username);
    pcg_client_free(st->lg.client);
    memset(st, 0, sizeof(*st));
}

/*
 * Moves what the first phase made into lg: username, client, SRP state, its
 * notes and request count. Its answer stays in st for the first sign_in().
 */
static void take_started(struct pcg_login *lg, struct pcg_login_started *st)
{
    lg->username = st->lg.username;
    lg->client = st->lg.client;
    lg->srp = st->lg.srp;
    lg->reset_required = st->lg.reset_required;
    lg->secret_sent = st->lg.secret_sent;
    st->lg.username = NULL;
    st->lg.client = NULL;
    st->lg.srp = NULL;
    lg->result->requests = st->result.requests;
    memcpy(lg->result->reason, st->result.reason, sizeof(lg->result->reason));
    memcpy(lg->result->detail, st->result.detail, sizeof(lg->result->detail));
}
/* Starts the sign-in again: a new SRP a, a new InitiateAuth. */
static enum pcg_verdict start_again(struct pcg_login *lg, struct json_object **response)
{
    pcg_json_put_wiped(*response);
    *response = NULL;
    pcg_login_forget_challenge(lg);
    return initiate(lg, response);
}

/*
 * The first InitiateAuth answer of this login, *response: the one the helper
 * got while the password was typed (taken from st), or, when it is older
 * than PCG_EARLY_VERIFIER_MAX_AGE_S, a fresh one over the same connection.
 *
 * There is deliberately no second restart after the PASSWORD_VERIFIER
 * answer is refused (NotAuthorizedException for a verifier answered late,
 * once "Invalid session"): AWS may already have counted that answer as a
 * failed password, and answering again with the same password would count
 * a second one, towards the user's lockout. The age check above keeps the
 * answer within the time AWS allows, so a refusal is a real one.
 */
static enum pcg_verdict take_early_answer(struct pcg_login *lg, struct pcg_login_started *st,
                                          struct json_object **response)
{
    *response = st->response;
    st->response = NULL;
    if (st->verdict != PCG_VERDICT_SUCCESS) {
        pcg_json_put_wiped(*response);
        *response = NULL;
        release_held(&st->told, lg->prompter);
        return st->verdict;
    }
    if (*response == NULL)
        return initiate(lg, response);
    if (monotonic_ms() - st->done_at_ms >= PCG_EARLY_VERIFIER_MAX_AGE_S * 1000LL) {
        pcg_debug(lg->log, "the password took a while to type: starting the sign-in again");
        return start_again(lg, response);
    }
    return PCG_VERDICT_SUCCESS;
}

/* One sign-in: InitiateAuth (or the early answer, when st is given) and its challenges. */
static enum pcg_verdict sign_in(struct pcg_login *lg, struct pcg_login_started *st)
{
    struct json_object *response = NULL;
    enum pcg_verdict v;

    lg->first_factor_done = false; /* also for the sign-in after a password reset */
    v = st != NULL ? take_early_answer(lg, st, &response) : initiate(lg, &response);

    if (v != PCG_VERDICT_SUCCESS) {
        pcg_json_put_wiped(response);
        return v;
    }
    return run_challenges(lg, response);
}
enum pcg_verdict pcg_login_run(const struct pcg_conf *conf, const struct pcg_login_input *in,
                               const struct pcg_prompter *prompter, const struct pcg_log *log,
                               struct pcg_login_result *result, struct pcg_tokens *tokens)
{
    struct pcg_login lg = {
        .conf = conf,
        .prompter = prompter,
        .log = log,
        .client_ip = in->client_ip,
        .password = in->password,
        .preset_code = in->preset_code,
        .result = result,
    };
    enum pcg_verdict v = PCG_VERDICT_INTERNAL;

    memset(result, 0, sizeof(*result));
    if (in->password_now != NULL)
        *in->password_now = NULL;
    if (in->started != NULL)
        take_started(&lg, in->started);
    else
        lg.username = pcg_username_expand(conf->username, in->pam_user);
    if (lg.username == NULL) {
        pcg_login_note(&lg, "bad_username", "the username template gives no valid name");
        goto out;
    }
    /* Without the password up front (passwordless first factors), a step asks for it. */
    if (in->password != NULL || pcg_conf_password_first(conf)) {
        v = pcg_login_usable_password(&lg, in->password);
        if (v != PCG_VERDICT_SUCCESS)
            goto out;
        v = PCG_VERDICT_INTERNAL;
    }
    if (in->started == NULL) {
        lg.client = pcg_login_new_client(conf, log);
        if (lg.client == NULL) {
            pcg_login_note(&lg, "internal_error", "cannot set up the HTTPS client");
            goto out;
        }
    }
    /* The answer started while the password was typed feeds the first sign-in only. */
    v = sign_in(&lg, in->started);
    if (v == PCG_VERDICT_DENIED && lg.reset_required) {
        /* Decided here, with the caller's prompter (PAM_SILENT, single_prompt). */
        if (pcg_password_reset_possible(&lg)) {
            v = pcg_reset_password(&lg);
            if (v == PCG_VERDICT_SUCCESS)
                v = sign_in(&lg, NULL);
        }
        if (lg.reset_required) /* no reset here, or asked again: one reset per login */
            pcg_login_tell(&lg, pcg_outcome_of_error("PasswordResetRequiredException", NULL).tell);
    }
    if (v == PCG_VERDICT_SUCCESS)
        v = check_policy(&lg);
    if (v == PCG_VERDICT_SUCCESS && in->after_sign_in != NULL)
        v = in->after_sign_in(&lg, in->after_sign_in_ctx);
    if (v == PCG_VERDICT_SUCCESS && tokens != NULL) {
        *tokens = lg.tokens;
        memset(&lg.tokens, 0, sizeof(lg.tokens));
    }
    if (in->password_now != NULL && lg.password != NULL && lg.password != in->password
        && (lg.password_changed || v == PCG_VERDICT_SUCCESS)) {
        *in->password_now = pcg_strdup_secret(lg.password);
        if (*in->password_now == NULL && v == PCG_VERDICT_SUCCESS) {
            pcg_login_note(&lg, "out_of_memory", "copying the new password");
            v = PCG_VERDICT_INTERNAL;
        }
    }
out:
    result->verdict = v;
    if (v == PCG_VERDICT_UNAVAILABLE)
        pcg_login_tell(&lg, "The sign-in service is not available right now. Try again later.");
    pcg_tokens_clear(&lg.tokens);
    pcg_srp_free(lg.srp);
    pcg_free_secret(lg.session);
    pcg_free_secret(lg.own_password);
    free(lg.user_id);
    free(lg.username);
    pcg_client_free(lg.client);
    return v;
}

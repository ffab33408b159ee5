/*
 * One sign-in (login.h): its state from the first request to the last
 * free, and the loop over the challenges Cognito answers with. The first
 * phase is login_start.c, a step's requests login_step.c, the checks once
 * signed in login_policy.c.
 */
#include "config.h"

#include "flow/login.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/challenges.h"
#include "flow/login_policy.h"
#include "flow/login_start.h"
#include "cognito/json_util.h"
#include "flow/outcome.h"
#include "flow/password_reset.h"
#include "util/secure.h"
#include "conf/username_template.h"

/* Cognito never sends this many challenges in one sign-in; a loop would. */
#define PCG_MAX_CHALLENGES 10

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

/* One sign-in: InitiateAuth (or the early answer, when st is given) and its challenges. */
static enum pcg_verdict sign_in(struct pcg_login *lg, struct pcg_login_started *st)
{
    struct json_object *response = NULL;
    enum pcg_verdict v;

    lg->first_factor_done = false; /* also for the sign-in after a password reset */
    v = st != NULL ? pcg_login_early_answer(lg, st, &response) : pcg_login_initiate(lg, &response);

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
        pcg_login_take_started(&lg, in->started);
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
        v = pcg_login_check_policy(&lg);
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
    pcg_login_clear(&lg);
    return v;
}

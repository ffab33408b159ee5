/*
 * One sign-in's state and what a step of it can do: its requests to Cognito
 * (InitiateAuth, RespondToAuthChallenge and any other call, counted, a
 * failure mapped to a verdict), the notes for the log line, the messages to
 * the person, the password and the SRP state. The challenge handlers, the
 * enrolment and the reset use only this; the challenge loop (login.c)
 * drives them. No PAM here.
 */
#ifndef PCG_LOGIN_STEP_H
#define PCG_LOGIN_STEP_H

#include <json-c/json.h>
#include <stdbool.h>

#include "cognito/api_error.h"
#include "cognito/cognito_client.h"
#include "conf/conf.h"
#include "util/log.h"
#include "flow/prompter.h"

enum pcg_verdict {
    PCG_VERDICT_SUCCESS = 0,
    PCG_VERDICT_DENIED,        /* wrong password/code, disabled, locked, MFA missing */
    PCG_VERDICT_UNAVAILABLE,   /* Cognito unreachable, timeout, 5xx, throttling, garbage */
    PCG_VERDICT_MISCONFIGURED, /* Cognito says our client id/flow/secret is wrong */
    PCG_VERDICT_CONV_ERR,      /* the person could not be asked */
    PCG_VERDICT_INTERNAL,      /* out of memory, a bug */
};

/* The longest Session accepted from Cognito (its own limit is 2048). */
#define PCG_MAX_SESSION 8192
/* The longest USER_ID_FOR_SRP taken, and ID-token name compared. */
#define PCG_MAX_USER_ID 256

/* Tokens Cognito issued. Wiped by pcg_tokens_clear. */
struct pcg_tokens {
    char *access_token;
    char *id_token;
    char *refresh_token;
};

/* What the caller logs: never a secret. */
struct pcg_login_result {
    enum pcg_verdict verdict;
    /* Cognito's error type, or a short local reason ("mfa_required"...); "" on success */
    char reason[PCG_ERROR_TYPE_MAX];
    /* A sanitised detail for the log line (Cognito's message, the network error...) */
    char detail[PCG_ERROR_MESSAGE_MAX];
    bool mfa_done;     /* an MFA challenge was answered */
    bool enrolled;     /* an authenticator app was set up during this sign-in */
    unsigned requests; /* Cognito API calls made */
};

/* Everything one sign-in needs; the challenge handlers read and update it. */
struct pcg_login {
    const struct pcg_conf *conf;
    const struct pcg_prompter *prompter;
    const struct pcg_log *log;
    const char *client_ip;   /* PAM_RHOST, sent only with send_client_ip */
    const char *password;    /* borrowed (or own_password); copied only into a request */
    char *own_password;      /* asked during the login (pcg_login_need_password), secret */
    const char *preset_code; /* single_prompt's code, used for the first code prompt */
    char *username;          /* the Cognito username (template applied) */
    char *user_id;           /* USER_ID_FOR_SRP once Cognito names it */
    char *session;           /* the current challenge's Session (secret); NULL if it had none */
    struct pcg_client *client;
    void *srp; /* struct pcg_srp * during USER_SRP_AUTH */
    struct pcg_tokens tokens;
    struct json_object *response; /* the answer whose challenge is being handled (borrowed) */
    struct pcg_login_result *result;
    bool reset_required;    /* PasswordResetRequiredException: pcg_login_run decides, tells */
    bool password_changed;  /* Cognito took a new password: lg->password is it */
    bool first_factor_done; /* user_auth: a first factor was asked for (or the password sent) */
    bool secret_sent; /* a request carried a password, its SRP proof, a code or a custom answer */
};

/*
 * Whether params (AuthParameters, or ChallengeResponses of challenge) hold
 * something only the person can give: PASSWORD, PASSWORD_CLAIM_SIGNATURE,
 * a code (*_CODE), or the ANSWER to a CUSTOM_CHALLENGE (an ANSWER elsewhere
 * is a choice). Tokens after none of these prove nobody.
 */
bool pcg_login_carries_secret(const char *challenge, struct json_object *params);

/*
 * A new password Cognito accepted during the sign-in (NEW_PASSWORD_REQUIRED,
 * a reset) becomes lg->password (taking password, malloc'd secret): a later
 * step, the password change and the caller's PAM_AUTHTOK use the one that
 * now works.
 */
void pcg_login_password_changed(struct pcg_login *lg, char *password);

void pcg_tokens_clear(struct pcg_tokens *tokens);

/* The client options the config gives (endpoint, trust anchors, proxy, timeouts, retries). */
struct pcg_client_opts pcg_login_client_opts(const struct pcg_conf *conf,
                                             const struct pcg_log *log);

/* An HTTPS client set up from conf (endpoint, trust, proxy, timeouts, retries). NULL on failure. */
struct pcg_client *pcg_login_new_client(const struct pcg_conf *conf, const struct pcg_log *log);

/*
 * InitiateAuth for lg->username with the AuthParameters of the auth_flow
 * (SRP_A, PASSWORD, PREFERRED_CHALLENGE, CHALLENGE_NAME). On
 * PCG_VERDICT_SUCCESS *response is Cognito's answer, owned by the caller.
 */
enum pcg_verdict pcg_login_initiate(struct pcg_login *lg, struct json_object **response);

/*
 * Used by the challenge handlers: RespondToAuthChallenge for challenge with
 * the ChallengeResponses in responses (consumed, wiped), to which it adds
 * USERNAME and SECRET_HASH; the ClientId, Session and UserContextData come
 * from lg (no Session key when the challenge came without one, as
 * PASSWORD_VERIFIER does). On PCG_OK *response is Cognito's answer, owned by
 * the caller.
 */
enum pcg_status pcg_login_respond(struct pcg_login *lg, const char *challenge,
                                  struct json_object *responses, struct json_object **response,
                                  struct pcg_api_error *err);

/* One Cognito call for lg, counted in lg->result; the caller maps a failure. */
enum pcg_status pcg_login_request(struct pcg_login *lg, const char *operation,
                                  struct json_object *req, struct json_object **response,
                                  struct pcg_api_error *err);

/*
 * pcg_login_request, a failure mapped with pcg_login_api_failure. On
 * success *response is owned by the caller.
 */
enum pcg_verdict pcg_login_call(struct pcg_login *lg, const char *operation,
                                struct json_object *req, struct json_object **response,
                                struct pcg_api_error *err);

/* Records a verdict reason/detail for the log (sanitised copies). */
void pcg_login_note(struct pcg_login *lg, const char *reason, const char *detail);

/* Maps a failed API call to a verdict, noting the reason; used by handlers. */
enum pcg_verdict pcg_login_api_failure(struct pcg_login *lg, const char *operation,
                                       enum pcg_status st, const struct pcg_api_error *err);

/* Tells the person something (errors of the prompter are ignored here). */
void pcg_login_tell(struct pcg_login *lg, const char *text);

/* USERNAME, and SECRET_HASH when the client has a secret, both over name, into params. */
int pcg_login_add_identity(const struct pcg_login *lg, struct json_object *params,
                           const char *name);

/* ClientId, and UserContextData.IpAddress with send_client_ip, into req. */
int pcg_login_add_context(const struct pcg_login *lg, struct json_object *req);

/*
 * pcg_login_add_context, then Username and, with a client secret,
 * SecretHash over lg->username: the request of an operation outside the
 * sign-in's challenges (ForgotPassword, ConfirmForgotPassword).
 */
int pcg_login_add_account(const struct pcg_login *lg, struct json_object *req);

/* DENIED (told and noted) unless password is one Cognito could accept. */
enum pcg_verdict pcg_login_usable_password(struct pcg_login *lg, const char *password);

/*
 * Makes sure lg->password is set: a login that did not start with the
 * password (pcg_conf_password_first) asks for it now, when a step needs it.
 */
enum pcg_verdict pcg_login_need_password(struct pcg_login *lg);

/*
 * Forgets what the last InitiateAuth started (SRP state, Session,
 * USER_ID_FOR_SRP) and the notes, for a sign-in that starts over.
 */
void pcg_login_forget_challenge(struct pcg_login *lg);

/* A new SRP client in lg->srp (replacing any), and its SRP_A into params. */
enum pcg_verdict pcg_login_start_srp(struct pcg_login *lg, struct json_object *params);

/* Frees and wipes what lg owns (tokens, SRP, Session, password, names, client). */
void pcg_login_clear(struct pcg_login *lg);

#endif

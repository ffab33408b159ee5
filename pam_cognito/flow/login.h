/*
 * One Cognito sign-in: InitiateAuth, then the challenge loop (challenges.c),
 * then the verdict. Driven through a prompter, so the PAM module and the CLI
 * share it. No PAM here.
 */
#ifndef PCG_LOGIN_H
#define PCG_LOGIN_H

#include "flow/login_step.h"

/* What a step told the person while its outcome was held back (login.c). */
#define PCG_HELD_MESSAGES 4
struct pcg_held_messages {
    const struct pcg_prompter *real; /* questions go there; NULL: none may be asked */
    char text[PCG_HELD_MESSAGES][256];
    bool error[PCG_HELD_MESSAGES];
    int n;
};

/*
 * The first phase of a sign-in, which needs no password (pcg_login_start):
 * the Cognito username, the HTTPS client and, with auth_flow = srp, the SRP
 * state and InitiateAuth's answer. login_early.c runs it in a helper thread
 * while the password prompt is open; pcg_login_run takes it over.
 */
struct pcg_login_started {
    struct pcg_login lg;            /* conf, log, username, client, srp (lg.result = &result) */
    struct pcg_login_result result; /* its notes and requests, carried into the login's */
    struct json_object *response;   /* InitiateAuth's answer, or NULL */
    enum pcg_verdict verdict;       /* of the phase: anything but SUCCESS ends the sign-in */
    long long done_at_ms;           /* CLOCK_MONOTONIC millisecond the answer came */
    struct pcg_held_messages told;  /* shown only if its verdict stands */
    struct pcg_prompter prompter;   /* lg.prompter: holds messages into told */
};

/* Runs the first phase into *st (zeroed here); never prompts. Clear st with pcg_login_started_clear. */
void pcg_login_start(struct pcg_login_started *st, const struct pcg_conf *conf,
                     const char *pam_user, const char *client_ip, const struct pcg_log *log);
void pcg_login_started_clear(struct pcg_login_started *st);

/* What the caller already knows before the sign-in starts. All borrowed. */
struct pcg_login_input {
    const char *pam_user;
    const char *password;    /* an empty or NULL password is refused without a network call */
    const char *preset_code; /* single_prompt: the code typed with the password, else NULL */
    const char *client_ip;   /* PAM_RHOST or NULL; sent only with send_client_ip */
    /*
     * Optional (the CLI; the PAM glue for an account the sync made, to check
     * its sub: bound_account.h): runs once the sign-in and the policy checks have
     * succeeded, with lg's tokens and connection; its verdict is the login's.
     */
    enum pcg_verdict (*after_sign_in)(struct pcg_login *lg, void *ctx);
    void *after_sign_in_ctx;
    /*
     * Optional (the PAM glue's PAM_AUTHTOK): receives a copy of the password
     * that now works when it is not in->password, for pcg_free_secret: one
     * chosen during the sign-in (NEW_PASSWORD_REQUIRED, password_reset),
     * whatever the verdict since Cognito has it now, or, on success, one the
     * sign-in asked for. Else NULL.
     */
    char **password_now;
    /*
     * Optional: the first phase, already run for pam_user (pcg_login_start);
     * its client, SRP state and answer are taken over (emptied).
     */
    struct pcg_login_started *started;
};

/*
 * Signs in->pam_user in. On PCG_VERDICT_SUCCESS and tokens != NULL, the
 * tokens are moved to *tokens (clear them with pcg_tokens_clear). result is
 * always filled.
 */
enum pcg_verdict pcg_login_run(const struct pcg_conf *conf, const struct pcg_login_input *in,
                               const struct pcg_prompter *prompter, const struct pcg_log *log,
                               struct pcg_login_result *result, struct pcg_tokens *tokens);

#endif

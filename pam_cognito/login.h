/*
 * One Cognito sign-in: InitiateAuth, then the challenge loop (challenges.c),
 * then the verdict. Driven through a prompter, so the PAM module and the CLI
 * share it. No PAM here.
 */
#ifndef PCG_LOGIN_H
#define PCG_LOGIN_H

#include "login_step.h"

/* What the caller already knows before the sign-in starts. All borrowed. */
struct pcg_login_input {
    const char *pam_user;
    const char *password;     /* an empty or NULL password is refused without a network call */
    const char *preset_code;  /* single_prompt: the code typed with the password, else NULL */
    const char *client_ip;    /* PAM_RHOST or NULL; sent only with send_client_ip */
    /*
     * Optional (the CLI): runs once the sign-in and the policy checks have
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

/*
 * passwd: changes the Cognito password. Signs in with the old password
 * (and MFA) through the login flow, then asks the new password twice and
 * sends ChangePassword with the access token. No PAM here.
 */
#ifndef PCG_CHANGE_PASSWORD_H
#define PCG_CHANGE_PASSWORD_H

#include "conf/conf.h"
#include "util/log.h"
#include "flow/login.h"
#include "flow/prompter.h"

enum pcg_change_outcome {
    PCG_CHANGE_DONE = 0,
    PCG_CHANGE_SIGN_IN_REFUSED,  /* the old password, the MFA code or the groups check failed */
    PCG_CHANGE_SIGN_IN_CONV_ERR, /* the person could not be asked during the sign-in */
    PCG_CHANGE_NEW_REFUSED,      /* the new password was not confirmed, not answered, or refused */
    PCG_CHANGE_UNAVAILABLE,      /* Cognito unreachable */
    PCG_CHANGE_FAILED,           /* misconfiguration or internal error */
};

struct pcg_change_input {
    const char *pam_user;
    const char *old_password;
    /* From an earlier module (use_authtok): neither asked nor retried. NULL: asked. */
    const char *new_password;
    const char *client_ip;
    /* An account `cognito-mfa sync` made: the sub the ID token must carry (bound_account.h). */
    const char *bound_sub;
};

/*
 * Changes in->pam_user's Cognito password. A new password Cognito's policy
 * refuses is told in plain words and asked again, PCG_NEW_PASSWORD_TRIES
 * times at most. result is filled as by pcg_login_run (its reason is
 * "password_changed" on success). On PCG_CHANGE_DONE, when new_password is
 * not NULL, *new_password is the password now set (for pcg_free_secret).
 */
enum pcg_change_outcome pcg_change_password(const struct pcg_conf *conf,
                                            const struct pcg_change_input *in,
                                            const struct pcg_prompter *prompter,
                                            const struct pcg_log *log,
                                            struct pcg_login_result *result, char **new_password);

#endif

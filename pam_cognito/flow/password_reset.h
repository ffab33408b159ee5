/*
 * password_reset = yes: a login that Cognito answers with
 * PasswordResetRequiredException resets the password at the prompt
 * (ForgotPassword, the code sent, a new password, ConfirmForgotPassword)
 * and signs in again with it. No PAM here.
 */
#ifndef PCG_PASSWORD_RESET_H
#define PCG_PASSWORD_RESET_H

#include <stdbool.h>

#include "flow/login_step.h"

/* password_reset is on and the person can be asked and told (not single_prompt, not PAM_SILENT). */
bool pcg_password_reset_possible(const struct pcg_login *lg);

/*
 * Resets lg->username's password. On PCG_VERDICT_SUCCESS lg->password is the
 * new password and the sign-in state (session, SRP, USER_ID_FOR_SRP) is
 * cleared for a fresh InitiateAuth. Any other verdict is told and noted.
 */
enum pcg_verdict pcg_reset_password(struct pcg_login *lg);

#endif

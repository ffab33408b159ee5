/* cognito-mfa status: the MFA methods of the signed-in user (GetUser). */
#ifndef PCG_CLI_MFA_STATUS_H
#define PCG_CLI_MFA_STATUS_H

#include "flow/login.h"

#define PCG_STATUS_TEXT 256

/* What GetUser said, sanitised for printing. */
struct pcg_mfa_status {
    char username[PCG_STATUS_TEXT];
    char enabled[PCG_STATUS_TEXT];   /* "authenticator app (SOFTWARE_TOKEN_MFA)", or "none" */
    char preferred[PCG_STATUS_TEXT]; /* the same form, or "none" */
};

/*
 * An after_sign_in hook (login.h): GetUser with the access token, into the
 * struct pcg_mfa_status ctx points to.
 */
enum pcg_verdict pcg_mfa_status_fetch(struct pcg_login *lg, void *ctx);

#endif

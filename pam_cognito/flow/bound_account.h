/*
 * The checks of a sign-in to an account `cognito-mfa sync` made (its sub
 * read from the sync's map by the PAM glue, pam/account_binding.h): what the
 * sync cannot see between its runs.
 */
#ifndef PCG_BOUND_ACCOUNT_H
#define PCG_BOUND_ACCOUNT_H

#include "cognito/id_token.h"
#include "flow/login_step.h"

/*
 * Once signed in, from the claims of the ID token the sign-in got (checked
 * already by the login's policy): its sub must be bound_sub (a user
 * re-created under the same name has a new one), and with sync_groups its
 * cognito:groups must still hold one of them. Notes and tells why when not
 * (PCG_VERDICT_DENIED).
 */
enum pcg_verdict pcg_check_bound_account(struct pcg_login *lg, const char *bound_sub);

/* pcg_check_bound_account as a login's after_sign_in hook (login.h), bound_sub as its ctx. */
enum pcg_verdict pcg_bound_account_after_sign_in(struct pcg_login *lg, void *bound_sub);

#endif

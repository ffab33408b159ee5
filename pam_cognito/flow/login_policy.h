/*
 * What a signed-in login must also show before it counts: an ID token of
 * this pool and client that names the login (username_attribute), one of
 * the groups, and, with require_mfa, a second factor (or its enrolment
 * here, enroll and enroll_group). No PAM here.
 */
#ifndef PCG_LOGIN_POLICY_H
#define PCG_LOGIN_POLICY_H

#include "cognito/id_token.h"
#include "flow/login_step.h"

/* SUCCESS, or the verdict of the first check that fails (noted and told). */
enum pcg_verdict pcg_login_check_policy(struct pcg_login *lg);

/*
 * The claims of the sign-in's ID token, checked for this pool and client
 * (id_token.h) into *claims (free with pcg_id_token_claims_free). Else a
 * refused token is noted and told (DENIED), or INTERNAL, and *claims NULL.
 */
enum pcg_verdict pcg_login_read_claims(struct pcg_login *lg, struct pcg_id_token_claims **claims);

#endif

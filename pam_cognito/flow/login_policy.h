/*
 * What a signed-in login must also show before it counts: an ID token of
 * this pool and client that names the login (username_attribute), one of
 * the groups, and, with require_mfa, a second factor (or its enrolment
 * here, enroll and enroll_group). No PAM here.
 */
#ifndef PCG_LOGIN_POLICY_H
#define PCG_LOGIN_POLICY_H

#include "flow/login_step.h"

/* SUCCESS, or the verdict of the first check that fails (noted and told). */
enum pcg_verdict pcg_login_check_policy(struct pcg_login *lg);

#endif

/*
 * Setting up an authenticator app (TOTP) for the person signing in, shared by
 * the module and the CLI: AssociateSoftwareToken, the enrolment display,
 * a first code, VerifySoftwareToken; either inside the MFA_SETUP challenge
 * (with its Session) or for a signed-in user (with the access token). No PAM
 * here.
 */
#ifndef PCG_TOTP_ENROLL_H
#define PCG_TOTP_ENROLL_H

#include <json-c/json.h>
#include <stdbool.h>

#include "flow/login_step.h"

/*
 * The MFA_SETUP challenge handler (a row of the challenge table). With
 * enroll = yes, SOFTWARE_TOKEN_MFA among MFAS_CAN_SETUP and an interactive
 * prompt (not single_prompt), enrols with the challenge Session and answers
 * MFA_SETUP with the Session VerifySoftwareToken returned; otherwise refuses
 * and tells the person to ask their administrator.
 */
enum pcg_verdict pcg_answer_mfa_setup(struct pcg_login *lg, struct json_object *params,
                                      struct json_object **next);

/*
 * Enrols the signed-in user of lg with lg->tokens.access_token, then makes
 * the authenticator app enabled and preferred (SetUserMFAPreference). Does
 * nothing when this sign-in already set one up through MFA_SETUP. First asks
 * GetUser: a user with any MFA method enabled or preferred is refused when
 * this sign-in answered no MFA challenge (a password alone never replaces a
 * factor), and otherwise unless may_replace. Refuses with single_prompt or
 * PAM_SILENT. The caller decides whether enrolment is allowed.
 */
enum pcg_verdict pcg_enroll_signed_in(struct pcg_login *lg, bool may_replace);

#endif

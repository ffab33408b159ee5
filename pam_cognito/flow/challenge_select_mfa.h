/* SELECT_MFA_TYPE: the user has several MFA methods; the host picks one, per mfa_preference. */
#ifndef PCG_CHALLENGE_SELECT_MFA_H
#define PCG_CHALLENGE_SELECT_MFA_H

#include <json-c/json.h>

#include "flow/login_step.h"

/*
 * A challenge handler (challenges.h). Answers with the first method of
 * mfa_preference that MFAS_CAN_CHOOSE offers, without asking the person
 * (with single_prompt only TOTP can be chosen); refuses when none is usable.
 * The chosen method's challenge comes next.
 */
enum pcg_verdict pcg_answer_select_mfa_type(struct pcg_login *lg, struct json_object *params,
                                            struct json_object **next);

#endif

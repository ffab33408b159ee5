/* SMS_MFA, EMAIL_OTP and SMS_OTP: Cognito sent a code by text message or email. */
#ifndef PCG_CHALLENGE_DELIVERED_CODE_H
#define PCG_CHALLENGE_DELIVERED_CODE_H

#include <json-c/json.h>

#include "flow/login_step.h"

/*
 * The challenge handler (challenges.h) of each of them, told apart by
 * lg->response's ChallengeName. It asks "Code sent to <destination>: " with
 * Cognito's masked CODE_DELIVERY_DESTINATION and answers as for TOTP
 * (code_answer.h), taking codes of 6 to 8 digits. SMS_OTP is the code of
 * USER_AUTH's passwordless sign-in by text message.
 */
enum pcg_verdict pcg_answer_delivered_code(struct pcg_login *lg, struct json_object *params,
                                           struct json_object **next);

#endif

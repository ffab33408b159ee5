/* SMS_MFA and EMAIL_OTP: Cognito sent a code by text message or email. */
#ifndef PCG_CHALLENGE_DELIVERED_CODE_H
#define PCG_CHALLENGE_DELIVERED_CODE_H

#include <json-c/json.h>

#include "flow/login_step.h"

/*
 * Challenge handlers (challenges.h). They ask "Code sent to <destination>: "
 * with Cognito's masked CODE_DELIVERY_DESTINATION and answer as for TOTP
 * (code_answer.h), taking codes of 6 to 8 digits.
 */
enum pcg_verdict pcg_answer_sms_code(struct pcg_login *lg, struct json_object *params,
                                     struct json_object **next);
enum pcg_verdict pcg_answer_email_code(struct pcg_login *lg, struct json_object *params,
                                       struct json_object **next);

/* SMS_OTP: the code of USER_AUTH's passwordless sign-in by text message. */
enum pcg_verdict pcg_answer_sms_otp(struct pcg_login *lg, struct json_object *params,
                                    struct json_object **next);

#endif

/* SELECT_CHALLENGE (auth_flow = user_auth): the first factor, picked by the first_factor option. */
#ifndef PCG_CHALLENGE_SELECT_CHALLENGE_H
#define PCG_CHALLENGE_SELECT_CHALLENGE_H

#include <json-c/json.h>

#include "flow/login_step.h"

/*
 * Picks the first entry of first_factor that InitiateAuth's AvailableChallenges
 * holds (never WEB_AUTHN) and answers with it: PASSWORD with the password,
 * PASSWORD_SRP with SRP_A, EMAIL_OTP and SMS_OTP alone (the code challenge
 * follows). The password is asked here when the login did not start with
 * it. Same contract as a challenge handler (challenges.h).
 */
enum pcg_verdict pcg_answer_select_challenge(struct pcg_login *lg, struct json_object *params,
                                             struct json_object **next);

#endif

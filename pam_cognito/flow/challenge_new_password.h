/* NEW_PASSWORD_REQUIRED: the password is temporary; the person chooses a new one. */
#ifndef PCG_CHALLENGE_NEW_PASSWORD_H
#define PCG_CHALLENGE_NEW_PASSWORD_H

#include <json-c/json.h>

#include "flow/login_step.h"

/*
 * A challenge handler (challenges.h). Asks for the attributes Cognito lists
 * in requiredAttributes (a few well-known kinds, by a readable name; others
 * are refused), then a new password twice, and sends NEW_PASSWORD. A
 * password the pool's policy refuses is asked again, PCG_NEW_PASSWORD_TRIES
 * times at most.
 */
enum pcg_verdict pcg_answer_new_password_required(struct pcg_login *lg, struct json_object *params,
                                                  struct json_object **next);

#endif

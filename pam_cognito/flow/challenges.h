/* The challenge table: one handler per Cognito ChallengeName. */
#ifndef PCG_CHALLENGES_H
#define PCG_CHALLENGES_H

#include <json-c/json.h>

#include "flow/login_step.h"

/*
 * Answers the challenge whose ChallengeParameters are params. On
 * PCG_VERDICT_SUCCESS *next is Cognito's answer to it (owned by the caller):
 * a further challenge or the AuthenticationResult. Any other verdict ends
 * the login, with lg->result noted.
 */
typedef enum pcg_verdict (*pcg_challenge_fn)(struct pcg_login *lg, struct json_object *params,
                                             struct json_object **next);

/* The handler for name, or NULL when this module cannot answer it. */
pcg_challenge_fn pcg_challenge_lookup(const char *name);

#endif

/* CUSTOM_CHALLENGE (auth_flow = custom): a question from the pool's Create Auth Challenge Lambda. */
#ifndef PCG_CHALLENGE_CUSTOM_H
#define PCG_CHALLENGE_CUSTOM_H

#include <json-c/json.h>

#include "flow/login_step.h"

/*
 * The convention with the pool's Lambda (publicChallengeParameters):
 *   prompt   the prompt text (printable ASCII; anything else shows as '?'),
 *            else "Answer: "
 *   echo     "yes"/"true"/"on"/"1": the answer is shown as typed (default: hidden)
 *   message  a line shown before the prompt (optional)
 * The typed answer goes back as ANSWER; the Define Auth Challenge Lambda
 * decides what follows. Answering one marks the login as MFA done: with
 * custom authentication the pool's Lambdas decide what a sign-in must prove.
 * Same contract as a challenge handler (challenges.h).
 */
enum pcg_verdict pcg_answer_custom_challenge(struct pcg_login *lg, struct json_object *params,
                                             struct json_object **next);

#endif

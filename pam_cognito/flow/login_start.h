/*
 * The first phase of a sign-in, which needs no password (pcg_login_start in
 * login.h, run by pam/login_early.c while the password prompt is open), and
 * how pcg_login_run takes it over. No PAM here.
 */
#ifndef PCG_LOGIN_START_H
#define PCG_LOGIN_START_H

#include <json-c/json.h>

#include "flow/login.h"
#include "flow/login_step.h"

/*
 * Moves what the first phase made into lg: username, client, SRP state, its
 * notes and request count. Its answer stays in st for pcg_login_early_answer.
 */
void pcg_login_take_started(struct pcg_login *lg, struct pcg_login_started *st);

/*
 * The first InitiateAuth answer of this login, *response: the one the helper
 * got while the password was typed (taken from st), or, when it is older
 * than PCG_EARLY_VERIFIER_MAX_AGE_S (login_start.c), a fresh one over the
 * same connection. A first phase that failed gives its verdict, and what it
 * told the person is told now.
 *
 * There is deliberately no second restart after the PASSWORD_VERIFIER
 * answer is refused (NotAuthorizedException for a verifier answered late,
 * once "Invalid session"): AWS may already have counted that answer as a
 * failed password, and answering again with the same password would count
 * a second one, towards the user's lockout. The age check keeps the answer
 * within the time AWS allows, so a refusal is a real one.
 */
enum pcg_verdict pcg_login_early_answer(struct pcg_login *lg, struct pcg_login_started *st,
                                        struct json_object **response);

#endif

/*
 * The first phase of a sign-in (pcg_login_start: connect, and with SRP draw
 * a and send InitiateAuth) run by a helper thread while the password prompt
 * is open, so that after the password only one round trip remains (with
 * USER_PASSWORD_AUTH, InitiateAuth's own). The PAM
 * glue starts it once the user is known to be local and plausible, and
 * always ends it (pcg_login_early_end) before the PAM call returns. No PAM
 * here.
 */
#ifndef PCG_LOGIN_EARLY_H
#define PCG_LOGIN_EARLY_H

#include "flow/login.h"

struct pcg_login_early;

/*
 * Starts the thread, with every signal blocked in it. NULL when there is
 * nothing worth doing early (auth_flow other than srp or password) or the thread cannot
 * start: the login then does everything after the prompt, as without it.
 * conf and log must outlive the returned object; pam_user and client_ip are
 * copied.
 */
struct pcg_login_early *pcg_login_early_start(const struct pcg_conf *conf, const char *pam_user,
                                              const char *client_ip, const struct pcg_log *log);

/*
 * Waits for the thread (within the login's network budget) and returns its
 * work for pcg_login_input.started. From here on, what the phase's HTTPS
 * client logs goes straight to log; lines logged before are written now.
 */
struct pcg_login_started *pcg_login_early_join(struct pcg_login_early *early);

/* Joins the thread if still running, then frees everything (NULL is fine). */
void pcg_login_early_end(struct pcg_login_early *early);

#endif

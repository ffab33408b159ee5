/* The first phase of a sign-in, run while the password is typed, and its hand-over. */
#include "config.h"

#include "flow/login_start.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cognito/json_util.h"
#include "conf/username_template.h"

/*
 * The PASSWORD_VERIFIER got while the password was typed is answered only
 * this soon after it came. AWS's RespondToAuthChallenge reference asks for
 * the answer "within a few seconds" of the challenge (its SECRET_BLOCK and
 * TIMESTAMP); a late one fails with NotAuthorizedException and may count as
 * a wrong password. Later than this, the sign-in starts again (a new SRP a,
 * a new InitiateAuth) before the password is used: a slow typist costs one
 * round trip, never a failed attempt.
 */
#define PCG_EARLY_VERIFIER_MAX_AGE_S 5

static long long monotonic_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A prompter that keeps what a step tells the person until its outcome is known. */
static int hold_message(struct pcg_held_messages *h, const char *text, bool error)
{
    if (h->n == PCG_HELD_MESSAGES)
        return -1;
    snprintf(h->text[h->n], sizeof(h->text[h->n]), "%s", text);
    h->error[h->n++] = error;
    return 0;
}

static int hold_info(void *ctx, const char *text)
{
    return hold_message(ctx, text, false);
}

static int hold_error(void *ctx, const char *text)
{
    return hold_message(ctx, text, true);
}

static int hold_ask(void *ctx, const char *prompt, bool echo, char **answer)
{
    const struct pcg_prompter *real = ((struct pcg_held_messages *)ctx)->real;

    *answer = NULL;
    return real != NULL ? real->ask(real->ctx, prompt, echo, answer) : -1;
}

static void holding_prompter(struct pcg_prompter *p, struct pcg_held_messages *h,
                             const struct pcg_prompter *real)
{
    memset(h, 0, sizeof(*h));
    h->real = real;
    *p = (struct pcg_prompter){ h, hold_ask, hold_info, hold_error, real != NULL && real->quiet };
}

static void release_held(const struct pcg_held_messages *h, const struct pcg_prompter *to)
{
    for (int i = 0; i < h->n && to != NULL; i++)
        (void)(h->error[i] ? to->error : to->info)(to->ctx, h->text[i]);
}

void pcg_login_start(struct pcg_login_started *st, const struct pcg_conf *conf,
                     const char *pam_user, const char *client_ip, const struct pcg_log *log)
{
    memset(st, 0, sizeof(*st));
    st->lg.conf = conf;
    st->lg.log = log;
    st->lg.client_ip = client_ip;
    st->lg.result = &st->result;
    holding_prompter(&st->prompter, &st->told, NULL);
    st->lg.prompter = &st->prompter;
    st->verdict = PCG_VERDICT_INTERNAL;
    st->lg.username = pcg_username_expand(conf->username, pam_user);
    if (st->lg.username == NULL) {
        pcg_login_note(&st->lg, "bad_username", "the username template gives no valid name");
        return;
    }
    st->lg.client = pcg_login_new_client(conf, log);
    if (st->lg.client == NULL) {
        pcg_login_note(&st->lg, "internal_error", "cannot set up the HTTPS client");
        return;
    }
    st->verdict = PCG_VERDICT_SUCCESS;
    if (conf->auth_flow == PCG_FLOW_SRP) {
        st->verdict = pcg_login_initiate(&st->lg, &st->response);
        st->done_at_ms = monotonic_ms();
    } else if (conf->auth_flow == PCG_FLOW_PASSWORD) {
        /* InitiateAuth carries the password here: only the connection can be made now. */
        (void)pcg_client_warm(st->lg.client);
    }
}

void pcg_login_started_clear(struct pcg_login_started *st)
{
    if (st == NULL)
        return;
    pcg_json_put_wiped(st->response);
    pcg_login_clear(&st->lg);
    memset(st, 0, sizeof(*st));
}

void pcg_login_take_started(struct pcg_login *lg, struct pcg_login_started *st)
{
    lg->username = st->lg.username;
    lg->client = st->lg.client;
    lg->srp = st->lg.srp;
    lg->reset_required = st->lg.reset_required;
    lg->secret_sent = st->lg.secret_sent;
    st->lg.username = NULL;
    st->lg.client = NULL;
    st->lg.srp = NULL;
    lg->result->requests = st->result.requests;
    memcpy(lg->result->reason, st->result.reason, sizeof(lg->result->reason));
    memcpy(lg->result->detail, st->result.detail, sizeof(lg->result->detail));
}

/* Starts the sign-in again: a new SRP a, a new InitiateAuth. */
static enum pcg_verdict start_again(struct pcg_login *lg, struct json_object **response)
{
    pcg_json_put_wiped(*response);
    *response = NULL;
    pcg_login_forget_challenge(lg);
    return pcg_login_initiate(lg, response);
}

enum pcg_verdict pcg_login_early_answer(struct pcg_login *lg, struct pcg_login_started *st,
                                        struct json_object **response)
{
    *response = st->response;
    st->response = NULL;
    if (st->verdict != PCG_VERDICT_SUCCESS) {
        pcg_json_put_wiped(*response);
        *response = NULL;
        release_held(&st->told, lg->prompter);
        return st->verdict;
    }
    if (*response == NULL)
        return pcg_login_initiate(lg, response);
    if (monotonic_ms() - st->done_at_ms >= PCG_EARLY_VERIFIER_MAX_AGE_S * 1000LL) {
        pcg_debug(lg->log, "the password took a while to type: starting the sign-in again");
        return start_again(lg, response);
    }
    return PCG_VERDICT_SUCCESS;
}

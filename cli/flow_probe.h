/*
 * cognito-mfa check: what the app client allows, learnt without a password.
 * InitiateAuth for a user that does not exist (PCG_PROBE_USER) with a wrong
 * password or a fresh SRP_A, and Cognito's answer read: which check it
 * stopped at tells whether the client id is known, the flow is enabled and
 * the client secret is right.
 */
#ifndef PCG_CLI_FLOW_PROBE_H
#define PCG_CLI_FLOW_PROBE_H

#include "cognito/api_error.h"
#include "cognito/cognito_client.h"
#include "conf/conf.h"

#define PCG_PROBE_USER "cognito-mfa-check-probe"

enum pcg_probe_result {
    PCG_PROBE_ALLOWED,        /* the flow ran: Cognito refused the made-up user, as it should */
    PCG_PROBE_FLOW_DISABLED,  /* the app client does not allow this flow */
    PCG_PROBE_CLIENT_UNKNOWN, /* no such app client (in this region) */
    PCG_PROBE_SECRET_MISSING, /* the client has a secret and client_secret is not set */
    PCG_PROBE_SECRET_WRONG,   /* client_secret does not match */
    PCG_PROBE_NO_CONNECTION,  /* no HTTPS answer at all: TLS, or the connection broke */
    PCG_PROBE_HTTP_ERROR,     /* 5xx or throttling, after the client's retries */
    PCG_PROBE_NOT_COGNITO,    /* an answer that is not Cognito's API */
    PCG_PROBE_OTHER,          /* another Cognito error: see detail */
    PCG_PROBE_INTERNAL,       /* out of memory, SRP failure */
};

struct pcg_probe {
    enum pcg_probe_result result;
    long http_status;
    char detail[PCG_ERROR_TYPE_MAX + PCG_ERROR_MESSAGE_MAX + 8]; /* sanitised */
};

/* Probes flow with one InitiateAuth through client. */
void pcg_probe_flow(struct pcg_client *client, const struct pcg_conf *conf, enum pcg_auth_flow flow,
                    struct pcg_probe *probe);

#endif

/*
 * The Cognito JSON 1.1 API over HTTPS. One client = one login = one CURL
 * handle, so one TLS connection is reused by every call of that login.
 * No PAM here.
 */
#ifndef PCG_COGNITO_CLIENT_H
#define PCG_COGNITO_CLIENT_H

#include <json-c/json.h>
#include <stdbool.h>

#include "cognito/api_error.h"
#include "cognito/json_secret.h" /* pcg_json_put_wiped for what pcg_client_call returns */
#include "util/log.h"

#define PCG_MAX_RESPONSE_BYTES (64 * 1024)

enum pcg_status {
    PCG_OK = 0,
    PCG_ERR_API,         /* Cognito answered with an error: see pcg_api_error.type */
    PCG_ERR_UNAVAILABLE, /* DNS, connect, TLS, timeout, reset, 5xx, throttling (after retries) */
    PCG_ERR_RESPONSE,    /* an answer that is not what the API promises (too big, not JSON...) */
    PCG_ERR_NOMEM,
    PCG_ERR_INTERNAL,
};

/*
 * AWS SigV4 signing of every request (the sync's IAM-authorised calls), by
 * libcurl's own signer. The strings are copied into libcurl (whose memory is
 * wiped when freed: lib_init.c); the caller wipes its own.
 */
struct pcg_aws_signing {
    const char *region;            /* "eu-west-1" */
    const char *service;           /* "cognito-idp" */
    const char *access_key_id;     /* secret */
    const char *secret_access_key; /* secret */
    const char *session_token;     /* NULL, or sent as X-Amz-Security-Token (secret) */
};

struct pcg_client_opts {
    const char *endpoint;      /* "https://host[:port]/..." (validated by conf) */
    const char *cafile;        /* NULL = system default */
    const char *capath;        /* NULL = system default */
    const char *proxy;         /* NULL = no proxy, and proxy environment variables are ignored */
    int timeout;               /* seconds of network time for the whole login */
    int connect_timeout;       /* seconds */
    int retries;               /* extra tries for retryable failures */
    const struct pcg_log *log; /* may be NULL */
    const struct pcg_aws_signing *signing; /* NULL: unsigned, as the login's calls are */
    size_t max_response; /* bytes of an answer, at most; 0: PCG_MAX_RESPONSE_BYTES */
};

struct pcg_client;

/* NULL on allocation or libcurl failure. The client copies what it needs from opts. */
struct pcg_client *pcg_client_new(const struct pcg_client_opts *opts);
void pcg_client_free(struct pcg_client *client);

/*
 * POSTs request (a JSON object) as operation ("InitiateAuth", ...).
 * On PCG_OK *response is a JSON object the caller owns (free it with
 * pcg_json_put_wiped). On PCG_ERR_API, err->type/message/http_status say why.
 * On every other status err->message says what went wrong, for the log.
 * The request is not modified or freed; the serialised body sent is wiped.
 *
 * Network time of all calls of one client counts against opts.timeout (time
 * between calls, when a person types, does not). Retries with jittered
 * exponential backoff, inside that budget, for: TooManyRequestsException,
 * failures to connect (DNS, TCP, TLS handshake) where no request byte was
 * sent, and HTTP 5xx (incl. InternalErrorException) for requests that may
 * be repeated (retry_policy.h: the operation may have run). Never for a 4xx
 * other than throttling, nor when the answer was lost after the request may
 * have reached the server (not even libcurl's own silent re-send when a
 * reused connection dies before the answer: see refuse_rewind).
 */
enum pcg_status pcg_client_call(struct pcg_client *client, const char *operation,
                                struct json_object *request, struct json_object **response,
                                struct pcg_api_error *err);

/* Gives the client its whole network time budget again (the sync: one budget per page). */
void pcg_client_renew_budget(struct pcg_client *client);

/* Network time left in the budget, in milliseconds (for logs and tests). */
long pcg_client_budget_left_ms(const struct pcg_client *client);

/*
 * Opens the connection the next call will use, by a request that is no API
 * call (OPTIONS /); its answer is ignored. True when one came.
 */
bool pcg_client_warm(struct pcg_client *client);

/* Human name of a status for logs ("network unavailable", ...). */
const char *pcg_status_str(enum pcg_status st);

#endif

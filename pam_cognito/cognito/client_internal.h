#ifndef PCG_CLIENT_INTERNAL_H
#define PCG_CLIENT_INTERNAL_H

/* The client's state, shared by cognito_client.c and client_outcome.c only. */

#include "cognito/cognito_client.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>

#include "util/log.h"

#define PCG_ERROR_HEADER_MAX 256
#define PCG_HOST_MAX 256

struct pcg_client {
    CURL *curl;
    struct pcg_log log; /* emit == NULL: nothing is logged */
    int timeout_s;      /* as configured, for messages */
    int64_t budget_us;  /* network time left */
    long connect_timeout_ms;
    int retries;
    char host[PCG_HOST_MAX]; /* sanitised endpoint host, for messages */
    char errbuf[CURL_ERROR_SIZE];
    char *body; /* body_max bytes; may hold tokens: wiped */
    size_t body_max;
    size_t body_len;
    size_t body_high; /* the most of body ever written: only that is wiped */
    bool body_too_big;
    char error_header[PCG_ERROR_HEADER_MAX];
    bool error_header_seen;
    bool may_repeat;    /* the request being sent: retry_policy.h */
    const char *upload; /* the request body being sent (secret) */
    size_t upload_len;
    size_t upload_pos;
    bool sign;          /* SigV4: the body goes as CURLOPT_POSTFIELDS, which libcurl hashes */
    char *token_header; /* "X-Amz-Security-Token: ..." or NULL (secret) */
};

void pcg_client_set_message(struct pcg_api_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void pcg_client_set_budget_message(const struct pcg_client *c, struct pcg_api_error *err);

/* A transfer that did not complete: decide the status, the message and whether a retry is safe. */
enum pcg_status pcg_client_classify_failure(struct pcg_client *c, CURLcode rc, bool budget_hit,
                                            struct pcg_api_error *err, bool *retry);
/* A complete HTTP response: 200 + object is success; the rest is sorted out here. */
enum pcg_status pcg_client_classify_response(struct pcg_client *c, struct pcg_api_error *err,
                                             struct json_object **response, bool *retry);

#endif

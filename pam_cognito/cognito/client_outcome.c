#include "config.h"

/*
 * What one attempt came to: a transfer that did not complete (connect,
 * TLS, time, size) or a complete HTTP answer (success, AWS error, throttling,
 * server error); the status, the message, and whether sending again is safe.
 */

#include "cognito/client_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "util/text.h"

void pcg_client_set_message(struct pcg_api_error *err, const char *fmt, ...)
{
    char line[2 * PCG_ERROR_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    pcg_sanitize(line, err->message, sizeof(err->message));
}

void pcg_client_set_budget_message(const struct pcg_client *c, struct pcg_api_error *err)
{
    pcg_client_set_message(err, "network time budget of %d s used up", c->timeout_s);
}

static bool tls_verification_failure(CURLcode rc)
{
    switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return true;
    default:
        return false;
    }
}

enum pcg_status pcg_client_classify_failure(struct pcg_client *c, CURLcode rc, bool budget_hit,
                                            struct pcg_api_error *err, bool *retry)
{
    const char *detail = c->errbuf[0] != '\0' ? c->errbuf : curl_easy_strerror(rc);
    curl_off_t pretransfer_us = 0;
    long request_bytes = 0;
    bool nothing_sent;

    /* curl reports at least 1 us once it got as far as sending. */
    if (curl_easy_getinfo(c->curl, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_us) != CURLE_OK
        || curl_easy_getinfo(c->curl, CURLINFO_REQUEST_SIZE, &request_bytes) != CURLE_OK)
        pretransfer_us = 1;
    nothing_sent = pretransfer_us == 0 && request_bytes == 0;

    if (c->body_too_big || rc == CURLE_FILESIZE_EXCEEDED) {
        pcg_client_set_message(err, "response larger than %zu bytes", c->body_max);
        return PCG_ERR_RESPONSE;
    }
    if (tls_verification_failure(rc)) {
        pcg_client_set_message(err, "TLS verification of %s failed (check cafile/capath): %s",
                               c->host, detail);
        return PCG_ERR_UNAVAILABLE;
    }
    switch (rc) {
    case CURLE_OUT_OF_MEMORY:
        pcg_client_set_message(err, "out of memory talking to %s", c->host);
        return PCG_ERR_NOMEM;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        pcg_client_set_message(err, "endpoint refused (https URL needed): %s", detail);
        return PCG_ERR_INTERNAL;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
        *retry = nothing_sent;
        pcg_client_set_message(err, "cannot connect to %s: %s", c->host, detail);
        return PCG_ERR_UNAVAILABLE;
    case CURLE_SEND_FAIL_REWIND:
        pcg_client_set_message(
            err,
            "connection to %s lost before any answer, after the request may have "
            "arrived; not sent again",
            c->host);
        return PCG_ERR_UNAVAILABLE;
    case CURLE_OPERATION_TIMEDOUT:
        if (budget_hit) {
            pcg_client_set_budget_message(c, err);
        } else if (nothing_sent) {
            *retry = true;
            pcg_client_set_message(err, "cannot connect to %s: %s", c->host, detail);
        } else {
            pcg_client_set_message(err, "no answer in time from %s: %s", c->host, detail);
        }
        return PCG_ERR_UNAVAILABLE;
    default:
        pcg_client_set_message(err, "connection to %s failed: %s", c->host, detail);
        return PCG_ERR_UNAVAILABLE;
    }
}

enum pcg_status pcg_client_classify_response(struct pcg_client *c, struct pcg_api_error *err,
                                             struct json_object **response, bool *retry)
{
    char server_message[PCG_ERROR_MESSAGE_MAX];
    long code = err->http_status;

    if (code == 200) {
        *response = pcg_json_parse_object(c->body, c->body_len);
        if (*response == NULL) {
            pcg_client_set_message(err, "response is not a JSON object");
            return PCG_ERR_RESPONSE;
        }
        return PCG_OK;
    }
    if (code < 400 || code > 599) {
        pcg_client_set_message(err, "unexpected HTTP status %ld from %s", code, c->host);
        return PCG_ERR_RESPONSE;
    }

    pcg_api_error_parse(c->error_header_seen ? c->error_header : NULL, c->body, c->body_len, err);
    memcpy(server_message, err->message, sizeof(server_message));
    if (code >= 500) {
        /* The operation may have run: repeat only what cannot count twice. */
        *retry = c->may_repeat;
        pcg_client_set_message(err, "HTTP %ld%s%s%s from %s%s%s%s", code, err->type[0] ? " (" : "",
                               err->type, err->type[0] ? ")" : "", c->host,
                               server_message[0] ? ": " : "", server_message,
                               c->may_repeat ? "" : "; not sent again, as it may have counted");
        return PCG_ERR_UNAVAILABLE;
    }
    if (strcmp(err->type, "TooManyRequestsException") == 0) {
        *retry = true;
        pcg_client_set_message(err, "throttled by %s%s%s", c->host, server_message[0] ? ": " : "",
                               server_message);
        return PCG_ERR_UNAVAILABLE;
    }
    if (err->type[0] == '\0') {
        pcg_client_set_message(err, "HTTP %ld without an error type from %s", code, c->host);
        return PCG_ERR_RESPONSE;
    }
    return PCG_ERR_API;
}

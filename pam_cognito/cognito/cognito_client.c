#include "config.h"

#include "cognito/cognito_client.h"
#include "cognito/client_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/rand.h>

#include "cognito/lib_init.h"
#include "cognito/retry_policy.h"
#include "util/secure.h"
#include "cognito/sigpipe_guard.h"
#include "util/text.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0"
#endif

#define PCG_USER_AGENT "pam_cognito/" PACKAGE_VERSION
#define PCG_TARGET_PREFIX "X-Amz-Target: AWSCognitoIdentityProviderService."
#define PCG_OPERATION_MAX 64
#define PCG_BACKOFF_BASE_MS 100
#define PCG_BACKOFF_CAP_MS 2000
#define PCG_TIMEOUT_MAX_S 86400
/*
 * A kept-alive connection idle for 16 s or more (libcurl compares whole
 * seconds: idle/1000 > 15) is closed and replaced instead of reused. Long
 * enough that the connection made while the password prompt is open
 * (login_early.c) survives ordinary typing, short enough against a
 * connection forgotten without a FIN: a server that closes an idle
 * connection sends a FIN, which libcurl's check before reuse notices, while
 * silent drops by NATs and firewalls come after minutes (AWS NAT gateways:
 * 350 s). A request on a connection dropped silently goes into the void,
 * waits for the budget, and may not be sent again (see refuse_rewind).
 */
#define PCG_REUSE_IDLE_MAX_S 15L
#define PCG_CURL_UPLOAD_BUFFER 16384L /* libcurl's minimum */
#define PCG_CURL_READ_BUFFER 4096L
#define PCG_SIGV4_SCOPE_MAX 128
#define PCG_TOKEN_HEADER "X-Amz-Security-Token: "
#define PCG_SESSION_TOKEN_MAX 4096

static int64_t now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    struct pcg_client *c = ud;
    size_t n = size * nmemb;

    if (n > c->body_max - c->body_len) {
        c->body_too_big = true;
        return 0; /* CURLE_WRITE_ERROR: stop reading now */
    }
    memcpy(c->body + c->body_len, data, n);
    c->body_len += n;
    if (c->body_len > c->body_high)
        c->body_high = c->body_len;
    return n;
}

/* Hands curl the request body (curl copies it into its upload buffer). */
static size_t on_upload(char *buf, size_t size, size_t nitems, void *ud)
{
    struct pcg_client *c = ud;
    size_t n = size * nitems;

    if (n > c->upload_len - c->upload_pos)
        n = c->upload_len - c->upload_pos;
    if (n == 0)
        return 0;
    memcpy(buf, c->upload + c->upload_pos, n);
    c->upload_pos += n;
    return n;
}

/*
 * When a reused keep-alive connection dies before the first byte of the
 * answer, libcurl silently sends the request again on a new connection,
 * rewinding the body first. The dead connection may well have delivered it:
 * a code or password that counted as an attempt, a single-use Session.
 * Refusing the rewind turns that replay into CURLE_SEND_FAIL_REWIND, which
 * is not retried. (A body given by CURLOPT_POSTFIELDS would be re-sent.)
 */
static int refuse_rewind(void *ud, curl_off_t offset, int origin)
{
    return CURL_SEEKFUNC_CANTSEEK;
}

/* Keeps the first x-amzn-ErrorType of the last response; ignores every other header. */
static size_t on_header(char *data, size_t size, size_t nitems, void *ud)
{
    static const char name[] = "x-amzn-ErrorType:";
    struct pcg_client *c = ud;
    size_t n = size * nitems;
    size_t vlen;
    const char *v;

    if (n >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        /* A new response (after an interim one) starts: forget the old header. */
        c->error_header_seen = false;
        c->error_header[0] = '\0';
    } else if (!c->error_header_seen && n >= sizeof(name) - 1
               && strncasecmp(data, name, sizeof(name) - 1) == 0) {
        v = data + sizeof(name) - 1;
        vlen = n - (sizeof(name) - 1);
        while (vlen > 0 && (*v == ' ' || *v == '\t')) {
            v++;
            vlen--;
        }
        while (vlen > 0
               && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' || v[vlen - 1] == ' '
                   || v[vlen - 1] == '\t'))
            vlen--;
        if (vlen > sizeof(c->error_header) - 1)
            vlen = sizeof(c->error_header) - 1;
        memcpy(c->error_header, v, vlen);
        c->error_header[vlen] = '\0';
        c->error_header_seen = true;
    }
    return n;
}

static void reset_response(struct pcg_client *c)
{
    pcg_wipe(c->body, c->body_len);
    c->body_len = 0;
    c->body_too_big = false;
    c->error_header[0] = '\0';
    c->error_header_seen = false;
}

static void set_host(struct pcg_client *c, const char *endpoint)
{
    CURLU *url = curl_url();
    char *host = NULL;

    if (url != NULL && curl_url_set(url, CURLUPART_URL, endpoint, 0) == CURLUE_OK
        && curl_url_get(url, CURLUPART_HOST, &host, 0) == CURLUE_OK)
        pcg_sanitize(host, c->host, sizeof(c->host));
    else
        pcg_sanitize(endpoint, c->host, sizeof(c->host));
    curl_free(host);
    curl_url_cleanup(url);
}

/*
 * Neither cafile nor capath: trust the system's hashed certificate directory,
 * where OpenSSL looks up the one or two issuers a handshake needs, instead of
 * libcurl's default bundle file, which it parses whole (about 150
 * certificates on Debian, most of a login's CPU time) for every login. The
 * directory is the one libcurl was built with (--with-ca-path, reported by
 * CURLINFO_CAPATH): /etc/ssl/certs on Debian, the same as OpenSSL's
 * X509_get_default_cert_dir() there. A libcurl built without one keeps its
 * default bundle.
 */
static CURLcode set_system_trust(CURL *h)
{
    CURLcode rc = CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075400
    char dir[PATH_MAX];
    char *builtin = NULL;

    if (curl_easy_getinfo(h, CURLINFO_CAPATH, &builtin) != CURLE_OK || builtin == NULL
        || builtin[0] == '\0' || strlen(builtin) >= sizeof(dir))
        return CURLE_OK;
    memcpy(dir, builtin, strlen(builtin) + 1); /* setopt frees what it replaces */
    rc = curl_easy_setopt(h, CURLOPT_CAPATH, dir);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(h, CURLOPT_CAINFO, (char *)NULL);
#else
    (void)h;
#endif
    return rc;
}

static CURLcode set_options(struct pcg_client *c, const struct pcg_client_opts *opts)
{
    CURL *h = c->curl;
    CURLcode rc = CURLE_OK;

#define PCG_SETOPT(opt, val)                        \
    do {                                            \
        if (rc == CURLE_OK)                         \
            rc = curl_easy_setopt(h, (opt), (val)); \
    } while (0)

    PCG_SETOPT(CURLOPT_URL, opts->endpoint);
#if LIBCURL_VERSION_NUM >= 0x075500
    PCG_SETOPT(CURLOPT_PROTOCOLS_STR, "https");
    PCG_SETOPT(CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
    PCG_SETOPT(CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTPS);
    PCG_SETOPT(CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
    PCG_SETOPT(CURLOPT_FOLLOWLOCATION, 0L);
    PCG_SETOPT(CURLOPT_MAXREDIRS, 0L);
    PCG_SETOPT(CURLOPT_SSL_VERIFYPEER, 1L);
    PCG_SETOPT(CURLOPT_SSL_VERIFYHOST, 2L);
    PCG_SETOPT(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    if (opts->cafile != NULL)
        PCG_SETOPT(CURLOPT_CAINFO, opts->cafile);
    if (opts->capath != NULL)
        PCG_SETOPT(CURLOPT_CAPATH, opts->capath);
    if (opts->cafile == NULL && opts->capath == NULL && rc == CURLE_OK)
        rc = set_system_trust(h);
    /* "" disables the proxy and, with NOPROXY "", the proxy environment variables. */
    PCG_SETOPT(CURLOPT_PROXY, opts->proxy != NULL ? opts->proxy : "");
    PCG_SETOPT(CURLOPT_NOPROXY, "");
    PCG_SETOPT(CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075700
    /*
     * A transfer that ends (timeout, or early work abandoned) leaves the
     * resolver thread behind instead of joining it: a nameserver that never
     * answers would hold the login for resolv.conf's timeout times attempts
     * (30 s by default), whatever the module's own budget says.
     */
    PCG_SETOPT(CURLOPT_QUICK_EXIT, 1L);
#endif
    PCG_SETOPT(CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
    PCG_SETOPT(CURLOPT_USERAGENT, PCG_USER_AGENT);
    PCG_SETOPT(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    PCG_SETOPT(CURLOPT_TCP_KEEPALIVE, 1L);
    PCG_SETOPT(CURLOPT_MAXAGE_CONN, PCG_REUSE_IDLE_MAX_S);
    PCG_SETOPT(CURLOPT_POST, 1L);
    PCG_SETOPT(CURLOPT_READFUNCTION, on_upload);
    PCG_SETOPT(CURLOPT_READDATA, c);
    PCG_SETOPT(CURLOPT_SEEKFUNCTION, refuse_rewind);
    PCG_SETOPT(CURLOPT_SEEKDATA, c);
    PCG_SETOPT(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->body_max);
    PCG_SETOPT(CURLOPT_ERRORBUFFER, c->errbuf);
    PCG_SETOPT(CURLOPT_WRITEFUNCTION, on_body);
    PCG_SETOPT(CURLOPT_WRITEDATA, c);
    PCG_SETOPT(CURLOPT_HEADERFUNCTION, on_header);
    PCG_SETOPT(CURLOPT_HEADERDATA, c);
    /*
     * The wiping allocator (wiping_alloc.c) wipes every block libcurl frees,
     * whole: each page of it that was never written is faulted in just to be
     * zeroed. Requests and answers take a page or two; libcurl's default
     * buffers (64 KiB to send, blocks of 16 KiB to receive) cost about 30
     * page faults per login that way.
     */
    PCG_SETOPT(CURLOPT_UPLOAD_BUFFERSIZE, PCG_CURL_UPLOAD_BUFFER);
    PCG_SETOPT(CURLOPT_BUFFERSIZE, PCG_CURL_READ_BUFFER);
#undef PCG_SETOPT
    return rc;
}

/* "aws:amz:REGION:SERVICE", the key pair and the session token's header. */
static bool set_signing(struct pcg_client *c, const struct pcg_aws_signing *sig)
{
    char scope[PCG_SIGV4_SCOPE_MAX];
    int n;

    if (sig->region == NULL || sig->service == NULL || sig->access_key_id == NULL
        || sig->secret_access_key == NULL)
        return false;
    n = snprintf(scope, sizeof(scope), "aws:amz:%s:%s", sig->region, sig->service);
    if (n < 0 || (size_t)n >= sizeof(scope))
        return false;
    if (sig->session_token != NULL) {
        size_t len = strlen(sig->session_token);

        if (len == 0 || len > PCG_SESSION_TOKEN_MAX || strcspn(sig->session_token, "\r\n") != len)
            return false;
        c->token_header = malloc(sizeof(PCG_TOKEN_HEADER) + len);
        if (c->token_header == NULL)
            return false;
        memcpy(c->token_header, PCG_TOKEN_HEADER, sizeof(PCG_TOKEN_HEADER) - 1);
        memcpy(c->token_header + sizeof(PCG_TOKEN_HEADER) - 1, sig->session_token, len + 1);
    }
    c->sign = true;
    return curl_easy_setopt(c->curl, CURLOPT_AWS_SIGV4, scope) == CURLE_OK
        && curl_easy_setopt(c->curl, CURLOPT_USERNAME, sig->access_key_id) == CURLE_OK
        && curl_easy_setopt(c->curl, CURLOPT_PASSWORD, sig->secret_access_key) == CURLE_OK;
}

struct pcg_client *pcg_client_new(const struct pcg_client_opts *opts)
{
    struct pcg_client *c = NULL;
    bool ok = false;
    int timeout_s;

    if (opts == NULL || opts->endpoint == NULL)
        goto out;
    if (!pcg_libs_init())
        goto out;
    c = calloc(1, sizeof(*c));
    if (c == NULL)
        goto out;
    c->body_max = opts->max_response > 0 ? opts->max_response : PCG_MAX_RESPONSE_BYTES;
    c->body = malloc(c->body_max);
    c->curl = curl_easy_init();
    if (c->body == NULL || c->curl == NULL)
        goto out;

    if (opts->log != NULL)
        c->log = *opts->log;
    timeout_s = opts->timeout < 0 ? 0 : opts->timeout;
    if (timeout_s > PCG_TIMEOUT_MAX_S)
        timeout_s = PCG_TIMEOUT_MAX_S;
    c->timeout_s = timeout_s;
    c->budget_us = (int64_t)timeout_s * 1000000;
    if (opts->connect_timeout > 0 && opts->connect_timeout <= PCG_TIMEOUT_MAX_S)
        c->connect_timeout_ms = (long)opts->connect_timeout * 1000;
    else
        c->connect_timeout_ms = (long)timeout_s * 1000;
    c->retries = opts->retries < 0 ? 0 : opts->retries;
    set_host(c, opts->endpoint);

    if (set_options(c, opts) != CURLE_OK)
        goto out;
    if (opts->signing != NULL && !set_signing(c, opts->signing))
        goto out;
    ok = true;
out:
    if (!ok) {
        pcg_client_free(c);
        c = NULL;
    }
    return c;
}

void pcg_client_free(struct pcg_client *client)
{
    if (client == NULL)
        return;
    if (client->curl != NULL) {
        struct pcg_sigpipe_guard guard;

        /* Closing the connection sends a TLS close_notify. */
        pcg_sigpipe_block(&guard);
        curl_easy_cleanup(client->curl);
        pcg_sigpipe_restore(&guard);
    }
    /* Not all of it: pages never written would be touched only to be wiped. */
    if (client->body != NULL)
        pcg_free_secret_n(client->body, client->body_high);
    pcg_free_secret(client->token_header);
    pcg_wipe(client, sizeof(*client));
    free(client);
}

void pcg_client_renew_budget(struct pcg_client *client)
{
    if (client != NULL)
        client->budget_us = (int64_t)client->timeout_s * 1000000;
}

long pcg_client_budget_left_ms(const struct pcg_client *client)
{
    if (client == NULL || client->budget_us <= 0)
        return 0;
    return (long)(client->budget_us / 1000);
}

static bool valid_operation(const char *operation)
{
    size_t i;

    if (operation == NULL || operation[0] == '\0')
        return false;
    for (i = 0; operation[i] != '\0'; i++) {
        char ch = operation[i];

        if (i >= PCG_OPERATION_MAX
            || !((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
            return false;
    }
    return true;
}

static enum pcg_status build_headers(const char *operation, const char *token_header,
                                     struct curl_slist **out)
{
    char target[sizeof(PCG_TARGET_PREFIX) + PCG_OPERATION_MAX];
    const char *lines[] = { "Content-Type: application/x-amz-json-1.1", target,
                            "Expect:", token_header };
    struct curl_slist *list = NULL;
    struct curl_slist *grown;
    enum pcg_status st = PCG_ERR_NOMEM;
    size_t i;

    snprintf(target, sizeof(target), "%s%s", PCG_TARGET_PREFIX, operation);
    for (i = 0; i < sizeof(lines) / sizeof(lines[0]) && lines[i] != NULL; i++) {
        grown = curl_slist_append(list, lines[i]);
        if (grown == NULL)
            goto out;
        list = grown;
    }
    st = PCG_OK;
out:
    if (st != PCG_OK) {
        curl_slist_free_all(list);
        list = NULL;
    }
    *out = list;
    return st;
}

/* The transfer's limits: the network time left, and the connect timeout within it. */
static bool set_timeouts(struct pcg_client *c)
{
    long limit_ms = (long)(c->budget_us / 1000);
    long connect_ms = c->connect_timeout_ms < limit_ms ? c->connect_timeout_ms : limit_ms;

    return curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, limit_ms) == CURLE_OK
        && curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT_MS, connect_ms) == CURLE_OK;
}

/*
 * One transfer, with SIGPIPE kept off this thread; its network time is taken
 * from the budget (0 once less than a millisecond is left).
 */
static CURLcode perform_timed(struct pcg_client *c, int64_t *elapsed_us)
{
    struct pcg_sigpipe_guard guard;
    int64_t start_us = now_us();
    CURLcode rc;

    pcg_sigpipe_block(&guard);
    rc = curl_easy_perform(c->curl);
    pcg_sigpipe_restore(&guard);
    *elapsed_us = now_us() - start_us;
    c->budget_us -= *elapsed_us;
    if (c->budget_us < 1000)
        c->budget_us = 0;
    return rc;
}

static enum pcg_status attempt_once(struct pcg_client *c, const char *operation, int attempt,
                                    struct pcg_api_error *err, struct json_object **response,
                                    bool *retry)
{
    enum pcg_status st;
    int64_t elapsed_us;
    bool budget_hit;
    CURLcode rc;

    *retry = false;
    memset(err, 0, sizeof(*err));
    if (c->budget_us < 1000) {
        c->budget_us = 0;
        pcg_client_set_budget_message(c, err);
        st = PCG_ERR_UNAVAILABLE;
        goto out;
    }
    reset_response(c);
    c->upload_pos = 0;
    c->errbuf[0] = '\0';
    if (!set_timeouts(c)) {
        pcg_client_set_message(err, "cannot set timeouts");
        st = PCG_ERR_INTERNAL;
        goto out;
    }

    rc = perform_timed(c, &elapsed_us);
    budget_hit = c->budget_us == 0;
    if (curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &err->http_status) != CURLE_OK)
        err->http_status = 0;

    if (rc == CURLE_OK)
        st = pcg_client_classify_response(c, err, response, retry);
    else
        st = pcg_client_classify_failure(c, rc, budget_hit, err, retry);

    pcg_debug(&c->log, "cognito %s: attempt %d of %d: HTTP %ld, %s%s%s, %ld ms, %ld ms left",
              operation, attempt, c->retries + 1, err->http_status, pcg_status_str(st),
              err->type[0] != '\0' ? " " : "", err->type, (long)(elapsed_us / 1000),
              pcg_client_budget_left_ms(c));
out:
    return st;
}

/*
 * OPTIONS / with no body: not an API call, so nothing at Cognito counts it,
 * and whatever the answer, the connection it opened is what the next call
 * uses. Its network time counts towards the budget like any call's.
 */
bool pcg_client_warm(struct pcg_client *c)
{
    struct curl_slist *headers = NULL;
    int64_t elapsed_us;
    CURLcode rc = CURLE_OUT_OF_MEMORY;

    if (c == NULL || c->budget_us < 1000)
        return false;
    headers = curl_slist_append(NULL, "Content-Type:"); /* not curl's form type */
    if (headers != NULL && curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, "OPTIONS") == CURLE_OK
        && curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, headers) == CURLE_OK
        && curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)0) == CURLE_OK
        && set_timeouts(c)) {
        reset_response(c);
        c->upload = "";
        c->upload_len = c->upload_pos = 0;
        rc = perform_timed(c, &elapsed_us);
    }
    pcg_debug(&c->log, "connection made early: %s",
              rc == CURLE_OK ? "ready" : curl_easy_strerror(rc));
    curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, (char *)NULL);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
    reset_response(c);
    c->upload = NULL;
    curl_slist_free_all(headers);
    return rc == CURLE_OK;
}

/* Full-jitter exponential backoff. False when the sleep would use up the budget. */
static bool backoff(struct pcg_client *c, const char *operation, int attempt)
{
    long ceiling = PCG_BACKOFF_BASE_MS;
    uint32_t r = 0;
    long wait_ms;
    int64_t start_us;
    int i;

    for (i = 1; i < attempt && ceiling < PCG_BACKOFF_CAP_MS; i++)
        ceiling *= 2;
    if (ceiling > PCG_BACKOFF_CAP_MS)
        ceiling = PCG_BACKOFF_CAP_MS;
    if (RAND_bytes((unsigned char *)&r, sizeof(r)) != 1)
        r = (uint32_t)now_us();
    wait_ms = (long)(r % (uint32_t)(ceiling + 1));
    if ((int64_t)wait_ms * 1000 >= c->budget_us) {
        pcg_debug(&c->log, "cognito %s: no retry, %ld ms backoff exceeds the %ld ms left",
                  operation, wait_ms, pcg_client_budget_left_ms(c));
        return false;
    }
    pcg_debug(&c->log, "cognito %s: retrying in %ld ms", operation, wait_ms);
    start_us = now_us();
    sleep_ms(wait_ms);
    c->budget_us -= now_us() - start_us;
    return c->budget_us > 0;
}

enum pcg_status pcg_client_call(struct pcg_client *client, const char *operation,
                                struct json_object *request, struct json_object **response,
                                struct pcg_api_error *err)
{
    struct pcg_api_error scratch;
    struct curl_slist *headers = NULL;
    char *body = NULL;
    size_t body_len = 0;
    enum pcg_json_write_status wst;
    enum pcg_status st = PCG_ERR_INTERNAL;
    bool retry = false;
    int attempt;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof(*err));
    if (response != NULL)
        *response = NULL;
    if (client == NULL || response == NULL || request == NULL || !valid_operation(operation)) {
        pcg_client_set_message(err, "invalid arguments to the Cognito client");
        goto out;
    }
    st = build_headers(operation, client->token_header, &headers);
    if (st != PCG_OK) {
        pcg_client_set_message(err, "out of memory");
        goto out;
    }
    wst = pcg_json_write(request, &body, &body_len);
    if (wst != PCG_JSON_WRITE_OK) {
        st = wst == PCG_JSON_WRITE_NOMEM ? PCG_ERR_NOMEM : PCG_ERR_INTERNAL;
        pcg_client_set_message(err,
                               wst == PCG_JSON_WRITE_NOMEM
                                   ? "out of memory"
                                   : "the request cannot be written as JSON");
        goto out;
    }
    /*
     * libcurl's signer hashes CURLOPT_POSTFIELDS, not what a read callback
     * gives. Only reads are signed (ListUsersInGroup, ListUsers), so the
     * re-send refuse_rewind prevents cannot count twice there.
     */
    if (curl_easy_setopt(client->curl, CURLOPT_HTTPHEADER, headers) != CURLE_OK
        || curl_easy_setopt(client->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len)
            != CURLE_OK
        || (client->sign && curl_easy_setopt(client->curl, CURLOPT_POSTFIELDS, body) != CURLE_OK)) {
        st = PCG_ERR_INTERNAL;
        pcg_client_set_message(err, "cannot set up the request");
        goto out;
    }
    client->upload = body;
    client->upload_len = body_len;
    client->may_repeat = pcg_may_repeat(operation, request);

    for (attempt = 1;; attempt++) {
        st = attempt_once(client, operation, attempt, err, response, &retry);
        if (st == PCG_OK || !retry || attempt > client->retries)
            break;
        if (!backoff(client, operation, attempt))
            break;
    }
out:
    if (client != NULL) {
        curl_easy_setopt(client->curl, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
        if (client->sign)
            curl_easy_setopt(client->curl, CURLOPT_POSTFIELDS, (char *)NULL);
        reset_response(client);
        client->upload = NULL;
        client->upload_len = client->upload_pos = 0;
    }
    curl_slist_free_all(headers);
    pcg_free_secret_n(body, body_len + 1);
    return st;
}

const char *pcg_status_str(enum pcg_status st)
{
    switch (st) {
    case PCG_OK:
        return "ok";
    case PCG_ERR_API:
        return "refused by Cognito";
    case PCG_ERR_UNAVAILABLE:
        return "Cognito unavailable";
    case PCG_ERR_RESPONSE:
        return "bad response";
    case PCG_ERR_NOMEM:
        return "out of memory";
    case PCG_ERR_INTERNAL:
        return "internal error";
    }
    return "unknown status";
}

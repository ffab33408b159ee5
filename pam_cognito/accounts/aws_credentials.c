#include "config.h"

#include "accounts/aws_credentials.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "cognito/json_secret.h"
#include "cognito/json_util.h"
#include "cognito/lib_init.h"
#include "util/secure.h"

#define ACCESS_KEY_MIN 16
#define ACCESS_KEY_MAX 128
#define SECRET_MAX 128
#define TOKEN_MAX 4096
#define ROLE_MAX 128
#define ENDPOINT_MAX 256
#define IMDS_ANSWER_MAX 8192
#define IMDS_TOKEN_TTL "21600"
#define IMDS_CONNECT_MS 1000L
#define IMDS_TIMEOUT_MS 2000L
#define IMDS_ROLE_PATH "/latest/meta-data/iam/security-credentials/"

const char *pcg_aws_check_access_key_id(const char *s)
{
    size_t len = s != NULL ? strlen(s) : 0;

    if (len < ACCESS_KEY_MIN || len > ACCESS_KEY_MAX)
        return "the access key id is not 16 to 128 characters";
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return "the access key id has a character other than A-Z and 0-9";
    return NULL;
}

/* Printable ASCII without blanks: what a secret key or a session token is made of. */
static bool printable_word(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] <= ' ' || s[i] > '~')
            return false;
    return true;
}

const char *pcg_aws_check_secret(const char *s)
{
    size_t len = s != NULL ? strlen(s) : 0;

    if (len == 0 || len > SECRET_MAX || !printable_word(s, len))
        return "the secret access key is not 1 to 128 printable characters";
    return NULL;
}

const char *pcg_aws_check_session_token(const char *s)
{
    size_t len = s != NULL ? strlen(s) : 0;

    if (len == 0 || len > TOKEN_MAX || !printable_word(s, len))
        return "the session token is not 1 to 4096 printable characters";
    return NULL;
}

static void set_err(char *err, size_t errlen, const char *why)
{
    if (err != NULL && errlen > 0)
        snprintf(err, errlen, "%s", why);
}

void pcg_aws_credentials_free(struct pcg_aws_credentials *creds)
{
    if (creds == NULL)
        return;
    pcg_free_secret(creds->access_key_id);
    pcg_free_secret(creds->secret_access_key);
    pcg_free_secret(creds->session_token);
    *creds = (struct pcg_aws_credentials){ 0 };
}

/* Checks and copies the three values; token may be NULL. */
static enum pcg_aws_credentials_status take(struct pcg_aws_credentials *creds, const char *akid,
                                            const char *secret, const char *token,
                                            const char *source, char *err, size_t errlen)
{
    const char *why = pcg_aws_check_access_key_id(akid);

    if (why == NULL)
        why = pcg_aws_check_secret(secret);
    if (why == NULL && token != NULL)
        why = pcg_aws_check_session_token(token);
    if (why != NULL) {
        if (err != NULL && errlen > 0)
            snprintf(err, errlen, "%s (%s)", why, source);
        return PCG_AWS_CREDENTIALS_BAD;
    }
    creds->access_key_id = pcg_strdup_secret(akid);
    creds->secret_access_key = pcg_strdup_secret(secret);
    creds->session_token = token != NULL ? pcg_strdup_secret(token) : NULL;
    creds->source = source;
    if (creds->access_key_id == NULL || creds->secret_access_key == NULL
        || (token != NULL && creds->session_token == NULL)) {
        pcg_aws_credentials_free(creds);
        set_err(err, errlen, "out of memory");
        return PCG_AWS_CREDENTIALS_NOMEM;
    }
    return PCG_AWS_CREDENTIALS_OK;
}

/* ---- IMDSv2 ---- */

struct imds_answer {
    char buf[IMDS_ANSWER_MAX + 1]; /* may hold the token or the credentials: wiped */
    size_t len;
    bool too_big;
};

static size_t on_imds_body(char *data, size_t size, size_t nmemb, void *ud)
{
    struct imds_answer *a = ud;
    size_t n = size * nmemb;

    if (n > IMDS_ANSWER_MAX - a->len) {
        a->too_big = true;
        return 0;
    }
    memcpy(a->buf + a->len, data, n);
    a->len += n;
    a->buf[a->len] = '\0';
    return n;
}

/*
 * One request to the metadata service: 200 with a body that fits, or false.
 * header (secret: the token) is sent as given; method "PUT" or NULL (GET).
 */
static bool imds_request(CURL *h, const char *url, const char *method, const char *header,
                         struct imds_answer *a)
{
    struct curl_slist *headers = NULL;
    long status = 0;
    bool ok = false;

    pcg_wipe(a, sizeof(*a));
    if (header != NULL && (headers = curl_slist_append(NULL, header)) == NULL)
        return false;
    if (curl_easy_setopt(h, CURLOPT_URL, url) == CURLE_OK
        && curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method) == CURLE_OK
        && curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers) == CURLE_OK
        && curl_easy_setopt(h, CURLOPT_WRITEDATA, a) == CURLE_OK && curl_easy_perform(h) == CURLE_OK
        && curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK)
        ok = status == 200 && !a->too_big && a->len > 0;
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
    /* The slist's copy of the token header is freed through the wiping allocator. */
    curl_slist_free_all(headers);
    return ok;
}

static bool imds_setup(CURL *h)
{
    CURLcode rc = CURLE_OK;

#define IMDS_SETOPT(opt, val)                       \
    do {                                            \
        if (rc == CURLE_OK)                         \
            rc = curl_easy_setopt(h, (opt), (val)); \
    } while (0)
#if LIBCURL_VERSION_NUM >= 0x075500
    IMDS_SETOPT(CURLOPT_PROTOCOLS_STR, "http,https");
#else
    IMDS_SETOPT(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    IMDS_SETOPT(CURLOPT_FOLLOWLOCATION, 0L);
    IMDS_SETOPT(CURLOPT_PROXY, ""); /* the link-local service is never reached through a proxy */
    IMDS_SETOPT(CURLOPT_NOPROXY, "");
    IMDS_SETOPT(CURLOPT_NOSIGNAL, 1L);
    IMDS_SETOPT(CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
    IMDS_SETOPT(CURLOPT_CONNECTTIMEOUT_MS, IMDS_CONNECT_MS);
    IMDS_SETOPT(CURLOPT_TIMEOUT_MS, IMDS_TIMEOUT_MS);
    IMDS_SETOPT(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)IMDS_ANSWER_MAX);
    IMDS_SETOPT(CURLOPT_WRITEFUNCTION, on_imds_body);
#undef IMDS_SETOPT
    return rc == CURLE_OK;
}

/* The role's name: the first line of the listing, [A-Za-z0-9+=,.@_-]. */
static bool role_name(const struct imds_answer *a, char out[ROLE_MAX + 1])
{
    size_t len = strcspn(a->buf, "\n");

    if (len == 0 || len > ROLE_MAX
        || strspn(a->buf,
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                  "0123456789+=,.@_-")
            != len)
        return false;
    memcpy(out, a->buf, len);
    out[len] = '\0';
    return true;
}

static enum pcg_aws_credentials_status
from_imds(const char *endpoint, struct pcg_aws_credentials *creds, char *err, size_t errlen)
{
    static const char token_name[] = "X-aws-ec2-metadata-token: ";
    char url[ENDPOINT_MAX + sizeof(IMDS_ROLE_PATH) + ROLE_MAX + 1];
    char header[sizeof(token_name) + IMDS_ANSWER_MAX]; /* secret */
    char role[ROLE_MAX + 1];
    struct imds_answer *a = NULL;
    struct json_object *doc = NULL;
    enum pcg_aws_credentials_status st = PCG_AWS_CREDENTIALS_NONE;
    size_t base = strlen(endpoint);
    CURL *h = NULL;

    header[0] = '\0';
    while (base > 0 && endpoint[base - 1] == '/')
        base--;
    if (base > ENDPOINT_MAX
        || (strncmp(endpoint, "http://", 7) != 0 && strncmp(endpoint, "https://", 8) != 0)) {
        set_err(err, errlen,
                "AWS_EC2_METADATA_SERVICE_ENDPOINT is not an http:// or https:// URL of at most "
                "256 bytes");
        return PCG_AWS_CREDENTIALS_BAD;
    }
    if (!pcg_libs_init() || (a = malloc(sizeof(*a))) == NULL || (h = curl_easy_init()) == NULL
        || !imds_setup(h)) {
        set_err(err, errlen, "cannot set up the instance metadata request");
        st = PCG_AWS_CREDENTIALS_NOMEM;
        goto out;
    }
    snprintf(url, sizeof(url), "%.*s/latest/api/token", (int)base, endpoint);
    if (!imds_request(h, url, "PUT", "X-aws-ec2-metadata-token-ttl-seconds: " IMDS_TOKEN_TTL, a)
        || strcspn(a->buf, "\r\n") != a->len) {
        set_err(err, errlen,
                "no AWS credentials: none in the environment, and no IMDSv2 token from the "
                "instance metadata service");
        goto out;
    }
    snprintf(header, sizeof(header), "%s%s", token_name, a->buf);
    snprintf(url, sizeof(url), "%.*s%s", (int)base, endpoint, IMDS_ROLE_PATH);
    if (!imds_request(h, url, NULL, header, a) || !role_name(a, role)) {
        set_err(err, errlen, "no AWS credentials: the instance has no IAM role");
        goto out;
    }
    snprintf(url, sizeof(url), "%.*s%s%s", (int)base, endpoint, IMDS_ROLE_PATH, role);
    if (!imds_request(h, url, NULL, header, a)
        || (doc = pcg_json_parse_object(a->buf, a->len)) == NULL) {
        set_err(err, errlen, "the instance role's credentials could not be read");
        st = PCG_AWS_CREDENTIALS_BAD;
        goto out;
    }
    if (pcg_json_get_string(doc, "Code") == NULL
        || strcmp(pcg_json_get_string(doc, "Code"), "Success") != 0) {
        set_err(err, errlen, "the instance metadata service did not answer Code: Success");
        st = PCG_AWS_CREDENTIALS_BAD;
        goto out;
    }
    st = take(creds, pcg_json_get_string(doc, "AccessKeyId"),
              pcg_json_get_string(doc, "SecretAccessKey"), pcg_json_get_string(doc, "Token"),
              "instance role", err, errlen);
    if (st == PCG_AWS_CREDENTIALS_OK && creds->session_token == NULL) {
        pcg_aws_credentials_free(creds);
        set_err(err, errlen, "the instance role's credentials have no session token");
        st = PCG_AWS_CREDENTIALS_BAD;
    }
out:
    pcg_json_put_wiped(doc);
    if (h != NULL)
        curl_easy_cleanup(h);
    pcg_free_secret_n(a, sizeof(*a));
    pcg_wipe(header, sizeof(header));
    return st;
}

static const char *nonempty(pcg_env_fn env, const char *name)
{
    const char *v = env(name);

    return v != NULL && v[0] != '\0' ? v : NULL;
}

enum pcg_aws_credentials_status pcg_aws_credentials_find(pcg_env_fn env,
                                                         struct pcg_aws_credentials *creds,
                                                         char *err, size_t errlen)
{
    const char *akid, *secret, *disabled, *endpoint;

    *creds = (struct pcg_aws_credentials){ 0 };
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (env == NULL)
        env = getenv;
    akid = nonempty(env, "AWS_ACCESS_KEY_ID");
    secret = nonempty(env, "AWS_SECRET_ACCESS_KEY");
    if (akid != NULL || secret != NULL) {
        if (akid == NULL || secret == NULL) {
            set_err(err, errlen,
                    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
            return PCG_AWS_CREDENTIALS_BAD;
        }
        return take(creds, akid, secret, nonempty(env, "AWS_SESSION_TOKEN"), "environment", err,
                    errlen);
    }
    disabled = nonempty(env, "AWS_EC2_METADATA_DISABLED");
    if (disabled != NULL && strcasecmp(disabled, "true") == 0) {
        set_err(err, errlen,
                "no AWS credentials: none in the environment, and AWS_EC2_METADATA_DISABLED is "
                "true");
        return PCG_AWS_CREDENTIALS_NONE;
    }
    endpoint = nonempty(env, "AWS_EC2_METADATA_SERVICE_ENDPOINT");
    return from_imds(endpoint != NULL ? endpoint : PCG_IMDS_DEFAULT_ENDPOINT, creds, err, errlen);
}

/*
 * The floor of bench/login_bench.sh: the least a C program must do for a
 * password + TOTP sign-in. It loads libcurl, opens one TLS connection with
 * the module's default trust store (libcurl's built-in CA path, no bundle
 * file) and sends two requests on it: InitiateAuth (USER_PASSWORD_AUTH) and
 * RespondToAuthChallenge (SOFTWARE_TOKEN_MFA). No JSON library: the Session
 * is cut out of the answer by hand.
 *
 * Usage: login_floor ENDPOINT CLIENT_ID USER   (stdin: password, hex TOTP key)
 * Exits 0 when the second answer holds an AuthenticationResult.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

struct buf {
    char data[65536];
    size_t len;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    struct buf *b = ud;
    size_t k = size * n;

    if (k > sizeof(b->data) - 1 - b->len)
        return 0;
    memcpy(b->data + b->len, p, k);
    b->len += k;
    b->data[b->len] = '\0';
    return k;
}

static int post(CURL *h, const char *target, const char *body, struct buf *answer)
{
    char header[128];
    struct curl_slist *hs = NULL;
    long status = 0;
    CURLcode rc;

    snprintf(header, sizeof(header), "X-Amz-Target: AWSCognitoIdentityProviderService.%s", target);
    hs = curl_slist_append(hs, "Content-Type: application/x-amz-json-1.1");
    hs = curl_slist_append(hs, header);
    answer->len = 0;
    answer->data[0] = '\0';
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hs);
    if (rc != CURLE_OK || status != 200) {
        fprintf(stderr, "login_floor: %s: %s, HTTP %ld: %s\n", target, curl_easy_strerror(rc),
                status, answer->data);
        return -1;
    }
    return 0;
}

static void totp_now(const unsigned char *key, size_t key_len, char out[7])
{
    uint64_t counter = (uint64_t)time(NULL) / 30;
    unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    uint32_t bin;
    int off;

    for (int i = 7; i >= 0; i--, counter >>= 8)
        msg[i] = (unsigned char)(counter & 0xff);
    HMAC(EVP_sha1(), key, (int)key_len, msg, sizeof(msg), mac, &mac_len);
    off = mac[mac_len - 1] & 0x0f;
    bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16)
        | ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
    snprintf(out, 7, "%06u", (unsigned)(bin % 1000000));
}

int main(int argc, char **argv)
{
    static struct buf answer;
    static char body[16384];
    char password[256], hex[130], code[7], *session, *end, *capath = NULL;
    unsigned char key[64];
    size_t key_len = 0;
    CURL *h;

    if (argc != 4 || fgets(password, sizeof(password), stdin) == NULL
        || fgets(hex, sizeof(hex), stdin) == NULL) {
        fprintf(stderr, "usage: login_floor ENDPOINT CLIENT_ID USER (stdin: password, hex key)\n");
        return 2;
    }
    password[strcspn(password, "\n")] = '\0';
    hex[strcspn(hex, "\n")] = '\0';
    for (size_t i = 0; hex[i] != '\0' && hex[i + 1] != '\0' && key_len < sizeof(key); i += 2) {
        unsigned v;

        if (sscanf(hex + i, "%2x", &v) != 1)
            return 2;
        key[key_len++] = (unsigned char)v;
    }
    if (strpbrk(password, "\"\\") != NULL || strpbrk(argv[3], "\"\\") != NULL)
        return 2; /* no JSON escaping here */

    curl_global_init(CURL_GLOBAL_DEFAULT);
    h = curl_easy_init();
    curl_easy_setopt(h, CURLOPT_URL, argv[1]);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    /* The module's default trust store: the built-in CA path, no bundle file. */
    curl_easy_getinfo(h, CURLINFO_CAPATH, &capath);
    capath = capath != NULL ? strdup(capath) : NULL;
    curl_easy_setopt(h, CURLOPT_CAPATH, capath);
    curl_easy_setopt(h, CURLOPT_CAINFO, (char *)NULL);

    snprintf(body, sizeof(body),
             "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"%s\",\"AuthParameters\":"
             "{\"USERNAME\":\"%s\",\"PASSWORD\":\"%s\"}}",
             argv[2], argv[3], password);
    if (post(h, "InitiateAuth", body, &answer) != 0)
        return 1;
    session = strstr(answer.data, "\"Session\"");
    session = session != NULL ? strchr(session + 9, '"') : NULL;
    end = session != NULL ? strchr(session + 1, '"') : NULL;
    if (end == NULL) {
        fprintf(stderr, "login_floor: no Session in %s\n", answer.data);
        return 1;
    }
    *end = '\0';
    totp_now(key, key_len, code);
    snprintf(body, sizeof(body),
             "{\"ChallengeName\":\"SOFTWARE_TOKEN_MFA\",\"ClientId\":\"%s\",\"Session\":\"%s\","
             "\"ChallengeResponses\":{\"USERNAME\":\"%s\",\"SOFTWARE_TOKEN_MFA_CODE\":\"%s\"}}",
             argv[2], session + 1, argv[3], code);
    if (post(h, "RespondToAuthChallenge", body, &answer) != 0)
        return 1;
    if (strstr(answer.data, "\"AuthenticationResult\"") == NULL) {
        fprintf(stderr, "login_floor: not signed in: %s\n", answer.data);
        return 1;
    }
    curl_easy_cleanup(h);
    free(capath);
    curl_global_cleanup();
    return 0;
}

#include "config.h"

#include "cognito/id_token.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "util/aws_partition.h"
#include "cognito/base64.h"
#include "cognito/json_util.h"

__attribute__((format(printf, 3, 4))) static void say(char *why, size_t whylen, const char *fmt,
                                                      ...)
{
    va_list ap;

    if (why == NULL || whylen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
}

static struct json_object *payload_of(const char *token)
{
    const char *dot1 = strchr(token, '.');
    const char *dot2 = dot1 != NULL ? strchr(dot1 + 1, '.') : NULL;
    struct json_object *obj = NULL;
    struct json_tokener *tok;
    unsigned char *json;
    size_t len;

    if (dot2 == NULL || strchr(dot2 + 1, '.') != NULL)
        return NULL;
    if (pcg_base64_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), PCG_ID_TOKEN_MAX, PCG_BASE64_URL,
                          &json, &len)
        != PCG_BASE64_OK)
        return NULL;
    tok = json_tokener_new_ex(8);
    if (tok != NULL) {
        obj = json_tokener_parse_ex(tok, (const char *)json, (int)len);
        if (json_tokener_get_error(tok) != json_tokener_success
            || json_tokener_get_parse_end(tok) != len
            || !json_object_is_type(obj, json_type_object)) {
            json_object_put(obj);
            obj = NULL;
        }
        json_tokener_free(tok);
    }
    free(json);
    return obj;
}

static bool claim_is(struct json_object *claims, const char *key, const char *want)
{
    const char *v = pcg_json_get_string(claims, key);

    return v != NULL && want != NULL && strcmp(v, want) == 0;
}

static bool in_any_group(struct json_object *claims, char *const *groups, size_t n_groups)
{
    struct json_object *list;

    if (!json_object_object_get_ex(claims, "cognito:groups", &list)
        || !json_object_is_type(list, json_type_array))
        return false;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        struct json_object *g = json_object_array_get_idx(list, i);

        if (!json_object_is_type(g, json_type_string))
            continue;
        for (size_t k = 0; k < n_groups; k++)
            if (strcmp(json_object_get_string(g), groups[k]) == 0)
                return true;
    }
    return false;
}

struct pcg_id_token_claims {
    struct json_object *claims;
};

enum pcg_id_token_status pcg_id_token_read(const char *token, const char *region,
                                           const char *user_pool_id, const char *client_id,
                                           time_t now, struct pcg_id_token_claims **out, char *why,
                                           size_t whylen)
{
    enum pcg_id_token_status st = PCG_ID_TOKEN_MALFORMED;
    struct json_object *claims = NULL, *exp;

    *out = NULL;
    say(why, whylen, "%s", "");
    if (token == NULL || strlen(token) > PCG_ID_TOKEN_MAX || (claims = payload_of(token)) == NULL) {
        say(why, whylen, "the ID token is not a readable JWT");
        goto out;
    }
    st = PCG_ID_TOKEN_WRONG_CLAIMS;
    if (!pcg_cognito_issuer_is(pcg_json_get_string(claims, "iss"), region, user_pool_id)) {
        say(why, whylen, "the ID token was not issued by this user pool");
        goto out;
    }
    if (!claim_is(claims, "aud", client_id)) {
        say(why, whylen, "the ID token is not for this app client");
        goto out;
    }
    if (!claim_is(claims, "token_use", "id")) {
        say(why, whylen, "the token is not an ID token");
        goto out;
    }
    if (!json_object_object_get_ex(claims, "exp", &exp) || !json_object_is_type(exp, json_type_int)
        || json_object_get_int64(exp) <= (int64_t)now) {
        say(why, whylen, "the ID token has expired");
        goto out;
    }
    st = PCG_ID_TOKEN_NOMEM;
    *out = malloc(sizeof(**out));
    if (*out == NULL)
        goto out;
    (*out)->claims = claims;
    claims = NULL;
    st = PCG_ID_TOKEN_OK;
out:
    json_object_put(claims);
    return st;
}

void pcg_id_token_claims_free(struct pcg_id_token_claims *c)
{
    if (c == NULL)
        return;
    json_object_put(c->claims);
    free(c);
}

bool pcg_id_token_in_any_group(const struct pcg_id_token_claims *c, char *const *groups,
                               size_t n_groups)
{
    return in_any_group(c->claims, groups, n_groups);
}

/* "true" in any ASCII case (no locale: PAM hosts set any). */
static bool is_true_text(const char *s)
{
    static const char word[] = "true";

    for (size_t i = 0; i < sizeof(word); i++) {
        unsigned char x = (unsigned char)s[i];

        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (x != (unsigned char)word[i])
            return false;
    }
    return true;
}

/* AWS writes *_verified as a JSON boolean in ID tokens; its userInfo endpoint sends "true". */
static bool is_true(struct json_object *claims, const char *key)
{
    struct json_object *v;

    if (!json_object_object_get_ex(claims, key, &v))
        return false;
    if (json_object_is_type(v, json_type_boolean))
        return json_object_get_boolean(v);
    return json_object_is_type(v, json_type_string) && is_true_text(json_object_get_string(v));
}

enum pcg_id_token_match pcg_id_token_names(const struct pcg_id_token_claims *c, const char *claim,
                                           const char *verified_claim, const char *name,
                                           char *claimed, size_t claimedlen)
{
    struct json_object *obj;
    const char *v = NULL;

    /* A NUL inside the claim would make it compare as its prefix: no claim then. */
    if (json_object_object_get_ex(c->claims, claim, &obj)
        && json_object_is_type(obj, json_type_string)
        && (size_t)json_object_get_string_len(obj) == strlen(json_object_get_string(obj)))
        v = json_object_get_string(obj);
    if (claimed != NULL && claimedlen > 0)
        snprintf(claimed, claimedlen, "%s", v != NULL ? v : "");
    if (v == NULL || v[0] == '\0')
        return PCG_ID_TOKEN_NO_CLAIM;
    if (verified_claim != NULL && !is_true(c->claims, verified_claim))
        return PCG_ID_TOKEN_UNVERIFIED;
    /* Byte for byte: alice and Alice are two Linux accounts, whatever the pool's case rule. */
    return strcmp(v, name) == 0 ? PCG_ID_TOKEN_MATCH : PCG_ID_TOKEN_MISMATCH;
}

enum pcg_id_token_status pcg_id_token_in_groups(const char *token, const char *region,
                                                const char *user_pool_id, const char *client_id,
                                                time_t now, char *const *groups, size_t n_groups,
                                                bool *member, char *why, size_t whylen)
{
    struct pcg_id_token_claims *c = NULL;
    enum pcg_id_token_status st;

    *member = false;
    st = pcg_id_token_read(token, region, user_pool_id, client_id, now, &c, why, whylen);
    if (st == PCG_ID_TOKEN_OK)
        *member = pcg_id_token_in_any_group(c, groups, n_groups);
    pcg_id_token_claims_free(c);
    return st;
}

#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "cognito/id_token.h"

#define REGION "eu-west-1"
#define POOL "eu-west-1_AbC123xyz"
#define CLIENT "client123"
#define ISS "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz"
#define NOW 1800000000

static char *groups_admin_ops[] = { "admins", "ops", NULL };

/* base64url without padding, as JWTs are written. */
static void b64url(const char *in, char *out)
{
    int n = EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)in, (int)strlen(in));

    while (n > 0 && out[n - 1] == '=')
        n--;
    out[n] = '\0';
    for (char *p = out; *p; p++)
        *p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
}

static char *jwt(const char *payload)
{
    static char token[8192];
    char head[64], body[6000];

    b64url("{\"alg\":\"RS256\",\"kid\":\"k\"}", head);
    b64url(payload, body);
    snprintf(token, sizeof(token), "%s.%s.c2ln", head, body);
    return token;
}

static char *claims(const char *iss, const char *aud, const char *use, long exp, const char *groups)
{
    static char payload[4096];

    snprintf(payload, sizeof(payload),
             "{\"iss\":\"%s\",\"aud\":\"%s\",\"token_use\":\"%s\",\"exp\":%ld,"
             "\"cognito:username\":\"alice\"%s%s}",
             iss, aud, use, exp, groups ? ",\"cognito:groups\":" : "", groups ? groups : "");
    return jwt(payload);
}

static enum pcg_id_token_status check(const char *token, bool *member, char *why)
{
    return pcg_id_token_in_groups(token, REGION, POOL, CLIENT, NOW, groups_admin_ops, 2, member,
                                  why, 128);
}

static void test_member_of_a_listed_group_is_admitted(void **state)
{
    bool member;
    char why[128];

    assert_int_equal(check(claims(ISS, CLIENT, "id", NOW + 60, "[\"dev\",\"ops\"]"), &member, why),
                     PCG_ID_TOKEN_OK);
    assert_true(member);
}

static void test_other_groups_or_none_are_not_members(void **state)
{
    bool member = true;
    char why[128];

    assert_int_equal(check(claims(ISS, CLIENT, "id", NOW + 60, "[\"dev\"]"), &member, why),
                     PCG_ID_TOKEN_OK);
    assert_false(member);
    assert_int_equal(check(claims(ISS, CLIENT, "id", NOW + 60, NULL), &member, why),
                     PCG_ID_TOKEN_OK);
    assert_false(member);
    /* a group name is matched exactly, not as a prefix or a string */
    assert_int_equal(
        check(claims(ISS, CLIENT, "id", NOW + 60, "[\"admins2\",\"op\"]"), &member, why),
        PCG_ID_TOKEN_OK);
    assert_false(member);
    assert_int_equal(check(claims(ISS, CLIENT, "id", NOW + 60, "\"admins\""), &member, why),
                     PCG_ID_TOKEN_OK);
    assert_false(member);
}

static void test_wrong_audience_is_refused(void **state)
{
    bool member = true;
    char why[128];

    assert_int_equal(
        check(claims(ISS, "otherclient", "id", NOW + 60, "[\"admins\"]"), &member, why),
        PCG_ID_TOKEN_WRONG_CLAIMS);
    assert_false(member);
    assert_string_equal(why, "the ID token is not for this app client");
}

static void test_wrong_issuer_is_refused(void **state)
{
    bool member;
    char why[128];

    assert_int_equal(check(claims("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other",
                                  CLIENT, "id", NOW + 60, "[\"admins\"]"),
                           &member, why),
                     PCG_ID_TOKEN_WRONG_CLAIMS);
    assert_string_equal(why, "the ID token was not issued by this user pool");
}

static enum pcg_id_token_status check_pool(const char *region, const char *pool, const char *iss)
{
    bool member = false;
    char why[128];
    enum pcg_id_token_status st;

    st = pcg_id_token_in_groups(claims(iss, CLIENT, "id", NOW + 60, "[\"admins\"]"), region, pool,
                                CLIENT, NOW, groups_admin_ops, 2, &member, why, sizeof(why));
    if (st == PCG_ID_TOKEN_OK)
        assert_true(member);
    else
        assert_string_equal(why, "the ID token was not issued by this user pool");
    return st;
}

/* Each partition's issuer host (partitions.json dnsSuffix), original and updated forms. */
static void test_issuer_of_every_partition(void **state)
{
    static const struct {
        const char *region, *pool, *issuer, *updated;
    } cases[] = {
        { "eu-west-1", "eu-west-1_AbC", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC",
          "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC" },
        { "us-gov-west-1", "us-gov-west-1_Q",
          "https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_Q",
          "https://issuer-cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_Q" },
        { "cn-north-1", "cn-north-1_Zz9",
          "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Zz9",
          "https://issuer-cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Zz9" },
        { "cn-northwest-1", "cn-northwest-1_Zz9",
          "https://cognito-idp.cn-northwest-1.amazonaws.com.cn/cn-northwest-1_Zz9",
          "https://issuer-cognito-idp.cn-northwest-1.amazonaws.com.cn/cn-northwest-1_Zz9" },
        { "eusc-de-east-1", "eusc-de-east-1_E",
          "https://cognito-idp.eusc-de-east-1.amazonaws.eu/eusc-de-east-1_E",
          "https://issuer-cognito-idp.eusc-de-east-1.amazonaws.eu/eusc-de-east-1_E" },
        { "us-iso-east-1", "us-iso-east-1_I",
          "https://cognito-idp.us-iso-east-1.c2s.ic.gov/us-iso-east-1_I",
          "https://issuer-cognito-idp.us-iso-east-1.c2s.ic.gov/us-iso-east-1_I" },
        { "us-isob-east-1", "us-isob-east-1_I",
          "https://cognito-idp.us-isob-east-1.sc2s.sgov.gov/us-isob-east-1_I",
          "https://issuer-cognito-idp.us-isob-east-1.sc2s.sgov.gov/us-isob-east-1_I" },
        { "eu-isoe-west-1", "eu-isoe-west-1_I",
          "https://cognito-idp.eu-isoe-west-1.cloud.adc-e.uk/eu-isoe-west-1_I",
          "https://issuer-cognito-idp.eu-isoe-west-1.cloud.adc-e.uk/eu-isoe-west-1_I" },
        { "us-isof-south-1", "us-isof-south-1_I",
          "https://cognito-idp.us-isof-south-1.csp.hci.ic.gov/us-isof-south-1_I",
          "https://issuer-cognito-idp.us-isof-south-1.csp.hci.ic.gov/us-isof-south-1_I" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(check_pool(cases[i].region, cases[i].pool, cases[i].issuer),
                         PCG_ID_TOKEN_OK);
        assert_int_equal(check_pool(cases[i].region, cases[i].pool, cases[i].updated),
                         PCG_ID_TOKEN_OK);
    }
}

static void test_issuer_of_another_partition_or_host_is_refused(void **state)
{
    static const char *const not_cn[] = {
        "https://cognito-idp.cn-north-1.amazonaws.com/cn-north-1_Zz9",     /* commercial suffix */
        "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Zz9/", /* trailing slash */
        "https://cognito-idp.cn-north-1.amazonaws.com.cn.evil.example/cn-north-1_Zz9",
        "http://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Zz9",
        "https://evil-cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Zz9",
        "https://cognito-idp.cn-northwest-1.amazonaws.com.cn/cn-north-1_Zz9",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(not_cn) / sizeof(not_cn[0]); i++)
        assert_int_equal(check_pool("cn-north-1", "cn-north-1_Zz9", not_cn[i]),
                         PCG_ID_TOKEN_WRONG_CLAIMS);
    assert_int_equal(check_pool("eu-west-1", "eu-west-1_AbC",
                                "https://cognito-idp.eu-west-1.amazonaws.com.cn/eu-west-1_AbC"),
                     PCG_ID_TOKEN_WRONG_CLAIMS);
    assert_int_equal(check_pool("eu-west-1", "eu-west-1_AbC",
                                "https://issuer-cognito-idp.us-east-1.amazonaws.com/eu-west-1_AbC"),
                     PCG_ID_TOKEN_WRONG_CLAIMS);
}

static void test_access_token_or_expired_token_is_refused(void **state)
{
    bool member;
    char why[128];

    assert_int_equal(check(claims(ISS, CLIENT, "access", NOW + 60, "[\"admins\"]"), &member, why),
                     PCG_ID_TOKEN_WRONG_CLAIMS);
    assert_int_equal(check(claims(ISS, CLIENT, "id", NOW, "[\"admins\"]"), &member, why),
                     PCG_ID_TOKEN_WRONG_CLAIMS);
    assert_string_equal(why, "the ID token has expired");
}

static void test_malformed_tokens_are_refused(void **state)
{
    static const char *bad[] = { "",
                                 "abc",
                                 "a.b",
                                 "a.b.c.d",
                                 "e30.!!!.c2ln",
                                 "e30.bm90IGpzb24.c2ln",
                                 "e30.W10.c2ln" /* [] */,
                                 "e30.e30x.c2ln" };
    bool member = true;
    char why[128];

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(check(bad[i], &member, why), PCG_ID_TOKEN_MALFORMED);
        assert_false(member);
    }
    assert_int_equal(check(NULL, &member, why), PCG_ID_TOKEN_MALFORMED);
}

static void test_oversized_token_is_refused(void **state)
{
    char *big = malloc(PCG_ID_TOKEN_MAX + 2);
    bool member;
    char why[128];

    memset(big, 'a', PCG_ID_TOKEN_MAX + 1);
    big[PCG_ID_TOKEN_MAX + 1] = '\0';
    assert_int_equal(check(big, &member, why), PCG_ID_TOKEN_MALFORMED);
    free(big);
}

/* The claims of a valid token with extra (a JSON fragment starting with a comma). */
static enum pcg_id_token_match names(const char *extra, const char *claim, const char *verified,
                                     const char *name, char *claimed)
{
    char payload[4096];
    struct pcg_id_token_claims *c = NULL;
    enum pcg_id_token_match m;
    char why[128];

    snprintf(payload, sizeof(payload),
             "{\"iss\":\"%s\",\"aud\":\"%s\",\"token_use\":\"id\",\"exp\":%ld%s}", ISS, CLIENT,
             (long)NOW + 60, extra);
    assert_int_equal(
        pcg_id_token_read(jwt(payload), REGION, POOL, CLIENT, NOW, &c, why, sizeof(why)),
        PCG_ID_TOKEN_OK);
    assert_non_null(c);
    m = pcg_id_token_names(c, claim, verified, name, claimed, 256);
    pcg_id_token_claims_free(c);
    return m;
}

/* Byte for byte: alice and Alice are two Linux accounts. */
static void test_username_claim_matches_exactly(void **state)
{
    char got[256];

    assert_int_equal(
        names(",\"cognito:username\":\"deploy\"", "cognito:username", NULL, "deploy", got),
        PCG_ID_TOKEN_MATCH);
    assert_string_equal(got, "deploy");
    assert_int_equal(
        names(",\"cognito:username\":\"Deploy\"", "cognito:username", NULL, "deploy", got),
        PCG_ID_TOKEN_MISMATCH);
    assert_string_equal(got, "Deploy");
    assert_int_equal(
        names(",\"cognito:username\":\"deploy\"", "cognito:username", NULL, "Deploy", got),
        PCG_ID_TOKEN_MISMATCH);
    assert_int_equal(names(",\"cognito:username\":\"mallory\",\"preferred_username\":\"deploy\"",
                           "cognito:username", NULL, "deploy", got),
                     PCG_ID_TOKEN_MISMATCH);
    assert_string_equal(got, "mallory");
    /* Not a prefix, not a longer name. */
    assert_int_equal(
        names(",\"cognito:username\":\"deploy2\"", "cognito:username", NULL, "deploy", got),
        PCG_ID_TOKEN_MISMATCH);
    assert_int_equal(
        names(",\"cognito:username\":\"dep\"", "cognito:username", NULL, "deploy", got),
        PCG_ID_TOKEN_MISMATCH);
    assert_int_equal(names(",\"cognito:username\":\"\u00c9lise\"", "cognito:username", NULL,
                           "\xc3\xa9lise", got),
                     PCG_ID_TOKEN_MISMATCH);
}

static void test_missing_or_odd_claims_never_match(void **state)
{
    char got[256];

    assert_int_equal(names("", "cognito:username", NULL, "deploy", got), PCG_ID_TOKEN_NO_CLAIM);
    assert_string_equal(got, "");
    assert_int_equal(names(",\"cognito:username\":\"\"", "cognito:username", NULL, "", got),
                     PCG_ID_TOKEN_NO_CLAIM);
    assert_int_equal(
        names(",\"cognito:username\":[\"deploy\"]", "cognito:username", NULL, "deploy", got),
        PCG_ID_TOKEN_NO_CLAIM);
    /* A NUL inside the claim would otherwise compare as "deploy". */
    assert_int_equal(
        names(",\"cognito:username\":\"deploy\\u0000x\"", "cognito:username", NULL, "deploy", got),
        PCG_ID_TOKEN_NO_CLAIM);
}

static void test_email_must_be_verified(void **state)
{
    char got[256];

    /* Cognito writes email_verified as a JSON boolean in ID tokens. */
    assert_int_equal(names(",\"email\":\"dave@example.com\",\"email_verified\":true", "email",
                           "email_verified", "dave@example.com", got),
                     PCG_ID_TOKEN_MATCH);
    /* Exact here too: the expected name is the expanded username template. */
    assert_int_equal(names(",\"email\":\"Dave@Example.com\",\"email_verified\":true", "email",
                           "email_verified", "dave@example.com", got),
                     PCG_ID_TOKEN_MISMATCH);
    /* Its userInfo endpoint writes a string; accepted too. */
    assert_int_equal(names(",\"email\":\"dave@example.com\",\"email_verified\":\"true\"", "email",
                           "email_verified", "dave@example.com", got),
                     PCG_ID_TOKEN_MATCH);
    assert_int_equal(names(",\"email\":\"dave@example.com\",\"email_verified\":false", "email",
                           "email_verified", "dave@example.com", got),
                     PCG_ID_TOKEN_UNVERIFIED);
    assert_int_equal(names(",\"email\":\"dave@example.com\",\"email_verified\":\"false\"", "email",
                           "email_verified", "dave@example.com", got),
                     PCG_ID_TOKEN_UNVERIFIED);
    assert_int_equal(names(",\"email\":\"dave@example.com\",\"email_verified\":1", "email",
                           "email_verified", "dave@example.com", got),
                     PCG_ID_TOKEN_UNVERIFIED);
    assert_int_equal(names(",\"email\":\"dave@example.com\"", "email", "email_verified",
                           "dave@example.com", got),
                     PCG_ID_TOKEN_UNVERIFIED);
    assert_string_equal(got, "dave@example.com");
    /* Verified, but someone else's address. */
    assert_int_equal(names(",\"email\":\"eve@example.com\",\"email_verified\":true", "email",
                           "email_verified", "dave@example.com", got),
                     PCG_ID_TOKEN_MISMATCH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_member_of_a_listed_group_is_admitted),
        cmocka_unit_test(test_other_groups_or_none_are_not_members),
        cmocka_unit_test(test_wrong_audience_is_refused),
        cmocka_unit_test(test_wrong_issuer_is_refused),
        cmocka_unit_test(test_issuer_of_every_partition),
        cmocka_unit_test(test_issuer_of_another_partition_or_host_is_refused),
        cmocka_unit_test(test_access_token_or_expired_token_is_refused),
        cmocka_unit_test(test_malformed_tokens_are_refused),
        cmocka_unit_test(test_oversized_token_is_refused),
        cmocka_unit_test(test_username_claim_matches_exactly),
        cmocka_unit_test(test_missing_or_odd_claims_never_match),
        cmocka_unit_test(test_email_must_be_verified),
    };
    return cmocka_run_group_tests_name("id_token", tests, NULL, NULL);
}

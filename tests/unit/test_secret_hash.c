#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cognito/secret_hash.h"

/*
 * Expected values computed independently with OpenSSL's command line:
 *   printf '%s' "$USERNAME$CLIENT_ID" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
 */

static void check_vector(const char *secret, const char *user, const char *client_id,
                         const char *expected)
{
    char out[PCG_SECRET_HASH_LEN];

    memset(out, 'x', sizeof(out));
    assert_int_equal(pcg_secret_hash(secret, user, client_id, out, sizeof(out)), 0);
    assert_string_equal(out, expected);
}

/* printf '%s' 'user1clientid' | openssl dgst -sha256 -hmac 'secret' -binary | base64 */
static void test_simple_vector(void **state)
{
    (void)state;
    check_vector("secret", "user1", "clientid", "s70F9voLhRlS16u1DvY0UFMdz98QV8hc5RRn06dYevU=");
}

/*
 * printf '%s' 'alice@example.com3n4b5urk1ne7bf7ag76vt5nh2d' |
 *   openssl dgst -sha256 -hmac '7h1s1s4s3cr3tv4lu3f0rth3cl13nt0000000000000000000' -binary | base64
 */
static void test_realistic_vector(void **state)
{
    (void)state;
    check_vector("7h1s1s4s3cr3tv4lu3f0rth3cl13nt0000000000000000000", "alice@example.com",
                 "3n4b5urk1ne7bf7ag76vt5nh2d", "n89kIf7CbbaEfGCizruG810TWcd3vrb4lKXRFdlP92w=");
}

/* printf '%s' 'usuário✓abc' | openssl dgst -sha256 -hmac 'k' -binary | base64 (UTF-8 bytes) */
static void test_utf8_vector(void **state)
{
    (void)state;
    check_vector("k", "usu\xc3\xa1rio\xe2\x9c\x93", "abc",
                 "VCQzS8JcyeH1hCPnbJ4HSNif+sRQMSHMco/YBihHt8s=");
}

/* printf '%s' 'clientid' | openssl dgst -sha256 -hmac 'secret' -binary | base64 */
static void test_empty_username(void **state)
{
    (void)state;
    check_vector("secret", "", "clientid", "Qp230NVO+3MNxY8xAnJ3u5u4ycx8rnwah/huD/TCxv0=");
}

/* The message is the plain concatenation: only the joined bytes matter. */
static void test_concatenation(void **state)
{
    (void)state;
    check_vector("secret", "user", "1clientid", "s70F9voLhRlS16u1DvY0UFMdz98QV8hc5RRn06dYevU=");
    check_vector("secret", "user1clientid", "", "s70F9voLhRlS16u1DvY0UFMdz98QV8hc5RRn06dYevU=");
}

static void test_empty_secret_refused(void **state)
{
    char out[PCG_SECRET_HASH_LEN];

    (void)state;
    memset(out, 'x', sizeof(out));
    assert_int_equal(pcg_secret_hash("", "user1", "clientid", out, sizeof(out)), -1);
    assert_int_equal(out[0], '\0');
}

static void test_out_too_small(void **state)
{
    char out[PCG_SECRET_HASH_LEN + 8];

    (void)state;
    memset(out, 'x', sizeof(out));
    assert_int_equal(pcg_secret_hash("secret", "user1", "clientid", out, PCG_SECRET_HASH_LEN - 1),
                     -1);
    assert_int_equal(out[0], '\0');
    /* Nothing written past the stated length. */
    assert_int_equal(out[PCG_SECRET_HASH_LEN - 1], 'x');
    assert_int_equal(pcg_secret_hash("secret", "user1", "clientid", out, 1), -1);
    assert_int_equal(out[0], '\0');
    assert_int_equal(pcg_secret_hash("secret", "user1", "clientid", out, 0), -1);
}

static void test_exact_size_and_larger(void **state)
{
    char out[PCG_SECRET_HASH_LEN + 8];

    (void)state;
    assert_int_equal(pcg_secret_hash("secret", "user1", "clientid", out, PCG_SECRET_HASH_LEN), 0);
    assert_int_equal(strlen(out), PCG_SECRET_HASH_LEN - 1);
    assert_int_equal(pcg_secret_hash("secret", "user1", "clientid", out, sizeof(out)), 0);
    assert_string_equal(out, "s70F9voLhRlS16u1DvY0UFMdz98QV8hc5RRn06dYevU=");
}

static void test_null_arguments(void **state)
{
    char out[PCG_SECRET_HASH_LEN];

    (void)state;
    assert_int_equal(pcg_secret_hash(NULL, "u", "c", out, sizeof(out)), -1);
    assert_int_equal(pcg_secret_hash("s", NULL, "c", out, sizeof(out)), -1);
    assert_int_equal(pcg_secret_hash("s", "u", NULL, out, sizeof(out)), -1);
    assert_int_equal(pcg_secret_hash("s", "u", "c", NULL, sizeof(out)), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_vector),  cmocka_unit_test(test_realistic_vector),
        cmocka_unit_test(test_utf8_vector),    cmocka_unit_test(test_empty_username),
        cmocka_unit_test(test_concatenation),  cmocka_unit_test(test_empty_secret_refused),
        cmocka_unit_test(test_out_too_small),  cmocka_unit_test(test_exact_size_and_larger),
        cmocka_unit_test(test_null_arguments),
    };

    return cmocka_run_group_tests_name("secret_hash", tests, NULL, NULL);
}

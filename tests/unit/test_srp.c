#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <locale.h>
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <openssl/bn.h>

#include "util/secure.h"
#include "cognito/srp.h"
#include "cognito/srp_internal.h"
#include "cognito/srp_timestamp.h"
#include "srp_vectors.h"

#define N_VECTORS (sizeof srp_vectors / sizeof srp_vectors[0])

/* The RFC 5054 3072-bit prime, as the tests build B = N and B = 2N from it. */
static const char n_hex[] =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA4836"
    "1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804"
    "F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6"
    "955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D226"
    "1AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

/* ---- helpers ------------------------------------------------------------------ */

static char *hex_of(const unsigned char *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *s = malloc(n * 2 + 1);

    assert_non_null(s);
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 0x0f];
    }
    s[2 * n] = '\0';
    return s;
}

static void assert_bytes_hex(const unsigned char *p, size_t n, const char *expected)
{
    char *got = hex_of(p, n);

    assert_string_equal(got, expected);
    free(got);
}

static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);

    assert_non_null(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

static char *bn_hex_lower(const BIGNUM *v)
{
    char *hex = BN_bn2hex(v);
    char *copy;

    assert_non_null(hex);
    copy = strdup(hex);
    assert_non_null(copy);
    OPENSSL_free(hex);
    for (char *p = copy; *p; p++)
        if (*p >= 'A' && *p <= 'F')
            *p = (char)(*p - 'A' + 'a');
    return copy;
}

/* A hex string for m * N. */
static char *n_multiple_hex(unsigned long m)
{
    BIGNUM *n = NULL;
    char *hex;

    assert_true(BN_hex2bn(&n, n_hex) > 0);
    assert_true(BN_mul_word(n, m));
    hex = bn_hex_lower(n);
    BN_free(n);
    return hex;
}

static struct pcg_srp *srp_for(const struct srp_vector *v)
{
    struct pcg_srp *srp = NULL;

    assert_int_equal(pcg_srp_new_with_a(&srp, v->a_hex), PCG_SRP_OK);
    assert_non_null(srp);
    return srp;
}

/* The first vector with salt, B or secret block replaced (NULL = the vector's). */
static enum pcg_srp_status claim_with(const char *salt, const char *b, const char *block, char *sig,
                                      size_t siglen)
{
    const struct srp_vector *v = &srp_vectors[0];
    struct pcg_srp *srp = srp_for(v);
    enum pcg_srp_status st;

    st = pcg_srp_password_claim(srp, v->pool_name, v->user_id, v->password,
                                salt ? salt : v->salt_hex, b ? b : v->srp_b_hex,
                                block ? block : v->secret_block_b64, v->timestamp, sig, siglen);
    pcg_srp_free(srp);
    return st;
}

static void assert_bad_input(const char *salt, const char *b, const char *block)
{
    char sig[PCG_SRP_SIGNATURE_LEN];

    memset(sig, 'X', sizeof sig);
    assert_int_equal(claim_with(salt, b, block, sig, sizeof sig), PCG_SRP_BAD_INPUT);
    assert_string_equal(sig, "");
}

static void assert_same_signature(const char *salt, const char *b, const char *expected)
{
    char sig[PCG_SRP_SIGNATURE_LEN];

    assert_int_equal(claim_with(salt, b, NULL, sig, sizeof sig), PCG_SRP_OK);
    assert_string_equal(sig, expected);
}

/* ---- reference vectors --------------------------------------------------------- */

static void test_public_a_matches_reference(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_VECTORS; i++) {
        struct pcg_srp *srp = srp_for(&srp_vectors[i]);

        assert_string_equal(pcg_srp_public_a_hex(srp), srp_vectors[i].A_hex);
        pcg_srp_free(srp);
    }
}

static void test_vectors_signature_and_intermediates(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_VECTORS; i++) {
        const struct srp_vector *v = &srp_vectors[i];
        struct pcg_srp *srp = srp_for(v);
        struct pcg_srp_trace trace;
        char sig[PCG_SRP_SIGNATURE_LEN];

        print_message("vector %s\n", v->name);
        assert_int_equal(pcg_srp_password_claim_traced(
                             srp, v->pool_name, v->user_id, v->password, v->salt_hex, v->srp_b_hex,
                             v->secret_block_b64, v->timestamp, sig, sizeof sig, &trace),
                         PCG_SRP_OK);
        assert_bytes_hex(trace.k, trace.k_len, v->k_hex);
        assert_bytes_hex(trace.u, trace.u_len, v->u_hex);
        assert_bytes_hex(trace.x, trace.x_len, v->x_hex);
        assert_bytes_hex(trace.S, trace.S_len, v->S_hex);
        assert_bytes_hex(trace.hkdf, sizeof trace.hkdf, v->hkdf_hex);
        assert_string_equal(sig, v->signature_b64);
        pcg_srp_trace_clear(&trace);
        assert_null(trace.S);

        memset(sig, 0, sizeof sig);
        assert_int_equal(pcg_srp_password_claim(srp, v->pool_name, v->user_id, v->password,
                                                v->salt_hex, v->srp_b_hex, v->secret_block_b64,
                                                v->timestamp, sig, sizeof sig),
                         PCG_SRP_OK);
        assert_string_equal(sig, v->signature_b64);
        pcg_srp_free(srp);
    }
}

static void test_vectors_timestamp(void **state)
{
    char ts[PCG_SRP_TIMESTAMP_LEN];

    (void)state;
    for (size_t i = 0; i < N_VECTORS; i++) {
        assert_int_equal(pcg_srp_timestamp((time_t)srp_vectors[i].epoch, ts, sizeof ts), 0);
        assert_string_equal(ts, srp_vectors[i].timestamp);
    }
}

static void test_wrong_password_changes_signature(void **state)
{
    const struct srp_vector *v = &srp_vectors[0];
    struct pcg_srp *srp = srp_for(v);
    char sig[PCG_SRP_SIGNATURE_LEN];

    (void)state;
    assert_int_equal(pcg_srp_password_claim(srp, v->pool_name, v->user_id, "wrong", v->salt_hex,
                                            v->srp_b_hex, v->secret_block_b64, v->timestamp, sig,
                                            sizeof sig),
                     PCG_SRP_OK);
    assert_string_not_equal(sig, v->signature_b64);
    pcg_srp_free(srp);
}

/* ---- padHex ---------------------------------------------------------------------- */

static void assert_pad(const char *value_hex, const char *expected)
{
    BIGNUM *v = NULL;
    unsigned char *pad = NULL;
    size_t len = 0;

    assert_true(BN_hex2bn(&v, value_hex) > 0);
    assert_int_equal(pcg_srp_pad(v, &pad, &len), PCG_SRP_OK);
    assert_bytes_hex(pad, len, expected);
    pcg_free_secret_n(pad, len);
    BN_free(v);
}

static void test_pad_edge_cases(void **state)
{
    (void)state;
    assert_pad("0", "00");
    assert_pad("1", "01");
    assert_pad("7f", "7f");
    assert_pad("80", "0080");
    assert_pad("ff", "00ff");
    assert_pad("100", "0100");
    assert_pad("fff", "0fff");
    assert_pad("7fff", "7fff");
    assert_pad("8000", "008000");
    assert_pad("000000abcd", "00abcd");
    assert_pad("2", "02");
}

static void test_pad_of_n_is_385_bytes(void **state)
{
    BIGNUM *n = NULL;
    unsigned char *pad = NULL;
    size_t len = 0;

    (void)state;
    assert_true(BN_hex2bn(&n, n_hex) > 0);
    assert_int_equal(pcg_srp_pad(n, &pad, &len), PCG_SRP_OK);
    assert_int_equal(len, 385);
    assert_int_equal(pad[0], 0x00);
    assert_int_equal(pad[1], 0xff);
    assert_int_equal(pad[384], 0xff);
    pcg_free_secret_n(pad, len);
    BN_free(n);
}

static void test_pad_refuses_negative(void **state)
{
    BIGNUM *v = NULL;
    unsigned char *pad = NULL;
    size_t len = 0;

    (void)state;
    assert_true(BN_hex2bn(&v, "-80") > 0);
    assert_int_equal(pcg_srp_pad(v, &pad, &len), PCG_SRP_INTERNAL);
    assert_null(pad);
    assert_int_equal(pcg_srp_pad(NULL, &pad, &len), PCG_SRP_INTERNAL);
    BN_free(v);
}

/* ---- the random a ------------------------------------------------------------ */

static void test_new_draws_fresh_a(void **state)
{
    const struct srp_vector *v = &srp_vectors[0];
    struct pcg_srp *one = NULL, *two = NULL;
    char sig[PCG_SRP_SIGNATURE_LEN];
    const char *hex;

    (void)state;
    assert_int_equal(pcg_srp_new(&one), PCG_SRP_OK);
    assert_int_equal(pcg_srp_new(&two), PCG_SRP_OK);
    assert_string_not_equal(pcg_srp_public_a_hex(one), pcg_srp_public_a_hex(two));
    hex = pcg_srp_public_a_hex(one);
    assert_true(strlen(hex) >= 700 && strlen(hex) <= 768);
    assert_true(hex[0] != '0');
    assert_int_equal(strspn(hex, "0123456789abcdef"), strlen(hex));
    assert_int_equal(pcg_srp_password_claim(one, v->pool_name, v->user_id, v->password, v->salt_hex,
                                            v->srp_b_hex, v->secret_block_b64, v->timestamp, sig,
                                            sizeof sig),
                     PCG_SRP_OK);
    assert_int_equal(strlen(sig), PCG_SRP_SIGNATURE_LEN - 1);
    assert_string_not_equal(sig, v->signature_b64);
    pcg_srp_free(one);
    pcg_srp_free(two);
    pcg_srp_free(NULL);
    assert_null(pcg_srp_public_a_hex(NULL));
}

static void test_new_with_a_rejects_bad_a(void **state)
{
    static const char *const bad[] = { "", "0", "000", "-1", "0x12", "12 34", "xyz", " 1" };
    struct pcg_srp *srp = NULL;
    char *huge = repeat('f', PCG_SRP_MAX_HEX + 1);

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(pcg_srp_new_with_a(&srp, bad[i]), PCG_SRP_BAD_INPUT);
        assert_null(srp);
    }
    assert_int_equal(pcg_srp_new_with_a(&srp, huge), PCG_SRP_BAD_INPUT);
    assert_int_equal(pcg_srp_new_with_a(&srp, NULL), PCG_SRP_INTERNAL);
    assert_int_equal(pcg_srp_new_with_a(NULL, "12"), PCG_SRP_INTERNAL);
    assert_int_equal(pcg_srp_new(NULL), PCG_SRP_INTERNAL);
    assert_null(srp);
    free(huge);
}

/* ---- hostile SALT and SRP_B ------------------------------------------------------- */

static void test_negative_salt_is_bad_input(void **state)
{
    (void)state;
    assert_bad_input("-16e462a84f2df159eee0c14642974ee7", NULL, NULL);
    assert_bad_input("-1", NULL, NULL);
    assert_bad_input("+1", NULL, NULL);
}

static void test_b_multiple_of_n_is_bad_input(void **state)
{
    char *n1 = n_multiple_hex(1), *n2 = n_multiple_hex(2), *n7 = n_multiple_hex(7);

    (void)state;
    assert_bad_input(NULL, "0", NULL);
    assert_bad_input(NULL, "0000", NULL);
    assert_bad_input(NULL, n1, NULL);
    assert_bad_input(NULL, n2, NULL);
    assert_bad_input(NULL, n7, NULL);
    free(n1);
    free(n2);
    free(n7);
}

static void test_b_above_n_is_used_as_received(void **state)
{
    char sig[PCG_SRP_SIGNATURE_LEN];
    BIGNUM *b = NULL, *n = NULL;
    char *hex;

    (void)state;
    /* B + N is not a multiple of N: accepted, and u hashes it unreduced as the
     * reference client does, so the signature differs from the one for B. */
    assert_true(BN_hex2bn(&b, srp_vectors[0].srp_b_hex) > 0);
    assert_true(BN_hex2bn(&n, n_hex) > 0);
    assert_true(BN_add(b, b, n));
    hex = bn_hex_lower(b);
    assert_int_equal(claim_with(NULL, hex, NULL, sig, sizeof sig), PCG_SRP_OK);
    assert_string_not_equal(sig, srp_vectors[0].signature_b64);
    free(hex);
    BN_free(b);
    BN_free(n);
}

static void test_malformed_hex_is_bad_input(void **state)
{
    static const char *const bad[] = {
        "",     "0x1234", " 1234", "1234 ",      "12 34",      "12\n34",
        "g123", "12345z", "12-34", "\303\251ab", "ab\303\251",
    };

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        print_message("malformed hex #%zu\n", i);
        assert_bad_input(bad[i], NULL, NULL);
        assert_bad_input(NULL, bad[i], NULL);
    }
}

static void test_hex_spellings_of_one_value_agree(void **state)
{
    const struct srp_vector *v = &srp_vectors[0];
    char *upper = strdup(v->salt_hex);
    char *zeros = malloc(strlen(v->salt_hex) + 5);
    char *b_upper = strdup(v->srp_b_hex);

    (void)state;
    assert_non_null(upper);
    assert_non_null(zeros);
    assert_non_null(b_upper);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    for (char *p = b_upper; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    strcpy(zeros, "0000");
    strcat(zeros, v->salt_hex);
    assert_same_signature(upper, NULL, v->signature_b64);
    assert_same_signature(zeros, NULL, v->signature_b64);
    assert_same_signature(NULL, b_upper, v->signature_b64);
    free(upper);
    free(zeros);
    free(b_upper);
}

static void test_odd_length_hex_is_accepted(void **state)
{
    char sig_odd[PCG_SRP_SIGNATURE_LEN], sig_even[PCG_SRP_SIGNATURE_LEN];

    (void)state;
    /* Servers send minimal BigInteger hex: "abc" is the value 0x0abc. The
     * vectors unpadded_odd_hex and odd_length_srp_a cover it against the SDK. */
    assert_int_equal(claim_with("abc", NULL, NULL, sig_odd, sizeof sig_odd), PCG_SRP_OK);
    assert_int_equal(claim_with("0abc", NULL, NULL, sig_even, sizeof sig_even), PCG_SRP_OK);
    assert_string_equal(sig_odd, sig_even);
    assert_true(strlen(srp_vectors[1].srp_b_hex) % 2 == 1);
    assert_true(strlen(srp_vectors[1].salt_hex) % 2 == 1);
}

static void test_oversized_inputs_are_bad_input(void **state)
{
    const struct srp_vector *v = &srp_vectors[0];
    struct pcg_srp *srp = srp_for(v);
    char sig[PCG_SRP_SIGNATURE_LEN];
    char *hex_big = repeat('1', PCG_SRP_MAX_HEX + 1);
    char *hex_max = repeat('0', PCG_SRP_MAX_HEX);
    char *block_big = repeat('A', PCG_SRP_MAX_SECRET_BLOCK + 4);
    char *block_max = repeat('A', PCG_SRP_MAX_SECRET_BLOCK);
    char *field_big = repeat('p', PCG_SRP_MAX_FIELD + 1);
    char *field_max = repeat('p', PCG_SRP_MAX_FIELD);
    size_t blen = strlen(v->srp_b_hex);

    (void)state;
    assert_bad_input(hex_big, NULL, NULL);
    assert_bad_input(NULL, hex_big, NULL);
    assert_bad_input(NULL, NULL, block_big);

    /* At the limits: accepted. B padded with zeros to exactly the cap is the same B. */
    memcpy(hex_max + PCG_SRP_MAX_HEX - blen, v->srp_b_hex, blen);
    assert_same_signature(NULL, hex_max, v->signature_b64);
    assert_int_equal(claim_with(NULL, NULL, block_max, sig, sizeof sig), PCG_SRP_OK);

#define CLAIM(pool, user, pass, ts)                                                               \
    pcg_srp_password_claim(srp, pool, user, pass, v->salt_hex, v->srp_b_hex, v->secret_block_b64, \
                           ts, sig, sizeof sig)
    assert_int_equal(CLAIM(field_big, v->user_id, v->password, v->timestamp), PCG_SRP_BAD_INPUT);
    assert_int_equal(CLAIM(v->pool_name, field_big, v->password, v->timestamp), PCG_SRP_BAD_INPUT);
    assert_int_equal(CLAIM(v->pool_name, v->user_id, field_big, v->timestamp), PCG_SRP_BAD_INPUT);
    assert_int_equal(CLAIM(v->pool_name, v->user_id, v->password, field_big), PCG_SRP_BAD_INPUT);
    assert_int_equal(CLAIM("", v->user_id, v->password, v->timestamp), PCG_SRP_BAD_INPUT);
    assert_int_equal(CLAIM(v->pool_name, "", v->password, v->timestamp), PCG_SRP_BAD_INPUT);
    assert_int_equal(CLAIM(v->pool_name, v->user_id, v->password, ""), PCG_SRP_BAD_INPUT);
    assert_int_equal(CLAIM(field_max, field_max, field_max, field_max), PCG_SRP_OK);
    assert_int_equal(CLAIM(v->pool_name, v->user_id, "", v->timestamp), PCG_SRP_OK);
#undef CLAIM

    pcg_srp_free(srp);
    free(hex_big);
    free(hex_max);
    free(block_big);
    free(block_max);
    free(field_big);
    free(field_max);
}

static void test_bad_base64_is_bad_input(void **state)
{
    static const char *const bad[] = {
        "",       "A",       "AB",   "ABC",  "AB=C", "A===", "====",       "AB==AB==",
        "AAAA\n", "AA AA==", "AB==", "AAB=", "-_AA", "AAA*", "\303\251AA",
    };
    char sig[PCG_SRP_SIGNATURE_LEN];

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        print_message("bad base64 #%zu\n", i);
        assert_bad_input(NULL, NULL, bad[i]);
    }
    assert_int_equal(claim_with(NULL, NULL, "AA==", sig, sizeof sig), PCG_SRP_OK);
    assert_int_equal(claim_with(NULL, NULL, "AAA=", sig, sizeof sig), PCG_SRP_OK);
    assert_int_equal(claim_with(NULL, NULL, "+/+/", sig, sizeof sig), PCG_SRP_OK);
}

static void test_caller_errors_are_internal(void **state)
{
    const struct srp_vector *v = &srp_vectors[0];
    struct pcg_srp *srp = srp_for(v);
    char sig[PCG_SRP_SIGNATURE_LEN];

    (void)state;
    memset(sig, 'X', sizeof sig);
    assert_int_equal(pcg_srp_password_claim(srp, v->pool_name, v->user_id, v->password, v->salt_hex,
                                            v->srp_b_hex, v->secret_block_b64, v->timestamp, sig,
                                            sizeof sig - 1),
                     PCG_SRP_INTERNAL);
    assert_string_equal(sig, "");
    assert_int_equal(pcg_srp_password_claim(NULL, v->pool_name, v->user_id, v->password,
                                            v->salt_hex, v->srp_b_hex, v->secret_block_b64,
                                            v->timestamp, sig, sizeof sig),
                     PCG_SRP_INTERNAL);
    assert_int_equal(pcg_srp_password_claim(srp, v->pool_name, v->user_id, NULL, v->salt_hex,
                                            v->srp_b_hex, v->secret_block_b64, v->timestamp, sig,
                                            sizeof sig),
                     PCG_SRP_INTERNAL);
    assert_int_equal(pcg_srp_password_claim(srp, v->pool_name, v->user_id, v->password, v->salt_hex,
                                            v->srp_b_hex, v->secret_block_b64, v->timestamp, NULL,
                                            sizeof sig),
                     PCG_SRP_INTERNAL);
    pcg_srp_free(srp);
}

/* ---- the timestamp ----------------------------------------------------------------- */

struct stamp {
    long long t;
    const char *text;
};

/* Expected strings from GNU date -u '+%a %b %-d %H:%M:%S UTC %Y' in the C locale. */
static const struct stamp stamps[] = {
    { 1672576496LL, "Sun Jan 1 12:34:56 UTC 2023" },
    { 1675254896LL, "Wed Feb 1 12:34:56 UTC 2023" },
    { 1677674096LL, "Wed Mar 1 12:34:56 UTC 2023" },
    { 1680352496LL, "Sat Apr 1 12:34:56 UTC 2023" },
    { 1682944496LL, "Mon May 1 12:34:56 UTC 2023" },
    { 1685622896LL, "Thu Jun 1 12:34:56 UTC 2023" },
    { 1688214896LL, "Sat Jul 1 12:34:56 UTC 2023" },
    { 1690893296LL, "Tue Aug 1 12:34:56 UTC 2023" },
    { 1693571696LL, "Fri Sep 1 12:34:56 UTC 2023" },
    { 1696163696LL, "Sun Oct 1 12:34:56 UTC 2023" },
    { 1698842096LL, "Wed Nov 1 12:34:56 UTC 2023" },
    { 1701434096LL, "Fri Dec 1 12:34:56 UTC 2023" },
    { 1704585600LL, "Sun Jan 7 00:00:00 UTC 2024" },
    { 1704675723LL, "Mon Jan 8 01:02:03 UTC 2024" },
    { 1704791349LL, "Tue Jan 9 09:09:09 UTC 2024" },
    { 1704881410LL, "Wed Jan 10 10:10:10 UTC 2024" },
    { 1705017599LL, "Thu Jan 11 23:59:59 UTC 2024" },
    { 1705017601LL, "Fri Jan 12 00:00:01 UTC 2024" },
    { 1705151593LL, "Sat Jan 13 13:13:13 UTC 2024" },
    { 1709164800LL, "Thu Feb 29 00:00:00 UTC 2024" },
    { 951825659LL, "Tue Feb 29 12:00:59 UTC 2000" },
    { 4107542400LL, "Mon Mar 1 00:00:00 UTC 2100" },
    { 2147483647LL, "Tue Jan 19 03:14:07 UTC 2038" },
    { 2147483648LL, "Tue Jan 19 03:14:08 UTC 2038" },
    { 4294967296LL, "Sun Feb 7 06:28:16 UTC 2106" },
    { 253402300799LL, "Fri Dec 31 23:59:59 UTC 9999" },
    { -1LL, "Wed Dec 31 23:59:59 UTC 1969" },
    { 0LL, "Thu Jan 1 00:00:00 UTC 1970" },
    { 1491432154LL, "Wed Apr 5 22:42:34 UTC 2017" },
    { -30610224000LL, "Wed Jan 1 00:00:00 UTC 1000" },
};

static void test_timestamp_known_times(void **state)
{
    char ts[PCG_SRP_TIMESTAMP_LEN];

    (void)state;
    assert_true(sizeof(time_t) >= 8);
    for (size_t i = 0; i < sizeof stamps / sizeof stamps[0]; i++) {
        assert_int_equal(pcg_srp_timestamp((time_t)stamps[i].t, ts, sizeof ts), 0);
        assert_string_equal(ts, stamps[i].text);
    }
}

static void test_timestamp_every_day_of_a_month(void **state)
{
    /* January 2024 began on a Monday. */
    static const char *const week_from_monday[7] = {
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
    };
    const long long jan1 = 1704067200LL;
    char ts[PCG_SRP_TIMESTAMP_LEN], want[64]; /* room for any day number: no truncation warning */

    (void)state;
    for (int day = 1; day <= 31; day++) {
        snprintf(want, sizeof want, "%s Jan %d 06:07:08 UTC 2024", week_from_monday[(day - 1) % 7],
                 day);
        assert_int_equal(
            pcg_srp_timestamp((time_t)(jan1 + (day - 1) * 86400LL + 6 * 3600 + 7 * 60 + 8), ts,
                              sizeof ts),
            0);
        assert_string_equal(ts, want);
        assert_true(ts[8] != '0');     /* never "Jan 05" */
        assert_null(strstr(ts, "  ")); /* never "Jan  5" */
    }
}

static void test_timestamp_limits(void **state)
{
    char ts[PCG_SRP_TIMESTAMP_LEN];
    const char *expected = "Wed Apr 5 22:42:34 UTC 2017";

    (void)state;
    memset(ts, 'X', sizeof ts);
    assert_int_equal(pcg_srp_timestamp((time_t)253402300800LL, ts, sizeof ts), -1); /* 10000 */
    assert_string_equal(ts, "");
    assert_int_equal(pcg_srp_timestamp((time_t)-30610224001LL, ts, sizeof ts), -1); /* 999 */
    assert_int_equal(pcg_srp_timestamp((time_t)1491432154, ts, strlen(expected)), -1);
    assert_string_equal(ts, "");
    assert_int_equal(pcg_srp_timestamp((time_t)1491432154, ts, strlen(expected) + 1), 0);
    assert_string_equal(ts, expected);
    assert_int_equal(pcg_srp_timestamp((time_t)1491432154, NULL, 10), -1);
    assert_int_equal(pcg_srp_timestamp((time_t)1491432154, ts, 0), -1);
}

extern char **environ;

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/*
 * Compiles de_DE.UTF-8 with localedef (libc-bin; the definitions come from the
 * "locales" package, a Build-Depends) into a fresh directory under TMPDIR and
 * points LOCPATH at it, so that the test needs no locale installed on the
 * machine (a buildd has none). Fails the test, never skips, when it cannot.
 */
static char *make_private_locale(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir, out[4096];
    char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", out, NULL };
    pid_t pid;
    int status, rc;

    dir = malloc(4096);
    assert_non_null(dir);
    snprintf(dir, 4096, "%s/pcg-locale-XXXXXX", tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL)
        fail_msg("mkdtemp(%s): %s", dir, strerror(errno));
    snprintf(out, sizeof out, "%s/de_DE.UTF-8", dir);
    rc = posix_spawnp(&pid, "localedef", NULL, NULL, argv, environ);
    if (rc != 0)
        fail_msg("cannot run localedef: %s (it comes with libc-bin)", strerror(rc));
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("localedef -i de_DE -f UTF-8 %s failed (status %d): the locale definitions "
                 "come with the \"locales\" package",
                 out, status);
    assert_int_equal(setenv("LOCPATH", dir, 1), 0);
    return dir;
}

/*
 * A German locale and a far-away TZ must change nothing. The test makes the
 * locale itself (make_private_locale): failing to set it is a failure, not a
 * skip, or this test would prove nothing.
 */
static void test_timestamp_ignores_locale_and_tz(void **state)
{
    const struct srp_vector *v = &srp_vectors[0];
    struct pcg_srp *srp = srp_for(v);
    char ts[PCG_SRP_TIMESTAMP_LEN], local[64], sig[PCG_SRP_SIGNATURE_LEN];
    const char *old_tz = getenv("TZ");
    char *saved_tz = old_tz ? strdup(old_tz) : NULL;
    char *locale_dir = make_private_locale();
    time_t t = (time_t)1491432154; /* Wed Apr 5 22:42:34 UTC 2017 */
    struct tm tm;

    (void)state;
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
        fail_msg("setlocale(LC_ALL, \"de_DE.UTF-8\") failed with LOCPATH=%s", locale_dir);
    assert_int_equal(setenv("TZ", "JST-9", 1), 0);
    tzset();

    /* The locale really is German here: strftime says "Do" (Donnerstag, Thursday in Tokyo). */
    assert_non_null(localtime_r(&t, &tm));
    assert_true(strftime(local, sizeof local, "%a %b", &tm) > 0);
    assert_string_equal(local, "Do Apr");

    assert_int_equal(pcg_srp_timestamp(t, ts, sizeof ts), 0);
    assert_string_equal(ts, "Wed Apr 5 22:42:34 UTC 2017");
    assert_int_equal(pcg_srp_timestamp((time_t)1698842096LL, ts, sizeof ts), 0);
    assert_string_equal(ts, "Wed Nov 1 12:34:56 UTC 2023");
    assert_int_equal(pcg_srp_timestamp((time_t)1688214896LL, ts, sizeof ts), 0);
    assert_string_equal(ts, "Sat Jul 1 12:34:56 UTC 2023");
    assert_int_equal(pcg_srp_password_claim(srp, v->pool_name, v->user_id, v->password, v->salt_hex,
                                            v->srp_b_hex, v->secret_block_b64, v->timestamp, sig,
                                            sizeof sig),
                     PCG_SRP_OK);
    assert_string_equal(sig, v->signature_b64);

    setlocale(LC_ALL, "C");
    if (saved_tz != NULL)
        setenv("TZ", saved_tz, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved_tz);
    pcg_srp_free(srp);
    unsetenv("LOCPATH");
    assert_int_equal(nftw(locale_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS), 0);
    free(locale_dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_public_a_matches_reference),
        cmocka_unit_test(test_vectors_signature_and_intermediates),
        cmocka_unit_test(test_vectors_timestamp),
        cmocka_unit_test(test_wrong_password_changes_signature),
        cmocka_unit_test(test_pad_edge_cases),
        cmocka_unit_test(test_pad_of_n_is_385_bytes),
        cmocka_unit_test(test_pad_refuses_negative),
        cmocka_unit_test(test_new_draws_fresh_a),
        cmocka_unit_test(test_new_with_a_rejects_bad_a),
        cmocka_unit_test(test_negative_salt_is_bad_input),
        cmocka_unit_test(test_b_multiple_of_n_is_bad_input),
        cmocka_unit_test(test_b_above_n_is_used_as_received),
        cmocka_unit_test(test_malformed_hex_is_bad_input),
        cmocka_unit_test(test_hex_spellings_of_one_value_agree),
        cmocka_unit_test(test_odd_length_hex_is_accepted),
        cmocka_unit_test(test_oversized_inputs_are_bad_input),
        cmocka_unit_test(test_bad_base64_is_bad_input),
        cmocka_unit_test(test_caller_errors_are_internal),
        cmocka_unit_test(test_timestamp_known_times),
        cmocka_unit_test(test_timestamp_every_day_of_a_month),
        cmocka_unit_test(test_timestamp_limits),
        cmocka_unit_test(test_timestamp_ignores_locale_and_tz),
    };

    return cmocka_run_group_tests_name("srp", tests, NULL, NULL);
}

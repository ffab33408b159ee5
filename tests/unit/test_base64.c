/* The one base64 decoder: SRP's SECRET_BLOCK (standard, padded) and JWT parts (base64url). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cognito/base64.h"

static enum pcg_base64_status decode(const char *in, size_t max_len,
                                     enum pcg_base64_alphabet alphabet, unsigned char **out,
                                     size_t *outlen)
{
    return pcg_base64_decode(in, strlen(in), max_len, alphabet, out, outlen);
}

static void assert_decodes(const char *in, enum pcg_base64_alphabet alphabet, const void *want,
                           size_t want_len)
{
    unsigned char *out = NULL;
    size_t n = 99;

    print_message("decoding \"%s\"\n", in);
    assert_int_equal(decode(in, 64, alphabet, &out, &n), PCG_BASE64_OK);
    assert_non_null(out);
    assert_int_equal(n, want_len);
    assert_memory_equal(out, want, want_len);
    assert_int_equal(out[n], '\0');
    free(out);
}

static void assert_refused(const char *in, size_t max_len, enum pcg_base64_alphabet alphabet)
{
    unsigned char *out = (unsigned char *)1;
    size_t n = 99;

    print_message("refusing \"%s\"\n", in);
    assert_int_equal(decode(in, max_len, alphabet, &out, &n), PCG_BASE64_BAD_INPUT);
    assert_null(out);
    assert_int_equal(n, 0);
}

/* RFC 4648 section 10's vectors, in both alphabets' forms. */
static void test_rfc4648_vectors(void **state)
{
    (void)state;
    assert_decodes("Zg==", PCG_BASE64_STANDARD, "f", 1);
    assert_decodes("Zm8=", PCG_BASE64_STANDARD, "fo", 2);
    assert_decodes("Zm9v", PCG_BASE64_STANDARD, "foo", 3);
    assert_decodes("Zm9vYg==", PCG_BASE64_STANDARD, "foob", 4);
    assert_decodes("Zm9vYmE=", PCG_BASE64_STANDARD, "fooba", 5);
    assert_decodes("Zm9vYmFy", PCG_BASE64_STANDARD, "foobar", 6);
    assert_decodes("Zg", PCG_BASE64_URL, "f", 1);
    assert_decodes("Zm8", PCG_BASE64_URL, "fo", 2);
    assert_decodes("Zm9v", PCG_BASE64_URL, "foo", 3);
    assert_decodes("Zm9vYg", PCG_BASE64_URL, "foob", 4);
    assert_decodes("Zm9vYmE", PCG_BASE64_URL, "fooba", 5);
    assert_decodes("Zm9vYmFy", PCG_BASE64_URL, "foobar", 6);
}

/* 62 and 63 are the only digits the alphabets disagree on. */
static void test_each_alphabet_has_its_own_62_and_63(void **state)
{
    static const unsigned char ones[] = { 0xfb, 0xff, 0xbf };

    (void)state;
    assert_decodes("+/+/", PCG_BASE64_STANDARD, ones, sizeof ones);
    assert_decodes("-_-_", PCG_BASE64_URL, ones, sizeof ones);
    assert_refused("-_-_", 64, PCG_BASE64_STANDARD);
    assert_refused("+/+/", 64, PCG_BASE64_URL);
    assert_refused("AAA-", 64, PCG_BASE64_STANDARD);
    assert_refused("AAA/", 64, PCG_BASE64_URL);
}

static void test_bytes_are_decoded_exactly(void **state)
{
    static const unsigned char zeros_and_nul[] = { 0, 0, 0, 0 };
    static const unsigned char high[] = { 0xff, 0xfe, 0x80, 0x00, 0x7f };

    (void)state;
    assert_decodes("AAAAAA==", PCG_BASE64_STANDARD, zeros_and_nul, 4);
    assert_decodes("//6AAH8=", PCG_BASE64_STANDARD, high, sizeof high);
    assert_decodes("__6AAH8", PCG_BASE64_URL, high, sizeof high);
}

static void test_standard_needs_its_padding(void **state)
{
    static const char *const bad[] = {
        "Zg", "Zg=", "Zm8", "Zm9vYg", "Zm9vYmE", "Z", "Zm9vY", "Zm9vY===",
    };

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused(bad[i], 64, PCG_BASE64_STANDARD);
}

static void test_url_takes_no_padding(void **state)
{
    static const char *const bad[] = {
        "Zg==", "Zm8=", "Zg=", "Zm9vYg==", "Z", "Zm9vY", "=",
    };

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused(bad[i], 64, PCG_BASE64_URL);
}

static void test_misplaced_padding_is_refused(void **state)
{
    static const char *const bad[] = {
        "A===", "====", "AB==AB==", "AB=C", "Zg==Zg==", "=Zm9", "Z=m9",
    };

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused(bad[i], 64, PCG_BASE64_STANDARD);
}

/* A last character with bits below its bytes is another encoding of the same bytes. */
static void test_stray_bits_are_refused(void **state)
{
    (void)state;
    assert_refused("Zh==", 64, PCG_BASE64_STANDARD);
    assert_refused("AB==", 64, PCG_BASE64_STANDARD);
    assert_refused("Zm9=", 64, PCG_BASE64_STANDARD);
    assert_refused("AAB=", 64, PCG_BASE64_STANDARD);
    assert_refused("Zh", 64, PCG_BASE64_URL);
    assert_refused("Zm9", 64, PCG_BASE64_URL);
}

static void test_foreign_characters_are_refused(void **state)
{
    static const char *const bad[] = {
        "AAAA\n", "AA AA==", " AAA", "AAA*", "AA.A", "\303\251AA", "AAA\177", "\tAAA",
    };

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_refused(bad[i], 64, PCG_BASE64_STANDARD);
        assert_refused(bad[i], 64, PCG_BASE64_URL);
    }
}

static void test_nul_inside_is_refused(void **state)
{
    unsigned char *out = (unsigned char *)1;
    size_t n = 99;

    (void)state;
    assert_int_equal(pcg_base64_decode("AA\0A", 4, 64, PCG_BASE64_STANDARD, &out, &n),
                     PCG_BASE64_BAD_INPUT);
    assert_null(out);
    assert_int_equal(pcg_base64_decode("AA\0A", 4, 64, PCG_BASE64_URL, &out, &n),
                     PCG_BASE64_BAD_INPUT);
    assert_null(out);
}

static void test_empty_is_refused(void **state)
{
    (void)state;
    assert_refused("", 64, PCG_BASE64_STANDARD);
    assert_refused("", 64, PCG_BASE64_URL);
}

static void test_length_limit_is_inclusive(void **state)
{
    unsigned char *out = NULL;
    size_t n = 0;

    (void)state;
    assert_int_equal(decode("Zm9vYmFy", 8, PCG_BASE64_STANDARD, &out, &n), PCG_BASE64_OK);
    assert_int_equal(n, 6);
    free(out);
    assert_int_equal(decode("Zm9vYmE", 7, PCG_BASE64_URL, &out, &n), PCG_BASE64_OK);
    assert_int_equal(n, 5);
    free(out);
    assert_refused("Zm9vYmFy", 7, PCG_BASE64_STANDARD);
    assert_refused("Zm9vYmE", 6, PCG_BASE64_URL);
    assert_refused("Zg==", 0, PCG_BASE64_STANDARD);
}

/* Only in[0..len) is read: what follows is not part of the input. */
static void test_only_len_characters_are_read(void **state)
{
    unsigned char *out = NULL;
    size_t n = 0;

    (void)state;
    assert_int_equal(pcg_base64_decode("Zm9v.rest", 4, 64, PCG_BASE64_URL, &out, &n),
                     PCG_BASE64_OK);
    assert_int_equal(n, 3);
    assert_memory_equal(out, "foo", 3);
    free(out);
}

static void test_large_input_round_trips_its_length(void **state)
{
    size_t len = 16384;
    char *in = malloc(len + 1);
    unsigned char *out = NULL;
    size_t n = 0;

    (void)state;
    assert_non_null(in);
    memset(in, 'A', len);
    in[len] = '\0';
    assert_int_equal(decode(in, len, PCG_BASE64_STANDARD, &out, &n), PCG_BASE64_OK);
    assert_int_equal(n, len / 4 * 3);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(out[i], 0);
    free(out);
    assert_refused(in, len - 1, PCG_BASE64_STANDARD);
    free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4648_vectors),
        cmocka_unit_test(test_each_alphabet_has_its_own_62_and_63),
        cmocka_unit_test(test_bytes_are_decoded_exactly),
        cmocka_unit_test(test_standard_needs_its_padding),
        cmocka_unit_test(test_url_takes_no_padding),
        cmocka_unit_test(test_misplaced_padding_is_refused),
        cmocka_unit_test(test_stray_bits_are_refused),
        cmocka_unit_test(test_foreign_characters_are_refused),
        cmocka_unit_test(test_nul_inside_is_refused),
        cmocka_unit_test(test_empty_is_refused),
        cmocka_unit_test(test_length_limit_is_inclusive),
        cmocka_unit_test(test_only_len_characters_are_read),
        cmocka_unit_test(test_large_input_round_trips_its_length),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

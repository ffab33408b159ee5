#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "display/enroll_display.h"
#include "display/otpauth.h"
#include "display/qr_text.h"
#include "util/secure.h"

#define FULL "\xe2\x96\x88"
#define UPPER "\xe2\x96\x80"
#define LOWER "\xe2\x96\x84"
#define SECRET "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

static void test_secret_must_be_base32_capitals_of_sane_length(void **state)
{
    char longest[PCG_TOTP_SECRET_MAX + 2];

    assert_true(pcg_totp_secret_valid(SECRET));
    assert_true(pcg_totp_secret_valid("ABCDEFGHIJKLMNOP")); /* 16 */
    assert_false(pcg_totp_secret_valid("ABCDEFGHIJKLMNO")); /* 15 */
    memset(longest, 'A', sizeof(longest) - 1);
    longest[sizeof(longest) - 1] = '\0';
    assert_false(pcg_totp_secret_valid(longest)); /* 129 */
    longest[PCG_TOTP_SECRET_MAX] = '\0';
    assert_true(pcg_totp_secret_valid(longest)); /* 128 */
    assert_false(pcg_totp_secret_valid("jbswy3dpehpk3pxpjbswy3dpehpk3pxp"));
    assert_false(pcg_totp_secret_valid("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX="));
    /* 0, 1, 8 and 9 are not base32 digits */
    assert_false(pcg_totp_secret_valid("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX0"));
    assert_false(pcg_totp_secret_valid("JBSWY3DPEHPK3PXP\x1b[2JJBSWY3DPEHPK"));
    assert_false(pcg_totp_secret_valid("JBSWY3DP EHPK3PXP JBSWY3DP"));
    assert_false(pcg_totp_secret_valid(""));
    assert_false(pcg_totp_secret_valid(NULL));
}

static void test_uri_encoding_keeps_only_unreserved_characters(void **state)
{
    char *s = pcg_uri_encode("AZaz09-._~");

    assert_string_equal(s, "AZaz09-._~");
    free(s);
    s = pcg_uri_encode(" :/?#[]@!$&'()*+,;=%");
    assert_string_equal(s, "%20%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25");
    free(s);
    s = pcg_uri_encode("\xc3\xa4\x1b\x7f\x9b\xff");
    assert_string_equal(s, "%C3%A4%1B%7F%9B%FF");
    free(s);
    s = pcg_uri_encode("");
    assert_string_equal(s, "");
    free(s);
}

static void test_otpauth_uri_has_issuer_account_and_secret(void **state)
{
    char *uri = pcg_otpauth_uri("Example Corp", "alice@example.com", SECRET);

    assert_string_equal(uri,
                        "otpauth://totp/Example%20Corp:alice%40example.com?secret=" SECRET
                        "&issuer=Example%20Corp");
    pcg_free_secret(uri);
    assert_null(pcg_otpauth_uri("host", "alice", "not base32"));
    assert_null(pcg_otpauth_uri(NULL, "alice", SECRET));
    assert_null(pcg_otpauth_uri("host", NULL, SECRET));
}

static void test_secret_is_grouped_by_four(void **state)
{
    char *g = pcg_secret_grouped(SECRET);

    assert_string_equal(g, "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
    pcg_free_secret(g);
    g = pcg_secret_grouped("ABCDEFGHIJKLMNOPQ");
    assert_string_equal(g, "ABCD EFGH IJKL MNOP Q");
    pcg_free_secret(g);
    g = pcg_secret_grouped("ABCD");
    assert_string_equal(g, "ABCD");
    pcg_free_secret(g);
}

/* One dark module: a 5 x 5 picture with the quiet zone, drawn in 3 lines. */
static void test_qr_render_of_one_dark_module(void **state)
{
    const unsigned char dark = 1;
    char *text = pcg_qr_render(&dark, 1);

    assert_string_equal(text,
                        FULL FULL FULL FULL FULL "\n"        /* quiet rows 0 and 1 */
                        FULL FULL LOWER FULL FULL "\n"       /* the dark module over quiet row 3 */
                        UPPER UPPER UPPER UPPER UPPER "\n"); /* quiet row 4; nothing below */
    pcg_free_secret(text);
}

static void test_qr_render_of_a_checkerboard(void **state)
{
    const unsigned char modules[4] = { 1, 0, 0, 1 }; /* bit 0 = dark */
    char *text = pcg_qr_render(modules, 2);

    assert_string_equal(text,
                        FULL FULL FULL FULL FULL FULL "\n" FULL FULL LOWER UPPER FULL FULL
                                                      "\n" FULL FULL FULL FULL FULL FULL "\n");
    pcg_free_secret(text);
}

static void test_qr_render_refuses_impossible_widths(void **state)
{
    const unsigned char dark = 1;

    assert_null(pcg_qr_render(&dark, 0));
    assert_null(pcg_qr_render(&dark, -1));
    assert_null(pcg_qr_render(&dark, 178));
}

#ifdef HAVE_QRENCODE
/* Counts the glyphs of one line; fails on any byte that is not a glyph or a space. */
static size_t glyphs(const char *line, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; n++) {
        if (line[i] == ' ') {
            i++;
            continue;
        }
        assert_true(i + 3 <= len);
        assert_true(memcmp(line + i, FULL, 3) == 0 || memcmp(line + i, UPPER, 3) == 0
                    || memcmp(line + i, LOWER, 3) == 0);
        i += 3;
    }
    return n;
}
#endif

static void test_qr_text_is_a_square_code_with_finder_patterns(void **state)
{
#ifdef HAVE_QRENCODE
    char *text = pcg_qr_text("otpauth://totp/host:alice?secret=" SECRET "&issuer=host");
    const char *p = text;
    size_t lines = 0, width = 0;

    assert_non_null(text);
    while (*p != '\0') {
        const char *end = strchr(p, '\n');
        size_t n;

        assert_non_null(end);
        n = glyphs(p, (size_t)(end - p));
        if (lines == 0)
            width = n;
        assert_int_equal(n, width);
        lines++;
        p = end + 1;
    }
    /* QR codes are 21 + 4k modules wide; with the quiet zone, two module rows per line. */
    assert_int_equal((width - 2 * PCG_QR_QUIET - 21) % 4, 0);
    assert_int_equal(lines, (width + 1) / 2);
    /* The top quiet rows, then the top edge of the upper-left finder pattern. */
    assert_int_equal(strncmp(text, FULL FULL FULL FULL, 12), 0);
    p = strchr(text, '\n') + 1;
    assert_int_equal(
        strncmp(p, FULL FULL " " LOWER LOWER LOWER LOWER LOWER " ", 2 * 3 + 1 + 5 * 3 + 1), 0);
    pcg_free_secret(text);
#else
    assert_null(pcg_qr_text("otpauth://totp/host:alice?secret=" SECRET));
#endif
}

/* Every byte is printable ASCII, a newline, or part of one of the three glyphs. */
static void assert_terminal_safe(const char *text)
{
    for (const char *p = text; *p != '\0';) {
        if (strncmp(p, FULL, 3) == 0 || strncmp(p, UPPER, 3) == 0 || strncmp(p, LOWER, 3) == 0) {
            p += 3;
            continue;
        }
        assert_true(*p == '\n' || (*p >= 0x20 && *p <= 0x7e));
        p++;
    }
}

static void test_display_holds_instruction_qr_secret_and_uri(void **state)
{
    char *text = pcg_enroll_display("Ex\xc3\xa4mple\x1b", "al\xc2\x9bice", SECRET, true);

    assert_non_null(text);
    assert_terminal_safe(text);
    assert_non_null(strstr(text, "\nSecret key: JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP\n"));
    assert_non_null(strstr(text,
                           "\nKey URI: otpauth://totp/Ex%C3%A4mple%1B:al%C2%9Bice?secret=" SECRET
                           "&issuer=Ex%C3%A4mple%1B"));
    assert_null(strchr(strstr(text, "Key URI: "), '\n')); /* the URI ends the text */
#ifdef HAVE_QRENCODE
    assert_non_null(strstr(text, "authenticator app: scan the QR code"));
    assert_non_null(strstr(text, FULL));
#else
    assert_non_null(strstr(text, "authenticator app: type the secret key"));
    assert_null(strstr(text, FULL));
#endif
    pcg_free_secret(text);
}

static void test_display_without_qr(void **state)
{
    char *text = pcg_enroll_display("host", "alice", SECRET, false);

    assert_string_equal(
        text,
        "Add this account to your authenticator app: type the secret key, or open the key URI.\n"
        "Secret key: JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP\n"
        "Key URI: otpauth://totp/host:alice?secret=" SECRET "&issuer=host");
    pcg_free_secret(text);
}

static void test_display_refuses_a_bad_secret(void **state)
{
    assert_null(pcg_enroll_display("host", "alice", "JBSWY3DP\x1b[2JEHPK3PXP", true));
    assert_null(pcg_enroll_display("host", "alice", "short", false));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_secret_must_be_base32_capitals_of_sane_length),
        cmocka_unit_test(test_uri_encoding_keeps_only_unreserved_characters),
        cmocka_unit_test(test_otpauth_uri_has_issuer_account_and_secret),
        cmocka_unit_test(test_secret_is_grouped_by_four),
        cmocka_unit_test(test_qr_render_of_one_dark_module),
        cmocka_unit_test(test_qr_render_of_a_checkerboard),
        cmocka_unit_test(test_qr_render_refuses_impossible_widths),
        cmocka_unit_test(test_qr_text_is_a_square_code_with_finder_patterns),
        cmocka_unit_test(test_display_holds_instruction_qr_secret_and_uri),
        cmocka_unit_test(test_display_without_qr),
        cmocka_unit_test(test_display_refuses_a_bad_secret),
    };
    return cmocka_run_group_tests_name("enroll_display", tests, NULL, NULL);
}

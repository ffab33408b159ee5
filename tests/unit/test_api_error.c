#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cognito/api_error.h"

/* Parses a NUL-terminated body (length without the NUL). */
static void parse(const char *header, const char *body, struct pcg_api_error *err)
{
    memset(err, 'x', sizeof(*err));
    err->http_status = 400;
    pcg_api_error_parse(header, body, body != NULL ? strlen(body) : 0, err);
}

static void test_header_wins_over_body(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse("NotAuthorizedException:",
          "{\"__type\":\"UserNotFoundException\",\"message\":\"Incorrect username or password.\"}",
          &err);
    assert_string_equal(err.type, "NotAuthorizedException");
    assert_string_equal(err.message, "Incorrect username or password.");
    assert_int_equal(err.http_status, 400);
}

static void test_header_url_suffix(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse("NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/", "",
          &err);
    assert_string_equal(err.type, "NotAuthorizedException");
    assert_string_equal(err.message, "");
}

static void test_header_namespace_and_url(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral."
          "validate/",
          NULL, &err);
    assert_string_equal(err.type, "FooError");
}

static void test_comma_cut(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse("FooError,BarError", NULL, &err);
    assert_string_equal(err.type, "FooError");
    parse("a.b#FooError,c#BarError:x", NULL, &err);
    assert_string_equal(err.type, "FooError");
}

static void test_last_hash_kept(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse("a#b#LastError", NULL, &err);
    assert_string_equal(err.type, "LastError");
    parse("com.amazon.PlainDotted", NULL, &err);
    assert_string_equal(err.type, "com.amazon.PlainDotted");
}

static void test_header_characters_filtered(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(" Not Authorized<script>\r\nException\x01\xff", NULL, &err);
    assert_string_equal(err.type, "NotAuthorizedscriptException");
}

static void test_empty_header_falls_back_to_body(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse("::", "{\"__type\":\"ExpiredCodeException\"}", &err);
    assert_string_equal(err.type, "ExpiredCodeException");
    parse("", "{\"__type\":\"ExpiredCodeException\"}", &err);
    assert_string_equal(err.type, "ExpiredCodeException");
}

static void test_body_type_with_namespace(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(NULL,
          "{\"__type\":\"com.amazonaws.cognito#CodeMismatchException\","
          "\"message\":\"Invalid code received for user\"}",
          &err);
    assert_string_equal(err.type, "CodeMismatchException");
    assert_string_equal(err.message, "Invalid code received for user");
}

static void test_body_code_and_capital_message(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(NULL, "{\"code\":\"InvalidParameterException\",\"Message\":\"flow not enabled\"}", &err);
    assert_string_equal(err.type, "InvalidParameterException");
    assert_string_equal(err.message, "flow not enabled");
    /* __type is preferred over code, message over Message. */
    parse(NULL, "{\"code\":\"B\",\"__type\":\"A\",\"Message\":\"second\",\"message\":\"first\"}",
          &err);
    assert_string_equal(err.type, "A");
    assert_string_equal(err.message, "first");
}

static void test_non_string_members_ignored(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(NULL, "{\"__type\":42,\"code\":\"Fallback\",\"message\":{\"a\":1}}", &err);
    assert_string_equal(err.type, "Fallback");
    assert_string_equal(err.message, "");
    parse(NULL, "{\"__type\":null,\"message\":[\"x\"]}", &err);
    assert_string_equal(err.type, "");
    assert_string_equal(err.message, "");
}

static void test_message_sanitised(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(NULL,
          "{\"__type\":\"X\",\"message\":\"line1\\nline2\\r\\tforged\\u001b[31m red \\u0000 "
          "nul caf\\u00e9\"}",
          &err);
    assert_string_equal(err.message, "line1?line2??forged?[31m red ? nul caf??");
}

static void test_non_json_body(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(NULL, "<html><body>502 Bad Gateway</body></html>", &err);
    assert_string_equal(err.type, "");
    assert_string_equal(err.message, "");
    parse("ServiceUnavailable", "<html>", &err);
    assert_string_equal(err.type, "ServiceUnavailable");
    assert_string_equal(err.message, "");
}

static void test_truncated_json(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(NULL, "{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorr", &err);
    assert_string_equal(err.type, "");
    assert_string_equal(err.message, "");
    parse(NULL, "{", &err);
    assert_string_equal(err.type, "");
}

static void test_json_not_an_object(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(NULL, "[{\"__type\":\"NotAuthorizedException\"}]", &err);
    assert_string_equal(err.type, "");
    parse(NULL, "\"NotAuthorizedException\"", &err);
    assert_string_equal(err.type, "");
    parse(NULL, "null", &err);
    assert_string_equal(err.type, "");
    assert_string_equal(err.message, "");
}

static void test_deeply_nested_json(void **state)
{
    static const char head[] = "{\"__type\":\"DeepException\",\"message\":\"m\",\"x\":";
    const size_t depth = 10000;
    struct pcg_api_error err;
    size_t len = sizeof(head) - 1 + 2 * depth + 1;
    char *body = malloc(len + 1);
    size_t i;

    (void)state;
    assert_non_null(body);
    memcpy(body, head, sizeof(head) - 1);
    for (i = 0; i < depth; i++) {
        body[sizeof(head) - 1 + i] = '[';
        body[sizeof(head) - 1 + depth + i] = ']';
    }
    body[len - 1] = '}';
    body[len] = '\0';
    parse(NULL, body, &err);
    assert_string_equal(err.type, "");
    assert_string_equal(err.message, "");
    free(body);
}

static void test_modest_nesting_accepted(void **state)
{
    struct pcg_api_error err;

    (void)state;
    parse(NULL, "{\"__type\":\"X\",\"message\":\"m\",\"d\":{\"e\":[[{\"f\":[1]}]]}}", &err);
    assert_string_equal(err.type, "X");
    assert_string_equal(err.message, "m");
}

static void test_huge_strings_cut(void **state)
{
    const size_t big = 100000;
    struct pcg_api_error err;
    char *body = malloc(big * 2 + 64);
    char *p = body;

    (void)state;
    assert_non_null(body);
    p += sprintf(p, "{\"__type\":\"");
    memset(p, 'T', big);
    p += big;
    p += sprintf(p, "\",\"message\":\"");
    memset(p, 'm', big);
    p += big;
    strcpy(p, "\"}");
    parse(NULL, body, &err);
    assert_int_equal(strlen(err.type), PCG_ERROR_TYPE_MAX - 1);
    assert_int_equal(strspn(err.type, "T"), PCG_ERROR_TYPE_MAX - 1);
    assert_int_equal(strlen(err.message), PCG_ERROR_MESSAGE_MAX - 1);
    assert_string_equal(err.message + PCG_ERROR_MESSAGE_MAX - 4, "...");
    free(body);

    /* A header longer than the type buffer is cut too. */
    body = malloc(big + 1);
    assert_non_null(body);
    memset(body, 'H', big);
    body[big] = '\0';
    parse(body, NULL, &err);
    assert_int_equal(strlen(err.type), PCG_ERROR_TYPE_MAX - 1);
    free(body);
}

static void test_message_exactly_fits(void **state)
{
    char body[PCG_ERROR_MESSAGE_MAX + 64];
    struct pcg_api_error err;
    int n;

    (void)state;
    n = snprintf(body, sizeof(body), "{\"message\":\"");
    memset(body + n, 'a', PCG_ERROR_MESSAGE_MAX - 1);
    strcpy(body + n + PCG_ERROR_MESSAGE_MAX - 1, "\"}");
    parse(NULL, body, &err);
    assert_int_equal(strlen(err.message), PCG_ERROR_MESSAGE_MAX - 1);
    assert_int_equal(strchr(err.message, '.'), NULL);
}

static void test_null_header_empty_body(void **state)
{
    struct pcg_api_error err;

    (void)state;
    memset(&err, 'x', sizeof(err));
    pcg_api_error_parse(NULL, "", 0, &err);
    assert_string_equal(err.type, "");
    assert_string_equal(err.message, "");
    memset(&err, 'x', sizeof(err));
    pcg_api_error_parse(NULL, NULL, 0, &err);
    assert_string_equal(err.type, "");
    assert_string_equal(err.message, "");
    /* A length over a NULL body is ignored, not read. */
    pcg_api_error_parse(NULL, NULL, 100, &err);
    assert_string_equal(err.type, "");
    pcg_api_error_parse(NULL, NULL, 0, NULL);
}

static void test_not_nul_terminated(void **state)
{
    static const char json[] = "{\"__type\":\"ExpiredCodeException\",\"message\":\"abc\"}";
    const size_t len = sizeof(json) - 1;
    struct pcg_api_error err;
    char *body = malloc(len); /* exactly the bytes, no NUL: a read past them is a bug */

    (void)state;
    assert_non_null(body);
    memcpy(body, json, len);
    pcg_api_error_parse(NULL, body, len, &err);
    assert_string_equal(err.type, "ExpiredCodeException");
    assert_string_equal(err.message, "abc");

    /* Cut short inside the object: not an object, so nothing. */
    pcg_api_error_parse(NULL, body, len - 1, &err);
    assert_string_equal(err.type, "");
    free(body);
}

static void test_length_limits_what_is_read(void **state)
{
    static const char text[] = "{\"__type\":\"A\"}{\"__type\":\"B\"}";
    struct pcg_api_error err;

    (void)state;
    pcg_api_error_parse(NULL, text, 14, &err);
    assert_string_equal(err.type, "A");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_wins_over_body),
        cmocka_unit_test(test_header_url_suffix),
        cmocka_unit_test(test_header_namespace_and_url),
        cmocka_unit_test(test_comma_cut),
        cmocka_unit_test(test_last_hash_kept),
        cmocka_unit_test(test_header_characters_filtered),
        cmocka_unit_test(test_empty_header_falls_back_to_body),
        cmocka_unit_test(test_body_type_with_namespace),
        cmocka_unit_test(test_body_code_and_capital_message),
        cmocka_unit_test(test_non_string_members_ignored),
        cmocka_unit_test(test_message_sanitised),
        cmocka_unit_test(test_non_json_body),
        cmocka_unit_test(test_truncated_json),
        cmocka_unit_test(test_json_not_an_object),
        cmocka_unit_test(test_deeply_nested_json),
        cmocka_unit_test(test_modest_nesting_accepted),
        cmocka_unit_test(test_huge_strings_cut),
        cmocka_unit_test(test_message_exactly_fits),
        cmocka_unit_test(test_null_header_empty_body),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_length_limits_what_is_read),
    };

    return cmocka_run_group_tests_name("api_error", tests, NULL, NULL);
}

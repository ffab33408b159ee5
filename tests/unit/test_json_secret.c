#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cognito/json_secret.h"
#include "util/secure.h"
#include "util/text.h"
#include "util/wiping_alloc.h"

/* Writes obj and checks the text and its length. */
static void assert_written(struct json_object *obj, const char *want)
{
    char *text = NULL;
    size_t len = 0;

    assert_int_equal(pcg_json_write(obj, &text, &len), PCG_JSON_WRITE_OK);
    assert_string_equal(text, want);
    assert_int_equal(len, strlen(want));
    pcg_free_secret(text);
}

static void test_request_is_written_compact_in_insertion_order(void **state)
{
    struct json_object *req = json_object_new_object();
    struct json_object *params = json_object_new_object();

    json_object_object_add(params, "USERNAME", json_object_new_string("alice"));
    json_object_object_add(params, "PASSWORD", json_object_new_string("Corr3ct-Horse!"));
    json_object_object_add(req, "AuthFlow", json_object_new_string("USER_PASSWORD_AUTH"));
    json_object_object_add(req, "AuthParameters", params);
    assert_written(req,
                   "{\"AuthFlow\":\"USER_PASSWORD_AUTH\","
                   "\"AuthParameters\":{\"USERNAME\":\"alice\",\"PASSWORD\":\"Corr3ct-Horse!\"}}");
    json_object_put(req);
}

static void test_strings_are_escaped_as_json_and_utf8_kept(void **state)
{
    static const char raw[] = "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f\xc3\xa9\xf0\x9f\x98\x80";
    struct json_object *obj = json_object_new_object();

    json_object_object_add(obj, "k", json_object_new_string(raw));
    assert_written(
        obj, "{\"k\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xc3\xa9\xf0\x9f\x98\x80\"}");
    json_object_put(obj);
}

static void test_nul_inside_a_string_is_escaped(void **state)
{
    struct json_object *obj = json_object_new_object();

    json_object_object_add(obj, "k", json_object_new_string_len("a\0b", 3));
    assert_written(obj, "{\"k\":\"a\\u0000b\"}");
    json_object_put(obj);
}

static void test_other_types_are_written(void **state)
{
    struct json_object *obj = json_object_new_object();
    struct json_object *list = json_object_new_array();

    json_object_array_add(list, json_object_new_boolean(1));
    json_object_array_add(list, json_object_new_boolean(0));
    json_object_array_add(list, NULL);
    json_object_array_add(list, json_object_new_int64(INT64_MIN));
    json_object_array_add(list, json_object_new_uint64(UINT64_MAX));
    json_object_object_add(obj, "l", list);
    json_object_object_add(obj, "e", json_object_new_object());
    assert_written(obj,
                   "{\"l\":[true,false,null,-9223372036854775808,18446744073709551615],\"e\":{}}");
    json_object_put(obj);
}

static void test_invalid_utf8_and_doubles_are_not_written(void **state)
{
    struct json_object *bad_string = json_object_new_object();
    struct json_object *bad_double = json_object_new_object();
    char *text = (char *)"untouched";
    size_t len = 7;

    json_object_object_add(bad_string, "k", json_object_new_string("al\xffice"));
    json_object_object_add(bad_double, "d", json_object_new_double(1.5));
    assert_int_equal(pcg_json_write(bad_string, &text, &len), PCG_JSON_WRITE_UNWRITABLE);
    assert_null(text);
    assert_int_equal(len, 0);
    assert_int_equal(pcg_json_write(bad_double, &text, &len), PCG_JSON_WRITE_UNWRITABLE);
    json_object_put(bad_string);
    json_object_put(bad_double);
}

static void test_nesting_beyond_32_is_not_written(void **state)
{
    struct json_object *outer = json_object_new_object(), *inner = outer;
    char *text = NULL;
    size_t len = 0;

    for (int i = 0; i < 40; i++) {
        struct json_object *next = json_object_new_object();

        json_object_object_add(inner, "n", next);
        inner = next;
    }
    assert_int_equal(pcg_json_write(outer, &text, &len), PCG_JSON_WRITE_UNWRITABLE);
    json_object_put(outer);
}

static void test_parse_takes_exactly_one_object(void **state)
{
    static const char *const refused[] = {
        "",
        "[]",
        "\"s\"",
        "{\"a\":1} {}",
        "{\"a\":1}x",
        "{\"a\":'x'}",
        "{\"a\":\"\xff\"}",
        "{\"a\":1,}",
        "{\"a\"",
        "{\"a\":1}\0",
        "{\"a\":\"\xc1\x88\"}",
        "{\"\xed\xa0\x80\":1}", /* overlong, surrogate: json-c lets them by */
    };
    struct json_object *obj;

    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        assert_null(pcg_json_parse_object(refused[i], strlen(refused[i]) + (i == 9)));
    obj = pcg_json_parse_object(" {\"a\": [1, {\"b\": \"c\"}]}\r\n", 25);
    assert_non_null(obj);
    assert_string_equal(
        json_object_get_string(json_object_array_get_idx(json_object_object_get(obj, "a"), 0)),
        "1");
    pcg_json_put_wiped(obj);
}

static void test_parse_refuses_nesting_deeper_than_16(void **state)
{
    char deep[17 * 5];
    size_t n = 0;

    for (int i = 0; i < 17; i++)
        deep[n++] = '{', deep[n++] = '"', deep[n++] = 'a', deep[n++] = '"', deep[n++] = ':';
    assert_null(pcg_json_parse_object(deep, n));
}

static void test_put_wiped_overwrites_strings_in_place(void **state)
{
    static const char text_in[] = "{\"t\":{\"s\":[\"secret-token\"]}}";
    struct json_object *obj = pcg_json_parse_object(text_in, sizeof(text_in) - 1);
    struct json_object *s;
    const char *text;

    assert_non_null(obj);
    s = json_object_array_get_idx(json_object_object_get(json_object_object_get(obj, "t"), "s"), 0);
    json_object_get(obj); /* keep it alive to look at the string afterwards */
    text = json_object_get_string(s);
    pcg_json_put_wiped(obj);
    assert_int_equal(memcmp(text, "\0\0\0\0\0\0\0\0\0\0\0\0", 12), 0);
    json_object_put(obj);
}

static void test_utf8_validity(void **state)
{
    assert_true(pcg_utf8_valid("", 0));
    assert_true(pcg_utf8_valid("a\0b", 3));
    assert_true(pcg_utf8_valid("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf", 13));
    assert_false(pcg_utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
    assert_false(pcg_utf8_valid("\xe0\x80\xaf", 3));     /* overlong */
    assert_false(pcg_utf8_valid("\xf0\x80\x80\xaf", 4)); /* overlong */
    assert_false(pcg_utf8_valid("\xed\xa0\x80", 3));     /* a surrogate */
    assert_false(pcg_utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
    assert_false(pcg_utf8_valid("\xf5\x80\x80\x80", 4));
    assert_false(pcg_utf8_valid("\xc3", 1)); /* cut short */
    assert_false(pcg_utf8_valid("\xe2\x82", 2));
    assert_false(pcg_utf8_valid("\xe2\x28\xa1", 3)); /* bad continuation */
    assert_false(pcg_utf8_valid("\x80", 1));
    assert_false(pcg_utf8_valid("\xff", 1));
}

static void test_wiping_realloc_keeps_the_content(void **state)
{
    char *p = pcg_wiping_malloc(8);
    size_t big = 4 * malloc_usable_size(p) + 100;

    assert_non_null(p);
    memcpy(p, "abcdefg", 8);
    p = pcg_wiping_realloc(p, big);
    assert_non_null(p);
    assert_string_equal(p, "abcdefg");
    p = pcg_wiping_realloc(p, 4); /* shrinking keeps the block */
    assert_string_equal(p, "abcdefg");
    assert_null(pcg_wiping_realloc(p, 0));
    p = pcg_wiping_realloc(NULL, 16);
    assert_non_null(p);
    pcg_wiping_free(p);
    pcg_wiping_free(NULL);
    p = pcg_wiping_strdup("x");
    assert_string_equal(p, "x");
    pcg_wiping_free(p);
    p = pcg_wiping_calloc(4, 4);
    assert_int_equal(p[15], 0);
    pcg_wiping_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_is_written_compact_in_insertion_order),
        cmocka_unit_test(test_strings_are_escaped_as_json_and_utf8_kept),
        cmocka_unit_test(test_nul_inside_a_string_is_escaped),
        cmocka_unit_test(test_other_types_are_written),
        cmocka_unit_test(test_invalid_utf8_and_doubles_are_not_written),
        cmocka_unit_test(test_nesting_beyond_32_is_not_written),
        cmocka_unit_test(test_parse_takes_exactly_one_object),
        cmocka_unit_test(test_parse_refuses_nesting_deeper_than_16),
        cmocka_unit_test(test_put_wiped_overwrites_strings_in_place),
        cmocka_unit_test(test_utf8_validity),
        cmocka_unit_test(test_wiping_realloc_keeps_the_content),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "config.h"

#include "cognito/json_secret.h"

#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/printbuf.h>

#include "util/secure.h"
#include "util/text.h"

#define PCG_PARSE_DEPTH 16
#define PCG_WRITE_DEPTH 32
#define PCG_WIPE_DEPTH 64

static void wipe_strings(struct json_object *obj, int depth)
{
    size_t i, n;
    int len;

    /* Bounded so that a (buggy) cyclic object cannot recurse forever. */
    if (obj == NULL || depth > PCG_WIPE_DEPTH)
        return;
    switch (json_object_get_type(obj)) {
    case json_type_string:
        len = json_object_get_string_len(obj);
        if (len > 0)
            pcg_wipe((void *)(uintptr_t)json_object_get_string(obj), (size_t)len);
        break;
    case json_type_object: {
        json_object_object_foreach(obj, key, val)
        {
            (void)key;
            wipe_strings(val, depth + 1);
        }
        break;
    }
    case json_type_array:
        n = json_object_array_length(obj);
        for (i = 0; i < n; i++)
            wipe_strings(json_object_array_get_idx(obj, i), depth + 1);
        break;
    default:
        break;
    }
}

void pcg_json_put_wiped(struct json_object *obj)
{
    if (obj == NULL)
        return;
    wipe_strings(obj, 0);
    json_object_put(obj);
}

/*
 * json-c's UTF-8 check lets overlong forms and surrogates through; what the
 * module may send back (a Session) must be text pcg_json_write accepts.
 */
static bool strings_valid(struct json_object *obj, int depth)
{
    size_t n;

    if (depth > PCG_PARSE_DEPTH)
        return false;
    switch (json_object_get_type(obj)) {
    case json_type_string:
        return pcg_utf8_valid(json_object_get_string(obj), (size_t)json_object_get_string_len(obj));
    case json_type_object: {
        json_object_object_foreach(obj, key, val)
        {
            if (!pcg_utf8_valid(key, strlen(key)) || !strings_valid(val, depth + 1))
                return false;
        }
        return true;
    }
    case json_type_array:
        n = json_object_array_length(obj);
        for (size_t i = 0; i < n; i++)
            if (!strings_valid(json_object_array_get_idx(obj, i), depth + 1))
                return false;
        return true;
    default:
        return true;
    }
}

static bool only_whitespace(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return false;
    }
    return true;
}

/*
 * The tokener's scratch buffer (struct json_tokener.pb, public in json-c
 * 0.15-0.17) holds copies of every string it reads.
 */
struct json_object *pcg_json_parse_object(const char *buf, size_t len)
{
    struct json_tokener *tok = NULL;
    struct json_object *obj = NULL;

    if (buf == NULL || len == 0 || len > INT_MAX - 8)
        goto out;
    tok = json_tokener_new_ex(PCG_PARSE_DEPTH);
    if (tok == NULL)
        goto out;
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    if (printbuf_memset(tok->pb, 0, 0, (int)len + 8) < 0)
        goto out;
    printbuf_reset(tok->pb);
    obj = json_tokener_parse_ex(tok, buf, (int)len);
    if (json_tokener_get_error(tok) != json_tokener_success
        || !json_object_is_type(obj, json_type_object)
        || !only_whitespace(buf + json_tokener_get_parse_end(tok),
                            len - json_tokener_get_parse_end(tok))
        || !strings_valid(obj, 0)) {
        pcg_json_put_wiped(obj);
        obj = NULL;
    }
out:
    if (tok != NULL) {
        pcg_wipe(tok->pb->buf, (size_t)tok->pb->size);
        json_tokener_free(tok);
    }
    return obj;
}

/* Counts bytes when buf is NULL (the first pass), writes them in the second. */
struct writer {
    char *buf;
    size_t cap;
    size_t len;
};

static void put(struct writer *w, const char *s, size_t n)
{
    if (w->buf != NULL && w->len <= w->cap && n <= w->cap - w->len)
        memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static enum pcg_json_write_status put_string(struct writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;

    if (!pcg_utf8_valid(s, n))
        return PCG_JSON_WRITE_UNWRITABLE;
    put(w, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        char esc[6] = { '\\', 0, 0, 0, 0, 0 };
        size_t esc_len = 2;

        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        put(w, s + run, i - run);
        run = i + 1;
        switch (ch) {
        case '"':
            esc[1] = '"';
            break;
        case '\\':
            esc[1] = '\\';
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[ch >> 4];
            esc[5] = hex[ch & 0xf];
            esc_len = 6;
            break;
        }
        put(w, esc, esc_len);
    }
    put(w, s + run, n - run);
    put(w, "\"", 1);
    return PCG_JSON_WRITE_OK;
}

static enum pcg_json_write_status put_value(struct writer *w, struct json_object *obj, int depth)
{
    enum pcg_json_write_status st = PCG_JSON_WRITE_OK;
    char number[32];
    bool first = true;
    size_t n;

    if (depth > PCG_WRITE_DEPTH)
        return PCG_JSON_WRITE_UNWRITABLE;
    switch (json_object_get_type(obj)) {
    case json_type_null:
        put(w, "null", 4);
        break;
    case json_type_boolean:
        if (json_object_get_boolean(obj))
            put(w, "true", 4);
        else
            put(w, "false", 5);
        break;
    case json_type_int:
        /* json-c keeps integers above INT64_MAX as unsigned; get_int64 clamps them. */
        if (json_object_get_int64(obj) == INT64_MAX)
            snprintf(number, sizeof(number), "%" PRIu64, json_object_get_uint64(obj));
        else
            snprintf(number, sizeof(number), "%" PRId64, json_object_get_int64(obj));
        put(w, number, strlen(number));
        break;
    case json_type_string:
        st = put_string(w, json_object_get_string(obj), (size_t)json_object_get_string_len(obj));
        break;
    case json_type_object: {
        put(w, "{", 1);
        json_object_object_foreach(obj, key, val)
        {
            if (!first)
                put(w, ",", 1);
            first = false;
            st = put_string(w, key, strlen(key));
            if (st != PCG_JSON_WRITE_OK)
                return st;
            put(w, ":", 1);
            st = put_value(w, val, depth + 1);
            if (st != PCG_JSON_WRITE_OK)
                return st;
        }
        put(w, "}", 1);
        break;
    }
    case json_type_array:
        put(w, "[", 1);
        n = json_object_array_length(obj);
        for (size_t i = 0; i < n && st == PCG_JSON_WRITE_OK; i++) {
            if (i > 0)
                put(w, ",", 1);
            st = put_value(w, json_object_array_get_idx(obj, i), depth + 1);
        }
        put(w, "]", 1);
        break;
    case json_type_double:
    default:
        return PCG_JSON_WRITE_UNWRITABLE;
    }
    return st;
}

enum pcg_json_write_status pcg_json_write(struct json_object *obj, char **out, size_t *len)
{
    struct writer w = { NULL, 0, 0 };
    enum pcg_json_write_status st;

    *out = NULL;
    *len = 0;
    st = put_value(&w, obj, 0);
    if (st != PCG_JSON_WRITE_OK)
        return st;
    w.buf = malloc(w.len + 1);
    if (w.buf == NULL)
        return PCG_JSON_WRITE_NOMEM;
    *len = w.cap = w.len;
    w.len = 0;
    st = put_value(&w, obj, 0);
    if (st != PCG_JSON_WRITE_OK || w.len != *len) {
        /* Both passes walk the same object; put() never writes beyond cap. */
        pcg_free_secret_n(w.buf, *len + 1);
        *len = 0;
        return PCG_JSON_WRITE_UNWRITABLE;
    }
    w.buf[w.len] = '\0';
    *out = w.buf;
    return PCG_JSON_WRITE_OK;
}

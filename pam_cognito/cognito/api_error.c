#include "config.h"

#include "cognito/api_error.h"

#include <limits.h>
#include <string.h>

#include <json-c/json.h>

#include "util/text.h"

/* An error body is a flat object; anything nested deeper is not worth parsing. */
#define PCG_ERROR_JSON_DEPTH 16

static int is_type_char(unsigned char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
        || ch == '_' || ch == '.';
}

/*
 * Reduces a raw error type (len bytes, need not be NUL-terminated) to its
 * short name: cut at the first ':' or ',', keep what follows the last '#',
 * drop every other character outside [A-Za-z0-9_.], cut to fit out.
 */
static void sanitize_type(const char *raw, size_t len, char *out, size_t outlen)
{
    size_t end = 0;
    size_t start = 0;
    size_t n = 0;
    size_t i;

    while (end < len && raw[end] != ':' && raw[end] != ',')
        end++;
    for (i = 0; i < end; i++) {
        if (raw[i] == '#')
            start = i + 1;
    }
    for (i = start; i < end && n + 1 < outlen; i++) {
        if (is_type_char((unsigned char)raw[i]))
            out[n++] = raw[i];
    }
    out[n] = '\0';
}

/* The string member key of obj, or NULL when absent or not a string. */
static const char *get_string_member(struct json_object *obj, const char *key, size_t *len)
{
    struct json_object *val = NULL;
    int n;

    if (!json_object_object_get_ex(obj, key, &val) || !json_object_is_type(val, json_type_string))
        return NULL;
    n = json_object_get_string_len(val);
    if (n < 0)
        return NULL;
    *len = (size_t)n;
    return json_object_get_string(val);
}

/* The message may hold embedded NULs; they are shown as '?' like other non-printables. */
static void sanitize_message(const char *raw, size_t len, char *out, size_t outlen)
{
    char tmp[PCG_ERROR_MESSAGE_MAX + 1];
    size_t n = len < sizeof(tmp) - 1 ? len : sizeof(tmp) - 1;
    size_t i;

    for (i = 0; i < n; i++)
        tmp[i] = raw[i] == '\0' ? '?' : raw[i];
    tmp[n] = '\0';
    pcg_sanitize(tmp, out, outlen);
}

static struct json_object *parse_object(const char *body, size_t len)
{
    struct json_tokener *tok = NULL;
    struct json_object *obj = NULL;

    if (body == NULL || len == 0 || len > INT_MAX)
        goto out;
    tok = json_tokener_new_ex(PCG_ERROR_JSON_DEPTH);
    if (tok == NULL)
        goto out;
    obj = json_tokener_parse_ex(tok, body, (int)len);
    if (json_tokener_get_error(tok) != json_tokener_success
        || !json_object_is_type(obj, json_type_object)) {
        json_object_put(obj);
        obj = NULL;
    }
out:
    if (tok != NULL) /* json_tokener_free(NULL) crashes in json-c 0.16 */
        json_tokener_free(tok);
    return obj;
}

void pcg_api_error_parse(const char *header, const char *body, size_t len,
                         struct pcg_api_error *err)
{
    struct json_object *obj = NULL;
    const char *val;
    size_t val_len = 0;

    if (err == NULL)
        return;
    err->type[0] = '\0';
    err->message[0] = '\0';

    if (header != NULL)
        sanitize_type(header, strlen(header), err->type, sizeof(err->type));

    obj = parse_object(body, len);
    if (obj == NULL)
        goto out;

    if (err->type[0] == '\0') {
        val = get_string_member(obj, "__type", &val_len);
        if (val == NULL)
            val = get_string_member(obj, "code", &val_len);
        if (val != NULL)
            sanitize_type(val, val_len, err->type, sizeof(err->type));
    }

    val = get_string_member(obj, "message", &val_len);
    if (val == NULL)
        val = get_string_member(obj, "Message", &val_len);
    if (val != NULL)
        sanitize_message(val, val_len, err->message, sizeof(err->message));
out:
    json_object_put(obj);
}

#include "config.h"

#include "util/name_list.h"

#include <json-c/json.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* An array of strings nests two levels at most. */
#define PCG_NAME_LIST_DEPTH 2

void pcg_name_list_free(char **names, size_t n)
{
    if (names == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static bool plausible_name(struct json_object *item)
{
    const char *s;
    int len;

    if (!json_object_is_type(item, json_type_string))
        return false;
    s = json_object_get_string(item);
    len = json_object_get_string_len(item);
    if (len < 1 || len > PCG_NAME_MAX)
        return false;
    for (int i = 0; i < len; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
            return false;
    return true;
}

static bool only_blanks(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

/* The array in text, or NULL when text is anything else. */
static struct json_object *parse_array(const char *text)
{
    struct json_tokener *tok;
    struct json_object *arr = NULL;
    size_t len = strlen(text);

    if (len > PCG_NAME_LIST_MAX_TEXT)
        return NULL;
    tok = json_tokener_new_ex(PCG_NAME_LIST_DEPTH);
    if (tok == NULL)
        return NULL;
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    arr = json_tokener_parse_ex(tok, text, (int)len);
    if (json_tokener_get_error(tok) != json_tokener_success || arr == NULL
        || !json_object_is_type(arr, json_type_array)
        || !only_blanks(text + json_tokener_get_parse_end(tok))) {
        json_object_put(arr);
        arr = NULL;
    }
    json_tokener_free(tok);
    return arr;
}

enum pcg_name_list_status pcg_name_list_parse(const char *text, size_t max_items, char ***names,
                                              size_t *n)
{
    enum pcg_name_list_status st = PCG_NAME_LIST_BAD;
    struct json_object *arr;
    char **list = NULL;
    size_t count = 0, done = 0;

    *names = NULL;
    *n = 0;
    if (text == NULL)
        return PCG_NAME_LIST_BAD;
    arr = parse_array(text);
    if (arr == NULL)
        return PCG_NAME_LIST_BAD;
    count = json_object_array_length(arr);
    for (size_t i = 0; i < count; i++)
        if (!plausible_name(json_object_array_get_idx(arr, i)))
            goto out;
    if (count > max_items) {
        st = PCG_NAME_LIST_TOO_MANY;
        goto out;
    }
    st = PCG_NAME_LIST_OK;
    if (count == 0)
        goto out;
    st = PCG_NAME_LIST_NOMEM;
    list = calloc(count, sizeof(*list));
    if (list == NULL)
        goto out;
    for (; done < count; done++) {
        list[done] = strdup(json_object_get_string(json_object_array_get_idx(arr, done)));
        if (list[done] == NULL)
            goto out;
    }
    *names = list;
    *n = count;
    list = NULL;
    st = PCG_NAME_LIST_OK;
out:
    pcg_name_list_free(list, done);
    json_object_put(arr);
    return st;
}

#include "config.h"

#include "cognito/json_util.h"

int pcg_json_add_string(struct json_object *obj, const char *key, const char *value)
{
    struct json_object *s = json_object_new_string(value);

    if (s == NULL)
        return -1;
    if (json_object_object_add(obj, key, s) != 0) {
        json_object_put(s);
        return -1;
    }
    return 0;
}

const char *pcg_json_get_string(struct json_object *obj, const char *key)
{
    struct json_object *v;

    if (obj == NULL || !json_object_object_get_ex(obj, key, &v)
        || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* Small json-c helpers for building requests and reading answers. */
#ifndef PCG_JSON_UTIL_H
#define PCG_JSON_UTIL_H

#include <json-c/json.h>

/* obj[key] = value (copied). 0, or -1 without memory. */
int pcg_json_add_string(struct json_object *obj, const char *key, const char *value);

/* obj[key] when it is a string, else NULL (also for obj == NULL). */
const char *pcg_json_get_string(struct json_object *obj, const char *key);

#endif

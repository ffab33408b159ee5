/*
 * JSON that may hold secrets (requests carry passwords and codes, answers
 * carry sessions and tokens): parsed, written and dropped so that no copy is
 * left behind in freed memory.
 */
#ifndef PCG_JSON_SECRET_H
#define PCG_JSON_SECRET_H

#include <json-c/json.h>
#include <stddef.h>

/*
 * Parses buf[0..len) as exactly one JSON object (strict JSON, every string
 * and key well-formed UTF-8 as pcg_utf8_valid says, nesting at most 16 deep,
 * only whitespace after it). NULL otherwise. The
 * parser's scratch buffer is sized up front, so it is never reallocated
 * (which would leave copies in freed memory), and wiped before it is freed.
 * Free the result with pcg_json_put_wiped.
 */
struct json_object *pcg_json_parse_object(const char *buf, size_t len);

/* Recursively overwrites every string value in obj, then drops the reference. NULL is fine. */
void pcg_json_put_wiped(struct json_object *obj);

enum pcg_json_write_status {
    PCG_JSON_WRITE_OK = 0,
    PCG_JSON_WRITE_NOMEM,
    PCG_JSON_WRITE_UNWRITABLE, /* a string that is not UTF-8, a double, nesting over 32 */
};

/*
 * Serialises obj (objects, arrays, strings, booleans, integers, null) as
 * compact JSON into one buffer allocated at its exact final size (json-c's
 * own writer grows its buffer by realloc, leaving partial copies of every
 * password it writes in freed memory). *out is NUL-terminated, *len bytes
 * long; release it with pcg_free_secret.
 */
enum pcg_json_write_status pcg_json_write(struct json_object *obj, char **out, size_t *len);

#endif

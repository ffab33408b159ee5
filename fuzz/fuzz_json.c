/*
 * JSON that may hold secrets (json_secret.c): what the strict parser accepts
 * must be written by pcg_json_write (unless it holds a double) and read back
 * as an equal object.
 */
#include "config.h"

#include "fuzz_util.h"
#include "cognito/json_secret.h"
#include "util/secure.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_object *obj = pcg_json_parse_object((const char *)data, size);
    struct json_object *back;
    enum pcg_json_write_status st;
    char *text = NULL;
    size_t len = 0;

    if (obj == NULL)
        return 0;
    st = pcg_json_write(obj, &text, &len);
    if (st == PCG_JSON_WRITE_OK) {
        if (strlen(text) != len)
            abort();
        back = pcg_json_parse_object(text, len);
        if (back == NULL || !json_object_equal(obj, back))
            abort();
        pcg_json_put_wiped(back);
        pcg_free_secret(text);
    } else if (st != PCG_JSON_WRITE_UNWRITABLE) {
        abort();
    }
    pcg_json_put_wiped(obj);
    return 0;
}

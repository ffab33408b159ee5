/*
 * Cognito error responses (api_error.c). Input: the x-amzn-ErrorType header
 * value, a newline, then the body. The type must come out as [A-Za-z0-9_.]
 * only and the message as printable ASCII.
 */
#include "config.h"

#include "cognito/api_error.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t header_len = nl != NULL ? (size_t)(nl - data) : 0;
    char *header = nl != NULL ? pcg_fuzz_string(data, header_len) : NULL;
    const uint8_t *body = nl != NULL ? nl + 1 : data;
    struct pcg_api_error err;

    pcg_api_error_parse(header, (const char *)body, size - (size_t)(body - data), &err);
    for (const char *p = err.type; *p != '\0'; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
              || *p == '_' || *p == '.'))
            abort();
    if (!pcg_fuzz_printable(err.message))
        abort();
    free(header);
    return 0;
}

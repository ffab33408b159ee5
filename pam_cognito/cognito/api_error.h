/* Cognito error responses: the error type and message, sanitised as the AWS SDKs do. */
#ifndef PCG_API_ERROR_H
#define PCG_API_ERROR_H

#include <stddef.h>

#define PCG_ERROR_TYPE_MAX 64
#define PCG_ERROR_MESSAGE_MAX 256

struct pcg_api_error {
    long http_status;                    /* 0 when no HTTP response */
    char type[PCG_ERROR_TYPE_MAX];       /* "NotAuthorizedException"; "" if none */
    char message[PCG_ERROR_MESSAGE_MAX]; /* sanitised (printable ASCII), for logs */
};

/*
 * Fills err from an error response. header is the x-amzn-ErrorType value or
 * NULL; body/len the raw body (need not be JSON, need not be NUL-terminated).
 * The type comes from the header first, else the body's "__type" (or "code");
 * it is cut at the first ':' or ','; if it contains '#', what follows the last
 * '#' is kept. Only [A-Za-z0-9_.] survive; too long is cut. The message comes
 * from the body's "message" (or "Message"), sanitised with pcg_sanitize.
 * Never fails: unknown shapes give type "" and/or message "".
 */
void pcg_api_error_parse(const char *header, const char *body, size_t len,
                         struct pcg_api_error *err);

#endif

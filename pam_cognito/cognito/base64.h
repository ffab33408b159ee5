/*
 * Strict base64 decoding (RFC 4648) of what Cognito sends: SRP's
 * SECRET_BLOCK in the standard alphabet, padded (section 4), and the ID
 * token's parts in base64url without padding, as JWTs write them (RFC 7515
 * section 2). Only the canonical form is taken: no whitespace, no '='
 * inside, no stray bits in the last character (section 3.5).
 */
#ifndef PCG_BASE64_H
#define PCG_BASE64_H

#include <stddef.h>

enum pcg_base64_alphabet {
    PCG_BASE64_STANDARD, /* A-Z a-z 0-9 + /, padded with '=' to a multiple of 4 */
    PCG_BASE64_URL,      /* A-Z a-z 0-9 - _, never padded */
};

enum pcg_base64_status {
    PCG_BASE64_OK = 0,
    PCG_BASE64_BAD_INPUT, /* empty, longer than max_len, or not canonical base64 */
    PCG_BASE64_NOMEM,
};

/*
 * Decodes in[0..len) (max_len characters at most). On PCG_BASE64_OK *out is
 * a new buffer (free()) of *outlen bytes and a NUL after them; otherwise
 * *out is NULL.
 */
enum pcg_base64_status pcg_base64_decode(const char *in, size_t len, size_t max_len,
                                         enum pcg_base64_alphabet alphabet, unsigned char **out,
                                         size_t *outlen);

#endif

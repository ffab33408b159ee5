/* SECRET_HASH = Base64(HMAC-SHA256(client secret, username || client id)). */
#ifndef PCG_SECRET_HASH_H
#define PCG_SECRET_HASH_H

#include <stddef.h>

#define PCG_SECRET_HASH_LEN 45 /* 44 base64 characters + NUL */

/* Writes the NUL-terminated hash into out (outlen >= PCG_SECRET_HASH_LEN). 0 on success, -1 on error. */
int pcg_secret_hash(const char *client_secret, const char *username, const char *client_id,
                    char *out, size_t outlen);

#endif

#include "config.h"

#include "util/secure.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

void pcg_wipe(void *p, size_t n)
{
    if (p != NULL && n > 0)
        OPENSSL_cleanse(p, n);
}

void pcg_free_secret(char *s)
{
    if (s == NULL)
        return;
    pcg_wipe(s, strlen(s));
    free(s);
}

void pcg_free_secret_n(void *p, size_t n)
{
    if (p == NULL)
        return;
    pcg_wipe(p, n);
    free(p);
}

char *pcg_strdup_secret(const char *s)
{
    return s == NULL ? NULL : strdup(s);
}

char *pcg_strndup_secret(const char *s, size_t n)
{
    return s == NULL ? NULL : strndup(s, n);
}

int pcg_memeq_ct(const void *a, const void *b, size_t n)
{
    return CRYPTO_memcmp(a, b, n);
}

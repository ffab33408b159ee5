#include "config.h"

#include "mfa_code.h"

#include "secure.h"

bool pcg_mfa_code_normalize(const char *typed, char *out, size_t outlen)
{
    size_t n = 0;

    if (out == NULL || outlen < PCG_CODE_DIGITS + 1)
        return false;
    if (typed == NULL)
        goto bad;
    for (const char *p = typed; *p != '\0'; p++) {
        if (*p == ' ' || *p == '\t' || *p == '-')
            continue;
        if (*p < '0' || *p > '9' || n == PCG_CODE_DIGITS)
            goto bad;
        out[n++] = *p;
    }
    if (n != PCG_CODE_DIGITS)
        goto bad;
    out[n] = '\0';
    return true;
bad:
    pcg_wipe(out, outlen);
    out[0] = '\0';
    return false;
}

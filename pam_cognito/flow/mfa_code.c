#include "config.h"

#include "flow/mfa_code.h"

#include "util/secure.h"

bool pcg_code_normalize(const char *typed, int min_digits, int max_digits, char *out, size_t outlen)
{
    size_t n = 0;

    if (out == NULL || outlen == 0)
        return false;
    if (typed == NULL || min_digits < 1 || max_digits < min_digits
        || outlen < (size_t)max_digits + 1)
        goto bad;
    for (const char *p = typed; *p != '\0'; p++) {
        if (*p == ' ' || *p == '\t' || *p == '-')
            continue;
        if (*p < '0' || *p > '9' || n == (size_t)max_digits)
            goto bad;
        out[n++] = *p;
    }
    if (n < (size_t)min_digits)
        goto bad;
    out[n] = '\0';
    return true;
bad:
    pcg_wipe(out, outlen);
    out[0] = '\0';
    return false;
}

bool pcg_mfa_code_normalize(const char *typed, char *out, size_t outlen)
{
    return pcg_code_normalize(typed, PCG_CODE_DIGITS, PCG_CODE_DIGITS, out, outlen);
}

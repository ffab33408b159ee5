#include "config.h"

#include "flow/single_prompt.h"

#include <string.h>

#include "flow/mfa_code.h"
#include "util/secure.h"

bool pcg_split_password_code(const char *answer, char **password, char *code, size_t outlen)
{
    size_t n;

    *password = NULL;
    if (answer == NULL || code == NULL || outlen < PCG_CODE_DIGITS + 1)
        return false;
    n = strlen(answer);
    while (n > 0 && (answer[n - 1] == ' ' || answer[n - 1] == '\t'))
        n--;
    if (n <= PCG_CODE_DIGITS)
        goto bad;
    for (size_t i = n - PCG_CODE_DIGITS; i < n; i++)
        if (answer[i] < '0' || answer[i] > '9')
            goto bad;
    memcpy(code, answer + n - PCG_CODE_DIGITS, PCG_CODE_DIGITS);
    code[PCG_CODE_DIGITS] = '\0';
    *password = pcg_strndup_secret(answer, n - PCG_CODE_DIGITS);
    if (*password == NULL)
        goto bad;
    return true;
bad:
    pcg_wipe(code, outlen);
    return false;
}

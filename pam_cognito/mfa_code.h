/* One-time codes as people type them. */
#ifndef PCG_MFA_CODE_H
#define PCG_MFA_CODE_H

#include <stdbool.h>
#include <stddef.h>

#define PCG_CODE_DIGITS 6

/*
 * Drops spaces, tabs and dashes from typed and checks that exactly six ASCII
 * digits remain; writes them NUL-terminated to out (outlen >= 7). Returns
 * true when the code has the right shape. out is wiped when it has not.
 */
bool pcg_mfa_code_normalize(const char *typed, char *out, size_t outlen);

#endif

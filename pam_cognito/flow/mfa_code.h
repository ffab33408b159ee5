/* One-time codes as people type them. */
#ifndef PCG_MFA_CODE_H
#define PCG_MFA_CODE_H

#include <stdbool.h>
#include <stddef.h>

#define PCG_CODE_DIGITS 6     /* TOTP codes */
#define PCG_CODE_MAX_DIGITS 8 /* SMS and email codes can be longer (EMAIL_OTP: 8) */

/*
 * Drops spaces, tabs and dashes from typed and checks that min_digits to
 * max_digits ASCII digits remain; writes them NUL-terminated to out (outlen >
 * max_digits). Returns true when the code has the right shape. out is wiped
 * when it has not.
 */
bool pcg_code_normalize(const char *typed, int min_digits, int max_digits, char *out,
                        size_t outlen);

/* pcg_code_normalize for exactly six digits (outlen >= 7). */
bool pcg_mfa_code_normalize(const char *typed, char *out, size_t outlen);

#endif

/* single_prompt: the password and the 6-digit code typed as one answer. */
#ifndef PCG_SINGLE_PROMPT_H
#define PCG_SINGLE_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Splits answer ("password" followed by six digits, trailing blanks ignored)
 * into *password (malloc'd, for pcg_free_secret) and code (outlen >= 7).
 * False, with nothing allocated and code wiped, when the answer does not end
 * in six digits or leaves an empty password.
 */
bool pcg_split_password_code(const char *answer, char **password, char *code, size_t outlen);

#endif

/*
 * Linux names for Cognito users and groups: the value the module maps a
 * Cognito user to (username or username_attribute), lower-cased and checked
 * against ^[a-z_][a-z0-9_-]{0,30}$. A name that does not fit is refused with a
 * reason, never truncated or rewritten otherwise.
 */
#ifndef PCG_LINUX_NAME_H
#define PCG_LINUX_NAME_H

#include <stdbool.h>

#define PCG_LINUX_NAME_MAX 31 /* longest name accepted, in bytes */
#define PCG_LINUX_NAME_SIZE (PCG_LINUX_NAME_MAX + 1)

enum pcg_linux_name_status {
    PCG_LINUX_NAME_OK = 0,
    PCG_LINUX_NAME_EMPTY,      /* "" or NULL */
    PCG_LINUX_NAME_TOO_LONG,   /* more than PCG_LINUX_NAME_MAX bytes */
    PCG_LINUX_NAME_ALL_DIGITS, /* "1234": would read as a uid */
    PCG_LINUX_NAME_BAD_FIRST,  /* first character not a letter or '_' */
    PCG_LINUX_NAME_BAD_CHAR,   /* a character outside [a-z0-9_-] (after lower-casing) */
};

/*
 * Maps value to its Linux name: ASCII upper case becomes lower case, nothing
 * else changes. On PCG_LINUX_NAME_OK out holds the name; on any other status
 * out is "" (never a partial name).
 */
enum pcg_linux_name_status pcg_linux_name_map(const char *value, char out[PCG_LINUX_NAME_SIZE]);

/* True when name already is a valid Linux name (lower case, as written to the files). */
bool pcg_linux_name_valid(const char *name);

/* A short English reason for status, for the log ("has a character outside a-z 0-9 _ -"). */
const char *pcg_linux_name_reason(enum pcg_linux_name_status status);

#endif

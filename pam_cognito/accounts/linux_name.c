#include "config.h"

#include "accounts/linux_name.h"

#include <string.h>

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

enum pcg_linux_name_status pcg_linux_name_map(const char *value, char out[PCG_LINUX_NAME_SIZE])
{
    size_t len, i;
    bool digits_only = true;

    out[0] = '\0';
    if (value == NULL || value[0] == '\0')
        return PCG_LINUX_NAME_EMPTY;
    len = strlen(value);
    if (len > PCG_LINUX_NAME_MAX)
        return PCG_LINUX_NAME_TOO_LONG;
    for (i = 0; i < len; i++) {
        char c = lower(value[i]);

        if (!is_digit(c))
            digits_only = false;
        if (!is_lower(c) && !is_digit(c) && c != '_' && c != '-')
            return PCG_LINUX_NAME_BAD_CHAR;
    }
    if (digits_only)
        return PCG_LINUX_NAME_ALL_DIGITS;
    if (!is_lower(lower(value[0])) && value[0] != '_')
        return PCG_LINUX_NAME_BAD_FIRST;
    for (i = 0; i < len; i++)
        out[i] = lower(value[i]);
    out[len] = '\0';
    return PCG_LINUX_NAME_OK;
}

bool pcg_linux_name_valid(const char *name)
{
    char mapped[PCG_LINUX_NAME_SIZE];

    return pcg_linux_name_map(name, mapped) == PCG_LINUX_NAME_OK && strcmp(mapped, name) == 0;
}

const char *pcg_linux_name_reason(enum pcg_linux_name_status status)
{
    switch (status) {
    case PCG_LINUX_NAME_OK:
        return "valid";
    case PCG_LINUX_NAME_EMPTY:
        return "is empty";
    case PCG_LINUX_NAME_TOO_LONG:
        return "is longer than 31 characters";
    case PCG_LINUX_NAME_ALL_DIGITS:
        return "is all digits";
    case PCG_LINUX_NAME_BAD_FIRST:
        return "does not start with a letter or '_'";
    case PCG_LINUX_NAME_BAD_CHAR:
        return "has a character outside a-z 0-9 _ -";
    }
    return "is not a valid name";
}

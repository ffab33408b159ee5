/* Helpers shared by the libFuzzer targets. */
#ifndef PCG_FUZZ_UTIL_H
#define PCG_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of data[0..size) (NULs inside stay: C sees a prefix). */
static inline char *pcg_fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (s == NULL)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* True when s holds only printable ASCII: what may reach a log line or a terminal. */
static inline bool pcg_fuzz_printable(const char *s)
{
    for (; *s != '\0'; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return false;
    return true;
}

#endif

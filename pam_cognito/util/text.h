/* Making untrusted text safe for logs and terminals. */
#ifndef PCG_TEXT_H
#define PCG_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Copies at most outlen-1 bytes of in to out, replacing every byte that is
 * not printable ASCII (0x20..0x7e) by '?', and NUL-terminates. Marks a cut
 * with "..." at the end. in == NULL gives "(null)". Returns out.
 */
char *pcg_sanitize(const char *in, char *out, size_t outlen);

/* True when s[0..len) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF). NUL bytes count as valid. */
bool pcg_utf8_valid(const char *s, size_t len);

/* The number of characters (code points) of the well-formed UTF-8 string s. */
size_t pcg_utf8_length(const char *s);

/* True when s (well-formed UTF-8) holds a C1 control character, U+0080 to U+009F. */
bool pcg_utf8_has_c1_control(const char *s);

#endif

/* Making untrusted text safe for logs and terminals. */
#ifndef PCG_TEXT_H
#define PCG_TEXT_H

#include <stddef.h>

/*
 * Copies at most outlen-1 bytes of in to out, replacing every byte that is
 * not printable ASCII (0x20..0x7e) by '?', and NUL-terminates. Marks a cut
 * with "..." at the end. in == NULL gives "(null)". Returns out.
 */
char *pcg_sanitize(const char *in, char *out, size_t outlen);

#endif

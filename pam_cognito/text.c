#include "config.h"

#include "text.h"

#include <string.h>

char *pcg_sanitize(const char *in, char *out, size_t outlen)
{
    static const char cut[] = "...";
    size_t i = 0;

    if (out == NULL || outlen == 0)
        return out;
    if (in == NULL)
        in = "(null)";
    for (; in[i] != '\0' && i + 1 < outlen; i++) {
        unsigned char ch = (unsigned char)in[i];
        out[i] = (ch >= 0x20 && ch <= 0x7e) ? (char)ch : '?';
    }
    out[i] = '\0';
    if (in[i] != '\0' && outlen > sizeof(cut))
        memcpy(out + outlen - sizeof(cut), cut, sizeof(cut));
    return out;
}

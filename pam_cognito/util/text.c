#include "config.h"

#include "util/text.h"

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

bool pcg_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned char c = p[i];
        size_t need;
        unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            if (c == 0xe0)
                lo = 0xa0; /* overlong */
            else if (c == 0xed)
                hi = 0x9f; /* surrogates */
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            if (c == 0xf0)
                lo = 0x90; /* overlong */
            else if (c == 0xf4)
                hi = 0x8f; /* above U+10FFFF */
        } else {
            return false;
        }
        if (len - i - 1 < need || p[i + 1] < lo || p[i + 1] > hi)
            return false;
        for (size_t k = 2; k <= need; k++)
            if (p[i + k] < 0x80 || p[i + k] > 0xbf)
                return false;
        i += need + 1;
    }
    return true;
}

size_t pcg_utf8_length(const char *s)
{
    size_t n = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
        n += (*p & 0xc0) != 0x80; /* every byte but a continuation byte starts one */
    return n;
}

bool pcg_utf8_has_c1_control(const char *s)
{
    /* U+0080..U+009F are C2 80..C2 9F in UTF-8. */
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return true;
    return false;
}

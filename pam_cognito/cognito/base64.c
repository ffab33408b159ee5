#include "config.h"

#include "cognito/base64.h"

#include <stdint.h>
#include <stdlib.h>

static int digit_value(char c, enum pcg_base64_alphabet alphabet)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == (alphabet == PCG_BASE64_URL ? '-' : '+'))
        return 62;
    if (c == (alphabet == PCG_BASE64_URL ? '_' : '/'))
        return 63;
    return -1;
}

/* The number of characters before the padding, or 0 when the length cannot be right. */
static size_t digits_of(const char *in, size_t len, enum pcg_base64_alphabet alphabet)
{
    size_t digits = len;

    if (alphabet == PCG_BASE64_URL)
        return len % 4 == 1 ? 0 : len;
    if (len % 4 != 0)
        return 0;
    while (digits > len - 2 && in[digits - 1] == '=')
        digits--;
    return digits;
}

enum pcg_base64_status pcg_base64_decode(const char *in, size_t len, size_t max_len,
                                         enum pcg_base64_alphabet alphabet, unsigned char **out,
                                         size_t *outlen)
{
    unsigned char *buf;
    size_t digits, n = 0;
    uint32_t acc = 0;
    unsigned bits = 0;

    *out = NULL;
    *outlen = 0;
    if (in == NULL || len == 0 || len > max_len || (digits = digits_of(in, len, alphabet)) == 0)
        return PCG_BASE64_BAD_INPUT;
    buf = malloc(digits / 4 * 3 + 2 + 1);
    if (buf == NULL)
        return PCG_BASE64_NOMEM;
    for (size_t i = 0; i < digits; i++) {
        int v = digit_value(in[i], alphabet);

        if (v < 0)
            goto bad;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf[n++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    if (acc != 0)
        goto bad;
    buf[n] = '\0';
    *out = buf;
    *outlen = n;
    return PCG_BASE64_OK;
bad:
    free(buf);
    return PCG_BASE64_BAD_INPUT;
}

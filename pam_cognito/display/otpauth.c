#include "config.h"

#include "display/otpauth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/secure.h"

#define PCG_SECRET_GROUP 4

bool pcg_totp_secret_valid(const char *secret)
{
    size_t n;

    if (secret == NULL)
        return false;
    n = strspn(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    return secret[n] == '\0' && n >= PCG_TOTP_SECRET_MIN && n <= PCG_TOTP_SECRET_MAX;
}

static bool unreserved(unsigned char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
        || ch == '-' || ch == '.' || ch == '_' || ch == '~';
}

char *pcg_uri_encode(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(s);
    char *out = malloc(3 * len + 1), *p = out;

    if (out == NULL)
        return NULL;
    for (const unsigned char *in = (const unsigned char *)s; *in != '\0'; in++) {
        if (unreserved(*in)) {
            *p++ = (char)*in;
        } else {
            *p++ = '%';
            *p++ = hex[*in >> 4];
            *p++ = hex[*in & 0x0f];
        }
    }
    *p = '\0';
    return out;
}

char *pcg_otpauth_uri(const char *issuer, const char *account, const char *secret)
{
    static const char format[] = "otpauth://totp/%s:%s?secret=%s&issuer=%s";
    char *enc_issuer = NULL, *enc_account = NULL, *uri = NULL;
    size_t len;

    if (issuer == NULL || account == NULL || !pcg_totp_secret_valid(secret))
        goto out;
    enc_issuer = pcg_uri_encode(issuer);
    enc_account = pcg_uri_encode(account);
    if (enc_issuer == NULL || enc_account == NULL)
        goto out;
    len = sizeof(format) + 2 * strlen(enc_issuer) + strlen(enc_account) + strlen(secret);
    uri = malloc(len);
    if (uri != NULL)
        snprintf(uri, len, format, enc_issuer, enc_account, secret, enc_issuer);
out:
    free(enc_issuer);
    free(enc_account);
    return uri;
}

char *pcg_secret_grouped(const char *secret)
{
    size_t n = strlen(secret);
    char *out = malloc(n + n / PCG_SECRET_GROUP + 1), *p = out;

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i % PCG_SECRET_GROUP == 0)
            *p++ = ' ';
        *p++ = secret[i];
    }
    *p = '\0';
    return out;
}

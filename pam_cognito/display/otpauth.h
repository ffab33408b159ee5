/*
 * The otpauth:// key URI an authenticator app reads (Google's Key Uri Format),
 * and the checks on the secret Cognito sends for it.
 */
#ifndef PCG_OTPAUTH_H
#define PCG_OTPAUTH_H

#include <stdbool.h>

/* Cognito's SecretCode is 32 base32 characters; anything far from that is refused. */
#define PCG_TOTP_SECRET_MIN 16
#define PCG_TOTP_SECRET_MAX 128

/* True when secret is PCG_TOTP_SECRET_MIN..MAX characters of [A-Z2-7] (base32, no padding). */
bool pcg_totp_secret_valid(const char *secret);

/*
 * RFC 3986 percent-encoding: the unreserved characters A-Z a-z 0-9 - . _ ~
 * stay, every other byte becomes %XX (upper-case hex). The result is
 * printable ASCII whatever the input. malloc'd, NULL without memory.
 */
char *pcg_uri_encode(const char *s);

/*
 * otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer} with
 * issuer and account percent-encoded; secret must pass pcg_totp_secret_valid.
 * The result holds the secret: free it with pcg_free_secret. NULL on bad
 * input or without memory.
 */
char *pcg_otpauth_uri(const char *issuer, const char *account, const char *secret);

/*
 * The secret in groups of four separated by spaces ("ABCD EFGH IJ"), for
 * typing by hand. Free with pcg_free_secret. NULL without memory.
 */
char *pcg_secret_grouped(const char *secret);

#endif

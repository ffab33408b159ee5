/*
 * What the person sees when an authenticator app is set up: one text, shown
 * as a single informational message right before the first code prompt (sshd
 * keyboard-interactive shows it together with that prompt).
 */
#ifndef PCG_ENROLL_DISPLAY_H
#define PCG_ENROLL_DISPLAY_H

#include <stdbool.h>

/*
 * An instruction line, the QR code of the otpauth URI (when qr is set and
 * the build has libqrencode), the secret in groups of four, and the URI.
 * issuer and account are percent-encoded into the URI and shown nowhere
 * else, so any bytes are safe; secret must pass pcg_totp_secret_valid. The
 * text holds the secret: free it with pcg_free_secret. NULL on a bad secret
 * or without memory.
 */
char *pcg_enroll_display(const char *issuer, const char *account, const char *secret, bool qr);

#endif

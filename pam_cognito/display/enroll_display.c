#include "config.h"

#include "display/enroll_display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display/otpauth.h"
#include "display/qr_text.h"
#include "util/secure.h"

#define INSTRUCTION_QR \
    "Add this account to your authenticator app: scan the QR code, or type the secret key.\n"
#define INSTRUCTION_TEXT \
    "Add this account to your authenticator app: type the secret key, or open the key URI.\n"

char *pcg_enroll_display(const char *issuer, const char *account, const char *secret, bool qr)
{
    static const char format[] = "%s%sSecret key: %s\nKey URI: %s";
    char *uri = NULL, *grouped = NULL, *drawing = NULL, *text = NULL;
    const char *instruction;
    size_t len;

    uri = pcg_otpauth_uri(issuer, account, secret);
    grouped = uri != NULL ? pcg_secret_grouped(secret) : NULL;
    if (grouped == NULL)
        goto out;
    if (qr)
        drawing = pcg_qr_text(uri);
    instruction = drawing != NULL ? INSTRUCTION_QR : INSTRUCTION_TEXT;
    len = sizeof(format) + strlen(instruction) + (drawing != NULL ? strlen(drawing) : 0)
        + strlen(grouped) + strlen(uri);
    text = malloc(len);
    if (text != NULL)
        snprintf(text, len, format, instruction, drawing != NULL ? drawing : "", grouped, uri);
out:
    pcg_free_secret(uri);
    pcg_free_secret(grouped);
    pcg_free_secret(drawing);
    return text;
}

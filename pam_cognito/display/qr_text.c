#include "config.h"

#include "display/qr_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_QRENCODE
#include <dlfcn.h>
#include <pthread.h>
#include <qrencode.h>
#endif

#include "util/secure.h"

#define GLYPH_BYTES 3 /* each glyph is 3 bytes of UTF-8; a space is 1 */

/* Whether the cell at (x, y) of the bordered picture is drawn (a light module). */
static bool drawn(const unsigned char *modules, int width, int x, int y)
{
    int total = width + 2 * PCG_QR_QUIET;
    int mx = x - PCG_QR_QUIET, my = y - PCG_QR_QUIET;

    if (y >= total)
        return false; /* below the picture: the terminal's own background */
    if (mx < 0 || my < 0 || mx >= width || my >= width)
        return true; /* quiet zone */
    return (modules[(size_t)my * (size_t)width + (size_t)mx] & 1) == 0;
}

char *pcg_qr_render(const unsigned char *modules, int width)
{
    static const char full[] = "\xe2\x96\x88", upper[] = "\xe2\x96\x80", lower[] = "\xe2\x96\x84";
    int total = width + 2 * PCG_QR_QUIET;
    int lines = (total + 1) / 2;
    char *out, *p;

    if (width <= 0 || width > 177) /* version 40 is the largest QR code */
        return NULL;
    out = malloc((size_t)lines * ((size_t)total * GLYPH_BYTES + 1) + 1);
    if (out == NULL)
        return NULL;
    p = out;
    for (int line = 0; line < lines; line++) {
        for (int x = 0; x < total; x++) {
            bool top = drawn(modules, width, x, 2 * line);
            bool bottom = drawn(modules, width, x, 2 * line + 1);
            const char *glyph = top ? (bottom ? full : upper) : (bottom ? lower : NULL);

            if (glyph == NULL) {
                *p++ = ' ';
            } else {
                memcpy(p, glyph, GLYPH_BYTES);
                p += GLYPH_BYTES;
            }
        }
        *p++ = '\n';
    }
    *p = '\0';
    return out;
}

#ifdef HAVE_QRENCODE
/*
 * libqrencode is loaded when the first QR code is drawn, not with the module:
 * nearly every login draws none, and a library loaded with the module costs
 * each one its mapping, relocations and page faults. Never unloaded.
 */
static QRcode *(*encode_string)(const char *, int, QRecLevel, QRencodeMode, int);
static void (*qrcode_free)(QRcode *);
static pthread_once_t qrencode_once = PTHREAD_ONCE_INIT;

static void load_qrencode(void)
{
    void *lib = dlopen(PCG_QRENCODE_SONAME, RTLD_NOW | RTLD_LOCAL);

    if (lib == NULL)
        return;
    *(void **)&encode_string = dlsym(lib, "QRcode_encodeString");
    *(void **)&qrcode_free = dlsym(lib, "QRcode_free");
    if (encode_string == NULL || qrcode_free == NULL)
        encode_string = NULL;
}

char *pcg_qr_text(const char *text)
{
    QRcode *qr;
    char *drawing;

    if (pthread_once(&qrencode_once, load_qrencode) != 0 || encode_string == NULL)
        return NULL;
    qr = encode_string(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
    if (qr == NULL)
        return NULL;
    drawing = pcg_qr_render(qr->data, qr->width);
    pcg_wipe(qr->data, (size_t)qr->width * (size_t)qr->width);
    qrcode_free(qr);
    return drawing;
}
#else
char *pcg_qr_text(const char *text)
{
    return NULL;
}
#endif

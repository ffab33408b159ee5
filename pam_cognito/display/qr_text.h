/*
 * A QR code drawn with Unicode half blocks, two module rows per text line.
 *
 * Polarity: light modules (and the quiet zone) are drawn with block
 * characters in the terminal's text colour, dark modules are left as spaces
 * in its background colour. On the usual light-on-dark terminal (sshd
 * sessions in most terminal emulators) that is the correct dark-on-light
 * code, and the drawn quiet zone separates it from the dark surroundings. On
 * a dark-on-light terminal the code appears inverted, which most
 * authenticator apps still read; the secret key is printed as text anyway.
 */
#ifndef PCG_QR_TEXT_H
#define PCG_QR_TEXT_H

/* Light modules drawn around the code: the QR standard asks 4, terminals are small. */
#define PCG_QR_QUIET 2

/*
 * Draws a width x width module matrix (one byte per module, bit 0 set = dark,
 * as libqrencode lays it out) with a PCG_QR_QUIET border: ceil((width +
 * 2 * quiet) / 2) lines of width + 2 * quiet characters out of U+2588 U+2580
 * U+2584 and space, each line ending in '\n'. malloc'd (it encodes whatever
 * the matrix encodes: free with pcg_free_secret); NULL for an impossible
 * width or without memory.
 */
char *pcg_qr_render(const unsigned char *modules, int width);

/*
 * Encodes text as a QR code (error correction level L, to stay small) and
 * draws it with pcg_qr_render. NULL when built without libqrencode, when the
 * text does not fit, or without memory. Free with pcg_free_secret.
 */
char *pcg_qr_text(const char *text);

#endif

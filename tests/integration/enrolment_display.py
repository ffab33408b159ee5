"""Reads the enrolment display (secret, key URI, QR drawing) out of a message,
and turns the drawn QR back into an image that zbarimg decodes."""
import os
import struct
import subprocess
import tempfile
import zlib

QR_GLYPHS = set("\u2588\u2580\u2584 ")


class Display:
    def __init__(self, text):
        self.text = text
        lines = text.split("\n")
        self.secret = self.grouped = self.uri = None
        for line in lines:
            if line.startswith("Secret key: "):
                self.grouped = line[len("Secret key: "):]
                self.secret = self.grouped.replace(" ", "")
            elif line.startswith("Key URI: "):
                self.uri = line[len("Key URI: "):]
        self.qr = [l for l in lines if l and set(l) <= QR_GLYPHS and set(l) & QR_GLYPHS - {" "}]

    @staticmethod
    def find(messages):
        """The last message holding an enrolment display, or None."""
        for text in reversed(messages):
            if "Secret key: " in text:
                return Display(text)
        return None


def _png(pixels, path):
    """Writes rows of 0/255 grey values as an 8-bit greyscale PNG (zlib, no PIL needed)."""
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        crc = zlib.crc32(body) & 0xffffffff
        return struct.pack(">I", len(data)) + body + struct.pack(">I", crc)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw)))
        f.write(chunk(b"IEND", b""))


def render(qr_lines, scale=6, margin=4, text_light=True):
    """The picture a terminal shows: glyph halves in the text colour, the rest in the
    background colour, with more background around. text_light: a light-on-dark terminal."""
    text, background = (255, 0) if text_light else (0, 255)
    width = max(len(l) for l in qr_lines)
    modules = []
    for line in qr_lines:
        line = line.ljust(width)
        modules.append([c in "\u2588\u2580" for c in line])
        modules.append([c in "\u2588\u2584" for c in line])
    cols = width + 2 * margin
    blank = [background] * (cols * scale)
    pixels = [blank] * (margin * scale)
    for row in modules:
        line = [background] * (margin * scale)
        for drawn in row:
            line += [text if drawn else background] * scale
        line += [background] * (margin * scale)
        pixels += [line] * scale
    pixels += [blank] * (margin * scale)
    return pixels


def decode_qr(qr_lines, text_light=True):
    """What zbarimg reads from the rendered drawing ('' when it finds no code)."""
    fd, path = tempfile.mkstemp(suffix=".png")
    os.close(fd)
    try:
        _png(render(qr_lines, text_light=text_light), path)
        out = subprocess.run(["zbarimg", "--raw", "-q", path], capture_output=True)
        return out.stdout.decode("utf-8", "replace").rstrip("\n")
    finally:
        os.unlink(path)

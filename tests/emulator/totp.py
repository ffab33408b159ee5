"""RFC 4226 HOTP and RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as Cognito uses them."""

import base64
import hashlib
import hmac
import secrets
import struct

STEP = 30
DIGITS = 6


def decode_secret(secret: str) -> bytes:
    s = secret.strip().replace(" ", "").upper()
    return base64.b32decode(s + "=" * (-len(s) % 8))


def hotp(key: bytes, counter: int) -> str:
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** DIGITS).zfill(DIGITS)


def time_step(now: float) -> int:
    return int(now) // STEP


def code_at(secret: str, now: float) -> str:
    return hotp(decode_secret(secret), time_step(now))


def matching_step(secret: str, code: str, now: float, window: int = 1) -> int | None:
    """The time step whose code equals `code`, looking `window` steps either side."""
    if len(code) != DIGITS or not code.isdigit():
        return None
    key = decode_secret(secret)
    current = time_step(now)
    for step in range(current - window, current + window + 1):
        if hmac.compare_digest(hotp(key, step), code):
            return step
    return None


def new_secret() -> str:
    """32 base32 characters (160 bits), no padding, like Cognito's SecretCode."""
    return base64.b32encode(secrets.token_bytes(20)).decode()

"""Server side of Cognito's SRP-6a variant (what amazon-cognito-identity-js talks to).

Numbers travel as hex. Cognito hashes "padded" hex: the big-endian bytes of a
non-negative number, with a 00 byte in front when the top bit is set (Java
BigInteger's two's complement form). Every hash below goes through pad().
"""

import base64
import hashlib
import hmac
import secrets

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33"
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864"
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)  # RFC 5054 / RFC 3526 3072-bit group
G = 2
INFO = b"Caldera Derived Key"


def pad(n: int) -> bytes:
    """Big-endian bytes of n >= 0, with a leading 00 when the top bit is set."""
    raw = n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")
    return b"\x00" + raw if raw[0] & 0x80 else raw


def sha256(*parts: bytes) -> bytes:
    return hashlib.sha256(b"".join(parts)).digest()


def to_int(b: bytes) -> int:
    return int.from_bytes(b, "big")


K_MULT = to_int(sha256(pad(N), pad(G)))


def pool_name(pool_id: str) -> str:
    return pool_id.split("_", 1)[1] if "_" in pool_id else pool_id


def private_x(pool_id: str, user_id: str, password: str, salt: int) -> int:
    inner = sha256(f"{pool_name(pool_id)}{user_id}:{password}".encode())
    return to_int(sha256(pad(salt), inner))


def new_verifier(pool_id: str, user_id: str, password: str) -> tuple[str, int]:
    """Fresh salt (hex, as Cognito sends it) and verifier v = g^x mod N."""
    salt = to_int(secrets.token_bytes(16)) or 1
    return format(salt, "x"), pow(G, private_x(pool_id, user_id, password, salt), N)


def password_matches(pool_id: str, user_id: str, password: str, salt_hex: str, v: int) -> bool:
    """USER_PASSWORD_AUTH check against the stored verifier (no plaintext kept)."""
    x = private_x(pool_id, user_id, password, int(salt_hex, 16))
    return hmac.compare_digest(pad(pow(G, x, N)), pad(v))


def server_ephemeral(v: int) -> tuple[int, int]:
    """Returns (b, B) with B = (k*v + g^b) mod N, B != 0 mod N."""
    while True:
        b = secrets.randbits(256)  # plenty for a test server, 4x faster than 1024 bits
        B = (K_MULT * v + pow(G, b, N)) % N
        if b and B:
            return b, B


def session_key(A: int, B: int, b: int, v: int) -> bytes | None:
    """The 16-byte key K both sides derive; None when u == 0."""
    u = to_int(sha256(pad(A), pad(B)))
    if u == 0:
        return None
    S = pow(A * pow(v, u, N) % N, b, N)
    prk = hmac.new(pad(u), pad(S), hashlib.sha256).digest()
    return hmac.new(prk, INFO + b"\x01", hashlib.sha256).digest()[:16]


def claim_signature(key: bytes, pool_id: str, user_id: str, secret_block: bytes, timestamp: str) -> bytes:
    msg = pool_name(pool_id).encode() + user_id.encode() + secret_block + timestamp.encode()
    return hmac.new(key, msg, hashlib.sha256).digest()


def signature_matches(expected: bytes, claimed_b64: str) -> bool:
    try:
        claimed = base64.b64decode(claimed_b64, validate=True)
    except ValueError:
        return False
    return hmac.compare_digest(expected, claimed)

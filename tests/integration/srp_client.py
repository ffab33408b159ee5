"""A small USER_SRP_AUTH client (Cognito's SRP-6a variant) for tests that drive the emulator's API.

Written from the protocol notes, independently of the emulator's server side
(tests/emulator/srp.py), so that an answer it builds is one a real client
would send. amazon-cognito-identity-js (test_reference_client.py) is the
authority on the math; this client is for shaping the requests around it.
"""
import base64
import hashlib
import hmac
import secrets
import time

# RFC 5054 / RFC 3526 3072-bit group, g = 2
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
)
G = 2
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _padded(n):
    raw = n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")
    return b"\x00" + raw if raw[0] & 0x80 else raw


def _h(*parts):
    return hashlib.sha256(b"".join(parts)).digest()


def _int(b):
    return int.from_bytes(b, "big")


def timestamp(when=None):
    """`EEE MMM d HH:mm:ss UTC yyyy`, English names, day not padded."""
    t = time.gmtime(when)
    return "%s %s %d %02d:%02d:%02d UTC %d" % (DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday,
                                              t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


class SrpClient:
    def __init__(self, pool_id):
        self.pool_name = pool_id.split("_", 1)[1]
        self.a = secrets.randbits(1024)
        self.A = pow(G, self.a, N)

    @property
    def srp_a(self):
        return format(self.A, "x")

    def answer(self, params, password, when=None):
        """ChallengeResponses (without USERNAME) for a PASSWORD_VERIFIER's ChallengeParameters."""
        user_id = params["USER_ID_FOR_SRP"]
        B = int(params["SRP_B"], 16)
        salt = int(params["SALT"], 16)
        k = _int(_h(_padded(N), _padded(G)))
        u = _int(_h(_padded(self.A), _padded(B)))
        x = _int(_h(_padded(salt), _h(("%s%s:%s" % (self.pool_name, user_id, password)).encode())))
        S = pow((B - k * pow(G, x, N)) % N, self.a + u * x, N)
        prk = hmac.new(_padded(u), _padded(S), hashlib.sha256).digest()
        key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
        ts = timestamp(when)
        msg = (self.pool_name + user_id).encode() + base64.b64decode(params["SECRET_BLOCK"]) + ts.encode()
        signature = base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()
        return {"PASSWORD_CLAIM_SIGNATURE": signature,
                "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"], "TIMESTAMP": ts}

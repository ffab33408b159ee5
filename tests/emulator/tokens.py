"""JWT-shaped ID and access tokens.

The header says RS256 like Cognito's, but the signature is an HMAC-SHA256 with
the emulator's own random key: the shape is real, the signature is not.
"""

import base64
import hashlib
import hmac
import json
import secrets
import uuid

from state import Client, Grant, Pool, State, User


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def make_jwt(claims: dict, key: bytes) -> str:
    header = b64url(json.dumps({"kid": "emulator", "alg": "RS256"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode()
    return f"{header}.{payload}.{b64url(hmac.new(key, signing_input, hashlib.sha256).digest())}"


def attribute_claims(user: User) -> dict:
    claims = {}
    for name, value in user.attributes.items():
        if name.endswith("_verified") and isinstance(value, str):
            value = value.lower() == "true"
        claims[name] = value
    return claims


# The partitions other than aws and aws-us-gov, by region prefix, with their DNS
# suffix (botocore data/partitions.json).
PARTITION_SUFFIXES = (
    ("cn-", "amazonaws.com.cn"), ("eusc-", "amazonaws.eu"), ("us-iso-", "c2s.ic.gov"),
    ("us-isob-", "sc2s.sgov.gov"), ("eu-isoe-", "cloud.adc-e.uk"), ("us-isof-", "csp.hci.ic.gov"),
)
# IssuerConfigurationType: ORIGINAL https://cognito-idp.REGION..., UPDATED https://issuer-cognito-idp.REGION...
ISSUER_HOSTS = {"ORIGINAL": "cognito-idp", "UPDATED": "issuer-cognito-idp"}


def dns_suffix(region: str) -> str:
    return next((suffix for prefix, suffix in PARTITION_SUFFIXES if region.startswith(prefix)), "amazonaws.com")


def issue(state: State, pool: Pool, client: Client, user: User) -> dict:
    """An AuthenticationResult; the access token is remembered for later checks."""
    now = int(state.now())
    exp = now + pool.token_seconds
    issuer = f"https://{ISSUER_HOSTS[pool.issuer_type]}.{pool.region}.{dns_suffix(pool.region)}/{pool.id}"
    origin_jti = str(uuid.uuid4())
    event_id = str(uuid.uuid4())
    groups = {"cognito:groups": list(user.groups)} if user.groups else {}

    id_claims = {
        "sub": user.sub,
        **groups,
        **attribute_claims(user),
        "iss": issuer,
        "cognito:username": user.username,
        "origin_jti": origin_jti,
        "aud": client.client_id,
        "event_id": event_id,
        "token_use": "id",
        "auth_time": now,
        "exp": exp,
        "iat": now,
        "jti": str(uuid.uuid4()),
        **pool.id_token_overrides,
    }
    access_claims = {
        "sub": user.sub,
        **groups,
        "iss": issuer,
        "client_id": client.client_id,
        "origin_jti": origin_jti,
        "event_id": event_id,
        "token_use": "access",
        "scope": "aws.cognito.signin.user.admin",
        "auth_time": now,
        "exp": exp,
        "iat": now,
        "jti": str(uuid.uuid4()),
        "username": user.username,
        **pool.access_token_overrides,
    }
    access_token = make_jwt(access_claims, state.token_key)
    state.grants[access_token] = Grant(pool.id, client.client_id, user.username, exp)
    return {
        "AccessToken": access_token,
        "ExpiresIn": pool.token_seconds,
        "TokenType": "Bearer",
        "RefreshToken": refresh_token(),
        "IdToken": make_jwt(id_claims, state.token_key),
    }


_JWE_HEADER = b64url(b'{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}')


def refresh_token() -> str:
    """Opaque to clients, like Cognito's, which is an encrypted JWT (JWE compact
    form: header, RSA-encrypted key, IV, ciphertext, tag, base64url). The
    service model's TokenModelType allows only [A-Za-z0-9-_=.]+, which
    standard base64 ('+', '/') breaks."""
    parts = [secrets.token_bytes(n) for n in (256, 12, 1200, 16)]
    return ".".join([_JWE_HEADER] + [b64url(p) for p in parts])

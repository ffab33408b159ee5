"""AWS Signature Version 4 checked as AWS does it, for the IAM-authorised operations.

Canonical request, string to sign and signing key per the SigV4 spec (AWS IAM
user guide, "Create a signed AWS API request"); the refusals by name and
message as AWS's request framework gives them (README, fidelity table).
"""

import calendar
import hashlib
import hmac
import re
import time
import urllib.parse

import directory
from errors import CognitoError

SERVICE = "cognito-idp"
ALGORITHM = "AWS4-HMAC-SHA256"
MAX_SKEW = 5 * 60
AUTH_HEADER = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$")
MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. "
            "Consult the service documentation for details.")


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    k = _hmac(("AWS4" + secret).encode("utf-8"), date)
    k = _hmac(k, region)
    k = _hmac(k, service)
    return _hmac(k, "aws4_request")


def _uri(path: str) -> str:
    # Non-S3 services: each segment URI-encoded (once more after the client's own encoding)
    path = urllib.parse.urlsplit(path).path or "/"
    return "/".join(urllib.parse.quote(seg, safe="-_.~") for seg in path.split("/")) or "/"


def _query(path: str) -> str:
    pairs = urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query, keep_blank_values=True)
    enc = [(urllib.parse.quote(k, safe="-_.~"), urllib.parse.quote(v, safe="-_.~")) for k, v in pairs]
    return "&".join(f"{k}={v}" for k, v in sorted(enc))


def canonical_request(method, path, headers, signed: list[str], body: bytes) -> str:
    lines = []
    for name in signed:
        values = headers.get_all(name) or []
        lines.append(name + ":" + ",".join(" ".join(v.strip().split()) for v in values))
    return "\n".join([method, _uri(path), _query(path), "\n".join(lines) + "\n", ";".join(signed),
                      hashlib.sha256(body).hexdigest()])


def _amz_time(text: str) -> float | None:
    try:
        return calendar.timegm(time.strptime(text, "%Y%m%dT%H%M%SZ"))
    except (TypeError, ValueError):
        return None


def _stamp(t: float) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))


def _invalid(message: str) -> CognitoError:
    return CognitoError("InvalidSignatureException", message)


def verify(state, method: str, path: str, headers, body: bytes, region: str) -> dict:
    """The credential that signed this request, else the error AWS answers with."""
    auth = headers.get("Authorization")
    if not auth:
        raise CognitoError("MissingAuthenticationTokenException", "Missing Authentication Token")
    m = AUTH_HEADER.match(auth.strip())
    if not m:
        raise CognitoError("IncompleteSignatureException",
                           f"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' "
                           f"parameters. Authorization={auth}")
    credential_text, signed_text, signature = m.groups()
    scope = credential_text.split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise CognitoError("IncompleteSignatureException",
                           f"Credential should be scoped to a valid region. ")
    akid, date, scope_region, service, _ = scope
    signed = signed_text.split(";")
    if signed != sorted(signed) or "host" not in signed:
        raise _invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
    amz_date = headers.get("X-Amz-Date")
    when = _amz_time(amz_date)
    if when is None:
        raise CognitoError("IncompleteSignatureException",
                           "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                           f"Authorization={auth}")
    if "x-amz-date" not in signed:
        raise _invalid("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.")
    cred = directory.credential(state, akid)
    if cred is None:
        raise CognitoError("UnrecognizedClientException", "The security token included in the request is invalid.")
    token = headers.get("X-Amz-Security-Token")
    if cred.get("session_token") != token:
        raise CognitoError("UnrecognizedClientException", "The security token included in the request is invalid.")
    if token is not None and "x-amz-security-token" not in signed:
        # botocore signs it; a token outside the signature could be swapped
        raise _invalid(MISMATCH)
    if date != amz_date[:8]:
        raise _invalid(f"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
                       f"HTTP: '{date}' != '{amz_date[:8]}', from '{amz_date}'.")
    if scope_region != region:
        raise _invalid(f"Credential should be scoped to a valid region. ")
    if service != SERVICE:
        raise _invalid(f"Credential should be scoped to correct service: '{SERVICE}'. ")
    canonical = canonical_request(method, path, headers, signed, body)
    to_sign = "\n".join([ALGORITHM, amz_date, "/".join(scope[1:]),
                         hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    expected = hmac.new(signing_key(cred["secret_access_key"], date, scope_region, service),
                        to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise _invalid(MISMATCH + f"\n\nThe Canonical String for this request should have been\n'{canonical}'"
                       f"\n\nThe String-to-Sign should have been\n'{to_sign}'\n")
    now = state.now()
    if abs(now - when) > MAX_SKEW:
        raise _invalid(f"Signature expired: {amz_date} is now earlier than {_stamp(now - MAX_SKEW)} "
                       f"({_stamp(now)} - 5 min.)" if when < now else
                       f"Signature not yet current: {amz_date} is still later than {_stamp(now + MAX_SKEW)} "
                       f"({_stamp(now)} + 5 min.)")
    return cred

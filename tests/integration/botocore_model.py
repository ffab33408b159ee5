"""Finds AWS's service model of Cognito user pools: botocore's
data/cognito-idp/<api version>/service-2.json(.gz), the file boto3, the AWS
CLI and the SDKs are generated from.

The suite runs under Debian's /usr/bin/python3, which may have no botocore
(or Debian's python3-botocore 1.29 of 2022, older than USER_AUTH); so every
Python that may have one is asked, and the newest botocore wins:
$PCG_BOTOCORE_PYTHON, the virtual environment scripts/install-deps.sh makes
when it has to (VENV), the `python3` on PATH (often a pyenv or a distribution
other than Debian's), and /usr/bin/python3. $PCG_SERVICE_MODEL names a
service-2.json directly (then its botocore version is "unknown").
"""
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys

VENV = "/usr/local/lib/pam_cognito-tests/venv"

# What pam_cognito and cognito-mfa call, send and read: a model without one of
# these is too old (test_service_model.py also checks that the sources use them).
OPERATIONS = ("InitiateAuth", "RespondToAuthChallenge", "AssociateSoftwareToken", "VerifySoftwareToken",
              "SetUserMFAPreference", "GetUser", "ChangePassword", "ForgotPassword", "ConfirmForgotPassword")
AUTH_FLOWS = ("USER_SRP_AUTH", "USER_PASSWORD_AUTH", "USER_AUTH", "CUSTOM_AUTH")
CHALLENGES = ("PASSWORD_VERIFIER", "SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE",
              "MFA_SETUP", "NEW_PASSWORD_REQUIRED", "SELECT_CHALLENGE", "SMS_OTP", "PASSWORD",
              "PASSWORD_SRP", "CUSTOM_CHALLENGE", "WEB_AUTHN")

_PROBE = r"""
import json, os, sys
try:
    import botocore
except ImportError:
    print(json.dumps(None)); sys.exit()
base = os.path.join(os.path.dirname(botocore.__file__), "data", "cognito-idp")
versions = sorted(os.listdir(base)) if os.path.isdir(base) else []
model = None
for name in ("service-2.json.gz", "service-2.json"):
    if versions and os.path.exists(os.path.join(base, versions[-1], name)):
        model = os.path.join(base, versions[-1], name)
        break
try:
    import boto3
    boto3_version = boto3.__version__
except ImportError:
    boto3_version = None
print(json.dumps({"python": sys.executable, "botocore": botocore.__version__,
                  "model": model, "boto3": boto3_version}))
"""


def candidates() -> list[str]:
    found = [os.environ.get("PCG_BOTOCORE_PYTHON"), os.path.join(VENV, "bin", "python3"),
             shutil.which("python3"), "/usr/bin/python3"]
    out = []
    for path in found:
        if path and os.access(path, os.X_OK) and path not in out:
            out.append(path)
    return out


def _version_key(text: str):
    return tuple(int(p) if p.isdigit() else 0 for p in text.split("."))


def probe(python: str):
    try:
        r = subprocess.run([python, "-c", _PROBE], capture_output=True, text=True, timeout=60)
        return json.loads(r.stdout) if r.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return None


@functools.lru_cache(maxsize=None)
def _probes():
    return [(python, probe(python)) for python in candidates()]


def _newest(key):
    best = None
    for _, info in _probes():
        if info and info[key] and (best is None or _version_key(info[key]) > _version_key(best[key])):
            best = info
    return best


@functools.lru_cache(maxsize=None)
def locate():
    """The newest model: {"model", "botocore", "python", "boto3", "tried"}, or
    {"model": None, "why": ...} when there is none."""
    explicit = os.environ.get("PCG_SERVICE_MODEL")
    if explicit:
        return {"model": explicit, "botocore": "unknown", "python": None, "boto3": None, "tried": []}
    tried = ["%s: %s" % (python, "botocore %s" % info["botocore"] if info else "no botocore")
             for python, info in _probes()]
    best = None
    for _, info in _probes():
        if info and info["model"] and (best is None or _version_key(info["botocore"]) > _version_key(best["botocore"])):
            best = info
    if best is None:
        return {"model": None, "tried": tried,
                "why": "no botocore with a cognito-idp model (tried %s); scripts/install-deps.sh "
                       "installs one (pip install boto3 into %s)" % ("; ".join(tried), VENV)}
    return dict(best, tried=tried)


def boto3_python():
    """The Python with the newest boto3, for the reference-client test (None: none)."""
    return _newest("boto3")


def lacks(path: str) -> list[str]:
    """What the model at path lacks of OPERATIONS, AUTH_FLOWS and CHALLENGES."""
    with (gzip.open if path.endswith(".gz") else open)(path, "rt", encoding="utf-8") as f:
        model = json.load(f)
    shapes = model.get("shapes", {})
    flows = shapes.get("AuthFlowType", {}).get("enum", [])
    challenges = shapes.get("ChallengeNameType", {}).get("enum", [])
    return ([op for op in OPERATIONS if op not in model.get("operations", {})]
            + [f for f in AUTH_FLOWS if f not in flows] + [c for c in CHALLENGES if c not in challenges])


def main() -> int:
    """scripts/install-deps.sh: exit 0 when a current model and boto3 are there."""
    found, boto3 = locate(), boto3_python()
    if not found["model"]:
        print("service model: " + found["why"])
        return 1
    missing = lacks(found["model"])
    print("service model: botocore %s, %s%s" % (found["botocore"], found["model"],
                                               "; lacks " + ", ".join(missing) if missing else ""))
    print("boto3: " + ("%s of %s" % (boto3["boto3"], boto3["python"]) if boto3 else "none"))
    return 0 if not missing and boto3 else 1


if __name__ == "__main__":
    sys.exit(main())

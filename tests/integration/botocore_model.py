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
import json
import os
import shutil
import subprocess

VENV = "/usr/local/lib/pam_cognito-tests/venv"

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

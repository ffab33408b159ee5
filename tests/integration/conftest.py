import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from emulator_process import Emulator  # noqa: E402
from pam_session import PamEnv, TOP_BUILDDIR  # noqa: E402

POOL = "us-east-1_TestPool1"
CLIENT = "testclient0123456789abcdef"
SECRET_CLIENT = "secretclient0123456789abc"
CLIENT_SECRET = "s3cr3t-client-secret-value-0123456789abcdefghij"
PASSWORD = "Corr3ct-Horse!"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp(secret, offset_steps=0):
    """The current code by oathtool, the reference TOTP generator."""
    cmd = ["oathtool", "--totp", "-b", secret]
    if offset_steps:
        cmd += ["--now", "@%d" % (int(__import__("time").time()) + 30 * offset_steps)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def wrong_code(secret):
    good = {totp(secret, d) for d in (-1, 0, 1)}
    for candidate in ("000000", "111111", "222222", "333333"):
        if candidate not in good:
            return candidate
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def ca_dir():
    path = os.path.join(TOP_BUILDDIR, "tests", "results", "ca")
    subprocess.run(["bash", os.path.join(HERE, "..", "make-test-ca.sh"), path], check=True)
    return path


@pytest.fixture
def emulator(ca_dir):
    emu = Emulator(ca_dir)
    emu.add_pool(id=POOL, mfa="OPTIONAL")
    emu.add_client(pool_id=POOL, client_id=CLIENT, client_secret=None,
                   flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])
    emu.add_client(pool_id=POOL, client_id=SECRET_CLIENT, client_secret=CLIENT_SECRET,
                   flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])
    emu.add_user(pool_id=POOL, username="alice", password=PASSWORD, totp_secret=TOTP_SECRET)
    emu.add_user(pool_id=POOL, username="bob", password=PASSWORD, totp_secret=None)
    yield emu
    emu.stop()


@pytest.fixture
def pam(ca_dir):
    env = PamEnv()
    yield env
    shutil.rmtree(env.dir, ignore_errors=True)


def conf_text(emulator, ca_dir, **overrides):
    keys = {
        "user_pool_id": POOL,
        "client_id": CLIENT,
        "endpoint": emulator.endpoint if emulator else "https://localhost:1/",
        "cafile": os.path.join(ca_dir, "ca.pem"),
        "auth_flow": "password",
    }
    keys.update(overrides)
    return "".join("%s = %s\n" % (k, v) for k, v in keys.items() if v is not None)


def api_calls(emulator):
    """Requests that named an API action. With auth_flow = password the module
    connects while the password prompt is open by a request that is none
    (OPTIONS /, counted by the emulator as "(not POST)")."""
    c = emulator.counters()
    return c["requests_total"] - c["requests"].get("(not POST)", 0)


def requests_close_together(emulator, gap=2.0):
    """True when no two consecutive API requests were more than gap seconds apart.

    The module replaces a connection idle for 16 s or more instead of reusing
    it, so "one connection per login" holds when the answers came quickly;
    the emulator's own idle timeout may close a slower one (valgrind)."""
    times = [e["time"] for e in emulator.requests_log()]
    return all(b - a <= gap for a, b in zip(times, times[1:]))


class Answers:
    """Answers the password prompt with password and code prompts from codes (callables or strings)."""

    def __init__(self, password, *codes):
        self.password = password
        self.codes = list(codes)

    def __call__(self, kind, text):
        if "assword" in text:
            return self.password
        if not self.codes:
            return None
        code = self.codes.pop(0)
        return self.compute(code) if callable(code) else code

    def compute(self, code):
        return code()

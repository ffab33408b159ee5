import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import emulator_process  # noqa: E402
from emulator_process import Emulator  # noqa: E402
from pam_session import PamEnv, TOP_BUILDDIR  # noqa: E402

POOL = "us-east-1_TestPool1"
CLIENT = "testclient0123456789abcdef"
SECRET_CLIENT = "secretclient0123456789abc"
CLIENT_SECRET = "s3cr3t-client-secret-value-0123456789abcdefghij"
PASSWORD = "Corr3ct-Horse!"
# "valgrind" or "asan" in the stages that check the C code's memory
# (scripts/test-valgrind.sh, scripts/test-asan.sh); empty in the main stage.
MEMCHECK = os.environ.get("PCG_MEMCHECK", "")
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


def pytest_configure(config):
    config.addinivalue_line("markers", "memcheck_blind: runs none of our C code under the memory "
                            "checker of the stage (the emulator, or reference clients, alone)")
    config.addinivalue_line("markers", "sandboxed_cli: a sandbox test whose C code under test is "
                            "the stage's own cognito-mfa (ASan-built under ASan)")
    config.addinivalue_line("markers", "serial: asserts a network budget with PCG_TIME_SLACK's margin "
                            "alone: runs after the others, one at a time, when tests/run-integration.sh "
                            "runs the rest in parallel (PCG_PYTEST_JOBS)")


def pytest_collection_modifyitems(config, items):
    """In a memory-checking stage, leave out the tests that run none of our C
    code under its checker: those marked memcheck_blind, and those in a
    sandbox, whose real sshd, sudo and su load the main build's module
    (PCG_UNWRAPPED_MODULE), unless the sandbox test is marked sandboxed_cli
    and the stage is ASan's: cognito-mfa runs from the stage's own build,
    which under ASan is instrumented itself (under valgrind nothing wraps
    it). They ran in the main stage; here they would check the same thing
    again. pytest reports them as deselected, and nothing counts them."""
    if not MEMCHECK:
        return

    def sees(item):
        return MEMCHECK == "asan" and item.get_closest_marker("sandboxed_cli") is not None

    blind = [i for i in items if i.get_closest_marker("memcheck_blind")
             or ("sandboxes" in i.fixturenames and not sees(i))]
    if blind:
        config.hook.pytest_deselected(items=blind)
        items[:] = [i for i in items if i not in blind]


def counted_violations(violations):
    """The service-model violations that fail a test: every one of an answer
    of the emulator, and of a request by the module, cognito-mfa or a
    reference client (boto3, amazon-cognito-identity-js). Requests the tests
    themselves make with urllib or http.client (User-Agent Python-urllib or
    none) are left out: some are wrong on purpose, to see the emulator's
    answer, which is still checked."""
    def by_a_test(v):
        agent = v.get("user_agent") or ""
        return v.get("direction") == "request" and (not agent or agent.startswith("Python-urllib/"))
    return [v for v in violations if not by_a_test(v)]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A test ends in an error when an emulator it stopped (its fixture's
    teardown stops the usual one) found a request or answer the service model
    does not allow (tests/emulator/conformance.py)."""
    if call.when == "setup":
        item._pcg_conformance = (len(emulator_process.CONFORMANCE["violations"]),
                                 dict(emulator_process.CONFORMANCE["checked"]))
    outcome = yield
    report = outcome.get_result()
    if call.when != "teardown" or not hasattr(item, "_pcg_conformance"):
        return
    start, checked_before = item._pcg_conformance
    checked = {k: n - checked_before.get(k, 0) for k, n in emulator_process.CONFORMANCE["checked"].items()}
    new = emulator_process.CONFORMANCE["violations"][start:]
    found = counted_violations(new)
    left_out = [v for v in new if v not in found]
    checked["left out"] = len(left_out)
    report.user_properties.append(("service_model_checked", checked))
    if left_out:
        report.user_properties.append(("service_model_left_out", [
            "%s: %s %s: %s" % (item.nodeid, v.get("operation"), v.get("direction"), "; ".join(v.get("problems", [])))
            for v in left_out]))
    if found and report.outcome == "passed":
        report.outcome = "failed"
        report.longrepr = "AWS's service model (%s) does not allow:\n%s" % (
            emulator_process.botocore_model.locate().get("model"),
            "\n".join("  %s %s (HTTP %s, User-Agent %s): %s" % (
                v.get("operation"), v.get("direction"), v.get("status"), v.get("user_agent"),
                "; ".join(v.get("problems", []))) for v in found))


_CHECKED = {"request": 0, "response": 0, "left out": 0}
_LEFT_OUT = []


def pytest_runtest_logreport(report):
    # Runs where the reports arrive: also in the controller of pytest-xdist.
    for name, value in getattr(report, "user_properties", ()):
        if name == "service_model_checked":
            for k, n in value.items():
                _CHECKED[k] = _CHECKED.get(k, 0) + n
        elif name == "service_model_left_out":
            _LEFT_OUT.extend(value)


def pytest_terminal_summary(terminalreporter):
    found = emulator_process.botocore_model.locate()
    if found["model"]:
        terminalreporter.write_line(
            "service model: botocore %s, %s; checked %d requests and %d answers "
            "(%d violations in requests the tests made themselves left out)"
            % (found["botocore"], found["model"], _CHECKED["request"], _CHECKED["response"], _CHECKED["left out"]))
        for line in _LEFT_OUT:
            terminalreporter.write_line("  left out: " + line)
    else:
        terminalreporter.write_line("service model: none, nothing checked: " + found["why"])


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

"""Work while the password prompt is open (issue 13, item 2).

With auth_flow = srp the module connects, draws SRP a and sends InitiateAuth
in a helper thread while the person types the password, so only
RespondToAuthChallenge is left after the answer; with auth_flow = password
it only connects (OPTIONS /, no API call), so InitiateAuth is left. What these tests see is the
order of events at the emulator, never how long anything took: InitiateAuth
arrives while the prompt is still open, on the one connection the rest of the
login uses; nothing reaches the network for an unknown user or one the
module leaves to others; a password typed after the early verifier's
freshness limit starts the sign-in again before answering, unseen; and after
pam_authenticate returns, whatever happened, the process has no thread more
than before pam_start and no TCP socket. The helper is pinned to the CPU the
caller is on (strace sees it).
"""
import os
import re
import time

import pytest

from conftest import CLIENT, PASSWORD, POOL, TOTP_SECRET, Answers, conf_text, totp
from pam_session import TIME_SLACK
from test_sigpipe import UNTOUCHED, shim  # noqa: F401 (a fixture)

WAIT_S = 30 * TIME_SLACK
FRESHNESS_LIMIT_S = 5  # PCG_EARLY_VERIFIER_MAX_AGE_S in login_start.c
CLOCK_JUMP_S = 30  # past the emulator's password_verifier_seconds (10)


class TypesAfter(Answers):
    """Answers the password only once arrived(the emulator's counters) is
    true (or WAIT_S passed): what the emulator saw meanwhile is kept, and
    `meanwhile` runs before the answer."""

    def __init__(self, emulator, arrived, password, *codes, meanwhile=None):
        super().__init__(password, *codes)
        self.emulator = emulator
        self.arrived = arrived
        self.meanwhile = meanwhile
        self.at_prompt = None

    def __call__(self, kind, text):
        if "assword" in text and self.at_prompt is None:
            deadline = time.monotonic() + WAIT_S
            while not self.arrived(self.emulator.counters()) and time.monotonic() < deadline:
                time.sleep(0.02)
            self.at_prompt = self.emulator.counters()
            if self.meanwhile:
                self.meanwhile()
        return super().__call__(kind, text)


def initiate_auth_arrived(counters):
    return counters["requests"].get("InitiateAuth", 0) > 0


def connection_arrived(counters):
    return counters["requests_total"] > 0


def resources(r):
    return dict(kv.split("=") for kv in r.texts("RESOURCES")[0].split()[1:])


def test_initiate_auth_goes_out_while_the_password_prompt_is_open(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp"))
    pam.write_service()
    answers = TypesAfter(emulator, initiate_auth_arrived, PASSWORD, lambda: totp(TOTP_SECRET))
    r = pam.run("alice", answers, report_resources=True)
    assert r.code == "PAM_SUCCESS", r.log
    assert answers.at_prompt["requests"] == {"InitiateAuth": 1}, answers.at_prompt
    after = emulator.counters()
    assert after["requests"] == {"InitiateAuth": 1, "RespondToAuthChallenge": 2}, after
    assert after["connections"] == 1, after  # the early connection serves the whole login
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_helper_thread_is_kept_on_the_callers_cpu(pam, emulator, ca_dir):
    # It works while the caller waits, so it stays where the caller's caches are.
    cpu = max(os.sched_getaffinity(0))
    log = os.path.join(pam.dir, "strace.log")
    asan = os.environ.get("ASAN_OPTIONS")  # LeakSanitizer cannot work under ptrace
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp"))
    pam.write_service()
    answers = TypesAfter(emulator, initiate_auth_arrived, PASSWORD, lambda: totp(TOTP_SECRET))
    r = pam.run("alice", answers,
                prefix=["taskset", "-c", str(cpu), "strace", "-f", "-qq", "-o", log,
                        "-e", "trace=sched_setaffinity"],
                extra_env={"ASAN_OPTIONS": asan + ":detect_leaks=0"} if asan else None)
    assert r.code == "PAM_SUCCESS", r.log
    assert answers.at_prompt["requests"] == {"InitiateAuth": 1}, answers.at_prompt
    with open(log) as f:
        pinned = [l for l in f if "sched_setaffinity(" in l]
    # strace pads a short line's result to column 40: "[1])  = 0" with small pids.
    assert len(pinned) == 1 and re.search(r"\[%d\]\)\s+= 0$" % cpu, pinned[0].rstrip()), pinned


def test_password_flow_connects_while_the_prompt_is_open_and_sends_no_api_call(
        pam, emulator, ca_dir):
    """USER_PASSWORD_AUTH carries the password: only the connection is made
    early, by a request that is no API call (OPTIONS /), and InitiateAuth
    then goes out on it."""
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="password"))
    pam.write_service()
    answers = TypesAfter(emulator, connection_arrived, PASSWORD, lambda: totp(TOTP_SECRET))
    r = pam.run("alice", answers, report_resources=True)
    assert r.code == "PAM_SUCCESS", r.log
    assert answers.at_prompt["requests"] == {"(not POST)": 1}, answers.at_prompt
    assert answers.at_prompt["connections"] == 1, answers.at_prompt
    after = emulator.counters()
    assert after["requests"] == {"(not POST)": 1, "InitiateAuth": 1,
                                 "RespondToAuthChallenge": 1}, after
    assert after["connections"] == 1, after
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_password_flow_signs_in_when_the_early_connection_is_closed(pam, emulator, ca_dir):
    """A server that closes the connection after the early request (or never
    answers it usefully) costs only the saving: InitiateAuth connects again."""
    emulator.fault(operation="(not POST)", kind="close")
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="password"))
    pam.write_service()
    answers = TypesAfter(emulator, connection_arrived, PASSWORD, lambda: totp(TOTP_SECRET))
    r = pam.run("alice", answers, report_resources=True)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    after = emulator.counters()
    assert after["requests"]["InitiateAuth"] == 1, after
    assert after["connections"] == 2, after
    assert r.texts("ERROR") == [], r.transcript
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_unknown_user_meets_no_network(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp"))
    pam.write_service()
    r = pam.run("mallory", Answers(PASSWORD), report_resources=True)
    assert r.code == "PAM_USER_UNKNOWN"
    assert r.prompts() == []
    assert emulator.counters()["connections"] == 0
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def verifier_answers(emulator):
    return [e for e in emulator.requests_log() if e["operation"] == "RespondToAuthChallenge"
            and e["body"].get("ChallengeName") == "PASSWORD_VERIFIER"]


def test_password_typed_after_the_freshness_limit_starts_again_before_answering(
        pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp"))
    pam.write_service()

    def slow_typist():
        # The emulator's clock jumps past password_verifier_seconds (10 s): an
        # answer to the first verifier would be refused there, as on AWS. The
        # module's own clock must also pass its limit: a real wait, which a
        # slow machine only lengthens.
        emulator.admin("POST", "/time", {"offset_seconds": CLOCK_JUMP_S})
        time.sleep(FRESHNESS_LIMIT_S + 1)

    answers = TypesAfter(emulator, initiate_auth_arrived, PASSWORD,
                         lambda: totp(TOTP_SECRET, CLOCK_JUMP_S // 30), meanwhile=slow_typist)
    r = pam.run("alice", answers, report_resources=True)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert answers.at_prompt["requests"] == {"InitiateAuth": 1}
    assert emulator.counters()["requests"]["InitiateAuth"] == 2
    assert len(verifier_answers(emulator)) == 1  # never a stale one, never twice
    assert r.texts("ERROR") == [], r.transcript
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_wrong_password_after_early_start_is_refused_and_told(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp"))
    pam.write_service()
    r = pam.run("alice", TypesAfter(emulator, initiate_auth_arrived, "Wr0ng-Horse!"),
                report_resources=True)
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Incorrect username or password."], r.transcript
    assert emulator.counters()["requests"]["InitiateAuth"] == 1
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_conversation_failing_at_the_prompt_leaves_no_thread_or_socket(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp"))
    pam.write_service()
    r = pam.run("alice", TypesAfter(emulator, initiate_auth_arrived, None), report_resources=True)
    assert r.code == "PAM_CONV_ERR"
    assert emulator.counters()["requests"].get("InitiateAuth") == 1
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


@pytest.mark.parametrize("flow", ["srp", "password"])
def test_unreachable_cognito_while_typing_gives_the_documented_verdicts(pam, ca_dir, flow):
    # PAM_IGNORE lets the next module decide: pam_permit admits.
    for failmode, code in (("secure", "PAM_AUTHINFO_UNAVAIL"), ("safe", "PAM_SUCCESS")):
        pam.write_conf(conf_text(None, ca_dir, auth_flow=flow, failmode=failmode))
        pam.write_service(after_lines="auth required pam_permit.so\n")
        r = pam.run("alice", Answers(PASSWORD), report_resources=True)
        assert r.code == code, r.log
        assert any("outcome=unavailable" in l for l in r.log), r.log
        assert r.prompts() == ["Password: "]
        assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_use_first_pass_needs_no_helper(pam, emulator, ca_dir):
    """With the password already known (an earlier module), no prompt, no early work."""
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp"))
    # pam_wrapper's pam_set_items module sets PAM_AUTHTOK from the environment.
    pam.write_service(args="use_first_pass",
                      extra_lines="auth optional /usr/lib/x86_64-linux-gnu/pam_wrapper/"
                                  "pam_set_items.so\n")
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)),
                extra_env={"PAM_AUTHTOK": PASSWORD}, report_resources=True)
    assert r.code == "PAM_SUCCESS", r.log + [r.stderr[-2000:]]
    assert not any("assword" in p for p in r.prompts())
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_try_first_pass_with_an_earlier_password_needs_no_helper(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp"))
    pam.write_service(args="try_first_pass",
                      extra_lines="auth optional /usr/lib/x86_64-linux-gnu/pam_wrapper/"
                                  "pam_set_items.so\n")
    seen = {}

    def answer(kind, text):
        seen.setdefault("at_first_prompt", emulator.counters()["requests"])
        return totp(TOTP_SECRET)

    r = pam.run("alice", answer, extra_env={"PAM_AUTHTOK": PASSWORD}, report_resources=True)
    assert r.code == "PAM_SUCCESS", r.log + [r.stderr[-2000:]]
    assert not any("assword" in p for p in r.prompts())
    assert emulator.counters()["requests"]["InitiateAuth"] == 1
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_account_left_to_other_modules_meets_no_network(pam, emulator, ca_dir):
    """min_uid: PAM_IGNORE before any prompt, and no early connection either."""
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp", min_uid="2001"))
    pam.write_service(after_lines="auth required pam_permit.so\n")
    r = pam.run("alice", Answers(PASSWORD), report_resources=True)  # alice is uid 2000
    assert r.code == "PAM_SUCCESS", r.log
    assert r.prompts() == []
    assert emulator.counters()["connections"] == 0
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_user_auth_flow_sends_nothing_before_the_password(pam, emulator, ca_dir):
    emulator.admin("POST", "/clients/update",
                   {"client_id": CLIENT, "flows": ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH"]})
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="user_auth"))
    pam.write_service()
    seen = {}

    def answer(kind, text):
        if "assword" in text:
            seen.update(emulator.counters())
            return PASSWORD
        return totp(TOTP_SECRET)

    r = pam.run("alice", answer, report_resources=True)
    assert seen["requests_total"] == 0, seen
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


def test_reset_during_the_early_initiate_auth_leaves_signals_untouched(pam, emulator, ca_dir,
                                                                       shim):
    """The helper thread's own transfer meets a reset connection (with a libcurl
    that could raise SIGPIPE, tests/nosignal_shim.c): the SIGPIPE guard takes
    the signal in that thread, the application's mask and handler are as they
    were, nothing is left pending, and the verdict is the documented one (a
reset after the request went out is not sent again)."""
    emulator.fault(operation="InitiateAuth", kind="reset")
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp", retries=2))
    pam.write_service()
    env = {"LD_PRELOAD": pam.env()["LD_PRELOAD"] + ":" + shim}
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), extra_env=env,
                signals=True, report_resources=True)
    assert r.code == "PAM_AUTHINFO_UNAVAIL", (r.transcript, r.log)
    assert r.signals == UNTOUCHED, r.signals
    assert emulator.counters()["requests"]["InitiateAuth"] == 1
    assert resources(r) == {"new_threads": "0", "tcp": "0"}


@pytest.mark.parametrize("flow", [None, "password"], ids=["srp", "password"])
def test_a_host_that_jumps_out_of_the_conversation_leaves_the_helper_its_own_data(
        pam, emulator, ca_dir, flow, monkeypatch):
    # The driver leaves the password prompt by siglongjmp, so pam_authenticate never
    # returns and never joins the helper, and overwrites the stack it ran on while the
    # helper is still waiting for Cognito: the helper reads only its own copies of the
    # config and of the log handle, so the process lives on (ASan, valgrind: no error).
    # A guard more than a proof: with these timings the helper of the earlier code read
    # nothing of the dead stack after the jump either.
    emulator.fault(operation="InitiateAuth", kind="delay", seconds=1, count=1)
    emulator.fault(operation="(not POST)", kind="delay", seconds=1, count=1)
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow=flow, debug="yes"))
    pam.write_service()
    # What pam_authenticate had allocated is lost by the jump (the host's doing, not a leak
    # of the module's): leak checks are off here, every other memory check stays on.
    wrapper = os.environ.get("PCG_DRIVER_WRAPPER")
    if wrapper:
        monkeypatch.setenv("PCG_DRIVER_WRAPPER", wrapper + " --leak-check=no")
    env = {}
    if os.environ.get("ASAN_OPTIONS"):
        env["ASAN_OPTIONS"] = os.environ["ASAN_OPTIONS"] + ":detect_leaks=0"
    if os.environ.get("TSAN_OPTIONS"):  # the helper is never joined: the host jumped away
        env["TSAN_OPTIONS"] = os.environ["TSAN_OPTIONS"] + ":report_thread_leaks=0"
    r = pam.run("alice", Answers(PASSWORD), conv="escape", extra_env=env)
    assert r.codes == {"auth": "escaped"}, (r.transcript, r.log)
    assert r.prompts() == ["Password: "]

"""Every fault of issue 7, at every step of a login that talks to Cognito.

For each (step, fault): the PAM verdict is the documented one, the login
ends within `timeout` + PCG_TIME_SLACK (1 s; more under valgrind), the driver
does not crash (pam_session raises DriverFailure), the verdict's syslog line
names the failure, and the person is told what happened. Each retryable
fault, happening once, is followed by a good answer that succeeds when
`retries` allows; a server error (5xx) counts as retryable only for requests
that may be repeated (REPEATABLE_STEPS), and the others are shown to be sent
once.

A step is the API call the faults hit. Faults at the HTTP level are queued in
the emulator for that operation before the login starts. Faults below HTTP
(refused, TLS) go through a TCP gate in front of the emulator; they can only
hit a call that opens a connection, so they apply before InitiateAuth or at
the prompt that precedes the step's call (the gate then cuts the kept-alive
connection, making the module connect again). Adding a step (enrolment's
AssociateSoftwareToken and VerifySoftwareToken) is one line in STEPS.
"""
import json
import time
from dataclasses import dataclass

import pytest

from conftest import MEMCHECK, PASSWORD, TOTP_SECRET, conf_text, totp
from emulator_process import Emulator
from pam_session import TIME_SLACK
from tcp_gate import Gate
from test_enrollment import EnrolAnswers, app_code, mfa_on

# The network budget of each login, and of one connection. Under valgrind a
# TLS handshake alone can take a second or more, so both grow with the slack
# given there.
TIMEOUT = 2 + int(TIME_SLACK - 1)
CONNECT_TIMEOUT = 1 + int(TIME_SLACK - 1)
CODE_PROMPT = "Verification code: "
UNAVAIL = "PAM_AUTHINFO_UNAVAIL"
TOLD_UNAVAILABLE = "The sign-in service is not available right now. Try again later."


@dataclass
class Step:
    name: str
    operation: str          # the emulator operation the HTTP faults are queued for
    flow: str               # auth_flow
    user: str = "alice"
    calls: int = 1          # requests of operation in a login without faults
    prompt: str = None      # the prompt answered just before the call (None: the login's start)
    answers: object = None  # (step, hook) -> answer function; default: alice's password and code
    below_http: bool = True # can refused/TLS faults reach this call?
    setup: object = None    # (emulator) -> None, before the login
    # What the verdict names for an answer of the wrong shape (shape faults),
    # when the call expects no challenge: None for calls that answer challenges.
    shape_log: str = None
    # May the request be sent again after a server error (README, "Hardening":
    # which requests may count twice)?
    repeatable: bool = False


def alice_answers(step, hook):
    def answer(kind, text):
        if text == step.prompt:
            hook()
        if "assword" in text:
            return PASSWORD
        return totp(TOTP_SECRET)
    return answer


def enrol_answers(step, hook):
    """bob's password, then the code of the authenticator the enrolment shows."""
    inner = EnrolAnswers(PASSWORD, app_code)

    class Answer:
        def observe(self, kind, text):
            inner.observe(kind, text)

        def __call__(self, kind, text):
            if text == step.prompt:
                hook()
            return inner(kind, text)
    return Answer()


STEPS = [
    Step("InitiateAuth", "InitiateAuth", "password"),
    Step("RespondToAuthChallenge-SOFTWARE_TOKEN_MFA", "RespondToAuthChallenge", "password",
         prompt=CODE_PROMPT),
    # No prompt between InitiateAuth and PASSWORD_VERIFIER: only HTTP faults reach it.
    Step("RespondToAuthChallenge-PASSWORD_VERIFIER", "RespondToAuthChallenge", "srp", calls=2,
         below_http=False),
    # Enrolment at the MFA_SETUP challenge (no prompt before AssociateSoftwareToken).
    Step("AssociateSoftwareToken", "AssociateSoftwareToken", "password", user="bob",
         answers=enrol_answers, setup=mfa_on, below_http=False,
         shape_log="AssociateSoftwareToken sent no usable base32 SecretCode"),
    Step("VerifySoftwareToken", "VerifySoftwareToken", "password", user="bob", prompt=CODE_PROMPT,
         answers=enrol_answers, setup=mfa_on,
         shape_log="VerifySoftwareToken answered without a Status"),
]

# Requests that may be sent again after a 5xx (the matrix's steps may not):
# starting SRP (nothing is checked yet), and the signed-in enrolment of a user
# without MFA (require_mfa): a new secret with the access token, the preference.
REPEATABLE_STEPS = [
    Step("InitiateAuth-SRP", "InitiateAuth", "srp", repeatable=True),
    Step("AssociateSoftwareToken-AccessToken", "AssociateSoftwareToken", "password", user="bob",
         answers=enrol_answers, below_http=False, repeatable=True),
    Step("SetUserMFAPreference", "SetUserMFAPreference", "password", user="bob",
         answers=enrol_answers, below_http=False, repeatable=True),
]


@dataclass
class Fault:
    name: str
    code: str                       # the PAM verdict
    log: tuple                      # one of these is in the verdict's log line
    emulator: dict = None           # an emulator fault (without operation/count)
    below: str = None               # "refused", "reset_new" or a certificate name
    retryable: bool = False
    sent: bool = False              # the request reached Cognito, which may have run it
    told: str = TOLD_UNAVAILABLE
    shape: bool = False             # a well-formed answer of the wrong shape


def raw_challenge(session, user_id="alice"):
    """An emulator fault answering a SOFTWARE_TOKEN_MFA challenge with these values
    (session None: no Session key, which only PASSWORD_VERIFIER may lack)."""
    body = {"ChallengeName": "SOFTWARE_TOKEN_MFA", "ChallengeParameters": {"USER_ID_FOR_SRP": user_id}}
    if session is not None:
        body["Session"] = session
    return {"kind": "raw", "body": json.dumps(body)}


FAULTS = [
    Fault("refused", UNAVAIL, ("cannot connect to localhost",), below="refused"),
    Fault("reset_before_tls", UNAVAIL, ("cannot connect to localhost",), below="reset_new",
          retryable=True),
    Fault("accept_then_close", UNAVAIL, ("Empty reply from server", "not sent again"),
          emulator={"kind": "close"}),
    Fault("reset_mid_response", UNAVAIL, ("Connection reset by peer", "Recv failure"),
          emulator={"kind": "reset"}),
    Fault("delay", UNAVAIL, ("network time budget of %d s used up" % TIMEOUT,),
          emulator={"kind": "delay", "seconds": TIMEOUT + 3}),
    Fault("drip", UNAVAIL, ("network time budget of %d s used up" % TIMEOUT,),
          emulator={"kind": "drip", "interval": 1}),
    Fault("http_500", UNAVAIL, ("HTTP 500 (InternalErrorException)",),
          emulator={"kind": "http_status", "status": 500}, retryable=True, sent=True),
    Fault("http_502", UNAVAIL, ("HTTP 502",), emulator={"kind": "http_status", "status": 502},
          retryable=True, sent=True),
    Fault("http_503", UNAVAIL, ("HTTP 503",), emulator={"kind": "http_status", "status": 503},
          retryable=True, sent=True),
    Fault("throttle", UNAVAIL, ("throttled by localhost",), emulator={"kind": "throttle"},
          retryable=True),
    Fault("internal_error", UNAVAIL, ("InternalErrorException",),
          emulator={"kind": "internal_error"}, retryable=True, sent=True),
    Fault("malformed_json", UNAVAIL, ("response is not a JSON object",),
          emulator={"kind": "malformed_json"}),
    Fault("truncated_json", UNAVAIL, ("response is not a JSON object",),
          emulator={"kind": "truncated_json"}),
    Fault("huge_body", UNAVAIL, ("response larger than 65536 bytes",),
          emulator={"kind": "huge_body"}),
    Fault("wrong_types", UNAVAIL, ("AuthenticationResult without AccessToken and IdToken",),
          emulator={"kind": "wrong_types"}, shape=True),
    Fault("empty_result", UNAVAIL, ("neither a challenge nor an AuthenticationResult",),
          emulator={"kind": "empty_result"}, shape=True),
    Fault("unknown_challenge", "PAM_AUTH_ERR", ("reason=unknown_challenge detail=QUANTUM_MFA",),
          emulator={"kind": "unknown_challenge"}, shape=True,
          told="This sign-in asks for a step this host cannot do. Ask your administrator."),
    Fault("missing_session", UNAVAIL, ("challenge without a usable Session",),
          emulator=raw_challenge(None), shape=True),
    Fault("non_string_session", UNAVAIL, ("challenge without a usable Session",),
          emulator={"kind": "raw", "body": json.dumps({"ChallengeName": "PASSWORD_VERIFIER",
                                                        "Session": 12345678901234567890})},
          shape=True),
    Fault("empty_session", UNAVAIL, ("challenge without a usable Session",),
          emulator=raw_challenge(""), shape=True),
    Fault("oversized_session", UNAVAIL, ("challenge without a usable Session",),
          emulator=raw_challenge("S" * 9000), shape=True),
    Fault("oversized_user_id", UNAVAIL, ("USER_ID_FOR_SRP is not a plausible user name",),
          emulator=raw_challenge("S" * 300, user_id="u" * 300), shape=True),
    Fault("tls_wrong_host", UNAVAIL, ("TLS verification of localhost failed",), below="wrong-host"),
    Fault("tls_self_signed", UNAVAIL, ("TLS verification of localhost failed",),
          below="self-signed"),
    Fault("tls_expired", UNAVAIL, ("TLS verification of localhost failed",), below="expired"),
    Fault("tls_other_ca", UNAVAIL, ("TLS verification of localhost failed",),
          below="other-server"),
]


def cases(only_retryable=False, steps=STEPS, only_counting=False):
    """only_retryable: faults the step's call is tried again after;
    only_counting: server errors after a request that may have counted."""
    for step in steps:
        for fault in FAULTS:
            if fault.below and not step.below_http:
                continue
            retried = fault.retryable and (step.repeatable or not fault.sent)
            if only_retryable and not retried:
                continue
            if only_counting and not (fault.sent and not step.repeatable):
                continue
            yield pytest.param(step, fault, id="%s-%s" % (step.name, fault.name))


def each_once(params):
    """Under valgrind, a subset of the cases in which every step and every
    fault still appear (each code path once): a case is kept when its step or
    its fault is not yet in a kept one. The cross product of steps and faults
    runs in the main stage and under ASan; under valgrind, whose CPU cost is
    many times theirs, it would check the same code once per step again."""
    params = list(params)
    if MEMCHECK != "valgrind":
        return params
    steps, faults, kept = set(), set(), []
    for p in params:
        step, fault = p.values
        if step.name not in steps or fault.name not in faults:
            kept.append(p)
            steps.add(step.name)
            faults.add(fault.name)
    return kept


class Scene:
    """The emulator (behind a gate for faults below HTTP), and a fault ready to strike at a step."""

    def __init__(self, emulator, ca_dir, step, fault, count):
        self.emulator, self.step, self.fault, self.count = emulator, step, fault, count
        self.gate = Gate(emulator.port) if fault.below else None
        self.endpoint = self.gate.endpoint if self.gate else emulator.endpoint
        self.bad = None
        if fault.below not in (None, "refused", "reset_new"):
            self.bad = Emulator(ca_dir, cert=fault.below)
        self.hook_seconds = 0.0

    def strike(self):
        start = time.monotonic()
        if self.fault.emulator is not None:
            self.emulator.fault(operation=self.step.operation, count=self.count,
                                **self.fault.emulator)
        elif self.fault.below == "refused":
            self.gate.refuse()
        else:
            if self.fault.below == "reset_new":
                self.gate.reset_new(self.count + self.early_connections())
            else:
                self.gate.route_to(self.bad.port)
            self.gate.cut()
            time.sleep(0.05)  # the module sees the cut before it reuses the connection
        self.hook_seconds += time.monotonic() - start

    def early_connections(self):
        """With auth_flow = password the first connection is the one the module
        makes while the password prompt is open (OPTIONS /, its failure
        ignored): InitiateAuth's own connection is the next one."""
        return 1 if self.step.flow == "password" and self.step.prompt is None else 0

    def close(self):
        if self.gate is not None:
            self.gate.stop()
        if self.bad is not None:
            self.bad.stop()


def run(pam, emulator, ca_dir, step, fault, retries, count, failmode="secure"):
    scene = Scene(emulator, ca_dir, step, fault, count)
    try:
        pam.write_conf(conf_text(emulator, ca_dir, endpoint=scene.endpoint,
                                 auth_flow=None if step.flow == "srp" else step.flow,
                                 timeout=TIMEOUT, connect_timeout=CONNECT_TIMEOUT, retries=retries,
                                 debug="yes", failmode=failmode))
        pam.write_service(after_lines="auth required pam_permit.so\n")
        if step.setup is not None:
            step.setup(emulator)
        if step.prompt is None:
            scene.strike()
        answers = (step.answers or alice_answers)(step, scene.strike if step.prompt else None)
        r = pam.run(step.user, answers, rhost="198.51.100.7")
    finally:
        scene.close()
    return r, scene


def expected(step, fault):
    """(PAM code, log texts, message to the person) of fault at step."""
    if fault.shape and step.shape_log:
        return UNAVAIL, (step.shape_log,), TOLD_UNAVAILABLE
    return fault.code, fault.log, fault.told


def verdict_line(r):
    lines = [l for l in r.log if "outcome=" in l]
    assert len(lines) == 1, r.log
    return lines[0]


@pytest.mark.serial
@pytest.mark.parametrize("step,fault", each_once(cases()))
def test_fault_gives_the_documented_verdict_in_time(pam, emulator, ca_dir, step, fault):
    # Enough faults to outlast the retry.
    r, scene = run(pam, emulator, ca_dir, step, fault, retries=1, count=5)
    code, log, told = expected(step, fault)
    assert r.code == code, (r.transcript, r.log)
    line = verdict_line(r)
    assert any(s in line for s in log), line
    assert told in r.texts("ERROR"), r.transcript
    assert r.elapsed - scene.hook_seconds <= TIMEOUT + TIME_SLACK, r.elapsed
    if step.prompt:
        assert r.prompts().count(step.prompt) == 1, r.transcript


@pytest.mark.serial
@pytest.mark.parametrize("step,fault", each_once(cases(only_retryable=True,
                                                      steps=STEPS + REPEATABLE_STEPS)))
def test_retryable_fault_once_then_a_good_answer_succeeds(pam, emulator, ca_dir, step, fault):
    r, scene = run(pam, emulator, ca_dir, step, fault, retries=1, count=1)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert any("retrying in" in l for l in r.log), r.log
    if fault.emulator is not None:
        assert emulator.counters()["requests"][step.operation] == step.calls + 1
    assert r.elapsed - scene.hook_seconds <= TIMEOUT + TIME_SLACK, r.elapsed


@pytest.mark.parametrize("step,fault", each_once(c for c in cases(only_retryable=True)
                                                  if c.values[1].emulator is not None))
def test_retryable_fault_is_not_retried_without_retries(pam, emulator, ca_dir, step, fault):
    r, _ = run(pam, emulator, ca_dir, step, fault, retries=0, count=1)
    assert r.code == UNAVAIL, (r.transcript, r.log)
    assert emulator.counters()["requests"][step.operation] == 1  # the first one failed


PADDED = Fault("padded_to_the_limit", "PAM_SUCCESS", (),
               emulator={"kind": "padded", "size": 64 * 1024})


@pytest.mark.parametrize("step", STEPS + REPEATABLE_STEPS, ids=lambda s: s.name)
def test_answer_as_large_as_the_limit_signs_in(pam, emulator, ca_dir, step):
    # 64 KiB exactly, the most the module reads, with a field it does not
    # know: read through libcurl's receive buffer of one page.
    r, _ = run(pam, emulator, ca_dir, step, PADDED, retries=0, count=1)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    padded = [e for e in emulator.requests_log() if e["fault"] == "padded"]
    assert [e["operation"] for e in padded] == [step.operation], emulator.requests_log()


@pytest.mark.parametrize("step,fault", each_once(cases(only_counting=True)))
def test_server_error_after_a_request_that_may_have_counted_is_not_sent_again(
        pam, emulator, ca_dir, step, fault):
    # A code, a password or a single-use Session may have counted even though
    # the answer is a 5xx: the request goes out once, whatever `retries` says.
    r, _ = run(pam, emulator, ca_dir, step, fault, retries=2, count=1)
    assert r.code == UNAVAIL, (r.transcript, r.log)
    assert "not sent again" in verdict_line(r), r.log
    assert not any("retrying in" in l for l in r.log), r.log
    assert emulator.counters()["requests"][step.operation] == 1


def test_lost_answer_on_a_reused_connection_is_not_sent_again(pam, emulator, ca_dir):
    # The code reaches Cognito and counts, but the kept-alive connection dies
    # before the answer. libcurl would send the request again on a new
    # connection; the module refuses, so the code is sent once.
    step = STEPS[1]
    r, _ = run(pam, emulator, ca_dir, step, FAULTS[2], retries=2, count=1)
    assert r.code == UNAVAIL, (r.transcript, r.log)
    assert "not sent again" in verdict_line(r)
    assert emulator.counters()["requests"]["RespondToAuthChallenge"] == 1


@pytest.mark.serial
def test_refused_connection_is_retried_inside_the_budget(pam, emulator, ca_dir):
    r, _ = run(pam, emulator, ca_dir, STEPS[0], FAULTS[0], retries=2, count=1)
    assert r.code == UNAVAIL
    attempts = [l for l in r.log if "cognito InitiateAuth: attempt" in l]
    assert len(attempts) == 3, r.log
    assert r.elapsed <= TIMEOUT + TIME_SLACK


@pytest.mark.parametrize("fault", [f for f in FAULTS if f.code == UNAVAIL], ids=lambda f: f.name)
def test_failmode_safe_lets_the_stack_go_on_and_warns(pam, emulator, ca_dir, fault):
    # pam_permit after the module admits: PAM_IGNORE leaves the decision to it.
    r, _ = run(pam, emulator, ca_dir, STEPS[0], fault, retries=0, count=5, failmode="safe")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    warnings = [l for l in r.log if "failmode=safe" in l]
    assert len(warnings) == 1 and "user alice from 198.51.100.7" in warnings[0], r.log
    assert any(s in warnings[0] for s in fault.log), warnings[0]


def test_connection_closed_while_the_person_types_is_replaced(pam, emulator, ca_dir):
    # Cognito closes idle keep-alive connections: the next call opens a new one.
    gate = Gate(emulator.port)
    try:
        pam.write_conf(conf_text(emulator, ca_dir, endpoint=gate.endpoint))
        pam.write_service()

        def answer(kind, text):
            if text == CODE_PROMPT:
                gate.cut()
                time.sleep(0.05)
                return totp(TOTP_SECRET)
            return PASSWORD
        r = pam.run("alice", answer)
    finally:
        gate.stop()
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert gate.accepted == 2
    assert emulator.counters()["requests"]["RespondToAuthChallenge"] == 1


def test_password_change_answered_with_a_server_error_is_not_sent_again(pam, emulator, ca_dir):
    # Applied and then answered 5xx, a repeat would meet the old password as
    # wrong (counting towards the lockout) and report failure.
    from test_chauthtok import change, configure
    emulator.fault(operation="ChangePassword", kind="internal_error")
    configure(pam, emulator, ca_dir, retries=2)
    r = change(pam)
    assert r.codes == {"chauthtok": UNAVAIL}, (r.transcript, r.log)
    assert any("not sent again" in l for l in r.log), r.log
    assert emulator.counters()["requests"]["ChangePassword"] == 1

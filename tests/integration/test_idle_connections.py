"""A code typed after the kept-alive connection died still signs in, sent once.

The person types between calls; meanwhile the server may close the idle
connection (Cognito's idle timeout is not published: the emulator's is set
shorter than the typing time here), or a middlebox may drop it without a FIN
(the emulator's silent_drop fault: nothing more is read or written and the
socket is never closed). A closed connection is noticed by its FIN; one
dropped silently is not, but the module does not reuse a connection idle for
16 s or more (CURLOPT_MAXAGE_CONN), so the code goes out once on a new
connection.
"""
import time

import pytest

from conftest import PASSWORD, TOTP_SECRET, conf_text, totp
from emulator_process import Emulator
from conftest import CLIENT, POOL, requests_close_together
from pam_session import TIME_SLACK

CODE_PROMPT = "Verification code: "
# Longer than the emulator's idle timeout and than the reuse limit (16 s, PCG_REUSE_IDLE_MAX_S
# in cognito_client.c), with margin; a slow run only makes the idle time longer.
REUSE_LIMIT_SECONDS = 16
TYPING_SECONDS = REUSE_LIMIT_SECONDS + 3
# The network budget: under valgrind each TLS handshake takes a second or more.
TIMEOUT = 3 + 2 * int(TIME_SLACK - 1)


def typing_slowly(kind, text):
    if text == CODE_PROMPT:
        time.sleep(TYPING_SECONDS)
        return totp(TOTP_SECRET)
    return PASSWORD


@pytest.fixture
def short_idle_emulator(ca_dir):
    emu = Emulator(ca_dir, idle_timeout=1)
    emu.add_pool(id=POOL, mfa="OPTIONAL")
    emu.add_client(pool_id=POOL, client_id=CLIENT, client_secret=None,
                   flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])
    emu.add_user(pool_id=POOL, username="alice", password=PASSWORD, totp_secret=TOTP_SECRET)
    yield emu
    emu.stop()


@pytest.mark.parametrize("flow", ["password", None])
def test_code_typed_after_the_servers_idle_timeout_signs_in(pam, short_idle_emulator, ca_dir,
                                                             flow):
    emu = short_idle_emulator
    pam.write_conf(conf_text(emu, ca_dir, auth_flow=flow, timeout=TIMEOUT, retries=2))
    pam.write_service()
    r = pam.run("alice", typing_slowly)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    c = emu.counters()
    assert c["connections"] >= 2  # more when a slow run (valgrind) idles past 1 s elsewhere too
    assert c["requests"]["RespondToAuthChallenge"] == (1 if flow else 2)


@pytest.mark.parametrize("flow,before_the_prompt", [("password", "InitiateAuth"),
                                                    (None, "RespondToAuthChallenge")])
def test_code_typed_after_a_silent_drop_signs_in(pam, emulator, ca_dir, flow, before_the_prompt):
    # The answer before the code prompt arrives, then the connection goes
    # silent: a code sent on it would wait for the budget and could not be
    # sent again.
    emulator.fault(operation=before_the_prompt, kind="silent_drop")
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow=flow, timeout=TIMEOUT, retries=2))
    pam.write_service()
    r = pam.run("alice", typing_slowly)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.elapsed < TYPING_SECONDS + TIMEOUT, r.elapsed
    c = emulator.counters()
    assert c["connections"] == 2
    codes = [e for e in emulator.requests_log() if e["operation"] == "RespondToAuthChallenge"
             and e["body"].get("ChallengeName") == "SOFTWARE_TOKEN_MFA"]
    assert len(codes) == 1


def test_calls_without_a_prompt_between_them_share_one_connection(pam, emulator, ca_dir):
    # SRP: InitiateAuth and PASSWORD_VERIFIER back to back; a quick code.
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow=None))
    pam.write_service()
    r = pam.run("alice", lambda kind, text: PASSWORD if "assword" in text else totp(TOTP_SECRET))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    if requests_close_together(emulator):
        assert emulator.counters()["connections"] == 1

"""A connection the peer reset does not kill the application with SIGPIPE.

With CURLOPT_NOSIGNAL libcurl does not ignore SIGPIPE itself, and libcurl up
to 7.86 let OpenSSL write to the socket with plain write(): a TLS record or
close_notify written to a connection the peer reset raised SIGPIPE, whose
default action ends login, su or sshd's child. Debian 12's libcurl 7.88
sends with MSG_NOSIGNAL, so these tests preload tests/nosignal_shim.c, which
drops that flag and makes the installed libcurl behave like the older ones.

The driver starts with SIGPIPE at its default disposition and reports, after
pam_end, whether its signal mask is what it was and whether a SIGPIPE is
left pending (pam_driver --signals).
"""
import os
import subprocess
import time

import pytest

from conftest import PASSWORD, TOTP_SECRET, conf_text, totp
from pam_session import TOP_BUILDDIR
from tcp_gate import Gate

HERE = os.path.dirname(os.path.abspath(__file__))
CODE_PROMPT = "Verification code: "
UNTOUCHED = {"mask": "same", "pipe_pending": "0", "pipe_handler": "default"}


@pytest.fixture(scope="module")
def shim():
    out = os.path.join(TOP_BUILDDIR, "tests", "results", "nosignal_shim.so")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", out,
                    os.path.join(HERE, "..", "nosignal_shim.c"), "-ldl"], check=True)
    return out


def run(pam, shim, answer):
    env = {"LD_PRELOAD": pam.env()["LD_PRELOAD"] + ":" + shim}
    return pam.run("alice", answer, extra_env=env, signals=True)


def test_connection_reset_while_the_person_types(pam, emulator, ca_dir, shim):
    # The kept-alive connection is reset during the code prompt. Reusing it,
    # libcurl finds it dead and closes it, sending close_notify into the reset
    # socket; then it connects again and the code goes out once.
    gate = Gate(emulator.port)
    try:
        pam.write_conf(conf_text(emulator, ca_dir, endpoint=gate.endpoint))
        pam.write_service()

        def answer(kind, text):
            if text == CODE_PROMPT:
                gate.cut(reset=True)
                time.sleep(0.05)
                return totp(TOTP_SECRET)
            return PASSWORD
        r = run(pam, shim, answer)
    finally:
        gate.stop()
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.signals == UNTOUCHED, r.signals
    assert gate.accepted == 2
    assert emulator.counters()["requests"]["RespondToAuthChallenge"] == 1


def test_connection_reset_in_the_middle_of_an_answer(pam, emulator, ca_dir, shim):
    emulator.fault(operation="RespondToAuthChallenge", kind="reset")
    pam.write_conf(conf_text(emulator, ca_dir, retries=2))
    pam.write_service()
    r = run(pam, shim, lambda kind, text: PASSWORD if "assword" in text else totp(TOTP_SECRET))
    assert r.code == "PAM_AUTHINFO_UNAVAIL", (r.transcript, r.log)
    assert r.signals == UNTOUCHED, r.signals
    assert emulator.counters()["requests"]["RespondToAuthChallenge"] == 1

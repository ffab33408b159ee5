"""Cognito out of reach: failmode, TLS trust, and the network time budget."""
import os
import socket

import pytest

from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp
from emulator_process import Emulator
from pam_session import TIME_SLACK


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_emulator_down_is_authinfo_unavail(pam, ca_dir):
    pam.write_conf(conf_text(None, ca_dir, endpoint="https://localhost:%d/" % closed_port()))
    pam.write_service()
    r = pam.run("alice", Answers(PASSWORD))
    assert r.code == "PAM_AUTHINFO_UNAVAIL"
    assert "The sign-in service is not available right now. Try again later." in r.texts("ERROR")
    assert any("outcome=unavailable" in l for l in r.log), r.log


PERMIT_AFTER = "auth required pam_permit.so\n"


def test_emulator_down_with_failmode_safe_is_ignore_and_warns(pam, ca_dir):
    # PAM_IGNORE lets the next module decide: here pam_permit admits.
    pam.write_conf(conf_text(None, ca_dir, endpoint="https://localhost:%d/" % closed_port(),
                             failmode="safe"))
    pam.write_service(after_lines=PERMIT_AFTER)
    r = pam.run("alice", Answers(PASSWORD), rhost="198.51.100.7")
    assert r.code == "PAM_SUCCESS"
    assert any("outcome=unavailable" in l and "ignored" in l for l in r.log), r.log
    warnings = [l for l in r.log if "failmode=safe" in l]
    assert warnings and "alice" in warnings[0] and "198.51.100.7" in warnings[0], r.log


def test_failmode_secure_with_the_same_stack_refuses(pam, ca_dir):
    pam.write_conf(conf_text(None, ca_dir, endpoint="https://localhost:%d/" % closed_port()))
    pam.write_service(after_lines=PERMIT_AFTER)
    r = pam.run("alice", Answers(PASSWORD))
    assert r.code == "PAM_AUTHINFO_UNAVAIL"


def test_failmode_safe_does_not_soften_a_wrong_password(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, failmode="safe"))
    pam.write_service(after_lines=PERMIT_AFTER)
    r = pam.run("alice", Answers("wrong"))
    assert r.code == "PAM_AUTH_ERR"


def test_failmode_safe_does_not_soften_a_bad_config(pam, ca_dir):
    pam.write_conf(conf_text(None, ca_dir, failmode="safe", timeout="lots"))
    pam.write_service()
    r = pam.run("alice", Answers(PASSWORD))
    assert r.code == "PAM_SERVICE_ERR"


def test_certificate_from_another_ca_is_refused_before_any_request(pam, ca_dir):
    other = Emulator(ca_dir, cert="other-server")
    try:
        pam.write_conf(conf_text(other, ca_dir))
        pam.write_service()
        r = pam.run("alice", Answers(PASSWORD))
        assert r.code == "PAM_AUTHINFO_UNAVAIL"
        assert other.counters()["requests_total"] == 0
        assert any("certificate" in l.lower() or "ssl" in l.lower() for l in r.log), r.log
    finally:
        other.stop()


@pytest.mark.serial
def test_emulator_slower_than_timeout_is_cut_at_the_budget(pam, emulator, ca_dir):
    # The answer would come well after budget + slack, so only the cut can
    # end the login in time; the slack grows under valgrind.
    budget = 2
    emulator.fault(operation="InitiateAuth", kind="delay", seconds=budget + TIME_SLACK + 6,
                   count=5)
    pam.write_conf(conf_text(emulator, ca_dir, timeout=budget, connect_timeout=1, retries=0))
    pam.write_service()
    r = pam.run("alice", Answers(PASSWORD))
    assert r.code == "PAM_AUTHINFO_UNAVAIL"
    assert r.elapsed < budget + TIME_SLACK, r.elapsed


def test_server_error_is_retried_within_the_budget(pam, emulator, ca_dir):
    # Starting SRP may be repeated (a password may not: test_fault_matrix.py).
    emulator.fault(operation="InitiateAuth", kind="http_status", status=500, count=1)
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow=None, retries=1))
    pam.write_service()
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert emulator.counters()["requests"]["InitiateAuth"] == 2


def test_proxy_environment_is_ignored(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    os.environ["https_proxy"] = "http://127.0.0.1:%d" % closed_port()
    os.environ["HTTPS_PROXY"] = os.environ["https_proxy"]
    try:
        env = pam.env()
    finally:
        del os.environ["https_proxy"], os.environ["HTTPS_PROXY"]
    env["https_proxy"] = env["HTTPS_PROXY"] = "http://127.0.0.1:%d" % closed_port()
    pam.env = lambda: env
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", r.log

"""How the module answers the sign-in errors AWS gives, as the emulator reproduces them
(each behaviour has its row and source in tests/emulator/README.md, "AWS fidelity")."""
import time

import pytest

from conftest import PASSWORD, POOL, TOTP_SECRET, Answers, conf_text, totp

FLOWS = ["password", None]  # None: the srp default


def configure(pam, emulator, ca_dir, flow, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow=flow, **conf))
    pam.write_service()


@pytest.mark.parametrize("flow", FLOWS)
def test_locked_out_user_is_told_to_wait(pam, emulator, ca_dir, flow):
    # NotAuthorizedException "Password attempts exceeded", even with the right password.
    emulator.admin("POST", "/users/update", {"pool_id": POOL, "username": "alice", "failed_attempts": 5,
                                             "locked_until": time.time() + 600})
    configure(pam, emulator, ca_dir, flow)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Too many failed attempts. Wait a few minutes, then try again."]
    assert any("Password attempts exceeded" in l for l in r.log), r.log


@pytest.mark.parametrize("flow", FLOWS)
def test_fifth_wrong_password_locks_the_next_right_one_out(pam, emulator, ca_dir, flow):
    configure(pam, emulator, ca_dir, flow)
    for _ in range(5):
        assert pam.run("alice", Answers("Wrong-Passw0rd!")).texts("ERROR") == ["Incorrect username or password."]
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Too many failed attempts. Wait a few minutes, then try again."]


@pytest.mark.parametrize("flow", FLOWS)
def test_disabled_user_is_refused_like_a_wrong_password(pam, emulator, ca_dir, flow):
    emulator.admin("POST", "/users/update", {"pool_id": POOL, "username": "alice", "enabled": False})
    configure(pam, emulator, ca_dir, flow)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Incorrect username or password."]
    assert any("User is disabled." in l for l in r.log), r.log


def test_unconfirmed_user_is_told_to_ask_the_administrator(pam, emulator, ca_dir):
    emulator.admin("POST", "/users/update", {"pool_id": POOL, "username": "alice", "status": "UNCONFIRMED"})
    configure(pam, emulator, ca_dir, None)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Your account is not confirmed yet. Ask your administrator."]


def test_totp_code_used_once_is_refused_then_the_next_one_admits(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, "password")
    used = emulator.admin("GET", "/totp?secret=" + TOTP_SECRET)["code"]
    first = pam.run("alice", Answers(PASSWORD, used))
    assert first.code == "PAM_SUCCESS", (first.transcript, first.log)
    following = emulator.admin("GET", "/totp?secret=%s&offset_steps=1" % TOTP_SECRET)["code"]
    r = pam.run("alice", Answers(PASSWORD, used, following))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    # AWS: ExpiredCodeException for the reused code; the module counts it as a wrong code.
    assert r.texts("ERROR") == ["Wrong code. 2 tries left."], r.transcript
    answers = [e for e in emulator.requests_log() if e["operation"] == "RespondToAuthChallenge"]
    assert [e["error_type"] for e in answers[-2:]] == ["ExpiredCodeException", None]


def test_unknown_user_with_existence_errors_prevented_is_a_wrong_password_over_srp(pam, emulator, ca_dir):
    # AWS answers USER_SRP_AUTH for an unknown user with a PASSWORD_VERIFIER no answer passes.
    emulator.admin("POST", "/pools/update", {"id": POOL, "prevent_user_existence_errors": True})
    configure(pam, emulator, ca_dir, None)
    r = pam.run("carol", Answers(PASSWORD))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Incorrect username or password."]
    assert [e["operation"] for e in emulator.requests_log()] == ["InitiateAuth", "RespondToAuthChallenge"]

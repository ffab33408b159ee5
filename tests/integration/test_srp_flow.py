"""USER_SRP_AUTH (the default flow) through the real module against the emulator's SRP."""
import subprocess

import pytest

from conftest import (CLIENT_SECRET, PASSWORD, POOL, SECRET_CLIENT, TOTP_SECRET, Answers, conf_text,
                      totp)


def configure(pam, emulator, ca_dir, **conf):
    conf.setdefault("auth_flow", None)  # the default: srp
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service()


def sent(emulator, operation):
    return [e["body"] for e in emulator.requests_log() if e["operation"] == operation]


def test_srp_and_totp_succeed_by_default(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    init = sent(emulator, "InitiateAuth")[0]
    assert init["AuthFlow"] == "USER_SRP_AUTH"
    assert "PASSWORD" not in init["AuthParameters"]
    assert PASSWORD not in str(emulator.requests_log())


def test_srp_wrong_password_is_auth_err(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers("Wrong-Passw0rd!"))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Incorrect username or password."]


def test_srp_login_through_an_alias(pam, emulator, ca_dir):
    emulator.add_user(pool_id=POOL, username="8f2c1d3e-real-id", password=PASSWORD,
                      totp_secret=TOTP_SECRET, aliases=["dave@example.com"])
    configure(pam, emulator, ca_dir, username="%u@example.com")
    r = pam.run("dave", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    answers = sent(emulator, "RespondToAuthChallenge")
    assert all(a["ChallengeResponses"]["USERNAME"] == "8f2c1d3e-real-id" for a in answers)


def test_srp_client_secret_with_alias_hashes_the_real_user_id(pam, emulator, ca_dir):
    emulator.add_user(pool_id=POOL, username="0a9b-erin-id", password=PASSWORD,
                      totp_secret=TOTP_SECRET, aliases=["erin@example.com"])
    configure(pam, emulator, ca_dir, username="%u@example.com", client_id=SECRET_CLIENT,
          client_secret=CLIENT_SECRET)
    r = pam.run("erin", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    for a in sent(emulator, "RespondToAuthChallenge"):
        assert "SECRET_HASH" in a["ChallengeResponses"]


def test_srp_under_a_german_locale(pam, emulator, ca_dir):
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout
    assert "de_DE.utf8" in have, "de_DE.UTF-8 must be generated (see .ci/run)"
    configure(pam, emulator, ca_dir)
    env = pam.env()
    env.update(LC_ALL="de_DE.UTF-8", LANG="de_DE.UTF-8", TZ="Europe/Berlin")
    pam.env = lambda: env
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    ts = sent(emulator, "RespondToAuthChallenge")[0]["ChallengeResponses"]["TIMESTAMP"]
    assert ts.split(" ")[0] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert " UTC " in ts


def test_negative_salt_for_unknown_user_is_auth_err(pam, emulator, ca_dir):
    emulator.add_pool(id="us-east-1_NegSalt", mfa="OPTIONAL", negative_salt_for_unknown=True,
                      prevent_user_existence_errors=True)
    emulator.add_client(pool_id="us-east-1_NegSalt", client_id="negsaltclient", client_secret=None,
                        flows=["ALLOW_USER_SRP_AUTH"])
    configure(pam, emulator, ca_dir, user_pool_id="us-east-1_NegSalt", client_id="negsaltclient")
    r = pam.run("carol", Answers(PASSWORD))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Incorrect username or password."]
    assert any("bad_srp_parameters" in l for l in r.log), r.log


def test_srp_not_enabled_for_client_is_service_err(pam, emulator, ca_dir):
    emulator.add_client(pool_id=POOL, client_id="pwonlyclient", client_secret=None,
                        flows=["ALLOW_USER_PASSWORD_AUTH"])
    configure(pam, emulator, ca_dir, client_id="pwonlyclient")
    r = pam.run("alice", Answers(PASSWORD))
    assert r.code == "PAM_SERVICE_ERR"


def test_password_verifier_without_session_is_answered_without_one(pam, emulator, ca_dir):
    # AWS sends PASSWORD_VERIFIER without a Session (the emulator's default).
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    verifier, mfa = sent(emulator, "RespondToAuthChallenge")
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER" and "Session" not in verifier
    assert mfa["ChallengeName"] == "SOFTWARE_TOKEN_MFA" and len(mfa["Session"]) >= 20


def test_password_verifier_with_session_echoes_it(pam, emulator, ca_dir):
    # The older shape: the Session must come back, unmodified (the emulator checks it).
    emulator.admin("POST", "/pools/update", {"id": POOL, "password_verifier_session": True})
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    verifier, mfa = sent(emulator, "RespondToAuthChallenge")
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER" and len(verifier["Session"]) >= 20
    assert mfa["Session"] != verifier["Session"]

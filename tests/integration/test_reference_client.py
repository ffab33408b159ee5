"""amazon-cognito-identity-js, the reference SRP client, signs in against our emulator.

That proves the emulator's SRP is Cognito's SRP; the module signing in against
the same emulator (test_srp_flow.py) then proves the module's.
"""
import os
import subprocess

import pytest

from conftest import CLIENT, PASSWORD, POOL, TOTP_SECRET
from pam_session import TOP_BUILDDIR

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "reference")


@pytest.fixture(scope="module")
def ref_dir():
    path = os.path.join(TOP_BUILDDIR, ".cache", "ref")
    subprocess.run(["sh", os.path.join(REFERENCE, "install-sdk.sh"), path], check=True)
    return path


def sdk_login(emulator, ca_dir, ref_dir, username, password):
    env = dict(os.environ, REF_DIR=ref_dir, NODE_EXTRA_CA_CERTS=os.path.join(ca_dir, "ca.pem"),
               COGNITO_PASSWORD=password)
    return subprocess.run(
        ["node", os.path.join(REFERENCE, "srp_login.js"), "--endpoint", emulator.endpoint,
         "--pool-id", POOL, "--client-id", CLIENT, "--username", username],
        env=env, capture_output=True, text=True, timeout=60)


def verifier_answers(emulator):
    return [e["body"] for e in emulator.requests_log()
            if e["operation"] == "RespondToAuthChallenge"
            and e["body"].get("ChallengeName") == "PASSWORD_VERIFIER"]


def test_reference_client_signs_in_over_srp(emulator, ca_dir, ref_dir):
    # AWS's shape (the emulator's default): PASSWORD_VERIFIER comes without a Session.
    r = sdk_login(emulator, ca_dir, ref_dir, "bob", PASSWORD)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[0] == "result: onSuccess"
    assert ["Session" in a for a in verifier_answers(emulator)] == [False]


def test_reference_client_signs_in_when_password_verifier_has_a_session(emulator, ca_dir, ref_dir):
    emulator.admin("POST", "/pools/update", {"id": POOL, "password_verifier_session": True})
    r = sdk_login(emulator, ca_dir, ref_dir, "bob", PASSWORD)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[0] == "result: onSuccess"
    assert ["Session" in a for a in verifier_answers(emulator)] == [True]


def test_reference_client_reaches_totp_after_srp(emulator, ca_dir, ref_dir):
    r = sdk_login(emulator, ca_dir, ref_dir, "alice", PASSWORD)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[0] == "result: totpRequired"


def test_reference_client_signs_in_through_an_alias(emulator, ca_dir, ref_dir):
    emulator.add_user(pool_id=POOL, username="5d1e-frank-id", password="Pässwörd-ünïcode-1",
                      aliases=["frank@example.com"])
    r = sdk_login(emulator, ca_dir, ref_dir, "frank@example.com", "Pässwörd-ünïcode-1")
    assert r.returncode == 0, r.stdout + r.stderr


def test_reference_client_wrong_password_fails(emulator, ca_dir, ref_dir):
    r = sdk_login(emulator, ca_dir, ref_dir, "bob", "Not-the-passw0rd")
    assert r.returncode == 1
    assert "NotAuthorizedException" in r.stdout

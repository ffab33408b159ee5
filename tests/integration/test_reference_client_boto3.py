"""boto3, AWS's own generated client, against the emulator: each operation the
module uses, once (boto3_client.py), so the emulator's answers are parsed by
the code AWS generates from its service model; conftest.py also checks each
of these requests and answers against that model.

boto3 trusts the emulator's test CA (verify=ca.pem), never verify=False.
"""
import json
import os
import subprocess

import pytest

import botocore_model
from conftest import CLIENT, PASSWORD, POOL

pytestmark = pytest.mark.memcheck_blind  # none of our C code runs here

HERE = os.path.dirname(os.path.abspath(__file__))
NEW_PASSWORD = "N3w-Battery-Staple!"


@pytest.fixture(scope="module")
def boto3_python():
    found = botocore_model.boto3_python()
    assert found, ("no Python with boto3 (tried %s); scripts/install-deps.sh installs one"
                   % ", ".join(botocore_model.candidates()))
    return found


def run_boto3(boto3_python, emulator, ca_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
               AWS_EC2_METADATA_DISABLED="true")
    r = subprocess.run(
        [boto3_python["python"], os.path.join(HERE, "boto3_client.py"), emulator.endpoint,
         os.path.join(ca_dir, "ca.pem"), "http://127.0.0.1:%d" % emulator.admin_port, POOL, CLIENT,
         PASSWORD, NEW_PASSWORD], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def test_boto3_parses_every_answer_of_each_operation_the_module_uses(boto3_python, emulator, ca_dir):
    print("boto3 %s (botocore %s) of %s" % (boto3_python["boto3"], boto3_python["botocore"],
                                             boto3_python["python"]))
    emulator.admin("POST", "/pools/update", {"id": POOL, "mfa": "ON"})
    emulator.add_user(pool_id=POOL, username="dave", password=PASSWORD, totp_secret=None,
                      attributes={"email": "dave@example.com", "email_verified": "true"})
    steps = run_boto3(boto3_python, emulator, ca_dir)
    assert [s["operation"] for s in steps] == [
        "InitiateAuth", "InitiateAuth", "InitiateAuth", "RespondToAuthChallenge",
        "InitiateAuth", "AssociateSoftwareToken", "VerifySoftwareToken", "RespondToAuthChallenge",
        "AssociateSoftwareToken", "VerifySoftwareToken", "SetUserMFAPreference", "GetUser",
        "ChangePassword", "ForgotPassword", "ConfirmForgotPassword", "ConfirmForgotPassword"]
    (wrong, verifier, totp_challenge, signed_in, setup, assoc, verified, set_up,
     assoc2, verified2, preference, user, changed, forgot, confirmed, reused) = steps
    assert wrong == {"operation": "InitiateAuth", "error": "NotAuthorizedException",
                     "class": "NotAuthorizedException", "status": 400}
    assert verifier["challenge"] == "PASSWORD_VERIFIER"
    assert verifier["parameters"] == ["SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"]
    assert totp_challenge["challenge"] == "SOFTWARE_TOKEN_MFA" and "Session" in totp_challenge["keys"]
    assert "AuthenticationResult" in signed_in["keys"], signed_in
    assert setup["challenge"] == "MFA_SETUP" and setup["parameters"] == ["MFAS_CAN_SETUP"]
    assert assoc["keys"] == ["SecretCode", "Session"]
    assert verified["keys"] == ["Session", "Status"]
    assert "AuthenticationResult" in set_up["keys"], set_up
    assert assoc2["keys"] == ["SecretCode"] and verified2["keys"] == ["Status"]
    assert preference["keys"] == [] and changed["keys"] == [] and confirmed["keys"] == []
    assert {"Username", "UserAttributes", "UserMFASettingList", "PreferredMfaSetting"} <= set(user["keys"])
    assert forgot["keys"] == ["CodeDeliveryDetails"]
    assert reused["error"] in ("CodeMismatchException", "ExpiredCodeException"), reused
    assert reused["class"] == reused["error"]  # the modelled exception, not a generic ClientError
    assert {e["headers"].get("User-Agent", "").split("/")[0] for e in emulator.requests_log()} == {"Boto3"}

"""boto3, AWS's own generated client, drives each operation pam_cognito uses
against the emulator (test_reference_client_boto3.py). Run by a Python that
has boto3 (botocore_model.boto3_python()), not by the suite's.

Usage: boto3_client.py ENDPOINT CAFILE ADMIN_URL POOL CLIENT PASSWORD NEW_PASSWORD
Users: alice (TOTP set up, TOTP_SECRET below), dave (no MFA, a verified
email) in a pool whose MFA is ON. Prints one JSON line per step: the
operation, and what botocore parsed (the keys of the answer, or the error's
code and class).
"""
import json
import os
import secrets
import sys
import urllib.request

import boto3
import botocore
from botocore import UNSIGNED
from botocore.config import Config

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "emulator"))
import srp  # noqa: E402  (the group: RFC 5054's 3072-bit N, g = 2)

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def main(endpoint, cafile, admin, pool, client_id, password, new_password):
    # These operations need no AWS credentials (authtype none in the model);
    # UNSIGNED makes sure none are looked for. verify: the emulator's test CA.
    # No retries: every answer is the emulator's first.
    client = boto3.client(
        "cognito-idp", region_name=pool.split("_")[0], endpoint_url=endpoint, verify=cafile,
        config=Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1}))

    def admin_get(path):
        with urllib.request.urlopen(admin + path, timeout=10) as r:
            return json.loads(r.read())

    def totp(secret, offset_steps=0):
        return admin_get("/totp?secret=%s&offset_steps=%d" % (secret, offset_steps))["code"]

    def step(operation, **params):
        try:
            answer = getattr(client, botocore.xform_name(operation))(**params)
        except client.exceptions.ClientError as e:
            print(json.dumps({"operation": operation, "error": e.response["Error"]["Code"],
                              "class": type(e).__name__,
                              "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}), flush=True)
            return None
        answer.pop("ResponseMetadata", None)
        print(json.dumps({"operation": operation, "keys": sorted(answer),
                          "challenge": answer.get("ChallengeName"),
                          "parameters": sorted(answer.get("ChallengeParameters", {}))}), flush=True)
        return answer

    # Errors: botocore maps __type to the modelled exception class.
    step("InitiateAuth", ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
         AuthParameters={"USERNAME": "alice", "PASSWORD": "Not-the-passw0rd"})
    # SRP: PASSWORD_VERIFIER's parameters (A = g^a mod N for a random a).
    step("InitiateAuth", ClientId=client_id, AuthFlow="USER_SRP_AUTH",
         AuthParameters={"USERNAME": "alice", "SRP_A": "%x" % pow(srp.G, secrets.randbits(256), srp.N)})

    # A user with TOTP: SOFTWARE_TOKEN_MFA, answered with the code.
    first = step("InitiateAuth", ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                 AuthParameters={"USERNAME": "alice", "PASSWORD": password})
    step("RespondToAuthChallenge", ClientId=client_id, ChallengeName="SOFTWARE_TOKEN_MFA",
         Session=first["Session"],
         ChallengeResponses={"USERNAME": first["ChallengeParameters"]["USER_ID_FOR_SRP"],
                             "SOFTWARE_TOKEN_MFA_CODE": totp(TOTP_SECRET)})

    # A user without MFA in a pool that requires it: MFA_SETUP, with the Session.
    setup = step("InitiateAuth", ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                 AuthParameters={"USERNAME": "dave", "PASSWORD": password})
    assoc = step("AssociateSoftwareToken", Session=setup["Session"])
    verified = step("VerifySoftwareToken", Session=assoc["Session"], UserCode=totp(assoc["SecretCode"]),
                    FriendlyDeviceName="boto3 reference client")
    tokens = step("RespondToAuthChallenge", ClientId=client_id, ChallengeName="MFA_SETUP",
                  Session=verified["Session"], ChallengeResponses={"USERNAME": "dave"})
    access = tokens["AuthenticationResult"]["AccessToken"]

    # With the access token: the other way to set up TOTP, the preference, the profile.
    assoc = step("AssociateSoftwareToken", AccessToken=access)
    step("VerifySoftwareToken", AccessToken=access, UserCode=totp(assoc["SecretCode"], 1),
         FriendlyDeviceName="second app")
    step("SetUserMFAPreference", AccessToken=access,
         SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    step("GetUser", AccessToken=access)
    step("ChangePassword", AccessToken=access, PreviousPassword=password, ProposedPassword=new_password)

    # The password reset.
    step("ForgotPassword", ClientId=client_id, Username="dave")
    code = admin_get("/codes/%s/dave" % pool)["reset_code"]
    step("ConfirmForgotPassword", ClientId=client_id, Username="dave", ConfirmationCode=code,
         Password=password)
    step("ConfirmForgotPassword", ClientId=client_id, Username="dave", ConfirmationCode=code,
         Password=password)  # the code is used: an error


if __name__ == "__main__":
    main(*sys.argv[1:])

"""The emulator's SMS and email MFA settings, straight through its API (no module)."""
import http.client
import json
import os
import ssl

import pytest

from conftest import CLIENT, PASSWORD, POOL, TOTP_SECRET

pytestmark = pytest.mark.memcheck_blind  # none of our C code runs here

PHONE = "+15551234567"


def api(emulator, ca_dir, operation, body):
    ctx = ssl.create_default_context(cafile=os.path.join(ca_dir, "ca.pem"))
    conn = http.client.HTTPSConnection("localhost", emulator.port, context=ctx, timeout=10)
    conn.request("POST", "/", json.dumps(body), {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService." + operation})
    resp = conn.getresponse()
    answer = json.loads(resp.read())
    conn.close()
    return resp.status, answer


def initiate(emulator, ca_dir, user):
    return api(emulator, ca_dir, "InitiateAuth", {
        "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
        "AuthParameters": {"USERNAME": user, "PASSWORD": PASSWORD}})[1]


def respond(emulator, ca_dir, step, responses):
    return api(emulator, ca_dir, "RespondToAuthChallenge", {
        "ClientId": CLIENT, "ChallengeName": step["ChallengeName"], "Session": step["Session"],
        "ChallengeResponses": responses})


def signed_in_token(emulator, ca_dir, user):
    step = initiate(emulator, ca_dir, user)
    assert step["ChallengeName"] == "SMS_MFA", step
    code = emulator.admin("GET", "/codes/%s/%s" % (POOL, user))["sms_code"]
    status, answer = respond(emulator, ca_dir, step, {"USERNAME": user, "SMS_MFA_CODE": code})
    assert status == 200, answer
    return answer["AuthenticationResult"]["AccessToken"]


def test_sms_preference_turns_select_mfa_type_into_sms_mfa(emulator, ca_dir):
    emulator.add_user(pool_id=POOL, username="frank", password=PASSWORD, totp_secret=TOTP_SECRET,
                      attributes={"phone_number": PHONE}, sms_mfa_enabled=True)
    step = initiate(emulator, ca_dir, "frank")
    assert step["ChallengeName"] == "SELECT_MFA_TYPE"
    assert json.loads(step["ChallengeParameters"]["MFAS_CAN_CHOOSE"]) == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
    status, answer = respond(emulator, ca_dir, step, {"USERNAME": "frank", "ANSWER": "EMAIL_OTP"})
    assert status == 400 and answer["__type"] == "InvalidParameterException"
    status, sms = respond(emulator, ca_dir, step, {"USERNAME": "frank", "ANSWER": "SMS_MFA"})
    assert status == 200 and sms["ChallengeName"] == "SMS_MFA"
    assert sms["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "+*******4567"
    assert sms["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    status, wrong = respond(emulator, ca_dir, sms, {"USERNAME": "frank", "SMS_MFA_CODE": "000000"})
    assert status == 400 and wrong["__type"] == "CodeMismatchException"
    code = emulator.admin("GET", "/codes/%s/frank" % POOL)["sms_code"]
    assert len(code) == 6
    status, done = respond(emulator, ca_dir, sms, {"USERNAME": "frank", "SMS_MFA_CODE": code})
    assert status == 200 and "AccessToken" in done["AuthenticationResult"]
    assert emulator.admin("GET", "/codes/%s/frank" % POOL)["sms_code"] is None

    token = done["AuthenticationResult"]["AccessToken"]
    status, _ = api(emulator, ca_dir, "SetUserMFAPreference", {
        "AccessToken": token, "SMSMfaSettings": {"Enabled": True, "PreferredMfa": True}})
    assert status == 200
    _, me = api(emulator, ca_dir, "GetUser", {"AccessToken": token})
    assert me["UserMFASettingList"] == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
    assert me["PreferredMfaSetting"] == "SMS_MFA"
    signed_in_token(emulator, ca_dir, "frank")  # SMS_MFA straight away, no choice


def test_email_needs_an_address_and_sends_eight_digits(emulator, ca_dir):
    emulator.add_user(pool_id=POOL, username="frank", password=PASSWORD,
                      attributes={"phone_number": PHONE}, sms_mfa_enabled=True)
    token = signed_in_token(emulator, ca_dir, "frank")
    status, answer = api(emulator, ca_dir, "SetUserMFAPreference", {
        "AccessToken": token, "EmailMfaSettings": {"Enabled": True}})
    assert status == 400 and "EMAIL_OTP" in answer["message"]
    emulator.admin("POST", "/users/update", {"pool_id": POOL, "username": "frank",
                                             "attributes": {"email": "frank@example.com"},
                                             "sms_mfa_enabled": False, "email_mfa_enabled": True})
    step = initiate(emulator, ca_dir, "frank")
    assert step["ChallengeName"] == "EMAIL_OTP"
    assert step["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "f***@e***"
    assert len(emulator.admin("GET", "/codes/%s/frank" % POOL)["email_code"]) == 8

"""The emulator's IAM-authorised operations for `cognito-mfa sync`
(ListUsersInGroup, ListUsers), its SigV4 check and its IMDSv2 stand-in,
driven by clients nobody here wrote: boto3/botocore (sync_api_client.py,
run by the Python that has boto3) and the AWS CLI. The emulator checks
every request and answer against botocore's service model (conftest.py
fails a test on a violation)."""
import json
import os
import subprocess
import urllib.error
import urllib.request

import pytest

import botocore_model
from emulator_process import Emulator

pytestmark = pytest.mark.memcheck_blind  # none of our C code runs here

HERE = os.path.dirname(os.path.abspath(__file__))
POOL = "us-east-1_SyncPool1"
OTHER_POOL = "us-east-1_SyncPool2"
PASSWORD = "Corr3ct-Horse!"
KEY = ("AKIDSYNCEXAMPLE", "sync-secret-0123456789abcdefghijklmnop")
ROLE = ("ASIAROLEEXAMPLE", "role-secret-0123456789abcdefghijklmn", "role-session-token-xyz")
OPS = ["ops-%03d" % i for i in range(130)]  # > 2 pages of 60


@pytest.fixture(scope="module")
def boto3_python():
    found = botocore_model.boto3_python()
    assert found, "no Python with boto3 (tried %s)" % ", ".join(botocore_model.candidates())
    return found["python"]


@pytest.fixture
def emu(ca_dir, tmp_path):
    users = [{"pool_id": POOL, "username": n, "password": PASSWORD, "groups": ["ops"],
              "attributes": {"email": "%s@example.com" % n}} for n in OPS]
    users += [{"pool_id": POOL, "username": "carol", "password": PASSWORD, "groups": ["ops", "ops-admin"],
               "sub": "11111111-2222-3333-4444-555555555555", "attributes": {"email": "carol@example.com"}},
              {"pool_id": POOL, "username": "dis", "password": PASSWORD, "enabled": False, "groups": ["ops"]},
              {"pool_id": POOL, "username": "newbie", "password": PASSWORD, "status": "UNCONFIRMED"},
              {"pool_id": OTHER_POOL, "username": "zed", "password": PASSWORD, "groups": ["ops"]}]
    state = {"pools": [{"id": POOL}, {"id": OTHER_POOL}],
             "groups": [{"pool_id": POOL, "group_name": "ops", "description": "Operators", "precedence": 10},
                        {"pool_id": POOL, "group_name": "empty"}],
             "users": users,
             "credentials": [{"access_key_id": KEY[0], "secret_access_key": KEY[1]},
                             {"access_key_id": ROLE[0], "secret_access_key": ROLE[1],
                              "session_token": ROLE[2], "imds_role": "pcg-sync-role"}]}
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state))
    e = Emulator(ca_dir, state=str(path))
    e.imds_port = json.load(open(os.path.join(e.workdir, "ports.json")))["imds_port"]
    yield e
    e.stop()


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
               AWS_EC2_METADATA_DISABLED="true")
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def key_env(key=KEY):
    return clean_env(AWS_ACCESS_KEY_ID=key[0], AWS_SECRET_ACCESS_KEY=key[1])


def run(python, emu, ca_dir, steps, env, region="us-east-1"):
    r = subprocess.run([python, os.path.join(HERE, "sync_api_client.py"), emu.endpoint,
                        os.path.join(ca_dir, "ca.pem"), region],
                       input=json.dumps(steps), env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def test_list_users_in_group_pages_of_60_until_no_token(boto3_python, emu, ca_dir):
    (out,) = run(boto3_python, emu, ca_dir, [
        {"call": "ListUsersInGroup", "params": {"UserPoolId": POOL, "GroupName": "ops"}, "paginate": True}],
        key_env())
    members = sorted(OPS + ["carol", "dis"])
    assert out["pages"] == [60, 60, 12] and out["tokens"] == [["NextToken"], ["NextToken"], []]
    assert out["users"] == members  # each once, none of the other pool's
    assert out["method"] == "env"
    assert set(out["first"]) == {"Username", "Attributes", "UserCreateDate", "UserLastModifiedDate",
                                 "Enabled", "UserStatus"}
    assert out["first"]["UserCreateDate"] == "datetime"  # botocore parsed the DateType
    assert out["enabled"]["dis"] is False and out["enabled"]["carol"] is True
    assert out["attributes"]["carol"] == ["email", "sub"]
    assert {s["operation"] for s in emu.conformance()["violations"]} == set()
    assert emu.conformance()["checked"]["response"] >= 3


def test_membership_removed_through_the_admin_api(boto3_python, emu, ca_dir):
    emu.admin("POST", "/groups/remove-user", {"pool_id": POOL, "group_name": "ops", "username": "carol"})
    emu.admin("POST", "/groups/add-user", {"pool_id": POOL, "group_name": "empty", "username": "newbie"})
    groups = {g["group_name"]: g for g in emu.admin("GET", "/groups/" + POOL)}
    assert groups["ops"]["precedence"] == 10 and "carol" not in groups["ops"]["members"]
    assert groups["ops-admin"]["members"] == ["carol"]  # defined by the user's groups
    ops, empty, admins, unknown = run(boto3_python, emu, ca_dir, [
        {"call": "ListUsersInGroup", "params": {"UserPoolId": POOL, "GroupName": g}, "paginate": True}
        for g in ("ops", "empty", "ops-admin", "nosuch")], key_env())
    assert "carol" not in ops["users"] and len(ops["users"]) == 131
    assert empty["users"] == ["newbie"] and empty["status"]["newbie"] == "UNCONFIRMED"
    assert admins["users"] == ["carol"]
    assert (unknown["error"], unknown["class"], unknown["status"]) == (
        "ResourceNotFoundException", "ResourceNotFoundException", 400)


def test_list_users_filters(boto3_python, emu, ca_dir):
    carol_sub = "11111111-2222-3333-4444-555555555555"
    steps = [{"call": "ListUsers", "params": {"UserPoolId": POOL, "Filter": f}, "paginate": True}
             for f in ('sub = "%s"' % carol_sub, 'username = "ops-007"', 'status = "Disabled"',
                       'username ^= "ops-12"', 'cognito:user_status = "unconfirmed"', "",
                       'custom:posix_uid = "1"')]
    steps.append({"call": "ListUsers", "params": {"UserPoolId": POOL, "Filter": 'username = "carol"',
                                                  "AttributesToGet": ["email"]}})
    steps.append({"call": "ListUsers", "params": {"UserPoolId": "us-east-1_NoSuchPool"}})
    by_sub, by_name, disabled, prefix, unconfirmed, everyone, custom, only_email, nopool = run(
        boto3_python, emu, ca_dir, steps, key_env())
    assert by_sub["users"] == ["carol"] and by_name["users"] == ["ops-007"]
    assert disabled["users"] == ["dis"]
    assert prefix["users"] == ["ops-%03d" % i for i in range(120, 130)]
    assert unconfirmed["users"] == ["newbie"]
    assert len(everyone["users"]) == 133 and everyone["pages"] == [60, 60, 13]
    assert everyone["tokens"][0] == ["PaginationToken"]
    assert custom["error"] == "InvalidParameterException"
    assert only_email["attributes"] == {"carol": ["email"]}
    assert nopool["error"] == "ResourceNotFoundException"


def test_the_aws_cli_lists_a_group(boto3_python, emu, ca_dir):
    env = key_env()
    env["AWS_CA_BUNDLE"] = os.path.join(ca_dir, "ca.pem")
    r = subprocess.run([boto3_python, "-m", "awscli", "--region", "us-east-1", "--output", "json",
                        "cognito-idp", "list-users-in-group", "--user-pool-id", POOL, "--group-name", "ops",
                        "--endpoint-url", emu.endpoint], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    users = json.loads(r.stdout)["Users"]
    assert sorted(u["Username"] for u in users) == sorted(OPS + ["carol", "dis"])  # the CLI followed NextToken
    agents = {e["headers"].get("User-Agent", "").split("/")[0] for e in emu.requests_log()}
    assert agents == {"aws-cli"}


def test_botocore_takes_the_instance_role_from_imds(boto3_python, emu, ca_dir):
    env = clean_env(AWS_EC2_METADATA_DISABLED=None,
                    AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:%d/" % emu.imds_port)
    (out,) = run(boto3_python, emu, ca_dir, [
        {"call": "ListUsersInGroup", "params": {"UserPoolId": POOL, "GroupName": "ops-admin"}}], env)
    assert out["users"] == ["carol"] and out["method"] == "iam-role"
    asked = emu.admin("GET", "/imds")
    assert asked[0]["method"] == "PUT" and asked[0]["status"] == 200
    assert all(a["has_token"] and a["status"] == 200 for a in asked[1:])
    assert asked[-1]["path"] == "/latest/meta-data/iam/security-credentials/pcg-sync-role"
    signed = [e for e in emu.requests_log() if e["operation"] == "ListUsersInGroup"]
    assert signed[-1]["headers"]["X-Amz-Security-Token"] == ROLE[2]


def imds(emu, method, path, headers):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (emu.imds_port, path), method=method,
                                 headers=headers, data=b"" if method == "PUT" else None)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_imds_requires_a_token(emu):
    creds = "/latest/meta-data/iam/security-credentials/"
    assert imds(emu, "GET", creds, {})[0] == 401  # IMDSv1 refused
    assert imds(emu, "GET", creds, {"X-aws-ec2-metadata-token": "made-up"})[0] == 401
    for ttl in ("0", "21601", "x"):
        assert imds(emu, "PUT", "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": ttl})[0] == 400
    status, token = imds(emu, "PUT", "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "60"})
    assert status == 200 and token
    h = {"X-aws-ec2-metadata-token": token}
    assert imds(emu, "GET", creds, h) == (200, "pcg-sync-role")
    status, text = imds(emu, "GET", creds + "pcg-sync-role", h)
    doc = json.loads(text)
    assert status == 200 and doc["Code"] == "Success" and doc["Type"] == "AWS-HMAC"
    assert (doc["AccessKeyId"], doc["SecretAccessKey"], doc["Token"]) == ROLE
    assert set(doc) == {"Code", "LastUpdated", "Type", "AccessKeyId", "SecretAccessKey", "Token", "Expiration"}
    assert imds(emu, "GET", "/latest/meta-data/placement/region", h) == (200, "us-east-1")
    emu.admin("POST", "/time", {"offset_seconds": 61})  # the token's TTL passed
    assert imds(emu, "GET", creds, h)[0] == 401


def raw(op="ListUsersInGroup", key=KEY + (None,), region="us-east-1", service="cognito-idp", alter=None,
        **params):
    params = params or {"UserPoolId": POOL, "GroupName": "ops", "Limit": 2}
    return {"raw": op, "params": params, "key": list(key), "region": region, "service": service,
            "alter": alter}


def test_sigv4_refusals(boto3_python, emu, ca_dir):
    out = run(boto3_python, emu, ca_dir, [
        raw(),
        raw(key=("AKIDUNKNOWN", KEY[1], None)),
        raw(key=(KEY[0], "wrong-secret", None)),
        raw(region="eu-west-1"),
        raw(service="cognito-identity"),
        raw(alter="body"),
        raw(alter="target"),
        raw(alter="no-auth"),
        raw(key=ROLE[:2] + ("another-token",)),
        raw(key=ROLE),
        raw(UserPoolId=POOL, GroupName="ops", Limit=61),
        raw(op="InitiateAuth", alter="no-auth", ClientId="nosuchclient", AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "carol", "PASSWORD": PASSWORD}),
    ], clean_env())
    ok, unknown, secret, region, service, body, target, none, token, role, limit, unauth = out
    assert (ok["status"], ok["users"]) == (200, 2) and ok["next"]
    assert (unknown["status"], unknown["type"]) == (400, "UnrecognizedClientException")
    assert unknown["message"] == "The security token included in the request is invalid."
    for r in (secret, body, target):
        assert (r["status"], r["type"]) == (400, "InvalidSignatureException"), r
        assert r["message"].startswith("The request signature we calculated does not match"), r
    assert region["type"] == "InvalidSignatureException"
    assert region["message"].startswith("Credential should be scoped to a valid region")
    assert service["type"] == "InvalidSignatureException"
    assert service["message"].startswith("Credential should be scoped to correct service: 'cognito-idp'")
    assert (none["status"], none["type"]) == (400, "MissingAuthenticationTokenException")
    assert token["type"] == "UnrecognizedClientException" and role["status"] == 200
    assert limit["type"] == "InvalidParameterException"
    assert unauth["type"] == "ResourceNotFoundException"  # InitiateAuth stays unauthenticated

    emu.admin("POST", "/time", {"offset_seconds": 420})  # the client's clock is 7 min behind, 2 past the window
    (stale,) = run(boto3_python, emu, ca_dir, [raw()], clean_env())
    assert stale["type"] == "InvalidSignatureException" and stale["message"].startswith("Signature expired: ")
    # 7 min ahead: X-Amz-Date is truncated to the second and the request takes time to arrive, so an
    # offset just past 5 min would land inside the window on a loaded machine
    emu.admin("POST", "/time", {"offset_seconds": -420})
    (early,) = run(boto3_python, emu, ca_dir, [raw()], clean_env())
    assert early["message"].startswith("Signature not yet current: ")


def test_page_tokens_are_bound_to_their_chain(boto3_python, emu, ca_dir):
    (first,) = run(boto3_python, emu, ca_dir, [raw()], clean_env())
    token = first["next"]
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    out = run(boto3_python, emu, ca_dir, [
        raw(UserPoolId=POOL, GroupName="ops", Limit=2, NextToken=token),
        raw(UserPoolId=POOL, GroupName="ops-admin", Limit=2, NextToken=token),
        raw(UserPoolId=OTHER_POOL, GroupName="ops", Limit=2, NextToken=token),
        raw(UserPoolId=POOL, GroupName="ops", Limit=2, NextToken=tampered),
        raw(op="ListUsers", UserPoolId=POOL, Limit=2, PaginationToken=token),
    ], clean_env())
    good, other_group, other_pool, bad, other_op = out
    assert good["status"] == 200 and good["users"] == 2
    for r in (other_group, bad, other_op):
        assert (r["status"], r["type"]) == (400, "InvalidParameterException"), r
    assert other_pool["type"] in ("InvalidParameterException", "ResourceNotFoundException"), other_pool


def test_signing_key_and_signature_match_aws_published_example():
    """AWS's example in "Create a String to Sign for Signature Version 4"
    (docs.aws.amazon.com/general/latest/gr/sigv4-create-string-to-sign.html
    and sigv4-calculate-signature.html): the IAM ListUsers request of
    20150830T123600Z."""
    import hashlib
    import hmac
    import sys
    sys.path.insert(0, os.path.join(HERE, "..", "emulator"))
    import sigv4
    key = sigv4.signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam")
    assert key.hex() == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
    to_sign = ("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
               "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59")
    assert hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest() == \
        "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"

"""boto3/botocore, AWS's own client, drives the sync's IAM-authorised
operations (ListUsersInGroup, ListUsers) against the emulator for
test_emulator_sync_api.py. Run by a Python that has boto3
(botocore_model.boto3_python()), not by the suite's.

Usage: sync_api_client.py ENDPOINT CAFILE REGION < steps.json
Credentials come from boto3's own chain (the environment the test gives:
AWS_ACCESS_KEY_ID..., or AWS_EC2_METADATA_SERVICE_ENDPOINT for its IMDS
provider). Each step prints one JSON line:
  {"call": OP, "params": {...}, "paginate": bool}   -> users, pages, method
  {"raw": OP, "params": {...}, "key": [AKID, SECRET, TOKEN|null],
   "region": R, "service": S, "alter": "body"|"target"|null}
      -> status, type, message: a request signed by botocore's SigV4Auth,
         then altered after signing
"""
import json
import ssl
import sys
import urllib.error
import urllib.request

import boto3
import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def call(client, session, step):
    name = botocore.xform_name(step["call"])
    pages = []
    try:
        if step.get("paginate"):
            for page in client.get_paginator(name).paginate(**step["params"]):
                pages.append(page)
        else:
            pages.append(getattr(client, name)(**step["params"]))
    except client.exceptions.ClientError as e:
        return {"call": step["call"], "error": e.response["Error"]["Code"], "class": type(e).__name__,
                "message": e.response["Error"].get("Message"),
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    users = [u for p in pages for u in p.get("Users", [])]
    first = dict(users[0]) if users else None
    if first:  # what botocore parsed the DateType members into
        first = {k: (type(v).__name__ if k.endswith("Date") else v) for k, v in first.items()}
    return {"call": step["call"], "pages": [len(p.get("Users", [])) for p in pages],
            "tokens": [sorted(k for k in p if k in ("NextToken", "PaginationToken")) for p in pages],
            "users": [u["Username"] for u in users], "first": first,
            "enabled": {u["Username"]: u["Enabled"] for u in users},
            "status": {u["Username"]: u["UserStatus"] for u in users},
            "attributes": {u["Username"]: sorted(a["Name"] for a in u["Attributes"]) for u in users},
            "method": session.get_credentials().method}


def raw(endpoint, cafile, step):
    body = json.dumps(step["params"]).encode()
    target = "AWSCognitoIdentityProviderService." + step["raw"]
    req = AWSRequest(method="POST", url=endpoint, data=body, headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target})
    akid, secret, token = step["key"]
    SigV4Auth(Credentials(akid, secret, token), step["service"], step["region"]).add_auth(req)
    headers = dict(req.headers.items())
    if step.get("alter") == "body":
        body = body.replace(b'"Limit": 2', b'"Limit": 3')
        assert b'"Limit": 3' in body, "the body to alter has no Limit 2"
    elif step.get("alter") == "target":
        headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService.ListUsers"
    elif step.get("alter") == "no-auth":
        headers.pop("Authorization")
    headers.pop("Content-Length", None)
    request = urllib.request.Request(endpoint, data=body, headers=headers, method="POST")
    ctx = ssl.create_default_context(cafile=cafile)
    try:
        with urllib.request.urlopen(request, context=ctx, timeout=30) as resp:
            status, answer = resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        status, answer = e.code, json.loads(e.read())
    return {"raw": step["raw"], "status": status, "type": answer.get("__type"),
            "message": answer.get("message"), "users": len(answer.get("Users", [])),
            "next": answer.get("NextToken") or answer.get("PaginationToken")}


def main(endpoint, cafile, region):
    session = boto3.session.Session(region_name=region)
    client = session.client("cognito-idp", endpoint_url=endpoint, verify=cafile)
    for step in json.load(sys.stdin):
        out = raw(endpoint, cafile, step) if "raw" in step else call(client, session, step)
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])

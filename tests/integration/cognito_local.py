"""cognito-local (npm, pinned in tests/cognito-local) as a second, independent Cognito server.

It runs over HTTPS with the test CA's server certificate (its
ServerConfig.https, cert and key in .cognito/config.json), on a free loopback
port. Pools, app clients, users and groups are made through its own API,
which takes the admin operations without SigV4. A known TOTP secret can only
be given to a user by editing its database file (.cognito/db/<pool>.json),
which it reads at start, so seed_totp() stops it, edits, and starts it again.
"""
import json
import os
import re
import shutil
import ssl
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request

from pam_session import TOP_BUILDDIR

HERE = os.path.dirname(os.path.abspath(__file__))
INSTALL = os.path.join(HERE, "..", "cognito-local", "install.sh")
CACHE = os.path.join(TOP_BUILDDIR, ".cache", "cognito-local")
START = os.path.join(CACHE, "node_modules", "cognito-local", "lib", "bin", "start.js")
START_TIMEOUT = 30
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def install():
    subprocess.run(["sh", INSTALL, CACHE], check=True)


class CognitoLocalError(Exception):
    def __init__(self, status, body):
        super().__init__("%s %s" % (status, body))
        self.status = status
        self.body = body


class CognitoLocal:
    def __init__(self, ca_dir):
        install()
        self.ca_dir = ca_dir
        self.dir = tempfile.mkdtemp(prefix="pcg-cognito-local-")
        self.proc = None
        os.makedirs(os.path.join(self.dir, ".cognito", "db"))
        config = {
            "ServerConfig": {"https": True, "cert": os.path.join(ca_dir, "server.pem"),
                             "key": os.path.join(ca_dir, "server.key"),
                             "hostname": "127.0.0.1", "port": 0},
            # plain user names rather than e-mail addresses
            "UserPoolDefaults": {"UsernameAttributes": []},
            # ID tokens carry the iss that AWS would give a pool of region "local"
            "TokenConfig": {"IssuerDomain": "https://cognito-idp.local.amazonaws.com"},
        }
        with open(os.path.join(self.dir, ".cognito", "config.json"), "w") as f:
            json.dump(config, f)
        self._tls = ssl.create_default_context(cafile=os.path.join(ca_dir, "ca.pem"))
        try:
            self.start()
        except BaseException:
            self.close()
            raise

    def start(self):
        self.output = []
        self.proc = subprocess.Popen(["node", START], cwd=self.dir, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env=dict(os.environ, NODE_NO_WARNINGS="1"))
        found = threading.Event()
        threading.Thread(target=self._read, args=(self.proc, found), daemon=True).start()
        if not found.wait(START_TIMEOUT):
            raise AssertionError("cognito-local did not start:\n" + "".join(self.output))
        self.endpoint = "https://localhost:%d/" % self.port

    def _read(self, proc, found):
        for line in proc.stdout:
            line = ANSI.sub("", line)
            self.output.append(line)
            m = re.search(r"Cognito Local running on https://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                found.set()

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def call(self, operation, body):
        """One API request; CognitoLocalError(status, parsed body) for an error answer."""
        req = urllib.request.Request(
            self.endpoint, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/x-amz-json-1.1",
                     "X-Amz-Target": "AWSCognitoIdentityProviderService." + operation})
        try:
            with urllib.request.urlopen(req, context=self._tls, timeout=10) as r:
                return json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            raise CognitoLocalError(e.code, json.loads(e.read() or b"{}")) from None

    # --- set-up through the API (no SigV4: it does not check signatures)

    def create_pool(self, mfa):
        pool = self.call("CreateUserPool", {"PoolName": "pam", "MfaConfiguration": mfa})
        return pool["UserPool"]["Id"]

    def create_client(self, pool_id):
        return self.call("CreateUserPoolClient", {
            "UserPoolId": pool_id, "ClientName": "pam",
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        })["UserPoolClient"]["ClientId"]

    def create_user(self, pool_id, username, password, permanent=True):
        self.call("AdminCreateUser", {"UserPoolId": pool_id, "Username": username,
                                      "TemporaryPassword": password, "MessageAction": "SUPPRESS"})
        if permanent:
            self.call("AdminSetUserPassword", {"UserPoolId": pool_id, "Username": username,
                                               "Password": password, "Permanent": True})

    def create_group(self, pool_id, group):
        self.call("CreateGroup", {"UserPoolId": pool_id, "GroupName": group})

    def add_to_group(self, pool_id, username, group):
        self.call("AdminAddUserToGroup", {"UserPoolId": pool_id, "Username": username,
                                          "GroupName": group})

    def user(self, pool_id, username):
        return self.call("AdminGetUser", {"UserPoolId": pool_id, "Username": username})

    def seed_totp(self, pool_id, username, secret):
        """Gives the user a verified, preferred TOTP with a known secret (restarts the server)."""
        self.stop()
        path = os.path.join(self.dir, ".cognito", "db", pool_id + ".json")
        with open(path) as f:
            db = json.load(f)
        user = db["Users"][username]
        user["SoftwareTokenMfaConfiguration"] = {"Secret": secret, "Verified": True}
        user["UserMFASettingList"] = ["SOFTWARE_TOKEN_MFA"]
        user["PreferredMfaSetting"] = "SOFTWARE_TOKEN_MFA"
        with open(path, "w") as f:
            json.dump(db, f)
        self.start()

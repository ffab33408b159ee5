"""Environment variables set by whoever starts the PAM application change nothing.

setuid su and sudo keep their caller's environment while they run PAM, and
libcurl, OpenSSL and json-c read some variables with plain getenv: libcurl
7.88 opens SSLKEYLOGFILE at its global initialisation and appends TLS secrets
to it (as root, at a path the caller chose), picks its TLS library from
CURL_SSL_BACKEND and a proxy from http_proxy/https_proxy/all_proxy/no_proxy;
OpenSSL loads OPENSSL_CONF (its secure_getenv ignores it in setuid programs
only). The module hides the environment from the libraries' one-time
initialisation and sets every per-transfer choice explicitly
(pam_cognito/lib_init.c; README, "Hardening").

Each test sets the variables as the (unprivileged) caller would and checks
that no file appears where they point and that the login still works.
"""
import os
import socket

import pytest

from conftest import PASSWORD, TOTP_SECRET, api_calls, conf_text, totp
from sandbox import SUDO_GROUP, User, sandboxes  # noqa: F401 (fixture)
from test_sudo_su import SUDO_PROMPT, converse_in_pty

# An OpenSSL config that breaks every handshake with the test server, whose
# certificate has an EC key: only RSA signatures are allowed.
BREAKING_OPENSSL_CONF = """\
openssl_conf = pcg_init
[pcg_init]
ssl_conf = pcg_ssl
[pcg_ssl]
system_default = pcg_tls
[pcg_tls]
SignatureAlgorithms = RSA+SHA256
"""


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def hostile_env(directory):
    """What a caller sets: a key log file, a proxy that goes nowhere, another TLS library,
    an OpenSSL config that breaks TLS. Files that appear show which one was obeyed."""
    conf = os.path.join(directory, "openssl.cnf")
    with open(conf, "w") as f:
        f.write(BREAKING_OPENSSL_CONF)
    os.chmod(conf, 0o644)
    proxy = "http://127.0.0.1:%d" % closed_port()
    return {
        "SSLKEYLOGFILE": os.path.join(directory, "keylog"),
        "CURL_SSL_BACKEND": "gnutls",
        "http_proxy": proxy, "https_proxy": proxy, "HTTPS_PROXY": proxy,
        "all_proxy": proxy, "ALL_PROXY": proxy, "no_proxy": "", "NO_PROXY": "",
        "OPENSSL_CONF": conf,
        "_JSON_C_STRERROR_ENABLE": "1",
    }


SINGLE = ["SSLKEYLOGFILE", "OPENSSL_CONF", "https_proxy", "ALL_PROXY", "CURL_SSL_BACKEND"]


@pytest.mark.parametrize("name", SINGLE + ["all"])
def test_variables_in_the_applications_environment_change_nothing(pam, emulator, ca_dir, name):
    env = hostile_env(pam.dir)
    if name != "all":
        env = {name: env[name]}
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    r = pam.run("alice", lambda kind, text: PASSWORD if "assword" in text else totp(TOTP_SECRET),
                extra_env=env)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert not os.path.exists(os.path.join(pam.dir, "keylog"))
    assert api_calls(emulator) == 2


def test_the_application_keeps_its_environment(pam, emulator, ca_dir):
    # What the module hides from the libraries is back in place when it returns.
    env = {"SSLKEYLOGFILE": os.path.join(pam.dir, "keylog"), "PCG_MARK": "kept"}
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    r = pam.run("alice", lambda kind, text: PASSWORD if "assword" in text else totp(TOTP_SECRET),
                extra_env=env, show_env=("PCG_MARK", "SSLKEYLOGFILE", "PCG_NEVER_SET"))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.env == {"PCG_MARK": "kept", "SSLKEYLOGFILE": env["SSLKEYLOGFILE"],
                     "PCG_NEVER_SET": None}
    assert not os.path.exists(env["SSLKEYLOGFILE"])


# --- real setuid programs, started by a user who sets the variables


@pytest.fixture
def box(emulator, ca_dir, sandboxes):  # noqa: F811
    users = [User("alice", groups=[SUDO_GROUP]), User("dave")]
    return sandboxes(users, {"sudo": "sudo", "su": "su"}, conf_text(emulator, ca_dir, auth_flow=None))


def env_argv(env):
    return ["env"] + ["%s=%s" % kv for kv in sorted(env.items())]


def test_su_ignores_the_callers_environment(box, emulator):
    env = hostile_env(box.dir)
    os.chmod(box.dir, 0o755)  # the caller can name paths there; root creates them
    argv = env_argv(env) + ["su", "-", "alice", "-c", "echo ok from $(id -un)"]
    code, out = converse_in_pty(box, argv, "dave", [
        ("Password: ", PASSWORD), ("Verification code: ", lambda: totp(TOTP_SECRET))])
    assert code == 0, (out, box.syslog())
    assert out.endswith("ok from alice\r\n"), out
    assert not os.path.exists(env["SSLKEYLOGFILE"])
    assert "outcome=success" in box.module_log()[0]
    assert emulator.counters()["requests_total"] == 3  # InitiateAuth, PASSWORD_VERIFIER, code


def test_sudo_ignores_the_callers_environment(box, emulator):
    env = hostile_env(box.dir)
    os.chmod(box.dir, 0o755)
    script = "sudo -S id -un; echo \"sudo exit $?\""
    r = box.run(env_argv(env) + ["sh", "-c", script], user="alice",
                input=PASSWORD + "\n" + totp(TOTP_SECRET) + "\n")
    assert r.stdout.splitlines() == ["root", "sudo exit 0"], (r, box.syslog())
    assert r.stderr.startswith(SUDO_PROMPT + "Verification code: "), r.stderr
    assert not os.path.exists(env["SSLKEYLOGFILE"])
    assert "outcome=success" in box.module_log()[0]

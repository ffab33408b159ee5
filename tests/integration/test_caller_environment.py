"""Environment variables set by whoever starts the PAM application make root open nothing.

setuid su and sudo keep their caller's environment while they run PAM, and
sudo answers getenv from the environment it builds for the command, which
sudoedit, SETENV/sudo -E and env_keep fill from the caller's. libcurl 7.88
opens SSLKEYLOGFILE at its global initialisation and appends TLS secrets to
it; it picks its TLS library from CURL_SSL_BACKEND and a proxy from the
proxy variables; OpenSSL loads OPENSSL_CONF and providers from
OPENSSL_MODULES (through secure_getenv: obeyed outside setuid programs). The
module never touches environ: it names OpenSSL's configuration file and
provider path, libcurl's TLS backend, trust store and proxy explicitly, and
refuses (PAM_SERVICE_ERR, a syslog line naming the variable) to run at all
while SSLKEYLOGFILE is set (pam_cognito/cognito/lib_init.c; README, "Hardening").

Each test sets the variables as the (unprivileged) caller would and checks
that no file appears or is opened where they point, and that the login still
works, or, with SSLKEYLOGFILE, is refused before any network call.
"""
import os
import re
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
    """What a caller sets, every path under directory/hostile: a proxy that goes nowhere,
    another TLS library, an OpenSSL config that breaks TLS, provider and engine
    directories, trust stores, a home with .curlrc and .netrc. SSLKEYLOGFILE is apart
    (refused, see below)."""
    hostile = os.path.join(directory, "hostile")
    os.makedirs(os.path.join(hostile, "home"), exist_ok=True)
    os.chmod(hostile, 0o755)
    conf = os.path.join(hostile, "openssl.cnf")
    with open(conf, "w") as f:
        f.write(BREAKING_OPENSSL_CONF)
    os.chmod(conf, 0o644)
    for name in (".curlrc", ".netrc"):
        with open(os.path.join(hostile, "home", name), "w") as f:
            f.write("# read by whom?\n")
    proxy = "http://127.0.0.1:%d" % closed_port()
    return {
        "CURL_SSL_BACKEND": "gnutls",
        "http_proxy": proxy, "https_proxy": proxy, "HTTPS_PROXY": proxy,
        "all_proxy": proxy, "ALL_PROXY": proxy, "no_proxy": "", "NO_PROXY": "",
        "OPENSSL_CONF": conf,
        "OPENSSL_MODULES": os.path.join(hostile, "modules"),
        "OPENSSL_ENGINES": os.path.join(hostile, "engines"),
        "SSL_CERT_FILE": os.path.join(hostile, "cert.pem"),
        "SSL_CERT_DIR": os.path.join(hostile, "certs"),
        "CURL_CA_BUNDLE": os.path.join(hostile, "bundle.pem"),
        "HOME": os.path.join(hostile, "home"),
        "CURL_HOME": os.path.join(hostile, "home"),
        "_JSON_C_STRERROR_ENABLE": "1",
    }


def keylog_path(directory):
    return os.path.join(directory, "hostile-keylog")


def code_and_password(kind, text):
    return PASSWORD if "assword" in text else totp(TOTP_SECRET)


SINGLE = ["OPENSSL_CONF", "https_proxy", "ALL_PROXY", "CURL_SSL_BACKEND", "SSL_CERT_FILE"]


@pytest.mark.parametrize("name", SINGLE + ["all"])
def test_variables_in_the_applications_environment_change_nothing(pam, emulator, ca_dir, name):
    env = hostile_env(pam.dir)
    if name != "all":
        env = {name: env[name]}
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    r = pam.run("alice", code_and_password, extra_env=env)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert api_calls(emulator) == 2


def test_no_file_a_variable_names_is_opened(pam, emulator, ca_dir):
    # Outside setuid programs OpenSSL obeys OPENSSL_CONF and the like: strace shows
    # that no path under the caller's directory is even looked at.
    env = hostile_env(pam.dir)
    asan = os.environ.get("ASAN_OPTIONS")  # LeakSanitizer cannot work under ptrace
    if asan:
        env["ASAN_OPTIONS"] = asan + ":detect_leaks=0"
    log = os.path.join(pam.dir, "strace.log")
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    r = pam.run("alice", code_and_password, extra_env=env,
                prefix=["strace", "-f", "-qq", "-s", "512", "-o", log,
                        "-e", "trace=open,openat,stat,newfstatat,access,faccessat2,readlink"])
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    with open(log) as f:
        # valgrind (PCG_DRIVER_WRAPPER) reads $HOME/.valgrindrc itself: not the module's doing.
        looked_at = [l for l in f if os.path.join(pam.dir, "hostile") in l
                     and "/.valgrindrc" not in l]
    assert looked_at == []


@pytest.mark.parametrize("value", ["KEYLOG", ""])
def test_a_key_log_file_in_the_environment_is_refused(pam, emulator, ca_dir, value):
    path = keylog_path(pam.dir)
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    r = pam.run("alice", code_and_password,
                extra_env={"SSLKEYLOGFILE": path if value else ""})
    assert r.code == "PAM_SERVICE_ERR", (r.transcript, r.log)
    assert r.prompts() == []
    assert ("ERROR", "Cognito sign-in is not possible with SSLKEYLOGFILE set.") in r.transcript
    assert not os.path.exists(path)
    assert emulator.counters()["requests_total"] == 0
    assert any(re.search(r"user=alice outcome=misconfigured .*reason=hazardous_environment "
                         r"variable=SSLKEYLOGFILE", l) for l in r.log), r.log


def test_the_application_keeps_its_environment(pam, emulator, ca_dir):
    env = {"PCG_MARK": "kept"}
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    r = pam.run("alice", code_and_password, extra_env=env, show_env=("PCG_MARK", "PCG_NEVER_SET"))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.env == {"PCG_MARK": "kept", "PCG_NEVER_SET": None}


# --- real setuid programs, started by a user who sets the variables


@pytest.fixture
def box(emulator, ca_dir, sandboxes):  # noqa: F811
    users = [User("alice", groups=[SUDO_GROUP]), User("dave")]
    return sandboxes(users, {"sudo": "sudo", "su": "su"}, conf_text(emulator, ca_dir, auth_flow=None))


def env_argv(env):
    return ["env"] + ["%s=%s" % kv for kv in sorted(env.items())]


def refused_for_the_key_log(box, emulator, path):
    assert not os.path.exists(path)
    assert emulator.counters()["requests_total"] == 0
    lines = box.module_log()
    assert len(lines) == 1 and "reason=hazardous_environment variable=SSLKEYLOGFILE" in lines[0], \
        lines


def test_su_ignores_the_callers_environment(box, emulator):
    env = hostile_env(box.dir)
    os.chmod(box.dir, 0o755)  # the caller can name paths there; root creates them
    argv = env_argv(env) + ["su", "-", "alice", "-c", "echo ok from $(id -un)"]
    code, out = converse_in_pty(box, argv, "dave", [
        ("Password: ", PASSWORD), ("Verification code: ", lambda: totp(TOTP_SECRET))])
    assert code == 0, (out, box.syslog())
    assert out.endswith("ok from alice\r\n"), out
    assert "outcome=success" in box.module_log()[0]
    assert emulator.counters()["requests_total"] == 3  # InitiateAuth, PASSWORD_VERIFIER, code


def test_su_with_a_key_log_file_is_refused_before_any_prompt(box, emulator):
    path = keylog_path(box.dir)
    os.chmod(box.dir, 0o755)
    argv = env_argv({"SSLKEYLOGFILE": path}) + ["su", "-", "alice", "-c", "echo ok"]
    code, out = converse_in_pty(box, argv, "dave", [])
    assert code != 0, out
    assert "Cognito sign-in is not possible with SSLKEYLOGFILE set." in out, out
    assert "ok" not in out.split()
    refused_for_the_key_log(box, emulator, path)


def test_sudo_ignores_the_callers_environment(box, emulator):
    env = hostile_env(box.dir)
    os.chmod(box.dir, 0o755)
    script = "sudo -S id -un; echo \"sudo exit $?\""
    r = box.run(env_argv(env) + ["sh", "-c", script], user="alice",
                input=PASSWORD + "\n" + totp(TOTP_SECRET) + "\n")
    assert r.stdout.splitlines() == ["root", "sudo exit 0"], (r, box.syslog())
    assert r.stderr.startswith(SUDO_PROMPT + "Verification code: "), r.stderr
    assert "outcome=success" in box.module_log()[0]


# sudoedit keeps the caller's environment for the editor, SETENV lets sudo -E keep it
# for the command, and sudo's getenv answers from that environment while PAM runs.
EDIT_RULES = "alice ALL = sudoedit /etc/motd\nalice ALL = (root) SETENV: /usr/bin/id\n"


@pytest.fixture
def edit_box(emulator, ca_dir, sandboxes):  # noqa: F811
    box = sandboxes([User("alice"), User("dave")], {"sudo": "sudo"},
                    conf_text(emulator, ca_dir, auth_flow=None))
    rules = box.path("etc", "sudoers.d", "zz-edit")
    with open(rules, "w") as f:
        f.write(EDIT_RULES)
    os.chmod(rules, 0o440)
    return box


@pytest.mark.parametrize("command", [
    ["env", "EDITOR=/bin/true", "sudoedit", "-S", "/etc/motd"],
    ["sudo", "-S", "-E", "/usr/bin/id", "-un"],
], ids=["sudoedit", "sudo -E"])
def test_sudo_keeping_a_key_log_file_is_refused_before_any_prompt(edit_box, emulator, command):
    path = keylog_path(edit_box.dir)
    os.chmod(edit_box.dir, 0o755)
    r = edit_box.run(env_argv({"SSLKEYLOGFILE": path}) + command, user="alice",
                     input=PASSWORD + "\n" + totp(TOTP_SECRET) + "\n")
    assert r.returncode != 0, (r, edit_box.syslog())
    assert "root" not in r.stdout.split()
    assert SUDO_PROMPT not in r.stderr, r.stderr
    refused_for_the_key_log(edit_box, emulator, path)


def test_sudoedit_without_the_variable_signs_in(edit_box, emulator):
    # The same rule and caller with no key log file: the refusal above is the variable's.
    r = edit_box.run(["env", "EDITOR=/bin/true", "sudoedit", "-S", "/etc/motd"], user="alice",
                     input=PASSWORD + "\n" + totp(TOTP_SECRET) + "\n")
    assert r.returncode == 0, (r, edit_box.syslog())
    assert "outcome=success" in edit_box.module_log()[0]

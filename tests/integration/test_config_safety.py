"""A bad or unsafe configuration refuses to authenticate: PAM_SERVICE_ERR, a clear log line."""
import os

from conftest import CLIENT_SECRET, PASSWORD, Answers, conf_text


def run(pam, ca_dir, args="", mode=0o600, **conf):
    pam.write_conf(conf_text(None, ca_dir, **conf), mode=mode)
    pam.write_service(args)
    return pam.run("alice", Answers(PASSWORD))


def assert_refused(r, fragment):
    assert r.code == "PAM_SERVICE_ERR"
    assert r.prompts() == []
    assert any("configuration error" in l and fragment in l for l in r.log), r.log


def test_world_writable_config_is_refused(pam, ca_dir):
    assert_refused(run(pam, ca_dir, mode=0o666), "writable")


def test_group_writable_config_is_refused(pam, ca_dir):
    assert_refused(run(pam, ca_dir, mode=0o620), "writable")


def test_secret_in_a_world_readable_config_is_refused(pam, ca_dir):
    r = run(pam, ca_dir, mode=0o644, client_secret=CLIENT_SECRET)
    assert_refused(r, "client_secret")
    assert not any(CLIENT_SECRET in l for l in r.log)


def test_config_not_owned_by_root_is_refused(pam, ca_dir):
    pam.write_conf(conf_text(None, ca_dir))
    os.chown(pam.conf_path, 65534, 65534)
    pam.write_service()
    assert_refused(pam.run("alice", Answers(PASSWORD)), "root")


def test_http_endpoint_is_refused(pam, ca_dir):
    assert_refused(run(pam, ca_dir, endpoint="http://localhost:8080/"), "https")


def test_unknown_key_is_refused(pam, ca_dir):
    assert_refused(run(pam, ca_dir, verify_tls="no"), "verify_tls")


def test_unknown_pam_argument_is_refused(pam, ca_dir):
    assert_refused(run(pam, ca_dir, args="nullok"), "nullok")


def test_client_secret_on_the_pam_line_is_refused(pam, ca_dir):
    r = run(pam, ca_dir, args="client_secret=abc123")
    assert_refused(r, "client_secret")
    assert not any("abc123" in l for l in r.log)


def test_missing_config_file_is_refused(pam, ca_dir):
    pam.write_service("conf=/nonexistent/pam_cognito.conf")
    r = pam.run("alice", Answers(PASSWORD))
    assert_refused(r, "/nonexistent/pam_cognito.conf")


def test_pam_line_overrides_the_file(pam, ca_dir):
    r = run(pam, ca_dir, args="timeout=0")
    assert_refused(r, "timeout")

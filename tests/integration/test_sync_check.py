"""`cognito-mfa check` for a config with sync_groups, inside a sandbox with
the real libnss-extrausers: NSS set up, the map root's alone and in its
format, the extrausers files holding the map's accounts, and when they last
changed."""
import os

import pytest

from cli_session import CLI
from sandbox import sandboxes  # noqa: F401 (fixture)
from test_synced_login import box, sync  # noqa: F401 (fixture)

pytestmark = pytest.mark.sandboxed_cli  # cognito-mfa in the sandbox: ASan-built under ASan


def check(box):
    r = box.run([CLI, "check"], timeout=60)
    return r.returncode, r.stdout


def test_before_any_sync_nss_is_checked_and_no_map_is_no_problem(box):
    code, out = check(box)
    assert "ok: /etc/nsswitch.conf asks extrausers after files for passwd and group" in out, out
    assert "info: no sync has run yet (no /var/lib/pam_cognito/idmap)" in out, out
    assert "problem:" not in out and code == 0, out


def test_after_a_sync_the_map_and_files_agree(box):
    sync(box)
    code, out = check(box)
    assert "ok: /var/lib/pam_cognito/idmap holds 1 account(s) and 2 group(s)" in out, out
    assert "ok: the extrausers files hold the map's accounts and groups" in out, out
    assert "info: the synced accounts last changed at " in out, out
    assert code == 0, out


def test_a_line_missing_from_the_files_is_a_problem(box):
    sync(box)
    path = box.varlib("extrausers", "passwd")
    with open(path) as f:
        kept = [l for l in f if not l.startswith("carol:")]
    with open(path, "w") as f:
        f.writelines(kept)
    code, out = check(box)
    assert "problem: the extrausers files and the map differ: 1 account(s)" in out, out
    assert "advice: Run cognito-mfa sync" in out and code != 0, out


def test_a_map_others_could_write_is_a_problem(box):
    sync(box)
    os.chmod(box.varlib("pam_cognito", "idmap"), 0o666)
    code, out = check(box)
    assert "problem: /var/lib/pam_cognito/idmap is not root's alone" in out, out
    assert code != 0


def test_nss_without_extrausers_is_a_problem(box):
    path = box.path("etc", "nsswitch.conf")
    with open(path) as f:
        text = f.read().replace(" extrausers", "")
    with open(path, "w") as f:
        f.write(text)
    code, out = check(box)
    assert "problem: /etc/nsswitch.conf does not ask extrausers after files" in out, out
    assert code != 0


def set_nss(box, value):
    """passwd and group lines of the sandbox's nsswitch.conf set to value ('%s' the database)."""
    path = box.path("etc", "nsswitch.conf")
    with open(path) as f:
        lines = [l for l in f if not l.lstrip().startswith(("passwd", "group"))]
    with open(path, "w") as f:
        f.writelines(lines + [value % db + "\n" for db in ("passwd", "group")])


@pytest.mark.parametrize("value", [
    "%s:\tfiles\textrausers",
    "%s:files extrausers",
    "  %s :  files   systemd extrausers   # synced accounts last",
    "%s: compat extrausers",
    "%s: files [SUCCESS=return] extrausers",
], ids=["tabs", "no-blank", "blanks-and-comment", "compat", "action"])
def test_nss_lines_in_every_valid_spelling_are_ok(box, value):
    set_nss(box, value)
    code, out = check(box)
    assert "ok: /etc/nsswitch.conf asks extrausers after files for passwd and group" in out, out
    assert code == 0, out


@pytest.mark.parametrize("value", [
    "%s: extrausers files",
    "%s: files extrausersx",
    "%s: files # extrausers",
], ids=["before-files", "not-the-word", "in-a-comment"])
def test_nss_lines_that_do_not_ask_extrausers_after_files_are_a_problem(box, value):
    set_nss(box, value)
    code, out = check(box)
    assert "problem: /etc/nsswitch.conf does not ask extrausers after files" in out, out
    assert code != 0

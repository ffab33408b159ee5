"""Signing in to an account `cognito-mfa sync` made: real sudo, run by the
synced user inside a sandbox whose NSS is the real libnss-extrausers, sudo's
rule by the Cognito group, and the module's binding by sub (README, "Accounts
from Cognito"): a user re-created under the same name, or one who left the
synced groups since the last sync, is refused; an account the sync did not
make keeps the binding by name; a map anyone but root could have written
refuses before any prompt."""
import os

import pytest

from cli_session import CLI
from conftest import PASSWORD, POOL, TOTP_SECRET, conf_text, totp
from sandbox import ENV, SUDO_GROUP, User, sandboxes, with_built_module  # noqa: F401 (fixture)

KEY = ("AKIDLOGINEXAMPLE0", "login-sync-secret-0123456789abcdefghij")
CAROL_SUB = "cccccccc-1111-2222-3333-444444444444"
SUDOERS = "Defaults:%ops-admin timestamp_timeout=0\n%ops-admin ALL=(ALL:ALL) ALL\n"


@pytest.fixture
def box(emulator, ca_dir, sandboxes):  # noqa: F811
    for group in ("ops", "ops-admin"):
        emulator.admin("POST", "/groups", {"pool_id": POOL, "group_name": group})
    emulator.add_user(pool_id=POOL, username="carol", password=PASSWORD, totp_secret=TOTP_SECRET,
                      sub=CAROL_SUB, groups=["ops", "ops-admin"])
    emulator.admin("POST", "/credentials", {"access_key_id": KEY[0], "secret_access_key": KEY[1]})
    conf = conf_text(emulator, ca_dir, auth_flow=None) + "sync_groups = ops, ops-admin\n"
    b = sandboxes([User("alice", groups=[SUDO_GROUP])], {"sudo": "sudo"}, conf, extrausers=True)
    path = b.path("etc", "sudoers.d", "ops-admin")
    with open(path, "w") as f:
        f.write(SUDOERS)
    os.chmod(path, 0o440)
    return b


def sync(box):
    r = box.run([CLI, "sync"], env=dict(ENV, AWS_ACCESS_KEY_ID=KEY[0], AWS_SECRET_ACCESS_KEY=KEY[1]),
                timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def synced_uid(box, name):
    r = box.run(["getent", "passwd", name])
    assert r.returncode == 0, r
    return int(r.stdout.split(":")[2])


def as_uid(box, uid, script, answers):
    """script run by the account of uid, its groups from NSS (extrausers), answers on stdin."""
    return box.run(["setpriv", "--reuid=%d" % uid, "--regid=%d" % uid, "--init-groups",
                    "--reset-env", "--", "sh", "-c", script],
                   input="".join(a + "\n" for a in answers))


def sudo_as_uid(box, uid, answers):
    """sudo -S id -un by the account of uid."""
    return as_uid(box, uid, 'sudo -S id -un; echo "sudo exit $?"', answers)


def sync_then_recreate_carol(box, emulator):
    """Syncs, then deletes carol in Cognito and creates her again: same name and
    groups, a new sub. Returns the uid the sync gave the first carol."""
    sync(box)
    uid = synced_uid(box, "carol")
    emulator.admin("POST", "/users/delete", {"pool_id": POOL, "username": "carol"})
    emulator.add_user(pool_id=POOL, username="carol", password=PASSWORD, totp_secret=TOTP_SECRET,
                      groups=["ops", "ops-admin"])
    return uid


def initiations(emulator):
    return emulator.counters()["requests"].get("InitiateAuth", 0)


def test_a_synced_user_signs_in_and_sudo_admits_by_the_cognito_group(box, emulator):
    sync(box)
    r = sudo_as_uid(box, synced_uid(box, "carol"), [PASSWORD, totp(TOTP_SECRET)])
    assert r.stdout.splitlines() == ["root", "sudo exit 0"], (r, box.syslog())
    lines = box.module_log()
    assert len(lines) == 1 and "user=carol " in lines[0] and "outcome=success" in lines[0], lines


def test_a_user_recreated_under_the_same_name_is_refused(box, emulator):
    uid = sync_then_recreate_carol(box, emulator)
    r = sudo_as_uid(box, uid, [PASSWORD, totp(TOTP_SECRET)])
    assert r.stdout.splitlines()[0] == "sudo exit 1", r
    lines = box.module_log()
    assert "outcome=denied" in lines[0] and "reason=sub_mismatch" in lines[0], lines
    assert CAROL_SUB in lines[0]


def test_a_user_who_left_the_synced_groups_is_refused_before_the_next_sync(box, emulator):
    sync(box)
    for group in ("ops", "ops-admin"):
        emulator.admin("POST", "/groups/remove-user",
                       {"pool_id": POOL, "group_name": group, "username": "carol"})
    r = sudo_as_uid(box, synced_uid(box, "carol"), [PASSWORD, totp(TOTP_SECRET)])
    assert r.stdout.splitlines()[0] == "sudo exit 1", r
    lines = box.module_log()
    assert "outcome=denied" in lines[0] and "reason=not_in_sync_groups" in lines[0], lines


def test_a_synced_account_is_the_modules_whatever_local_group_says(box, emulator, ca_dir):
    # local_group lists the accounts made by hand (the Debian profile's cognito-users);
    # carol is not in it, and pam_unix could not admit her ('*' in extrausers).
    box.write_conf(conf_text(emulator, ca_dir, auth_flow=None)
                   + "sync_groups = ops, ops-admin\nlocal_group = %s\n" % SUDO_GROUP)
    sync(box)
    r = sudo_as_uid(box, synced_uid(box, "carol"), [PASSWORD, totp(TOTP_SECRET)])
    assert r.stdout.splitlines() == ["root", "sudo exit 0"], (r, box.syslog())
    assert "outcome=success" in box.module_log()[0]


def test_an_account_the_sync_did_not_make_keeps_the_binding_by_name(box, emulator):
    sync(box)
    uid = box.users["alice"]
    r = sudo_as_uid(box, uid, [PASSWORD, totp(TOTP_SECRET)])
    assert r.stdout.splitlines() == ["root", "sudo exit 0"], (r, box.syslog())
    assert "outcome=success" in box.module_log()[0]


@pytest.mark.parametrize("mode", [0o664, 0o646], ids=["group-writable", "world-writable"])
def test_a_map_others_could_write_refuses_before_any_prompt(box, emulator, mode):
    sync(box)
    os.chmod(box.varlib("pam_cognito", "idmap"), mode)
    before = initiations(emulator)
    r = sudo_as_uid(box, box.users["alice"], [PASSWORD, totp(TOTP_SECRET)])
    assert r.stdout.splitlines()[0] == "sudo exit 1", r
    lines = box.module_log()
    assert "outcome=denied" in lines[0] and "reason=account_binding" in lines[0], lines
    assert "not its owner's alone" in lines[0]
    assert initiations(emulator) == before


NEW_PASSWORD = "Brand-N3w-Passw0rd!"
PASSWD_STACK = "password [success=done default=die] pam_cognito.so\npassword required pam_deny.so\n"


def passwd_as_uid(box, uid, answers):
    """The real passwd(1), setuid root, run by the account of uid through the box's passwd stack."""
    with open(box.path("etc", "pam.d", "passwd"), "w") as f:
        f.write(with_built_module(PASSWD_STACK))
    return as_uid(box, uid, 'passwd; echo "passwd exit $?"', answers)


def change_requests(emulator):
    return [e for e in emulator.requests_log() if e["operation"] == "ChangePassword"]


def test_passwd_changes_a_synced_users_password_whatever_local_group_says(box, emulator, ca_dir):
    box.write_conf(conf_text(emulator, ca_dir, auth_flow=None)
                   + "sync_groups = ops, ops-admin\nlocal_group = %s\n" % SUDO_GROUP)
    sync(box)
    r = passwd_as_uid(box, synced_uid(box, "carol"),
                      [PASSWORD, totp(TOTP_SECRET), NEW_PASSWORD, NEW_PASSWORD])
    assert r.stdout.splitlines()[-1] == "passwd exit 0", (r, box.syslog())
    assert [e["body"]["ProposedPassword"] for e in change_requests(emulator)] == [NEW_PASSWORD]
    assert "reason=password_changed" in box.module_log()[-1]


def test_passwd_for_a_user_recreated_under_the_same_name_changes_nothing(box, emulator):
    uid = sync_then_recreate_carol(box, emulator)
    r = passwd_as_uid(box, uid, [PASSWORD, totp(TOTP_SECRET), NEW_PASSWORD, NEW_PASSWORD])
    assert r.stdout.splitlines()[-1] != "passwd exit 0", r
    assert "New password" not in r.stdout + r.stderr, r  # refused before the new one is asked
    assert change_requests(emulator) == []
    lines = box.module_log()
    assert "outcome=denied" in lines[-1] and "reason=sub_mismatch" in lines[-1], lines


def test_passwd_for_a_departed_users_uid_is_refused_before_any_prompt(box, emulator):
    sync(box)
    uid = synced_uid(box, "carol")
    # carol left: the next sync tombstones her uid; her old account is served by hand here
    for group in ("ops", "ops-admin"):
        emulator.admin("POST", "/groups/remove-user",
                       {"pool_id": POOL, "group_name": group, "username": "carol"})
    sync(box)
    with open(box.varlib("extrausers", "passwd"), "a") as f:
        f.write("carol:*:%d:%d::/home/carol:/bin/sh\n" % (uid, uid))
    before = initiations(emulator)
    r = passwd_as_uid(box, uid, [PASSWORD, totp(TOTP_SECRET), NEW_PASSWORD, NEW_PASSWORD])
    assert r.stdout.splitlines()[-1] != "passwd exit 0", r
    lines = box.module_log()
    assert "outcome=denied" in lines[-1] and "reason=account_binding" in lines[-1], lines
    assert initiations(emulator) == before

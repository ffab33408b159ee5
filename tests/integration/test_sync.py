"""`cognito-mfa sync` end to end: the built command, run as root inside a
sandbox (private mount namespace: the sandbox's /etc/passwd and group, an
/etc/nsswitch.conf with `extrausers` after `files`, a private /var/lib),
lists the emulator's groups through SigV4-signed ListUsersInGroup, and the
real libnss-extrausers serves what it wrote to getent, id and a real sudo."""
import json
import os

import pytest

from cli_session import CLI
from conftest import TOTP_SECRET, totp
from emulator_process import Emulator
from sandbox import EXAMPLES, ENV, User, example, sandboxes, with_built_module  # noqa: F401 (fixture)
from sshd_server import SshServer

pytestmark = pytest.mark.sandboxed_cli  # cognito-mfa in the sandbox: ASan-built under ASan

POOL = "us-east-1_SyncPool1"
CLIENT = "syncclient0123456789abcdef"
PASSWORD = "Corr3ct-Horse!"
KEY = ("AKIDSYNCEXAMPLE0", "sync-secret-0123456789abcdefghijklmnop")
ROLE = ("ASIAROLEEXAMPLE0", "role-secret-0123456789abcdefghijklmn", "role-session-token-xyz-0123")
SECRETS = (KEY[1], ROLE[1], ROLE[2])
CROWD = ["u%03d" % i for i in range(65)]  # with alice and bob: two pages of ops
ALICE_SUB = "aaaaaaaa-1111-2222-3333-444444444444"


@pytest.fixture
def emu(ca_dir, tmp_path):
    users = [{"pool_id": POOL, "username": n, "password": PASSWORD, "groups": ["ops"]} for n in CROWD]
    users += [
        {"pool_id": POOL, "username": "alice", "password": PASSWORD, "sub": ALICE_SUB,
         "totp_secret": TOTP_SECRET, "groups": ["ops", "ops-admin", "sudo"]},
        {"pool_id": POOL, "username": "bob", "password": PASSWORD, "groups": ["ops"]},
        {"pool_id": POOL, "username": "dis", "password": PASSWORD, "enabled": False, "groups": ["ops"]},
        {"pool_id": POOL, "username": "newbie", "password": PASSWORD, "status": "UNCONFIRMED",
         "groups": ["ops"]},
        {"pool_id": POOL, "username": "localuser", "password": PASSWORD, "groups": ["ops"]},
    ]
    state = {"pools": [{"id": POOL, "mfa": "OPTIONAL"}],
             "clients": [{"pool_id": POOL, "client_id": CLIENT, "client_secret": None,
                          "flows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]}],
             "groups": [{"pool_id": POOL, "group_name": g} for g in ("ops", "ops-admin", "sudo")],
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


def sync_conf(emu, ca_dir):
    return "".join("%s = %s\n" % kv for kv in [
        ("user_pool_id", POOL), ("client_id", CLIENT), ("endpoint", emu.endpoint),
        ("cafile", os.path.join(ca_dir, "ca.pem")), ("sync_groups", "ops, ops-admin, sudo")])


@pytest.fixture
def box(sandboxes, emu, ca_dir):
    return sandboxes([User("localuser", PASSWORD)], {}, sync_conf(emu, ca_dir), extrausers=True)


def key_env(key=KEY):
    return dict(ENV, AWS_ACCESS_KEY_ID=key[0], AWS_SECRET_ACCESS_KEY=key[1])


def imds_env(emu):
    return dict(ENV, AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:%d" % emu.imds_port)


def sync(box, env, *args):
    r = box.run([CLI, "sync"] + list(args), env=env, timeout=120)
    for secret in SECRETS:
        assert secret not in r.stdout + r.stderr
    return r


def getent(box, db, name):
    r = box.run(["getent", db, name])
    return r.stdout.strip().split(":") if r.returncode == 0 else None


def files_state(box):
    """(inode, mtime_ns) of every file the sync writes, None when absent."""
    out = {}
    for rel in ("extrausers/passwd", "extrausers/group", "pam_cognito/idmap"):
        try:
            st = os.stat(box.varlib(*rel.split("/")))
            out[rel] = (st.st_ino, st.st_mtime_ns)
        except FileNotFoundError:
            out[rel] = None
    return out


def remove_member(emu, user, group="ops"):
    emu.admin("POST", "/groups/remove-user", {"pool_id": POOL, "group_name": group, "username": user})


def test_synced_users_and_groups_are_served_by_nss(box, emu):
    r = sync(box, key_env())
    assert r.returncode == 0, r.stdout + r.stderr
    alice = getent(box, "passwd", "alice")
    assert alice is not None and 10000 <= int(alice[2]) <= 60000
    assert alice[3] == alice[2] and alice[4] == "cognito-sub=" + ALICE_SUB
    assert alice[5:] == ["/home/alice", "/bin/bash"]
    ops = getent(box, "group", "ops")
    assert ops is not None and set(ops[3].split(",")) == set(CROWD) | {"alice", "bob"}
    ids = box.run(["id", "alice"]).stdout
    assert "(ops)" in ids and "(ops-admin)" in ids and "(alice)" in ids
    assert getent(box, "passwd", "u064") is not None  # the second page of ops
    assert emu.counters()["requests"]["ListUsersInGroup"] == 4  # ops twice, ops-admin, sudo
    st = os.stat(box.varlib("pam_cognito"))
    assert (st.st_uid, st.st_mode & 0o7777) == (0, 0o755)
    assert open(box.varlib("pam_cognito", "idmap")).readline() == "pam_cognito-idmap 1\n"


def test_disabled_and_unconfirmed_users_are_left_out(box, emu):
    assert sync(box, key_env()).returncode == 0
    assert getent(box, "passwd", "dis") is None
    assert getent(box, "passwd", "newbie") is None
    assert "dis" not in getent(box, "group", "ops")[3].split(",")


def test_a_local_name_is_skipped_never_touched(box, emu):
    r = sync(box, key_env())
    assert r.returncode == 0
    assert "! user localuser skipped" in r.stdout
    local = getent(box, "passwd", "localuser")
    assert local[2] == str(box.users["localuser"]) and local[4] == "localuser"
    assert "localuser" not in open(box.varlib("extrausers", "passwd")).read()


def test_a_home_of_another_owner_is_reported_never_chowned(box, emu):
    home = box.home("bob")
    os.mkdir(home, 0o700)
    os.chown(home, 4242, 4242)
    r = sync(box, key_env())
    assert r.returncode == 0
    uid = getent(box, "passwd", "bob")[2]
    assert "warning: /home/bob exists and is owned by uid 4242, not bob's %s" % uid in r.stdout
    st = os.stat(home)
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (4242, 4242, 0o700)


def test_a_deny_listed_group_is_not_created(box, emu):
    r = sync(box, key_env())
    assert r.returncode == 0
    assert "! group sudo skipped" in r.stdout
    assert "sudo:" not in open(box.varlib("extrausers", "group")).read()
    host_sudo = getent(box, "group", "sudo")
    assert host_sudo is None or "alice" not in host_sudo[3].split(",")


def test_a_departed_user_is_removed_at_the_next_sync(box, emu):
    assert sync(box, key_env()).returncode == 0
    bob_uid = getent(box, "passwd", "bob")[2]
    remove_member(emu, "bob")
    r = sync(box, key_env())
    assert r.returncode == 0 and "- user bob (uid %s)" % bob_uid in r.stdout
    assert getent(box, "passwd", "bob") is None
    assert "user %s tombstone" % bob_uid in open(box.varlib("pam_cognito", "idmap")).read()


def test_removing_more_than_the_share_needs_force(box, emu):
    assert sync(box, key_env()).returncode == 0
    for name in CROWD[:8]:  # 8 of 67 accounts: more than 10 %
        remove_member(emu, name)
    before = files_state(box)
    r = sync(box, key_env())
    assert r.returncode == 1 and "sync_max_removal_percent" in r.stderr
    assert files_state(box) == before
    assert getent(box, "passwd", CROWD[0]) is not None
    r = sync(box, key_env(), "--force")
    assert r.returncode == 0, r.stderr
    assert getent(box, "passwd", CROWD[0]) is None


def test_an_unchanged_run_writes_nothing(box, emu):
    assert sync(box, key_env()).returncode == 0
    before = files_state(box)
    assert all(before.values())
    r = sync(box, key_env())
    assert r.returncode == 0 and "nothing changed, nothing written" in r.stdout
    assert files_state(box) == before


@pytest.mark.parametrize("failure", ["malformed page", "second page refused", "wrong secret"])
def test_a_failed_page_keeps_the_last_good_files(box, emu, failure):
    assert sync(box, key_env()).returncode == 0
    remove_member(emu, "bob")
    before = files_state(box)
    calls = emu.counters()["requests"]["ListUsersInGroup"]
    if failure == "malformed page":
        emu.fault(operation="ListUsersInGroup", kind="malformed_json")
        env = key_env()
    elif failure == "second page refused":  # ops' first page came, its second did not
        emu.fault(operation="ListUsersInGroup", kind="http_status", status=400, after=1)
        env = key_env()
    else:
        env = key_env((KEY[0], "not-the-secret-0123456789abcdefghij"))
    r = sync(box, env)
    assert r.returncode == 4 and "nothing written" in r.stderr
    assert files_state(box) == before
    assert getent(box, "passwd", "bob") is not None
    if failure == "second page refused":  # the run stopped at the failed page
        assert emu.counters()["requests"]["ListUsersInGroup"] == calls + 2


def test_credentials_from_the_instance_role(box, emu):
    r = sync(box, imds_env(emu))
    assert r.returncode == 0, r.stderr
    assert getent(box, "passwd", "alice") is not None
    asked = emu.admin("GET", "/imds")
    assert asked[0]["method"] == "PUT" and asked[0]["path"] == "/latest/api/token"
    assert [a["has_token"] for a in asked[1:]] == [True, True]
    assert asked[-1]["path"] == "/latest/meta-data/iam/security-credentials/pcg-sync-role"


def test_no_credentials_is_a_config_error(box, emu):
    r = sync(box, dict(ENV, AWS_EC2_METADATA_DISABLED="true"))
    assert r.returncode == 3 and "no AWS credentials" in r.stderr
    assert files_state(box) == {k: None for k in files_state(box)}


def test_dry_run_prints_the_diff_and_writes_nothing(box, emu):
    r = sync(box, key_env(), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "+ user alice (uid " in r.stdout and "+ group ops (gid " in r.stdout
    assert "nothing written" in r.stdout
    assert not os.path.exists(box.varlib("extrausers"))
    assert not os.path.exists(box.varlib("pam_cognito"))
    assert getent(box, "passwd", "alice") is None


def test_syslog_has_one_summary_and_no_secret(box, emu):
    assert sync(box, key_env()).returncode == 0
    assert sync(box, imds_env(emu)).returncode == 0
    log = box.syslog()
    summaries = [l for l in log if "cognito-mfa" in l and "sync: outcome=" in l]
    assert len(summaries) == 2
    assert "outcome=ok" in summaries[0] and "added=67" in summaries[0]
    for secret in SECRETS + (KEY[0], ROLE[0]):
        assert not any(secret in l for l in log)


def test_sudo_by_cognito_group_for_a_synced_user(box, emu):
    """%ops-admin in sudoers: a synced member signs in with the module (password and code) and
    runs a command as root; no local account was made by hand."""
    rule = box.path("etc", "sudoers.d", "ops-admin")
    with open(rule, "w") as f:
        f.write("Defaults:%ops-admin timestamp_timeout=0\n%ops-admin ALL=(ALL:ALL) ALL\n")
    os.chmod(rule, 0o440)
    with open(box.path("etc", "pam.d", "sudo"), "w") as f:
        f.write(with_built_module(example(os.path.join("pam.d", "sudo"))))
    assert sync(box, key_env()).returncode == 0
    box.users["alice"] = int(getent(box, "passwd", "alice")[2])
    r = box.run(["sh", "-c", "sudo -S id -un; echo \"sudo exit $?\""], user="alice",
                input="%s\n%s\n" % (PASSWORD, totp(TOTP_SECRET)))
    assert r.stdout.splitlines() == ["root", "sudo exit 0"], (r, box.syslog())
    lines = box.module_log()
    assert len(lines) == 1 and "user=alice" in lines[0] and "outcome=success" in lines[0], lines


def test_a_renamed_user_keeps_its_uid(box, emu):
    """The same sub under a new name (Cognito's preferred_username or a re-keyed directory):
    one account, renamed, with the old uid."""
    assert sync(box, key_env()).returncode == 0
    uid = getent(box, "passwd", "alice")[2]
    emu.admin("POST", "/users/delete", {"pool_id": POOL, "username": "alice"})
    emu.add_user(pool_id=POOL, username="alicia", password=PASSWORD, sub=ALICE_SUB,
                 groups=["ops", "ops-admin"])
    r = sync(box, key_env())
    assert r.returncode == 0 and "~ user alicia (uid %s, was alice)" % uid in r.stdout
    assert getent(box, "passwd", "alicia")[2] == uid
    assert getent(box, "passwd", "alice") is None
    assert "alicia" in getent(box, "group", "ops-admin")[3].split(",")


def test_sshd_login_of_a_synced_user_with_allow_groups(sandboxes, emu, ca_dir, tmp_path):
    """sshd with `AllowGroups ops` lets a synced member of ops in (password and code through
    the module) and keeps a local account outside ops out, whatever it answers."""
    box = sandboxes([User("localuser", PASSWORD)], {"sshd": "sshd"}, sync_conf(emu, ca_dir),
                    extrausers=True)
    assert sync(box, key_env()).returncode == 0
    variant = tmp_path / "allow-ops.conf"
    with open(os.path.join(EXAMPLES, "sshd_config.d", "pam_cognito.conf")) as f:
        variant.write_text(f.read() + "AllowGroups ops\n")
    sshd = SshServer(box, str(variant))
    r = sshd.ssh("alice", "id -Gn", password=PASSWORD, code_secret=TOTP_SECRET, code="right")
    assert r.code == 0, (r, sshd.log())
    assert set(r.stdout.split()) >= {"alice", "ops", "ops-admin"}
    assert "Accepted keyboard-interactive/pam for alice" in sshd.log()
    r = sshd.ssh("localuser", "true", password=PASSWORD, code_secret=TOTP_SECRET, code="right")
    assert r.code != 0
    assert "not allowed because none of user's groups are listed in AllowGroups" in sshd.log()


def test_names_from_preferred_username_and_a_scope_warning(sandboxes, emu, ca_dir):
    """username_attribute = preferred_username: the Linux name is that attribute (as the
    module maps it at login); a sync range outside min_uid..max_uid is warned about."""
    emu.add_user(pool_id=POOL, username="0f1e2d3c", password=PASSWORD, groups=["ops-admin"],
                 attributes={"preferred_username": "Carol"})
    conf = sync_conf(emu, ca_dir).replace("ops, ops-admin, sudo", "ops-admin")
    conf += "username_attribute = preferred_username\nmax_uid = 20000\nsync_max_uid = 30000\n"
    box = sandboxes([], {}, conf, extrausers=True)
    r = sync(box, key_env())
    assert r.returncode == 0, r.stderr
    assert "+ user carol (uid " in r.stdout
    assert "! user (no name) skipped" in r.stdout  # alice has no preferred_username
    assert getent(box, "passwd", "carol") is not None and getent(box, "passwd", "alice") is None
    assert "(10000..30000) is not inside min_uid..max_uid (1000..20000)" in r.stderr

"""The groups option: only members of a listed Cognito group log in, per PAM line."""
from conftest import CLIENT, PASSWORD, POOL, TOTP_SECRET, Answers, conf_text, totp


def add_user(emulator, name, groups):
    emulator.add_user(pool_id=POOL, username=name, password=PASSWORD, totp_secret=TOTP_SECRET,
                      groups=groups)


def login(pam, emulator, ca_dir, user, args=""):
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service(args)
    return pam.run(user, Answers(PASSWORD, lambda: totp(TOTP_SECRET)))


def test_member_of_a_listed_group_is_admitted(pam, emulator, ca_dir):
    add_user(emulator, "carol", ["developers", "ops"])
    r = login(pam, emulator, ca_dir, "carol", "groups=admins,ops")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)


def test_non_member_is_refused_and_logged(pam, emulator, ca_dir):
    add_user(emulator, "carol", ["developers"])
    r = login(pam, emulator, ca_dir, "carol", "groups=admins,ops")
    assert r.code == "PAM_AUTH_ERR"
    assert "Your account is not allowed to log in here." in r.texts("ERROR")
    line = [l for l in r.log if "outcome=denied" in l][0]
    assert "user=carol" in line and "not_in_groups" in line and "admins,ops" in line


def test_sudo_line_can_be_narrower_than_sshd_line(pam, emulator, ca_dir):
    add_user(emulator, "carol", ["developers"])
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service("groups=developers,admins", name="sshd")
    pam.write_service("groups=admins", name="sudo")
    assert pam.run("carol", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), service="sshd").code == "PAM_SUCCESS"
    assert pam.run("carol", Answers(PASSWORD, lambda: totp(TOTP_SECRET, 1)), service="sudo").code == "PAM_AUTH_ERR"


def test_token_for_another_client_is_refused(pam, emulator, ca_dir):
    emulator.add_pool(id=POOL, mfa="OPTIONAL", id_token_overrides={"aud": "someoneelse"})
    emulator.add_client(pool_id=POOL, client_id=CLIENT, client_secret=None,
                        flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])
    add_user(emulator, "carol", ["admins"])
    r = login(pam, emulator, ca_dir, "carol", "groups=admins")
    assert r.code == "PAM_AUTH_ERR"
    assert any("bad_id_token" in l and "not for this app client" in l for l in r.log), r.log


def test_token_from_another_pool_is_refused(pam, emulator, ca_dir):
    emulator.add_pool(id=POOL, mfa="OPTIONAL",
                      id_token_overrides={"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Evil"})
    emulator.add_client(pool_id=POOL, client_id=CLIENT, client_secret=None,
                        flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])
    add_user(emulator, "carol", ["admins"])
    r = login(pam, emulator, ca_dir, "carol", "groups=admins")
    assert r.code == "PAM_AUTH_ERR"
    assert any("not issued by this user pool" in l for l in r.log), r.log


def china_pool(emulator, pool_id):
    emulator.add_pool(id=pool_id, mfa="OPTIONAL")
    emulator.add_client(pool_id=pool_id, client_id=CLIENT, client_secret=None,
                        flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])
    emulator.add_user(pool_id=pool_id, username="carol", password=PASSWORD, totp_secret=TOTP_SECRET,
                      groups=["admins"])


def test_china_pool_token_is_checked_against_its_partition(pam, emulator, ca_dir):
    # cn-north-1 tokens are issued by https://cognito-idp.cn-north-1.amazonaws.com.cn/POOL.
    for n, pool_id in enumerate(("cn-north-1_ChinaPool", "cn-northwest-1_ChinaPool")):
        china_pool(emulator, pool_id)
        pam.write_conf(conf_text(emulator, ca_dir, user_pool_id=pool_id))
        pam.write_service("groups=admins")
        r = pam.run("carol", Answers(PASSWORD, lambda: totp(TOTP_SECRET, n)))
        assert r.code == "PAM_SUCCESS", (r.transcript, r.log)


def test_updated_issuer_is_accepted(pam, emulator, ca_dir):
    # A pool whose IssuerConfiguration is UPDATED: https://issuer-cognito-idp.REGION.amazonaws.com/POOL
    emulator.admin("POST", "/pools/update", {"id": POOL, "issuer_type": "UPDATED"})
    add_user(emulator, "carol", ["admins"])
    r = login(pam, emulator, ca_dir, "carol", "groups=admins")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)

"""username_attribute: the Cognito user who signed in must be the one the login names.

Cognito resolves aliases (email, phone_number, preferred_username) and ignores the
case of user names, so the name sent may sign in someone else; the module compares
the ID token's claim with the expanded username after every sign-in."""
import pytest

from conftest import PASSWORD, POOL, TOTP_SECRET, Answers, conf_text, totp

MSG_MISMATCH = "The account you signed in with is not the one for this login name."


def login(pam, emulator, ca_dir, user, code_offset=0, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service()
    return pam.run(user, Answers(PASSWORD, lambda: totp(TOTP_SECRET, code_offset)))


def denied_line(result):
    lines = [l for l in result.log if "outcome=denied" in l]
    assert len(lines) == 1, result.log
    return lines[0]


def signed_in(emulator):
    """Cognito issued tokens: the refusal, if any, is the module's."""
    return any(e["operation"] == "RespondToAuthChallenge" and e["status"] == 200
               for e in emulator.requests_log())


def preferred_username_pool(emulator):
    emulator.admin("POST", "/pools/update", {"id": POOL, "alias_attributes": ["preferred_username"]})


def test_preferred_username_alias_of_another_user_is_refused(pam, emulator, ca_dir):
    # mallory set her own preferred_username to the Linux login name "dave"
    # (no Cognito user dave exists): her password and code sign her in.
    preferred_username_pool(emulator)
    emulator.add_user(pool_id=POOL, username="mallory", password=PASSWORD, totp_secret=TOTP_SECRET,
                      attributes={"preferred_username": "dave"})
    r = login(pam, emulator, ca_dir, "dave")
    assert signed_in(emulator)
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert MSG_MISMATCH in r.texts("ERROR")
    line = denied_line(r)
    assert "user=dave" in line and "reason=user_mismatch" in line
    assert "cognito:username 'mallory'" in line and "expected 'dave'" in line


def test_takeover_is_refused_with_groups_too(pam, emulator, ca_dir):
    preferred_username_pool(emulator)
    emulator.add_user(pool_id=POOL, username="mallory", password=PASSWORD, totp_secret=TOTP_SECRET,
                      attributes={"preferred_username": "dave"}, groups=["admins"])
    r = login(pam, emulator, ca_dir, "dave", groups="admins")
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert "reason=user_mismatch" in denied_line(r)


def test_preferred_username_attribute_admits_its_owner(pam, emulator, ca_dir):
    preferred_username_pool(emulator)
    emulator.add_user(pool_id=POOL, username="u-7c1d", password=PASSWORD, totp_secret=TOTP_SECRET,
                      attributes={"preferred_username": "dave"})
    r = login(pam, emulator, ca_dir, "dave", username_attribute="preferred_username")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)


def email_pool_user(emulator, verified, email="dave@example.com"):
    # A pool where people sign in with their email (UsernameAttributes: email): the
    # user name is a generated id, the email signs in whether verified or not.
    emulator.add_user(pool_id=POOL, username="0b5e-dave-id", password=PASSWORD,
                      totp_secret=TOTP_SECRET, aliases=["dave@example.com"],
                      attributes={"email": email,
                                  "email_verified": "true" if verified else "false"})


def test_email_as_username_pool_logs_in_with_username_attribute_email(pam, emulator, ca_dir):
    email_pool_user(emulator, verified=True)
    r = login(pam, emulator, ca_dir, "dave", username="%u@example.com", username_attribute="email")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)


def test_an_email_that_differs_in_case_is_refused(pam, emulator, ca_dir):
    # Compared byte for byte with the expanded template, like every name.
    email_pool_user(emulator, verified=True, email="Dave@Example.com")
    r = login(pam, emulator, ca_dir, "dave", username="%u@example.com", username_attribute="email")
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert "signed in as email 'Dave@Example.com', not the expected 'dave@example.com'" \
        in denied_line(r)


def test_email_as_username_pool_needs_the_option(pam, emulator, ca_dir):
    email_pool_user(emulator, verified=True)
    r = login(pam, emulator, ca_dir, "dave", username="%u@example.com")
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert "cognito:username '0b5e-dave-id', not the expected 'dave@example.com'" in denied_line(r)


def test_unverified_email_is_refused(pam, emulator, ca_dir):
    email_pool_user(emulator, verified=False)
    r = login(pam, emulator, ca_dir, "dave", username="%u@example.com", username_attribute="email")
    assert signed_in(emulator)
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert MSG_MISMATCH in r.texts("ERROR")
    line = denied_line(r)
    assert "email 'dave@example.com' is not verified (email_verified)" in line


def test_verified_email_of_another_user_is_refused(pam, emulator, ca_dir):
    # eve's verified email is an alias: typing it signs eve in, whoever's login it is.
    emulator.admin("POST", "/pools/update", {"id": POOL, "alias_attributes": ["email"]})
    emulator.add_user(pool_id=POOL, username="eve", password=PASSWORD, totp_secret=TOTP_SECRET,
                      attributes={"email": "dave@example.com", "email_verified": "true"})
    r = login(pam, emulator, ca_dir, "dave", username="%u@example.com")
    assert signed_in(emulator)
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert "cognito:username 'eve', not the expected 'dave@example.com'" in denied_line(r)


def test_phone_number_must_be_verified(pam, emulator, ca_dir):
    emulator.add_user(pool_id=POOL, username="0b5e-erin-id", password=PASSWORD,
                      totp_secret=TOTP_SECRET, aliases=["+15550001111"],
                      attributes={"phone_number": "+15550001111", "phone_number_verified": "false"})
    with open(pam.passwd, "a") as f:
        f.write("+15550001111:x:2100:2100::/home/x:/bin/sh\n")
    r = login(pam, emulator, ca_dir, "+15550001111", username_attribute="phone_number")
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert "is not verified (phone_number_verified)" in denied_line(r)
    emulator.admin("POST", "/users/update", {"pool_id": POOL, "username": "0b5e-erin-id",
                   "attributes": {"phone_number": "+15550001111", "phone_number_verified": "true"}})
    r = login(pam, emulator, ca_dir, "+15550001111", code_offset=1,
              username_attribute="phone_number")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)


@pytest.mark.parametrize("cognito_name", ["Carol", "CAROL"])
def test_a_name_that_differs_in_case_is_another_account(pam, emulator, ca_dir, cognito_name):
    # A case-insensitive pool (Cognito's default) finds Carol for "carol" and keeps the
    # spelling she was created with; alice and Alice are two Linux accounts, so a name is
    # compared byte for byte and the sign-in is refused.
    emulator.add_user(pool_id=POOL, username=cognito_name, password=PASSWORD,
                      totp_secret=TOTP_SECRET)
    r = login(pam, emulator, ca_dir, "carol")
    assert signed_in(emulator)
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert "cognito:username '%s', not the expected 'carol'" % cognito_name in denied_line(r)
"""The username template: what the PAM user becomes at Cognito."""
import pytest

from conftest import PASSWORD, POOL, TOTP_SECRET, Answers, conf_text, totp


def initiate_usernames(emulator):
    return [e["body"]["AuthParameters"]["USERNAME"] for e in emulator.requests_log()
            if e["operation"] == "InitiateAuth"]


def add_local_user(pam, name):
    with open(pam.passwd, "a") as f:
        f.write("%s:x:2100:2100::/home/x:/bin/sh\n" % name)


def test_template_sends_the_alias_and_answers_as_the_real_user(pam, emulator, ca_dir):
    emulator.add_user(pool_id=POOL, username="7c1d-dave-id", password=PASSWORD,
                      totp_secret=TOTP_SECRET, aliases=["dave@example.com"],
                      attributes={"email": "dave@example.com", "email_verified": "true"})
    pam.write_conf(conf_text(emulator, ca_dir, username="%u@example.com",
                             username_attribute="email"))
    pam.write_service()
    r = pam.run("dave", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert initiate_usernames(emulator) == ["dave@example.com"]
    answered = [e["body"]["ChallengeResponses"]["USERNAME"] for e in emulator.requests_log()
                if e["operation"] == "RespondToAuthChallenge"]
    assert answered == ["7c1d-dave-id"]


@pytest.mark.parametrize("pam_user", ["pct%u", "two%%signs"])
def test_percent_in_the_pam_user_is_not_expanded_again(pam, emulator, ca_dir, pam_user):
    add_local_user(pam, pam_user)
    emulator.add_user(pool_id=POOL, username=pam_user + "@example.com", password=PASSWORD,
                      totp_secret=TOTP_SECRET)
    pam.write_conf(conf_text(emulator, ca_dir, username="%u@example.com"))
    pam.write_service()
    r = pam.run(pam_user, Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert initiate_usernames(emulator) == [pam_user + "@example.com"]

"""The module against cognito-local, a second Cognito implementation we did not write.

Through pam_wrapper, with auth_flow = password (cognito-local has no SRP).
Where cognito-local answers differently from AWS and from our emulator, the
module must still reach the right PAM verdict; tests/README.md lists each
difference these tests met.
"""
import pytest

from cognito_local import CognitoLocal
from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp, wrong_code

TEMP_PASSWORD = "Temp-Passw0rd!"
NEW_PASSWORD = "N3w-Passw0rd-ok!"


@pytest.fixture(scope="module")
def server(ca_dir):
    srv = CognitoLocal(ca_dir)
    try:
        srv.pool = srv.create_pool("OPTIONAL")
        srv.client = srv.create_client(srv.pool)
        srv.create_user(srv.pool, "alice", PASSWORD)        # TOTP, seeded below
        srv.create_user(srv.pool, "bob", PASSWORD)          # password only
        srv.create_user(srv.pool, "carol", TEMP_PASSWORD, permanent=False)
        srv.create_group(srv.pool, "admins")
        srv.add_to_group(srv.pool, "alice", "admins")
        srv.seed_totp(srv.pool, "alice", TOTP_SECRET)
        yield srv
    finally:
        srv.close()


def login(pam, server, ca_dir, user, answer, **conf):
    keys = dict(user_pool_id=server.pool, client_id=server.client, endpoint=server.endpoint)
    keys.update(conf)
    pam.write_conf(conf_text(None, ca_dir, **keys))
    pam.write_service()
    return pam.run(user, answer)


def test_the_seeded_user_has_totp(server):
    u = server.user(server.pool, "alice")
    assert u["UserStatus"] == "CONFIRMED"
    assert u["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]


def test_password_and_code_succeed(pam, server, ca_dir):
    r = login(pam, server, ca_dir, "alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Verification code: "]


def test_wrong_password_is_refused(pam, server, ca_dir):
    # cognito-local: InvalidPasswordException "Invalid password" (AWS: NotAuthorizedException)
    r = login(pam, server, ca_dir, "alice", Answers("Wrong-passw0rd!"))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]
    assert r.texts("ERROR") == ["Incorrect username or password."]
    assert any("InvalidPasswordException" in l for l in r.log), r.log


def test_wrong_code_then_right_code_succeeds(pam, server, ca_dir):
    # cognito-local: CodeMismatchException "Incorrect confirmation code"
    r = login(pam, server, ca_dir, "alice",
              Answers(PASSWORD, wrong_code(TOTP_SECRET), lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.texts("ERROR") == ["Wrong code. 2 tries left."]


def test_only_wrong_codes_are_refused(pam, server, ca_dir):
    bad = wrong_code(TOTP_SECRET)
    r = login(pam, server, ca_dir, "alice", Answers(PASSWORD, bad, bad, bad))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.texts("ERROR")[-1] == "Wrong code. No tries left."


def test_single_prompt_password_and_code(pam, server, ca_dir):
    r = login(pam, server, ca_dir, "alice", lambda kind, text: PASSWORD + totp(TOTP_SECRET),
              single_prompt="yes")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]


def test_password_only_user_when_mfa_is_not_required(pam, server, ca_dir):
    r = login(pam, server, ca_dir, "bob", Answers(PASSWORD), require_mfa="no")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]


def test_password_only_user_is_refused_when_mfa_is_required(pam, server, ca_dir):
    r = login(pam, server, ca_dir, "bob", Answers(PASSWORD), require_mfa="yes", enroll="no")
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert any("reason=mfa_required" in l for l in r.log), r.log


def test_user_unknown_to_cognito_is_refused(pam, server, ca_dir):
    # cognito-local: NotAuthorizedException "User not authorized" (AWS: UserNotFoundException,
    # or "Incorrect username or password." when user existence errors are prevented)
    r = login(pam, server, ca_dir, "dave", Answers(PASSWORD))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.texts("ERROR") == ["Incorrect username or password."]


def test_groups_from_its_id_token(pam, server, ca_dir):
    answers = Answers(PASSWORD, lambda: totp(TOTP_SECRET))
    r = login(pam, server, ca_dir, "alice", answers, groups="admins")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    answers = Answers(PASSWORD, lambda: totp(TOTP_SECRET))
    r = login(pam, server, ca_dir, "alice", answers, groups="operators")
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)


def test_unknown_app_client_is_a_configuration_error(pam, server, ca_dir):
    # cognito-local: ResourceNotFoundException "App Client X not found"
    r = login(pam, server, ca_dir, "alice", Answers(PASSWORD),
              client_id="nosuchclient0123456789abc")
    assert r.code == "PAM_SERVICE_ERR", (r.transcript, r.log)


def test_srp_is_not_offered_and_the_module_says_unavailable(pam, server, ca_dir):
    # cognito-local: HTTP 500 CognitoLocal#Unsupported for USER_SRP_AUTH
    r = login(pam, server, ca_dir, "alice", Answers(PASSWORD), auth_flow="srp", retries="0")
    assert r.code == "PAM_AUTHINFO_UNAVAIL", (r.transcript, r.log)


def test_temporary_password_is_replaced_at_first_login(pam, server, ca_dir):
    # cognito-local sends NEW_PASSWORD_REQUIRED (requiredAttributes "[]") before it checks
    # the temporary password; AWS checks it first. The module answers it the same way.
    def answer(kind, text):
        return TEMP_PASSWORD if text == "Password: " else NEW_PASSWORD
    r = login(pam, server, ca_dir, "carol", answer, require_mfa="no")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert len(r.prompts()) == 3, r.transcript  # temporary password, new password twice
    assert server.user(server.pool, "carol")["UserStatus"] == "CONFIRMED"
    r = login(pam, server, ca_dir, "carol", Answers(NEW_PASSWORD), require_mfa="no")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]

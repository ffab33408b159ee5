"""NEW_PASSWORD_REQUIRED: the first login of an admin-created user (temporary password)."""
from conftest import PASSWORD, POOL, TOTP_SECRET, conf_text, totp, wrong_code
from expose_authtok import read_authtok, save_authtok_after_the_module
from scripted import ByPrompt

TEMPORARY = "Temp-Passw0rd!"
CHOSEN = "Chosen-Passw0rd!"


def add_new_user(emulator, name="carol", **fields):
    emulator.add_user(pool_id=POOL, username=name, password=TEMPORARY, totp_secret=TOTP_SECRET,
                      status="FORCE_CHANGE_PASSWORD", **fields)


def configure(pam, emulator, ca_dir, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service()


def new_password_answers(emulator):
    return [e["body"]["ChallengeResponses"] for e in emulator.requests_log()
            if e["operation"] == "RespondToAuthChallenge"
            and e["body"].get("ChallengeName") == "NEW_PASSWORD_REQUIRED"]


def test_first_login_mismatch_then_policy_refusal_then_new_password_then_totp(pam, emulator, ca_dir):
    add_new_user(emulator)
    configure(pam, emulator, ca_dir, auth_flow=None)  # SRP: PASSWORD_VERIFIER comes first
    answers = ByPrompt({
        "Password: ": [TEMPORARY],
        "New password: ": ["Mistyped-Passw0rd!", "Short1!", CHOSEN],
        "Retype new password: ": ["Mistyped-Passw0rd?", "Short1!", CHOSEN],
        "Verification code: ": [lambda: totp(TOTP_SECRET)],
    })
    r = pam.run("carol", answers)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "New password: ", "Retype new password: ",
                           "New password: ", "Retype new password: ",
                           "New password: ", "Retype new password: ", "Verification code: "]
    assert all(k == "PROMPT_ECHO_OFF" for k, _ in answers.asked)
    assert r.texts("INFO") == ["Your password is temporary: choose a new password to finish signing in."]
    assert r.texts("ERROR") == ["The passwords do not match.",
                                "That password was not accepted: Password not long enough."]
    # The mismatch was caught locally: Cognito saw two new passwords, in the same session.
    sent = new_password_answers(emulator)
    assert [a["NEW_PASSWORD"] for a in sent] == ["Short1!", CHOSEN]
    assert all(a["USERNAME"] == "carol" for a in sent)
    assert emulator.user(POOL, "carol")["status"] == "CONFIRMED"
    assert emulator.counters()["requests"]["InitiateAuth"] == 1

    again = pam.run("carol", ByPrompt({"Password: ": [CHOSEN],
                                       "Verification code: ": [lambda: totp(TOTP_SECRET, 1)]}))
    assert again.code == "PAM_SUCCESS", (again.transcript, again.log)
    assert again.prompts() == ["Password: ", "Verification code: "]


def test_required_attributes_are_asked_by_a_readable_name(pam, emulator, ca_dir):
    emulator.admin("POST", "/pools/update", {"id": POOL, "required_attributes": ["email", "name"]})
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    answers = ByPrompt({
        "Password: ": [TEMPORARY],
        "Email address: ": ["carol at example", "  carol@example.com "],
        "Full name: ": ["Carol Q. Example"],
        "New password: ": [CHOSEN],
        "Retype new password: ": [CHOSEN],
        "Verification code: ": [lambda: totp(TOTP_SECRET)],
    })
    r = pam.run("carol", answers)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert ("PROMPT_ECHO_ON", "Email address: ") in answers.asked
    assert ("PROMPT_ECHO_ON", "Full name: ") in answers.asked
    assert r.texts("ERROR") == ["Enter an email address like name@example.com."]
    sent = new_password_answers(emulator)[0]
    assert sent["userAttributes.email"] == "carol@example.com"
    assert sent["userAttributes.name"] == "Carol Q. Example"
    attributes = emulator.user(POOL, "carol")["attributes"]
    assert attributes["email"] == "carol@example.com" and attributes["name"] == "Carol Q. Example"


def test_phone_number_is_tidied_to_the_form_cognito_takes(pam, emulator, ca_dir):
    emulator.admin("POST", "/pools/update", {"id": POOL, "required_attributes": ["phone_number"]})
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", ByPrompt({
        "Password: ": [TEMPORARY],
        "Mobile phone number": ["555 1234", "+1 (555) 123-4567"],
        "New password: ": [CHOSEN], "Retype new password: ": [CHOSEN],
        "Verification code: ": [lambda: totp(TOTP_SECRET)],
    }))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.texts("ERROR") == ["Enter the phone number with its country code, like +15551234567."]
    assert emulator.user(POOL, "carol")["attributes"]["phone_number"] == "+15551234567"


def test_attributes_that_cannot_be_asked_at_a_prompt_are_refused_clearly(pam, emulator, ca_dir):
    emulator.admin("POST", "/pools/update", {"id": POOL, "required_attributes": ["custom:badge"]})
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY], "New password: ": [CHOSEN]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["Password: "]
    assert r.texts("ERROR") == ["Your account needs details that cannot be entered here before it "
                                "can be used. Ask your administrator."]
    assert any("reason=unsupported_required_attributes" in l and "custom:badge" in l for l in r.log), r.log
    assert emulator.user(POOL, "carol")["status"] == "FORCE_CHANGE_PASSWORD"


def test_preferred_username_is_not_filled_when_it_names_the_login(pam, emulator, ca_dir):
    # With username_attribute = preferred_username, a required attribute typed at the prompt
    # would let the person choose which Linux account their sign-in logs into.
    emulator.admin("POST", "/pools/update", {"id": POOL, "required_attributes": ["preferred_username"]})
    add_new_user(emulator)
    configure(pam, emulator, ca_dir, username_attribute="preferred_username")
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY], "New password: ": [CHOSEN],
                                   "Preferred user name: ": ["carol"]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]
    assert any("reason=unsupported_required_attributes" in l and "preferred_username" in l
               for l in r.log), r.log
    assert new_password_answers(emulator) == []
    assert emulator.user(POOL, "carol")["status"] == "FORCE_CHANGE_PASSWORD"
    # Bound to cognito:username, the same attribute is asked as any other.
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY], "New password: ": [CHOSEN],
                                   "Retype new password: ": [CHOSEN],
                                   "Preferred user name: ": ["carol"],
                                   "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert "Preferred user name: " in r.prompts()


def test_more_attributes_than_a_prompt_should_ask_are_refused(pam, emulator, ca_dir):
    emulator.admin("POST", "/pools/update", {
        "id": POOL, "required_attributes": ["email", "name", "given_name", "family_name", "nickname"]})
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["Password: "]
    assert any("more required attributes than can be asked" in l for l in r.log), r.log


def test_new_password_never_confirmed_changes_nothing(pam, emulator, ca_dir):
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", ByPrompt({
        "Password: ": [TEMPORARY],
        "New password: ": ["One-Passw0rd!", "Two-Passw0rd!", "Three-Passw0rd!"],
        "Retype new password: ": ["one", "two", "three"],
    }))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["The passwords do not match."] * 3 + [
        "Sign-in stopped: your password was not changed."]
    assert new_password_answers(emulator) == []
    assert emulator.user(POOL, "carol")["status"] == "FORCE_CHANGE_PASSWORD"


def test_policy_refusals_end_the_sign_in_after_three(pam, emulator, ca_dir):
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    weak = ["alllowercase1!", "ALLUPPERCASE1!", "NoDigits-here!"]
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY], "New password: ": list(weak),
                                   "Retype new password: ": list(weak)}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == [
        "That password was not accepted: Password must have uppercase characters.",
        "That password was not accepted: Password must have lowercase characters.",
        "That password was not accepted: Password must have numeric characters.",
        "Sign-in stopped: your password was not changed.",
    ]
    assert any("reason=InvalidPasswordException" in l for l in r.log), r.log
    assert emulator.user(POOL, "carol")["status"] == "FORCE_CHANGE_PASSWORD"


def test_wrong_temporary_password_asks_for_no_new_one(pam, emulator, ca_dir):
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["Password: "]
    assert r.texts("ERROR") == ["Incorrect username or password."]


def test_pool_that_ends_the_session_after_a_refusal_gets_a_clear_message(pam, emulator, ca_dir):
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    dead = '{"__type":"NotAuthorizedException","message":"Invalid session for the user, session is expired."}'

    def end_session_then_answer():
        # Queued when the second new password is typed, after the first was refused.
        emulator.fault(operation="RespondToAuthChallenge", kind="raw", status=400, body=dead,
                       error_type="NotAuthorizedException")
        return CHOSEN
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY],
                                   "New password: ": ["Short1!", end_session_then_answer],
                                   "Retype new password: ": ["Short1!", CHOSEN]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == [
        "That password was not accepted: Password not long enough.",
        "Your password was not changed. Sign in again with your temporary password and choose a new one.",
    ]


def test_details_cognito_rejects_are_shown_in_its_words(pam, emulator, ca_dir):
    emulator.admin("POST", "/pools/update", {"id": POOL, "required_attributes": ["email"]})
    add_new_user(emulator)
    configure(pam, emulator, ca_dir)
    emulator.fault(operation="RespondToAuthChallenge", kind="raw", status=400,
                   body='{"__type":"InvalidParameterException","message":"Invalid email address format."}',
                   error_type="InvalidParameterException")
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY], "Email address: ": ["carol@example"],
                                   "New password: ": [CHOSEN], "Retype new password: ": [CHOSEN]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["The details you entered were not accepted: Invalid email address format."]


def test_single_prompt_refuses_a_temporary_password_before_any_prompt(pam, emulator, ca_dir):
    # sshd's password mode answers every prompt with the one string the client sent: the
    # new-password prompts would set "temporary password + code" as the permanent password.
    add_new_user(emulator)
    configure(pam, emulator, ca_dir, single_prompt="yes")
    r = pam.run("carol", lambda kind, text: TEMPORARY + totp(TOTP_SECRET))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]
    assert r.texts("ERROR") == ["Your password is temporary. Choosing a new one needs an "
                                "interactive login, and this one takes a single answer. Ask your "
                                "administrator."]
    assert any("outcome=denied" in l and "reason=new_password_not_interactive" in l
               for l in r.log), r.log
    assert new_password_answers(emulator) == []
    assert emulator.user(POOL, "carol")["status"] == "FORCE_CHANGE_PASSWORD"


def test_later_modules_get_the_new_password(pam, emulator, ca_dir):
    add_new_user(emulator)
    pam.write_conf(conf_text(emulator, ca_dir))
    saved = save_authtok_after_the_module(pam)
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY], "New password: ": [CHOSEN],
                                   "Retype new password: ": [CHOSEN],
                                   "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert read_authtok(saved) == CHOSEN


def test_later_modules_get_the_new_password_even_when_the_login_then_fails(pam, emulator, ca_dir):
    # Cognito has the new password once it took it: a wrong MFA code does not undo that.
    add_new_user(emulator)
    pam.write_conf(conf_text(emulator, ca_dir, code_retries=1))
    saved = save_authtok_after_the_module(pam)
    r = pam.run("carol", ByPrompt({"Password: ": [TEMPORARY], "New password: ": [CHOSEN],
                                   "Retype new password: ": [CHOSEN],
                                   "Verification code: ": [lambda: wrong_code(TOTP_SECRET)]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert emulator.user(POOL, "carol")["status"] == "CONFIRMED"
    assert read_authtok(saved) == CHOSEN

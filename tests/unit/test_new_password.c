/* Asking a new password twice, and Cognito's policy refusals in plain words. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "flow/new_password.h"
#include "util/secure.h"

/* A prompter that answers from a script and keeps what it was told. */
struct script {
    const char *answers[8];
    size_t next;
    const char *prompts[8];
    bool echo[8];
    size_t asked;
    char told[4][128];
    size_t n_told;
};

static int script_ask(void *ctx, const char *prompt, bool echo, char **answer)
{
    struct script *s = ctx;

    if (s->asked < 8) {
        s->prompts[s->asked] = prompt;
        s->echo[s->asked] = echo;
    }
    s->asked++;
    if (s->next >= 8 || s->answers[s->next] == NULL)
        return -1;
    *answer = strdup(s->answers[s->next++]);
    return *answer != NULL ? 0 : -1;
}

static int script_tell(void *ctx, const char *text)
{
    struct script *s = ctx;

    if (s->n_told < 4)
        strncpy(s->told[s->n_told++], text, sizeof(s->told[0]) - 1);
    return 0;
}

static struct pcg_prompter prompter_for(struct script *s)
{
    return (struct pcg_prompter){
        .ctx = s, .ask = script_ask, .info = script_tell, .error = script_tell
    };
}

static void test_matching_answers_give_the_password(void **state)
{
    struct script s = { .answers = { "N3w-Passw0rd!", "N3w-Passw0rd!" } };
    struct pcg_prompter p = prompter_for(&s);
    char *pw = NULL;

    assert_int_equal(pcg_ask_new_password(&p, 3, &pw), PCG_NEW_PASSWORD_OK);
    assert_string_equal(pw, "N3w-Passw0rd!");
    assert_string_equal(s.prompts[0], "New password: ");
    assert_string_equal(s.prompts[1], "Retype new password: ");
    assert_false(s.echo[0]);
    assert_false(s.echo[1]);
    assert_int_equal(s.n_told, 0);
    pcg_free_secret(pw);
}

static void test_mismatch_is_told_and_asked_again(void **state)
{
    struct script s = { .answers = { "One-Passw0rd!", "Two-Passw0rd!", "One-Passw0rd!",
                                     "One-Passw0rd!" } };
    struct pcg_prompter p = prompter_for(&s);
    char *pw = NULL;

    assert_int_equal(pcg_ask_new_password(&p, 3, &pw), PCG_NEW_PASSWORD_OK);
    assert_string_equal(pw, "One-Passw0rd!");
    assert_int_equal(s.n_told, 1);
    assert_string_equal(s.told[0], "The passwords do not match.");
    pcg_free_secret(pw);
}

static void test_unusable_passwords_are_refused_before_the_retype(void **state)
{
    struct script s = { .answers = { "", " padded", "Short", "Long-En0ugh", "Long-Enough" } };
    struct pcg_prompter p = prompter_for(&s);
    char *pw = (char *)"untouched";

    assert_int_equal(pcg_ask_new_password(&p, 4, &pw), PCG_NEW_PASSWORD_GAVE_UP);
    assert_null(pw);
    assert_int_equal(s.asked, 5);
    assert_string_equal(s.told[0], "The password must not be empty.");
    assert_string_equal(s.told[1], "The password must not begin or end with a space.");
    assert_string_equal(s.told[2], "The password is too short: use at least 6 characters.");
    assert_string_equal(s.told[3], "The passwords do not match.");
}

/* Cognito's limits count characters, not bytes. */
static void test_password_length_is_counted_in_characters(void **state)
{
    char long_ascii[258], long_accents[2 * 256 + 1];
    struct script s = { 0 };
    struct pcg_prompter p;
    char *pw = NULL;

    memset(long_ascii, 'A', 257);
    long_ascii[257] = '\0';
    for (int i = 0; i < 256; i++)
        memcpy(long_accents + 2 * i, "\xc3\xa9", 2);
    long_accents[512] = '\0';
    s.answers[0] = long_ascii;
    s.answers[1] = "\xc3\xa9\xc3\xa9\xc3\xa9"; /* 6 bytes, 3 characters */
    s.answers[2] = long_accents;
    s.answers[3] = long_accents;
    p = prompter_for(&s);
    assert_int_equal(pcg_ask_new_password(&p, 3, &pw), PCG_NEW_PASSWORD_OK);
    assert_string_equal(s.told[0], "The password is too long: use at most 256 characters.");
    assert_string_equal(s.told[1], "The password is too short: use at least 6 characters.");
    assert_string_equal(pw, long_accents); /* 512 bytes, 256 characters */
    free(pw);
}

static void test_no_answer_is_a_conversation_error(void **state)
{
    struct script s = { .answers = { "Only-0ne!" } };
    struct pcg_prompter p = prompter_for(&s);
    char *pw = NULL;

    assert_int_equal(pcg_ask_new_password(&p, 3, &pw), PCG_NEW_PASSWORD_CONV_ERR);
    assert_null(pw);
}

static void test_policy_messages_in_plain_words(void **state)
{
    struct pcg_api_error e = {
        .type = "InvalidPasswordException",
        .message = "Password does not conform to policy: Password not long enough",
    };
    char out[200];

    assert_true(pcg_is_password_policy_error(&e));
    pcg_password_policy_message(&e, out, sizeof(out));
    assert_string_equal(out, "That password was not accepted: Password not long enough.");
    strcpy(e.type, "PasswordHistoryPolicyViolationException");
    strcpy(e.message, "The password can't be a previously used password.");
    assert_true(pcg_is_password_policy_error(&e));
    pcg_password_policy_message(&e, out, sizeof(out));
    assert_string_equal(out,
                        "That password was not accepted: The password can't be a previously "
                        "used password.");
    e.message[0] = '\0';
    pcg_password_policy_message(&e, out, sizeof(out));
    assert_string_equal(out, "That password does not meet the password rules of your account.");
    strcpy(e.type, "NotAuthorizedException");
    assert_false(pcg_is_password_policy_error(&e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matching_answers_give_the_password),
        cmocka_unit_test(test_mismatch_is_told_and_asked_again),
        cmocka_unit_test(test_unusable_passwords_are_refused_before_the_retype),
        cmocka_unit_test(test_password_length_is_counted_in_characters),
        cmocka_unit_test(test_no_answer_is_a_conversation_error),
        cmocka_unit_test(test_policy_messages_in_plain_words),
    };
    return cmocka_run_group_tests_name("new_password", tests, NULL, NULL);
}

#include "config.h"

#include "flow/challenge_new_password.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/conf_values.h"
#include "cognito/json_util.h"
#include "util/name_list.h"
#include "flow/new_password.h"
#include "util/secure.h"
#include "util/text.h"

/* More attributes than this are not something to fill in at a login prompt. */
#define PCG_MAX_REQUIRED_ATTRIBUTES 4
#define PCG_ATTRIBUTE_VALUE_MAX 256
#define PCG_ATTRIBUTE_TRIES 3
#define ATTRIBUTE_PREFIX "userAttributes."

/* Checks (and may tidy in place) a typed value: NULL, or what to tell the person. */
typedef const char *(*attribute_check)(char *value);

struct attribute_kind {
    const char *name; /* Cognito's standard attribute */
    const char *prompt;
    attribute_check check;
};

static const char *check_email(char *v)
{
    const char *at = strchr(v, '@');

    if (at == NULL || at == v || at[1] == '\0' || strchr(at + 1, '@') != NULL
        || strpbrk(v, " \t") != NULL)
        return "Enter an email address like name@example.com.";
    return NULL;
}

/* E.164 as Cognito wants it; spaces, dashes and brackets typed for readability are dropped. */
static const char *check_phone(char *v)
{
    size_t n = 0, digits = 0;

    for (const char *p = v; *p != '\0'; p++) {
        if (strchr(" -()", *p) != NULL)
            continue;
        if (n == 0 ? *p != '+' : (*p < '0' || *p > '9'))
            return "Enter the phone number with its country code, like +15551234567.";
        digits += n > 0;
        v[n++] = *p;
    }
    v[n] = '\0';
    if (digits < 7 || digits > 15)
        return "Enter the phone number with its country code, like +15551234567.";
    return NULL;
}

static const char *check_date(char *v)
{
    static const char shape[] = "dddd-dd-dd";

    if (strlen(v) != sizeof(shape) - 1)
        return "Enter the date as YYYY-MM-DD.";
    for (size_t i = 0; shape[i] != '\0'; i++)
        if (shape[i] == 'd' ? (v[i] < '0' || v[i] > '9') : v[i] != '-')
            return "Enter the date as YYYY-MM-DD.";
    return NULL;
}

static const char *check_one_word(char *v)
{
    return strpbrk(v, " \t") != NULL ? "Enter it without spaces." : NULL;
}

static const struct attribute_kind attribute_kinds[] = {
    { "email", "Email address: ", check_email },
    { "phone_number", "Mobile phone number (like +15551234567): ", check_phone },
    { "name", "Full name: ", NULL },
    { "given_name", "First name: ", NULL },
    { "family_name", "Last name: ", NULL },
    { "middle_name", "Middle name: ", NULL },
    { "nickname", "Nickname: ", NULL },
    { "preferred_username", "Preferred user name: ", check_one_word },
    { "birthdate", "Date of birth (YYYY-MM-DD): ", check_date },
    { "gender", "Gender: ", NULL },
    { "locale", "Locale (like en-US): ", check_one_word },
    { "zoneinfo", "Time zone (like Europe/Paris): ", check_one_word },
    { "website", "Web site: ", check_one_word },
};

static const struct attribute_kind *find_kind(const char *name)
{
    for (size_t i = 0; i < sizeof(attribute_kinds) / sizeof(attribute_kinds[0]); i++)
        if (strcmp(attribute_kinds[i].name, name) == 0)
            return &attribute_kinds[i];
    return NULL;
}

struct required {
    const struct attribute_kind *kind[PCG_MAX_REQUIRED_ATTRIBUTES];
    char *value[PCG_MAX_REQUIRED_ATTRIBUTES];
    size_t n;
};

static void required_clear(struct required *req)
{
    for (size_t i = 0; i < req->n; i++)
        free(req->value[i]);
    memset(req, 0, sizeof(*req));
}

static enum pcg_verdict cannot_complete(struct pcg_login *lg, const char *detail)
{
    pcg_login_note(lg, "unsupported_required_attributes", detail);
    pcg_login_tell(lg,
                   "Your account needs details that cannot be entered here before it can be "
                   "used. Ask your administrator.");
    return PCG_VERDICT_DENIED;
}

/* Reads requiredAttributes into req->kind; refuses what cannot be asked at a login prompt. */
static enum pcg_verdict take_required(struct pcg_login *lg, struct json_object *params,
                                      struct required *req)
{
    const char *text = pcg_json_get_string(params, "requiredAttributes");
    char **names = NULL, detail[PCG_ERROR_MESSAGE_MAX];
    enum pcg_verdict v = PCG_VERDICT_SUCCESS;
    enum pcg_name_list_status st;
    size_t n = 0;

    if (text == NULL)
        return PCG_VERDICT_SUCCESS;
    st = pcg_name_list_parse(text, PCG_MAX_REQUIRED_ATTRIBUTES, &names, &n);
    if (st == PCG_NAME_LIST_NOMEM)
        return PCG_VERDICT_INTERNAL;
    if (st == PCG_NAME_LIST_TOO_MANY)
        return cannot_complete(lg, "more required attributes than can be asked at a prompt");
    if (st != PCG_NAME_LIST_OK) {
        pcg_login_note(lg, "bad_response", "requiredAttributes is not a list of names");
        return PCG_VERDICT_UNAVAILABLE;
    }
    for (size_t i = 0; i < n && v == PCG_VERDICT_SUCCESS; i++) {
        const char *name = names[i];

        if (strncmp(name, ATTRIBUTE_PREFIX, strlen(ATTRIBUTE_PREFIX)) == 0)
            name += strlen(ATTRIBUTE_PREFIX);
        req->kind[req->n] = find_kind(name);
        if (req->kind[req->n] != NULL && lg->conf->username_attribute == PCG_USERATTR_PREFERRED
            && strcmp(name, "preferred_username") == 0) {
            /* The claim that names the login: whoever typed it would pick their Linux account. */
            v = cannot_complete(lg,
                                "required attribute preferred_username is the one "
                                "username_attribute binds to the login name");
        } else if (req->kind[req->n] == NULL) {
            char shown[PCG_NAME_MAX + 1];

            snprintf(detail, sizeof(detail), "required attribute %s cannot be asked at a prompt",
                     pcg_sanitize(name, shown, sizeof(shown)));
            v = cannot_complete(lg, detail);
        } else {
            req->n++;
        }
    }
    pcg_name_list_free(names, n);
    return v;
}

static void trim(char *s)
{
    size_t start = strspn(s, " \t"), n = strlen(s);

    while (n > start && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    memmove(s, s + start, n - start);
    s[n - start] = '\0';
}

/* Asks for one attribute (echo on) until the value is usable. */
static enum pcg_verdict ask_attribute(struct pcg_login *lg, const struct attribute_kind *kind,
                                      char **value)
{
    for (int i = 0; i < PCG_ATTRIBUTE_TRIES; i++) {
        char *typed = NULL;
        const char *why;

        if (lg->prompter->ask(lg->prompter->ctx, kind->prompt, true, &typed) != 0
            || typed == NULL) {
            pcg_login_note(lg, "conversation_failed", "no answer to an attribute prompt");
            return PCG_VERDICT_CONV_ERR;
        }
        trim(typed);
        why = pcg_check_text(typed, PCG_ATTRIBUTE_VALUE_MAX) != NULL
            ? "That cannot be used: enter plain text on one line."
            : kind->check != NULL ? kind->check(typed)
                                  : NULL;
        if (why == NULL) {
            *value = typed;
            return PCG_VERDICT_SUCCESS;
        }
        free(typed);
        pcg_login_tell(lg, why);
    }
    pcg_login_note(lg, "bad_attribute", kind->name);
    pcg_login_tell(lg, "Sign-in stopped: the details asked for were not given.");
    return PCG_VERDICT_DENIED;
}

static enum pcg_verdict ask_required(struct pcg_login *lg, struct required *req)
{
    for (size_t i = 0; i < req->n; i++) {
        enum pcg_verdict v = ask_attribute(lg, req->kind[i], &req->value[i]);

        if (v != PCG_VERDICT_SUCCESS)
            return v;
    }
    return PCG_VERDICT_SUCCESS;
}

static struct json_object *build_responses(const char *password, const struct required *req)
{
    struct json_object *responses = json_object_new_object();
    char key[sizeof(ATTRIBUTE_PREFIX) + PCG_NAME_MAX];

    if (responses == NULL || pcg_json_add_string(responses, "NEW_PASSWORD", password) != 0)
        goto fail;
    for (size_t i = 0; i < req->n; i++) {
        snprintf(key, sizeof(key), ATTRIBUTE_PREFIX "%s", req->kind[i]->name);
        if (pcg_json_add_string(responses, key, req->value[i]) != 0)
            goto fail;
    }
    return responses;
fail:
    pcg_json_put_wiped(responses);
    return NULL;
}

static bool is_dead_session(const struct pcg_api_error *err)
{
    return strcmp(err->type, "NotAuthorizedException") == 0
        && strncmp(err->message, "Invalid session", 15) == 0;
}

/* Sends new passwords until one passes the policy, PCG_NEW_PASSWORD_TRIES times at most. */
static enum pcg_verdict submit(struct pcg_login *lg, const struct required *req,
                               struct json_object **next)
{
    bool refused_before = false;

    for (int round = 1;; round++) {
        char *password = NULL, msg[PCG_ERROR_MESSAGE_MAX + 64];
        struct json_object *responses;
        struct pcg_api_error err;
        enum pcg_status st;

        switch (pcg_ask_new_password(lg->prompter, PCG_NEW_PASSWORD_TRIES, &password)) {
        case PCG_NEW_PASSWORD_OK:
            break;
        case PCG_NEW_PASSWORD_CONV_ERR:
            pcg_login_note(lg, "conversation_failed", "no answer to the new password prompt");
            return PCG_VERDICT_CONV_ERR;
        case PCG_NEW_PASSWORD_GAVE_UP:
            pcg_login_note(lg, "new_password_not_confirmed", "the new password was not confirmed");
            pcg_login_tell(lg, "Sign-in stopped: your password was not changed.");
            return PCG_VERDICT_DENIED;
        }
        responses = build_responses(password, req);
        if (responses == NULL) {
            pcg_free_secret(password);
            return PCG_VERDICT_INTERNAL;
        }
        st = pcg_login_respond(lg, "NEW_PASSWORD_REQUIRED", responses, next, &err);
        if (st == PCG_OK) {
            pcg_login_password_changed(lg, password);
            return PCG_VERDICT_SUCCESS;
        }
        pcg_free_secret(password);
        if (st == PCG_ERR_API && pcg_is_password_policy_error(&err)) {
            pcg_password_policy_message(&err, msg, sizeof(msg));
            pcg_login_tell(lg, msg);
            if (round < PCG_NEW_PASSWORD_TRIES) {
                refused_before = true;
                continue;
            }
            pcg_login_note(lg, err.type, err.message);
            pcg_login_tell(lg, "Sign-in stopped: your password was not changed.");
            return PCG_VERDICT_DENIED;
        }
        if (st == PCG_ERR_API && refused_before && is_dead_session(&err)) {
            /* Some pools end the session after a refused password. */
            pcg_login_note(lg, err.type, err.message);
            pcg_login_tell(lg,
                           "Your password was not changed. Sign in again with your temporary "
                           "password and choose a new one.");
            return PCG_VERDICT_DENIED;
        }
        if (st == PCG_ERR_API && req->n > 0 && strcmp(err.type, "InvalidParameterException") == 0) {
            char shown[PCG_ERROR_MESSAGE_MAX];

            pcg_login_note(lg, err.type, err.message);
            snprintf(msg, sizeof(msg), "The details you entered were not accepted: %s",
                     pcg_sanitize(err.message, shown, sizeof(shown)));
            pcg_login_tell(lg, msg);
            return PCG_VERDICT_DENIED;
        }
        return pcg_login_api_failure(lg, "RespondToAuthChallenge", st, &err);
    }
}

enum pcg_verdict pcg_answer_new_password_required(struct pcg_login *lg, struct json_object *params,
                                                  struct json_object **next)
{
    struct required req = { .n = 0 };
    enum pcg_verdict v;

    /* sshd's password mode would answer the new-password prompts with password+code. */
    if (lg->conf->single_prompt) {
        pcg_login_note(lg, "new_password_not_interactive", "temporary password, and single_prompt");
        pcg_login_tell(lg,
                       "Your password is temporary. Choosing a new one needs an interactive "
                       "login, and this one takes a single answer. Ask your administrator.");
        return PCG_VERDICT_DENIED;
    }
    v = take_required(lg, params, &req);
    if (v != PCG_VERDICT_SUCCESS)
        goto out;
    if (lg->prompter->info != NULL)
        (void)lg->prompter->info(lg->prompter->ctx,
                                 "Your password is temporary: choose a new "
                                 "password to finish signing in.");
    v = ask_required(lg, &req);
    if (v == PCG_VERDICT_SUCCESS)
        v = submit(lg, &req, next);
out:
    required_clear(&req);
    return v;
}

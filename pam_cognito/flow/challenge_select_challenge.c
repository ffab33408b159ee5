#include "config.h"

#include "flow/challenge_select_challenge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/first_factor.h"
#include "cognito/json_util.h"
#include "util/name_list.h"
#include "util/secure.h"
#include "util/text.h"

/* Cognito knows five first factors; a longer list is not a real offer. */
#define PCG_MAX_OFFERED 8

static void free_offer(char **offered, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(offered[i]);
}

/* InitiateAuth's top-level AvailableChallenges: a short array of plain names. */
static bool take_offer(struct json_object *response, char **offered, size_t *n)
{
    struct json_object *list;
    size_t len;

    *n = 0;
    if (!json_object_object_get_ex(response, "AvailableChallenges", &list)
        || !json_object_is_type(list, json_type_array))
        return false;
    len = json_object_array_length(list);
    if (len > PCG_MAX_OFFERED)
        return false;
    for (size_t i = 0; i < len; i++) {
        struct json_object *item = json_object_array_get_idx(list, i);
        const char *name;
        size_t nlen;

        if (!json_object_is_type(item, json_type_string))
            goto bad;
        name = json_object_get_string(item);
        nlen = strlen(name);
        if (nlen == 0 || nlen > PCG_NAME_MAX)
            goto bad;
        for (size_t k = 0; k < nlen; k++)
            if (name[k] <= 0x20 || name[k] >= 0x7f)
                goto bad;
        offered[*n] = strdup(name);
        if (offered[*n] == NULL)
            goto bad;
        (*n)++;
    }
    return true;
bad:
    free_offer(offered, *n);
    *n = 0;
    return false;
}

static enum pcg_verdict nothing_usable(struct pcg_login *lg, char *const *offered, size_t n)
{
    char detail[PCG_ERROR_MESSAGE_MAX];
    size_t used = (size_t)snprintf(detail, sizeof(detail), "none of first_factor is offered:");
    bool passkey_only = n > 0;

    for (size_t i = 0; i < n && used < sizeof(detail); i++) {
        used += (size_t)snprintf(detail + used, sizeof(detail) - used, "%s%s", i ? "," : " ",
                                 offered[i]);
        passkey_only = passkey_only && strcmp(offered[i], "WEB_AUTHN") == 0;
    }
    pcg_login_note(lg, "no_usable_first_factor", detail);
    if (passkey_only)
        pcg_login_tell(lg,
                       "Your account signs in with a passkey, which cannot be used at this "
                       "prompt. Ask your administrator.");
    else
        pcg_login_tell(lg,
                       "None of the ways your account can sign in is allowed on this host. "
                       "Ask your administrator.");
    return PCG_VERDICT_DENIED;
}

/* ANSWER, and what the chosen factor needs with it. */
static enum pcg_verdict build_answer(struct pcg_login *lg, const char *choice,
                                     struct json_object *responses)
{
    bool srp = strcmp(choice, "PASSWORD_SRP") == 0;
    enum pcg_verdict v;

    if (pcg_json_add_string(responses, "ANSWER", choice) != 0)
        return PCG_VERDICT_INTERNAL;
    if (!srp && strcmp(choice, "PASSWORD") != 0)
        return PCG_VERDICT_SUCCESS; /* a code is sent; its challenge follows */
    v = pcg_login_need_password(lg);
    if (v != PCG_VERDICT_SUCCESS)
        return v;
    if (srp)
        return pcg_login_start_srp(lg, responses);
    return pcg_json_add_string(responses, "PASSWORD", lg->password) == 0 ? PCG_VERDICT_SUCCESS
                                                                         : PCG_VERDICT_INTERNAL;
}

enum pcg_verdict pcg_answer_select_challenge(struct pcg_login *lg, struct json_object *params,
                                             struct json_object **next)
{
    char *offered[PCG_MAX_OFFERED];
    struct json_object *responses = NULL;
    struct pcg_api_error err;
    enum pcg_verdict v;
    enum pcg_status st;
    const char *choice;
    size_t n = 0;

    (void)params;
    if (!take_offer(lg->response, offered, &n)) {
        pcg_login_note(lg, "bad_response", "SELECT_CHALLENGE without a usable AvailableChallenges");
        return PCG_VERDICT_UNAVAILABLE;
    }
    choice = pcg_first_factor_choose(&lg->conf->first_factor, offered, n);
    if (choice == NULL) {
        v = nothing_usable(lg, offered, n);
        goto out;
    }
    pcg_debug(lg->log, "SELECT_CHALLENGE: choosing %s", choice);
    responses = json_object_new_object();
    v = responses != NULL ? build_answer(lg, choice, responses) : PCG_VERDICT_INTERNAL;
    if (v != PCG_VERDICT_SUCCESS)
        goto out;
    st = pcg_login_respond(lg, "SELECT_CHALLENGE", responses, next, &err);
    responses = NULL;
    if (st != PCG_OK)
        v = pcg_login_api_failure(lg, "RespondToAuthChallenge", st, &err);
    else if (strcmp(choice, "PASSWORD") == 0)
        lg->first_factor_done = true; /* the password went with the choice: MFA may follow */
out:
    pcg_json_put_wiped(responses);
    free_offer(offered, n);
    return v;
}

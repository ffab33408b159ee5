/*
 * The table of retry_policy.h. Each row says whether a second delivery of
 * the same request is harmless, and why (README, "Hardening", has the same
 * table). Operations not listed are never repeated.
 */
#include "config.h"

#include "cognito/retry_policy.h"

#include <string.h>

#include "cognito/json_util.h"

enum pcg_repeat {
    PCG_REPEAT_NEVER,
    PCG_REPEAT_ALWAYS,
    PCG_REPEAT_SRP_ONLY,        /* InitiateAuth: only USER_SRP_AUTH */
    PCG_REPEAT_WITHOUT_SESSION, /* not when it spends a single-use Session */
};

static const struct {
    const char *operation;
    enum pcg_repeat rule;
} rules[] = {
    /* USER_SRP_AUTH sends SRP_A only: nothing is checked, a new Session is
     * issued. USER_PASSWORD_AUTH checks the password: a wrong one would
     * count twice towards the lockout. */
    { "InitiateAuth", PCG_REPEAT_SRP_ONLY },
    /* PASSWORD_VERIFIER and codes count towards lockout and code limits;
     * the Session is single use. */
    { "RespondToAuthChallenge", PCG_REPEAT_NEVER },
    /* With an AccessToken a repeat only draws a new secret, shown to the
     * person from the answer that arrives; with a Session it spends it. */
    { "AssociateSoftwareToken", PCG_REPEAT_WITHOUT_SESSION },
    /* A code: counts towards the Session's wrong-code limit, may be used once. */
    { "VerifySoftwareToken", PCG_REPEAT_NEVER },
    /* Applied once, a repeat fails ("Incorrect username or password.",
     * counting towards the lockout) and reports failure. */
    { "ChangePassword", PCG_REPEAT_NEVER },
    /* Idempotent: the same settings again, or a read. */
    { "SetUserMFAPreference", PCG_REPEAT_ALWAYS },
    { "GetUser", PCG_REPEAT_ALWAYS },
    /* The sync's reads of a group's members and of the pool's users. */
    { "ListUsersInGroup", PCG_REPEAT_ALWAYS },
    { "ListUsers", PCG_REPEAT_ALWAYS },
};

bool pcg_may_repeat(const char *operation, struct json_object *request)
{
    const char *flow;

    if (operation == NULL)
        return false;
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        if (strcmp(rules[i].operation, operation) != 0)
            continue;
        switch (rules[i].rule) {
        case PCG_REPEAT_ALWAYS:
            return true;
        case PCG_REPEAT_SRP_ONLY:
            flow = pcg_json_get_string(request, "AuthFlow");
            return flow != NULL && strcmp(flow, "USER_SRP_AUTH") == 0;
        case PCG_REPEAT_WITHOUT_SESSION:
            return request != NULL && !json_object_object_get_ex(request, "Session", NULL);
        case PCG_REPEAT_NEVER:
            return false;
        }
    }
    return false;
}

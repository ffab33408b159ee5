/* What a signed-in login must also show before it counts (login_policy.h). */
#include "config.h"

#include "flow/login_policy.h"

#include <stdio.h>
#include <time.h>

#include "cognito/id_token.h"
#include "flow/totp_enroll.h"
#include "util/text.h"

/* The groups option: the ID token's cognito:groups must hold one of them. */
static enum pcg_verdict check_groups(struct pcg_login *lg, const struct pcg_id_token_claims *claims)
{
    const struct pcg_conf *conf = lg->conf;
    char detail[PCG_ERROR_MESSAGE_MAX];
    size_t used;

    if (conf->n_groups == 0 || pcg_id_token_in_any_group(claims, conf->groups, conf->n_groups))
        return PCG_VERDICT_SUCCESS;
    used = (size_t)snprintf(detail, sizeof(detail), "in none of the required groups:");
    for (size_t i = 0; i < conf->n_groups && used < sizeof(detail); i++)
        used += (size_t)snprintf(detail + used, sizeof(detail) - used, "%s%s", i ? "," : " ",
                                 conf->groups[i]);
    pcg_login_note(lg, "not_in_groups", detail);
    pcg_login_tell(lg, "Your account is not allowed to log in here.");
    return PCG_VERDICT_DENIED;
}

/*
 * The username_attribute option: Cognito resolves aliases and ignores case,
 * so the user it signed in may not be the one named; the ID token says who it was.
 */
static enum pcg_verdict check_identity(struct pcg_login *lg,
                                       const struct pcg_id_token_claims *claims)
{
    static const struct {
        const char *claim, *verified;
    } claim_of[PCG_USERATTR_PREFERRED + 1] = {
        [PCG_USERATTR_USERNAME] = { "cognito:username", NULL },
        [PCG_USERATTR_EMAIL] = { "email", "email_verified" },
        [PCG_USERATTR_PHONE_NUMBER] = { "phone_number", "phone_number_verified" },
        [PCG_USERATTR_PREFERRED] = { "preferred_username", NULL },
    };
    enum pcg_username_attribute a = lg->conf->username_attribute;
    char claimed[PCG_MAX_USER_ID + 1], safe_claimed[72], safe_name[72];
    char detail[PCG_ERROR_MESSAGE_MAX];

    switch (pcg_id_token_names(claims, claim_of[a].claim, claim_of[a].verified, lg->username,
                               claimed, sizeof(claimed))) {
    case PCG_ID_TOKEN_MATCH:
        return PCG_VERDICT_SUCCESS;
    case PCG_ID_TOKEN_NO_CLAIM:
        snprintf(detail, sizeof(detail), "the ID token has no %s, expected '%s'", claim_of[a].claim,
                 pcg_sanitize(lg->username, safe_name, sizeof(safe_name)));
        break;
    case PCG_ID_TOKEN_UNVERIFIED:
        snprintf(detail, sizeof(detail),
                 "the ID token's %s '%s' is not verified (%s), expected '%s'", claim_of[a].claim,
                 pcg_sanitize(claimed, safe_claimed, sizeof(safe_claimed)), claim_of[a].verified,
                 pcg_sanitize(lg->username, safe_name, sizeof(safe_name)));
        break;
    case PCG_ID_TOKEN_MISMATCH:
    default:
        snprintf(detail, sizeof(detail), "signed in as %s '%s', not the expected '%s'",
                 claim_of[a].claim, pcg_sanitize(claimed, safe_claimed, sizeof(safe_claimed)),
                 pcg_sanitize(lg->username, safe_name, sizeof(safe_name)));
        break;
    }
    pcg_login_note(lg, "user_mismatch", detail);
    pcg_login_tell(lg, "The account you signed in with is not the one for this login name.");
    return PCG_VERDICT_DENIED;
}

/* Every sign-in: the ID token is this pool's and this client's, names the login, and the groups. */
/* in_enroll_group: enroll_group is unset, or the ID token lists it in cognito:groups. */
enum pcg_verdict pcg_login_read_claims(struct pcg_login *lg, struct pcg_id_token_claims **claims)
{
    const struct pcg_conf *conf = lg->conf;
    char why[128];
    enum pcg_id_token_status st;

    st = pcg_id_token_read(lg->tokens.id_token, conf->region, conf->user_pool_id, conf->client_id,
                           time(NULL), claims, why, sizeof(why));
    if (st == PCG_ID_TOKEN_NOMEM)
        return PCG_VERDICT_INTERNAL;
    if (st != PCG_ID_TOKEN_OK) {
        pcg_login_note(lg, "bad_id_token", why);
        pcg_login_tell(lg, "Sign-in was refused.");
        return PCG_VERDICT_DENIED;
    }
    return PCG_VERDICT_SUCCESS;
}

static enum pcg_verdict check_id_token(struct pcg_login *lg, bool *in_enroll_group)
{
    const struct pcg_conf *conf = lg->conf;
    struct pcg_id_token_claims *claims = NULL;
    enum pcg_verdict v = pcg_login_read_claims(lg, &claims);

    if (v != PCG_VERDICT_SUCCESS)
        return v;
    v = check_identity(lg, claims);
    if (v == PCG_VERDICT_SUCCESS)
        v = check_groups(lg, claims);
    *in_enroll_group =
        conf->enroll_group == NULL || pcg_id_token_in_any_group(claims, &conf->enroll_group, 1);
    pcg_id_token_claims_free(claims);
    return v;
}

enum pcg_verdict pcg_login_check_policy(struct pcg_login *lg)
{
    bool needs_mfa = lg->conf->require_mfa && !lg->result->mfa_done, in_enroll_group = false;
    enum pcg_verdict v = check_id_token(lg, &in_enroll_group);

    if (v != PCG_VERDICT_SUCCESS)
        return v;
    /*
     * Cognito asked no MFA, so a password alone signed in: with enroll_group,
     * only its members may set up the second factor here.
     */
    if (needs_mfa && lg->conf->enroll && !in_enroll_group) {
        pcg_login_note(lg, "not_in_enroll_group", "signed in without MFA, not in enroll_group");
        pcg_login_tell(lg,
                       "This login requires multi-factor authentication, and your account has "
                       "none. Set up an authenticator app with cognito-mfa enroll, or ask your "
                       "administrator.");
        return PCG_VERDICT_DENIED;
    }
    if (needs_mfa && !lg->conf->enroll) {
        pcg_login_note(lg, "mfa_required", "signed in without any MFA challenge");
        pcg_login_tell(lg,
                       "This login requires multi-factor authentication, and the sign-in "
                       "asked for none (your account may have no authenticator app set "
                       "up). Ask your administrator.");
        return PCG_VERDICT_DENIED;
    }
    /* After the groups: only people who may log in here get an authenticator set up. */
    if (needs_mfa)
        v = pcg_enroll_signed_in(lg, false);
    return v;
}

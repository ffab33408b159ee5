#include "config.h"

#include "flow/bound_account.h"

#include <stdio.h>

#include "flow/login_policy.h"
#include "util/text.h"

static enum pcg_verdict check_sub(struct pcg_login *lg, const struct pcg_id_token_claims *claims,
                                  const char *bound_sub)
{
    char claimed[160], safe_claimed[160], detail[PCG_ERROR_MESSAGE_MAX];

    if (pcg_id_token_names(claims, "sub", NULL, bound_sub, claimed, sizeof(claimed))
        == PCG_ID_TOKEN_MATCH)
        return PCG_VERDICT_SUCCESS;
    /* bound_sub comes from the map, which allows only [A-Za-z0-9-] */
    snprintf(detail, sizeof(detail), "signed in as sub '%s', not %s, which the sync recorded",
             pcg_sanitize(claimed, safe_claimed, sizeof(safe_claimed)), bound_sub);
    pcg_login_note(lg, "sub_mismatch", detail);
    pcg_login_tell(lg, "The account you signed in with is not the one for this login name.");
    return PCG_VERDICT_DENIED;
}

static enum pcg_verdict check_sync_groups(struct pcg_login *lg,
                                          const struct pcg_id_token_claims *claims)
{
    const struct pcg_conf *conf = lg->conf;

    if (conf->n_sync_groups == 0
        || pcg_id_token_in_any_group(claims, conf->sync_groups, conf->n_sync_groups))
        return PCG_VERDICT_SUCCESS;
    pcg_login_note(lg, "not_in_sync_groups", "a synced account in none of sync_groups");
    pcg_login_tell(lg, "Your account is not allowed to log in here.");
    return PCG_VERDICT_DENIED;
}

enum pcg_verdict pcg_check_bound_account(struct pcg_login *lg, const char *bound_sub)
{
    struct pcg_id_token_claims *claims = NULL;
    enum pcg_verdict v = pcg_login_read_claims(lg, &claims);

    if (v == PCG_VERDICT_SUCCESS)
        v = check_sub(lg, claims, bound_sub);
    if (v == PCG_VERDICT_SUCCESS)
        v = check_sync_groups(lg, claims);
    pcg_id_token_claims_free(claims);
    return v;
}

enum pcg_verdict pcg_bound_account_after_sign_in(struct pcg_login *lg, void *bound_sub)
{
    return pcg_check_bound_account(lg, bound_sub);
}

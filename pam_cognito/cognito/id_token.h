/*
 * Reading the claims of the ID token Cognito just issued. The token comes
 * straight from Cognito over verified TLS, so its signature is not checked
 * (as OpenID Connect allows for tokens from the token endpoint); its claims
 * are, so a token meant for another pool or client is not taken.
 */
#ifndef PCG_ID_TOKEN_H
#define PCG_ID_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define PCG_ID_TOKEN_MAX 16384 /* a longer token is refused */

enum pcg_id_token_status {
    PCG_ID_TOKEN_OK = 0,
    PCG_ID_TOKEN_MALFORMED,    /* not three base64url parts with a JSON object payload */
    PCG_ID_TOKEN_WRONG_CLAIMS, /* iss, aud, token_use or exp do not fit */
    PCG_ID_TOKEN_NOMEM,
};

/* The claims of an ID token that passed pcg_id_token_read's checks. */
struct pcg_id_token_claims;

/*
 * Parses the token and checks its iss (https://cognito-idp.REGION.amazonaws.com/POOL_ID,
 * .amazonaws.com.cn in China and the other partitions' suffixes, or the
 * updated issuer https://issuer-cognito-idp.REGION..., see aws_partition.h),
 * aud (client_id), token_use ("id") and exp (> now). On PCG_ID_TOKEN_OK *out
 * holds the claims (free with pcg_id_token_claims_free), else NULL and why
 * receives a short reason for the log.
 */
enum pcg_id_token_status pcg_id_token_read(const char *token, const char *region,
                                           const char *user_pool_id, const char *client_id,
                                           time_t now, struct pcg_id_token_claims **out, char *why,
                                           size_t whylen);

void pcg_id_token_claims_free(struct pcg_id_token_claims *c);

/* Whether cognito:groups holds any of groups[0..n_groups-1]. */
bool pcg_id_token_in_any_group(const struct pcg_id_token_claims *c, char *const *groups,
                               size_t n_groups);

enum pcg_id_token_match {
    PCG_ID_TOKEN_MATCH = 0,
    PCG_ID_TOKEN_MISMATCH,   /* the claim names someone else */
    PCG_ID_TOKEN_NO_CLAIM,   /* no such string claim, or an empty one */
    PCG_ID_TOKEN_UNVERIFIED, /* verified_claim is not true */
};

/*
 * Whether the string claim equals name, byte for byte (a case-insensitive
 * pool may hand back "Alice" for "alice": two Linux accounts). With verified_claim (e.g.
 * "email_verified"), that claim must also be true: the JSON boolean Cognito
 * writes in ID tokens, or the string "true". claimed receives the claim's
 * value (unsanitised, "" when absent) for the log.
 */
enum pcg_id_token_match pcg_id_token_names(const struct pcg_id_token_claims *c, const char *claim,
                                           const char *verified_claim, const char *name,
                                           char *claimed, size_t claimedlen);

/*
 * pcg_id_token_read, then pcg_id_token_in_any_group into *member; the
 * claims are freed (one call for tests and the fuzzer).
 */
enum pcg_id_token_status pcg_id_token_in_groups(const char *token, const char *region,
                                                const char *user_pool_id, const char *client_id,
                                                time_t now, char *const *groups, size_t n_groups,
                                                bool *member, char *why, size_t whylen);

#endif

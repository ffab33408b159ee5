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
    PCG_ID_TOKEN_MALFORMED,   /* not three base64url parts with a JSON object payload */
    PCG_ID_TOKEN_WRONG_CLAIMS,/* iss, aud, token_use or exp do not fit */
    PCG_ID_TOKEN_NOMEM,
};

/*
 * Checks the token's iss (https://cognito-idp.REGION.amazonaws.com/POOL_ID,
 * .amazonaws.com.cn in China and the other partitions' suffixes, or the
 * updated issuer https://issuer-cognito-idp.REGION..., see aws_partition.h),
 * aud (client_id), token_use ("id") and exp (> now), then tells whether its
 * cognito:groups holds any of groups[0..n_groups-1] (*member). why receives
 * a short reason for the log when the status is not OK.
 */
enum pcg_id_token_status pcg_id_token_in_groups(const char *token, const char *region,
                                                const char *user_pool_id, const char *client_id,
                                                time_t now, char *const *groups, size_t n_groups,
                                                bool *member, char *why, size_t whylen);

#endif

/*
 * Host names that depend on the AWS partition of a region: the Cognito
 * endpoint and the ID-token issuer. The partitions and their DNS suffixes are
 * those of the AWS SDKs' partitions.json (botocore/data/partitions.json), and
 * cognito-idp's endpoint rules make its host cognito-idp.REGION.SUFFIX.
 */
#ifndef PCG_AWS_PARTITION_H
#define PCG_AWS_PARTITION_H

#include <stdbool.h>

/* "amazonaws.com.cn" for cn-*, the other partitions' suffixes, else "amazonaws.com". */
const char *pcg_aws_dns_suffix(const char *region);

/*
 * Whether iss names user_pool_id as Cognito writes it in a token: the
 * original issuer https://cognito-idp.REGION.SUFFIX/POOL_ID or the updated
 * one https://issuer-cognito-idp.REGION.SUFFIX/POOL_ID (a pool's
 * IssuerConfiguration, API reference IssuerConfigurationType).
 */
bool pcg_cognito_issuer_is(const char *iss, const char *region, const char *user_pool_id);

#endif

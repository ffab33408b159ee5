#include "config.h"

#include "util/aws_partition.h"

#include <stdio.h>
#include <string.h>

/* Region prefixes of the partitions other than aws and aws-us-gov (both amazonaws.com). */
static const struct {
    const char *prefix;
    const char *suffix;
} partitions[] = {
    { "cn-", "amazonaws.com.cn" },    /* aws-cn */
    { "eusc-", "amazonaws.eu" },      /* aws-eusc */
    { "us-iso-", "c2s.ic.gov" },      /* aws-iso */
    { "us-isob-", "sc2s.sgov.gov" },  /* aws-iso-b */
    { "eu-isoe-", "cloud.adc-e.uk" }, /* aws-iso-e */
    { "us-isof-", "csp.hci.ic.gov" }, /* aws-iso-f */
};

const char *pcg_aws_dns_suffix(const char *region)
{
    for (size_t i = 0; i < sizeof(partitions) / sizeof(partitions[0]); i++)
        if (strncmp(region, partitions[i].prefix, strlen(partitions[i].prefix)) == 0)
            return partitions[i].suffix;
    return "amazonaws.com";
}

bool pcg_cognito_issuer_is(const char *iss, const char *region, const char *user_pool_id)
{
    static const char *const hosts[] = { "cognito-idp", "issuer-cognito-idp" };
    char want[512];

    if (iss == NULL || region == NULL || user_pool_id == NULL)
        return false;
    for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
        int n = snprintf(want, sizeof(want), "https://%s.%s.%s/%s", hosts[i], region,
                         pcg_aws_dns_suffix(region), user_pool_id);

        if (n > 0 && (size_t)n < sizeof(want) && strcmp(iss, want) == 0)
            return true;
    }
    return false;
}

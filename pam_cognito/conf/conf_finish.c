#include "config.h"

/*
 * What is checked and derived once every source of settings (file, then PAM
 * arguments) has been read: the endpoint from the region, the defaults that
 * depend on other keys, and the checks that span more than one key.
 */

#include "conf/conf.h"
#include "conf/conf_parse.h"

#include "util/aws_partition.h"
#include "conf/conf_values.h"
#include "util/secure.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cognito-idp's endpoint rules: https://cognito-idp.{Region}.{the partition's dnsSuffix}/ */
static char *regional_endpoint(const char *region)
{
    const char *suffix = pcg_aws_dns_suffix(region);
    size_t len = strlen("https://cognito-idp.") + strlen(region) + 1 + strlen(suffix) + 2;
    char *s = malloc(len);

    if (s != NULL)
        snprintf(s, len, "https://cognito-idp.%s.%s/", region, suffix);
    return s;
}

static enum pcg_conf_status set_default(char **field, const char *value)
{
    if (*field != NULL)
        return PCG_CONF_OK;
    *field = strdup(value);
    return *field != NULL ? PCG_CONF_OK : PCG_CONF_NOMEM;
}

enum pcg_conf_status pcg_conf_finish(struct pcg_conf *c, char *err, size_t errlen)
{
    char where[256];
    enum pcg_conf_status st = PCG_CONF_ERR;
    const char *missing = NULL, *sep;

    if (c->conf_path != NULL)
        pcg_sanitize(c->conf_path, where, sizeof(where));
    else
        snprintf(where, sizeof(where), "the configuration");
    if (c->user_pool_id == NULL)
        missing = "user_pool_id";
    else if (c->client_id == NULL)
        missing = "client_id";
    if (missing != NULL) {
        pcg_conf_set_err(err, errlen, "%s is not set in %s", missing, where);
        goto out;
    }
    /* Checked again: a caller may have filled the struct by hand. */
    if (pcg_check_pool_id(c->user_pool_id) != NULL) {
        pcg_conf_set_err(err, errlen,
                         "user_pool_id: expected the form region_id, like eu-west-1_AbC123xyz");
        goto out;
    }
    sep = strchr(c->user_pool_id, '_');
    free(c->region);
    free(c->pool_name);
    c->region = strndup(c->user_pool_id, (size_t)(sep - c->user_pool_id));
    c->pool_name = strdup(sep + 1);
    if (c->region == NULL || c->pool_name == NULL)
        goto nomem;
    if (c->endpoint == NULL) {
        /* Non-AWS servers (cognito-local's "local_...") only work with an endpoint. */
        if (!pcg_is_aws_region(c->region, strlen(c->region))) {
            pcg_conf_set_err(err, errlen,
                             "user_pool_id: '%s' is not an AWS region like eu-west-1; "
                             "fix user_pool_id or set endpoint",
                             c->region);
            goto out;
        }
        c->endpoint = regional_endpoint(c->region);
        if (c->endpoint == NULL)
            goto nomem;
    }
    if (c->connect_timeout == 0)
        c->connect_timeout = c->timeout < 3 ? c->timeout : 3;
    if (c->connect_timeout > c->timeout) {
        pcg_conf_set_err(err, errlen, "connect_timeout (%d) must not be greater than timeout (%d)",
                         c->connect_timeout, c->timeout);
        goto out;
    }
    if (c->max_uid < c->min_uid) {
        pcg_conf_set_err(err, errlen, "max_uid (%d) must not be less than min_uid (%d)", c->max_uid,
                         c->min_uid);
        goto out;
    }
    if (c->sync_max_uid < c->sync_min_uid) {
        pcg_conf_set_err(err, errlen, "sync_max_uid (%d) must not be less than sync_min_uid (%d)",
                         c->sync_max_uid, c->sync_min_uid);
        goto out;
    }
    if (c->single_prompt && !pcg_conf_password_first(c)) {
        pcg_conf_set_err(err, errlen,
                         "single_prompt needs a login that starts with the password: "
                         "not auth_flow = custom without custom_srp, nor a first_factor "
                         "other than password");
        goto out;
    }
    if (set_default(&c->username, "%u") != PCG_CONF_OK
        || set_default(&c->password_prompt, "Password: ") != PCG_CONF_OK
        || set_default(&c->code_prompt, "Verification code: ") != PCG_CONF_OK)
        goto nomem;
    st = PCG_CONF_OK;
    goto out;
nomem:
    st = PCG_CONF_NOMEM;
    pcg_conf_set_err(err, errlen, "out of memory");
out:
    return st;
}

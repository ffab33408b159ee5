#include "config.h"

#include "flow_probe.h"

#include <stdio.h>
#include <string.h>

#include "cognito/json_util.h"
#include "cognito/secret_hash.h"
#include "util/secure.h"
#include "cognito/srp.h"
#include "util/text.h"

/* Not anybody's password: the probe only needs Cognito to look at the request. */
#define PCG_PROBE_PASSWORD "not-a-password-0"

static bool has(const char *text, const char *part)
{
    return strstr(text, part) != NULL;
}

static enum pcg_probe_result classify_api_error(const struct pcg_api_error *err)
{
    const char *type = err->type, *msg = err->message;

    if (strcmp(type, "ResourceNotFoundException") == 0)
        return PCG_PROBE_CLIENT_UNKNOWN;
    if (strcmp(type, "InvalidParameterException") == 0
        && (has(msg, "flow not enabled") || has(msg, "is not enabled for the client")
            || has(msg, "not enabled for this client")))
        return PCG_PROBE_FLOW_DISABLED;
    if (strcmp(type, "NotAuthorizedException") == 0) {
        if (has(msg, "SECRET_HASH was not received"))
            return PCG_PROBE_SECRET_MISSING;
        if (has(msg, "secret")) /* "Unable to verify secret hash for client ..." */
            return PCG_PROBE_SECRET_WRONG;
        return PCG_PROBE_ALLOWED; /* "Incorrect username or password." */
    }
    if (strcmp(type, "UserNotFoundException") == 0
        || strcmp(type, "PasswordResetRequiredException") == 0
        || strcmp(type, "UserNotConfirmedException") == 0)
        return PCG_PROBE_ALLOWED;
    return PCG_PROBE_OTHER;
}

static enum pcg_probe_result classify(enum pcg_status st, const struct pcg_api_error *err)
{
    switch (st) {
    case PCG_OK:
        return PCG_PROBE_ALLOWED; /* a PASSWORD_VERIFIER challenge for the made-up user */
    case PCG_ERR_API:
        return classify_api_error(err);
    case PCG_ERR_UNAVAILABLE:
        return err->http_status != 0 ? PCG_PROBE_HTTP_ERROR : PCG_PROBE_NO_CONNECTION;
    case PCG_ERR_RESPONSE:
        return PCG_PROBE_NOT_COGNITO;
    case PCG_ERR_NOMEM:
    case PCG_ERR_INTERNAL:
    default:
        return PCG_PROBE_INTERNAL;
    }
}

static int build_request(const struct pcg_conf *conf, enum pcg_auth_flow flow,
                         struct json_object *req, struct json_object *params)
{
    struct pcg_srp *srp = NULL;
    char hash[PCG_SECRET_HASH_LEN];
    int rc = -1;

    if (pcg_json_add_string(params, "USERNAME", PCG_PROBE_USER) != 0)
        goto out;
    if (flow == PCG_FLOW_SRP) {
        if (pcg_srp_new(&srp) != PCG_SRP_OK
            || pcg_json_add_string(params, "SRP_A", pcg_srp_public_a_hex(srp)) != 0)
            goto out;
    } else if (flow == PCG_FLOW_PASSWORD
               && pcg_json_add_string(params, "PASSWORD", PCG_PROBE_PASSWORD) != 0) {
        goto out;
    } /* USER_AUTH and CUSTOM_AUTH: the made-up USERNAME alone */
    if (conf->client_secret != NULL
        && (pcg_secret_hash(conf->client_secret, PCG_PROBE_USER, conf->client_id, hash,
                            sizeof(hash))
                != 0
            || pcg_json_add_string(params, "SECRET_HASH", hash) != 0))
        goto out;
    if (pcg_json_add_string(req, "AuthFlow", pcg_auth_flow_name(flow)) != 0
        || pcg_json_add_string(req, "ClientId", conf->client_id) != 0)
        goto out;
    rc = 0;
out:
    pcg_wipe(hash, sizeof(hash));
    pcg_srp_free(srp);
    return rc;
}

void pcg_probe_flow(struct pcg_client *client, const struct pcg_conf *conf, enum pcg_auth_flow flow,
                    struct pcg_probe *probe)
{
    struct json_object *req = json_object_new_object(), *params = json_object_new_object();
    struct json_object *response = NULL;
    struct pcg_api_error err = { 0 };
    char message[PCG_ERROR_MESSAGE_MAX];
    enum pcg_status st = PCG_ERR_NOMEM;

    memset(probe, 0, sizeof(*probe));
    if (req == NULL || params == NULL || build_request(conf, flow, req, params) != 0)
        goto out;
    if (json_object_object_add(req, "AuthParameters", params) != 0)
        goto out;
    params = NULL;
    st = pcg_client_call(client, "InitiateAuth", req, &response, &err);
out:
    probe->result = classify(st, &err);
    probe->http_status = err.http_status;
    pcg_sanitize(err.message, message, sizeof(message));
    snprintf(probe->detail, sizeof(probe->detail), "%s%s%s", err.type,
             err.type[0] != '\0' && message[0] != '\0' ? ": " : "", message);
    pcg_json_put_wiped(params);
    pcg_json_put_wiped(req);
    pcg_json_put_wiped(response);
}

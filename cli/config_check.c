#include "config.h"

#include "config_check.h"

#include "check_report.h"
#include "sync_check.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cognito/cognito_client.h"
#include "conf/conf.h"
#include "endpoint_reach.h"
#include "flow_probe.h"
#include "flow/login.h"
#include "util/text.h"

#define ADVICE_CONF                                                                            \
    "The PAM module refuses this file too. It must be a regular file owned by "                \
    "root, not writable by group or others (with client_secret: readable by root only, chmod " \
    "600), and every key must be valid; see pam_cognito.conf(5)."
#define ADVICE_DNS                                                               \
    "Check endpoint (or user_pool_id, whose region makes the default endpoint) " \
    "and this host's DNS settings (/etc/resolv.conf)."
#define ADVICE_TCP                                                                 \
    "Check that endpoint names the right host and port, and that a firewall lets " \
    "this host make outgoing HTTPS connections; if it must use a proxy, set proxy = URL."
#define ADVICE_TLS                                                                             \
    "Set cafile (or capath) to the CA that signed the endpoint's certificate, "                \
    "check that the endpoint's host name is the one in its certificate, and that this host's " \
    "clock is right."
#define ADVICE_HTTP                                                        \
    "The endpoint answers but fails or throttles: try again later; if it " \
    "persists, check that endpoint is Cognito's user-pool API."
#define ADVICE_NOT_COGNITO                                \
    "Check endpoint: it must be Cognito's user-pool API " \
    "(https://cognito-idp.REGION.amazonaws.com/), not another service or a web page."
#define ADVICE_CLIENT                                                          \
    "Check client_id against the app client in the Cognito console, and that " \
    "user_pool_id names the pool's region (the endpoint is derived from it)."
#define ADVICE_PASSWORD_FLOW                                           \
    "Set auth_flow = srp, or enable ALLOW_USER_PASSWORD_AUTH for the " \
    "app client."
#define ADVICE_SRP_FLOW                                                  \
    "Enable ALLOW_USER_SRP_AUTH for the app client, or set auth_flow = " \
    "password (which needs ALLOW_USER_PASSWORD_AUTH and sends the password to Cognito)."
#define ADVICE_USER_AUTH_FLOW                                  \
    "Enable ALLOW_USER_AUTH for the app client (choice-based " \
    "sign-in needs the user pool's Essentials tier or higher), or set auth_flow = srp."
#define ADVICE_CUSTOM_FLOW "Enable ALLOW_CUSTOM_AUTH for the app client, or set auth_flow = srp."
#define ADVICE_SECRET_MISSING                                         \
    "The app client has a secret: copy it into client_secret in the " \
    "config file, and make the file readable by root only (chmod 600)."
#define ADVICE_SECRET_WRONG                                             \
    "Copy the app client's secret into client_secret again (or remove " \
    "client_secret if the app client has none)."
#define ADVICE_OTHER                                                       \
    "Cognito refused the check for a reason this tool does not know; the " \
    "message above says more."

static const struct {
    const char *name;    /* Cognito's AuthFlow */
    const char *setting; /* auth_flow */
    const char *advice;  /* when the app client does not allow it */
} flows[] = {
    [PCG_FLOW_SRP] = { "USER_SRP_AUTH", "srp", ADVICE_SRP_FLOW },
    [PCG_FLOW_PASSWORD] = { "USER_PASSWORD_AUTH", "password", ADVICE_PASSWORD_FLOW },
    [PCG_FLOW_USER_AUTH] = { "USER_AUTH", "user_auth", ADVICE_USER_AUTH_FLOW },
    [PCG_FLOW_CUSTOM] = { "CUSTOM_AUTH", "custom", ADVICE_CUSTOM_FLOW },
};

static const char *flow_name(enum pcg_auth_flow flow)
{
    return flows[flow].name;
}

static const char *flow_setting(enum pcg_auth_flow flow)
{
    return flows[flow].setting;
}

/* Config file: the same load, with the same safety checks, as the PAM module. */
static bool check_file(struct pcg_check_report *r, const char *path, struct pcg_conf *conf)
{
    char arg[PATH_MAX + sizeof("conf=")], err[512], safe_err[512], shown[256];
    const char *argv[1] = { arg };
    struct stat st;

    pcg_sanitize(path, shown, sizeof(shown));
    snprintf(arg, sizeof(arg), "conf=%s", path);
    if (pcg_conf_load(conf, 1, argv, err, sizeof(err)) != PCG_CONF_OK) {
        pcg_check_problem(r, ADVICE_CONF, "config file %s: %s", shown,
                          pcg_sanitize(err, safe_err, sizeof(safe_err)));
        return false;
    }
    if (stat(path, &st) == 0)
        pcg_check_say("ok", "config file %s: owned by root, mode %04o, every setting valid", shown,
                      (unsigned)(st.st_mode & 07777));
    return true;
}

/* username_attribute: which ID-token claim must name the login (see flow/login_policy.c). */
static void explain_identity(const struct pcg_conf *conf)
{
    char tmpl[160];

    pcg_sanitize(conf->username, tmpl, sizeof(tmpl));
    switch (conf->username_attribute) {
    case PCG_USERATTR_EMAIL:
        pcg_check_say(
            "info",
            "login names: after sign-in, the account's verified email (ID token email, "
            "email_verified true) must equal the username template %s (username_attribute "
            "= email), ignoring case; use it for pools where people sign in with their "
            "email address",
            tmpl);
        break;
    case PCG_USERATTR_PHONE_NUMBER:
        pcg_check_say(
            "info",
            "login names: after sign-in, the account's verified phone number (ID token "
            "phone_number, phone_number_verified true) must equal the username template %s "
            "(username_attribute = phone_number)",
            tmpl);
        break;
    case PCG_USERATTR_PREFERRED:
        pcg_check_say(
            "info",
            "login names: after sign-in, the account's preferred_username must equal the "
            "username template %s (username_attribute = preferred_username); Cognito "
            "lets users change their own preferred_username unless the app client's write "
            "attributes leave it out, so make sure they do, or anyone can take a login "
            "name",
            tmpl);
        break;
    case PCG_USERATTR_USERNAME:
    default:
        pcg_check_say("info",
                      "login names: after sign-in, the account's Cognito user name (ID token "
                      "cognito:username) must equal the username template %s (username_attribute "
                      "= username), ignoring case; a sign-in through another account's alias "
                      "(email, phone number, preferred_username) is refused. In pools where people "
                      "sign in with their email address, the user name is a generated id: set "
                      "username_attribute = email",
                      tmpl);
        break;
    }
}

/* DNS and TCP, unless a proxy makes them the proxy's business. */
static bool check_reach(struct pcg_check_report *r, const struct pcg_conf *conf,
                        struct pcg_endpoint *ep)
{
    char addr[PCG_ADDR_MAX], why[256];

    if (pcg_endpoint_parse(conf->endpoint, ep) != 0) {
        pcg_check_problem(r, ADVICE_NOT_COGNITO, "endpoint: cannot read a host name from it");
        return false;
    }
    if (conf->proxy != NULL) {
        pcg_check_say("info",
                      "proxy: connections go through the configured proxy, which resolves and "
                      "connects to %s itself",
                      ep->host);
        return true;
    }
    switch (pcg_endpoint_reach(ep, conf->connect_timeout, addr, sizeof(addr), why, sizeof(why))) {
    case PCG_REACH_DNS:
        pcg_check_problem(r, ADVICE_DNS, "DNS: the endpoint's host %s cannot be resolved (%s)",
                          ep->host, why);
        return false;
    case PCG_REACH_TCP:
        pcg_check_say("ok", "DNS: %s resolves to %s", ep->host, addr);
        pcg_check_problem(r, ADVICE_TCP, "TCP: cannot connect to %s port %s (%s): %s", ep->host,
                          ep->port, addr, why);
        return false;
    case PCG_REACH_OK:
    default:
        pcg_check_say("ok", "DNS: %s resolves to %s", ep->host, addr);
        pcg_check_say("ok", "TCP: %s port %s accepts connections", ep->host, ep->port);
        return true;
    }
}

/* The first probe's answer: did HTTPS work, and does Cognito know the client? */
static bool check_connection(struct pcg_check_report *r, const struct pcg_conf *conf,
                             const struct pcg_endpoint *ep, const struct pcg_probe *p)
{
    char anchors[256];

    switch (p->result) {
    case PCG_PROBE_NO_CONNECTION:
        pcg_check_problem(r, ADVICE_TLS, "TLS: no trusted HTTPS connection to %s: %s", ep->host,
                          p->detail);
        return false;
    case PCG_PROBE_HTTP_ERROR:
        pcg_check_problem(r, ADVICE_HTTP, "HTTPS: %s answered with an error (HTTP %ld): %s",
                          ep->host, p->http_status, p->detail);
        return false;
    case PCG_PROBE_NOT_COGNITO:
        pcg_check_problem(r, ADVICE_NOT_COGNITO,
                          "HTTPS: %s answers, but not like Cognito's API: %s", ep->host, p->detail);
        return false;
    case PCG_PROBE_INTERNAL:
        pcg_check_problem(r, ADVICE_OTHER, "internal error while probing: %s", p->detail);
        return false;
    default:
        break;
    }
    pcg_sanitize(conf->cafile != NULL       ? conf->cafile
                     : conf->capath != NULL ? conf->capath
                                            : "the system's CA store",
                 anchors, sizeof(anchors));
    pcg_check_say("ok", "TLS: %s presented a certificate trusted by %s", ep->host, anchors);
    if (p->result == PCG_PROBE_CLIENT_UNKNOWN) {
        pcg_check_problem(r, ADVICE_CLIENT,
                          "app client: Cognito does not know client_id %s in region %s (%s)",
                          conf->client_id, conf->region, p->detail);
        return false;
    }
    pcg_check_say("ok", "app client: client_id %s is known to Cognito", conf->client_id);
    return true;
}

static void check_flow(struct pcg_check_report *r, const struct pcg_conf *conf,
                       enum pcg_auth_flow flow, const struct pcg_probe *p)
{
    bool used = conf->auth_flow == flow;

    switch (p->result) {
    case PCG_PROBE_ALLOWED:
    case PCG_PROBE_SECRET_MISSING: /* Cognito checks the flow before the secret */
    case PCG_PROBE_SECRET_WRONG:
        if (used)
            pcg_check_say("ok", "sign-in flow: %s (auth_flow = %s) is enabled for this app client",
                          flow_name(flow), flow_setting(flow));
        else
            pcg_check_say("info",
                          "sign-in flow: %s is enabled for this app client too (not used with "
                          "auth_flow = %s)",
                          flow_name(flow), flow_setting(conf->auth_flow));
        return;
    case PCG_PROBE_FLOW_DISABLED:
        if (used)
            pcg_check_problem(r, flows[flow].advice,
                              "sign-in flow: %s is not enabled for this app client",
                              flow_name(flow));
        else
            pcg_check_say("info",
                          "sign-in flow: %s is not enabled for this app client (not needed with "
                          "auth_flow = %s)",
                          flow_name(flow), flow_setting(conf->auth_flow));
        return;
    default:
        pcg_check_problem(r, ADVICE_OTHER, "sign-in flow %s: Cognito answered %s", flow_name(flow),
                          p->detail);
        return;
    }
}

static void check_secret(struct pcg_check_report *r, const struct pcg_conf *conf,
                         const struct pcg_probe probes[2])
{
    bool checked = false;

    for (int i = 0; i < 2; i++) {
        if (probes[i].result == PCG_PROBE_SECRET_MISSING) {
            pcg_check_problem(r, ADVICE_SECRET_MISSING,
                              "client secret: the app client has a secret, and "
                              "client_secret is not set (%s)",
                              probes[i].detail);
            return;
        }
        if (probes[i].result == PCG_PROBE_SECRET_WRONG) {
            pcg_check_problem(r, ADVICE_SECRET_WRONG,
                              "client secret: Cognito does not accept client_secret "
                              "(%s)",
                              probes[i].detail);
            return;
        }
        checked = checked || probes[i].result == PCG_PROBE_ALLOWED;
    }
    if (!checked)
        pcg_check_say("info", "client secret: not checked, as no sign-in flow is enabled");
    else if (conf->client_secret != NULL)
        pcg_check_say("ok", "client secret: Cognito accepts client_secret");
    else
        pcg_check_say("ok", "client secret: the app client needs none");
}

/*
 * Cognito honours UserContextData.IpAddress only for an app client with
 * EnablePropagateAdditionalUserContextData, which needs a client secret
 * (UpdateUserPoolClient, API reference).
 */
static void check_client_ip(const struct pcg_conf *conf)
{
    if (conf->send_client_ip && conf->client_secret == NULL)
        pcg_check_say(
            "warning",
            "send_client_ip: Cognito uses the address only for an app client with a client "
            "secret and \"propagate additional user context data\" turned on; without "
            "client_secret it is sent and ignored");
}

int pcg_config_check(const char *conf_path)
{
    struct pcg_check_report r = { 0 };
    struct pcg_conf conf;
    struct pcg_endpoint ep;
    struct pcg_client *client = NULL;
    struct pcg_probe probes[2];
    enum pcg_auth_flow other;

    pcg_conf_defaults(&conf);
    if (!check_file(&r, conf_path, &conf))
        goto out;
    explain_identity(&conf);
    pcg_sync_check(&r, &conf, "/etc/nsswitch.conf");
    if (!check_reach(&r, &conf, &ep))
        goto out;
    client = pcg_login_new_client(&conf, NULL);
    if (client == NULL) {
        pcg_check_problem(&r, ADVICE_OTHER, "cannot set up the HTTPS client (out of memory?)");
        goto out;
    }
    pcg_probe_flow(client, &conf, conf.auth_flow, &probes[0]);
    if (!check_connection(&r, &conf, &ep, &probes[0]))
        goto out;
    other = conf.auth_flow == PCG_FLOW_SRP ? PCG_FLOW_PASSWORD : PCG_FLOW_SRP;
    pcg_probe_flow(client, &conf, other, &probes[1]);
    check_flow(&r, &conf, conf.auth_flow, &probes[0]);
    check_flow(&r, &conf, other, &probes[1]);
    check_secret(&r, &conf, probes);
    check_client_ip(&conf);
out:
    pcg_client_free(client);
    pcg_conf_free(&conf);
    return r.problems;
}

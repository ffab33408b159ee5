/* The PAM entry points: parse options, ask for the password, run the login, map the verdict. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAM_SM_AUTH
#define PAM_SM_ACCOUNT
#define PAM_SM_PASSWORD
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include "flow/change_password.h"
#include "conf/conf.h"
#include "cognito/lib_init.h"
#include "pam/local_scope.h"
#include "pam/account_binding.h"
#include "accounts/sync_paths.h"
#include "flow/bound_account.h"
#include "pam/local_user.h"
#include "flow/login.h"
#include "pam/login_early.h"
#include "flow/mfa_code.h"
#include "pam/pam_prompter.h"
#include "util/secure.h"
#include "flow/single_prompt.h"
#include "util/text.h"

#define PCG_PAM_EXPORT __attribute__((visibility("default")))

/*
 * pam_set_data key marking "this module authenticated this user in this
 * handle": its data is a copy of the PAM user it was set for.
 */
#define PCG_DATA_AUTHENTICATED "pam_cognito_authenticated"

/* Longest PAM user accepted; longer names are refused before any lookup. */
#define PCG_MAX_PAM_USER 128

static void syslog_line(void *ud, int priority, const char *line)
{
    pam_syslog((pam_handle_t *)ud, priority, "%s", line);
}

static const char *verdict_str(enum pcg_verdict v)
{
    switch (v) {
    case PCG_VERDICT_SUCCESS:
        return "success";
    case PCG_VERDICT_DENIED:
        return "denied";
    case PCG_VERDICT_UNAVAILABLE:
        return "unavailable";
    case PCG_VERDICT_MISCONFIGURED:
        return "misconfigured";
    case PCG_VERDICT_CONV_ERR:
        return "conversation failed";
    case PCG_VERDICT_INTERNAL:
        return "internal error";
    }
    return "unknown";
}

static int pam_code_of(enum pcg_verdict v, const struct pcg_conf *conf)
{
    switch (v) {
    case PCG_VERDICT_SUCCESS:
        return PAM_SUCCESS;
    case PCG_VERDICT_DENIED:
        return PAM_AUTH_ERR;
    case PCG_VERDICT_UNAVAILABLE:
        return conf->failmode == PCG_FAIL_SAFE ? PAM_IGNORE : PAM_AUTHINFO_UNAVAIL;
    case PCG_VERDICT_MISCONFIGURED:
        return PAM_SERVICE_ERR;
    case PCG_VERDICT_CONV_ERR:
        return PAM_CONV_ERR;
    case PCG_VERDICT_INTERNAL:
        return PAM_SERVICE_ERR;
    }
    return PAM_SERVICE_ERR;
}

/* A PAM user we are willing to look up and send: printable, not too long. */
static bool plausible_user(const char *user)
{
    size_t n = strlen(user);

    if (n == 0 || n > PCG_MAX_PAM_USER)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)user[i] < 0x21 || user[i] == 0x7f)
            return false;
    /* It goes into JSON, which is UTF-8; C1 controls are terminal escapes (and Cognito's
     * user-name pattern has no room for them). */
    return pcg_utf8_valid(user, n) && !pcg_utf8_has_c1_control(user);
}

static void log_verdict(pam_handle_t *pamh, const struct pcg_log *log, const char *user,
                        const struct pcg_login_result *res, int code)
{
    const void *item = NULL;
    char rhost[128], safe_user[PCG_MAX_PAM_USER + 4];
    int priority = res->verdict == PCG_VERDICT_SUCCESS ? LOG_INFO : LOG_NOTICE;

    if (pam_get_item(pamh, PAM_RHOST, &item) != PAM_SUCCESS)
        item = NULL;
    pcg_sanitize(item != NULL ? item : "", rhost, sizeof(rhost));
    pcg_sanitize(user, safe_user, sizeof(safe_user));
    if (res->verdict == PCG_VERDICT_UNAVAILABLE && code == PAM_IGNORE)
        pcg_log(log, LOG_WARNING,
                "failmode=safe: Cognito unavailable for user %s from %s, letting the PAM stack "
                "go on without this module (%s%s%s)",
                safe_user, rhost[0] ? rhost : "-", res->reason, res->detail[0] ? ": " : "",
                res->detail);
    pcg_log(log, priority, "user=%s rhost=%s outcome=%s pam=%s reason=%s%s%s", safe_user,
            rhost[0] ? rhost : "-", verdict_str(res->verdict), pam_strerror(pamh, code),
            res->reason[0] ? res->reason : "-", res->detail[0] ? " detail=" : "", res->detail);
}

static void free_marker(pam_handle_t *pamh, void *data, int error_status)
{
    free(data);
}

/* Records that the module admitted user in this handle (read by pam_sm_acct_mgmt). */
static int mark_authenticated(pam_handle_t *pamh, const char *user)
{
    char *copy = strdup(user);

    if (copy == NULL)
        return PAM_BUF_ERR;
    if (pam_set_data(pamh, PCG_DATA_AUTHENTICATED, copy, free_marker) != PAM_SUCCESS) {
        free(copy);
        return PAM_SERVICE_ERR;
    }
    return PAM_SUCCESS;
}

/*
 * The password as pam_unix(8) documents try_first_pass and use_first_pass:
 * an earlier module's PAM_AUTHTOK is used only with one of them, and with
 * use_first_pass the module never asks. (pam_get_authtok(3) would reuse it
 * always.) What is typed becomes PAM_AUTHTOK for later modules.
 */
static int get_password(pam_handle_t *pamh, const struct pcg_conf *conf, const char **password)
{
    const void *earlier = NULL;
    char *typed = NULL;
    int code;

    if (conf->use_first_pass || conf->try_first_pass) {
        if (pam_get_item(pamh, PAM_AUTHTOK, &earlier) == PAM_SUCCESS && earlier != NULL) {
            *password = earlier;
            return PAM_SUCCESS;
        }
        if (conf->use_first_pass)
            return PAM_AUTH_ERR;
    }
    code = pam_prompt(pamh, PAM_PROMPT_ECHO_OFF, &typed, "%s", conf->password_prompt);
    if (code != PAM_SUCCESS || typed == NULL) {
        pcg_free_secret(typed);
        return code == PAM_CONV_AGAIN ? PAM_INCOMPLETE : PAM_CONV_ERR;
    }
    code = pam_set_item(pamh, PAM_AUTHTOK, typed);
    pcg_free_secret(typed);
    if (code != PAM_SUCCESS)
        return code;
    return pam_get_item(pamh, PAM_AUTHTOK, (const void **)password);
}

/*
 * True when get_password will prompt: the login starts with the password and
 * no earlier module's PAM_AUTHTOK will be used (try_first_pass/use_first_pass).
 */
static bool password_will_be_typed(pam_handle_t *pamh, const struct pcg_conf *conf)
{
    const void *earlier = NULL;

    if (!pcg_conf_password_first(conf))
        return false;
    if (conf->use_first_pass)
        return false;
    if (conf->try_first_pass)
        return pam_get_item(pamh, PAM_AUTHTOK, &earlier) != PAM_SUCCESS || earlier == NULL;
    return true;
}

/*
 * PAM_SUCCESS when the account is the module's to decide; PAM_IGNORE for root,
 * nobody, accounts outside min_uid..max_uid and, with local_group, non-members (the rest of the
 * stack decides them, before any prompt or network call). An account the sync
 * made (synced) is the module's whatever local_group says: local_group lists
 * the accounts made by hand (the Debian profile's cognito-users).
 */
static int scope_code(pam_handle_t *pamh, const struct pcg_conf *conf, const struct pcg_log *log,
                      const char *user, uid_t uid, gid_t gid, bool synced)
{
    char why[160], safe_user[PCG_MAX_PAM_USER + 4];
    struct pcg_conf scope = *conf; /* a shallow copy, read only */

    if (synced)
        scope.local_group = NULL;
    switch (pcg_local_scope(&scope, user, uid, gid, why, sizeof(why))) {
    case PCG_SCOPE_OURS:
        return PAM_SUCCESS;
    case PCG_SCOPE_NOT_OURS:
        pcg_debug(log, "user=%s is not this module's (%s): ignored",
                  pcg_sanitize(user, safe_user, sizeof(safe_user)), why);
        return PAM_IGNORE;
    case PCG_SCOPE_ERROR:
        break;
    }
    pcg_log(log, LOG_ERR, "user=%s outcome=misconfigured pam=%s reason=%s",
            pcg_sanitize(user, safe_user, sizeof(safe_user)), pam_strerror(pamh, PAM_SERVICE_ERR),
            why);
    return PAM_SERVICE_ERR;
}

/*
 * A variable of the caller's environment that would make libcurl open a file
 * it names, as root (lib_init.c): refused before any prompt or network call.
 */
static int refuse_hazardous_environment(pam_handle_t *pamh, int flags, const struct pcg_log *log,
                                        const char *user)
{
    const char *name = pcg_environment_hazard();
    char safe_user[PCG_MAX_PAM_USER + 4];

    if (name == NULL)
        return PAM_SUCCESS;
    pcg_log(log, LOG_ERR,
            "user=%s outcome=misconfigured pam=%s reason=hazardous_environment variable=%s "
            "(it names a file libcurl would open as root; unset it or keep it out of "
            "sudo's env_keep)",
            pcg_sanitize(user, safe_user, sizeof(safe_user)), pam_strerror(pamh, PAM_SERVICE_ERR),
            name);
    if (!(flags & PAM_SILENT))
        (void)pam_error(pamh, "Cognito sign-in is not possible with %s set.", name);
    return PAM_SERVICE_ERR;
}

/*
 * Whether `cognito-mfa sync` made the account (account_binding.h): bound_sub
 * receives its sub ("" for an account bound by name). Root and the accounts
 * below min_uid, never the module's, do not cost a read of the map.
 */
static enum pcg_binding read_binding(const struct pcg_conf *conf, const char *user, uid_t uid,
                                     char bound_sub[PCG_SUB_MAX + 1], char *why, size_t whylen)
{
    bound_sub[0] = '\0';
    if (uid == 0 || uid < (uid_t)conf->min_uid)
        return PCG_BINDING_BY_NAME;
    return pcg_account_binding(PCG_SYNC_STATE_DIR, PCG_SYNC_MAP_FILE, 0, user, uid, bound_sub, why,
                               whylen);
}

/*
 * A departed user's uid, a synced name the host gives another uid, or a map
 * that cannot be trusted is refused (with code) before any prompt or network call.
 */
static int refuse_binding(pam_handle_t *pamh, int flags, const struct pcg_log *log,
                          const char *user, const char *why, int code)
{
    char safe_user[PCG_MAX_PAM_USER + 4];

    pcg_log(log, LOG_NOTICE, "user=%s outcome=denied pam=%s reason=account_binding detail=%s",
            pcg_sanitize(user, safe_user, sizeof(safe_user)), pam_strerror(pamh, code), why);
    if (!(flags & PAM_SILENT))
        (void)pam_error(pamh, "This account cannot sign in with Cognito here.");
    return code;
}

static int authenticate(pam_handle_t *pamh, int flags, const struct pcg_conf *conf,
                        const struct pcg_log *log)
{
    const char *user = NULL, *password = NULL;
    const void *rhost = NULL;
    struct pcg_login_early *early = NULL;
    struct pcg_login_input in = { 0 };
    char *split_password = NULL, *password_now = NULL;
    char preset_code[PCG_CODE_DIGITS + 1];
    struct pcg_prompter prompter;
    struct pcg_login_result res;
    char safe_user[PCG_MAX_PAM_USER + 4], bound_sub[PCG_SUB_MAX + 1], binding_why[200];
    enum pcg_binding binding;
    uid_t uid;
    gid_t gid;
    int code;

    if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || user == NULL) {
        pcg_log(log, LOG_ERR, "cannot determine the user name");
        return PAM_USER_UNKNOWN;
    }
    if (!plausible_user(user)) {
        pcg_log(log, LOG_NOTICE, "refusing implausible user name '%s'",
                pcg_sanitize(user, safe_user, sizeof(safe_user)));
        return PAM_USER_UNKNOWN;
    }
    if (!pcg_local_user_lookup(user, &uid, &gid)) {
        pcg_log(log, LOG_NOTICE, "user=%s outcome=unknown pam=%s reason=no_local_account",
                pcg_sanitize(user, safe_user, sizeof(safe_user)),
                pam_strerror(pamh, PAM_USER_UNKNOWN));
        return PAM_USER_UNKNOWN;
    }
    binding = read_binding(conf, user, uid, bound_sub, binding_why, sizeof(binding_why));
    code = scope_code(pamh, conf, log, user, uid, gid, binding == PCG_BINDING_BY_SUB);
    if (code == PAM_SUCCESS)
        code = refuse_hazardous_environment(pamh, flags, log, user);
    if (code == PAM_SUCCESS && binding == PCG_BINDING_REFUSE)
        code = refuse_binding(pamh, flags, log, user, binding_why, PAM_AUTH_ERR);
    if (code != PAM_SUCCESS)
        return code;
    if (pam_get_item(pamh, PAM_RHOST, &rhost) != PAM_SUCCESS)
        rhost = NULL;
    /* The prompt will be shown: sign-in work that needs no password goes on meanwhile. */
    if (password_will_be_typed(pamh, conf))
        early = pcg_login_early_start(conf, user, rhost, log);
    /* Passwordless first factors: the first prompt is the code; the login asks for a password
     * only if a step needs it. */
    code = pcg_conf_password_first(conf) ? get_password(pamh, conf, &password) : PAM_SUCCESS;
    if (code != PAM_SUCCESS) {
        pcg_login_early_end(early);
        pcg_log(log, LOG_NOTICE, "user=%s cannot get the password: %s",
                pcg_sanitize(user, safe_user, sizeof(safe_user)),
                code == PAM_AUTH_ERR ? "use_first_pass, and no earlier module set one"
                                     : pam_strerror(pamh, code));
        return code;
    }
    pcg_pam_prompter_init(&prompter, pamh, (flags & PAM_SILENT) != 0);
    in.pam_user = user;
    in.password = password;
    in.client_ip = rhost;
    if (conf->single_prompt) {
        if (!pcg_split_password_code(password, &split_password, preset_code, sizeof(preset_code))) {
            (void)prompter.error(prompter.ctx,
                                 "Type your password followed by the 6-digit code "
                                 "from your authenticator app.");
            memset(&res, 0, sizeof(res));
            res.verdict = PCG_VERDICT_DENIED;
            snprintf(res.reason, sizeof(res.reason), "no_code_in_answer");
            pcg_login_early_end(early);
            log_verdict(pamh, log, user, &res, PAM_AUTH_ERR);
            return PAM_AUTH_ERR;
        }
        /* Later modules get the password, never the code typed with it. */
        code = pam_set_item(pamh, PAM_AUTHTOK, split_password);
        pcg_free_secret(split_password);
        if (code != PAM_SUCCESS
            || pam_get_item(pamh, PAM_AUTHTOK, (const void **)&in.password) != PAM_SUCCESS) {
            pcg_wipe(preset_code, sizeof(preset_code));
            pcg_login_early_end(early);
            return PAM_SERVICE_ERR;
        }
        in.preset_code = preset_code;
    }
    in.password_now = &password_now;
    if (bound_sub[0] != '\0') {
        in.after_sign_in = pcg_bound_account_after_sign_in;
        in.after_sign_in_ctx = bound_sub;
    }
    in.started = pcg_login_early_join(early);
    pcg_login_run(conf, &in, &prompter, log, &res, NULL);
    pcg_login_early_end(early);
    pcg_wipe(preset_code, sizeof(preset_code));
    code = pam_code_of(res.verdict, conf);
    /* Later modules get the password that now works (a new one, or one asked during the login). */
    if (password_now != NULL) {
        int set = pam_set_item(pamh, PAM_AUTHTOK, password_now);

        pcg_free_secret(password_now);
        if (set != PAM_SUCCESS && code == PAM_SUCCESS) {
            pcg_log(log, LOG_ERR, "user=%s cannot set PAM_AUTHTOK: %s",
                    pcg_sanitize(user, safe_user, sizeof(safe_user)), pam_strerror(pamh, set));
            res.verdict = PCG_VERDICT_INTERNAL;
            snprintf(res.reason, sizeof(res.reason), "internal_error");
            code = PAM_SERVICE_ERR;
        }
    }
    log_verdict(pamh, log, user, &res, code);
    if (code == PAM_SUCCESS)
        code = mark_authenticated(pamh, user);
    return code;
}

/*
 * With a missing or broken config file, the accounts that are not the
 * module's by its PAM line (min_uid, max_uid, local_group, else their
 * defaults) still reach the rest of the stack: enabling the module before
 * configuring it must not lock the host out. Its own accounts fail closed.
 */
static int code_despite_bad_conf(pam_handle_t *pamh, int argc, const char **argv)
{
    const char *user = NULL;
    struct pcg_conf line;
    char why[160];
    uid_t uid;
    gid_t gid;
    enum pcg_scope scope;

    if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || user == NULL || !plausible_user(user)
        || !pcg_local_user_lookup(user, &uid, &gid))
        return PAM_SERVICE_ERR;
    pcg_conf_defaults(&line);
    if (pcg_conf_apply_args(&line, argc, argv, NULL, 0) != PCG_CONF_OK) {
        /* A broken PAM line leaves only root, nobody and ids above max_uid exempt. */
        pcg_conf_free(&line);
        pcg_conf_defaults(&line);
        line.min_uid = 1;
    }
    scope = pcg_local_scope(&line, user, uid, gid, why, sizeof(why));
    pcg_conf_free(&line);
    return scope == PCG_SCOPE_NOT_OURS ? PAM_IGNORE : PAM_SERVICE_ERR;
}

PCG_PAM_EXPORT int pam_sm_authenticate(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
    struct pcg_conf conf;
    struct pcg_log log = { .emit = syslog_line, .ud = pamh };
    char err[512];
    int code;

    /* Whatever happens now, an earlier success in this handle no longer counts. */
    (void)pam_set_data(pamh, PCG_DATA_AUTHENTICATED, NULL, NULL);
    pcg_conf_defaults(&conf);
    if (pcg_conf_load(&conf, argc, argv, err, sizeof(err)) != PCG_CONF_OK) {
        pam_syslog(pamh, LOG_ERR, "configuration error, refusing to authenticate: %s", err);
        return code_despite_bad_conf(pamh, argc, argv);
    }
    log.debug = conf.debug;
    pcg_debug(&log, "pam_cognito " PACKAGE_VERSION ": authenticate");
    code = authenticate(pamh, flags, &conf, &log);
    pcg_conf_free(&conf);
    return code;
}

/*
 * True when this module's last pam_sm_authenticate in this handle admitted
 * the user who is PAM_USER now. A different PAM_USER is logged (as the
 * account step's) when log_other is set.
 */
static bool authenticated_here(pam_handle_t *pamh, bool log_other)
{
    const void *marked = NULL, *user = NULL;
    char safe_marked[PCG_MAX_PAM_USER + 4], safe_user[PCG_MAX_PAM_USER + 4];

    if (pam_get_data(pamh, PCG_DATA_AUTHENTICATED, &marked) != PAM_SUCCESS || marked == NULL)
        return false;
    if (pam_get_item(pamh, PAM_USER, &user) == PAM_SUCCESS && user != NULL
        && strcmp(marked, user) == 0)
        return true;
    if (!log_other)
        return false;
    pam_syslog(pamh, LOG_NOTICE,
               "account: user=%s is not the user this module authenticated "
               "(%s)",
               pcg_sanitize(user != NULL ? user : "", safe_user, sizeof(safe_user)),
               pcg_sanitize(marked, safe_marked, sizeof(safe_marked)));
    return false;
}

/*
 * No credentials to set: a Cognito sign-in leaves nothing on the host. Success
 * only for the user this module admitted in this handle; elsewhere (sshd's
 * parent, a user another module admitted, sudo's setcred for the target
 * user) PAM_IGNORE, without a log line, so a stack whose auth this module
 * did not decide cannot get a success from it here.
 */
PCG_PAM_EXPORT int pam_sm_setcred(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
    return authenticated_here(pamh, false) ? PAM_SUCCESS : PAM_IGNORE;
}

/*
 * The module holds no account data: it vouches only for a user it admitted
 * in this same handle, and otherwise leaves the decision to the other account
 * modules. sshd's parent process (and any separate handle) gets PAM_IGNORE.
 */
PCG_PAM_EXPORT int pam_sm_acct_mgmt(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
    return authenticated_here(pamh, true) ? PAM_SUCCESS : PAM_IGNORE;
}

/* PAM codes for a password change, as pam_sm_chauthtok(3) and pam_unix use them. */
static int chauthtok_code_of(enum pcg_change_outcome outcome)
{
    switch (outcome) {
    case PCG_CHANGE_DONE:
        return PAM_SUCCESS;
    case PCG_CHANGE_SIGN_IN_REFUSED:
        return PAM_AUTH_ERR;
    case PCG_CHANGE_SIGN_IN_CONV_ERR:
        return PAM_AUTHTOK_RECOVERY_ERR;
    case PCG_CHANGE_NEW_REFUSED:
        return PAM_AUTHTOK_ERR;
    /* Never softened by failmode: PAM_IGNORE would make passwd report a change not made. */
    case PCG_CHANGE_UNAVAILABLE:
        return PAM_AUTHINFO_UNAVAIL;
    case PCG_CHANGE_FAILED:
        return PAM_SERVICE_ERR;
    }
    return PAM_SERVICE_ERR;
}

/*
 * PAM_UPDATE_AUTHTOK: sign in with the old password, then change it
 * (change_password.c); bound_sub as at sign-in ("" for an account bound by name).
 */
static int change_authtok(pam_handle_t *pamh, int flags, const char *user, const char *bound_sub,
                          const struct pcg_conf *conf, const struct pcg_log *log)
{
    const char *old_password = NULL, *given = NULL;
    const void *rhost = NULL;
    struct pcg_change_input in = { .pam_user = user, .bound_sub = bound_sub };
    struct pcg_prompter prompter;
    struct pcg_login_result res;
    enum pcg_change_outcome outcome;
    char *new_password = NULL, safe_user[PCG_MAX_PAM_USER + 4];
    int code;

    code = pam_get_authtok(pamh, PAM_OLDAUTHTOK, &old_password, "Current password: ");
    if (code != PAM_SUCCESS || old_password == NULL) {
        pcg_log(log, LOG_NOTICE, "user=%s cannot get the current password: %s",
                pcg_sanitize(user, safe_user, sizeof(safe_user)), pam_strerror(pamh, code));
        return PAM_AUTHTOK_RECOVERY_ERR;
    }
    if (conf->use_authtok) {
        if (pam_get_item(pamh, PAM_AUTHTOK, (const void **)&given) != PAM_SUCCESS
            || given == NULL) {
            pcg_log(log, LOG_NOTICE, "user=%s use_authtok: no new password from an earlier module",
                    pcg_sanitize(user, safe_user, sizeof(safe_user)));
            return PAM_AUTHTOK_ERR;
        }
        in.new_password = given;
    }
    if (pam_get_item(pamh, PAM_RHOST, &rhost) != PAM_SUCCESS)
        rhost = NULL;
    in.old_password = old_password;
    in.client_ip = rhost;
    pcg_pam_prompter_init(&prompter, pamh, (flags & PAM_SILENT) != 0);
    outcome = pcg_change_password(conf, &in, &prompter, log, &res, &new_password);
    code = chauthtok_code_of(outcome);
    log_verdict(pamh, log, user, &res, code);
    /* Later modules of the stack (use_authtok) get the password now set. */
    if (code == PAM_SUCCESS && given == NULL
        && pam_set_item(pamh, PAM_AUTHTOK, new_password) != PAM_SUCCESS)
        code = PAM_SERVICE_ERR;
    pcg_free_secret(new_password);
    return code;
}

static int chauthtok_phase(pam_handle_t *pamh, int flags, const char *user, const char *bound_sub,
                           const struct pcg_conf *conf, const struct pcg_log *log)
{
    int code;

    if (flags & PAM_PRELIM_CHECK)
        return PAM_SUCCESS;
    if (!(flags & PAM_UPDATE_AUTHTOK))
        return PAM_SERVICE_ERR;
    code = refuse_hazardous_environment(pamh, flags, log, user);
    return code == PAM_SUCCESS ? change_authtok(pamh, flags, user, bound_sub, conf, log) : code;
}

/*
 * PAM_PRELIM_CHECK only checks the configuration and the local account: the
 * sign-in happens once, in PAM_UPDATE_AUTHTOK. Accounts outside the module's
 * scope (root, nobody, outside min_uid..max_uid, not in local_group unless
 * the sync made them) get PAM_IGNORE in both; an account the sync's map
 * refuses (as at sign-in) gets PAM_PERM_DENIED in both.
 * PAM_CHANGE_EXPIRED_AUTHTOK is ignored: Cognito's own expiry
 * (NEW_PASSWORD_REQUIRED) is handled at sign-in.
 */
PCG_PAM_EXPORT int pam_sm_chauthtok(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
    struct pcg_conf conf;
    struct pcg_log log = { .emit = syslog_line, .ud = pamh };
    const char *user = NULL;
    char err[512], safe_user[PCG_MAX_PAM_USER + 4], bound_sub[PCG_SUB_MAX + 1], why[200];
    enum pcg_binding binding;
    uid_t uid;
    gid_t gid;
    int code;

    if (flags & PAM_CHANGE_EXPIRED_AUTHTOK)
        return PAM_IGNORE;
    pcg_conf_defaults(&conf);
    if (pcg_conf_load(&conf, argc, argv, err, sizeof(err)) != PCG_CONF_OK) {
        pam_syslog(pamh, LOG_ERR, "configuration error, refusing to change the password: %s", err);
        return code_despite_bad_conf(pamh, argc, argv);
    }
    log.debug = conf.debug;
    /* passwd asks on a terminal: single_prompt is for one-prompt login clients. */
    conf.single_prompt = false;
    if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || user == NULL || !plausible_user(user)
        || !pcg_local_user_lookup(user, &uid, &gid)) {
        pcg_log(&log, LOG_NOTICE,
                "password change: user=%s outcome=unknown reason=no_local_account",
                user != NULL ? pcg_sanitize(user, safe_user, sizeof(safe_user)) : "-");
        code = PAM_USER_UNKNOWN;
    } else {
        /* The same accounts as at sign-in: root and service accounts never reach Cognito,
         * synced accounts are bound by sub. */
        binding = read_binding(&conf, user, uid, bound_sub, why, sizeof(why));
        code = scope_code(pamh, &conf, &log, user, uid, gid, binding == PCG_BINDING_BY_SUB);
        if (code == PAM_SUCCESS && binding == PCG_BINDING_REFUSE)
            code = refuse_binding(pamh, flags, &log, user, why, PAM_PERM_DENIED);
        if (code == PAM_SUCCESS)
            code = chauthtok_phase(pamh, flags, user, bound_sub, &conf, &log);
    }
    pcg_conf_free(&conf);
    return code;
}

/*
 * Configuration: the key = value file (default /etc/security/pam_cognito.conf)
 * and the PAM-line arguments that override it. No PAM header here.
 */
#ifndef PCG_CONF_H
#define PCG_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/conf_values.h"
#include "conf/first_factor.h"
#include "conf/mfa_preference.h"

#define PCG_DEFAULT_CONF "/etc/security/pam_cognito.conf"
#define PCG_CONF_MAX_BYTES (64 * 1024) /* a larger config file is refused */
#define PCG_CONF_MAX_VALUE 1024        /* a longer value is refused */
#define PCG_MAX_GROUPS 32
#define PCG_SYNC_ID_FLOOR 1000 /* sync ids below it would be system ids */

enum pcg_auth_flow { PCG_FLOW_SRP = 0, PCG_FLOW_PASSWORD, PCG_FLOW_USER_AUTH, PCG_FLOW_CUSTOM };

/* InitiateAuth's AuthFlow for flow: USER_SRP_AUTH, USER_PASSWORD_AUTH, USER_AUTH, CUSTOM_AUTH. */
const char *pcg_auth_flow_name(enum pcg_auth_flow flow);
enum pcg_failmode { PCG_FAIL_SECURE = 0, PCG_FAIL_SAFE };

struct pcg_conf {
    char *conf_path; /* the file read (from conf= or the default) */

    char *user_pool_id; /* "eu-west-1_AbC123xyz" */
    char *region;       /* derived: "eu-west-1" */
    char *pool_name;    /* derived: "AbC123xyz" (SRP uses it) */
    char *client_id;
    char *client_secret; /* secret: wiped on free; file only, never argv */
    char *endpoint;      /* always set after load: https://..., ends with '/' */
    char *cafile;
    char *capath;
    char *proxy;
    enum pcg_auth_flow auth_flow;
    int timeout;         /* seconds, 1..300 */
    int connect_timeout; /* seconds, 1..timeout; 0 until finish: then min(3, timeout) */
    int retries;         /* 0..10 */
    enum pcg_failmode failmode;
    bool require_mfa;
    bool enroll;
    char *
        enroll_group; /* NULL, or only its members are enrolled at login when Cognito asked no MFA */
    char *totp_issuer; /* NULL = the host name, resolved by the user */
    bool qr;
    char *groups[PCG_MAX_GROUPS + 1]; /* NULL-terminated; empty = everyone */
    size_t n_groups;
    char *username; /* template, "%u" = PAM user; "%%" = "%" */
    enum pcg_username_attribute username_attribute;
    char *password_prompt;
    char *code_prompt;
    int code_retries;                         /* 1..10 */
    struct pcg_mfa_preference mfa_preference; /* SELECT_MFA_TYPE: the method to pick */
    struct pcg_first_factor first_factor;     /* user_auth: PREFERRED_CHALLENGE, SELECT_CHALLENGE */
    bool custom_srp;     /* custom: prove the password by SRP before the custom challenges */
    bool password_reset; /* PasswordResetRequiredException: reset with a code at the prompt */
    bool send_client_ip;
    bool single_prompt; /* password and code typed as one answer */
    bool debug;
    int min_uid;       /* local accounts below it are not the module's: 1..INT_MAX */
    int max_uid;       /* nor those above it (nor nobody, 65534): min_uid..INT_MAX */
    char *local_group; /* NULL, or only members of this local group are the module's */

    /* cognito-mfa sync (issue 21); read by the PAM module only to tell synced accounts */
    char *sync_groups[PCG_MAX_GROUPS + 1]; /* NULL-terminated Cognito groups; empty = no sync */
    size_t n_sync_groups;
    char *sync_group_prefix;      /* NULL, or prepended to each synced group's Linux name */
    int sync_min_uid;             /* ids the sync allocates: 1000..INT_MAX, default 10000 */
    int sync_max_uid;             /* sync_min_uid..INT_MAX, default 60000 */
    char *sync_uid_attribute;     /* NULL, or the Cognito attribute that owns the uid */
    int sync_max_removal_percent; /* 0..100, default 10: a run removing more needs --force */

    /* PAM-line only */
    bool use_first_pass;
    bool try_first_pass;
    bool use_authtok; /* password stack: the new password comes from an earlier module */
};

/* Status of loading. Every error also leaves a one-line English reason in err. */
enum pcg_conf_status {
    PCG_CONF_OK = 0,
    PCG_CONF_ERR, /* bad syntax, bad value, unknown key, unsafe file... */
    PCG_CONF_NOMEM,
};

/* Sets every field to its default (no allocation). */
void pcg_conf_defaults(struct pcg_conf *c);

/*
 * The whole load as the PAM module does it: find conf=PATH among argv (else
 * the default), read that file with the safety checks, apply the other argv
 * entries on top, then validate and derive (region, pool_name, endpoint).
 * On error c is freed and reset. err receives a reason naming the key,
 * argument or file, and the line number for file errors.
 */
enum pcg_conf_status pcg_conf_load(struct pcg_conf *c, int argc, const char **argv, char *err,
                                   size_t errlen);

/*
 * Pieces of the load, exposed for tests and fuzzing.
 * pcg_conf_parse_text: parse file contents (len bytes, may contain NUL, which
 *   is an error). secret_allowed: whether client_secret may appear (the file
 *   check passes false when the file is readable by group/other).
 * pcg_conf_apply_args: PAM arguments (conf= is skipped here; debug,
 *   use_first_pass, try_first_pass, key=value; client_secret= refused).
 * pcg_conf_finish: required keys present, cross-field checks, derived fields.
 * pcg_conf_read_file: open (absolute path, O_NOFOLLOW), fstat checks (regular
 *   file, owned by root, not group/world-writable, size cap), read, parse.
 */
enum pcg_conf_status pcg_conf_parse_text(struct pcg_conf *c, const char *text, size_t len,
                                         bool secret_allowed, char *err, size_t errlen);
enum pcg_conf_status pcg_conf_apply_args(struct pcg_conf *c, int argc, const char **argv, char *err,
                                         size_t errlen);
enum pcg_conf_status pcg_conf_finish(struct pcg_conf *c, char *err, size_t errlen);
enum pcg_conf_status pcg_conf_read_file(struct pcg_conf *c, const char *path, char *err,
                                        size_t errlen);

/*
 * True when a login with c starts with the password (asked before any
 * network call); false for the passwordless first factors of user_auth and
 * for custom without custom_srp, where it is asked only if a step needs it.
 */
bool pcg_conf_password_first(const struct pcg_conf *c);

/* Frees every string (client_secret wiped) and resets to defaults. */
void pcg_conf_free(struct pcg_conf *c);

/* A deep copy of src into dst (free it with pcg_conf_free); false, and dst freed, when out of memory. */
bool pcg_conf_copy(struct pcg_conf *dst, const struct pcg_conf *src);

#endif

#include "config.h"

/*
 * The config file: one "key = value" per line. Blanks and tabs around '='
 * and at both ends of a line are trimmed, a trailing \r (CRLF) is dropped,
 * blank lines and lines whose first non-blank byte is '#' are ignored. A '#'
 * after a value is part of the value (secrets and prompts may contain '#').
 * There is no quoting. Every byte is treated as hostile: NUL bytes, unknown
 * or repeated keys, empty values and over-long lines are errors, never
 * skipped. Values are never echoed for client_secret or proxy (which may
 * carry credentials); others are echoed cut and with unprintables as '?'.
 * Prompts get one trailing space, which trimming would otherwise make
 * impossible to write.
 */

#include "conf/conf.h"
#include "conf/conf_parse.h"

#include "conf/conf_values.h"
#include "util/secure.h"
#include "util/text.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 32
/* Room for the longest key, '=' and some blanks around a maximal value. */
#define LINE_MAX_BYTES (PCG_CONF_MAX_VALUE + 64)

enum key_kind {
    K_STR,
    K_INT,
    K_BOOL,
    K_FLOW,
    K_FAILMODE,
    K_GROUPS,
    K_SYNC_GROUPS,
    K_MFA_PREFERENCE,
    K_USERNAME_ATTRIBUTE,
    K_FIRST_FACTOR
};

struct key {
    const char *name;
    enum key_kind kind;
    size_t off;                          /* of the field in struct pcg_conf */
    const char *(*check)(const char *v); /* K_STR */
    int min, max;                        /* K_INT */
    const char *unit;                    /* K_INT: "seconds" or NULL */
    bool hide;                           /* never repeat the value in a message */
    char suffix;                         /* K_STR: appended unless already last */
};

#define FIELD(f) offsetof(struct pcg_conf, f)
/* The key name is the field name, so the two cannot drift apart. */
#define STR(f, chk)                                              \
    {                                                            \
        .name = #f, .kind = K_STR, .off = FIELD(f), .check = chk \
    }
#define HIDDEN(f, chk)                                                         \
    {                                                                          \
        .name = #f, .kind = K_STR, .off = FIELD(f), .check = chk, .hide = true \
    }
#define ENDING(f, chk, sfx)                                                     \
    {                                                                           \
        .name = #f, .kind = K_STR, .off = FIELD(f), .check = chk, .suffix = sfx \
    }
#define INT(f, lo, hi, u)                                                           \
    {                                                                               \
        .name = #f, .kind = K_INT, .off = FIELD(f), .min = lo, .max = hi, .unit = u \
    }
#define OTHER(f, k)                            \
    {                                          \
        .name = #f, .kind = k, .off = FIELD(f) \
    }

static const struct key keys[] = {
    STR(user_pool_id, pcg_check_pool_id),
    STR(client_id, pcg_check_client_id),
    HIDDEN(client_secret, pcg_check_client_secret),
    ENDING(endpoint, pcg_check_endpoint, '/'),
    STR(cafile, pcg_check_abs_path),
    STR(capath, pcg_check_abs_path),
    HIDDEN(proxy, pcg_check_proxy),
    OTHER(auth_flow, K_FLOW),
    INT(timeout, 1, 300, "seconds"),
    INT(connect_timeout, 1, 300, "seconds"),
    INT(retries, 0, 10, NULL),
    OTHER(failmode, K_FAILMODE),
    OTHER(require_mfa, K_BOOL),
    OTHER(enroll, K_BOOL),
    STR(enroll_group, pcg_check_enroll_group),
    STR(totp_issuer, pcg_check_issuer),
    OTHER(qr, K_BOOL),
    OTHER(groups, K_GROUPS),
    STR(username, pcg_check_username),
    OTHER(username_attribute, K_USERNAME_ATTRIBUTE),
    ENDING(password_prompt, pcg_check_prompt, ' '),
    ENDING(code_prompt, pcg_check_prompt, ' '),
    INT(code_retries, 1, 10, NULL),
    OTHER(mfa_preference, K_MFA_PREFERENCE),
    OTHER(first_factor, K_FIRST_FACTOR),
    OTHER(custom_srp, K_BOOL),
    OTHER(password_reset, K_BOOL),
    OTHER(send_client_ip, K_BOOL),
    OTHER(single_prompt, K_BOOL),
    OTHER(debug, K_BOOL),
    /* Root is never the module's: min_uid is at least 1. */
    INT(min_uid, 1, INT_MAX, NULL),
    INT(max_uid, 1, INT_MAX, NULL),
    STR(local_group, pcg_check_local_group),
    OTHER(sync_groups, K_SYNC_GROUPS),
    STR(sync_group_prefix, pcg_check_sync_group_prefix),
    INT(sync_min_uid, PCG_SYNC_ID_FLOOR, INT_MAX, NULL),
    INT(sync_max_uid, PCG_SYNC_ID_FLOOR, INT_MAX, NULL),
    STR(sync_uid_attribute, pcg_check_attribute_name),
    INT(sync_max_removal_percent, 0, 100, NULL),
};

#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

void pcg_conf_set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Appends where (" on line 7", " (PAM argument)") to the reason in err. */
__attribute__((format(printf, 3, 4))) static void add_err(char *err, size_t errlen, const char *fmt,
                                                          ...)
{
    size_t n;
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    n = strlen(err);
    if (n + 1 >= errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - n, fmt, ap);
    va_end(ap);
}

static const struct key *find_key(const char *name, size_t len)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        if (strlen(keys[i].name) == len && memcmp(keys[i].name, name, len) == 0)
            return &keys[i];
    }
    return NULL;
}

static char **str_field(struct pcg_conf *c, const struct key *k)
{
    return (char **)(void *)((char *)c + k->off);
}

static enum pcg_conf_status set_string(struct pcg_conf *c, const struct key *k, const char *v,
                                       char *err, size_t errlen)
{
    char **field = str_field(c, k);
    const char *why = k->check(v);
    size_t len = strlen(v), extra = 0;
    char *copy;

    if (why != NULL) {
        char shown[SHOWN_MAX + 1];

        if (k->hide)
            pcg_conf_set_err(err, errlen, "%s: %s", k->name, why);
        else
            pcg_conf_set_err(err, errlen, "%s: %s, got '%s'", k->name, why,
                             pcg_sanitize(v, shown, sizeof(shown)));
        return PCG_CONF_ERR;
    }
    if (k->suffix != '\0' && (len == 0 || v[len - 1] != k->suffix))
        extra = 1;
    copy = malloc(len + extra + 1);
    if (copy == NULL) {
        pcg_conf_set_err(err, errlen, "out of memory");
        return PCG_CONF_NOMEM;
    }
    memcpy(copy, v, len);
    if (extra)
        copy[len] = k->suffix;
    copy[len + extra] = '\0';
    /* Only client_secret and proxy hold secrets; wiping the rest costs nothing. */
    pcg_free_secret(*field);
    *field = copy;
    return PCG_CONF_OK;
}

/* Validates v (NUL-terminated, at most PCG_CONF_MAX_VALUE bytes) and stores it. */
static enum pcg_conf_status set_key(struct pcg_conf *c, const struct key *k, const char *v,
                                    char *err, size_t errlen)
{
    void *field = (char *)c + k->off;
    char shown[SHOWN_MAX + 1];
    bool b;
    int n;

    if (k->kind == K_STR)
        return set_string(c, k, v, err, errlen);
    /* The other kinds hold no secret, so the value may be shown. */
    pcg_sanitize(v, shown, sizeof(shown));
    switch (k->kind) {
    case K_STR:
        break;
    case K_GROUPS:
        return pcg_conf_group_list_set(c->groups, &c->n_groups, k->name, v, false, err, errlen);
    case K_SYNC_GROUPS:
        return pcg_conf_group_list_set(c->sync_groups, &c->n_sync_groups, k->name, v, true, err,
                                       errlen);
    case K_MFA_PREFERENCE: {
        const char *why = pcg_mfa_preference_parse(v, &c->mfa_preference);

        if (why == NULL)
            return PCG_CONF_OK;
        pcg_conf_set_err(err, errlen, "%s: %s, got '%s'", k->name, why, shown);
        return PCG_CONF_ERR;
    }
    case K_USERNAME_ATTRIBUTE:
        if (pcg_parse_username_attribute(v, &c->username_attribute))
            return PCG_CONF_OK;
        pcg_conf_set_err(err, errlen,
                         "%s: expected username, email, phone_number or preferred_username, "
                         "got '%s'",
                         k->name, shown);
        return PCG_CONF_ERR;
    case K_FIRST_FACTOR: {
        const char *why = pcg_first_factor_parse(v, &c->first_factor);

        if (why == NULL)
            return PCG_CONF_OK;
        pcg_conf_set_err(err, errlen, "%s: %s, got '%s'", k->name, why, shown);
        return PCG_CONF_ERR;
    }
    case K_INT:
        if (!pcg_parse_int(v, k->min, k->max, &n)) {
            pcg_conf_set_err(err, errlen, "%s: expected a whole number%s%s from %d to %d, got '%s'",
                             k->name, k->unit ? " of " : "", k->unit ? k->unit : "", k->min, k->max,
                             shown);
            return PCG_CONF_ERR;
        }
        *(int *)field = n;
        return PCG_CONF_OK;
    case K_BOOL:
        if (!pcg_parse_bool(v, &b)) {
            pcg_conf_set_err(err, errlen,
                             "%s: expected yes or no (or true/false, on/off, 1/0), got '%s'",
                             k->name, shown);
            return PCG_CONF_ERR;
        }
        *(bool *)field = b;
        return PCG_CONF_OK;
    case K_FLOW:
        if (strcmp(v, "srp") == 0)
            c->auth_flow = PCG_FLOW_SRP;
        else if (strcmp(v, "password") == 0)
            c->auth_flow = PCG_FLOW_PASSWORD;
        else if (strcmp(v, "user_auth") == 0)
            c->auth_flow = PCG_FLOW_USER_AUTH;
        else if (strcmp(v, "custom") == 0)
            c->auth_flow = PCG_FLOW_CUSTOM;
        else
            break;
        return PCG_CONF_OK;
    case K_FAILMODE:
        if (strcmp(v, "secure") == 0)
            c->failmode = PCG_FAIL_SECURE;
        else if (strcmp(v, "safe") == 0)
            c->failmode = PCG_FAIL_SAFE;
        else
            break;
        return PCG_CONF_OK;
    }
    pcg_conf_set_err(err, errlen, "%s: expected %s, got '%s'", k->name,
                     k->kind == K_FLOW ? "srp, password, user_auth or custom" : "secure or safe",
                     shown);
    return PCG_CONF_ERR;
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

static bool key_chars_ok(const char *s, size_t len)
{
    if (len == 0 || len > KEY_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];

        if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && ch != '_' && ch != '-')
            return false;
    }
    return true;
}

struct parser {
    struct pcg_conf *c;
    unsigned lineno;
    unsigned first_seen[N_KEYS]; /* line of each key, 0 = not yet */
    bool secret_allowed;
    bool secret_refused;                /* set when client_secret was the error */
    char value[PCG_CONF_MAX_VALUE + 1]; /* may hold the secret: wiped after */
    char *err;
    size_t errlen;
};

/* One line without its '\n' (and '\r'). */
static enum pcg_conf_status parse_line(struct parser *ps, const char *line, size_t len)
{
    char *err = ps->err;
    size_t errlen = ps->errlen;
    unsigned lineno = ps->lineno;
    const char *end = line + len, *eq, *key_end, *val;
    const struct key *k;
    enum pcg_conf_status st;
    size_t idx, vlen;
    char shown[KEY_MAX + 4];

    while (line < end && is_blank(*line))
        line++;
    while (end > line && is_blank(end[-1]))
        end--;
    if (line == end || *line == '#')
        return PCG_CONF_OK;
    eq = memchr(line, '=', (size_t)(end - line));
    if (eq == NULL) {
        pcg_conf_set_err(err, errlen, "line %u is not of the form key = value", lineno);
        return PCG_CONF_ERR;
    }
    key_end = eq;
    while (key_end > line && is_blank(key_end[-1]))
        key_end--;
    /*
     * A malformed key is not repeated: it may be part of a mistyped secret
     * line. No key has digits, and secrets have, so those count as malformed.
     */
    if (!key_chars_ok(line, (size_t)(key_end - line))) {
        pcg_conf_set_err(err, errlen, "line %u does not start with a valid key name", lineno);
        return PCG_CONF_ERR;
    }
    snprintf(shown, sizeof(shown), "%.*s", (int)(key_end - line), line);
    k = find_key(line, (size_t)(key_end - line));
    if (k == NULL) {
        pcg_conf_set_err(err, errlen, "unknown key '%s' on line %u", shown, lineno);
        return PCG_CONF_ERR;
    }
    idx = (size_t)(k - keys);
    if (ps->first_seen[idx] != 0) {
        pcg_conf_set_err(err, errlen, "duplicate key '%s' on line %u (first set on line %u)",
                         k->name, lineno, ps->first_seen[idx]);
        return PCG_CONF_ERR;
    }
    ps->first_seen[idx] = lineno;
    if (k->off == FIELD(client_secret) && !ps->secret_allowed) {
        ps->secret_refused = true;
        pcg_conf_set_err(
            err, errlen,
            "client_secret on line %u is refused: the file is readable by group or others", lineno);
        return PCG_CONF_ERR;
    }
    val = eq + 1;
    while (val < end && is_blank(*val))
        val++;
    vlen = (size_t)(end - val);
    if (vlen == 0) {
        pcg_conf_set_err(err, errlen, "%s has no value on line %u", k->name, lineno);
        return PCG_CONF_ERR;
    }
    if (vlen > PCG_CONF_MAX_VALUE) {
        pcg_conf_set_err(err, errlen, "%s: the value on line %u is longer than %d bytes", k->name,
                         lineno, PCG_CONF_MAX_VALUE);
        return PCG_CONF_ERR;
    }
    memcpy(ps->value, val, vlen);
    ps->value[vlen] = '\0';
    st = set_key(ps->c, k, ps->value, err, errlen);
    if (st != PCG_CONF_OK)
        add_err(err, errlen, " on line %u", lineno);
    return st;
}

enum pcg_conf_status pcg_conf_parse_checked(struct pcg_conf *c, const char *text, size_t len,
                                            bool secret_allowed, bool *secret_refused, char *err,
                                            size_t errlen)
{
    struct parser ps = { .c = c, .secret_allowed = secret_allowed, .err = err, .errlen = errlen };
    enum pcg_conf_status st = PCG_CONF_ERR;
    const char *nul, *p = text;

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (text == NULL && len > 0) {
        pcg_conf_set_err(err, errlen, "no configuration text");
        goto out;
    }
    if (len > PCG_CONF_MAX_BYTES) {
        pcg_conf_set_err(err, errlen, "the configuration is larger than %d bytes",
                         PCG_CONF_MAX_BYTES);
        goto out;
    }
    nul = len > 0 ? memchr(text, '\0', len) : NULL;
    if (nul != NULL) {
        unsigned at = 1;

        for (const char *q = text; q < nul; q++)
            at += *q == '\n';
        pcg_conf_set_err(err, errlen, "line %u contains a NUL byte", at);
        goto out;
    }
    while (p < text + len) {
        const char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t linelen = nl != NULL ? (size_t)(nl - p) : (size_t)(text + len - p);

        ps.lineno++;
        if (linelen > 0 && p[linelen - 1] == '\r')
            linelen--;
        if (linelen > LINE_MAX_BYTES) {
            pcg_conf_set_err(err, errlen, "line %u is longer than %d bytes", ps.lineno,
                             LINE_MAX_BYTES);
            st = PCG_CONF_ERR;
            goto out;
        }
        st = parse_line(&ps, p, linelen);
        if (st != PCG_CONF_OK)
            goto out;
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    st = PCG_CONF_OK;
out:
    if (secret_refused != NULL)
        *secret_refused = ps.secret_refused;
    pcg_wipe(ps.value, sizeof(ps.value));
    return st;
}

enum pcg_conf_status pcg_conf_parse_text(struct pcg_conf *c, const char *text, size_t len,
                                         bool secret_allowed, char *err, size_t errlen)
{
    return pcg_conf_parse_checked(c, text, len, secret_allowed, NULL, err, errlen);
}

/* The bare-word arguments; false when a is not one of them. */
static bool apply_flag(struct pcg_conf *c, const char *a)
{
    if (strcmp(a, "debug") == 0)
        c->debug = true;
    else if (strcmp(a, "use_first_pass") == 0)
        c->use_first_pass = true;
    else if (strcmp(a, "try_first_pass") == 0)
        c->try_first_pass = true;
    else if (strcmp(a, "use_authtok") == 0)
        c->use_authtok = true;
    else
        return false;
    return true;
}

/* One PAM argument other than conf=. */
static enum pcg_conf_status apply_arg(struct pcg_conf *c, const char *a, char *err, size_t errlen)
{
    char name[SHOWN_MAX + 1], shown[SHOWN_MAX + 1];
    const char *eq = strchr(a, '=');
    const struct key *k;
    enum pcg_conf_status st;

    if (apply_flag(c, a))
        return PCG_CONF_OK;
    k = eq != NULL ? find_key(a, (size_t)(eq - a)) : NULL;
    if (k == NULL) {
        /* Only the part before '=' is shown: the value may be a secret. */
        size_t n = eq != NULL ? (size_t)(eq - a) : strlen(a);

        snprintf(name, sizeof(name), "%.*s", (int)(n < SHOWN_MAX ? n : SHOWN_MAX), a);
        pcg_conf_set_err(err, errlen, "unknown argument '%s%s'",
                         pcg_sanitize(name, shown, sizeof(shown)), eq != NULL ? "=..." : "");
        return PCG_CONF_ERR;
    }
    if (k->off == FIELD(client_secret)) {
        pcg_conf_set_err(err, errlen,
                         "client_secret is refused as a PAM argument (any local user can read "
                         "those): put it in the root-only config file");
        return PCG_CONF_ERR;
    }
    if (eq[1] == '\0') {
        pcg_conf_set_err(err, errlen, "%s has no value (PAM argument)", k->name);
        return PCG_CONF_ERR;
    }
    if (strlen(eq + 1) > PCG_CONF_MAX_VALUE) {
        pcg_conf_set_err(err, errlen, "%s: the value is longer than %d bytes (PAM argument)",
                         k->name, PCG_CONF_MAX_VALUE);
        return PCG_CONF_ERR;
    }
    st = set_key(c, k, eq + 1, err, errlen);
    if (st != PCG_CONF_OK)
        add_err(err, errlen, " (PAM argument)");
    return st;
}

enum pcg_conf_status pcg_conf_apply_args(struct pcg_conf *c, int argc, const char **argv, char *err,
                                         size_t errlen)
{
    enum pcg_conf_status st = PCG_CONF_OK;

    for (int i = 0; st == PCG_CONF_OK && argv != NULL && i < argc; i++) {
        if (argv[i] == NULL) {
            pcg_conf_set_err(err, errlen, "PAM argument %d is missing", i + 1);
            st = PCG_CONF_ERR;
        } else if (strncmp(argv[i], "conf=", 5) != 0) {
            st = apply_arg(c, argv[i], err, errlen);
        }
    }
    return st;
}

bool pcg_conf_password_first(const struct pcg_conf *c)
{
    switch (c->auth_flow) {
    case PCG_FLOW_USER_AUTH:
        return pcg_first_factor_is_password(&c->first_factor);
    case PCG_FLOW_CUSTOM:
        return c->custom_srp;
    case PCG_FLOW_SRP:
    case PCG_FLOW_PASSWORD:
        break;
    }
    return true;
}

void pcg_conf_defaults(struct pcg_conf *c)
{
    *c = (struct pcg_conf){
        .auth_flow = PCG_FLOW_SRP,
        .timeout = 10,
        .connect_timeout = 0, /* unset: pcg_conf_finish makes it min(3, timeout) */
        .retries = 2,
        .failmode = PCG_FAIL_SECURE,
        .require_mfa = true,
        .enroll = true,
        .qr = true,
        .code_retries = 3,
        .min_uid = 1000,
        .max_uid = 60000, /* Debian's UID_MAX (login.defs): above it, system and reserved ids */
        .sync_min_uid = 10000,
        .sync_max_uid = 60000,
        .sync_max_removal_percent = 10,
        .mfa_preference = PCG_MFA_PREFERENCE_DEFAULT,
        .first_factor = PCG_FIRST_FACTOR_DEFAULT,
    };
}

/* Every string the struct owns: pcg_conf_copy and pcg_conf_free walk the same list. */
static const struct owned_string {
    size_t off;
    bool secret; /* wiped when freed */
} owned_strings[] = {
    { FIELD(conf_path), false },
    { FIELD(user_pool_id), false },
    { FIELD(region), false },
    { FIELD(pool_name), false },
    { FIELD(client_id), false },
    { FIELD(client_secret), true },
    { FIELD(endpoint), false },
    { FIELD(cafile), false },
    { FIELD(capath), false },
    { FIELD(proxy), true }, /* may carry proxy credentials */
    { FIELD(totp_issuer), false },
    { FIELD(username), false },
    { FIELD(password_prompt), false },
    { FIELD(code_prompt), false },
    { FIELD(local_group), false },
    { FIELD(enroll_group), false },
    { FIELD(sync_group_prefix), false },
    { FIELD(sync_uid_attribute), false },
};

static char **owned(struct pcg_conf *c, const struct owned_string *s)
{
    return (char **)(void *)((char *)c + s->off);
}

void pcg_conf_free(struct pcg_conf *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < sizeof(owned_strings) / sizeof(owned_strings[0]); i++) {
        char **field = owned(c, &owned_strings[i]);

        if (owned_strings[i].secret)
            pcg_free_secret(*field);
        else
            free(*field);
    }
    pcg_conf_group_list_free(c->groups, c->n_groups);
    pcg_conf_group_list_free(c->sync_groups, c->n_sync_groups);
    pcg_conf_defaults(c);
}

bool pcg_conf_copy(struct pcg_conf *dst, const struct pcg_conf *src)
{
    bool ok = true;

    *dst = *src;
    /* Each field is replaced before the next: after a failure none points into src. */
    for (size_t i = 0; i < sizeof(owned_strings) / sizeof(owned_strings[0]); i++) {
        char **field = owned(dst, &owned_strings[i]);
        const char *from = *field;

        *field = from != NULL ? strdup(from) : NULL;
        if (from != NULL && *field == NULL)
            ok = false;
    }
    for (size_t i = 0; i < dst->n_groups; i++)
        if ((dst->groups[i] = strdup(src->groups[i])) == NULL)
            ok = false;
    for (size_t i = 0; i < dst->n_sync_groups; i++)
        if ((dst->sync_groups[i] = strdup(src->sync_groups[i])) == NULL)
            ok = false;
    if (!ok)
        pcg_conf_free(dst);
    return ok;
}

const char *pcg_auth_flow_name(enum pcg_auth_flow flow)
{
    switch (flow) {
    case PCG_FLOW_PASSWORD:
        return "USER_PASSWORD_AUTH";
    case PCG_FLOW_USER_AUTH:
        return "USER_AUTH";
    case PCG_FLOW_CUSTOM:
        return "CUSTOM_AUTH";
    case PCG_FLOW_SRP:
        break;
    }
    return "USER_SRP_AUTH";
}

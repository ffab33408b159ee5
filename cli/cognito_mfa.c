/*
 * cognito-mfa: set up an authenticator app for a Cognito user from a
 * terminal, show a user's MFA methods, and diagnose a pam_cognito config
 * file, and make the members of Cognito groups the host's accounts (sync).
 * The same config file and sign-in code as the PAM module.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "conf/conf.h"
#include "config_check.h"
#include "flow/login.h"
#include "mfa_status.h"
#include "sync_command.h"
#include "util/secure.h"
#include "util/text.h"
#include "flow/totp_enroll.h"
#include "tty_prompter.h"

/* Exit codes, documented in cognito-mfa(1). */
enum {
    EXIT_DONE = 0,    /* check: no problem found */
    EXIT_REFUSED = 1, /* sign-in or enrolment refused; check: a problem found */
    EXIT_USAGE = 2,
    EXIT_CONFIG = 3,      /* config unusable, enrolment turned off, app client set up wrongly */
    EXIT_UNAVAILABLE = 4, /* Cognito unreachable */
    EXIT_TROUBLE = 5,     /* no terminal, the conversation failed, an internal error */
};

#define PCG_CLI_MAX_USER 128

static const char usage_text[] =
    "Usage: cognito-mfa [--conf PATH] [--replace] COMMAND [USER]\n"
    "       cognito-mfa [--conf PATH] [--dry-run] [--force] sync\n"
    "\n"
    "Commands:\n"
    "  enroll [USER]  sign in, then set up an authenticator app (TOTP) as the\n"
    "                 preferred MFA method, for an account without MFA\n"
    "  status [USER]  sign in, then show the enabled MFA methods and the preferred one\n"
    "  check          diagnose the config file, the endpoint and the app client\n"
    "                 (no password needed)\n"
    "  sync           make the members of the config's sync_groups accounts of this\n"
    "                 host (libnss-extrausers), as root, with AWS credentials from the\n"
    "                 environment or the instance role\n"
    "\n"
    "Options:\n"
    "  -c, --conf PATH  config file (default " PCG_DEFAULT_CONF ")\n"
    "  -r, --replace    enroll: replace the MFA an account already has (the sign-in\n"
    "                   must then answer an MFA challenge)\n"
    "  -n, --dry-run    sync: print what would change, write nothing\n"
    "  -f, --force      sync: remove accounts even beyond sync_max_removal_percent\n"
    "  -h, --help       show this help\n"
    "  -V, --version    show the version\n"
    "\n"
    "USER defaults to the login name of the user running the command.\n"
    "Exit status: 0 done (check: no problem found); 1 sign-in or enrolment refused\n"
    "(check: a problem found); 2 usage error; 3 config file unusable, enrolment turned\n"
    "off, or the app client set up wrongly; 4 Cognito unreachable; 5 no terminal, the\n"
    "conversation failed, or an internal error.\n"
    "sync: 0 synced; 1 refused, more removals than sync_max_removal_percent; 3 no\n"
    "sync_groups, no AWS credentials or a damaged map; 4 a page of a group failed,\n"
    "nothing written; 5 not root, the lock, a file, NSS or no id left.\n";

static int usage_error(void)
{
    fputs("Usage: cognito-mfa [--conf PATH] [--replace] enroll [USER]\n"
          "       cognito-mfa [--conf PATH] status [USER]\n"
          "       cognito-mfa [--conf PATH] check\n"
          "       cognito-mfa [--conf PATH] [--dry-run] [--force] sync\n"
          "Try 'cognito-mfa --help' for more.\n",
          stderr);
    return EXIT_USAGE;
}

static void syslog_line(void *ud, int priority, const char *line)
{
    syslog(priority, "%s", line);
}

static int exit_code_of(enum pcg_verdict v)
{
    switch (v) {
    case PCG_VERDICT_SUCCESS:
        return EXIT_DONE;
    case PCG_VERDICT_DENIED:
        return EXIT_REFUSED;
    case PCG_VERDICT_UNAVAILABLE:
        return EXIT_UNAVAILABLE;
    case PCG_VERDICT_MISCONFIGURED:
        return EXIT_CONFIG;
    case PCG_VERDICT_CONV_ERR:
    case PCG_VERDICT_INTERNAL:
    default:
        return EXIT_TROUBLE;
    }
}

/* A user name worth sending: no control characters or spaces, not too long. */
static bool plausible_user(const char *user)
{
    size_t n = strlen(user);

    if (n == 0 || n > PCG_CLI_MAX_USER)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)user[i] < 0x21 || user[i] == 0x7f)
            return false;
    return true;
}

static const char *invoking_user(void)
{
    const struct passwd *pw = getpwuid(getuid());

    return pw != NULL ? pw->pw_name : NULL;
}

/*
 * Asks for the password on the terminal and signs user in with the module's
 * flow, then runs after (enrolment or GetUser) with the same tokens and
 * connection. MFA already set up is answered; none is not required.
 */
static int sign_in(const struct pcg_conf *file_conf, const char *command, const char *user,
                   enum pcg_verdict (*after)(struct pcg_login *, void *), void *ctx)
{
    struct pcg_conf conf = *file_conf; /* a shallow copy: the strings stay file_conf's */
    struct pcg_log log = { .emit = syslog_line, .debug = file_conf->debug };
    struct pcg_login_input in = { .pam_user = user,
                                  .after_sign_in = after,
                                  .after_sign_in_ctx = ctx };
    struct pcg_login_result res;
    struct pcg_prompter prompter;
    struct pcg_tty tty;
    char *password = NULL, safe_user[PCG_CLI_MAX_USER + 4];

    conf.require_mfa = false;   /* a user without MFA is who enroll is for */
    conf.single_prompt = false; /* the terminal asks every question on its own */
    if (pcg_tty_open(&tty) != 0) {
        fprintf(stderr,
                "cognito-mfa: no terminal to ask for the password on; run it from an "
                "interactive terminal\n");
        return EXIT_TROUBLE;
    }
    pcg_tty_prompter_init(&prompter, &tty);
    /* Passwordless first factors: the login asks for a password only if a step needs it. */
    if (pcg_conf_password_first(&conf)
        && prompter.ask(prompter.ctx, conf.password_prompt, false, &password) != 0) {
        pcg_tty_close(&tty);
        fprintf(stderr, "cognito-mfa: no password read\n");
        return EXIT_TROUBLE;
    }
    in.password = password;
    openlog("cognito-mfa", LOG_PID, LOG_AUTHPRIV);
    pcg_login_run(&conf, &in, &prompter, &log, &res, NULL);
    pcg_free_secret(password);
    pcg_tty_close(&tty);
    pcg_sanitize(user, safe_user, sizeof(safe_user));
    pcg_log(&log, res.verdict == PCG_VERDICT_SUCCESS ? LOG_INFO : LOG_NOTICE,
            "uid=%u user=%s command=%s outcome=%s reason=%s%s%s", (unsigned)getuid(), safe_user,
            command, res.verdict == PCG_VERDICT_SUCCESS ? "success" : "failure",
            res.reason[0] ? res.reason : "-", res.detail[0] ? " detail=" : "", res.detail);
    closelog();
    if (res.verdict != PCG_VERDICT_SUCCESS)
        fprintf(stderr, "cognito-mfa: %s failed: %s%s%s\n", command,
                res.reason[0] ? res.reason : "refused", res.detail[0] ? ": " : "", res.detail);
    return exit_code_of(res.verdict);
}

static enum pcg_verdict enroll_after_sign_in(struct pcg_login *lg, void *ctx)
{
    bool *replace = ctx;
    enum pcg_verdict v = pcg_enroll_signed_in(lg, *replace);

    /* Tells the caller the account had MFA; reason names why (see totp_enroll.c). */
    *replace = strcmp(lg->result->reason, "already_enrolled") == 0;
    return v;
}

static int cmd_enroll(const struct pcg_conf *conf, const char *user, bool replace)
{
    bool had_mfa = replace;
    int code;

    if (!conf->enroll) {
        fprintf(stderr,
                "cognito-mfa: enrolment is turned off in this configuration "
                "(enroll = no). Ask your administrator.\n");
        return EXIT_CONFIG;
    }
    code = sign_in(conf, "enroll", user, enroll_after_sign_in, &had_mfa);
    if (code == EXIT_REFUSED && had_mfa && !replace)
        fprintf(stderr,
                "cognito-mfa: to replace it with a new authenticator app, run "
                "'cognito-mfa --replace enroll'.\n");
    if (code == EXIT_DONE)
        printf("Authenticator app set up: from now on, sign-ins ask for its code.\n");
    return code;
}

static int cmd_status(const struct pcg_conf *conf, const char *user)
{
    struct pcg_mfa_status status = { 0 };
    int code = sign_in(conf, "status", user, pcg_mfa_status_fetch, &status);

    if (code == EXIT_DONE)
        printf("Cognito user: %s\nMFA methods enabled: %s\nPreferred MFA method: %s\n",
               status.username, status.enabled, status.preferred);
    return code;
}

static int load_conf(struct pcg_conf *conf, const char *path)
{
    char arg[PATH_MAX + sizeof("conf=")], err[512], safe_err[512];
    const char *argv[1] = { arg };

    snprintf(arg, sizeof(arg), "conf=%s", path);
    if (pcg_conf_load(conf, 1, argv, err, sizeof(err)) != PCG_CONF_OK) {
        fprintf(stderr, "cognito-mfa: %s\n", pcg_sanitize(err, safe_err, sizeof(safe_err)));
        return EXIT_CONFIG;
    }
    return EXIT_DONE;
}

/* The config path made absolute (relative to the working directory), as the loader wants it. */
static const char *absolute_path(const char *path, char *buf, size_t len)
{
    char cwd[PATH_MAX];
    int n;

    if (path[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
        return path;
    n = snprintf(buf, len, "%s/%s", strcmp(cwd, "/") == 0 ? "" : cwd, path);
    return n > 0 && (size_t)n < len ? buf : path;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        { "conf", required_argument, NULL, 'c' },
        { "dry-run", no_argument, NULL, 'n' },
        { "force", no_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { "replace", no_argument, NULL, 'r' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *conf_path = PCG_DEFAULT_CONF, *command, *user;
    struct pcg_conf conf;
    char safe[PCG_CLI_MAX_USER + 4], path_buf[PATH_MAX];
    struct pcg_sync_options sync = { false, false };
    bool replace = false;
    int opt, code;

    while ((opt = getopt_long(argc, argv, "c:fhnrV", options, NULL)) != -1) {
        switch (opt) {
        case 'c':
            conf_path = absolute_path(optarg, path_buf, sizeof(path_buf));
            break;
        case 'h':
            fputs(usage_text, stdout);
            return EXIT_DONE;
        case 'r':
            replace = true;
            break;
        case 'n':
            sync.dry_run = true;
            break;
        case 'f':
            sync.force = true;
            break;
        case 'V':
            puts("cognito-mfa (" PACKAGE_NAME ") " PACKAGE_VERSION);
            return EXIT_DONE;
        default:
            return usage_error();
        }
    }
    command = optind < argc ? argv[optind] : NULL;
    user = optind + 1 < argc ? argv[optind + 1] : NULL;
    if (command == NULL || optind + 2 < argc)
        return usage_error();
    if (replace && strcmp(command, "enroll") != 0)
        return usage_error();
    if ((sync.dry_run || sync.force) && strcmp(command, "sync") != 0)
        return usage_error();
    if (strcmp(command, "sync") == 0) {
        if (user != NULL)
            return usage_error();
        pcg_conf_defaults(&conf);
        code = load_conf(&conf, conf_path);
        if (code == EXIT_DONE)
            code = pcg_sync_command(&conf, &sync);
        pcg_conf_free(&conf);
        return code;
    }
    if (strcmp(command, "check") == 0) {
        if (user != NULL)
            return usage_error();
        return pcg_config_check(conf_path) == 0 ? EXIT_DONE : EXIT_REFUSED;
    }
    if (strcmp(command, "enroll") != 0 && strcmp(command, "status") != 0) {
        fprintf(stderr, "cognito-mfa: unknown command '%s'\n",
                pcg_sanitize(command, safe, sizeof(safe)));
        return usage_error();
    }
    if (user == NULL)
        user = invoking_user();
    if (user == NULL || !plausible_user(user)) {
        fprintf(stderr, "cognito-mfa: '%s' is not a user name this tool signs in\n",
                pcg_sanitize(user, safe, sizeof(safe)));
        return EXIT_USAGE;
    }
    pcg_conf_defaults(&conf);
    code = load_conf(&conf, conf_path);
    if (code == EXIT_DONE)
        code = strcmp(command, "enroll") == 0 ? cmd_enroll(&conf, user, replace)
                                              : cmd_status(&conf, user);
    pcg_conf_free(&conf);
    return code;
}

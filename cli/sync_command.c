#include "config.h"

/*
 * cognito-mfa sync: list the synced groups (signed, every page), then under
 * lckpwdf() read the id map and the extrausers files, plan, print the diff
 * and, unless --dry-run, write the map and then the files, each atomically
 * and only when changed. One summary line goes to syslog (LOG_AUTHPRIV).
 */

#include "sync_command.h"

#include <errno.h>
#include <shadow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "accounts/aws_credentials.h"
#include "accounts/directory_list.h"
#include "accounts/id_map.h"
#include "accounts/local_db.h"
#include "accounts/nss_files.h"
#include "accounts/sync_paths.h"
#include "accounts/sync_plan.h"
#include "cognito/cognito_client.h"
#include "flow/login_step.h"
#include "util/log.h"
#include "util/text.h"

#define NSCD_SOCKET "/var/run/nscd/socket"
#define NSCD_PATH "/usr/sbin/nscd"

struct counts {
    size_t added, removed, renamed, skipped, groups_added, groups_removed, members;
};

static void syslog_line(void *ud, int priority, const char *line)
{
    (void)ud;
    syslog(priority, "%s", line);
}

/* Homes are not the sync's: one that exists with another owner is reported, never chowned. */
static void check_home(const char *name, unsigned long uid)
{
    char path[PCG_NSS_PATH_MAX + PCG_LINUX_NAME_SIZE + 2];
    struct stat st;

    snprintf(path, sizeof(path), "%s/%s", PCG_NSS_DEFAULT_HOME_BASE, name);
    if (lstat(path, &st) == 0 && (unsigned long)st.st_uid != uid)
        printf("warning: %s exists and is owned by uid %lu, not %s's %lu: left as it is\n", path,
               (unsigned long)st.st_uid, name, uid);
}

static void print_change(const struct pcg_sync_change *c, struct counts *n)
{
    char name[sizeof(c->name) + 8], detail[sizeof(c->detail) + 8];

    pcg_sanitize(c->name, name, sizeof(name));
    pcg_sanitize(c->detail, detail, sizeof(detail));
    switch (c->kind) {
    case PCG_SYNC_USER_ADDED:
        n->added++;
        printf("+ user %s (uid %lu)\n", name, c->id);
        check_home(name, c->id);
        break;
    case PCG_SYNC_USER_REMOVED:
        n->removed++;
        printf("- user %s (uid %lu)\n", name, c->id);
        break;
    case PCG_SYNC_USER_RENAMED:
        n->renamed++;
        printf("~ user %s (uid %lu, was %s)\n", name, c->id, detail);
        check_home(name, c->id);
        break;
    case PCG_SYNC_USER_SKIPPED:
        n->skipped++;
        /* No name: the attribute username_attribute names is missing or unverified. */
        printf("! user %s skipped: %s\n", name[0] != '\0' ? name : "(no name)", detail);
        break;
    case PCG_SYNC_GROUP_ADDED:
        n->groups_added++;
        printf("+ group %s (gid %lu)\n", name, c->id);
        break;
    case PCG_SYNC_GROUP_REMOVED:
        n->groups_removed++;
        printf("- group %s (gid %lu)\n", name, c->id);
        break;
    case PCG_SYNC_GROUP_SKIPPED:
        printf("! group %s skipped: %s\n", name, detail);
        break;
    case PCG_SYNC_MEMBER_ADDED:
        n->members++;
        printf("+ member %s of %s\n", detail, name);
        break;
    case PCG_SYNC_MEMBER_REMOVED:
        n->members++;
        printf("- member %s of %s\n", detail, name);
        break;
    }
}

/* path is a root-owned directory no one else may write, made 0755 when missing. */
static bool safe_dir(const char *path)
{
    struct stat st;

    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "cognito-mfa: sync: cannot create %s: %s\n", path, strerror(errno));
        return false;
    }
    if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid()
        || (st.st_mode & 022) != 0) {
        fprintf(stderr,
                "cognito-mfa: sync: %s must be a directory owned by root that group and others "
                "cannot write\n",
                path);
        return false;
    }
    return true;
}

/* nscd caches passwd and group: after a change it must forget them. No shell. */
static void tell_nscd(void)
{
    char *const argv[] = { "nscd", "-i", "passwd", "-i", "group", NULL };
    int status;
    pid_t pid;

    if (access(NSCD_SOCKET, F_OK) != 0 || access(NSCD_PATH, X_OK) != 0)
        return;
    pid = fork();
    if (pid == 0) {
        execv(NSCD_PATH, argv);
        _exit(127);
    }
    if (pid > 0)
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
}

static const char *outcome_name(enum pcg_sync_status st)
{
    switch (st) {
    case PCG_SYNC_OK:
        return "ok";
    case PCG_SYNC_PARTIAL:
        return "partial listing";
    case PCG_SYNC_TOO_MANY_REMOVALS:
        return "too many removals";
    case PCG_SYNC_LOOKUP_FAILED:
        return "NSS lookup failed";
    case PCG_SYNC_EXHAUSTED:
        return "no free id left in sync_min_uid..sync_max_uid";
    case PCG_SYNC_BAD_CONFIG:
        return "bad sync configuration";
    case PCG_SYNC_NOMEM:
        return "out of memory";
    }
    return "unknown";
}

static int exit_of_plan(enum pcg_sync_status st)
{
    switch (st) {
    case PCG_SYNC_OK:
        return PCG_SYNC_EXIT_DONE;
    case PCG_SYNC_TOO_MANY_REMOVALS:
        return PCG_SYNC_EXIT_REFUSED;
    case PCG_SYNC_PARTIAL:
        return PCG_SYNC_EXIT_UNAVAILABLE;
    case PCG_SYNC_BAD_CONFIG:
        return PCG_SYNC_EXIT_CONFIG;
    case PCG_SYNC_LOOKUP_FAILED:
    case PCG_SYNC_EXHAUSTED:
    case PCG_SYNC_NOMEM:
        break;
    }
    return PCG_SYNC_EXIT_TROUBLE;
}

/* The listing, by a client signed with the credentials found; exit code. */
static int list_directory(const struct pcg_conf *conf, const struct pcg_log *log,
                          struct pcg_directory *dir)
{
    struct pcg_aws_credentials creds;
    struct pcg_aws_signing signing;
    struct pcg_client_opts copts;
    struct pcg_directory_names names = { .attribute = conf->username_attribute,
                                         .username_template = conf->username,
                                         .uid_attribute = conf->sync_uid_attribute };
    struct pcg_client *client;
    char err[512], safe[512];
    enum pcg_status st;

    *dir = (struct pcg_directory){ 0 };
    if (pcg_aws_credentials_find(NULL, &creds, err, sizeof(err)) != PCG_AWS_CREDENTIALS_OK) {
        fprintf(stderr, "cognito-mfa: sync: %s\n", pcg_sanitize(err, safe, sizeof(safe)));
        return PCG_SYNC_EXIT_CONFIG;
    }
    signing = (struct pcg_aws_signing){ .region = conf->region,
                                        .service = "cognito-idp",
                                        .access_key_id = creds.access_key_id,
                                        .secret_access_key = creds.secret_access_key,
                                        .session_token = creds.session_token };
    copts = pcg_login_client_opts(conf, log);
    copts.signing = &signing;
    copts.max_response = PCG_DIRECTORY_PAGE_MAX_BYTES;
    client = pcg_client_new(&copts);
    pcg_aws_credentials_free(&creds); /* libcurl holds its own (wiped) copies now */
    if (client == NULL) {
        fprintf(stderr, "cognito-mfa: sync: cannot set up the HTTPS client\n");
        return PCG_SYNC_EXIT_TROUBLE;
    }
    st = pcg_directory_list(client, conf->user_pool_id, (const char *const *)conf->sync_groups,
                            conf->n_sync_groups, &names, dir, err, sizeof(err));
    pcg_client_free(client);
    if (st != PCG_OK) {
        fprintf(stderr, "cognito-mfa: sync: %s; nothing written\n",
                pcg_sanitize(err, safe, sizeof(safe)));
        return st == PCG_ERR_INTERNAL ? PCG_SYNC_EXIT_CONFIG : PCG_SYNC_EXIT_UNAVAILABLE;
    }
    return PCG_SYNC_EXIT_DONE;
}

/* Map first: ids it records are never reissued, even when writing a file fails next. */
static int write_plan(const struct pcg_sync_plan *plan, bool *written)
{
    bool w[3] = { false, false, false };
    int e = 0;

    if (!safe_dir(PCG_EXTRAUSERS_DIR))
        return PCG_SYNC_EXIT_TROUBLE;
    if (pcg_id_map_save(PCG_SYNC_MAP_PATH, &plan->map, &w[0], &e) != PCG_ID_MAP_OK) {
        fprintf(stderr, "cognito-mfa: sync: cannot write %s: %s\n", PCG_SYNC_MAP_PATH, strerror(e));
        return PCG_SYNC_EXIT_TROUBLE;
    }
    if ((e = pcg_nss_write(PCG_EXTRAUSERS_PASSWD, plan->passwd, plan->passwd_len, &w[1])) != 0
        || (e = pcg_nss_write(PCG_EXTRAUSERS_GROUP, plan->group, plan->group_len, &w[2])) != 0) {
        fprintf(stderr, "cognito-mfa: sync: cannot write the files in %s: %s\n", PCG_EXTRAUSERS_DIR,
                strerror(e));
        return PCG_SYNC_EXIT_TROUBLE;
    }
    *written = w[0] || w[1] || w[2];
    return PCG_SYNC_EXIT_DONE;
}

/* Under the lock: read, plan, print, write. */
static int plan_and_write(const struct pcg_conf *conf, const struct pcg_sync_options *opts,
                          const struct pcg_sync_listing *listing, struct counts *n,
                          enum pcg_sync_status *outcome, bool *written)
{
    struct pcg_sync_config cfg = {
        .groups = (const char *const *)conf->sync_groups,
        .n_groups = conf->n_sync_groups,
        .group_prefix = conf->sync_group_prefix,
        .range = { (unsigned long)conf->sync_min_uid, (unsigned long)conf->sync_max_uid },
        .shell = PCG_NSS_DEFAULT_SHELL,
        .home_base = PCG_NSS_DEFAULT_HOME_BASE,
        .max_removal_percent = (unsigned)conf->sync_max_removal_percent,
        .force = opts->force,
    };
    struct pcg_id_map map;
    struct pcg_nss_file passwd = { 0 }, group = { 0 };
    struct pcg_sync_plan plan = { 0 };
    enum pcg_id_map_status ms;
    size_t bad_line = 0;
    int e = 0, code = PCG_SYNC_EXIT_TROUBLE;

    pcg_id_map_init(&map);
    ms = pcg_id_map_load(PCG_SYNC_MAP_PATH, &map, &bad_line, &e);
    if (ms == PCG_ID_MAP_OK)
        ms = pcg_id_map_index(&map); /* the planner looks up every listed user in it */
    if (ms != PCG_ID_MAP_OK) {
        if (ms == PCG_ID_MAP_BAD)
            fprintf(stderr, "cognito-mfa: sync: %s line %zu is not in the map's format\n",
                    PCG_SYNC_MAP_PATH, bad_line);
        else
            fprintf(stderr, "cognito-mfa: sync: cannot read %s: %s\n", PCG_SYNC_MAP_PATH,
                    ms == PCG_ID_MAP_IO ? strerror(e) : pcg_id_map_reason(ms));
        code = ms == PCG_ID_MAP_BAD ? PCG_SYNC_EXIT_CONFIG : PCG_SYNC_EXIT_TROUBLE;
        goto out;
    }
    if ((e = pcg_nss_load(PCG_NSS_PASSWD, PCG_EXTRAUSERS_PASSWD, &passwd)) != 0
        || (e = pcg_nss_load(PCG_NSS_GROUP, PCG_EXTRAUSERS_GROUP, &group)) != 0) {
        fprintf(stderr, "cognito-mfa: sync: cannot read %s: %s\n", PCG_EXTRAUSERS_DIR, strerror(e));
        goto out;
    }
    *outcome = pcg_sync_plan_make(listing, &cfg, &map, &passwd, &group, &pcg_local_db_nss, &plan);
    for (size_t i = 0; i < plan.n_changes; i++)
        print_change(&plan.changes[i], n);
    code = exit_of_plan(*outcome);
    if (*outcome == PCG_SYNC_TOO_MANY_REMOVALS)
        fprintf(stderr,
                "cognito-mfa: sync: %zu of %zu accounts would be removed, more than "
                "sync_max_removal_percent (%d%%) allows; nothing written (run with --force "
                "to remove them)\n",
                plan.removed, plan.active_before, conf->sync_max_removal_percent);
    else if (*outcome != PCG_SYNC_OK)
        fprintf(stderr, "cognito-mfa: sync: %s; nothing written\n", outcome_name(*outcome));
    else if (!opts->dry_run)
        code = write_plan(&plan, written);
out:
    pcg_sync_plan_free(&plan);
    pcg_nss_free(&passwd);
    pcg_nss_free(&group);
    pcg_id_map_free(&map);
    return code;
}

/* Synced accounts are meant to sign in through the module: say when its scope leaves them out. */
static void warn_scope(const struct pcg_conf *conf)
{
    if (conf->sync_min_uid < conf->min_uid || conf->sync_max_uid > conf->max_uid)
        fprintf(stderr,
                "cognito-mfa: sync: warning: sync_min_uid..sync_max_uid (%d..%d) is not inside "
                "min_uid..max_uid (%d..%d): some synced accounts will not be the module's\n",
                conf->sync_min_uid, conf->sync_max_uid, conf->min_uid, conf->max_uid);
}

int pcg_sync_command(const struct pcg_conf *conf, const struct pcg_sync_options *opts)
{
    struct pcg_log log = { .emit = syslog_line, .debug = conf->debug };
    struct pcg_directory dir;
    struct counts n = { 0 };
    enum pcg_sync_status outcome = PCG_SYNC_PARTIAL;
    bool written = false, locked = false;
    int code;

    openlog("cognito-mfa", LOG_PID, LOG_AUTHPRIV);
    if (conf->n_sync_groups == 0) {
        fprintf(stderr, "cognito-mfa: sync: sync_groups is not set in %s: nothing to sync\n",
                conf->conf_path != NULL ? conf->conf_path : "the configuration");
        code = PCG_SYNC_EXIT_CONFIG;
        goto out;
    }
    warn_scope(conf);
    if (!opts->dry_run && geteuid() != 0) {
        fprintf(stderr, "cognito-mfa: sync: only root writes the accounts (try --dry-run)\n");
        code = PCG_SYNC_EXIT_TROUBLE;
        goto out;
    }
    code = list_directory(conf, &log, &dir);
    if (code == PCG_SYNC_EXIT_DONE && !opts->dry_run) {
        if (!safe_dir(PCG_SYNC_STATE_DIR))
            code = PCG_SYNC_EXIT_TROUBLE;
        else if (lckpwdf() != 0) {
            fprintf(stderr, "cognito-mfa: sync: cannot lock the account files (lckpwdf)\n");
            code = PCG_SYNC_EXIT_TROUBLE;
        } else
            locked = true;
    }
    if (code == PCG_SYNC_EXIT_DONE)
        code = plan_and_write(conf, opts, &dir.listing, &n, &outcome, &written);
    if (locked)
        ulckpwdf();
    if (written)
        tell_nscd();
    syslog(code == PCG_SYNC_EXIT_DONE ? LOG_INFO : LOG_ERR,
           "sync: outcome=%s%s users=%zu pages=%zu added=%zu removed=%zu renamed=%zu "
           "skipped=%zu groups_added=%zu groups_removed=%zu written=%s exit=%d",
           code == PCG_SYNC_EXIT_DONE ? "ok" : "failure", opts->dry_run ? " dry_run=yes" : "",
           dir.n, dir.pages, n.added, n.removed, n.renamed, n.skipped, n.groups_added,
           n.groups_removed, written ? "yes" : "no", code);
    if (code == PCG_SYNC_EXIT_DONE)
        printf("%s: %zu added, %zu removed, %zu renamed, %zu skipped%s\n",
               opts->dry_run ? "dry run" : "synced", n.added, n.removed, n.renamed, n.skipped,
               opts->dry_run ? "; nothing written"
                             : (written ? "" : "; nothing changed, nothing written"));
    pcg_directory_free(&dir);
out:
    closelog();
    return code;
}

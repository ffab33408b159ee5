#include "config.h"

#include "sync_check.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "accounts/atomic_file.h"
#include "accounts/id_map.h"
#include "accounts/nss_files.h"
#include "accounts/sync_paths.h"

#define ADVICE_NSS                                                                         \
    "Install libnss-extrausers and list it after files in /etc/nsswitch.conf: "            \
    "\"passwd: files extrausers\" and \"group: files extrausers\"; until then the synced " \
    "accounts do not exist for sshd, sudo or the PAM module."
#define ADVICE_MAP                                                                         \
    "The PAM module refuses every login while the map is not root's alone or is damaged. " \
    "Make /var/lib/pam_cognito and its idmap owned by root and not writable by group or "  \
    "others; a damaged map must be restored from a backup (it keeps every uid ever issued)."
#define ADVICE_FILES                                                                      \
    "Run cognito-mfa sync: it writes the files from the map again (a hand edit or a run " \
    "that stopped half-way leaves them apart)."

/* The place of service among the services of an nsswitch value (actions in [] skipped), or -1. */
static int service_place(const char *value, const char *service)
{
    int place = 0;

    for (const char *p = value;;) {
        size_t n;

        p += strspn(p, " \t");
        if (*p == '\0')
            return -1;
        if (*p == '[') {
            p = strchr(p, ']');
            if (p == NULL)
                return -1;
            p++;
            continue;
        }
        n = strcspn(p, " \t[");
        if (n == strlen(service) && strncmp(p, service, n) == 0)
            return place;
        place++;
        p += n;
    }
}

/*
 * Whether the database line of nsswitch (e.g. "passwd") lists extrausers,
 * after files (or compat) when it lists either. Blanks may be spaces or tabs,
 * around the name too; '#' starts a comment.
 */
static bool extrausers_after_files(const char *text, const char *db)
{
    size_t dblen = strlen(db);

    for (const char *line = text; line != NULL && *line != '\0';) {
        const char *end = strchr(line, '\n'), *p = line + strspn(line, " \t");
        size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
        char buf[512];

        if (len < sizeof(buf) && strncmp(p, db, dblen) == 0
            && p[dblen + strspn(p + dblen, " \t")] == ':') {
            int files, compat, extra;

            memcpy(buf, line, len);
            buf[len] = '\0';
            buf[strcspn(buf, "#")] = '\0';
            p = strchr(buf, ':') + 1;
            files = service_place(p, "files");
            compat = service_place(p, "compat");
            extra = service_place(p, "extrausers");
            if (files < 0 || (compat >= 0 && compat < files))
                files = compat;
            return extra >= 0 && files < extra;
        }
        line = end != NULL ? end + 1 : NULL;
    }
    return false;
}

static void check_nss(struct pcg_check_report *r, const char *nsswitch)
{
    char *text = NULL;
    size_t len = 0;
    bool exists = false;
    void *lib;

    if (pcg_atomic_file_read(nsswitch, &text, &len, &exists) != 0 || !exists) {
        pcg_check_problem(r, ADVICE_NSS, "cannot read %s", nsswitch);
        return;
    }
    if (extrausers_after_files(text, "passwd") && extrausers_after_files(text, "group"))
        pcg_check_say("ok", "%s asks extrausers after files for passwd and group", nsswitch);
    else
        pcg_check_problem(r, ADVICE_NSS,
                          "%s does not ask extrausers after files for passwd and group", nsswitch);
    free(text);
    lib = dlopen("libnss_extrausers.so.2", RTLD_LAZY | RTLD_LOCAL);
    if (lib == NULL)
        pcg_check_problem(r, ADVICE_NSS, "libnss_extrausers.so.2 is not installed");
    else
        dlclose(lib);
}

/* The records of kind that are active and have no owned line of their id and name in file. */
static size_t missing_lines(const struct pcg_id_map *map, const struct pcg_nss_file *file,
                            enum pcg_id_kind kind)
{
    size_t missing = 0;

    for (size_t i = 0; i < map->n; i++) {
        const struct pcg_id_record *rec = &map->rec[i];
        struct pcg_nss_line *const *lines;
        bool found = false;
        size_t n;

        if (rec->kind != kind || rec->state != PCG_ID_ACTIVE)
            continue;
        lines = pcg_nss_with_id(file, rec->id, &n);
        for (size_t j = 0; j < n && !found; j++)
            found = lines[j]->owned && strcmp(lines[j]->field[0], rec->name) == 0;
        missing += !found;
    }
    return missing;
}

/* Lines of the sync's whose record is a tombstone: a departed user or group still served. */
static size_t departed_lines(const struct pcg_id_map *map, const struct pcg_nss_file *file)
{
    size_t departed = 0;

    for (size_t j = 0; j < file->n; j++) {
        const struct pcg_id_record *rec =
            file->line[j].owned ? pcg_id_map_find_id(map, file->line[j].id) : NULL;

        departed += rec != NULL && rec->state == PCG_ID_TOMBSTONE;
    }
    return departed;
}

static time_t newest_mtime(const char *const *paths, size_t n)
{
    time_t newest = 0;
    struct stat st;

    for (size_t i = 0; i < n; i++)
        if (stat(paths[i], &st) == 0 && st.st_mtime > newest)
            newest = st.st_mtime;
    return newest;
}

static void check_files(struct pcg_check_report *r, const struct pcg_id_map *map)
{
    static const char *const paths[] = { PCG_SYNC_MAP_PATH, PCG_EXTRAUSERS_PASSWD,
                                         PCG_EXTRAUSERS_GROUP };
    struct pcg_nss_file passwd = { 0 }, group = { 0 };
    size_t missing, departed;
    time_t changed;
    char when[64];

    if (pcg_nss_load(PCG_NSS_PASSWD, PCG_EXTRAUSERS_PASSWD, &passwd) != 0
        || pcg_nss_load(PCG_NSS_GROUP, PCG_EXTRAUSERS_GROUP, &group) != 0) {
        pcg_check_problem(r, ADVICE_FILES, "cannot read %s or %s", PCG_EXTRAUSERS_PASSWD,
                          PCG_EXTRAUSERS_GROUP);
        goto out;
    }
    pcg_nss_mark_owned(&passwd, map);
    pcg_nss_mark_owned(&group, map);
    missing = missing_lines(map, &passwd, PCG_ID_USER) + missing_lines(map, &group, PCG_ID_GROUP);
    departed = departed_lines(map, &passwd) + departed_lines(map, &group);
    if (missing == 0 && departed == 0)
        pcg_check_say("ok", "the extrausers files hold the map's accounts and groups");
    else
        pcg_check_problem(r, ADVICE_FILES,
                          "the extrausers files and the map differ: %zu account(s) or group(s) of "
                          "the map missing, %zu departed one(s) still there",
                          missing, departed);
    changed = newest_mtime(paths, sizeof(paths) / sizeof(paths[0]));
    if (changed != 0 && strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %Z", localtime(&changed)))
        pcg_check_say("info",
                      "the synced accounts last changed at %s (a run that changes nothing "
                      "writes nothing; see the sync's syslog summary for its runs)",
                      when);
out:
    pcg_nss_free(&passwd);
    pcg_nss_free(&group);
}

static void check_map(struct pcg_check_report *r)
{
    struct pcg_id_map map;
    char *text = NULL;
    size_t len = 0, bad_line = 0, users = 0, groups = 0;
    bool exists = false;
    int err;

    err =
        pcg_atomic_file_read_owned(PCG_SYNC_STATE_DIR, PCG_SYNC_MAP_FILE, 0, &text, &len, &exists);
    if (err != 0) {
        pcg_check_problem(r, ADVICE_MAP, "%s is %s", PCG_SYNC_MAP_PATH,
                          err == EPERM ? "not root's alone (or a link)" : "unreadable");
        return;
    }
    if (!exists) {
        pcg_check_say("info", "no sync has run yet (no %s)", PCG_SYNC_MAP_PATH);
        return;
    }
    if (pcg_id_map_parse(text, len, &map, &bad_line) != PCG_ID_MAP_OK) {
        free(text);
        pcg_check_problem(r, ADVICE_MAP, "%s is damaged (line %zu)", PCG_SYNC_MAP_PATH, bad_line);
        return;
    }
    free(text);
    for (size_t i = 0; i < map.n; i++) {
        users += map.rec[i].kind == PCG_ID_USER && map.rec[i].state == PCG_ID_ACTIVE;
        groups += map.rec[i].kind == PCG_ID_GROUP && map.rec[i].state == PCG_ID_ACTIVE;
    }
    pcg_check_say("ok", "%s holds %zu account(s) and %zu group(s)", PCG_SYNC_MAP_PATH, users,
                  groups);
    check_files(r, &map);
    pcg_id_map_free(&map);
}

void pcg_sync_check(struct pcg_check_report *r, const struct pcg_conf *conf, const char *nsswitch)
{
    if (conf->n_sync_groups == 0) {
        pcg_check_say("info", "sync_groups is not set: no accounts come from Cognito");
        return;
    }
    check_nss(r, nsswitch);
    check_map(r);
}

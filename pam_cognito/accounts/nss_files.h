/*
 * The libnss-extrausers files (/var/lib/extrausers/passwd and group): read,
 * told apart (the sync's own lines and everyone else's), rendered and
 * written back atomically. Lines the sync does not own (snapd, adduser
 * --extrausers) are kept byte for byte, in their order, before the sync's
 * own lines, which follow sorted by id.
 *
 * Ownership. A passwd line is the sync's when its GECOS field is exactly
 * "cognito-sub=<sub>" (PCG_NSS_GECOS_MARKER) and the id map holds that sub
 * with that uid. A group line is the sync's when the id map holds its gid
 * under its name (a user's private group: the user's record; a synced group:
 * the group's record). Tombstoned records still own their old lines, which
 * is how a departed user's lines are found and dropped.
 *
 * Fields written: passwd "name:*:uid:uid:cognito-sub=SUB:HOME_BASE/name:SHELL"
 * ('*': no password here, and no shadow lookup; passwords stay in Cognito),
 * group "name:*:gid:m1,m2" with members sorted. Every field is checked
 * (libnss-extrausers stops reading at the first bad line).
 */
#ifndef PCG_NSS_FILES_H
#define PCG_NSS_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "accounts/id_map.h"

#define PCG_NSS_GECOS_MARKER "cognito-sub="
#define PCG_NSS_DEFAULT_SHELL "/bin/bash"
#define PCG_NSS_DEFAULT_HOME_BASE "/home"
#define PCG_NSS_PATH_MAX 256

enum pcg_nss_kind { PCG_NSS_PASSWD, PCG_NSS_GROUP };

struct pcg_nss_line {
    char *raw;        /* the line as read, without its '\n' */
    bool parsed;      /* 7 (passwd) or 4 (group) ':' fields with numeric ids */
    bool owned;       /* set by pcg_nss_mark_owned */
    char *field[7];   /* when parsed: the fields (a private copy of raw, split) */
    unsigned long id; /* when parsed: uid or gid */
};

struct pcg_nss_file {
    enum pcg_nss_kind kind;
    struct pcg_nss_line *line;
    size_t n;
    struct pcg_nss_line **by_name, **by_id; /* the parsed lines, sorted (pcg_nss_named, _with_id) */
    size_t n_parsed;
};

/* One passwd line the sync writes: gid = uid (the private group). */
struct pcg_passwd_entry {
    const char *name, *sub, *home_base, *shell;
    unsigned long uid;
};

/* One group line the sync writes. */
struct pcg_group_entry {
    const char *name;
    unsigned long gid;
    const char *const *members;
    size_t n_members;
};

/* Splits text into lines (a last line without '\n' counts). Returns 0 or ENOMEM. */
int pcg_nss_parse(enum pcg_nss_kind kind, const char *text, size_t len, struct pcg_nss_file *file);

/* Reads path; a missing file is an empty one. Returns 0 or an errno value. */
int pcg_nss_load(enum pcg_nss_kind kind, const char *path, struct pcg_nss_file *file);

void pcg_nss_free(struct pcg_nss_file *file);

/* The parsed lines named name, or with id: *count of them from the array returned (in file order). */
struct pcg_nss_line *const *pcg_nss_named(const struct pcg_nss_file *file, const char *name,
                                          size_t *count);
struct pcg_nss_line *const *pcg_nss_with_id(const struct pcg_nss_file *file, unsigned long id,
                                            size_t *count);

/* Sets each line's owned flag from map (see the header comment). */
void pcg_nss_mark_owned(struct pcg_nss_file *file, const struct pcg_id_map *map);

/*
 * A parsed group line's members, sorted by name (for bsearch with strcmp):
 * *members holds *n names, all in one allocation (free(*members)). 0 or ENOMEM.
 */
int pcg_nss_group_members(const struct pcg_nss_line *line, const char ***members, size_t *n);

/* The sub in a passwd line's GECOS marker, or NULL. */
const char *pcg_nss_passwd_sub(const struct pcg_nss_line *line);

/* Whether path is fit for a home base or a shell: absolute, [A-Za-z0-9/._+-], no "..", < 256 bytes. */
bool pcg_nss_path_valid(const char *path);

/*
 * The new content of the file: current's lines that are not owned, verbatim,
 * then ours sorted by id. EINVAL (and *bad, the index in ours) when an entry
 * has a field that cannot be written or repeats a name or an id of ours;
 * ENOMEM. Returns 0 with *text malloc'd and NUL-terminated.
 */
int pcg_nss_render_passwd(const struct pcg_nss_file *current, const struct pcg_passwd_entry *ours,
                          size_t n, char **text, size_t *len, size_t *bad);
int pcg_nss_render_group(const struct pcg_nss_file *current, const struct pcg_group_entry *ours,
                         size_t n, char **text, size_t *len, size_t *bad);

/* Writes text to path atomically (mode 0644), nothing when unchanged. Returns 0 or an errno value. */
int pcg_nss_write(const char *path, const char *text, size_t len, bool *written);

#endif

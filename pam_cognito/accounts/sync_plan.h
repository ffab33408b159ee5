/*
 * The network-free core of `cognito-mfa sync`: from the listing of the
 * synced Cognito groups, the config, the id map and the current extrausers
 * files, the new map, the new files and the diff. Nothing here writes.
 *
 * Rules: a partial listing (a failed page) plans nothing (PARTIAL). A user
 * is left out (a USER_SKIPPED change says why) when disabled, not CONFIRMED,
 * with an invalid sub or name, when the name or its private group exists on
 * the host other than as the sync's own entry (files, NSS, or a foreign
 * extrausers line), when the private group name is deny-listed, when the
 * name is a synced group's, or when an earlier user of the listing took the
 * name. Its uid is the one recorded for its sub, a validated directory-owned
 * uid (posix_uid), or the next free id. Every previously active user not kept
 * is removed (its record becomes a tombstone). A plan removing more than
 * max(1, active * max_removal_percent / 100) users is TOO_MANY_REMOVALS
 * unless force (default 10%). A failed NSS lookup aborts (LOOKUP_FAILED).
 */
#ifndef PCG_SYNC_PLAN_H
#define PCG_SYNC_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "accounts/id_map.h"
#include "accounts/local_db.h"
#include "accounts/nss_files.h"

#define PCG_SYNC_DEFAULT_MAX_REMOVAL_PERCENT 10

/* One member as ListUsersInGroup lists it; a user in two groups appears twice. */
struct pcg_sync_user {
    const char *sub;
    const char *name; /* the value the Linux name comes from (username or username_attribute) */
    const char *posix_uid; /* the directory-owned uid attribute's value, or NULL */
    const char *status;    /* UserStatus */
    bool enabled;
    const char *group; /* the configured Cognito group it was listed in */
};

struct pcg_sync_listing {
    const struct pcg_sync_user *users;
    size_t n;
    bool complete; /* false when any page of any group failed */
};

struct pcg_sync_config {
    const char *const *groups; /* sync_groups */
    size_t n_groups;
    const char *group_prefix; /* NULL or "" for none */
    struct pcg_id_range range;
    const char *shell, *home_base;
    unsigned max_removal_percent;
    bool force;
};

enum pcg_sync_change_kind {
    PCG_SYNC_USER_ADDED,
    PCG_SYNC_USER_REMOVED,
    PCG_SYNC_USER_RENAMED, /* detail: the old name */
    PCG_SYNC_USER_SKIPPED, /* name: the Cognito value; detail: why */
    PCG_SYNC_GROUP_ADDED,
    PCG_SYNC_GROUP_REMOVED,
    PCG_SYNC_GROUP_SKIPPED, /* name: the Cognito group; detail: why */
    PCG_SYNC_MEMBER_ADDED,  /* name: the group; detail: the member */
    PCG_SYNC_MEMBER_REMOVED,
};

struct pcg_sync_change {
    enum pcg_sync_change_kind kind;
    char name[160];
    char detail[160];
    unsigned long id;
};

enum pcg_sync_status {
    PCG_SYNC_OK = 0,
    PCG_SYNC_PARTIAL,           /* the listing is incomplete: nothing planned */
    PCG_SYNC_TOO_MANY_REMOVALS, /* plan and diff filled, but not to be written without force */
    PCG_SYNC_LOOKUP_FAILED,
    PCG_SYNC_EXHAUSTED, /* no free id left */
    PCG_SYNC_BAD_CONFIG,
    PCG_SYNC_NOMEM,
};

struct pcg_sync_plan {
    struct pcg_id_map map; /* the new map */
    char *passwd, *group;  /* the new files' content */
    size_t passwd_len, group_len;
    struct pcg_sync_change *changes;
    size_t n_changes;
    size_t active_before, active_after, removed;
};

/*
 * passwd and group get their owned flags set from old_map. The planner looks
 * every listed user up in old_map: index it first (pcg_id_map_index) unless
 * it is small. The new map (plan->map) is indexed.
 */
enum pcg_sync_status pcg_sync_plan_make(const struct pcg_sync_listing *listing,
                                        const struct pcg_sync_config *config,
                                        const struct pcg_id_map *old_map,
                                        struct pcg_nss_file *passwd, struct pcg_nss_file *group,
                                        const struct pcg_local_db *db, struct pcg_sync_plan *plan);

void pcg_sync_plan_free(struct pcg_sync_plan *plan);

#endif

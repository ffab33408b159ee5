/*
 * Whether a Cognito group may become a Linux group. sudo and sshd match
 * groups by name after resolving gids, so an extrausers group called "sudo"
 * would make its members sudoers: a group is refused when its name (after the
 * optional sync_group_prefix) is not a valid Linux name, has ':' or ',', is
 * on the deny-list, or exists locally (files or any NSS source, as written and
 * in lower case) other than as the sync's own entry. An existing group whose
 * gid is below 1000 is reported as privileged. The same check (without prefix
 * and separators) guards each user's private group.
 */
#ifndef PCG_GROUP_POLICY_H
#define PCG_GROUP_POLICY_H

#include <stdbool.h>

#include "accounts/linux_name.h"
#include "accounts/local_db.h"

#define PCG_GROUP_SYSTEM_GID_LIMIT 1000 /* an existing group below this is a system group */

enum pcg_group_policy_status {
    PCG_GROUP_POLICY_OK = 0,
    PCG_GROUP_POLICY_SEPARATOR,     /* ':' or ',' in the name: would split the group line */
    PCG_GROUP_POLICY_BAD_NAME,      /* not a valid Linux name (see *name_status) */
    PCG_GROUP_POLICY_DENIED,        /* on the built-in deny-list */
    PCG_GROUP_POLICY_PRIVILEGED,    /* exists locally with a gid below 1000 */
    PCG_GROUP_POLICY_EXISTS,        /* exists locally (files or NSS) */
    PCG_GROUP_POLICY_LOOKUP_FAILED, /* NSS failed: refused, never assumed free */
};

/*
 * Tells whether a local hit is the sync's own entry (the one it wrote last
 * run, served back by libnss-extrausers): such a hit does not block.
 */
typedef bool (*pcg_group_is_own_fn)(void *ctx, const struct pcg_local_hit *hit);

/*
 * Decides for the Cognito group cognito_name with prefix (NULL or "" for
 * none). On PCG_GROUP_POLICY_OK out holds the Linux group name; otherwise out
 * is "". name_status (may be NULL) gets the name check's reason. is_own may
 * be NULL (every hit blocks).
 */
enum pcg_group_policy_status pcg_group_policy_check(const char *cognito_name, const char *prefix,
                                                    const struct pcg_local_db *db,
                                                    pcg_group_is_own_fn is_own, void *own_ctx,
                                                    char out[PCG_LINUX_NAME_SIZE],
                                                    enum pcg_linux_name_status *name_status);

/*
 * The local part of the check for a name already mapped (a user's private
 * group): deny-list, then existence of name and of as_written (NULL or the
 * same when there is no other spelling).
 */
enum pcg_group_policy_status pcg_group_policy_name_free(const char *name, const char *as_written,
                                                        const struct pcg_local_db *db,
                                                        pcg_group_is_own_fn is_own, void *own_ctx);

/* True when name (compared in lower case) is on the built-in deny-list. */
bool pcg_group_policy_denied(const char *name);

/* A short English reason for status. */
const char *pcg_group_policy_reason(enum pcg_group_policy_status status);

#endif

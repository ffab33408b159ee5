/*
 * The listing `cognito-mfa sync` plans from: every member of each synced
 * Cognito group, by ListUsersInGroup (Limit 60, NextToken followed until
 * absent, never stopping at a short page), through a SigV4-signed client.
 * Any failed or malformed page of any group makes the listing incomplete
 * (sync_plan.h: PARTIAL), so a run never removes accounts it merely failed
 * to see. Every string of the answer is hostile: capped, checked, copied.
 */
#ifndef PCG_DIRECTORY_LIST_H
#define PCG_DIRECTORY_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "accounts/sync_plan.h"
#include "cognito/cognito_client.h"
#include "conf/conf_values.h"

#define PCG_DIRECTORY_PAGE_LIMIT 60        /* ListUsersInGroup's largest Limit */
#define PCG_DIRECTORY_MAX_USERS 200000     /* memberships listed in one run, at most */
#define PCG_DIRECTORY_VALUE_MAX 2048       /* a longer attribute value counts as absent */
#define PCG_DIRECTORY_NEXT_TOKEN_MAX 16384 /* a longer NextToken fails the page */
/* A page of 60 users with all their attributes: far more than a login's answer. */
#define PCG_DIRECTORY_PAGE_MAX_BYTES (2u * 1024 * 1024)

/* How each member's Linux name is found: the module's own mapping. */
struct pcg_directory_names {
    enum pcg_username_attribute attribute; /* Username, or the verified attribute */
    const char *username_template;         /* "%u", or a prefix and suffix around one %u */
    const char *uid_attribute;             /* NULL, or e.g. "custom:posix_uid" */
};

struct pcg_directory {
    struct pcg_sync_user *users; /* listing.users points here */
    size_t n, cap;
    char **strings; /* every string users point to */
    size_t n_strings, cap_strings;
    size_t pages; /* ListUsersInGroup calls that succeeded */
    struct pcg_sync_listing listing;
};

/*
 * Lists groups[0..n_groups) of pool_id. Returns PCG_OK with dir->listing
 * complete, or the status of the page that failed (err says which group and
 * why) with dir->listing.complete false. dir is initialised by this call;
 * free it with pcg_directory_free either way.
 */
enum pcg_status pcg_directory_list(struct pcg_client *client, const char *pool_id,
                                   const char *const *groups, size_t n_groups,
                                   const struct pcg_directory_names *names,
                                   struct pcg_directory *dir, char *err, size_t errlen);

void pcg_directory_free(struct pcg_directory *dir);

/*
 * The Cognito value a PAM user name came from, taken back through a
 * username template: "%u" gives value itself; "corp-%u" gives "alice" for
 * "corp-alice" and NULL for anything without the prefix. A template with
 * other than exactly one %u (and %% for '%') is unsupported: *unsupported
 * is set and NULL returned. The result points into out (size outlen).
 */
const char *pcg_directory_unexpand(const char *template, const char *value, char *out,
                                   size_t outlen, bool *unsupported);

#endif

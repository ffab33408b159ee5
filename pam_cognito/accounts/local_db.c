#include "config.h"

#include "accounts/local_db.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define BUF_START 4096
#define BUF_MAX (1024 * 1024)

enum which { USER_NAME, USER_ID, GROUP_NAME, GROUP_ID };

static void fill(struct pcg_local_hit *hit, const char *name, unsigned long id)
{
    if (hit == NULL)
        return;
    snprintf(hit->name, sizeof(hit->name), "%s", name);
    hit->id = id;
}

static int lookup(enum which which, const char *name, unsigned long id, struct pcg_local_hit *hit)
{
    size_t size = BUF_START;

    for (;;) {
        char *buf = malloc(size);
        struct passwd pw, *pwp = NULL;
        struct group gr, *grp = NULL;
        int rc, found;

        if (buf == NULL)
            return -1;
        switch (which) {
        case USER_NAME:
            rc = getpwnam_r(name, &pw, buf, size, &pwp);
            break;
        case USER_ID:
            rc = getpwuid_r((uid_t)id, &pw, buf, size, &pwp);
            break;
        case GROUP_NAME:
            rc = getgrnam_r(name, &gr, buf, size, &grp);
            break;
        default:
            rc = getgrgid_r((gid_t)id, &gr, buf, size, &grp);
            break;
        }
        found = pwp != NULL || grp != NULL;
        if (pwp != NULL)
            fill(hit, pwp->pw_name, pwp->pw_uid);
        if (grp != NULL)
            fill(hit, grp->gr_name, grp->gr_gid);
        free(buf);
        if (found)
            return 1;
        if (rc == ERANGE && size < BUF_MAX) {
            size *= 2;
            continue;
        }
        /* glibc says "no such entry" with 0; ENOENT and ESRCH are also "absent" (getpwnam_r(3)).
         * Anything else (EIO, EMFILE, EPERM, ...) is a failure: the caller must not claim the name. */
        return rc == 0 || rc == ENOENT || rc == ESRCH ? 0 : -1;
    }
}

static int user_by_name(void *ctx, const char *name, struct pcg_local_hit *hit)
{
    return lookup(USER_NAME, name, 0, hit);
}

static int user_by_id(void *ctx, unsigned long uid, struct pcg_local_hit *hit)
{
    return lookup(USER_ID, NULL, uid, hit);
}

static int group_by_name(void *ctx, const char *name, struct pcg_local_hit *hit)
{
    return lookup(GROUP_NAME, name, 0, hit);
}

static int group_by_id(void *ctx, unsigned long gid, struct pcg_local_hit *hit)
{
    return lookup(GROUP_ID, NULL, gid, hit);
}

const struct pcg_local_db pcg_local_db_nss = {
    .user_by_name = user_by_name,
    .user_by_id = user_by_id,
    .group_by_name = group_by_name,
    .group_by_id = group_by_id,
    .ctx = NULL,
};

#include "config.h"

#include "pam/local_scope.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOBODY_UID ((uid_t)65534)

/* getgrnam_r's buffer grows up to this for groups with very many members. */
#define GROUP_BUF_MAX (1024 * 1024)

bool pcg_group_has_member(const struct group *gr, const char *user, gid_t gid)
{
    if (gr == NULL || user == NULL)
        return false;
    if (gr->gr_gid == gid)
        return true;
    for (char **m = gr->gr_mem; m != NULL && *m != NULL; m++)
        if (strcmp(*m, user) == 0)
            return true;
    return false;
}

/* getgrnam_r, thread-safe: PAM may run in several threads of one process. */
static enum pcg_scope in_group(const char *name, const char *user, gid_t gid, char *why,
                               size_t whylen)
{
    enum pcg_scope st = PCG_SCOPE_ERROR;
    struct group gr, *found = NULL;
    size_t len = 4096;
    char *buf = NULL;
    int rc;

    for (;;) {
        char *bigger = realloc(buf, len);

        if (bigger == NULL) {
            snprintf(why, whylen, "out of memory looking up local_group");
            goto out;
        }
        buf = bigger;
        rc = getgrnam_r(name, &gr, buf, len, &found);
        if (rc != ERANGE || len >= GROUP_BUF_MAX)
            break;
        len *= 2;
    }
    /* Some NSS modules (nss_wrapper) say "not found" with ENOENT or ESRCH. */
    if (rc != 0 && rc != ENOENT && rc != ESRCH) {
        char errtext[128];

        /* GNU strerror_r: reentrant, returns the text (maybe not in errtext). */
        snprintf(why, whylen, "local_group %s cannot be looked up: %s", name,
                 strerror_r(rc, errtext, sizeof(errtext)));
        goto out;
    }
    if (found == NULL) {
        snprintf(why, whylen, "local_group %s does not exist", name);
        goto out;
    }
    if (pcg_group_has_member(found, user, gid)) {
        st = PCG_SCOPE_OURS;
    } else {
        st = PCG_SCOPE_NOT_OURS;
        snprintf(why, whylen, "not in local_group %s", name);
    }
out:
    free(buf);
    return st;
}

enum pcg_scope pcg_local_scope(const struct pcg_conf *c, const char *user, uid_t uid, gid_t gid,
                               char *why, size_t whylen)
{
    if (whylen > 0)
        why[0] = '\0';
    /* min_uid >= 1 by the config check; root is excluded even from a hand-filled struct. */
    if (uid == 0 || uid < (uid_t)(c->min_uid > 0 ? c->min_uid : 1)) {
        snprintf(why, whylen, "uid below min_uid %d", c->min_uid);
        return PCG_SCOPE_NOT_OURS;
    }
    if (c->max_uid > 0 && uid > (uid_t)c->max_uid) {
        snprintf(why, whylen, "uid above max_uid %d", c->max_uid);
        return PCG_SCOPE_NOT_OURS;
    }
    /* nobody, the 16-bit "no id" and (uid_t)-1 are never a person, whatever max_uid says. */
    if (uid == NOBODY_UID || uid == (uid_t)UINT16_MAX || uid == (uid_t)-1) {
        snprintf(why, whylen, "uid %lu is reserved (nobody)", (unsigned long)uid);
        return PCG_SCOPE_NOT_OURS;
    }
    if (c->local_group == NULL)
        return PCG_SCOPE_OURS;
    return in_group(c->local_group, user, gid, why, whylen);
}

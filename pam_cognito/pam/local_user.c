#include "config.h"

#include "pam/local_user.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

/* Large enough for any sane passwd line; the buffer grows up to this on ERANGE. */
#define PCG_PW_BUF_MAX (1024 * 1024)

bool pcg_local_user_lookup(const char *name, uid_t *uid, gid_t *gid)
{
    struct passwd pw, *found = NULL;
    long hint = sysconf(_SC_GETPW_R_SIZE_MAX);
    size_t size = hint > 0 && hint <= PCG_PW_BUF_MAX ? (size_t)hint : 4096;
    char *buf = NULL;
    int rc;

    for (;;) {
        buf = malloc(size);
        if (buf == NULL)
            break;
        rc = getpwnam_r(name, &pw, buf, size, &found);
        if (rc != ERANGE || size >= PCG_PW_BUF_MAX)
            break;
        free(buf);
        buf = NULL;
        found = NULL;
        size *= 2;
    }
    if (found != NULL && uid != NULL)
        *uid = found->pw_uid;
    if (found != NULL && gid != NULL)
        *gid = found->pw_gid;
    free(buf);
    return found != NULL;
}

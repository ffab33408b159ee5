#include "config.h"

#include "accounts/group_policy.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Groups that grant local privilege by name on Debian, Ubuntu, RHEL and their derivatives. */
static const char *const denied[] = {
    "root",  "wheel",   "sudo", "admin",           "adm",     "shadow", "disk",  "docker",
    "lxd",   "libvirt", "kvm",  "systemd-journal", "lpadmin", "staff",  "video", "render",
    "input", "audio",   "tty",  "dialout",         "kmem",
};

bool pcg_group_policy_denied(const char *name)
{
    for (size_t i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
        if (strcasecmp(name, denied[i]) == 0)
            return true;
    return false;
}

static enum pcg_group_policy_status exists(const char *name, const struct pcg_local_db *db,
                                           pcg_group_is_own_fn is_own, void *own_ctx)
{
    struct pcg_local_hit hit;
    int rc = db->group_by_name(db->ctx, name, &hit);

    if (rc < 0)
        return PCG_GROUP_POLICY_LOOKUP_FAILED;
    if (rc == 0)
        return PCG_GROUP_POLICY_OK;
    if (hit.id < PCG_GROUP_SYSTEM_GID_LIMIT)
        return PCG_GROUP_POLICY_PRIVILEGED;
    if (is_own != NULL && is_own(own_ctx, &hit))
        return PCG_GROUP_POLICY_OK;
    return PCG_GROUP_POLICY_EXISTS;
}

enum pcg_group_policy_status pcg_group_policy_name_free(const char *name, const char *as_written,
                                                        const struct pcg_local_db *db,
                                                        pcg_group_is_own_fn is_own, void *own_ctx)
{
    enum pcg_group_policy_status st;

    if (pcg_group_policy_denied(name)
        || (as_written != NULL && pcg_group_policy_denied(as_written)))
        return PCG_GROUP_POLICY_DENIED;
    st = exists(name, db, is_own, own_ctx);
    if (st == PCG_GROUP_POLICY_OK && as_written != NULL && strcmp(as_written, name) != 0)
        st = exists(as_written, db, is_own, own_ctx);
    return st;
}

enum pcg_group_policy_status pcg_group_policy_check(const char *cognito_name, const char *prefix,
                                                    const struct pcg_local_db *db,
                                                    pcg_group_is_own_fn is_own, void *own_ctx,
                                                    char out[PCG_LINUX_NAME_SIZE],
                                                    enum pcg_linux_name_status *name_status)
{
    char joined[2 * PCG_LINUX_NAME_SIZE + 1], name[PCG_LINUX_NAME_SIZE];
    enum pcg_linux_name_status ns = PCG_LINUX_NAME_EMPTY;
    enum pcg_group_policy_status st;
    int len;

    out[0] = '\0';
    if (name_status != NULL)
        *name_status = PCG_LINUX_NAME_OK;
    if (cognito_name == NULL)
        cognito_name = "";
    if (prefix == NULL)
        prefix = "";
    if (strpbrk(cognito_name, ":,") != NULL || strpbrk(prefix, ":,") != NULL)
        return PCG_GROUP_POLICY_SEPARATOR;
    len = snprintf(joined, sizeof(joined), "%s%s", prefix, cognito_name);
    if (cognito_name[0] == '\0')
        ns = PCG_LINUX_NAME_EMPTY;
    else if (len < 0 || (size_t)len >= sizeof(joined))
        ns = PCG_LINUX_NAME_TOO_LONG;
    else
        ns = pcg_linux_name_map(joined, name);
    if (name_status != NULL)
        *name_status = ns;
    if (ns != PCG_LINUX_NAME_OK)
        return PCG_GROUP_POLICY_BAD_NAME;
    st = pcg_group_policy_name_free(name, joined, db, is_own, own_ctx);
    if (st == PCG_GROUP_POLICY_OK)
        memcpy(out, name, sizeof(name));
    return st;
}

const char *pcg_group_policy_reason(enum pcg_group_policy_status status)
{
    switch (status) {
    case PCG_GROUP_POLICY_OK:
        return "allowed";
    case PCG_GROUP_POLICY_SEPARATOR:
        return "has ':' or ','";
    case PCG_GROUP_POLICY_BAD_NAME:
        return "is not a valid Linux group name";
    case PCG_GROUP_POLICY_DENIED:
        return "is a privileged group name (deny-list)";
    case PCG_GROUP_POLICY_PRIVILEGED:
        return "is a local system group (gid below 1000)";
    case PCG_GROUP_POLICY_EXISTS:
        return "exists locally";
    case PCG_GROUP_POLICY_LOOKUP_FAILED:
        return "could not be looked up";
    }
    return "refused";
}

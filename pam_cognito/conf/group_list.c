#include "config.h"

/*
 * The config's lists of Cognito group names (groups, sync_groups): a comma
 * list, blanks around names trimmed, each name checked, at most
 * PCG_MAX_GROUPS. A bad list leaves the previous one in place. A name given
 * twice is refused where it would be acted on twice (sync_groups). err
 * (errlen > 0) gets the reason.
 */

#include "conf/conf_parse.h"

#include "conf/conf_values.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pcg_conf_group_list_free(char **groups, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(groups[i]);
        groups[i] = NULL;
    }
}

enum pcg_conf_status pcg_conf_group_list_set(char **groups, size_t *n_groups, const char *key,
                                             const char *v, bool refuse_repeats, char *err,
                                             size_t errlen)
{
    char *list[PCG_MAX_GROUPS + 1] = { NULL };
    size_t n = 0;
    enum pcg_conf_status st = PCG_CONF_ERR;
    const char *p = v;

    if (err == NULL)
        errlen = 0; /* snprintf(NULL, 0, ...) only measures */
    for (;;) {
        size_t len = strcspn(p, ",");
        const char *start = p, *end = p + len, *why;

        while (start < end && (*start == ' ' || *start == '\t'))
            start++;
        while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        if (start == end) {
            snprintf(err, errlen,
                     "%s: a group name is empty (look for a doubled or trailing comma)", key);
            goto out;
        }
        if (n == PCG_MAX_GROUPS) {
            snprintf(err, errlen, "%s: more than %d groups", key, PCG_MAX_GROUPS);
            goto out;
        }
        why = pcg_check_group(start, (size_t)(end - start));
        if (why != NULL) {
            snprintf(err, errlen, "%s: %s", key, why);
            goto out;
        }
        for (size_t i = 0; refuse_repeats && i < n; i++) {
            if (strlen(list[i]) == (size_t)(end - start)
                && memcmp(list[i], start, (size_t)(end - start)) == 0) {
                snprintf(err, errlen, "%s: a group is named twice", key);
                goto out;
            }
        }
        list[n] = strndup(start, (size_t)(end - start));
        if (list[n] == NULL) {
            st = PCG_CONF_NOMEM;
            snprintf(err, errlen, "out of memory");
            goto out;
        }
        n++;
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    pcg_conf_group_list_free(groups, *n_groups);
    memcpy(groups, list, sizeof(list));
    *n_groups = n;
    n = 0;
    st = PCG_CONF_OK;
out:
    pcg_conf_group_list_free(list, n);
    return st;
}

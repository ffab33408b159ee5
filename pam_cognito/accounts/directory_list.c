#include "config.h"

#include "accounts/directory_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cognito/json_util.h"

#define ATTRIBUTE_NAME_MAX 64

void pcg_directory_free(struct pcg_directory *dir)
{
    if (dir == NULL)
        return;
    for (size_t i = 0; i < dir->n_strings; i++)
        free(dir->strings[i]);
    free(dir->strings);
    free(dir->users);
    *dir = (struct pcg_directory){ 0 };
}

/* A copy of s kept by dir, or NULL without memory. */
static const char *keep(struct pcg_directory *dir, const char *s)
{
    char *copy;

    if (dir->n_strings == dir->cap_strings) {
        size_t cap = dir->cap_strings ? dir->cap_strings * 2 : 256;
        char **grown = realloc(dir->strings, cap * sizeof(*grown));

        if (grown == NULL)
            return NULL;
        dir->strings = grown;
        dir->cap_strings = cap;
    }
    copy = strdup(s);
    if (copy != NULL)
        dir->strings[dir->n_strings++] = copy;
    return copy;
}

static struct pcg_sync_user *add_user(struct pcg_directory *dir)
{
    if (dir->n == dir->cap) {
        size_t cap = dir->cap ? dir->cap * 2 : 64;
        struct pcg_sync_user *grown = realloc(dir->users, cap * sizeof(*grown));

        if (grown == NULL)
            return NULL;
        dir->users = grown;
        dir->cap = cap;
    }
    dir->users[dir->n] = (struct pcg_sync_user){ 0 };
    return &dir->users[dir->n++];
}

const char *pcg_directory_unexpand(const char *template, const char *value, char *out,
                                   size_t outlen, bool *unsupported)
{
    char prefix[PCG_USERNAME_MAX + 1], suffix[PCG_USERNAME_MAX + 1];
    size_t np = 0, ns = 0, vlen = value != NULL ? strlen(value) : 0;
    int seen = 0;

    *unsupported = false;
    for (const char *p = template; *p != '\0'; p++) {
        char ch = *p;

        if (p[0] == '%' && p[1] == 'u') {
            if (seen++ > 0)
                break;
            p++;
            continue;
        }
        if (p[0] == '%' && p[1] == '%')
            p++;
        else if (p[0] == '%')
            seen = 2; /* a lone '%': not a template this inverse knows */
        if (seen > 1 || (seen ? ns : np) >= PCG_USERNAME_MAX) {
            seen = 2;
            break;
        }
        if (seen)
            suffix[ns++] = ch;
        else
            prefix[np++] = ch;
    }
    if (seen != 1) {
        *unsupported = true;
        return NULL;
    }
    if (vlen < np + ns || memcmp(value, prefix, np) != 0
        || memcmp(value + vlen - ns, suffix, ns) != 0 || vlen - np - ns >= outlen)
        return NULL;
    memcpy(out, value + np, vlen - np - ns);
    out[vlen - np - ns] = '\0';
    return out;
}

/* The value of Attributes[].Name == name (a string of at most VALUE_MAX bytes), or NULL. */
static const char *attribute(struct json_object *attrs, const char *name)
{
    size_t n = json_object_array_length(attrs);

    for (size_t i = 0; i < n; i++) {
        struct json_object *a = json_object_array_get_idx(attrs, i);
        const char *an = pcg_json_get_string(a, "Name"), *v = pcg_json_get_string(a, "Value");

        if (an != NULL && v != NULL && strcmp(an, name) == 0)
            return strlen(v) <= PCG_DIRECTORY_VALUE_MAX ? v : NULL;
    }
    return NULL;
}

/* The value the Linux name comes from: Username, or the verified attribute. */
static const char *name_value(struct json_object *u, struct json_object *attrs,
                              enum pcg_username_attribute how)
{
    const char *v, *verified;

    switch (how) {
    case PCG_USERATTR_EMAIL:
        v = attribute(attrs, "email");
        verified = attribute(attrs, "email_verified");
        return verified != NULL && strcmp(verified, "true") == 0 ? v : NULL;
    case PCG_USERATTR_PHONE_NUMBER:
        v = attribute(attrs, "phone_number");
        verified = attribute(attrs, "phone_number_verified");
        return verified != NULL && strcmp(verified, "true") == 0 ? v : NULL;
    case PCG_USERATTR_PREFERRED:
        return attribute(attrs, "preferred_username");
    case PCG_USERATTR_USERNAME:
        break;
    }
    v = pcg_json_get_string(u, "Username");
    return v != NULL && strlen(v) <= PCG_DIRECTORY_VALUE_MAX ? v : NULL;
}

/* One member of group; false only without memory. Unusable fields become "" (the plan skips). */
static bool take_user(struct pcg_directory *dir, struct json_object *u, const char *group,
                      const struct pcg_directory_names *names)
{
    struct json_object *attrs = NULL, *enabled = NULL;
    char unexpanded[PCG_USERNAME_MAX + 1];
    const char *sub, *value, *status, *uid = NULL, *name = NULL;
    struct pcg_sync_user *su;
    bool unsupported;

    if (!json_object_object_get_ex(u, "Attributes", &attrs)
        || !json_object_is_type(attrs, json_type_array))
        attrs = NULL;
    sub = attrs != NULL ? attribute(attrs, "sub") : NULL;
    value = attrs != NULL ? name_value(u, attrs, names->attribute) : NULL;
    if (value != NULL)
        name = pcg_directory_unexpand(names->username_template, value, unexpanded,
                                      sizeof(unexpanded), &unsupported);
    if (attrs != NULL && names->uid_attribute != NULL)
        uid = attribute(attrs, names->uid_attribute);
    status = pcg_json_get_string(u, "UserStatus");
    if ((su = add_user(dir)) == NULL)
        return false;
    su->sub = keep(dir, sub != NULL ? sub : "");
    su->name = keep(dir, name != NULL ? name : "");
    su->posix_uid = uid != NULL ? keep(dir, uid) : NULL;
    su->status = keep(dir, status != NULL && strlen(status) < 64 ? status : "");
    su->group = group;
    su->enabled = json_object_object_get_ex(u, "Enabled", &enabled)
        && json_object_is_type(enabled, json_type_boolean) && json_object_get_boolean(enabled);
    return su->sub != NULL && su->name != NULL && su->status != NULL
        && (uid == NULL || su->posix_uid != NULL);
}

static enum pcg_status fail(char *err, size_t errlen, const char *group, const char *why)
{
    if (err != NULL && errlen > 0)
        snprintf(err, errlen, "ListUsersInGroup %.*s: %s", PCG_GROUP_MAX, group, why);
    return PCG_ERR_RESPONSE;
}

/* One page's Users and NextToken; *next is NULL when the group is done. */
static enum pcg_status take_page(struct pcg_directory *dir, struct json_object *page,
                                 const char *group, const struct pcg_directory_names *names,
                                 const char **next, char *err, size_t errlen)
{
    struct json_object *users = NULL, *token = NULL;
    size_t n;

    *next = NULL;
    if (!json_object_object_get_ex(page, "Users", &users)
        || !json_object_is_type(users, json_type_array))
        return fail(err, errlen, group, "the answer has no Users list");
    n = json_object_array_length(users);
    if (n > PCG_DIRECTORY_PAGE_LIMIT)
        return fail(err, errlen, group, "a page holds more users than the Limit asked");
    if (dir->n + n > PCG_DIRECTORY_MAX_USERS)
        return fail(err, errlen, group, "more members than the sync lists in one run");
    for (size_t i = 0; i < n; i++) {
        struct json_object *u = json_object_array_get_idx(users, i);

        if (!json_object_is_type(u, json_type_object))
            return fail(err, errlen, group, "a user is not an object");
        if (!take_user(dir, u, group, names)) {
            snprintf(err, errlen, "out of memory");
            return PCG_ERR_NOMEM;
        }
    }
    if (json_object_object_get_ex(page, "NextToken", &token)
        && !json_object_is_type(token, json_type_null)) {
        const char *t = json_object_get_string(token);

        if (!json_object_is_type(token, json_type_string) || t[0] == '\0'
            || strlen(t) > PCG_DIRECTORY_NEXT_TOKEN_MAX)
            return fail(err, errlen, group, "the NextToken is not a usable string");
        *next = t;
    }
    return PCG_OK;
}

static struct json_object *page_request(const char *pool_id, const char *group, const char *token)
{
    struct json_object *req = json_object_new_object();

    if (req == NULL || pcg_json_add_string(req, "UserPoolId", pool_id) != 0
        || pcg_json_add_string(req, "GroupName", group) != 0
        || json_object_object_add(req, "Limit", json_object_new_int(PCG_DIRECTORY_PAGE_LIMIT)) != 0
        || (token != NULL && pcg_json_add_string(req, "NextToken", token) != 0)) {
        json_object_put(req);
        return NULL;
    }
    return req;
}

/* Every page of one group. */
static enum pcg_status list_group(struct pcg_client *client, const char *pool_id, const char *group,
                                  const struct pcg_directory_names *names,
                                  struct pcg_directory *dir, char *err, size_t errlen)
{
    char *token = NULL;
    enum pcg_status st;

    for (;;) {
        struct json_object *req = page_request(pool_id, group, token), *page = NULL;
        struct pcg_api_error aerr;
        const char *next = NULL;

        free(token);
        token = NULL;
        if (req == NULL) {
            snprintf(err, errlen, "out of memory");
            return PCG_ERR_NOMEM;
        }
        pcg_client_renew_budget(client);
        st = pcg_client_call(client, "ListUsersInGroup", req, &page, &aerr);
        json_object_put(req);
        if (st != PCG_OK) {
            snprintf(err, errlen, "ListUsersInGroup %.*s: %s%s%s%s%s", PCG_GROUP_MAX, group,
                     pcg_status_str(st), aerr.type[0] ? ": " : "", aerr.type,
                     aerr.message[0] ? ": " : "", aerr.message);
            return st;
        }
        dir->pages++;
        st = take_page(dir, page, group, names, &next, err, errlen);
        if (st == PCG_OK && next != NULL && (token = strdup(next)) == NULL) {
            snprintf(err, errlen, "out of memory");
            st = PCG_ERR_NOMEM;
        }
        json_object_put(page);
        if (st != PCG_OK || token == NULL)
            return st;
    }
}

enum pcg_status pcg_directory_list(struct pcg_client *client, const char *pool_id,
                                   const char *const *groups, size_t n_groups,
                                   const struct pcg_directory_names *names,
                                   struct pcg_directory *dir, char *err, size_t errlen)
{
    enum pcg_status st = PCG_OK;
    char probe[2];
    bool unsupported;

    *dir = (struct pcg_directory){ 0 };
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    pcg_directory_unexpand(names->username_template, "", probe, sizeof(probe), &unsupported);
    if (unsupported) {
        snprintf(err, errlen,
                 "the username template is not one the sync can reverse (one %%u, with an "
                 "optional prefix and suffix)");
        st = PCG_ERR_INTERNAL;
    }
    for (size_t g = 0; st == PCG_OK && g < n_groups; g++) {
        const char *group = keep(dir, groups[g]);

        st = group != NULL ? list_group(client, pool_id, group, names, dir, err, errlen)
                           : PCG_ERR_NOMEM;
    }
    dir->listing =
        (struct pcg_sync_listing){ .users = dir->users, .n = dir->n, .complete = st == PCG_OK };
    return st;
}

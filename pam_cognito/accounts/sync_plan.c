#include "config.h"

#include "accounts/sync_plan.h"

#include "accounts/group_policy.h"
#include "accounts/linux_name.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct files {
    const struct pcg_nss_file *passwd, *group;
};

struct kept {
    char name[PCG_LINUX_NAME_SIZE];
    unsigned long uid;
    const char *sub;
    size_t first; /* index of its first listing entry */
};

struct sync_group {
    const char *cognito;
    char name[PCG_LINUX_NAME_SIZE];
    bool allowed;
    unsigned long gid;
};

/* Whether hit is a line of f the sync owns (served back by libnss-extrausers). */
static bool own_in(const struct pcg_nss_file *f, const struct pcg_local_hit *hit)
{
    size_t n = 0;
    struct pcg_nss_line *const *named = f != NULL ? pcg_nss_named(f, hit->name, &n) : NULL;

    for (size_t i = 0; i < n; i++)
        if (named[i]->owned && named[i]->id == hit->id)
            return true;
    return false;
}

static bool own_group(void *ctx, const struct pcg_local_hit *hit)
{
    return own_in(((const struct files *)ctx)->group, hit);
}

/* Whether a line of lines[0..n) is foreign (not owned). */
static bool any_foreign(struct pcg_nss_line *const *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!lines[i]->owned)
            return true;
    return false;
}

/* A foreign (not owned) line of f with this name or id. */
static bool foreign_clash(const struct pcg_nss_file *f, const char *name, unsigned long id)
{
    struct pcg_nss_line *const *lines;
    size_t n;

    if (f == NULL)
        return false;
    lines = pcg_nss_named(f, name, &n);
    if (any_foreign(lines, n))
        return true;
    lines = pcg_nss_with_id(f, id, &n);
    return any_foreign(lines, n);
}

static bool add_change(struct pcg_sync_plan *plan, enum pcg_sync_change_kind kind, const char *name,
                       const char *detail, unsigned long id)
{
    struct pcg_sync_change *c;

    if ((plan->n_changes & (plan->n_changes + 1)) == 0 || plan->changes == NULL) {
        size_t cap = (plan->n_changes + 1) * 2;
        struct pcg_sync_change *bigger = realloc(plan->changes, cap * sizeof(*bigger));

        if (bigger == NULL)
            return false;
        plan->changes = bigger;
    }
    c = &plan->changes[plan->n_changes++];
    c->kind = kind;
    snprintf(c->name, sizeof(c->name), "%s", name != NULL ? name : "");
    snprintf(c->detail, sizeof(c->detail), "%s", detail != NULL ? detail : "");
    c->id = id;
    return true;
}

static bool parse_uid(const char *s, unsigned long *id)
{
    return s != NULL && pcg_id_parse(s, strlen(s), PCG_ID_MAP_LIMIT, id);
}

/* What a failed allocation means for the whole run. */
static enum pcg_sync_status allocation_failed(enum pcg_id_map_status ms)
{
    if (ms == PCG_ID_MAP_LOOKUP_FAILED)
        return PCG_SYNC_LOOKUP_FAILED;
    if (ms == PCG_ID_MAP_EXHAUSTED)
        return PCG_SYNC_EXHAUSTED;
    return PCG_SYNC_NOMEM;
}

static const char *sub_of(const struct pcg_sync_user *u)
{
    return u->sub != NULL ? u->sub : "";
}

/* Listing entries ordered by (sub, group): membership by binary search, not a scan per user. */
static int by_sub_group(const void *a, const void *b)
{
    const struct pcg_sync_user *x = *(const struct pcg_sync_user *const *)a;
    const struct pcg_sync_user *y = *(const struct pcg_sync_user *const *)b;
    int c = strcmp(sub_of(x), sub_of(y));

    return c != 0 ? c : strcmp(x->group != NULL ? x->group : "", y->group != NULL ? y->group : "");
}

/* Whether the user sub (never "") is listed in Cognito group g; sorted by by_sub_group. */
static bool listed_in(const struct pcg_sync_user *const *sorted, size_t n, const char *sub,
                      const char *g)
{
    const struct pcg_sync_user key = { .sub = sub, .group = g }, *kp = &key;

    return bsearch(&kp, sorted, n, sizeof(*sorted), by_sub_group) != NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

#define SKIP(why)                                                      \
    do {                                                               \
        if (!add_change(plan, PCG_SYNC_USER_SKIPPED, u->name, why, 0)) \
            return PCG_SYNC_NOMEM;                                     \
        return PCG_SYNC_OK;                                            \
    } while (0)

/* Decides one user; *kept_one true when it is kept (then k filled and recorded in plan->map). */
static enum pcg_sync_status decide_user(const struct pcg_sync_user *u,
                                        const struct pcg_sync_config *cfg,
                                        const struct pcg_id_map *old_map, struct files *files,
                                        const struct sync_group *groups, size_t n_groups,
                                        const struct pcg_local_db *db, struct pcg_sync_plan *plan,
                                        struct kept *k, bool *kept_one)
{
    enum pcg_linux_name_status ns;
    enum pcg_group_policy_status gs;
    enum pcg_id_map_status ms;
    const struct pcg_id_record *old, *self;
    struct pcg_local_hit hit;
    unsigned long uid;
    int rc;

    *kept_one = false;
    if (!u->enabled)
        SKIP("disabled");
    if (u->status == NULL || strcmp(u->status, "CONFIRMED") != 0)
        SKIP("not CONFIRMED");
    if (!pcg_sub_valid(u->sub))
        SKIP("invalid sub");
    ns = pcg_linux_name_map(u->name, k->name);
    if (ns != PCG_LINUX_NAME_OK)
        SKIP(pcg_linux_name_reason(ns));
    for (size_t g = 0; g < n_groups; g++)
        if (groups[g].allowed && strcmp(groups[g].name, k->name) == 0)
            SKIP("name of a synced group");
    rc = db->user_by_name(db->ctx, k->name, &hit);
    if (rc < 0)
        return PCG_SYNC_LOOKUP_FAILED;
    if (rc > 0 && !own_in(files->passwd, &hit))
        SKIP("exists locally");
    gs = pcg_group_policy_name_free(k->name, NULL, db, own_group, files);
    if (gs == PCG_GROUP_POLICY_LOOKUP_FAILED)
        return PCG_SYNC_LOOKUP_FAILED;
    if (gs != PCG_GROUP_POLICY_OK)
        SKIP(gs == PCG_GROUP_POLICY_DENIED ? "private group name is deny-listed"
                                           : "private group name exists locally");
    self = pcg_id_map_find_sub(&plan->map, u->sub);
    if (u->posix_uid != NULL) {
        if (!parse_uid(u->posix_uid, &uid))
            SKIP("posix uid is not a number");
        ms = pcg_id_map_check_claim(old_map, u->sub, uid, &cfg->range, db);
        if (ms == PCG_ID_MAP_LOOKUP_FAILED)
            return PCG_SYNC_LOOKUP_FAILED;
        if (ms != PCG_ID_MAP_OK)
            SKIP(pcg_id_map_reason(ms));
    } else if (self != NULL) {
        uid = self->id;
    } else {
        ms = pcg_id_map_allocate(&plan->map, &cfg->range, db, &uid);
        if (ms != PCG_ID_MAP_OK)
            return allocation_failed(ms);
    }
    if (foreign_clash(files->passwd, k->name, uid) || foreign_clash(files->group, k->name, uid))
        SKIP("name or id of a foreign extrausers entry");
    ms = pcg_id_map_set_user(&plan->map, u->sub, k->name, uid, PCG_ID_ACTIVE);
    if (ms == PCG_ID_MAP_NOMEM)
        return PCG_SYNC_NOMEM;
    if (ms != PCG_ID_MAP_OK)
        SKIP(ms == PCG_ID_MAP_DUPLICATE ? "name taken by another Cognito user"
                                        : pcg_id_map_reason(ms));
    k->uid = uid;
    k->sub = u->sub;
    *kept_one = true;
    old = pcg_id_map_find_sub(old_map, u->sub);
    if (old == NULL || old->state != PCG_ID_ACTIVE) {
        if (!add_change(plan, PCG_SYNC_USER_ADDED, k->name, NULL, uid))
            return PCG_SYNC_NOMEM;
    } else if (strcmp(old->name, k->name) != 0) {
        if (!add_change(plan, PCG_SYNC_USER_RENAMED, k->name, old->name, uid))
            return PCG_SYNC_NOMEM;
    }
    return PCG_SYNC_OK;
}

/* The owned group line of the old files named name, or NULL. */
static const struct pcg_nss_line *old_group_line(const struct pcg_nss_file *f, const char *name)
{
    size_t n = 0;
    struct pcg_nss_line *const *named = f != NULL ? pcg_nss_named(f, name, &n) : NULL;

    for (size_t i = 0; i < n; i++)
        if (named[i]->owned)
            return named[i];
    return NULL;
}

static enum pcg_sync_status plan_groups(const struct pcg_sync_listing *listing,
                                        const struct pcg_sync_config *cfg,
                                        const struct pcg_id_map *old_map, struct files *files,
                                        struct sync_group *groups, const struct pcg_local_db *db,
                                        struct pcg_sync_plan *plan)
{
    for (size_t g = 0; g < cfg->n_groups; g++) {
        enum pcg_linux_name_status ns;
        enum pcg_group_policy_status gs;

        groups[g].cognito = cfg->groups[g];
        gs = pcg_group_policy_check(cfg->groups[g], cfg->group_prefix, db, own_group, files,
                                    groups[g].name, &ns);
        if (gs == PCG_GROUP_POLICY_LOOKUP_FAILED)
            return PCG_SYNC_LOOKUP_FAILED;
        for (size_t h = 0; gs == PCG_GROUP_POLICY_OK && h < g; h++)
            if (groups[h].allowed && strcmp(groups[h].name, groups[g].name) == 0)
                gs = PCG_GROUP_POLICY_EXISTS;
        groups[g].allowed = gs == PCG_GROUP_POLICY_OK;
        if (!groups[g].allowed
            && !add_change(plan, PCG_SYNC_GROUP_SKIPPED, cfg->groups[g],
                           gs == PCG_GROUP_POLICY_BAD_NAME ? pcg_linux_name_reason(ns)
                                                           : pcg_group_policy_reason(gs),
                           0))
            return PCG_SYNC_NOMEM;
    }
    return PCG_SYNC_OK;
}

static enum pcg_sync_status assign_gids(const struct pcg_sync_config *cfg,
                                        const struct pcg_id_map *old_map, struct sync_group *groups,
                                        const struct pcg_local_db *db, struct pcg_sync_plan *plan)
{
    for (size_t g = 0; g < cfg->n_groups; g++) {
        const struct pcg_id_record *r;
        enum pcg_id_map_status ms;

        if (!groups[g].allowed)
            continue;
        r = pcg_id_map_find_group(&plan->map, groups[g].name);
        if (r != NULL) {
            groups[g].gid = r->id;
        } else {
            ms = pcg_id_map_allocate(&plan->map, &cfg->range, db, &groups[g].gid);
            if (ms != PCG_ID_MAP_OK)
                return allocation_failed(ms);
        }
        ms = pcg_id_map_set_group(&plan->map, groups[g].name, groups[g].gid, PCG_ID_ACTIVE);
        if (ms == PCG_ID_MAP_NOMEM)
            return PCG_SYNC_NOMEM;
        if (ms != PCG_ID_MAP_OK) {
            groups[g].allowed = false; /* a user already holds the name */
            if (!add_change(plan, PCG_SYNC_GROUP_SKIPPED, groups[g].cognito, pcg_id_map_reason(ms),
                            0))
                return PCG_SYNC_NOMEM;
            continue;
        }
        r = pcg_id_map_find_group(old_map, groups[g].name);
        if ((r == NULL || r->state != PCG_ID_ACTIVE)
            && !add_change(plan, PCG_SYNC_GROUP_ADDED, groups[g].name, NULL, groups[g].gid))
            return PCG_SYNC_NOMEM;
    }
    return PCG_SYNC_OK;
}

/* Whether name is in sorted[0..n). */
static bool among(const char *const *sorted, size_t n, const char *name)
{
    return n > 0 && bsearch(&name, sorted, n, sizeof(*sorted), by_name) != NULL;
}

/* Records the members group gains and loses against its old line (NULL: a new group). */
static bool note_members(struct pcg_sync_plan *plan, const char *group,
                         const struct pcg_nss_line *old, const char *const *now, size_t n_now)
{
    const char **before = NULL;
    size_t n_before = 0;
    bool ok = true;

    if (old != NULL && pcg_nss_group_members(old, &before, &n_before) != 0)
        return false;
    for (size_t i = 0; ok && i < n_now; i++)
        if (!among(before, n_before, now[i]))
            ok = add_change(plan, PCG_SYNC_MEMBER_ADDED, group, now[i], 0);
    for (size_t i = 0; ok && i < n_before; i++)
        if (!among(now, n_now, before[i]))
            ok = add_change(plan, PCG_SYNC_MEMBER_REMOVED, group, before[i], 0);
    free(before);
    return ok;
}

/* sorted: the listing's entries ordered by by_sub_group (sort_listing). */
static enum pcg_sync_status render(const struct pcg_sync_user *const *sorted, size_t n_listed,
                                   const struct pcg_sync_config *cfg, struct files *files,
                                   struct sync_group *groups, struct kept *kept, size_t n_kept,
                                   struct pcg_sync_plan *plan)
{
    struct pcg_passwd_entry *pw = calloc(n_kept + 1, sizeof(*pw));
    struct pcg_group_entry *gr = calloc(n_kept + cfg->n_groups + 1, sizeof(*gr));
    const char **members = calloc((n_kept + 1) * (cfg->n_groups + 1), sizeof(*members));
    size_t n_gr = 0, bad;
    enum pcg_sync_status st = PCG_SYNC_NOMEM;
    int err;

    if (pw == NULL || gr == NULL || members == NULL)
        goto out;
    for (size_t i = 0; i < n_kept; i++) {
        pw[i] = (struct pcg_passwd_entry){ kept[i].name, kept[i].sub, cfg->home_base, cfg->shell,
                                           kept[i].uid };
        gr[n_gr++] = (struct pcg_group_entry){ kept[i].name, kept[i].uid, NULL, 0 };
    }
    for (size_t g = 0; g < cfg->n_groups; g++) {
        const char **m = members + g * (n_kept + 1);
        size_t n = 0;

        if (!groups[g].allowed)
            continue;
        for (size_t i = 0; i < n_kept; i++)
            if (listed_in(sorted, n_listed, kept[i].sub, groups[g].cognito))
                m[n++] = kept[i].name;
        qsort(m, n, sizeof(*m), by_name); /* the file's order is render's; this is for bsearch */
        if (!note_members(plan, groups[g].name, old_group_line(files->group, groups[g].name), m, n))
            goto out;
        gr[n_gr++] = (struct pcg_group_entry){ groups[g].name, groups[g].gid, m, n };
    }
    err = pcg_nss_render_passwd(files->passwd, pw, n_kept, &plan->passwd, &plan->passwd_len, &bad);
    if (err == 0)
        err = pcg_nss_render_group(files->group, gr, n_gr, &plan->group, &plan->group_len, &bad);
    st = err == 0 ? PCG_SYNC_OK : err == ENOMEM ? PCG_SYNC_NOMEM : PCG_SYNC_BAD_CONFIG;
out:
    free(pw);
    free(gr);
    free(members);
    return st;
}

/* The listing's entries ordered by by_sub_group (malloc'd), or NULL. */
static const struct pcg_sync_user **sort_listing(const struct pcg_sync_listing *listing)
{
    const struct pcg_sync_user **sorted = malloc((listing->n + 1) * sizeof(*sorted));

    if (sorted == NULL)
        return NULL;
    for (size_t i = 0; i < listing->n; i++)
        sorted[i] = &listing->users[i];
    qsort(sorted, listing->n, sizeof(*sorted), by_sub_group);
    return sorted;
}

/*
 * repeat[i]: an earlier entry of the listing has users[i]'s sub (a user in
 * several groups). The entries of one sub are a run of sorted; the first in
 * listing order has the lowest address.
 */
static void mark_repeats(const struct pcg_sync_listing *listing,
                         const struct pcg_sync_user *const *sorted, bool *repeat)
{
    for (size_t start = 0, end; start < listing->n; start = end) {
        const struct pcg_sync_user *first = sorted[start];

        for (end = start + 1;
             end < listing->n && strcmp(sub_of(sorted[start]), sub_of(sorted[end])) == 0; end++)
            ;
        for (size_t i = start; i < end; i++)
            if (sorted[i]->sub != NULL && (first->sub == NULL || sorted[i] < first))
                first = sorted[i];
        for (size_t i = start; i < end; i++)
            if (sorted[i]->sub != NULL && sorted[i] != first)
                repeat[sorted[i] - listing->users] = true;
    }
}

void pcg_sync_plan_free(struct pcg_sync_plan *plan)
{
    pcg_id_map_free(&plan->map);
    free(plan->passwd);
    free(plan->group);
    free(plan->changes);
    memset(plan, 0, sizeof(*plan));
}

enum pcg_sync_status pcg_sync_plan_make(const struct pcg_sync_listing *listing,
                                        const struct pcg_sync_config *cfg,
                                        const struct pcg_id_map *old_map,
                                        struct pcg_nss_file *passwd, struct pcg_nss_file *group,
                                        const struct pcg_local_db *db, struct pcg_sync_plan *plan)
{
    struct files files = { passwd, group };
    struct sync_group *groups = NULL;
    struct kept *kept = NULL;
    bool *repeat = NULL;
    const struct pcg_sync_user **sorted = NULL;
    size_t n_kept = 0, allowed;
    enum pcg_sync_status st;

    memset(plan, 0, sizeof(*plan));
    pcg_id_map_init(&plan->map);
    if (!listing->complete)
        return PCG_SYNC_PARTIAL;
    if (cfg->range.min < PCG_GROUP_SYSTEM_GID_LIMIT || cfg->range.min > cfg->range.max
        || cfg->range.max > PCG_ID_MAP_LIMIT || !pcg_nss_path_valid(cfg->shell)
        || !pcg_nss_path_valid(cfg->home_base) || cfg->max_removal_percent > 100)
        return PCG_SYNC_BAD_CONFIG;
    if (pcg_id_map_copy(&plan->map, old_map) != PCG_ID_MAP_OK)
        return PCG_SYNC_NOMEM;
    if (pcg_id_map_index(&plan->map) != PCG_ID_MAP_OK) {
        pcg_id_map_free(&plan->map);
        return PCG_SYNC_NOMEM;
    }
    pcg_nss_mark_owned(passwd, old_map);
    pcg_nss_mark_owned(group, old_map);
    for (size_t i = 0; i < plan->map.n; i++) {
        if (plan->map.rec[i].kind == PCG_ID_USER && plan->map.rec[i].state == PCG_ID_ACTIVE)
            plan->active_before++;
        plan->map.rec[i].state = PCG_ID_TOMBSTONE; /* kept ones come back below */
    }
    groups = calloc(cfg->n_groups + 1, sizeof(*groups));
    kept = calloc(listing->n + 1, sizeof(*kept));
    repeat = calloc(listing->n + 1, sizeof(*repeat));
    sorted = sort_listing(listing);
    st = groups != NULL && kept != NULL && repeat != NULL && sorted != NULL ? PCG_SYNC_OK
                                                                            : PCG_SYNC_NOMEM;
    if (st == PCG_SYNC_OK)
        mark_repeats(listing, sorted, repeat);
    if (st == PCG_SYNC_OK)
        st = plan_groups(listing, cfg, old_map, &files, groups, db, plan);
    for (size_t i = 0; st == PCG_SYNC_OK && i < listing->n; i++) {
        const struct pcg_sync_user *u = &listing->users[i];
        bool kept_one;

        if (repeat[i])
            continue; /* the same user listed in another group */
        st = decide_user(u, cfg, old_map, &files, groups, cfg->n_groups, db, plan, &kept[n_kept],
                         &kept_one);
        if (kept_one)
            n_kept++;
    }
    plan->active_after = n_kept;
    for (size_t i = 0; st == PCG_SYNC_OK && i < old_map->n; i++) {
        const struct pcg_id_record *o = &old_map->rec[i];
        const struct pcg_id_record *r = pcg_id_map_find_id(&plan->map, o->id);

        if (o->state != PCG_ID_ACTIVE || r == NULL || r->state == PCG_ID_ACTIVE
            || o->kind != PCG_ID_USER)
            continue;
        plan->removed++;
        if (!add_change(plan, PCG_SYNC_USER_REMOVED, o->name, NULL, o->id))
            st = PCG_SYNC_NOMEM;
    }
    if (st == PCG_SYNC_OK)
        st = assign_gids(cfg, old_map, groups, db, plan);
    for (size_t i = 0; st == PCG_SYNC_OK && i < old_map->n; i++) {
        const struct pcg_id_record *o = &old_map->rec[i];
        const struct pcg_id_record *r = pcg_id_map_find_id(&plan->map, o->id);

        if (o->kind == PCG_ID_GROUP && o->state == PCG_ID_ACTIVE && r != NULL
            && r->state != PCG_ID_ACTIVE
            && !add_change(plan, PCG_SYNC_GROUP_REMOVED, o->name, NULL, o->id))
            st = PCG_SYNC_NOMEM;
    }
    if (st == PCG_SYNC_OK)
        st = render(sorted, listing->n, cfg, &files, groups, kept, n_kept, plan);
    allowed = plan->active_before * cfg->max_removal_percent / 100;
    if (allowed < 1)
        allowed = 1;
    if (st == PCG_SYNC_OK && plan->removed > allowed && !cfg->force)
        st = PCG_SYNC_TOO_MANY_REMOVALS;
    free(groups);
    free(kept);
    free(repeat);
    free(sorted);
    if (st != PCG_SYNC_OK && st != PCG_SYNC_TOO_MANY_REMOVALS)
        pcg_sync_plan_free(plan);
    return st;
}

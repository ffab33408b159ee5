#include "config.h"

#include "accounts/id_index.h"

#include <stdlib.h>
#include <string.h>

#define GONE UINT32_MAX /* above every valid id (PCG_ID_MAP_LIMIT) */
#define MIN_CAP 16

uint32_t pcg_id_index_hash(const char *key)
{
    uint32_t h = 2166136261u; /* FNV-1a */

    for (const unsigned char *p = (const unsigned char *)key; *p != '\0'; p++)
        h = (h ^ *p) * 16777619u;
    /* murmur3's finaliser: FNV's low bits, which pick the slot, cluster for names like u01234 */
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    return h ^ (h >> 16);
}

static void place(struct pcg_id_slot *slot, size_t cap, uint32_t hash, uint32_t id)
{
    size_t i = hash & (cap - 1);

    while (slot[i].id != 0)
        i = (i + 1) & (cap - 1);
    slot[i].hash = hash;
    slot[i].id = id;
}

/* Makes room for one more slot, at most half full; drops removed slots. */
static bool reserve(struct pcg_id_index *ix)
{
    size_t live = 0, cap;
    struct pcg_id_slot *slot;

    if ((ix->used + 1) * 2 <= ix->cap)
        return true;
    for (size_t i = 0; i < ix->cap; i++)
        live += ix->slot[i].id != 0 && ix->slot[i].id != GONE;
    for (cap = MIN_CAP; cap < (live + 1) * 3; cap *= 2)
        ;
    slot = calloc(cap, sizeof(*slot));
    if (slot == NULL)
        return false;
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slot[i].id != 0 && ix->slot[i].id != GONE)
            place(slot, cap, ix->slot[i].hash, ix->slot[i].id);
    free(ix->slot);
    ix->slot = slot;
    ix->cap = cap;
    ix->used = live;
    return true;
}

bool pcg_id_index_add(struct pcg_id_index *ix, uint32_t hash, unsigned long id)
{
    if (id == 0 || id >= GONE || !reserve(ix))
        return false;
    place(ix->slot, ix->cap, hash, (uint32_t)id);
    ix->used++;
    return true;
}

void pcg_id_index_remove(struct pcg_id_index *ix, uint32_t hash, unsigned long id)
{
    for (size_t n = 0, i = hash & (ix->cap - 1); n < ix->cap && ix->slot[i].id != 0;
         n++, i = (i + 1) & (ix->cap - 1))
        if (ix->slot[i].id == id && ix->slot[i].hash == hash) {
            ix->slot[i].id = GONE;
            return;
        }
}

unsigned long pcg_id_index_next(const struct pcg_id_index *ix, uint32_t hash, size_t *pos)
{
    while (*pos < ix->cap) {
        const struct pcg_id_slot *s = &ix->slot[(hash + *pos) & (ix->cap - 1)];

        ++*pos;
        if (s->id == 0)
            break;
        if (s->id != GONE && s->hash == hash)
            return s->id;
    }
    *pos = ix->cap;
    return 0;
}

bool pcg_id_index_copy(struct pcg_id_index *dst, const struct pcg_id_index *src)
{
    memset(dst, 0, sizeof(*dst));
    if (src->cap == 0)
        return true;
    dst->slot = malloc(src->cap * sizeof(*dst->slot));
    if (dst->slot == NULL)
        return false;
    memcpy(dst->slot, src->slot, src->cap * sizeof(*dst->slot));
    dst->cap = src->cap;
    dst->used = src->used;
    return true;
}

void pcg_id_index_free(struct pcg_id_index *ix)
{
    free(ix->slot);
    memset(ix, 0, sizeof(*ix));
}

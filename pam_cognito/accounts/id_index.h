/*
 * The id map's lookups by key (a user's sub, a record's name) in O(1): an
 * open-addressing table of (hash, id) slots. It holds ids, not keys: a
 * lookup walks the ids whose key hashes alike and the caller compares the
 * record's own key, so each key is kept once, in the map. One key may have
 * several ids (a tombstone and an active record of the same name).
 */
#ifndef PCG_ID_INDEX_H
#define PCG_ID_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pcg_id_slot {
    uint32_t hash;
    uint32_t id; /* every id fits (PCG_ID_MAP_LIMIT); 0: never used; UINT32_MAX: removed */
};

struct pcg_id_index {
    struct pcg_id_slot *slot;
    size_t cap, used; /* cap a power of two; used counts removed slots too */
};

uint32_t pcg_id_index_hash(const char *key);

/* Adds id (1..UINT32_MAX-1) under hash; false when out of memory or id is not (ix unchanged). */
bool pcg_id_index_add(struct pcg_id_index *ix, uint32_t hash, unsigned long id);

/* Removes id from under hash (nothing when absent). */
void pcg_id_index_remove(struct pcg_id_index *ix, uint32_t hash, unsigned long id);

/* The next id under hash, or 0 at the end: start with *pos = 0. */
unsigned long pcg_id_index_next(const struct pcg_id_index *ix, uint32_t hash, size_t *pos);

/* A deep copy into dst (not initialised); false when out of memory (then dst is empty). */
bool pcg_id_index_copy(struct pcg_id_index *dst, const struct pcg_id_index *src);

void pcg_id_index_free(struct pcg_id_index *ix);

#endif

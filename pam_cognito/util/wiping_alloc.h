/*
 * Allocation functions for libcurl (curl_global_init_mem) that wipe memory
 * before handing it back: libcurl copies every request body into its upload
 * buffer and frees it without wiping, so a password or code would otherwise
 * stay behind in freed memory. They are the C library's malloc and free
 * underneath, so memory may pass between them and plain malloc/free freely.
 */
#ifndef PCG_WIPING_ALLOC_H
#define PCG_WIPING_ALLOC_H

#include <stddef.h>

void *pcg_wiping_malloc(size_t size);
void *pcg_wiping_calloc(size_t nmemb, size_t size);
char *pcg_wiping_strdup(const char *s);
/* Never leaves the old block unwiped: grows by allocate, copy, wipe, free. */
void *pcg_wiping_realloc(void *p, size_t size);
/* Wipes the whole usable size of the block, then frees it. NULL is fine. */
void pcg_wiping_free(void *p);

#endif

#include "config.h"

#include "util/wiping_alloc.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "util/secure.h"

void *pcg_wiping_malloc(size_t size)
{
    return malloc(size);
}

void *pcg_wiping_calloc(size_t nmemb, size_t size)
{
    return calloc(nmemb, size);
}

char *pcg_wiping_strdup(const char *s)
{
    return strdup(s);
}

void pcg_wiping_free(void *p)
{
    if (p == NULL)
        return;
    pcg_wipe(p, malloc_usable_size(p));
    free(p);
}

void *pcg_wiping_realloc(void *p, size_t size)
{
    size_t old;
    void *q;

    if (p == NULL)
        return malloc(size);
    if (size == 0) {
        pcg_wiping_free(p);
        return NULL;
    }
    old = malloc_usable_size(p);
    if (size <= old)
        return p;
    q = malloc(size);
    if (q == NULL)
        return NULL;
    memcpy(q, p, old);
    pcg_wiping_free(p);
    return q;
}

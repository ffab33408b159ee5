#include "config.h"

#include "conf/method_list.h"

#include <string.h>

#include "util/word_list.h"

const char *pcg_method_list_parse(const struct pcg_method_table *t, const char *value,
                                  unsigned char *order, size_t *n)
{
    const char *words[PCG_METHODS_MAX];
    size_t got[PCG_METHODS_MAX], n_got = 0;
    bool dup;

    if (t->n > PCG_METHODS_MAX)
        return t->expected;
    for (size_t i = 0; i < t->n; i++)
        words[i] = t->methods[i].word;
    if (!pcg_word_list_parse(value, words, t->n, got, &n_got, &dup))
        return dup ? t->named_twice : t->expected;
    for (size_t i = 0; i < n_got; i++)
        order[i] = (unsigned char)got[i];
    *n = n_got;
    return NULL;
}

static bool is_offered(const char *name, char *const *offered, size_t n_offered)
{
    for (size_t k = 0; k < n_offered; k++)
        if (strcmp(offered[k], name) == 0)
            return true;
    return false;
}

const char *pcg_method_list_choose(const struct pcg_method_table *t, const unsigned char *order,
                                   size_t n, unsigned allowed, char *const *offered,
                                   size_t n_offered)
{
    for (size_t i = 0; i < n && i < t->n; i++) {
        unsigned m = order[i];

        if (m >= t->n || !(allowed & (1u << m)))
            continue;
        for (size_t c = 0; c < PCG_METHOD_NAMES && t->methods[m].names[c] != NULL; c++)
            if (is_offered(t->methods[m].names[c], offered, n_offered))
                return t->methods[m].names[c];
    }
    return NULL;
}

bool pcg_method_list_has(const unsigned char *order, size_t n, unsigned method)
{
    for (size_t i = 0; i < n; i++)
        if (order[i] == method)
            return true;
    return false;
}

const char *pcg_method_word(const struct pcg_method_table *t, unsigned method)
{
    return method < t->n ? t->methods[method].word : "?";
}

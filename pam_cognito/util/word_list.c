#include "config.h"

#include "util/word_list.h"

#include <string.h>

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

bool pcg_word_list_parse(const char *value, const char *const *words, size_t n_words, size_t *order,
                         size_t *n, bool *dup)
{
    bool seen[16] = { false };
    const char *p = value;
    size_t got = 0;

    *dup = false;
    if (value == NULL || n_words > sizeof(seen) / sizeof(seen[0]))
        return false;
    for (;;) {
        size_t len = strcspn(p, ",");
        const char *start = p, *end = p + len;
        size_t w;

        while (start < end && is_blank(*start))
            start++;
        while (end > start && is_blank(end[-1]))
            end--;
        for (w = 0; w < n_words; w++)
            if (strlen(words[w]) == (size_t)(end - start)
                && memcmp(words[w], start, (size_t)(end - start)) == 0)
                break;
        if (w == n_words)
            return false;
        if (seen[w]) {
            *dup = true;
            return false;
        }
        seen[w] = true;
        order[got++] = w;
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    *n = got;
    return true;
}

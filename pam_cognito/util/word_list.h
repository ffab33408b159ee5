/* Config values that are an ordered comma list of known words (conf/method_list.h). */
#ifndef PCG_WORD_LIST_H
#define PCG_WORD_LIST_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Parses value as a comma list of words from words[0..n_words) (blanks
 * around words allowed, each at most once, at least one). On success
 * returns true with order[0..*n) the indexes of the words given, in
 * order; order must have room for n_words. Else false, *dup telling
 * whether a word was named twice (else a word was unknown or missing).
 */
bool pcg_word_list_parse(const char *value, const char *const *words, size_t n_words, size_t *order,
                         size_t *n, bool *dup);

#endif

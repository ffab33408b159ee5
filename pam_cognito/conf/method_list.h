/*
 * Options that are an ordered list of named methods, most wanted first:
 * first_factor (password, email_otp, sms_otp) and mfa_preference (totp,
 * email, sms). Each option has a table of its methods: the word in the
 * config and Cognito's names for it; a list is the indexes into that table.
 */
#ifndef PCG_METHOD_LIST_H
#define PCG_METHOD_LIST_H

#include <stdbool.h>
#include <stddef.h>

#define PCG_METHOD_NAMES 2
#define PCG_METHODS_MAX 8

struct pcg_method {
    const char *word;                    /* in the config */
    const char *names[PCG_METHOD_NAMES]; /* Cognito's, the one to pick first; then NULLs */
};

struct pcg_method_table {
    const struct pcg_method *methods;
    size_t n;                /* 1..PCG_METHODS_MAX */
    const char *named_twice; /* the reason a list naming a method twice is refused */
    const char *expected;    /* the reason any other bad list is refused */
};

/*
 * Parses value, a comma list of t's words (blanks around words allowed,
 * each at most once, at least one), into order[0..*n) (room for t->n).
 * NULL on success; else t's short static reason, and order and *n untouched.
 */
const char *pcg_method_list_parse(const struct pcg_method_table *t, const char *value,
                                  unsigned char *order, size_t *n);

/*
 * The first Cognito name that offered holds, going through the methods
 * order[0..n) in turn and each method's names in turn; only the methods
 * whose bit is set in allowed count. NULL when offered holds none.
 */
const char *pcg_method_list_choose(const struct pcg_method_table *t, const unsigned char *order,
                                   size_t n, unsigned allowed, char *const *offered,
                                   size_t n_offered);

#define PCG_METHODS_ALL (~0u)

/* True when order[0..n) names method. */
bool pcg_method_list_has(const unsigned char *order, size_t n, unsigned method);

/* The config word of method, or "?" for none of t's. */
const char *pcg_method_word(const struct pcg_method_table *t, unsigned method);

#endif

/*
 * Cognito's lists inside a string: MFAS_CAN_CHOOSE and requiredAttributes
 * arrive as the text of a JSON array, e.g. "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]".
 */
#ifndef PCG_NAME_LIST_H
#define PCG_NAME_LIST_H

#include <stddef.h>

#define PCG_NAME_LIST_MAX_TEXT 4096 /* longer text is refused unread */
#define PCG_NAME_MAX 128            /* longest name accepted */

enum pcg_name_list_status {
    PCG_NAME_LIST_OK = 0,
    PCG_NAME_LIST_BAD,      /* not a JSON array of names */
    PCG_NAME_LIST_TOO_MANY, /* more than max_items names */
    PCG_NAME_LIST_NOMEM,
};

/*
 * Parses text, which must be exactly one JSON array (blanks around it are
 * fine) whose elements are strings of 1..PCG_NAME_MAX printable ASCII bytes
 * without spaces. On PCG_NAME_LIST_OK *names is a malloc'd array of *n
 * malloc'd copies (NULL when *n is 0): free it with pcg_name_list_free. On
 * any other status nothing is allocated.
 */
enum pcg_name_list_status pcg_name_list_parse(const char *text, size_t max_items, char ***names,
                                              size_t *n);

void pcg_name_list_free(char **names, size_t n);

#endif

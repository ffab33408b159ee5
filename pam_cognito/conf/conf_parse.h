#ifndef PCG_CONF_PARSE_H
#define PCG_CONF_PARSE_H

/* Shared by the parser (conf.c) and the file reader (conf_file.c) only. */

#include "conf/conf.h"

#include <stdbool.h>
#include <stddef.h>

#define SHOWN_MAX 48 /* bytes of a bad value repeated in a message */

__attribute__((format(printf, 3, 4))) void pcg_conf_set_err(char *err, size_t errlen,
                                                            const char *fmt, ...);

/* pcg_conf_parse_text, also telling whether a client_secret was refused
 * because secret_allowed was false. */
enum pcg_conf_status pcg_conf_parse_checked(struct pcg_conf *c, const char *text, size_t len,
                                            bool secret_allowed, bool *secret_refused, char *err,
                                            size_t errlen);

/* The comma lists of group names (group_list.c): groups[0..*n_groups) replaced on success. */
enum pcg_conf_status pcg_conf_group_list_set(char **groups, size_t *n_groups, const char *key,
                                             const char *v, bool refuse_repeats, char *err,
                                             size_t errlen);
void pcg_conf_group_list_free(char **groups, size_t n);

#endif

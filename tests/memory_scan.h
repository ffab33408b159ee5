/*
 * For the test driver: remembers the answers it relays (masked, so the plain
 * bytes exist only where the code under test put them) and later searches
 * the whole process memory (/proc/self/maps + /proc/self/mem) for them.
 */
#ifndef PCG_MEMORY_SCAN_H
#define PCG_MEMORY_SCAN_H

#include <stddef.h>
#include <stdio.h>

/* Keeps a masked copy of the answer s (len bytes). 0, or -1 without memory. */
int pcg_scan_remember(const char *s, size_t len);

/*
 * Searches every readable mapping for every remembered answer and prints to
 * out one line per answer, "SCAN <index> <hits>", preceded by one line per
 * hit (at most a few per answer), "SCANHIT <index> <mapping> +<offset>
 * <bytes before>|<bytes after>" with the bytes sanitised. An answer made
 * only of digits (a code) counts only where no digit touches it, so numbers
 * that merely contain it are not hits. Returns the total number of hits, or
 * -1 when the memory cannot be read at all.
 */
long pcg_scan_report(FILE *out);

#endif

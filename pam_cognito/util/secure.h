/* Secrets in memory: one way to wipe and free them. */
#ifndef PCG_SECURE_H
#define PCG_SECURE_H

#include <stddef.h>

/* Overwrites n bytes at p so the compiler cannot elide it. NULL is fine. */
void pcg_wipe(void *p, size_t n);

/* Wipes the NUL-terminated string s (strlen bytes) and frees it. NULL is fine. */
void pcg_free_secret(char *s);

/* Wipes n bytes at p and frees it. NULL is fine. */
void pcg_free_secret_n(void *p, size_t n);

/* strdup/strndup whose failure is NULL; the copy is meant for pcg_free_secret. */
char *pcg_strdup_secret(const char *s);
char *pcg_strndup_secret(const char *s, size_t n);

/* Constant-time comparison of two equal-length buffers: 0 when equal. */
int pcg_memeq_ct(const void *a, const void *b, size_t n);

#endif

/* Logging without PAM: the caller (PAM glue or CLI) supplies the sink. */
#ifndef PCG_LOG_H
#define PCG_LOG_H

#include <stdbool.h>
#include <syslog.h> /* LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG */

struct pcg_log {
    /* Receives one finished line (no newline). May be NULL: then nothing is logged. */
    void (*emit)(void *ud, int priority, const char *line);
    void *ud;
    bool debug; /* LOG_DEBUG lines are dropped unless set */
};

/* printf-style; the formatted line is cut at 1023 bytes. Never pass secrets. */
void pcg_log(const struct pcg_log *log, int priority, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define pcg_debug(log, ...) pcg_log((log), LOG_DEBUG, __VA_ARGS__)

#endif

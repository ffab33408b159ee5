#include "config.h"

#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>

void pcg_log(const struct pcg_log *log, int priority, const char *fmt, ...)
{
    char line[1024];
    va_list ap;

    if (log == NULL || log->emit == NULL)
        return;
    if (priority == LOG_DEBUG && !log->debug)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    log->emit(log->ud, priority, line);
}

#include "config.h"

#include "check_report.h"

#include <stdarg.h>
#include <stdio.h>

void pcg_check_say(const char *tag, const char *fmt, ...)
{
    va_list ap;

    printf("%s: ", tag);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

void pcg_check_problem(struct pcg_check_report *r, const char *advice, const char *fmt, ...)
{
    va_list ap;

    r->problems++;
    printf("problem: ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n  advice: %s\n", advice);
}

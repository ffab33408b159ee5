/*
 * Runs a command and prints its CPU time, wall time and peak RSS on stderr's
 * last line: "MEASURED cpu_ms=.. wall_ms=.. maxrss_kib=..". For
 * bench/login_bench.py: a process forked from Python inherits Python's peak
 * RSS (the kernel keeps the larger across exec); forked from this small
 * program, the command's own peak shows. Exits with the command's status.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    struct rusage ru;
    double start;
    int status;
    pid_t pid;

    if (argc < 2) {
        fprintf(stderr, "usage: run_measured COMMAND [ARG...]\n");
        return 2;
    }
    start = now_ms();
    pid = fork();
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
        return 1;
    fprintf(stderr, "\nMEASURED cpu_ms=%.3f wall_ms=%.3f maxrss_kib=%ld\n",
            (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3
                + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3,
            now_ms() - start, ru.ru_maxrss);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

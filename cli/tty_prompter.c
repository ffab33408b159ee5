#include "config.h"

#include "tty_prompter.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "util/secure.h"

/* Signals that end the program while echo is off: the handler turns echo back on first. */
static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define N_FATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

static int echo_fd = -1;
static struct termios echo_saved;

static void restore_echo_and_die(int sig)
{
    if (echo_fd >= 0)
        (void)tcsetattr(echo_fd, TCSANOW, &echo_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

static int write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

int pcg_tty_open(struct pcg_tty *tty)
{
    tty->fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    return tty->fd >= 0 ? 0 : -1;
}

void pcg_tty_close(struct pcg_tty *tty)
{
    if (tty->fd >= 0)
        close(tty->fd);
    tty->fd = -1;
}

/* Reads one line (without its end) into buf; -1 on EOF, error or an answer too long. */
static int read_line(int fd, char *buf, size_t len)
{
    size_t n = 0;
    bool too_long = false;

    for (;;) {
        char ch;
        ssize_t r = read(fd, &ch, 1);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        if (ch == '\n')
            break;
        if (n + 1 < len)
            buf[n++] = ch;
        else
            too_long = true;
        ch = 0;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return too_long ? -1 : 0;
}

static void echo_on(int fd, const struct sigaction *old)
{
    (void)tcsetattr(fd, TCSADRAIN, &echo_saved);
    for (size_t i = 0; i < N_FATAL; i++)
        sigaction(fatal_signals[i], &old[i], NULL);
    echo_fd = -1;
}

/* Turns echo off, with handlers that turn it on again if a signal ends the program. */
static int echo_off(int fd, struct sigaction *old)
{
    struct termios quiet;
    struct sigaction sa;

    if (tcgetattr(fd, &echo_saved) != 0)
        return -1;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = restore_echo_and_die;
    sigemptyset(&sa.sa_mask);
    echo_fd = fd;
    for (size_t i = 0; i < N_FATAL; i++)
        sigaction(fatal_signals[i], &sa, &old[i]);
    quiet = echo_saved;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    quiet.c_lflag |= ECHONL; /* the Enter key still moves to the next line */
    if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
        echo_on(fd, old);
        return -1;
    }
    return 0;
}

static int tty_ask(void *ctx, const char *prompt, bool echo, char **answer)
{
    struct pcg_tty *tty = ctx;
    struct sigaction old[N_FATAL];
    char buf[PCG_TTY_MAX_ANSWER + 1];
    int rc = -1;

    *answer = NULL;
    /* Echo goes off before the prompt shows, so nothing typed after it is echoed or lost. */
    if (!echo && echo_off(tty->fd, old) != 0)
        return -1;
    if (write_all(tty->fd, prompt, strlen(prompt)) == 0
        && read_line(tty->fd, buf, sizeof(buf)) == 0) {
        *answer = pcg_strdup_secret(buf);
        rc = *answer != NULL ? 0 : -1;
    }
    if (!echo)
        echo_on(tty->fd, old);
    pcg_wipe(buf, sizeof(buf));
    return rc;
}

static int tty_say(void *ctx, const char *text)
{
    struct pcg_tty *tty = ctx;

    if (write_all(tty->fd, text, strlen(text)) != 0 || write_all(tty->fd, "\n", 1) != 0)
        return -1;
    return 0;
}

void pcg_tty_prompter_init(struct pcg_prompter *p, struct pcg_tty *tty)
{
    p->ctx = tty;
    p->ask = tty_ask;
    p->info = tty_say;
    p->error = tty_say;
    p->quiet = false;
}

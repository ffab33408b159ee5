/*
 * Drives the PAM stack of one service (under pam_wrapper) for the tests, with
 * a conversation relayed over stdin/stdout so a test script can answer each
 * prompt as it sees it:
 *   stdout: "PROMPT_ECHO_OFF <text>" / "PROMPT_ECHO_ON <text>" -> reads one
 *           answer line from stdin;  "INFO <text>" / "ERROR <text>";
 *           "RESULT <operation> <code> <name>" after each operation.
 * Newlines and backslashes in texts are escaped as \n and \\.
 * Answers are read with read(2), without stdio buffers, and buffers that
 * held them are wiped: what remains of an answer in memory is then the
 * doing of PAM and the module (--scan-memory checks it after pam_end).
 * --markers brackets each operation with access("/pcg-marker/begin-OP")
 * and ".../end-OP" calls, so an strace log shows which calls the operation made.
 * --conv escape leaves the conversation at the first prompt by siglongjmp,
 * as a host that cancels or jumps out of it would: pam_authenticate never
 * returns, the stack it ran on is overwritten, and after ESCAPE_WAIT_MS the
 * driver prints "RESULT auth 0 escaped" and exits without pam_end.
 * --report-resources prints "RESOURCES <op> new_threads=<n> tcp=<n>" after
 * each operation: the threads of the process beyond those it had before
 * pam_start (a sanitizer's own, say), and its TCP sockets, then.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include <security/pam_appl.h>

#include "memory_scan.h"

enum conv_mode { CONV_RELAY, CONV_FAIL, CONV_NULL, CONV_ESCAPE };

static enum conv_mode conv_mode = CONV_RELAY;
static sigjmp_buf escape_to;

#define ESCAPE_WAIT_MS 3000

static void print_escaped(const char *tag, const char *text)
{
    fputs(tag, stdout);
    fputc(' ', stdout);
    for (const char *p = text != NULL ? text : ""; *p != '\0'; p++) {
        if (*p == '\n')
            fputs("\\n", stdout);
        else if (*p == '\\')
            fputs("\\\\", stdout);
        else
            fputc(*p, stdout);
    }
    fputc('\n', stdout);
    fflush(stdout);
}

static bool scan_memory;
/* --scan-selftest: keep a plain copy of each answer, which the scan must find. */
static bool scan_selftest;
static char *kept_copies[8];
static size_t n_kept;

/* One line from stdin, without its newline; NULL at end of input. */
static char *read_answer(void)
{
    size_t len = 0, cap = 64;
    char *line = malloc(cap), *grown;
    bool newline = false;
    char ch = 0;
    ssize_t n;

    while (line != NULL && !newline && (n = read(STDIN_FILENO, &ch, 1)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || ch == '\n') {
            newline = n > 0;
            break;
        }
        if (len + 1 == cap) {
            grown = malloc(cap * 2);
            if (grown != NULL)
                memcpy(grown, line, len);
            explicit_bzero(line, cap);
            free(line);
            line = grown;
            cap *= 2;
            if (line == NULL)
                break;
        }
        line[len++] = ch;
    }
    explicit_bzero(&ch, sizeof(ch));
    if (line == NULL || (!newline && len == 0)) {
        free(line);
        return NULL;
    }
    line[len] = '\0';
    if (scan_memory && pcg_scan_remember(line, len) != 0) {
        explicit_bzero(line, len);
        free(line);
        return NULL;
    }
    if (scan_selftest && n_kept < sizeof(kept_copies) / sizeof(kept_copies[0]))
        kept_copies[n_kept++] = strdup(line);
    return line;
}

static void free_responses(struct pam_response *r, int n)
{
    for (int i = 0; i < n; i++) {
        if (r[i].resp != NULL)
            explicit_bzero(r[i].resp, strlen(r[i].resp));
        free(r[i].resp);
    }
    free(r);
}

static int relay_conv(int n, const struct pam_message **msgs, struct pam_response **resp, void *ud)
{
    struct pam_response *r;

    if (conv_mode == CONV_FAIL)
        return PAM_CONV_ERR;
    r = calloc((size_t)n, sizeof(*r));
    if (r == NULL)
        return PAM_BUF_ERR;
    for (int i = 0; i < n; i++) {
        switch (msgs[i]->msg_style) {
        case PAM_PROMPT_ECHO_OFF:
        case PAM_PROMPT_ECHO_ON:
            print_escaped(msgs[i]->msg_style == PAM_PROMPT_ECHO_OFF ? "PROMPT_ECHO_OFF"
                                                                    : "PROMPT_ECHO_ON",
                          msgs[i]->msg);
            if (conv_mode == CONV_NULL)
                break;
            if (conv_mode == CONV_ESCAPE) {
                free(r);
                siglongjmp(escape_to, 1);
            }
            r[i].resp = read_answer();
            if (r[i].resp == NULL) {
                free_responses(r, n);
                return PAM_CONV_ERR;
            }
            break;
        case PAM_TEXT_INFO:
            print_escaped("INFO", msgs[i]->msg);
            break;
        case PAM_ERROR_MSG:
            print_escaped("ERROR", msgs[i]->msg);
            break;
        default:
            free_responses(r, n);
            return PAM_CONV_ERR;
        }
    }
    if (conv_mode == CONV_NULL) {
        free_responses(r, n);
        r = NULL;
    }
    *resp = r;
    return PAM_SUCCESS;
}

/* Fills the stack below this frame, where pam_authenticate's frames were, with junk. */
static __attribute__((noinline)) void overwrite_dead_stack(void)
{
    volatile unsigned char junk[256 * 1024];

    for (size_t i = 0; i < sizeof(junk); i++)
        junk[i] = 0xa5;
}

static int run_op(pam_handle_t *pamh, const char *op, int flags);

/* --conv escape: never returns. */
static __attribute__((noreturn)) void escape_from_auth(pam_handle_t *pamh, int flags)
{
    if (sigsetjmp(escape_to, 1) == 0) {
        int rc = run_op(pamh, "auth", flags);

        printf("RESULT auth %d not escaped\n", rc);
        fflush(stdout);
        _exit(1);
    }
    overwrite_dead_stack();
    usleep(ESCAPE_WAIT_MS * 1000);
    printf("RESULT auth 0 escaped\n");
    fflush(stdout);
    _exit(0);
}

static const char *code_name(int code)
{
    switch (code) {
    case PAM_SUCCESS:
        return "PAM_SUCCESS";
    case PAM_AUTH_ERR:
        return "PAM_AUTH_ERR";
    case PAM_USER_UNKNOWN:
        return "PAM_USER_UNKNOWN";
    case PAM_AUTHINFO_UNAVAIL:
        return "PAM_AUTHINFO_UNAVAIL";
    case PAM_IGNORE:
        return "PAM_IGNORE";
    case PAM_SERVICE_ERR:
        return "PAM_SERVICE_ERR";
    case PAM_CONV_ERR:
        return "PAM_CONV_ERR";
    case PAM_PERM_DENIED:
        return "PAM_PERM_DENIED";
    case PAM_MAXTRIES:
        return "PAM_MAXTRIES";
    case PAM_CRED_INSUFFICIENT:
        return "PAM_CRED_INSUFFICIENT";
    case PAM_BUF_ERR:
        return "PAM_BUF_ERR";
    case PAM_SYSTEM_ERR:
        return "PAM_SYSTEM_ERR";
    case PAM_INCOMPLETE:
        return "PAM_INCOMPLETE";
    case PAM_ABORT:
        return "PAM_ABORT";
    case PAM_NEW_AUTHTOK_REQD:
        return "PAM_NEW_AUTHTOK_REQD";
    case PAM_ACCT_EXPIRED:
        return "PAM_ACCT_EXPIRED";
    case PAM_CRED_ERR:
        return "PAM_CRED_ERR";
    case PAM_AUTHTOK_ERR:
        return "PAM_AUTHTOK_ERR";
    default:
        return "PAM_OTHER";
    }
}

static bool markers;
static bool report_resources;
static int threads_at_start;

/* Entries of a /proc directory, "." and ".." aside. */
static int count_entries(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *ent;
    int n = 0;

    if (d == NULL)
        return -1;
    while ((ent = readdir(d)) != NULL)
        if (ent->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

/* Whether socket inode is listed in /proc/self/net/tcp or tcp6 (a TCP socket). */
static bool is_tcp(unsigned long inode)
{
    static const char *const tables[] = { "/proc/self/net/tcp", "/proc/self/net/tcp6" };
    char line[512];
    bool found = false;

    for (size_t t = 0; t < 2 && !found; t++) {
        FILE *f = fopen(tables[t], "r");

        if (f == NULL)
            continue;
        while (!found && fgets(line, sizeof(line), f) != NULL) {
            unsigned long ino = 0;

            /* sl local rem st tx:rx tr:when retrnsmt uid timeout inode */
            if (sscanf(line, "%*s %*s %*s %*s %*s %*s %*s %*s %*s %lu", &ino) == 1 && ino == inode)
                found = true;
        }
        fclose(f);
    }
    return found;
}

static int count_tcp_sockets(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *ent;
    char path[300], target[64];
    unsigned long inode;
    int n = 0;

    if (d == NULL)
        return -1;
    while ((ent = readdir(d)) != NULL) {
        ssize_t len;

        if (ent->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "/proc/self/fd/%s", ent->d_name);
        len = readlink(path, target, sizeof(target) - 1);
        if (len <= 0)
            continue;
        target[len] = '\0';
        if (sscanf(target, "socket:[%lu]", &inode) == 1 && is_tcp(inode))
            n++;
    }
    closedir(d);
    return n;
}

/* A call strace can see: "begin" or "end" of operation op. */
static void mark(const char *edge, const char *op)
{
    char path[64];

    if (!markers)
        return;
    snprintf(path, sizeof(path), "/pcg-marker/%s-%s", edge, op);
    (void)access(path, F_OK);
}

static int call_op(pam_handle_t *pamh, const char *op, int flags)
{
    if (strcmp(op, "auth") == 0)
        return pam_authenticate(pamh, flags);
    if (strcmp(op, "acct") == 0)
        return pam_acct_mgmt(pamh, flags);
    if (strcmp(op, "setcred") == 0)
        return pam_setcred(pamh, PAM_ESTABLISH_CRED | flags);
    if (strcmp(op, "chauthtok") == 0)
        return pam_chauthtok(pamh, flags);
    return -1;
}

/*
 * pthread_join returns when the kernel clears the thread's tid, a moment
 * before it drops the thread from /proc/self/task: counted in between, a
 * joined thread would still be there. So a count above the expected one is
 * taken again, every 2 ms for up to a second; a thread that is really left
 * (blocked or running) stays listed.
 */
static int threads_listed(int expected)
{
    int n = count_entries("/proc/self/task");

    for (int i = 0; i < 500 && n > expected; i++) {
        usleep(2000);
        n = count_entries("/proc/self/task");
    }
    return n;
}

static void *note_tid(void *tid)
{
    *(pid_t *)tid = gettid();
    return NULL;
}

/* Until the joined thread tid has left /proc/self/task (at most a second). */
static void wait_until_gone(pid_t tid)
{
    char path[64];

    snprintf(path, sizeof(path), "/proc/self/task/%d", (int)tid);
    for (int i = 0; i < 500 && access(path, F_OK) == 0; i++)
        usleep(2000);
}

static int run_op(pam_handle_t *pamh, const char *op, int flags)
{
    int rc;

    mark("begin", op);
    rc = call_op(pamh, op, flags);
    mark("end", op);
    if (report_resources) {
        printf("RESOURCES %s new_threads=%d tcp=%d\n", op,
               threads_listed(threads_at_start) - threads_at_start, count_tcp_sockets());
        fflush(stdout);
    }
    return rc;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: pam_driver SERVICE USER [--rhost HOST] [--silent] "
            "[--conv relay|fail|null|escape] [--markers] [--report-resources] [--scan-memory] "
            "[--scan-selftest] "
            "[--show-env NAME]... [--signals] [OP...]  (OP: auth acct setcred chauthtok; default "
            "auth)\n");
    return 2;
}

/* --show-env: "ENV NAME=value" or "ENV NAME unset", as the driver sees it after pam_end. */
static const char *show_env[8];
static size_t n_show_env;

static void print_env(void)
{
    for (size_t i = 0; i < n_show_env; i++) {
        const char *v = getenv(show_env[i]);

        if (v != NULL)
            printf("ENV %s=%s\n", show_env[i], v);
        else
            printf("ENV %s unset\n", show_env[i]);
    }
}

/*
 * --signals: after pam_end, "SIGNALS mask=same|changed pipe_pending=0|1
 * pipe_handler=default|ignore|other" against the mask and SIGPIPE handler
 * the driver had before pam_start (the SIGPIPE handler is the default).
 */
static bool show_signals;
static sigset_t mask_before;

static void print_signals(void)
{
    sigset_t now, pending;
    struct sigaction sa;
    bool same = true;

    pthread_sigmask(SIG_SETMASK, NULL, &now);
    for (int sig = 1; sig < NSIG; sig++)
        if (sigismember(&now, sig) != sigismember(&mask_before, sig))
            same = false;
    sigpending(&pending);
    sigaction(SIGPIPE, NULL, &sa);
    printf("SIGNALS mask=%s pipe_pending=%d pipe_handler=%s\n", same ? "same" : "changed",
           sigismember(&pending, SIGPIPE) == 1,
           sa.sa_handler == SIG_DFL       ? "default"
               : sa.sa_handler == SIG_IGN ? "ignore"
                                          : "other");
}

int main(int argc, char **argv)
{
    struct pam_conv conv = { relay_conv, NULL };
    pam_handle_t *pamh = NULL;
    const char *rhost = NULL;
    int flags = 0, rc, first_op = argc;

    if (argc < 3)
        return usage();
    for (int i = 3; i < argc && first_op == argc; i++) {
        if (strcmp(argv[i], "--rhost") == 0 && i + 1 < argc) {
            rhost = argv[++i];
        } else if (strcmp(argv[i], "--silent") == 0) {
            flags |= PAM_SILENT;
        } else if (strcmp(argv[i], "--conv") == 0 && i + 1 < argc) {
            i++;
            if (strcmp(argv[i], "fail") == 0)
                conv_mode = CONV_FAIL;
            else if (strcmp(argv[i], "null") == 0)
                conv_mode = CONV_NULL;
            else if (strcmp(argv[i], "escape") == 0)
                conv_mode = CONV_ESCAPE;
            else if (strcmp(argv[i], "relay") != 0)
                return usage();
        } else if (strcmp(argv[i], "--markers") == 0) {
            markers = true;
        } else if (strcmp(argv[i], "--report-resources") == 0) {
            report_resources = true;
        } else if (strcmp(argv[i], "--scan-memory") == 0) {
            scan_memory = true;
        } else if (strcmp(argv[i], "--scan-selftest") == 0) {
            scan_memory = scan_selftest = true;
        } else if (strcmp(argv[i], "--show-env") == 0 && i + 1 < argc
                   && n_show_env < sizeof(show_env) / sizeof(show_env[0])) {
            show_env[n_show_env++] = argv[++i];
        } else if (strcmp(argv[i], "--signals") == 0) {
            show_signals = true;
        } else if (argv[i][0] == '-') {
            return usage();
        } else {
            first_op = i;
        }
    }
    if (show_signals) {
        signal(SIGPIPE, SIG_DFL);
        pthread_sigmask(SIG_SETMASK, NULL, &mask_before);
    }
    if (report_resources) {
        /*
         * ThreadSanitizer starts a thread of its own with the process's first
         * pthread_create: one made here counts it before pam_start.
         */
        pthread_t first;
        pid_t first_tid = 0;

        if (pthread_create(&first, NULL, note_tid, &first_tid) == 0) {
            pthread_join(first, NULL);
            wait_until_gone(first_tid);
        }
    }
    threads_at_start = count_entries("/proc/self/task");
    rc = pam_start(argv[1], argv[2], &conv, &pamh);
    if (rc != PAM_SUCCESS) {
        fprintf(stderr, "pam_start: %d\n", rc);
        return 1;
    }
    if (rhost != NULL)
        pam_set_item(pamh, PAM_RHOST, rhost);
    if (conv_mode == CONV_ESCAPE)
        escape_from_auth(pamh, flags);
    if (first_op == argc) {
        rc = run_op(pamh, "auth", flags);
        printf("RESULT auth %d %s\n", rc, code_name(rc));
    }
    for (int i = first_op; i < argc; i++) {
        rc = run_op(pamh, argv[i], flags);
        if (rc == -1) {
            pam_end(pamh, PAM_SUCCESS);
            return usage();
        }
        printf("RESULT %s %d %s\n", argv[i], rc, code_name(rc));
        fflush(stdout);
    }
    pam_end(pamh, rc);
    print_env();
    if (show_signals)
        print_signals();
    fflush(stdout);
    if (scan_memory && pcg_scan_report(stdout) < 0) {
        fprintf(stderr, "pam_driver: cannot scan its own memory\n");
        return 1;
    }
    for (size_t i = 0; i < n_kept; i++)
        free(kept_copies[i]);
    return 0;
}

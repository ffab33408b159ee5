/*
 * Many logins in one process, through libpam (under pam_wrapper) and the
 * module's entry points, for test_threads.py:
 *
 *   pam_threads SERVICE PREFIX threads N
 *       N threads, each signs in user PREFIX<i> (i = 0..N-1, three digits)
 *       with its own PAM handle. All start together (a barrier) and each
 *       waits at its password prompt until every other thread is at its own
 *       prompt or done, so all N are inside pam_authenticate at once.
 *   pam_threads SERVICE USER loop N WARMUP
 *       N logins of USER one after the other; prints the resident set size
 *       after WARMUP logins and after all N.
 *   pam_threads SERVICE USER churn N
 *       N logins of USER one after the other while another thread keeps
 *       calling setenv, as a multi-threaded host may; that thread checks at
 *       every turn that the environment still holds PCG_MARK=kept, and
 *       prints "ENV lost=<turns it did not> turns=<n>" at the end.
 *
 * stdin: the password on the first line, the TOTP secret in hex on the
 * second (empty: no code prompt is expected). Prints "READY" at once, then
 * "FAIL <user> <PAM code>" for each failed login and, at the end,
 * "RESULT ok=<n> fail=<n> together=<most threads at a prompt at once>"
 * and, in loop mode, "RSS warm_kib=<n> end_kib=<n>".
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <security/pam_appl.h>

#define MAX_THREADS 1000
#define GATHER_WAIT_S 300

static char password[256];
static unsigned char totp_key[64];
static size_t totp_key_len;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t start_line;
static int n_threads;
static int at_prompt, done_without_prompt, together;
static bool gather;

struct job {
    char user[64];
    bool prompted;
    int rc;
};

/* RFC 6238 code of the current 30 s step (HMAC-SHA1, 6 digits). */
static void totp_now(char out[7])
{
    uint64_t counter = (uint64_t)time(NULL) / 30;
    unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    uint32_t bin;
    int off;

    for (int i = 7; i >= 0; i--) {
        msg[i] = (unsigned char)(counter & 0xff);
        counter >>= 8;
    }
    HMAC(EVP_sha1(), totp_key, (int)totp_key_len, msg, sizeof(msg), mac, &mac_len);
    off = mac[mac_len - 1] & 0x0f;
    bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16)
        | ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
    snprintf(out, 7, "%06u", (unsigned)(bin % 1000000));
}

/* Holds a thread at its password prompt until every thread is at one or done. */
static void wait_for_everyone(struct job *job)
{
    struct timespec deadline;

    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += GATHER_WAIT_S;
    pthread_mutex_lock(&lock);
    job->prompted = true;
    at_prompt++;
    if (at_prompt > together)
        together = at_prompt;
    pthread_cond_broadcast(&changed);
    while (at_prompt + done_without_prompt < n_threads)
        if (pthread_cond_timedwait(&changed, &lock, &deadline) == ETIMEDOUT)
            break;
    pthread_mutex_unlock(&lock);
}

static int conv(int n, const struct pam_message **msgs, struct pam_response **resp, void *ud)
{
    struct job *job = ud;
    struct pam_response *r = calloc((size_t)n, sizeof(*r));
    char code[7];

    if (r == NULL)
        return PAM_BUF_ERR;
    for (int i = 0; i < n; i++) {
        if (msgs[i]->msg_style != PAM_PROMPT_ECHO_OFF && msgs[i]->msg_style != PAM_PROMPT_ECHO_ON)
            continue;
        if (strstr(msgs[i]->msg, "assword") != NULL) {
            if (gather && !job->prompted)
                wait_for_everyone(job);
            r[i].resp = strdup(password);
        } else if (totp_key_len > 0) {
            totp_now(code);
            r[i].resp = strdup(code);
        }
        if (r[i].resp == NULL) {
            for (int j = 0; j < i; j++)
                free(r[j].resp);
            free(r);
            return PAM_CONV_ERR;
        }
    }
    *resp = r;
    return PAM_SUCCESS;
}

static int login(const char *service, struct job *job)
{
    struct pam_conv c = { conv, job };
    pam_handle_t *pamh = NULL;
    int rc = pam_start(service, job->user, &c, &pamh);

    if (rc != PAM_SUCCESS)
        return rc;
    rc = pam_authenticate(pamh, 0);
    pam_end(pamh, rc);
    return rc;
}

static const char *service_name;

static void *thread_main(void *arg)
{
    struct job *job = arg;

    pthread_barrier_wait(&start_line);
    job->rc = login(service_name, job);
    pthread_mutex_lock(&lock);
    if (!job->prompted)
        done_without_prompt++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static long rss_kib(void)
{
    long pages = -1, resident = -1;
    FILE *f = fopen("/proc/self/statm", "r");

    if (f == NULL)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static int read_input(void)
{
    char hex[sizeof(totp_key) * 2 + 2];
    size_t n;

    if (fgets(password, sizeof(password), stdin) == NULL || fgets(hex, sizeof(hex), stdin) == NULL)
        return -1;
    password[strcspn(password, "\n")] = '\0';
    hex[strcspn(hex, "\n")] = '\0';
    n = strlen(hex);
    if (n % 2 != 0)
        return -1;
    for (size_t i = 0; i < n; i += 2) {
        unsigned v;

        if (sscanf(hex + i, "%2x", &v) != 1)
            return -1;
        totp_key[totp_key_len++] = (unsigned char)v;
    }
    return 0;
}

static int run_threads(const char *prefix, int n)
{
    struct job *jobs = calloc((size_t)n, sizeof(*jobs));
    pthread_t *tids = calloc((size_t)n, sizeof(*tids));
    int ok = 0, fail = 0, started = 0;
    struct passwd pw, *found = NULL;
    char pwbuf[4096];

    if (jobs == NULL || tids == NULL || pthread_barrier_init(&start_line, NULL, (unsigned)n) != 0)
        return 1;
    n_threads = n;
    gather = true;
    /*
     * nss_wrapper loads its passwd file on the first lookup without a lock:
     * threads that look up at once then may miss users (glibc's NSS does
     * not). One lookup first, so the test sees the module, not the wrapper.
     */
    snprintf(jobs[0].user, sizeof(jobs[0].user), "%s%03d", prefix, 0);
    (void)getpwnam_r(jobs[0].user, &pw, pwbuf, sizeof(pwbuf), &found);
    for (int i = 0; i < n; i++) {
        snprintf(jobs[i].user, sizeof(jobs[i].user), "%s%03d", prefix, i);
        if (pthread_create(&tids[i], NULL, thread_main, &jobs[i]) != 0) {
            fprintf(stderr, "pam_threads: cannot start thread %d\n", i);
            return 1; /* the others wait at the barrier: exit without them */
        }
        started++;
    }
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    for (int i = 0; i < n; i++) {
        if (jobs[i].rc == PAM_SUCCESS) {
            ok++;
        } else {
            fail++;
            printf("FAIL %s %d\n", jobs[i].user, jobs[i].rc);
        }
    }
    printf("RESULT ok=%d fail=%d together=%d\n", ok, fail, together);
    pthread_barrier_destroy(&start_line);
    free(jobs);
    free(tids);
    return 0;
}

static int run_loop(const char *user, int n, int warmup)
{
    struct job job;
    long warm = -1;
    int ok = 0, fail = 0;

    for (int i = 0; i < n; i++) {
        memset(&job, 0, sizeof(job));
        snprintf(job.user, sizeof(job.user), "%s", user);
        job.rc = login(service_name, &job);
        if (job.rc == PAM_SUCCESS) {
            ok++;
        } else {
            fail++;
            printf("FAIL %s %d\n", job.user, job.rc);
        }
        if (i + 1 == warmup)
            warm = rss_kib();
    }
    printf("RESULT ok=%d fail=%d together=1\n", ok, fail);
    printf("RSS warm_kib=%ld end_kib=%ld\n", warm, rss_kib());
    return 0;
}

static atomic_bool churn_stop;
static long churn_lost, churn_turns;

static void *churn_main(void *arg)
{
    (void)arg;
    while (!atomic_load(&churn_stop)) {
        const char *mark = getenv("PCG_MARK");

        if (mark == NULL || strcmp(mark, "kept") != 0)
            churn_lost++;
        /* The variable exists already, so glibc replaces its value in place. */
        (void)setenv("PCG_CHURN", churn_turns % 2 ? "odd" : "even", 1);
        churn_turns++;
    }
    return NULL;
}

static int run_churn(const char *user, int n)
{
    pthread_t churner;
    int rc;

    if (setenv("PCG_MARK", "kept", 1) != 0 || setenv("PCG_CHURN", "even", 1) != 0
        || pthread_create(&churner, NULL, churn_main, NULL) != 0)
        return 1;
    rc = run_loop(user, n, n);
    atomic_store(&churn_stop, true);
    pthread_join(churner, NULL);
    printf("ENV lost=%ld turns=%ld\n", churn_lost, churn_turns);
    return rc;
}

int main(int argc, char **argv)
{
    int n, rc;

    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("READY\n");
    if (argc < 5 || read_input() != 0)
        goto usage;
    service_name = argv[1];
    n = atoi(argv[4]);
    if (n < 1 || n > MAX_THREADS)
        goto usage;
    if (strcmp(argv[3], "threads") == 0)
        rc = run_threads(argv[2], n);
    else if (strcmp(argv[3], "loop") == 0 && argc == 6)
        rc = run_loop(argv[2], n, atoi(argv[5]));
    else if (strcmp(argv[3], "churn") == 0)
        rc = run_churn(argv[2], n);
    else
        goto usage;
    OPENSSL_cleanse(password, sizeof(password));
    return rc;
usage:
    fprintf(stderr,
            "usage: pam_threads SERVICE PREFIX threads N | SERVICE USER loop N WARMUP | "
            "SERVICE USER churn N "
            "(stdin: password, hex TOTP secret)\n");
    return 2;
}

/*
 * A helper thread for the first phase of a sign-in (login_early.h).
 *
 * Why a thread: the PAM conversation blocks the calling thread until the
 * person has answered, so nothing can happen on that thread while the prompt
 * is open. The thread is joined before pam_sm_authenticate returns, on every
 * path, so no thread, socket or memory of the login outlives the call; it
 * runs with every signal blocked, so the signals of the host (sshd's
 * LoginGraceTime SIGALRM, SIGCHLD, SIGINT) still reach the threads that
 * expect them. It never prompts and never logs by itself: PAM handles are
 * not meant to be used from two threads, so its log lines are kept and
 * written by the caller's thread after the join.
 *
 * It runs on the caller's CPU. It works while the caller waits, in the
 * conversation and then in the join, so the two never need a CPU at the same
 * time; on the caller's CPU the libraries' code and data are in its caches,
 * and waking the thread or changing the process's mappings needs no
 * interrupt to another CPU, which virtual machines make expensive (an A/B run
 * on the 2-core build VM: 0.5 to 0.9 ms less CPU per login).
 */
#include "config.h"

#include "pam/login_early.h"

#include "cognito/lib_init.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCG_EARLY_LOG_LINES 16
#define PCG_EARLY_LOG_LINE_MAX 512

struct pcg_login_early {
    pthread_t thread;
    bool running; /* started and not joined */
    /*
     * The thread reads only what it owns: a copy of the config and of the
     * caller's log handle, so that a host that leaves the conversation by
     * longjmp or thread cancellation cannot make it read a freed stack.
     */
    struct pcg_conf conf;
    bool conf_copied;
    char *pam_user;
    char *client_ip;
    struct pcg_log real;     /* the caller's log handle, by value */
    struct pcg_log deferred; /* what the phase logs to */
    bool direct;             /* joined: deferred writes straight to real */
    int n_lines;
    int priority[PCG_EARLY_LOG_LINES];
    char lines[PCG_EARLY_LOG_LINES][PCG_EARLY_LOG_LINE_MAX];
    struct pcg_login_started started;
};

static void deferred_emit(void *ud, int priority, const char *line)
{
    struct pcg_login_early *e = ud;

    if (e->direct) {
        if (e->real.emit != NULL)
            e->real.emit(e->real.ud, priority, line);
        return;
    }
    if (e->n_lines == PCG_EARLY_LOG_LINES)
        return;
    e->priority[e->n_lines] = priority;
    snprintf(e->lines[e->n_lines++], PCG_EARLY_LOG_LINE_MAX, "%s", line);
}

static void *early_main(void *arg)
{
    struct pcg_login_early *e = arg;

    pcg_login_start(&e->started, &e->conf, e->pam_user, e->client_ip, &e->deferred);
    return NULL;
}

/* A thread kept on the caller's current CPU, else unpinned; false when neither starts. */
static bool start_on_this_cpu(struct pcg_login_early *e)
{
    int cpu = sched_getcpu();
    pthread_attr_t attr;
    cpu_set_t set;
    bool started = false;

    if (cpu >= 0 && cpu < CPU_SETSIZE && pthread_attr_init(&attr) == 0) {
        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        started = pthread_attr_setaffinity_np(&attr, sizeof(set), &set) == 0
            && pthread_create(&e->thread, &attr, early_main, e) == 0;
        pthread_attr_destroy(&attr);
    }
    /* Unpinned also when the CPU has left the process's set since (a cpuset changed). */
    return started || pthread_create(&e->thread, NULL, early_main, e) == 0;
}

struct pcg_login_early *pcg_login_early_start(const struct pcg_conf *conf, const char *pam_user,
                                              const char *client_ip, const struct pcg_log *log)
{
    struct pcg_login_early *e;
    sigset_t all, old;

    if (conf->auth_flow != PCG_FLOW_SRP && conf->auth_flow != PCG_FLOW_PASSWORD)
        return NULL;
    /* Refused here when the environment names a key log file (lib_init.c). */
    if (!pcg_libs_init())
        return NULL;
    e = calloc(1, sizeof(*e));
    if (e == NULL)
        return NULL;
    e->conf_copied = pcg_conf_copy(&e->conf, conf);
    if (!e->conf_copied)
        goto fail;
    e->real = *log;
    e->deferred = (struct pcg_log){ .emit = deferred_emit, .ud = e, .debug = log->debug };
    e->pam_user = strdup(pam_user);
    e->client_ip = client_ip != NULL ? strdup(client_ip) : NULL;
    if (e->pam_user == NULL || (client_ip != NULL && e->client_ip == NULL))
        goto fail;
    /* The thread inherits the mask in force when it is created. */
    sigfillset(&all);
    if (pthread_sigmask(SIG_SETMASK, &all, &old) != 0)
        goto fail;
    e->running = start_on_this_cpu(e);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!e->running)
        goto fail;
    return e;
fail:
    pcg_login_early_end(e);
    return NULL;
}

struct pcg_login_started *pcg_login_early_join(struct pcg_login_early *e)
{
    if (e == NULL)
        return NULL;
    if (e->running) {
        pthread_join(e->thread, NULL);
        e->running = false;
    }
    if (!e->direct) {
        for (int i = 0; i < e->n_lines; i++)
            if (e->real.emit != NULL)
                e->real.emit(e->real.ud, e->priority[i], e->lines[i]);
        e->direct = true;
    }
    return &e->started;
}

void pcg_login_early_end(struct pcg_login_early *e)
{
    if (e == NULL)
        return;
    pcg_login_early_join(e);
    pcg_login_started_clear(&e->started);
    if (e->conf_copied)
        pcg_conf_free(&e->conf);
    free(e->pam_user);
    free(e->client_ip);
    free(e);
}

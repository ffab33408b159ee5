/* sigpipe_guard.h */
#include "config.h"

#include "cognito/sigpipe_guard.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

static void pipe_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGPIPE);
}

static bool pipe_pending(void)
{
    sigset_t pending;

    return sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
}

void pcg_sigpipe_block(struct pcg_sigpipe_guard *g)
{
    sigset_t pipe;

    memset(g, 0, sizeof(*g));
    pipe_set(&pipe);
    /* Pending and not delivered: the caller has it blocked, and it is theirs. */
    g->was_pending = pipe_pending();
    g->active = pthread_sigmask(SIG_BLOCK, &pipe, &g->caller_mask) == 0;
}

void pcg_sigpipe_restore(struct pcg_sigpipe_guard *g)
{
    static const struct timespec no_wait = { 0, 0 };
    sigset_t pipe;

    if (!g->active)
        return;
    pipe_set(&pipe);
    /* A SIGPIPE raised by our writes is thread-directed: take it here. */
    if (!g->was_pending && pipe_pending()) {
        while (sigtimedwait(&pipe, NULL, &no_wait) < 0 && errno == EINTR)
            ;
    }
    pthread_sigmask(SIG_SETMASK, &g->caller_mask, NULL);
    g->active = false;
}

#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include "cognito/sigpipe_guard.h"

static bool same_mask(const sigset_t *a, const sigset_t *b)
{
    for (int sig = 1; sig < NSIG; sig++)
        if (sigismember(a, sig) != sigismember(b, sig))
            return false;
    return true;
}

static bool pipe_pending(void)
{
    sigset_t pending;

    assert_int_equal(sigpending(&pending), 0);
    return sigismember(&pending, SIGPIPE) == 1;
}

static int default_disposition(void **state)
{
    sigset_t none;

    signal(SIGPIPE, SIG_DFL);
    sigemptyset(&none);
    return pthread_sigmask(SIG_SETMASK, &none, NULL);
}

/* What a write to a reset socket does without MSG_NOSIGNAL: SIGPIPE to this thread. */
static void raise_pipe(void)
{
    assert_int_equal(pthread_kill(pthread_self(), SIGPIPE), 0);
}

static void test_a_sigpipe_inside_is_swallowed_and_the_mask_restored(void **state)
{
    struct pcg_sigpipe_guard g;
    sigset_t before, after;

    /* Something unrelated blocked by the caller stays blocked. */
    sigemptyset(&before);
    sigaddset(&before, SIGUSR1);
    assert_int_equal(pthread_sigmask(SIG_SETMASK, &before, NULL), 0);
    pcg_sigpipe_block(&g);
    raise_pipe(); /* at default disposition this would end the test program */
    pcg_sigpipe_restore(&g);
    assert_int_equal(pthread_sigmask(SIG_SETMASK, NULL, &after), 0);
    assert_true(same_mask(&before, &after));
    assert_false(pipe_pending());
}

static void test_a_caller_that_blocks_sigpipe_keeps_it_blocked(void **state)
{
    struct pcg_sigpipe_guard g;
    sigset_t before, after;

    sigemptyset(&before);
    sigaddset(&before, SIGPIPE);
    assert_int_equal(pthread_sigmask(SIG_SETMASK, &before, NULL), 0);
    pcg_sigpipe_block(&g);
    raise_pipe();
    pcg_sigpipe_restore(&g);
    assert_int_equal(pthread_sigmask(SIG_SETMASK, NULL, &after), 0);
    assert_true(same_mask(&before, &after));
    assert_false(pipe_pending());
}

static void test_the_callers_own_pending_sigpipe_is_left_pending(void **state)
{
    struct pcg_sigpipe_guard g;
    sigset_t pipe;

    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    assert_int_equal(pthread_sigmask(SIG_SETMASK, &pipe, NULL), 0);
    raise_pipe();
    assert_true(pipe_pending());
    pcg_sigpipe_block(&g);
    pcg_sigpipe_restore(&g);
    assert_true(pipe_pending());
    signal(SIGPIPE, SIG_IGN); /* discards it */
}

static void test_nothing_happens_when_nothing_is_raised(void **state)
{
    struct pcg_sigpipe_guard g;
    sigset_t after;
    struct sigaction sa;

    pcg_sigpipe_block(&g);
    pcg_sigpipe_restore(&g);
    assert_int_equal(pthread_sigmask(SIG_SETMASK, NULL, &after), 0);
    assert_int_equal(sigismember(&after, SIGPIPE), 0);
    assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
    assert_true(sa.sa_handler == SIG_DFL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_a_sigpipe_inside_is_swallowed_and_the_mask_restored,
                               default_disposition),
        cmocka_unit_test_setup(test_a_caller_that_blocks_sigpipe_keeps_it_blocked,
                               default_disposition),
        cmocka_unit_test_setup(test_the_callers_own_pending_sigpipe_is_left_pending,
                               default_disposition),
        cmocka_unit_test_setup(test_nothing_happens_when_nothing_is_raised, default_disposition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cognito/lib_init.h"

extern char **environ;

/*
 * libcurl 7.88 opens SSLKEYLOGFILE for appending in curl_global_init, so
 * while it is set the libraries are not initialised at all; environ is never
 * assigned, so the caller's array and strings stay as they were.
 */
static void test_a_key_log_file_in_the_environment_stops_initialisation(void **state)
{
    char dir[] = "/tmp/pcg-lib-init-XXXXXX";
    char keylog[sizeof(dir) + 16];
    char **before;

    assert_non_null(mkdtemp(dir));
    snprintf(keylog, sizeof(keylog), "%s/keylog", dir);
    assert_int_equal(setenv("SSLKEYLOGFILE", keylog, 1), 0);
    assert_int_equal(setenv("CURL_SSL_BACKEND", "gnutls", 1), 0);
    before = environ;

    assert_string_equal(pcg_environment_hazard(), "SSLKEYLOGFILE");
    assert_false(pcg_libs_init());
    assert_int_equal(access(keylog, F_OK), -1);
    assert_int_equal(setenv("SSLKEYLOGFILE", "", 1), 0);
    assert_false(pcg_libs_init()); /* set, even empty: the caller's choice */

    assert_int_equal(unsetenv("SSLKEYLOGFILE"), 0);
    assert_null(pcg_environment_hazard());
    assert_true(pcg_libs_init());
    assert_true(pcg_libs_init()); /* once per process; later calls are cheap */
    assert_ptr_equal(environ, before);
    assert_string_equal(getenv("CURL_SSL_BACKEND"), "gnutls");
    assert_int_equal(access(keylog, F_OK), -1);
    rmdir(dir);
}

/* Set after a good initialisation, the variable still stops every later one. */
static void test_the_refusal_holds_after_initialisation(void **state)
{
    assert_true(pcg_libs_init());
    assert_int_equal(setenv("SSLKEYLOGFILE", "/nonexistent/keylog", 1), 0);
    assert_false(pcg_libs_init());
    assert_int_equal(unsetenv("SSLKEYLOGFILE"), 0);
    assert_true(pcg_libs_init());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_key_log_file_in_the_environment_stops_initialisation),
        cmocka_unit_test(test_the_refusal_holds_after_initialisation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

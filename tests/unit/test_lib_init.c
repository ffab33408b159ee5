#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib_init.h"

extern char **environ;

/*
 * libcurl 7.88 opens SSLKEYLOGFILE for appending in curl_global_init, so
 * the file would appear right there; and the caller's environment must be
 * back afterwards, the same array and the same strings.
 */
static void test_libraries_are_initialised_without_the_callers_environment(void **state)
{
    char dir[] = "/tmp/pcg-lib-init-XXXXXX";
    char keylog[sizeof(dir) + 16];
    char **before;

    assert_non_null(mkdtemp(dir));
    snprintf(keylog, sizeof(keylog), "%s/keylog", dir);
    assert_int_equal(setenv("SSLKEYLOGFILE", keylog, 1), 0);
    assert_int_equal(setenv("CURL_SSL_BACKEND", "gnutls", 1), 0);
    before = environ;

    assert_true(pcg_libs_init());
    assert_true(pcg_libs_init()); /* once per process; later calls are cheap */

    assert_int_equal(access(keylog, F_OK), -1);
    assert_ptr_equal(environ, before);
    assert_string_equal(getenv("SSLKEYLOGFILE"), keylog);
    assert_string_equal(getenv("CURL_SSL_BACKEND"), "gnutls");
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_libraries_are_initialised_without_the_callers_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

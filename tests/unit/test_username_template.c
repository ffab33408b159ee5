#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "conf/username_template.h"

static void test_username_template_expands(void **state)
{
    char *s = pcg_username_expand("%u@example.com", "alice");

    assert_string_equal(s, "alice@example.com");
    free(s);
    s = pcg_username_expand("%%u-%u", "bob");
    assert_string_equal(s, "%u-bob");
    free(s);
}

static void test_username_template_does_not_reinterpret_the_user(void **state)
{
    char *s = pcg_username_expand("x%u", "%u%%");

    assert_string_equal(s, "x%u%%");
    free(s);
}

static void test_username_template_refuses_bad_templates(void **state)
{
    char longuser[400];

    assert_null(pcg_username_expand("%x", "bob"));
    assert_null(pcg_username_expand("trailing%", "bob"));
    memset(longuser, 'a', sizeof(longuser) - 1);
    longuser[sizeof(longuser) - 1] = '\0';
    assert_null(pcg_username_expand("%u", longuser));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_username_template_expands),
        cmocka_unit_test(test_username_template_does_not_reinterpret_the_user),
        cmocka_unit_test(test_username_template_refuses_bad_templates),
    };
    return cmocka_run_group_tests_name("username_template", tests, NULL, NULL);
}

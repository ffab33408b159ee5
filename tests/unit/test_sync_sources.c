#include "config.h"

/* Where the sync's input comes from: AWS credentials (environment, IMDS refusals) and names back through the username template. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "accounts/aws_credentials.h"
#include "accounts/directory_list.h"
#include "cognito/cognito_client.h"

#define AKID "AKIDEXAMPLE01234"
#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

static const char *const *fake_env;

static char *lookup(const char *name)
{
    for (size_t i = 0; fake_env[i] != NULL; i += 2)
        if (strcmp(fake_env[i], name) == 0)
            return (char *)fake_env[i + 1];
    return NULL;
}

static enum pcg_aws_credentials_status find(const char *const *env, struct pcg_aws_credentials *c,
                                            char *err, size_t errlen)
{
    fake_env = env;
    return pcg_aws_credentials_find(lookup, c, err, errlen);
}

static void test_environment_first(void **state)
{
    const char *env[] = { "AWS_ACCESS_KEY_ID",
                          AKID,
                          "AWS_SECRET_ACCESS_KEY",
                          SECRET,
                          "AWS_SESSION_TOKEN",
                          "tok/en+=",
                          "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                          "http://127.0.0.1:1",
                          NULL };
    const char *no_token[] = {
        "AWS_ACCESS_KEY_ID", AKID, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", "", NULL
    };
    struct pcg_aws_credentials c;
    char err[256];

    (void)state;
    assert_int_equal(find(env, &c, err, sizeof(err)), PCG_AWS_CREDENTIALS_OK);
    assert_string_equal(c.access_key_id, AKID);
    assert_string_equal(c.secret_access_key, SECRET);
    assert_string_equal(c.session_token, "tok/en+=");
    assert_string_equal(c.source, "environment");
    pcg_aws_credentials_free(&c);
    assert_null(c.access_key_id);
    assert_int_equal(find(no_token, &c, err, sizeof(err)), PCG_AWS_CREDENTIALS_OK);
    assert_null(c.session_token); /* an empty token is no token, as the SDKs have it */
    pcg_aws_credentials_free(&c);
}

#define assert_refused(env, status, needle)                           \
    do {                                                              \
        struct pcg_aws_credentials c_;                                \
        char err_[256];                                               \
        assert_int_equal(find(env, &c_, err_, sizeof(err_)), status); \
        assert_non_null(strstr(err_, needle));                        \
        assert_null(strstr(err_, SECRET));                            \
        assert_null(c_.access_key_id);                                \
    } while (0)

static void test_environment_refused(void **state)
{
    const char *half[] = { "AWS_ACCESS_KEY_ID", AKID, NULL };
    const char *other_half[] = { "AWS_SECRET_ACCESS_KEY", SECRET, NULL };
    const char *lower[] = { "AWS_ACCESS_KEY_ID", "akidexample01234", "AWS_SECRET_ACCESS_KEY",
                            SECRET, NULL };
    const char *short_id[] = { "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", SECRET, NULL };
    const char *blank[] = { "AWS_ACCESS_KEY_ID", AKID, "AWS_SECRET_ACCESS_KEY", SECRET " x", NULL };
    const char *newline[] = {
        "AWS_ACCESS_KEY_ID", AKID, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN",
        "a\nX-Injected: 1",  NULL
    };

    (void)state;
    assert_refused(half, PCG_AWS_CREDENTIALS_BAD, "must be set together");
    assert_refused(other_half, PCG_AWS_CREDENTIALS_BAD, "must be set together");
    assert_refused(lower, PCG_AWS_CREDENTIALS_BAD, "A-Z and 0-9");
    assert_refused(short_id, PCG_AWS_CREDENTIALS_BAD, "16 to 128");
    assert_refused(blank, PCG_AWS_CREDENTIALS_BAD, "secret access key");
    assert_refused(newline, PCG_AWS_CREDENTIALS_BAD, "session token");
}

static void test_instance_role_refusals(void **state)
{
    const char *disabled[] = { "AWS_EC2_METADATA_DISABLED", "TRUE", NULL };
    const char *not_http[] = { "AWS_EC2_METADATA_SERVICE_ENDPOINT", "file:///etc/passwd", NULL };
    const char *nobody[] = { "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1/", NULL };

    (void)state;
    assert_refused(disabled, PCG_AWS_CREDENTIALS_NONE, "AWS_EC2_METADATA_DISABLED");
    assert_refused(not_http, PCG_AWS_CREDENTIALS_BAD, "http:// or https://");
    assert_refused(nobody, PCG_AWS_CREDENTIALS_NONE, "no IMDSv2 token");
}

static const char *unexpand(const char *template, const char *value, bool *unsupported)
{
    static char out[PCG_USERNAME_MAX + 1];

    return pcg_directory_unexpand(template, value, out, sizeof(out), unsupported);
}

static void test_names_back_through_the_template(void **state)
{
    bool unsupported;

    (void)state;
    assert_string_equal(unexpand("%u", "alice", &unsupported), "alice");
    assert_false(unsupported);
    assert_string_equal(unexpand("corp-%u", "corp-alice", &unsupported), "alice");
    assert_null(unexpand("corp-%u", "alice", &unsupported));
    assert_false(unsupported);
    assert_string_equal(unexpand("%u@example.com", "bob@example.com", &unsupported), "bob");
    assert_null(unexpand("%u@example.com", "bob@example.org", &unsupported));
    assert_string_equal(unexpand("100%%-%u", "100%-carol", &unsupported), "carol");
    assert_string_equal(unexpand("x%u", "x", &unsupported), "");
    assert_null(unexpand("ab%uba", "aba", &unsupported)); /* prefix and suffix may not overlap */
}

static void test_templates_the_sync_cannot_reverse(void **state)
{
    bool unsupported;

    (void)state;
    assert_null(unexpand("%u%u", "aa", &unsupported));
    assert_true(unsupported);
    assert_null(unexpand("fixed", "fixed", &unsupported));
    assert_true(unsupported);
    assert_null(unexpand("%x%u", "%xalice", &unsupported));
    assert_true(unsupported);
    assert_null(unexpand("%u-%", "alice-%", &unsupported));
    assert_true(unsupported);
}

static struct pcg_client *signed_client(const char *region, const char *token)
{
    struct pcg_aws_signing sig = { .region = region,
                                   .service = "cognito-idp",
                                   .access_key_id = AKID,
                                   .secret_access_key = SECRET,
                                   .session_token = token };
    struct pcg_client_opts opts = { .endpoint = "https://localhost:1/",
                                    .timeout = 1,
                                    .signing = &sig,
                                    .max_response = 2u * 1024 * 1024 };

    return pcg_client_new(&opts);
}

static void test_signing_setup(void **state)
{
    struct pcg_client *c;
    char long_region[200];

    (void)state;
    c = signed_client("eu-west-1", "tok/en+=");
    assert_non_null(c);
    pcg_client_free(c);
    c = signed_client("eu-west-1", NULL);
    assert_non_null(c);
    pcg_client_free(c);
    /* A header split in two, or a scope that does not fit, makes no client. */
    assert_null(signed_client("eu-west-1", "a\r\nX-Injected: 1"));
    assert_null(signed_client("eu-west-1", ""));
    memset(long_region, 'a', sizeof(long_region) - 1);
    long_region[sizeof(long_region) - 1] = '\0';
    assert_null(signed_client(long_region, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_environment_first),
        cmocka_unit_test(test_environment_refused),
        cmocka_unit_test(test_instance_role_refusals),
        cmocka_unit_test(test_names_back_through_the_template),
        cmocka_unit_test(test_templates_the_sync_cannot_reverse),
        cmocka_unit_test(test_signing_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "config.h"

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>

#include <cmocka.h>

#include "conf/conf.h"

#define MINIMAL "user_pool_id = eu-west-1_AbC123xyz\nclient_id = 1example23456789\n"
#define SECRET "S3cr3tV4lue"

static char tmpdir[] = "/tmp/pcg_test_conf.XXXXXX";

/* ---- helpers ---- */

static enum pcg_conf_status parse_n(struct pcg_conf *c, const char *text, size_t len,
                                    bool secret_allowed, char *err, size_t errlen)
{
    pcg_conf_defaults(c);
    err[0] = '\0';
    return pcg_conf_parse_text(c, text, len, secret_allowed, err, errlen);
}

static enum pcg_conf_status parse(struct pcg_conf *c, const char *text, char *err, size_t errlen)
{
    return parse_n(c, text, strlen(text), true, err, errlen);
}

/* text must fail to parse with a message containing needle. */
#define assert_parse_err(text, needle) assert_parse_err_at(text, needle, __FILE__, __LINE__)
static void assert_parse_err_at(const char *text, const char *needle, const char *file, int line)
{
    struct pcg_conf c;
    char err[512];

    if (parse(&c, text, err, sizeof(err)) != PCG_CONF_ERR || strstr(err, needle) == NULL) {
        pcg_conf_free(&c);
        fail_msg("%s:%d: parsing [%s] gave '%s', wanted an error with '%s'", file, line, text, err,
                 needle);
    }
    pcg_conf_free(&c);
}

#define assert_parse_ok(text) assert_parse_ok_at(text, __FILE__, __LINE__)
static void assert_parse_ok_at(const char *text, const char *file, int line)
{
    struct pcg_conf c;
    char err[512];

    if (parse(&c, text, err, sizeof(err)) != PCG_CONF_OK) {
        pcg_conf_free(&c);
        fail_msg("%s:%d: parsing [%s] failed: %s", file, line, text, err);
    }
    pcg_conf_free(&c);
}

/* Parses MINIMAL plus extra and runs finish; returns the status. */
static enum pcg_conf_status parse_finish(struct pcg_conf *c, const char *extra, char *err,
                                         size_t errlen)
{
    char text[4096];
    enum pcg_conf_status st;

    snprintf(text, sizeof(text), "%s%s", MINIMAL, extra);
    st = parse(c, text, err, errlen);
    if (st == PCG_CONF_OK)
        st = pcg_conf_finish(c, err, errlen);
    return st;
}

static char *tmp_path(const char *name)
{
    static char path[512];

    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    return path;
}

/* Writes len bytes to tmpdir/name with exactly the given mode and owner. */
static char *write_file_n(const char *name, const char *text, size_t len, mode_t mode, uid_t uid)
{
    char *path = tmp_path(name);
    int fd;

    unlink(path);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    assert_int_equal(fchown(fd, uid, 0), 0);
    assert_int_equal(fchmod(fd, mode), 0);
    assert_int_equal(close(fd), 0);
    return path;
}

static char *write_file(const char *name, const char *text, mode_t mode, uid_t uid)
{
    return write_file_n(name, text, strlen(text), mode, uid);
}

static int rm_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)type;
    (void)ftw;
    return remove(path);
}

static int setup_dir(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int teardown_dir(void **state)
{
    (void)state;
    return nftw(tmpdir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* ---- defaults and a full file ---- */

static void test_defaults(void **state)
{
    struct pcg_conf c;

    (void)state;
    memset(&c, 0xa5, sizeof(c));
    pcg_conf_defaults(&c);
    assert_null(c.conf_path);
    assert_null(c.user_pool_id);
    assert_null(c.client_id);
    assert_null(c.client_secret);
    assert_null(c.endpoint);
    assert_null(c.cafile);
    assert_null(c.capath);
    assert_null(c.proxy);
    assert_int_equal(c.auth_flow, PCG_FLOW_SRP);
    assert_int_equal(c.timeout, 10);
    assert_int_equal(c.connect_timeout, 0);
    assert_int_equal(c.retries, 2);
    assert_int_equal(c.failmode, PCG_FAIL_SECURE);
    assert_true(c.require_mfa);
    assert_true(c.enroll);
    assert_true(c.qr);
    assert_null(c.totp_issuer);
    assert_int_equal(c.n_groups, 0);
    assert_null(c.groups[0]);
    assert_null(c.username);
    assert_int_equal(c.username_attribute, PCG_USERATTR_USERNAME);
    assert_int_equal(c.code_retries, 3);
    assert_int_equal(c.min_uid, 1000);
    assert_null(c.local_group);
    assert_false(c.send_client_ip);
    assert_false(c.debug);
    assert_false(c.use_first_pass);
    assert_false(c.try_first_pass);
}

static void test_finish_fills_default_strings(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse_finish(&c, "", err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.username, "%u");
    assert_string_equal(c.password_prompt, "Password: ");
    assert_string_equal(c.code_prompt, "Verification code: ");
    assert_null(c.totp_issuer);
    assert_null(c.client_secret);
    pcg_conf_free(&c);
}

static const char full_file[] = "# every key\n"
                                "user_pool_id = us-east-1_Xy9Zz\n"
                                "client_id = abc_DEF+123\n"
                                "client_secret = " SECRET "#x=1\n"
                                "endpoint = https://cognito.example.test:8443/base\n"
                                "cafile = /etc/ssl/ca.pem\n"
                                "capath = /etc/ssl/certs\n"
                                "proxy = socks5h://proxy.example.test:1080\n"
                                "auth_flow = password\n"
                                "timeout = 30\n"
                                "connect_timeout = 5\n"
                                "retries = 0\n"
                                "failmode = safe\n"
                                "require_mfa = no\n"
                                "enroll = OFF\n"
                                "totp_issuer = Example Corp \xc3\xa9\n"
                                "qr = false\n"
                                "groups = admins, ops\n"
                                "username = %u@example.com\n"
                                "password_prompt = Cognito password:\n"
                                "code_prompt = Code: \n"
                                "code_retries = 10\n"
                                "mfa_preference = sms,totp\n"
                                "send_client_ip = yes\n"
                                "debug = 1\n"
                                "min_uid = 5000\n"
                                "local_group = cognito-users\n";

static void test_full_file_every_key(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c, full_file, err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(pcg_conf_finish(&c, err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.user_pool_id, "us-east-1_Xy9Zz");
    assert_string_equal(c.region, "us-east-1");
    assert_string_equal(c.pool_name, "Xy9Zz");
    assert_string_equal(c.client_id, "abc_DEF+123");
    assert_string_equal(c.client_secret, SECRET "#x=1");
    assert_string_equal(c.endpoint, "https://cognito.example.test:8443/base/");
    assert_string_equal(c.cafile, "/etc/ssl/ca.pem");
    assert_string_equal(c.capath, "/etc/ssl/certs");
    assert_string_equal(c.proxy, "socks5h://proxy.example.test:1080");
    assert_int_equal(c.auth_flow, PCG_FLOW_PASSWORD);
    assert_int_equal(c.timeout, 30);
    assert_int_equal(c.connect_timeout, 5);
    assert_int_equal(c.retries, 0);
    assert_int_equal(c.failmode, PCG_FAIL_SAFE);
    assert_false(c.require_mfa);
    assert_false(c.enroll);
    assert_string_equal(c.totp_issuer, "Example Corp \xc3\xa9");
    assert_false(c.qr);
    assert_int_equal(c.n_groups, 2);
    assert_string_equal(c.groups[0], "admins");
    assert_string_equal(c.groups[1], "ops");
    assert_null(c.groups[2]);
    assert_string_equal(c.username, "%u@example.com");
    assert_string_equal(c.password_prompt, "Cognito password: ");
    assert_string_equal(c.code_prompt, "Code: ");
    assert_int_equal(c.code_retries, 10);
    assert_int_equal(c.mfa_preference.n, 2);
    assert_int_equal(c.mfa_preference.order[0], PCG_MFA_SMS);
    assert_true(c.send_client_ip);
    assert_true(c.debug);
    assert_int_equal(c.min_uid, 5000);
    assert_string_equal(c.local_group, "cognito-users");
    pcg_conf_free(&c);
}

static void test_free_resets_and_is_repeatable(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c, full_file, err, sizeof(err)), PCG_CONF_OK);
    pcg_conf_free(&c);
    assert_null(c.user_pool_id);
    assert_null(c.client_secret);
    assert_null(c.groups[0]);
    assert_int_equal(c.n_groups, 0);
    assert_int_equal(c.timeout, 10);
    assert_true(c.qr);
    pcg_conf_free(&c);
    pcg_conf_free(NULL);
}

/* ---- value classes ---- */

static void test_int_message_names_key_and_value(void **state)
{
    struct pcg_conf c;
    char err[512];

    (void)state;
    assert_int_equal(parse(&c, "\ntimeout = 10s\n", err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err,
                        "timeout: expected a whole number of seconds from 1 to 300, "
                        "got '10s' on line 2");
    pcg_conf_free(&c);
    assert_int_equal(parse(&c, "retries = x", err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "retries: expected a whole number from 0 to 10, got 'x' on line 1");
    pcg_conf_free(&c);
}

static void test_bad_int_syntax(void **state)
{
    (void)state;
    assert_parse_err("timeout = 10s", "got '10s'");
    assert_parse_err("timeout = -1", "timeout: expected");
    assert_parse_err("timeout = +5", "timeout: expected");
    assert_parse_err("timeout = 0x10", "timeout: expected");
    assert_parse_err("timeout = 1 0", "timeout: expected");
    assert_parse_err("timeout = 1.5", "timeout: expected");
    assert_parse_err("retries = two", "retries: expected");
    assert_parse_err("code_retries = 3\xff", "got '3?'");
}

static void test_int_overflow(void **state)
{
    (void)state;
    assert_parse_err("timeout = 99999999999999999999", "timeout: expected");
    assert_parse_err("retries = 4294967298", "retries: expected");
    assert_parse_err("connect_timeout = 2147483648", "connect_timeout: expected");
}

static void test_int_ranges(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_parse_err("timeout = 0", "from 1 to 300");
    assert_parse_err("timeout = 301", "from 1 to 300");
    assert_parse_err("connect_timeout = 0", "from 1 to 300");
    assert_parse_err("retries = 11", "from 0 to 10");
    assert_parse_err("code_retries = 0", "from 1 to 10");
    assert_parse_err("code_retries = 11", "from 1 to 10");
    assert_int_equal(parse(&c,
                           "timeout = 300\nconnect_timeout = 007\nretries = 10\ncode_retries = 1\n",
                           err, sizeof(err)),
                     PCG_CONF_OK);
    assert_int_equal(c.timeout, 300);
    assert_int_equal(c.connect_timeout, 7);
    assert_int_equal(c.retries, 10);
    assert_int_equal(c.code_retries, 1);
    pcg_conf_free(&c);
}

static void test_bool_values(void **state)
{
    static const char *const truthy[] = { "yes", "YES", "true", "True", "on", "1" };
    static const char *const falsy[] = { "no", "No", "false", "FALSE", "off", "0" };
    struct pcg_conf c;
    char text[64], err[256];

    (void)state;
    for (size_t i = 0; i < 6; i++) {
        snprintf(text, sizeof(text), "qr = %s", falsy[i]);
        assert_int_equal(parse(&c, text, err, sizeof(err)), PCG_CONF_OK);
        assert_false(c.qr);
        pcg_conf_free(&c);
        snprintf(text, sizeof(text), "debug = %s", truthy[i]);
        assert_int_equal(parse(&c, text, err, sizeof(err)), PCG_CONF_OK);
        assert_true(c.debug);
        pcg_conf_free(&c);
    }
    assert_parse_err("qr = maybe", "qr: expected yes or no");
    assert_parse_err("enroll = y", "enroll: expected yes or no");
    assert_parse_err("debug = 2", "debug: expected yes or no");
    assert_parse_err("require_mfa = yes please", "got 'yes please'");
}

static void test_bad_enums(void **state)
{
    (void)state;
    assert_parse_err("auth_flow = choice",
                     "auth_flow: expected srp, password, user_auth or custom, got 'choice'");
    assert_parse_ok("auth_flow = user_auth");
    assert_parse_ok("auth_flow = custom");
    assert_parse_err("failmode = open", "failmode: expected secure or safe, got 'open'");
    assert_parse_ok("auth_flow = srp\nfailmode = secure");
}

static void test_endpoint_http_refused(void **state)
{
    (void)state;
    assert_parse_err("endpoint = http://cognito.example.test/", "http:// is refused, use https://");
    assert_parse_err("endpoint = HTTP://cognito.example.test/", "http:// is refused");
    assert_parse_err("endpoint = ftp://cognito.example.test/", "must start with https://");
    assert_parse_err("endpoint = cognito.example.test", "must start with https://");
}

static void test_endpoint_checks(void **state)
{
    char text[700];
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_parse_err("endpoint = https://", "needs a host");
    assert_parse_err("endpoint = https:///path", "needs a host");
    assert_parse_err("endpoint = https://:443/", "needs a host");
    assert_parse_err("endpoint = https://host:0/", "needs a host");
    assert_parse_err("endpoint = https://host:99999/", "needs a host");
    assert_parse_err("endpoint = https://host:/", "needs a host");
    assert_parse_err("endpoint = https://ho st/", "must not contain spaces");
    assert_parse_err("endpoint = https://host/\x01", "must not contain spaces");
    assert_parse_err("endpoint = https://host/?a=b", "query");
    assert_parse_err("endpoint = https://host/#frag", "fragment");
    snprintf(text, sizeof(text), "endpoint = https://%0509d", 0);
    assert_parse_err(text, "at most 512");
    assert_parse_ok("endpoint = https://[::1]:9229");

    assert_int_equal(parse(&c, "endpoint = HTTPS://127.0.0.1:9229", err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.endpoint, "HTTPS://127.0.0.1:9229/");
    pcg_conf_free(&c);
    assert_int_equal(parse(&c, "endpoint = https://h.test/x/", err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.endpoint, "https://h.test/x/");
    pcg_conf_free(&c);
}

static void test_bad_pool_id(void **state)
{
    char text[128];

    (void)state;
    assert_parse_err("user_pool_id = eu-west-1", "region_id");
    assert_parse_err("user_pool_id = _AbC", "region_id");
    assert_parse_err("user_pool_id = eu-west-1_", "region_id");
    assert_parse_err("user_pool_id = eu-west-1_a_b", "region_id");
    assert_parse_err("user_pool_id = eu-west-1_Ab-C", "region_id");
    assert_parse_err("user_pool_id = eu/west-1_AbC", "region_id");
    assert_parse_err("user_pool_id = eu-west-1_Ab\xc3\xa9", "region_id");
    snprintf(text, sizeof(text), "user_pool_id = eu-west-1_%046d", 0);
    assert_parse_err(text, "at most 55");
    snprintf(text, sizeof(text), "user_pool_id = eu-west-1_%045d", 0);
    assert_parse_ok(text);
}

static void test_bad_region(void **state)
{
    static const char *const bad[] = {
        "local_AbC",      "EU-west-1_AbC",       "eu-west_AbC",     "eu-1_AbC",
        "eu-west-1a_AbC", "e-west-1_AbC",        "eu-west-123_AbC", "eu--west-1_AbC",
        "eus-west-1_AbC", "eusco-de-east-1_AbC",
    };
    struct pcg_conf c;
    char text[128], err[256];

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(text, sizeof(text), "user_pool_id = %s\nclient_id = x\n", bad[i]);
        assert_int_equal(parse(&c, text, err, sizeof(err)), PCG_CONF_OK);
        assert_int_equal(pcg_conf_finish(&c, err, sizeof(err)), PCG_CONF_ERR);
        assert_non_null(strstr(err, "is not an AWS region"));
        pcg_conf_free(&c);
    }
}

static void test_non_aws_region_needs_endpoint(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    /* cognito-local names its pools local_XXXXXXXX. */
    assert_int_equal(parse(&c,
                           "user_pool_id = local_4xVbN0QE\nclient_id = c\n"
                           "endpoint = https://127.0.0.1:9229\n",
                           err, sizeof(err)),
                     PCG_CONF_OK);
    assert_int_equal(pcg_conf_finish(&c, err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.region, "local");
    assert_string_equal(c.pool_name, "4xVbN0QE");
    assert_string_equal(c.endpoint, "https://127.0.0.1:9229/");
    pcg_conf_free(&c);
}

static void test_client_id_and_secret_values(void **state)
{
    char text[300];

    (void)state;
    assert_parse_err("client_id = abc-def", "client_id: may only contain");
    assert_parse_err("client_id = abc def", "client_id: may only contain");
    snprintf(text, sizeof(text), "client_id = %0129d", 0);
    assert_parse_err(text, "client_id: must be at most 128");
    snprintf(text, sizeof(text), "client_id = %0128d", 0);
    assert_parse_ok(text);
    assert_parse_err("client_secret = a b", "client_secret: may only contain printable");
    snprintf(text, sizeof(text), "client_secret = %0129d", 0);
    assert_parse_err(text, "client_secret: must be at most 128");
    snprintf(text, sizeof(text), "client_secret = %0128d", 0);
    assert_parse_ok(text);
}

static void test_proxy_values(void **state)
{
    (void)state;
    assert_parse_ok("proxy = http://proxy:3128");
    assert_parse_ok("proxy = HTTPS://user:pw@proxy.example.test");
    assert_parse_ok("proxy = socks5://10.0.0.1:1080");
    assert_parse_err("proxy = ftp://proxy", "proxy: expected a URL starting with http://");
    assert_parse_err("proxy = proxy:3128", "proxy: expected a URL");
    assert_parse_err("proxy = http://", "proxy: expected a URL");
    assert_parse_err("proxy = http://pro xy", "proxy: must not contain spaces");
}

static void test_paths_must_be_absolute(void **state)
{
    (void)state;
    assert_parse_ok("cafile = /etc/ssl/certs/ca-certificates.crt\ncapath = /etc/ssl/certs");
    assert_parse_err("cafile = ca.pem", "cafile: must be an absolute path");
    assert_parse_err("capath = ./certs", "capath: must be an absolute path");
    assert_parse_err("cafile = /etc/\x1b[2J", "cafile: must not contain control");
}

static void test_totp_issuer_values(void **state)
{
    char text[128];

    (void)state;
    assert_parse_ok("totp_issuer = bastion.example.com");
    assert_parse_ok("totp_issuer = Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale \xe2\x9c\x93");
    assert_parse_err("totp_issuer = Example:Corp", "must not contain ':'");
    assert_parse_err("totp_issuer = a\x1b"
                     "b",
                     "control characters");
    assert_parse_err("totp_issuer = a\x7f"
                     "b",
                     "control characters");
    assert_parse_err("totp_issuer = a\xc2\x9b"
                     "b",
                     "control characters"); /* C1 CSI */
    assert_parse_err("totp_issuer = a\xc3", "not valid UTF-8");
    assert_parse_err("totp_issuer = a\xc0\xaf", "not valid UTF-8");         /* overlong '/' */
    assert_parse_err("totp_issuer = a\xed\xa0\x80", "not valid UTF-8");     /* surrogate */
    assert_parse_err("totp_issuer = a\xf4\x90\x80\x80", "not valid UTF-8"); /* > U+10FFFF */
    snprintf(text, sizeof(text), "totp_issuer = %065d", 0);
    assert_parse_err(text, "at most 64 bytes");
    snprintf(text, sizeof(text), "totp_issuer = %064d", 0);
    assert_parse_ok(text);
}

static void test_prompt_values(void **state)
{
    struct pcg_conf c;
    char text[300], err[256];

    (void)state;
    assert_int_equal(parse(&c, "password_prompt = Mot de passe\xc2\xa0:\ncode_prompt = Code #1:\n",
                           err, sizeof(err)),
                     PCG_CONF_OK);
    assert_string_equal(c.password_prompt, "Mot de passe\xc2\xa0: ");
    assert_string_equal(c.code_prompt, "Code #1: ");
    pcg_conf_free(&c);
    assert_parse_err("code_prompt = Code\x07:", "code_prompt: must not contain control");
    snprintf(text, sizeof(text), "password_prompt = %0201d", 0);
    assert_parse_err(text, "at most 200 bytes");
    snprintf(text, sizeof(text), "password_prompt = %0200d", 0);
    assert_parse_ok(text);
}

static void test_groups_parsing(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(
        parse(&c, "groups =  admins ,\tops-team,a.b+c@d , \xc3\xa9quipe", err, sizeof(err)),
        PCG_CONF_OK);
    assert_int_equal(c.n_groups, 4);
    assert_string_equal(c.groups[0], "admins");
    assert_string_equal(c.groups[1], "ops-team");
    assert_string_equal(c.groups[2], "a.b+c@d");
    assert_string_equal(c.groups[3], "\xc3\xa9quipe");
    assert_null(c.groups[4]);
    pcg_conf_free(&c);
    assert_int_equal(parse(&c, "groups = solo", err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.n_groups, 1);
    assert_string_equal(c.groups[0], "solo");
    assert_null(c.groups[1]);
    pcg_conf_free(&c);
}

static void test_groups_errors(void **state)
{
    char text[4096];
    size_t n = 0;

    (void)state;
    assert_parse_err("groups = a,,b", "groups: a group name is empty");
    assert_parse_err("groups = a,", "groups: a group name is empty");
    assert_parse_err("groups = ,a", "groups: a group name is empty");
    assert_parse_err("groups = a, ,b", "groups: a group name is empty");
    assert_parse_err("groups = ops team", "contain spaces");
    assert_parse_err("groups = a\x01", "control characters");
    n = (size_t)snprintf(text, sizeof(text), "groups = %0129d", 0);
    assert_parse_err(text, "longer than 128");

    n = (size_t)snprintf(text, sizeof(text), "groups = g0");
    for (int i = 1; i < PCG_MAX_GROUPS; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, ",g%d", i);
    assert_parse_ok(text);
    snprintf(text + n, sizeof(text) - n, ",one-too-many");
    assert_parse_err(text, "more than 32 groups");
}

static void test_username_template(void **state)
{
    struct pcg_conf c;
    char text[200], err[256];

    (void)state;
    assert_int_equal(parse(&c, "username = 100%%_%u@example.com", err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.username, "100%%_%u@example.com");
    pcg_conf_free(&c);
    assert_parse_ok("username = %u");
    assert_parse_ok("username = %u.%u");
    assert_parse_err("username = admin", "must contain %u");
    assert_parse_err("username = %%u", "must contain %u");
    assert_parse_err("username = %s", "only %u (the PAM user) and %% (a literal %)");
    assert_parse_err("username = %u%", "only %u");
    assert_parse_err("username = %U", "only %u");
    assert_parse_err("username = %u @x", "without spaces");
    assert_parse_err("username = %u\xc3\xa9", "printable ASCII");
    snprintf(text, sizeof(text), "username = %%u%0127d", 0);
    assert_parse_err(text, "at most 128");
}

/* ---- file syntax ---- */

static void test_unknown_key(void **state)
{
    (void)state;
    assert_parse_err(MINIMAL "\ntimout = 5\n", "unknown key 'timout' on line 4");
    assert_parse_err("Timeout = 5", "unknown key 'Timeout' on line 1");
    assert_parse_err("use_first_pass = yes", "unknown key 'use_first_pass'");
    assert_parse_err("conf = /etc/x", "unknown key 'conf'");
}

static void test_duplicate_key(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c, "timeout = 5\n\n#\nretries = 1\nqr = no\ndebug = no\ntimeout = 5\n",
                           err, sizeof(err)),
                     PCG_CONF_ERR);
    assert_non_null(strstr(err, "duplicate key 'timeout' on line 7"));
    pcg_conf_free(&c);
}

static void test_line_without_equals(void **state)
{
    (void)state;
    assert_parse_err("timeout = 5\ntimeout 5\n", "line 2 is not of the form key = value");
    assert_parse_err("just words", "line 1 is not of the form key = value");
    assert_parse_err("= 5", "line 1 does not start with a valid key name");
    assert_parse_err("time out = 5", "line 1 does not start with a valid key name");
}

static void test_empty_value(void **state)
{
    (void)state;
    assert_parse_err("timeout =", "timeout has no value on line 1");
    assert_parse_err("qr = no\ngroups = \t \r\n", "groups has no value on line 2");
}

static void test_nul_byte(void **state)
{
    static const char text[] = "timeout = 5\nretries = 1\0\nqr = no\n";
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse_n(&c, text, sizeof(text) - 1, true, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "line 2 contains a NUL byte");
    pcg_conf_free(&c);
    assert_int_equal(parse_n(&c, "\0", 1, true, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "line 1 contains a NUL byte");
    pcg_conf_free(&c);
}

static void test_very_long_lines(void **state)
{
    size_t big = 100 * 1024, mid = 60 * 1024;
    char *text = malloc(big + 32);
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_non_null(text);
    /* 100 KiB: over the size cap as a whole. */
    memcpy(text, "totp_issuer = ", 14);
    memset(text + 14, 'a', big);
    assert_int_equal(parse_n(&c, text, big + 14, true, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "larger than 65536 bytes"));
    pcg_conf_free(&c);
    /* 60 KiB: within the cap, refused as a line. */
    memcpy(text, "qr = no\n# ", 10);
    memset(text + 10, 'a', mid);
    assert_int_equal(parse_n(&c, text, mid + 10, true, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "line 2 is longer than"));
    pcg_conf_free(&c);
    /* A value just over PCG_CONF_MAX_VALUE within the line limit. */
    memcpy(text, "cafile = /", 10);
    memset(text + 10, 'a', PCG_CONF_MAX_VALUE);
    assert_int_equal(parse_n(&c, text, PCG_CONF_MAX_VALUE + 10, true, err, sizeof(err)),
                     PCG_CONF_ERR);
    assert_non_null(strstr(err, "cafile: the value on line 1 is longer than 1024 bytes"));
    pcg_conf_free(&c);
    /* Exactly PCG_CONF_MAX_VALUE is fine. */
    assert_int_equal(parse_n(&c, text, PCG_CONF_MAX_VALUE + 9, true, err, sizeof(err)),
                     PCG_CONF_OK);
    assert_int_equal(strlen(c.cafile), PCG_CONF_MAX_VALUE);
    pcg_conf_free(&c);
    free(text);
}

static void test_crlf(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c,
                           "# dos\r\nuser_pool_id = eu-west-1_AbC\r\nclient_id = cid\r\n\r\n"
                           "timeout = 20\r\nendpoint = https://h.test\r\n",
                           err, sizeof(err)),
                     PCG_CONF_OK);
    assert_string_equal(c.user_pool_id, "eu-west-1_AbC");
    assert_string_equal(c.client_id, "cid");
    assert_int_equal(c.timeout, 20);
    assert_string_equal(c.endpoint, "https://h.test/");
    pcg_conf_free(&c);
    /* A \r inside a line is no line end. */
    assert_parse_err("timeout = 2\r0\n", "timeout: expected");
}

static void test_comments_and_blanks(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c,
                           "# comment = not a key\n\n   \t\n  # indented comment\n"
                           "\t timeout\t=\t42 \t\n#timeout = 1\n",
                           err, sizeof(err)),
                     PCG_CONF_OK);
    assert_int_equal(c.timeout, 42);
    pcg_conf_free(&c);
    assert_parse_ok("");
    assert_parse_ok("\n\n\n");
    assert_parse_ok("# only a comment");
    assert_parse_ok("timeout = 4"); /* no final newline */
}

static void test_hash_inside_value(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(
        parse(&c, "client_secret = ab#cd\ncode_prompt = Code # here\n", err, sizeof(err)),
        PCG_CONF_OK);
    assert_string_equal(c.client_secret, "ab#cd");
    assert_string_equal(c.code_prompt, "Code # here ");
    pcg_conf_free(&c);
    /* Not a trailing comment: the '#' makes the number invalid. */
    assert_parse_err("timeout = 5 # seconds", "got '5 # seconds'");
}

static void test_equals_inside_value(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c, "client_secret==a=b=", err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.client_secret, "=a=b=");
    pcg_conf_free(&c);
}

static void test_secret_refused_when_not_allowed(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse_n(&c, "client_secret = " SECRET, strlen("client_secret = " SECRET),
                             false, err, sizeof(err)),
                     PCG_CONF_ERR);
    assert_non_null(strstr(err, "client_secret on line 1 is refused"));
    assert_null(strstr(err, SECRET));
    assert_null(c.client_secret);
    pcg_conf_free(&c);
}

/* ---- PAM arguments ---- */

static void test_args_override_file(void **state)
{
    const char *argv[] = { "conf=/nowhere", "timeout=40", "groups=x,y",
                           "timeout=50",    "qr=yes",     "endpoint=https://override.test" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c,
                           "timeout = 20\nqr = no\ngroups = a,b,c\nendpoint = https://file.test\n",
                           err, sizeof(err)),
                     PCG_CONF_OK);
    assert_int_equal(pcg_conf_apply_args(&c, 6, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.timeout, 50);
    assert_true(c.qr);
    assert_int_equal(c.n_groups, 2);
    assert_string_equal(c.groups[0], "x");
    assert_string_equal(c.groups[1], "y");
    assert_null(c.groups[2]);
    assert_string_equal(c.endpoint, "https://override.test/");
    pcg_conf_free(&c);
}

static void test_args_bare_words(void **state)
{
    const char *argv[] = { "debug", "use_first_pass", "try_first_pass" };
    const char *argv2[] = { "debug=no", "auth_flow=password" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_apply_args(&c, 3, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_true(c.debug);
    assert_true(c.use_first_pass);
    assert_true(c.try_first_pass);
    assert_int_equal(pcg_conf_apply_args(&c, 2, argv2, err, sizeof(err)), PCG_CONF_OK);
    assert_false(c.debug);
    assert_int_equal(c.auth_flow, PCG_FLOW_PASSWORD);
    assert_int_equal(pcg_conf_apply_args(&c, 0, NULL, err, sizeof(err)), PCG_CONF_OK);
    pcg_conf_free(&c);
}

static void test_arg_client_secret_refused(void **state)
{
    const char *argv[] = { "client_secret=" SECRET };
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_apply_args(&c, 1, argv, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "root-only config file"));
    assert_null(strstr(err, SECRET));
    assert_null(c.client_secret);
    pcg_conf_free(&c);
}

static void test_arg_unknown_refused(void **state)
{
    const char *a1[] = { "foo" };
    const char *a2[] = { "client_secrt=" SECRET };
    const char *a3[] = { "use_first_pass=yes" };
    const char *a4[] = { "timeout=5", "=x" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_apply_args(&c, 1, a1, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "unknown argument 'foo'");
    assert_int_equal(pcg_conf_apply_args(&c, 1, a2, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "unknown argument 'client_secrt=...'");
    assert_int_equal(pcg_conf_apply_args(&c, 1, a3, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "unknown argument 'use_first_pass=...'");
    assert_int_equal(pcg_conf_apply_args(&c, 2, a4, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "unknown argument '=...'");
    pcg_conf_free(&c);
}

static void test_arg_bad_values(void **state)
{
    const char *a1[] = { "timeout=10s" };
    const char *a2[] = { "retries=" };
    const char *a3[] = { "endpoint=http://x.test" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_apply_args(&c, 1, a1, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err,
                        "timeout: expected a whole number of seconds from 1 to 300, got '10s' "
                        "(PAM argument)");
    assert_int_equal(pcg_conf_apply_args(&c, 1, a2, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "retries has no value (PAM argument)");
    assert_int_equal(pcg_conf_apply_args(&c, 1, a3, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "http:// is refused"));
    pcg_conf_free(&c);
}

static void test_conf_arg_must_be_absolute(void **state)
{
    const char *a1[] = { "conf=pam_cognito.conf" };
    const char *a2[] = { "conf=/etc/x.conf", "conf=" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(pcg_conf_load(&c, 1, a1, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "conf= needs an absolute path, got 'pam_cognito.conf'");
    assert_null(c.conf_path);
    assert_int_equal(pcg_conf_load(&c, 2, a2, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "conf= needs an absolute path, got ''");
    assert_int_equal(pcg_conf_read_file(&c, "relative.conf", err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "must be absolute"));
    pcg_conf_free(&c);
}

/* ---- files ---- */

static void test_load_real_file(void **state)
{
    char *path =
        write_file("ok.conf", MINIMAL "client_secret = " SECRET "\ntimeout = 20\n", 0600, 0);
    char conf_arg[600];
    const char *argv[] = { "debug", conf_arg, "timeout=25", "code_retries=5" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    snprintf(conf_arg, sizeof(conf_arg), "conf=%s", path);
    assert_int_equal(pcg_conf_load(&c, 4, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.conf_path, path);
    assert_string_equal(c.client_secret, SECRET);
    assert_int_equal(c.timeout, 25);
    assert_int_equal(c.code_retries, 5);
    assert_true(c.debug);
    assert_string_equal(c.endpoint, "https://cognito-idp.eu-west-1.amazonaws.com/");
    pcg_conf_free(&c);
}

static void test_load_error_frees_and_resets(void **state)
{
    char *path = write_file("argbad.conf", full_file, 0600, 0);
    char conf_arg[600];
    const char *argv[] = { conf_arg, "timeout=nope" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    snprintf(conf_arg, sizeof(conf_arg), "conf=%s", path);
    assert_int_equal(pcg_conf_load(&c, 2, argv, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "timeout: expected"));
    assert_null(c.conf_path);
    assert_null(c.user_pool_id);
    assert_null(c.client_secret);
    assert_null(c.groups[0]);
    assert_int_equal(c.timeout, 10);
}

static void test_load_last_conf_wins(void **state)
{
    char first[600], second[600];
    const char *argv[] = { first, second };
    struct pcg_conf c;
    char err[256];

    (void)state;
    snprintf(first, sizeof(first), "conf=%s", tmp_path("does-not-exist.conf"));
    snprintf(second, sizeof(second), "conf=%s",
             write_file("second.conf", MINIMAL "retries = 7\n", 0644, 0));
    assert_int_equal(pcg_conf_load(&c, 2, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.retries, 7);
    pcg_conf_free(&c);
}

static void test_file_missing(void **state)
{
    char *path = tmp_path("missing.conf");
    struct pcg_conf c;
    char err[512], want[600];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
    snprintf(want, sizeof(want), "cannot open %s: No such file or directory", path);
    assert_string_equal(err, want);
    pcg_conf_free(&c);
}

static void test_file_directory_refused(void **state)
{
    char *path = tmp_path("adir");
    struct pcg_conf c;
    char err[512];

    (void)state;
    assert_int_equal(mkdir(path, 0755), 0);
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "is not a regular file"));
    pcg_conf_free(&c);
}

static void test_file_fifo_refused_without_blocking(void **state)
{
    char *path = tmp_path("afifo");
    struct pcg_conf c;
    char err[512];

    (void)state;
    assert_int_equal(mkfifo(path, 0600), 0);
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "is not a regular file"));
    pcg_conf_free(&c);
}

static void test_file_symlink_refused(void **state)
{
    char target[512], *link;
    struct pcg_conf c;
    char err[512];

    (void)state;
    snprintf(target, sizeof(target), "%s", write_file("target.conf", MINIMAL, 0600, 0));
    link = tmp_path("link.conf");
    assert_int_equal(symlink(target, link), 0);
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, link, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "is a symbolic link"));
    pcg_conf_free(&c);
}

static void test_file_group_writable_refused(void **state)
{
    char *path = write_file("gw.conf", MINIMAL, 0620, 0);
    struct pcg_conf c;
    char err[512];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "is writable by group or others: chmod go-w"));
    pcg_conf_free(&c);
}

static void test_file_world_writable_refused(void **state)
{
    char *path = write_file("ww.conf", MINIMAL, 0602, 0);
    struct pcg_conf c;
    char err[512];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "is writable by group or others"));
    pcg_conf_free(&c);
}

static void test_file_secret_needs_private_mode(void **state)
{
    static const char text[] = MINIMAL "client_secret = " SECRET "\n";
    static const mode_t refused[] = { 0644, 0640, 0604 };
    struct pcg_conf c;
    char err[512], want[1200], *path;

    (void)state;
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        path = write_file("secret.conf", text, refused[i], 0);
        pcg_conf_defaults(&c);
        assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
        snprintf(want, sizeof(want),
                 "client_secret is set but %s is readable by group or others: chmod 600 %s", path,
                 path);
        assert_string_equal(err, want);
        assert_null(strstr(err, SECRET));
        pcg_conf_free(&c);
    }
    path = write_file("secret.conf", text, 0600, 0);
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_OK);
    assert_string_equal(c.client_secret, SECRET);
    pcg_conf_free(&c);
    /* Without a secret, a world-readable file is fine. */
    path = write_file("public.conf", MINIMAL, 0644, 0);
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_OK);
    pcg_conf_free(&c);
}

static void test_file_non_root_owner_refused(void **state)
{
    char *path = write_file("nobody.conf", MINIMAL, 0600, 65534);
    struct pcg_conf c;
    char err[512];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "is owned by uid 65534, not root: chown root"));
    pcg_conf_free(&c);
}

static void test_file_size_cap(void **state)
{
    size_t n = PCG_CONF_MAX_BYTES + 1;
    char *text = malloc(n), *path;
    struct pcg_conf c;
    char err[512];

    (void)state;
    assert_non_null(text);
    memset(text, '\n', n);
    path = write_file_n("big.conf", text, n, 0600, 0);
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "is larger than 65536 bytes"));
    pcg_conf_free(&c);
    /* Exactly at the cap is read (blank lines only). */
    path = write_file_n("cap.conf", text, n - 1, 0600, 0);
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_OK);
    pcg_conf_free(&c);
    free(text);
}

static void test_file_parse_error_names_path_and_line(void **state)
{
    char *path = write_file("syntax.conf", MINIMAL "# x\nbogus = 1\n", 0600, 0);
    struct pcg_conf c;
    char err[512], want[700];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
    snprintf(want, sizeof(want), "%s: unknown key 'bogus' on line 4", path);
    assert_string_equal(err, want);
    pcg_conf_free(&c);
}

/* ---- finish ---- */

static void test_missing_required_keys(void **state)
{
    char *path;
    char conf_arg[600], want[700];
    const char *argv[] = { conf_arg };
    struct pcg_conf c;
    char err[512];

    (void)state;
    assert_int_equal(parse(&c, "client_id = x", err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(pcg_conf_finish(&c, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "user_pool_id is not set in the configuration");
    pcg_conf_free(&c);
    assert_int_equal(parse(&c, "user_pool_id = eu-west-1_A", err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(pcg_conf_finish(&c, err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "client_id is not set in the configuration");
    pcg_conf_free(&c);

    path = write_file("empty.conf", "# nothing\n", 0644, 0);
    snprintf(conf_arg, sizeof(conf_arg), "conf=%s", path);
    assert_int_equal(pcg_conf_load(&c, 1, argv, err, sizeof(err)), PCG_CONF_ERR);
    snprintf(want, sizeof(want), "user_pool_id is not set in %s", path);
    assert_string_equal(err, want);
}

static void test_finish_rechecks_hand_filled_pool_id(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    c.user_pool_id = strdup("no-separator");
    c.client_id = strdup("x");
    assert_int_equal(pcg_conf_finish(&c, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "user_pool_id: expected the form region_id"));
    pcg_conf_free(&c);
}

static void test_derived_fields(void **state)
{
    static const struct {
        const char *pool, *region, *name, *endpoint;
    } cases[] = {
        { "eu-west-1_AbC123xyz", "eu-west-1", "AbC123xyz",
          "https://cognito-idp.eu-west-1.amazonaws.com/" },
        { "us-gov-west-1_Q", "us-gov-west-1", "Q",
          "https://cognito-idp.us-gov-west-1.amazonaws.com/" },
        { "cn-north-1_Zz9", "cn-north-1", "Zz9",
          "https://cognito-idp.cn-north-1.amazonaws.com.cn/" },
        { "ap-southeast-4_x", "ap-southeast-4", "x",
          "https://cognito-idp.ap-southeast-4.amazonaws.com/" },
        /* every partition's dnsSuffix (partitions.json) */
        { "cn-northwest-1_Zz9", "cn-northwest-1", "Zz9",
          "https://cognito-idp.cn-northwest-1.amazonaws.com.cn/" },
        { "eusc-de-east-1_E", "eusc-de-east-1", "E",
          "https://cognito-idp.eusc-de-east-1.amazonaws.eu/" },
        { "us-iso-east-1_I", "us-iso-east-1", "I",
          "https://cognito-idp.us-iso-east-1.c2s.ic.gov/" },
        { "us-isob-east-1_I", "us-isob-east-1", "I",
          "https://cognito-idp.us-isob-east-1.sc2s.sgov.gov/" },
        { "eu-isoe-west-1_I", "eu-isoe-west-1", "I",
          "https://cognito-idp.eu-isoe-west-1.cloud.adc-e.uk/" },
        { "us-isof-south-1_I", "us-isof-south-1", "I",
          "https://cognito-idp.us-isof-south-1.csp.hci.ic.gov/" },
        { "mx-central-1_M", "mx-central-1", "M",
          "https://cognito-idp.mx-central-1.amazonaws.com/" },
    };
    struct pcg_conf c;
    char text[256], err[256];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(text, sizeof(text), "user_pool_id = %s\nclient_id = c", cases[i].pool);
        assert_int_equal(parse(&c, text, err, sizeof(err)), PCG_CONF_OK);
        assert_int_equal(pcg_conf_finish(&c, err, sizeof(err)), PCG_CONF_OK);
        assert_string_equal(c.region, cases[i].region);
        assert_string_equal(c.pool_name, cases[i].name);
        assert_string_equal(c.endpoint, cases[i].endpoint);
        /* finish twice neither leaks nor changes anything */
        assert_int_equal(pcg_conf_finish(&c, err, sizeof(err)), PCG_CONF_OK);
        assert_string_equal(c.endpoint, cases[i].endpoint);
        pcg_conf_free(&c);
    }
}

static void test_connect_timeout_within_timeout(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse_finish(&c, "timeout = 5\nconnect_timeout = 6\n", err, sizeof(err)),
                     PCG_CONF_ERR);
    assert_string_equal(err, "connect_timeout (6) must not be greater than timeout (5)");
    pcg_conf_free(&c);
    assert_int_equal(parse_finish(&c, "timeout = 5\nconnect_timeout = 5\n", err, sizeof(err)),
                     PCG_CONF_OK);
    pcg_conf_free(&c);
}

static void test_unset_connect_timeout_follows_a_short_timeout(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_int_equal(parse_finish(&c, "timeout = 2\n", err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.connect_timeout, 2);
    pcg_conf_free(&c);
    assert_int_equal(parse_finish(&c, "timeout = 20\n", err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.connect_timeout, 3);
    pcg_conf_free(&c);
}

/* ---- secrets in messages ---- */

static void test_secret_never_in_errors(void **state)
{
    static const char *const texts[] = {
        "client_secret = " SECRET " tail",
        "client_secret = " SECRET "\x01",
        "client_secret = " SECRET "\xc3\xa9",
        "client_secret = " SECRET "000000000000000000000000000000000000000000000000000000000000"
        "00000000000000000000000000000000000000000000000000000000000000000000000000",
        "client_secret = " SECRET "\nclient_secret = " SECRET,
        "client_secret " SECRET,
        "client_secret: " SECRET "=x",
        SECRET,
        SECRET " = 1",
        "client_secret = " SECRET "\ntimeout = nope",
        "proxy = ftp://user:" SECRET "@proxy",
        "proxy = http://user:" SECRET "@pro xy",
        "client_secret = " SECRET "\nclient_secret = " SECRET "\0",
    };
    const char *args[] = { "client_secret=" SECRET, "proxy=gopher://u:" SECRET "@h",
                           "client_secret=" SECRET " x" };
    char err[1024], *path;
    struct pcg_conf c;

    (void)state;
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        assert_int_equal(parse(&c, texts[i], err, sizeof(err)), PCG_CONF_ERR);
        assert_true(err[0] != '\0');
        if (strstr(err, "S3cr3t") != NULL)
            fail_msg("case %zu leaked the secret: %s", i, err);
        pcg_conf_free(&c);

        path = write_file("leak.conf", texts[i], i % 2 ? 0600 : 0644, 0);
        pcg_conf_defaults(&c);
        assert_int_equal(pcg_conf_read_file(&c, path, err, sizeof(err)), PCG_CONF_ERR);
        if (strstr(err, "S3cr3t") != NULL)
            fail_msg("file case %zu leaked the secret: %s", i, err);
        pcg_conf_free(&c);
    }
    for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
        pcg_conf_defaults(&c);
        assert_int_equal(pcg_conf_apply_args(&c, 1, &args[i], err, sizeof(err)), PCG_CONF_ERR);
        if (strstr(err, "S3cr3t") != NULL)
            fail_msg("argument case %zu leaked: %s", i, err);
        pcg_conf_free(&c);
    }
}

/* ---- garbage ---- */

static uint32_t rnd_state = 2463534242u;

static uint32_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state;
}

static void test_garbage_never_crashes(void **state)
{
    static const char *const tokens[] = {
        "user_pool_id",
        "client_id",
        "client_secret",
        "endpoint",
        "timeout",
        "groups",
        "username",
        "totp_issuer",
        "qr",
        "=",
        " = ",
        "\n",
        "\r\n",
        "#",
        " ",
        "\t",
        ",",
        "%u",
        "%%",
        "%",
        "https://",
        "http://",
        "eu-west-1_A",
        "local_x",
        "10",
        "0",
        "99999999999",
        "yes",
        "\xc3\xa9",
        "\xc2\x9b",
        "\xff",
        "_",
        ":",
        "/",
    };
    const size_t n_tokens = sizeof(tokens) / sizeof(tokens[0]);
    char text[600], err[256];
    struct pcg_conf c;

    (void)state;
    for (int iter = 0; iter < 5000; iter++) {
        size_t len = 0, want = rnd() % 500;

        while (len < want) {
            if (rnd() % 3 == 0) {
                text[len++] = (char)(rnd() & 0xff);
            } else {
                const char *t = tokens[rnd() % n_tokens];
                size_t tl = strlen(t);

                if (len + tl > want)
                    break;
                memcpy(text + len, t, tl);
                len += tl;
            }
        }
        memset(err, 0, sizeof(err));
        pcg_conf_defaults(&c);
        switch (pcg_conf_parse_text(&c, text, len, rnd() & 1, err, sizeof(err))) {
        case PCG_CONF_OK:
            if (pcg_conf_finish(&c, err, sizeof(err)) != PCG_CONF_OK)
                assert_true(err[0] != '\0');
            break;
        case PCG_CONF_ERR:
        case PCG_CONF_NOMEM:
            assert_true(err[0] != '\0');
            break;
        default:
            fail_msg("unexpected status");
        }
        pcg_conf_free(&c);
    }
}

static void test_username_attribute(void **state)
{
    static const struct {
        const char *word;
        enum pcg_username_attribute a;
    } words[] = {
        { "username", PCG_USERATTR_USERNAME },
        { "email", PCG_USERATTR_EMAIL },
        { "phone_number", PCG_USERATTR_PHONE_NUMBER },
        { "preferred_username", PCG_USERATTR_PREFERRED },
    };
    const char *argv[] = { "username_attribute=preferred_username" };
    struct pcg_conf c;
    char err[256], line[64];

    (void)state;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        pcg_conf_defaults(&c);
        snprintf(line, sizeof(line), "username_attribute = %s", words[i].word);
        assert_int_equal(parse(&c, line, err, sizeof(err)), PCG_CONF_OK);
        assert_int_equal(c.username_attribute, words[i].a);
        assert_string_equal(pcg_username_attribute_name(words[i].a), words[i].word);
        pcg_conf_free(&c);
    }
    /* A PAM line overrides the file. */
    pcg_conf_defaults(&c);
    assert_int_equal(parse(&c, "username_attribute = email", err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(pcg_conf_apply_args(&c, 1, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.username_attribute, PCG_USERATTR_PREFERRED);
    pcg_conf_free(&c);
    assert_int_equal(c.username_attribute, PCG_USERATTR_USERNAME);
    assert_parse_err("username_attribute = Email",
                     "username_attribute: expected username, email, phone_number or "
                     "preferred_username, got 'Email' on line 1");
    assert_parse_err("username_attribute = cognito:username", "got 'cognito:username'");
    assert_parse_err("username_attribute = sub", "username_attribute: expected");
    assert_parse_err("username_attribute = email,username", "username_attribute: expected");
    assert_parse_err("username_attribute = email\nusername_attribute = email",
                     "duplicate key 'username_attribute' on line 2");
}

static void test_mfa_preference(void **state)
{
    const char *argv[] = { "mfa_preference=email" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(c.mfa_preference.n, 3);
    assert_int_equal(c.mfa_preference.order[0], PCG_MFA_TOTP);
    assert_int_equal(c.mfa_preference.order[1], PCG_MFA_EMAIL);
    assert_int_equal(c.mfa_preference.order[2], PCG_MFA_SMS);
    assert_int_equal(parse(&c, "mfa_preference = sms , totp", err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.mfa_preference.n, 2);
    assert_int_equal(c.mfa_preference.order[0], PCG_MFA_SMS);
    assert_int_equal(c.mfa_preference.order[1], PCG_MFA_TOTP);
    assert_int_equal(pcg_conf_apply_args(&c, 1, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.mfa_preference.n, 1);
    assert_int_equal(c.mfa_preference.order[0], PCG_MFA_EMAIL);
    pcg_conf_free(&c);
    assert_int_equal(c.mfa_preference.n, 3);
    assert_parse_err("mfa_preference = totp,push",
                     "mfa_preference: expected a comma-separated list of totp, email and sms, "
                     "got 'totp,push' on line 1");
    assert_parse_err("mfa_preference = sms,totp,sms", "mfa_preference: a method is named twice");
    assert_parse_err("mfa_preference = totp,", "mfa_preference: expected");
    assert_parse_err("mfa_preference = SMS", "mfa_preference: expected");
}

static void test_first_factor(void **state)
{
    const char *argv[] = { "first_factor=sms_otp" };
    char *offered[] = { "WEB_AUTHN", "PASSWORD", "SMS_OTP", "PASSWORD_SRP" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    assert_int_equal(c.first_factor.n, 1);
    assert_int_equal(c.first_factor.order[0], PCG_FACTOR_PASSWORD);
    assert_string_equal(pcg_first_factor_preferred(&c.first_factor), "PASSWORD_SRP");
    /* password: SRP before the plain password, whatever the order offered */
    assert_string_equal(pcg_first_factor_choose(&c.first_factor, offered, 4), "PASSWORD_SRP");
    assert_string_equal(pcg_first_factor_choose(&c.first_factor, offered, 2), "PASSWORD");
    assert_null(pcg_first_factor_choose(&c.first_factor, offered, 1));
    assert_int_equal(parse(&c, "first_factor = email_otp , password", err, sizeof(err)),
                     PCG_CONF_OK);
    assert_int_equal(c.first_factor.n, 2);
    assert_int_equal(c.first_factor.order[0], PCG_FACTOR_EMAIL_OTP);
    assert_string_equal(pcg_first_factor_preferred(&c.first_factor), "EMAIL_OTP");
    assert_string_equal(pcg_first_factor_choose(&c.first_factor, offered, 4), "PASSWORD_SRP");
    assert_true(pcg_first_factor_allows(&c.first_factor, PCG_FACTOR_PASSWORD));
    assert_false(pcg_first_factor_allows(&c.first_factor, PCG_FACTOR_SMS_OTP));
    assert_int_equal(pcg_conf_apply_args(&c, 1, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.first_factor.n, 1);
    assert_string_equal(pcg_first_factor_choose(&c.first_factor, offered, 4), "SMS_OTP");
    assert_true(pcg_first_factor_allows(&c.first_factor, PCG_FACTOR_SMS_OTP));
    assert_false(pcg_first_factor_allows(&c.first_factor, PCG_FACTOR_PASSWORD));
    /* WEB_AUTHN cannot be named, so never chosen */
    assert_parse_err("first_factor = web_authn",
                     "first_factor: expected a comma-separated list "
                     "of password, email_otp and sms_otp, got 'web_authn' on line 1");
    assert_parse_err("first_factor = password,password", "first_factor: a factor is named twice");
    assert_parse_err("first_factor =", "first_factor");
    pcg_conf_free(&c);
}

/* Which USER_AUTH challenges are first factors (EMAIL_OTP also serves email MFA). */
static void test_first_factor_of_challenge(void **state)
{
    enum pcg_factor f = PCG_FACTORS;

    (void)state;
    assert_true(pcg_first_factor_of_challenge("PASSWORD_VERIFIER", &f));
    assert_int_equal(f, PCG_FACTOR_PASSWORD);
    f = PCG_FACTORS;
    assert_true(pcg_first_factor_of_challenge("PASSWORD_SRP", &f));
    assert_int_equal(f, PCG_FACTOR_PASSWORD);
    assert_true(pcg_first_factor_of_challenge("EMAIL_OTP", &f));
    assert_int_equal(f, PCG_FACTOR_EMAIL_OTP);
    assert_true(pcg_first_factor_of_challenge("SMS_OTP", &f));
    assert_int_equal(f, PCG_FACTOR_SMS_OTP);
    assert_string_equal(pcg_first_factor_word(f), "sms_otp");
    assert_false(pcg_first_factor_of_challenge("SMS_MFA", &f));
    assert_false(pcg_first_factor_of_challenge("SOFTWARE_TOKEN_MFA", &f));
    assert_false(pcg_first_factor_of_challenge("SELECT_CHALLENGE", &f));
    assert_false(pcg_first_factor_of_challenge("email_otp", &f));
    assert_false(pcg_first_factor_of_challenge(NULL, &f));
}

/* Which logins start with the password prompt, and single_prompt needs one that does. */
static void test_password_first(void **state)
{
    static const struct {
        const char *extra;
        bool password_first;
    } cases[] = {
        { "", true },
        { "auth_flow = password\n", true },
        { "auth_flow = user_auth\n", true },
        { "auth_flow = user_auth\nfirst_factor = password,email_otp\n", true },
        { "auth_flow = user_auth\nfirst_factor = email_otp,password\n", false },
        { "auth_flow = user_auth\nfirst_factor = sms_otp\n", false },
        { "first_factor = sms_otp\n", true }, /* only user_auth reads it */
        { "auth_flow = custom\n", false },
        { "auth_flow = custom\ncustom_srp = yes\n", true },
    };
    struct pcg_conf c;
    char err[256], text[256];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(parse_finish(&c, cases[i].extra, err, sizeof(err)), PCG_CONF_OK);
        assert_int_equal(pcg_conf_password_first(&c), cases[i].password_first);
        pcg_conf_free(&c);
        snprintf(text, sizeof(text), "%ssingle_prompt = yes\n", cases[i].extra);
        assert_int_equal(parse_finish(&c, text, err, sizeof(err)),
                         cases[i].password_first ? PCG_CONF_OK : PCG_CONF_ERR);
        if (!cases[i].password_first)
            assert_non_null(
                strstr(err, "single_prompt needs a login that starts with the password"));
        pcg_conf_free(&c);
    }
}

static void test_new_flow_switches(void **state)
{
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    assert_false(c.custom_srp);
    assert_false(c.password_reset);
    assert_int_equal(parse(&c, "custom_srp = yes\npassword_reset = yes\n", err, sizeof(err)),
                     PCG_CONF_OK);
    assert_true(c.custom_srp);
    assert_true(c.password_reset);
    pcg_conf_free(&c);
    assert_parse_err("password_reset = maybe", "password_reset: expected yes or no");
    assert_parse_err("custom_srp = 2", "custom_srp: expected yes or no");
}

static void test_use_authtok_is_a_bare_word(void **state)
{
    const char *argv[] = { "use_authtok" };
    const char *bad[] = { "use_authtok=yes" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    pcg_conf_defaults(&c);
    assert_false(c.use_authtok);
    assert_int_equal(pcg_conf_apply_args(&c, 1, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_true(c.use_authtok);
    assert_int_equal(pcg_conf_apply_args(&c, 1, bad, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "unknown argument 'use_authtok=...'"));
    pcg_conf_free(&c);
    assert_parse_err("use_authtok = yes", "unknown key 'use_authtok'");
}

static void test_min_uid_and_local_group(void **state)
{
    const char *argv[] = { "min_uid=2000", "local_group=ops$" };
    const char *bad_uid[] = { "min_uid=0" };
    const char *bad_group[] = { "local_group=a:b" };
    struct pcg_conf c;
    char err[256];

    (void)state;
    assert_parse_err("min_uid = 0", "min_uid: expected a whole number from 1 to 2147483647");
    assert_parse_err("min_uid = -1", "min_uid: expected");
    assert_parse_err("min_uid = 2147483648", "min_uid: expected");
    assert_parse_err("min_uid = 1000x", "got '1000x'");
    assert_parse_ok("min_uid = 1");
    assert_parse_ok("min_uid = 2147483647");
    assert_parse_ok("local_group = cognito_users.2");
    assert_parse_ok("local_group = Staff");
    assert_parse_err("local_group = -g", "local_group: starts with '-', got '-g'");
    assert_parse_err("local_group = a b", "local_group: is not a local group name");
    assert_parse_err("local_group = a,b", "local_group: is not a local group name");
    assert_parse_err("local_group = $", "local_group: is not a local group name");
    assert_parse_err("local_group = a$b", "local_group: is not a local group name");
    assert_parse_err("local_group = \xc3\xa9", "local_group: is not a local group name");
    assert_parse_err("local_group = abcdefghijklmnopqrstuvwxyz0123456", "longer than 32 bytes");
    assert_parse_err("min_uid = 1\nmin_uid = 2", "duplicate key 'min_uid'");
    assert_parse_err("max_uid = 0", "max_uid: expected a whole number from 1 to 2147483647");
    assert_parse_ok("enroll_group = first-login");
    assert_parse_err("enroll_group = a,b", "enroll_group: names one group (no comma list)");
    assert_parse_err("enroll_group = a b", "enroll_group: has a group name with a space");
    assert_parse_ok("max_uid = 2147483647");
    pcg_conf_defaults(&c);
    assert_int_equal(c.max_uid, 60000);
    assert_int_equal(parse_finish(&c, "min_uid = 5000\nmax_uid = 4999\n", err, sizeof(err)),
                     PCG_CONF_ERR);
    assert_string_equal(err, "max_uid (4999) must not be less than min_uid (5000)");
    pcg_conf_free(&c);
    assert_int_equal(parse_finish(&c, "min_uid = 70000\n", err, sizeof(err)), PCG_CONF_ERR);
    assert_string_equal(err, "max_uid (60000) must not be less than min_uid (70000)");
    pcg_conf_free(&c);
    assert_int_equal(parse_finish(&c, "min_uid = 5000\nmax_uid = 5000\n", err, sizeof(err)),
                     PCG_CONF_OK);
    pcg_conf_free(&c);

    pcg_conf_defaults(&c);
    assert_int_equal(pcg_conf_apply_args(&c, 2, argv, err, sizeof(err)), PCG_CONF_OK);
    assert_int_equal(c.min_uid, 2000);
    assert_string_equal(c.local_group, "ops$");
    assert_int_equal(pcg_conf_apply_args(&c, 1, bad_uid, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "min_uid: expected a whole number from 1 to"));
    assert_non_null(strstr(err, "(PAM argument)"));
    assert_int_equal(pcg_conf_apply_args(&c, 1, bad_group, err, sizeof(err)), PCG_CONF_ERR);
    assert_non_null(strstr(err, "local_group: is not a local group name"));
    pcg_conf_free(&c);
    assert_int_equal(c.min_uid, 1000);
    assert_null(c.local_group);
}

/* The copy owns every string: freeing the source leaves it whole (ASan, valgrind). */
static void test_copy_is_deep(void **state)
{
    struct pcg_conf src, copy;
    char err[512];

    (void)state;
    assert_int_equal(parse_finish(&src,
                                  "client_secret = s3cr3t-value-0123456789\n"
                                  "groups = ops, admins\nlocal_group = cognito\n"
                                  "proxy = http://127.0.0.1:3128\n",
                                  err, sizeof(err)),
                     PCG_CONF_OK);
    assert_true(pcg_conf_copy(&copy, &src));
    assert_ptr_not_equal(copy.client_id, src.client_id);
    assert_ptr_not_equal(copy.groups[1], src.groups[1]);
    pcg_conf_free(&src);
    assert_string_equal(copy.client_secret, "s3cr3t-value-0123456789");
    assert_string_equal(copy.endpoint, "https://cognito-idp.eu-west-1.amazonaws.com/");
    assert_int_equal(copy.n_groups, 2);
    assert_string_equal(copy.groups[0], "ops");
    assert_string_equal(copy.groups[1], "admins");
    assert_null(copy.groups[2]);
    assert_string_equal(copy.local_group, "cognito");
    assert_string_equal(copy.username, "%u");
    assert_int_equal(copy.max_uid, 60000);
    pcg_conf_free(&copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_finish_fills_default_strings),
        cmocka_unit_test(test_full_file_every_key),
        cmocka_unit_test(test_free_resets_and_is_repeatable),
        cmocka_unit_test(test_int_message_names_key_and_value),
        cmocka_unit_test(test_bad_int_syntax),
        cmocka_unit_test(test_int_overflow),
        cmocka_unit_test(test_int_ranges),
        cmocka_unit_test(test_bool_values),
        cmocka_unit_test(test_bad_enums),
        cmocka_unit_test(test_endpoint_http_refused),
        cmocka_unit_test(test_endpoint_checks),
        cmocka_unit_test(test_bad_pool_id),
        cmocka_unit_test(test_bad_region),
        cmocka_unit_test(test_non_aws_region_needs_endpoint),
        cmocka_unit_test(test_client_id_and_secret_values),
        cmocka_unit_test(test_proxy_values),
        cmocka_unit_test(test_paths_must_be_absolute),
        cmocka_unit_test(test_totp_issuer_values),
        cmocka_unit_test(test_prompt_values),
        cmocka_unit_test(test_groups_parsing),
        cmocka_unit_test(test_groups_errors),
        cmocka_unit_test(test_username_template),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_line_without_equals),
        cmocka_unit_test(test_empty_value),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_very_long_lines),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_comments_and_blanks),
        cmocka_unit_test(test_hash_inside_value),
        cmocka_unit_test(test_equals_inside_value),
        cmocka_unit_test(test_secret_refused_when_not_allowed),
        cmocka_unit_test(test_args_override_file),
        cmocka_unit_test(test_args_bare_words),
        cmocka_unit_test(test_arg_client_secret_refused),
        cmocka_unit_test(test_arg_unknown_refused),
        cmocka_unit_test(test_arg_bad_values),
        cmocka_unit_test(test_conf_arg_must_be_absolute),
        cmocka_unit_test(test_load_real_file),
        cmocka_unit_test(test_load_error_frees_and_resets),
        cmocka_unit_test(test_load_last_conf_wins),
        cmocka_unit_test(test_file_missing),
        cmocka_unit_test(test_file_directory_refused),
        cmocka_unit_test(test_file_fifo_refused_without_blocking),
        cmocka_unit_test(test_file_symlink_refused),
        cmocka_unit_test(test_file_group_writable_refused),
        cmocka_unit_test(test_file_world_writable_refused),
        cmocka_unit_test(test_file_secret_needs_private_mode),
        cmocka_unit_test(test_file_non_root_owner_refused),
        cmocka_unit_test(test_file_size_cap),
        cmocka_unit_test(test_file_parse_error_names_path_and_line),
        cmocka_unit_test(test_missing_required_keys),
        cmocka_unit_test(test_finish_rechecks_hand_filled_pool_id),
        cmocka_unit_test(test_derived_fields),
        cmocka_unit_test(test_connect_timeout_within_timeout),
        cmocka_unit_test(test_unset_connect_timeout_follows_a_short_timeout),
        cmocka_unit_test(test_secret_never_in_errors),
        cmocka_unit_test(test_garbage_never_crashes),
        cmocka_unit_test(test_mfa_preference),
        cmocka_unit_test(test_username_attribute),
        cmocka_unit_test(test_first_factor),
        cmocka_unit_test(test_first_factor_of_challenge),
        cmocka_unit_test(test_password_first),
        cmocka_unit_test(test_new_flow_switches),
        cmocka_unit_test(test_use_authtok_is_a_bare_word),
        cmocka_unit_test(test_min_uid_and_local_group),
        cmocka_unit_test(test_copy_is_deep),
    };

    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}

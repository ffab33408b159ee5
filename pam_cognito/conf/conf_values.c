#include "config.h"

#include "conf/conf_values.h"

#include <string.h>
#include <strings.h>

/* Character classes spelled out: ctype.h would depend on the caller's locale. */
static bool is_lower(char ch)
{
    return ch >= 'a' && ch <= 'z';
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_alnum(char ch)
{
    return is_lower(ch) || is_digit(ch) || (ch >= 'A' && ch <= 'Z');
}

/* Printable ASCII other than space. */
static bool is_graph(char ch)
{
    return ch > 0x20 && ch < 0x7f;
}

bool pcg_parse_int(const char *s, int min, int max, int *out)
{
    long long v = 0;

    if (s == NULL || *s == '\0')
        return false;
    for (const char *p = s; *p != '\0'; p++) {
        if (!is_digit(*p))
            return false;
        /* Stop growing once past max: no overflow on any number of digits. */
        if (v <= max)
            v = v * 10 + (*p - '0');
    }
    if (v < min || v > max)
        return false;
    *out = (int)v;
    return true;
}

bool pcg_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = { "yes", "true", "on", "1" };
    static const char *const no[] = { "no", "false", "off", "0" };

    if (s == NULL)
        return false;
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/*
 * Well-formed UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF) without C0 controls, DEL or C1 controls: C1 bytes such as U+009B
 * act as escape sequences on some terminals, and prompts reach terminals.
 */
static const char *check_utf8(const char *str, size_t len, size_t maxlen, const char *too_long)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    if (len == 0)
        return "is empty";
    if (len > maxlen)
        return too_long;
    while (i < len) {
        unsigned char b = s[i];
        unsigned long cp;
        size_t n;

        if (b < 0x20 || b == 0x7f)
            return "must not contain control characters";
        if (b < 0x80) {
            i++;
            continue;
        }
        if (b >= 0xc2 && b <= 0xdf) {
            n = 1;
            cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
            n = 2;
            cp = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
            n = 3;
            cp = b & 0x07;
        } else {
            return "is not valid UTF-8";
        }
        if (len - i <= n)
            return "is not valid UTF-8";
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return "is not valid UTF-8";
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff
            || (cp >= 0xd800 && cp <= 0xdfff))
            return "is not valid UTF-8";
        if (cp <= 0x9f)
            return "must not contain control characters";
        i += n + 1;
    }
    return NULL;
}

const char *pcg_check_text(const char *s, size_t maxlen)
{
    return check_utf8(s, strlen(s), maxlen, "is too long");
}

bool pcg_is_aws_region(const char *s, size_t len)
{
    size_t i = 0, words = 0;

    /* The first word has 2 letters ("eu-west-1"), or 4 in the European Sovereign Cloud ("eusc-de-east-1"). */
    while (i < len && i < 5 && is_lower(s[i]))
        i++;
    if (i != 2 && i != 4)
        return false;
    while (i < len) {
        size_t start;

        if (s[i] != '-')
            return false;
        start = ++i;
        while (i < len && is_lower(s[i]))
            i++;
        if (i > start) {
            words++;
            continue;
        }
        while (i < len && is_digit(s[i]))
            i++;
        return words >= 1 && i == len && i - start >= 1 && i - start <= 2;
    }
    return false;
}

const char *pcg_check_pool_id(const char *s)
{
    static const char form[] = "expected the form region_id, like eu-west-1_AbC123xyz";
    size_t len = strlen(s), sep = strcspn(s, "_");

    if (len > PCG_POOL_ID_MAX)
        return "must be at most 55 characters";
    if (sep == 0 || sep == len || sep + 1 == len)
        return form;
    for (size_t i = 0; i < len; i++) {
        if (i == sep)
            continue;
        if (!is_alnum(s[i]) && !(i < sep && s[i] == '-'))
            return form;
    }
    return NULL;
}

const char *pcg_check_client_id(const char *s)
{
    size_t len = strlen(s);

    if (len > PCG_CLIENT_ID_MAX)
        return "must be at most 128 characters";
    for (size_t i = 0; i < len; i++) {
        if (!is_alnum(s[i]) && s[i] != '_' && s[i] != '+')
            return "may only contain letters, digits, '_' and '+'";
    }
    return NULL;
}

const char *pcg_check_client_secret(const char *s)
{
    size_t len = strlen(s);

    if (len > PCG_CLIENT_SECRET_MAX)
        return "must be at most 128 characters";
    for (size_t i = 0; i < len; i++) {
        if (!is_graph(s[i]))
            return "may only contain printable ASCII characters without spaces";
    }
    return NULL;
}

/*
 * rest is what follows "scheme://". True when the authority (up to the first
 * '/') names a host after any userinfo, and any port is a number 1..65535.
 */
static bool url_has_host(const char *rest)
{
    const char *end = rest + strcspn(rest, "/");
    const char *host = rest, *host_end, *p;
    long port = 0;

    for (p = rest; p < end; p++) {
        if (*p == '@')
            host = p + 1;
    }
    if (host < end && *host == '[') {
        host_end = memchr(host, ']', (size_t)(end - host));
        if (host_end == NULL || host_end == host + 1)
            return false;
        host_end++;
    } else {
        host_end = memchr(host, ':', (size_t)(end - host));
        if (host_end == NULL)
            host_end = end;
        if (host_end == host)
            return false;
    }
    if (host_end == end)
        return true;
    if (*host_end != ':' || host_end + 1 == end || end - host_end > 6)
        return false;
    for (p = host_end + 1; p < end; p++) {
        if (!is_digit(*p))
            return false;
        port = port * 10 + (*p - '0');
    }
    return port >= 1 && port <= 65535;
}

static bool all_graph(const char *s)
{
    for (; *s != '\0'; s++) {
        if (!is_graph(*s))
            return false;
    }
    return true;
}

const char *pcg_check_endpoint(const char *s)
{
    static const char https[] = "https://";

    if (strlen(s) > PCG_URL_MAX)
        return "must be at most 512 characters";
    if (strncasecmp(s, "http://", 7) == 0)
        return "plain http:// is refused, use https:// "
               "(passwords and codes must not travel unencrypted)";
    if (strncasecmp(s, https, sizeof(https) - 1) != 0)
        return "must start with https://";
    if (!all_graph(s))
        return "must not contain spaces, control or non-ASCII characters";
    if (strpbrk(s, "?#") != NULL)
        return "must not contain a query (?) or fragment (#)";
    if (!url_has_host(s + sizeof(https) - 1))
        return "needs a host name, like https://host/ or https://host:port/";
    return NULL;
}

const char *pcg_check_proxy(const char *s)
{
    static const char *const schemes[] = { "http://", "https://", "socks5://", "socks5h://" };
    static const char form[] =
        "expected a URL starting with http://, https://, socks5:// or socks5h:// and naming a host";

    if (strlen(s) > PCG_URL_MAX)
        return "must be at most 512 characters";
    if (!all_graph(s))
        return "must not contain spaces, control or non-ASCII characters";
    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        size_t n = strlen(schemes[i]);

        if (strncasecmp(s, schemes[i], n) == 0)
            return url_has_host(s + n) ? NULL : form;
    }
    return form;
}

const char *pcg_check_abs_path(const char *s)
{
    if (s[0] != '/')
        return "must be an absolute path (starting with /)";
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return "must not contain control characters";
    }
    return NULL;
}

const char *pcg_check_issuer(const char *s)
{
    const char *why = check_utf8(s, strlen(s), PCG_ISSUER_MAX, "must be at most 64 bytes");

    if (why != NULL)
        return why;
    if (strchr(s, ':') != NULL)
        return "must not contain ':' (it separates issuer and account in the otpauth label)";
    return NULL;
}

const char *pcg_check_username(const char *s)
{
    bool has_user = false;

    if (strlen(s) > PCG_USERNAME_MAX)
        return "must be at most 128 characters";
    for (const char *p = s; *p != '\0'; p++) {
        if (!is_graph(*p))
            return "may only contain printable ASCII characters without spaces";
        if (*p != '%')
            continue;
        p++;
        if (*p == 'u')
            has_user = true;
        else if (*p != '%')
            return "only %u (the PAM user) and %% (a literal %) may follow a '%'";
    }
    if (!has_user)
        return "must contain %u (the PAM user name)";
    return NULL;
}

const char *pcg_check_prompt(const char *s)
{
    return check_utf8(s, strlen(s), PCG_PROMPT_MAX, "must be at most 200 bytes");
}

const char *pcg_check_group(const char *s, size_t len)
{
    const char *why = check_utf8(s, len, PCG_GROUP_MAX, "has a group name longer than 128 bytes");

    if (why != NULL)
        return why;
    if (memchr(s, ' ', len) != NULL)
        return "has a group name with a space (Cognito group names cannot contain spaces)";
    return NULL;
}

const char *pcg_check_enroll_group(const char *s)
{
    if (s[0] == '\0')
        return "is empty";
    if (strchr(s, ',') != NULL)
        return "names one group (no comma list)";
    return pcg_check_group(s, strlen(s));
}

const char *pcg_username_attribute_name(enum pcg_username_attribute a)
{
    switch (a) {
    case PCG_USERATTR_EMAIL:
        return "email";
    case PCG_USERATTR_PHONE_NUMBER:
        return "phone_number";
    case PCG_USERATTR_PREFERRED:
        return "preferred_username";
    case PCG_USERATTR_USERNAME:
    default:
        return "username";
    }
}

bool pcg_parse_username_attribute(const char *s, enum pcg_username_attribute *out)
{
    for (int a = PCG_USERATTR_USERNAME; a <= PCG_USERATTR_PREFERRED; a++) {
        if (s != NULL
            && strcmp(s, pcg_username_attribute_name((enum pcg_username_attribute)a)) == 0) {
            *out = (enum pcg_username_attribute)a;
            return true;
        }
    }
    return false;
}

const char *pcg_check_local_group(const char *s)
{
    size_t len = strlen(s);

    if (len == 0)
        return "is empty";
    if (len > 32)
        return "is longer than 32 bytes";
    if (s[0] == '-')
        return "starts with '-'";
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '$' && i == len - 1 && i > 0)
            break;
        if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
            return "is not a local group name (letters, digits, '.', '_', '-')";
    }
    return NULL;
}

const char *pcg_check_sync_group_prefix(const char *s)
{
    size_t len = strlen(s);

    if (len == 0 || len > 16)
        return "expected 1 to 16 characters";
    if (!(s[0] >= 'a' && s[0] <= 'z') && s[0] != '_')
        return "must start with a lower-case letter or '_'";
    for (size_t i = 1; i < len; i++) {
        char ch = s[i];

        if (!(ch >= 'a' && ch <= 'z') && !(ch >= '0' && ch <= '9') && ch != '_' && ch != '-')
            return "may contain only a-z, 0-9, '_' and '-'";
    }
    return NULL;
}

const char *pcg_check_attribute_name(const char *s)
{
    size_t len = strlen(s);

    if (len == 0 || len > 32)
        return "expected an attribute name of 1 to 32 characters";
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];

        if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9')
            && ch != '_' && ch != ':' && ch != '.' && ch != '-')
            return "may contain only A-Z, a-z, 0-9, '_', ':', '.' and '-'";
    }
    if (strcmp(s, "sub") == 0)
        return "sub is the user's identifier, not a uid";
    return NULL;
}

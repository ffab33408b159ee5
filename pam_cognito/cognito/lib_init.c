/*
 * setuid su, sudo, passwd and the like run PAM with the environment of the
 * user who started them; sudo's sudoers plugin even hooks getenv and answers
 * from the environment it builds for the command, which sudoedit, env_keep,
 * SETENV and sudo -E fill from the caller's. So no trick with environ hides
 * anything, and the module never touches environ. Instead, each variable the
 * libraries below it read (sources of libcurl 7.88.1, OpenSSL 3.0, json-c
 * 0.16; README, "Hardening") is made powerless by an explicit setting, or
 * the module refuses to run:
 *
 * - SSLKEYLOGFILE: libcurl opens it for appending in curl_global_init (the
 *   OpenSSL backend's init, lib/vtls/keylog.c), with no option to say no:
 *   root would write TLS secrets to a file the caller names. Refused
 *   (pcg_environment_hazard).
 * - CURL_SSL_BACKEND (lib/vtls/vtls.c, builds with several TLS backends):
 *   the backend is chosen with curl_global_sslset before curl_global_init.
 * - OPENSSL_CONF: the configuration file is named explicitly (OpenSSL's own
 *   default, OPENSSLDIR/openssl.cnf); OPENSSL_MODULES: the provider search
 *   path is set explicitly to OpenSSL's built-in MODULESDIR. OpenSSL reads
 *   both through secure_getenv, so only non-setuid callers were exposed.
 * - SSL_CERT_FILE, SSL_CERT_DIR: read only when default trust paths are
 *   loaded, which the client never asks for (CAINFO/CAPATH are always set).
 * - per transfer, proxies (CURLOPT_PROXY and CURLOPT_NOPROXY set), HOME and
 *   .netrc (CURLOPT_NETRC off): set by the client (cognito_client.c);
 *   NTLM_WB and HTTP/3 variables belong to features it never turns on.
 * - json-c: _JSON_C_STRERROR_ENABLE (wording of file errors only).
 *
 * When the application (or an earlier module) initialised libcurl or OpenSSL
 * first, they read the environment as it was then; curl_global_init then only
 * counts one more user and the wiping allocator is not installed.
 */
#include "config.h"

#include "cognito/lib_init.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/provider.h>

#include "util/wiping_alloc.h"

static pthread_once_t libs_once = PTHREAD_ONCE_INIT;
static bool libs_ok;

const char *pcg_environment_hazard(void)
{
    /* Set at all: even an empty value is the caller's choice, not the host's. */
    if (getenv("SSLKEYLOGFILE") != NULL)
        return "SSLKEYLOGFILE";
    return NULL;
}

/*
 * OpenSSL's configuration and providers from its built-in paths, never the
 * environment's. No atexit handler: the module may be the first OpenSSL user
 * of a host that exits while other threads of it still use OpenSSL.
 */
static bool init_openssl(void)
{
    OPENSSL_INIT_SETTINGS *settings;
    char config[PATH_MAX];
    const char *dir = OPENSSL_info(OPENSSL_INFO_CONFIG_DIR);
    const char *modules = OPENSSL_info(OPENSSL_INFO_MODULES_DIR);
    int n;
    bool ok;

    if (dir == NULL || modules == NULL)
        return false;
    n = snprintf(config, sizeof(config), "%s/openssl.cnf", dir);
    if (n < 0 || (size_t)n >= sizeof(config))
        return false;
    /* Before the configuration, which may load providers. */
    if (!OSSL_PROVIDER_set_default_search_path(NULL, modules))
        return false;
    settings = OPENSSL_INIT_new();
    if (settings == NULL)
        return false;
    ok = OPENSSL_INIT_set_config_filename(settings, config) == 1
        && OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG | OPENSSL_INIT_NO_ATEXIT, settings) == 1;
    OPENSSL_INIT_free(settings);
    return ok;
}

/*
 * curl_global_init is never paired with curl_global_cleanup: the host
 * process may use libcurl too. Once set, the wiping allocator serves every
 * libcurl user of the process for good, so the module is linked with
 * -z nodelete: its functions stay mapped after pam_end unloads the module.
 */
static void init_libs_once(void)
{
    if (!init_openssl())
        return;
    /* CURLSSLSET_TOO_LATE when the application initialised libcurl first: it chose then. */
    (void)curl_global_sslset(CURLSSLBACKEND_OPENSSL, NULL, NULL);
    libs_ok = curl_global_init_mem(CURL_GLOBAL_DEFAULT, pcg_wiping_malloc, pcg_wiping_free,
                                   pcg_wiping_realloc, pcg_wiping_strdup, pcg_wiping_calloc)
        == CURLE_OK;
}

bool pcg_libs_init(void)
{
    if (pcg_environment_hazard() != NULL)
        return false;
    return pthread_once(&libs_once, init_libs_once) == 0 && libs_ok;
}

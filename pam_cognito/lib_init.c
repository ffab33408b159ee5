/*
 * setuid su, sudo, passwd and the like run PAM with the environment of the
 * user who started them, and the libraries below the module read some
 * variables with plain getenv (checked in the sources of libcurl 7.88.1,
 * OpenSSL 3.0 and json-c 0.16; README, "Hardening", lists them):
 *
 * - libcurl, at curl_global_init: SSLKEYLOGFILE (lib/vtls/keylog.c, opened
 *   for appending from the OpenSSL backend's init: root would write TLS
 *   secrets to a file the caller names), CURL_SSL_BACKEND (lib/vtls/vtls.c,
 *   builds with several TLS backends), SSL_DIR (NSS backend).
 * - libcurl, per transfer: http_proxy, https_proxy, all_proxy, no_proxy and
 *   their upper-case forms (lib/url.c), unless CURLOPT_PROXY and
 *   CURLOPT_NOPROXY are set, which the client always does; HOME (netrc, off
 *   by CURLOPT_NETRC), NTLMUSER/LOGNAME/USER (NTLM_WB), QLOGDIR (HTTP/3):
 *   features the client never turns on. The rest is in debug builds only.
 * - OpenSSL, when it loads its configuration: OPENSSL_CONF (read through
 *   secure_getenv, so ignored in setuid programs, not in others); when
 *   default trust paths are loaded: SSL_CERT_FILE, SSL_CERT_DIR (the same);
 *   at libcrypto's load: OPENSSL_ia32cap with plain getenv (CPU features
 *   only; that happens before any code of the module runs).
 * - json-c: _JSON_C_STRERROR_ENABLE (the wording of file error messages,
 *   for functions the module does not call).
 *
 * So the one-time initialisation runs with environ pointing at an empty
 * environment, and the caller's is put back right after; OpenSSL's
 * configuration is loaded then, once for the process, from its built-in
 * default path. Per-transfer choices are made explicitly by the client.
 *
 * Limits: environ is process-wide. A thread of the application that reads
 * the environment during this window (once per process, a few milliseconds)
 * sees it empty, and a setenv made there is lost. When the application (or
 * an earlier module) initialised libcurl or OpenSSL first, they already read
 * the environment as it was then; curl_global_init then only counts one more
 * user and the wiping allocator is not installed (README, "Hardening").
 * sudo's sudoers plugin hooks getenv and answers from the environment it
 * builds for the command, whatever environ says: there only the sudoers
 * policy (env_reset, env_keep) decides.
 */
#include "config.h"

#include "lib_init.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "wiping_alloc.h"

extern char **environ;

static pthread_once_t libs_once = PTHREAD_ONCE_INIT;
static bool libs_ok;

/*
 * curl_global_init is never paired with curl_global_cleanup: the host
 * process may use libcurl too. Once set, the wiping allocator serves every
 * libcurl user of the process for good, so the module is linked with
 * -z nodelete: its functions stay mapped after pam_end unloads the module.
 */
static void init_libs_once(void)
{
    static char *no_environment[] = { NULL };
    char **caller = environ;

    environ = no_environment;
    /* The configuration is loaded once per process: here, from the default path. */
    (void)OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL);
    libs_ok = curl_global_init_mem(CURL_GLOBAL_DEFAULT, pcg_wiping_malloc, pcg_wiping_free,
                                   pcg_wiping_realloc, pcg_wiping_strdup, pcg_wiping_calloc)
        == CURLE_OK;
    environ = caller;
}

bool pcg_libs_init(void)
{
    return pthread_once(&libs_once, init_libs_once) == 0 && libs_ok;
}

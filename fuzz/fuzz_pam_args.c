/*
 * The PAM arguments (conf.c): the input split at newlines into argv, applied
 * over a valid file's settings, then the cross-field checks. The error
 * message must be printable ASCII (it goes to syslog).
 */
#include "config.h"

#include "conf/conf.h"
#include "fuzz_util.h"

#define MAX_ARGS 64

static const char file_text[] = "user_pool_id = us-east-1_TestPool1\n"
                                "client_id = testclient0123456789abcdef\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = pcg_fuzz_string(data, size);
    const char *argv[MAX_ARGS];
    struct pcg_conf conf;
    char err[512] = "";
    int argc = 0;

    for (char *p = copy, *nl; argc < MAX_ARGS; p = nl + 1) {
        argv[argc++] = p;
        nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        *nl = '\0';
    }
    pcg_conf_defaults(&conf);
    if (pcg_conf_parse_text(&conf, file_text, sizeof(file_text) - 1, false, err, sizeof(err))
        != PCG_CONF_OK)
        abort();
    if (pcg_conf_apply_args(&conf, argc, argv, err, sizeof(err)) == PCG_CONF_OK)
        pcg_conf_finish(&conf, err, sizeof(err));
    if (!pcg_fuzz_printable(err))
        abort();
    pcg_conf_free(&conf);
    free(copy);
    return 0;
}

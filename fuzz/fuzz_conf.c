/*
 * The config file parser (conf.c): any bytes, with and without client_secret
 * allowed, then the cross-field checks. The error message must be printable
 * ASCII (it goes to syslog).
 */
#include "config.h"

#include "conf/conf.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pcg_conf conf;
    char err[512] = "";

    pcg_conf_defaults(&conf);
    if (pcg_conf_parse_text(&conf, (const char *)data, size, size % 2 == 0, err, sizeof(err))
        == PCG_CONF_OK)
        pcg_conf_finish(&conf, err, sizeof(err));
    if (!pcg_fuzz_printable(err))
        abort();
    pcg_conf_free(&conf);
    return 0;
}

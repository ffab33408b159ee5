#include "config.h"

/*
 * The config file on disk: opened without following links or blocking on a
 * FIFO, refused unless a regular root-owned file that group and others
 * cannot write, capped in size, read whole, parsed (conf.c), then wiped.
 * A client_secret is accepted only from a file group and others cannot read.
 */

#include "conf/conf.h"
#include "conf/conf_parse.h"

#include "util/secure.h"
#include "util/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum pcg_conf_status read_all(int fd, char *buf, size_t cap, size_t *len)
{
    size_t n = 0;

    for (;;) {
        ssize_t r = read(fd, buf + n, cap - n);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return PCG_CONF_ERR;
        if (r == 0)
            break;
        n += (size_t)r;
        if (n == cap)
            break;
    }
    *len = n;
    return PCG_CONF_OK;
}

enum pcg_conf_status pcg_conf_read_file(struct pcg_conf *c, const char *path, char *err,
                                        size_t errlen)
{
    /* One byte over the cap tells a file that grew after fstat. */
    const size_t cap = PCG_CONF_MAX_BYTES + 1;
    enum pcg_conf_status st = PCG_CONF_ERR;
    char shown[256], reason[512];
    bool secret_refused = false;
    char *buf = NULL, *copy;
    size_t len = 0;
    struct stat sb;
    int fd = -1;

    pcg_sanitize(path, shown, sizeof(shown));
    if (path == NULL || path[0] != '/') {
        pcg_conf_set_err(err, errlen, "the config file path must be absolute, got '%s'", shown);
        goto out;
    }
    copy = strdup(path);
    if (copy == NULL)
        goto nomem;
    free(c->conf_path);
    c->conf_path = copy;
    /* O_NONBLOCK: opening a FIFO must not hang the login. */
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ELOOP)
            pcg_conf_set_err(err, errlen, "cannot open %s: it is a symbolic link, which is refused",
                             shown);
        else
            pcg_conf_set_err(err, errlen, "cannot open %s: %m", shown);
        goto out;
    }
    if (fstat(fd, &sb) != 0) {
        pcg_conf_set_err(err, errlen, "cannot stat %s: %m", shown);
        goto out;
    }
    if (!S_ISREG(sb.st_mode)) {
        pcg_conf_set_err(err, errlen, "%s is not a regular file", shown);
        goto out;
    }
    if (sb.st_uid != 0) {
        pcg_conf_set_err(err, errlen, "%s is owned by uid %lu, not root: chown root %s", shown,
                         (unsigned long)sb.st_uid, shown);
        goto out;
    }
    if (sb.st_mode & (S_IWGRP | S_IWOTH)) {
        pcg_conf_set_err(err, errlen, "%s is writable by group or others: chmod go-w %s", shown,
                         shown);
        goto out;
    }
    if (sb.st_size > PCG_CONF_MAX_BYTES) {
        pcg_conf_set_err(err, errlen, "%s is larger than %d bytes", shown, PCG_CONF_MAX_BYTES);
        goto out;
    }
    buf = malloc(cap);
    if (buf == NULL)
        goto nomem;
    if (read_all(fd, buf, cap, &len) != PCG_CONF_OK) {
        pcg_conf_set_err(err, errlen, "cannot read %s: %m", shown);
        goto out;
    }
    st = pcg_conf_parse_checked(c, buf, len, !(sb.st_mode & (S_IRGRP | S_IROTH)), &secret_refused,
                                reason, sizeof(reason));
    if (st == PCG_CONF_OK)
        goto out;
    if (secret_refused)
        pcg_conf_set_err(err, errlen,
                         "client_secret is set but %s is readable by group or others: chmod 600 %s",
                         shown, shown);
    else
        pcg_conf_set_err(err, errlen, "%s: %s", shown, reason);
    goto out;
nomem:
    st = PCG_CONF_NOMEM;
    pcg_conf_set_err(err, errlen, "out of memory");
out:
    if (fd >= 0)
        close(fd);
    if (buf != NULL)
        pcg_free_secret_n(buf, len);
    return st;
}

enum pcg_conf_status pcg_conf_load(struct pcg_conf *c, int argc, const char **argv, char *err,
                                   size_t errlen)
{
    const char *path = PCG_DEFAULT_CONF;
    enum pcg_conf_status st = PCG_CONF_ERR;
    char shown[SHOWN_MAX + 1];

    pcg_conf_defaults(c);
    for (int i = 0; argv != NULL && i < argc; i++) {
        if (argv[i] != NULL && strncmp(argv[i], "conf=", 5) == 0)
            path = argv[i] + 5;
    }
    if (path[0] != '/') {
        pcg_conf_set_err(err, errlen, "conf= needs an absolute path, got '%s'",
                         pcg_sanitize(path, shown, sizeof(shown)));
        goto out;
    }
    st = pcg_conf_read_file(c, path, err, errlen);
    if (st == PCG_CONF_OK)
        st = pcg_conf_apply_args(c, argc, argv, err, errlen);
    if (st == PCG_CONF_OK)
        st = pcg_conf_finish(c, err, errlen);
out:
    if (st != PCG_CONF_OK)
        pcg_conf_free(c);
    return st;
}

#include "config.h"

#include "accounts/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads fd whole into *content and *len (see pcg_atomic_file_read); closes fd. */
static int read_fd(int fd, char **content, size_t *len, bool *exists)
{
    int err = 0;
    size_t size = 0, cap = 4096;
    char *buf;

    buf = malloc(cap + 1);
    while (buf != NULL) {
        ssize_t n;

        if (size == cap) {
            char *bigger;

            if (cap >= PCG_ATOMIC_FILE_MAX) {
                err = EFBIG;
                break;
            }
            cap *= 2;
            bigger = realloc(buf, cap + 1);
            if (bigger == NULL)
                break;
            buf = bigger;
        }
        n = read(fd, buf + size, cap - size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = errno;
            break;
        }
        if (n == 0) {
            buf[size] = '\0';
            close(fd);
            *content = buf;
            *len = size;
            *exists = true;
            return 0;
        }
        size += (size_t)n;
        if (size > PCG_ATOMIC_FILE_MAX) {
            err = EFBIG;
            break;
        }
    }
    if (buf == NULL || err == 0)
        err = ENOMEM;
    free(buf);
    close(fd);
    return err;
}

int pcg_atomic_file_read(const char *path, char **content, size_t *len, bool *exists)
{
    int fd;

    *content = NULL;
    *len = 0;
    *exists = false;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return errno == ENOENT ? 0 : errno;
    return read_fd(fd, content, len, exists);
}

/* Owned by owner and writable by no one else. */
static bool owned_by(int fd, uid_t owner, bool directory)
{
    struct stat st;

    return fstat(fd, &st) == 0 && (directory ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode))
        && st.st_uid == owner && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

int pcg_atomic_file_read_owned(const char *dir, const char *name, uid_t owner, char **content,
                               size_t *len, bool *exists)
{
    int dfd, fd;

    *content = NULL;
    *len = 0;
    *exists = false;
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0)
        return errno == ENOENT ? 0 : errno;
    if (!owned_by(dfd, owner, true)) {
        close(dfd);
        return EPERM;
    }
    /* O_NONBLOCK: a FIFO put in its place must not hang the login. */
    fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    close(dfd);
    if (fd < 0)
        return errno == ENOENT ? 0 : errno == ELOOP ? EPERM : errno;
    if (!owned_by(fd, owner, false)) {
        close(fd);
        return EPERM;
    }
    return read_fd(fd, content, len, exists);
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int fsync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    int fd, err = 0;

    if (slash == NULL)
        dir = strdup(".");
    else if (slash == path)
        dir = strdup("/");
    else
        dir = strndup(path, (size_t)(slash - path));
    if (dir == NULL)
        return ENOMEM;
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return errno;
    if (fsync(fd) != 0)
        err = errno;
    close(fd);
    return err;
}

int pcg_atomic_file_replace(const char *path, const char *content, size_t len, mode_t mode,
                            bool *written)
{
    char *old = NULL, *tmp;
    size_t old_len;
    bool exists;
    int fd, err;

    *written = false;
    err = pcg_atomic_file_read(path, &old, &old_len, &exists);
    if (err != 0)
        return err;
    if (exists && old_len == len && memcmp(old, content, len) == 0) {
        free(old);
        return 0;
    }
    free(old);
    if (asprintf(&tmp, "%s.pcg-XXXXXX", path) < 0)
        return ENOMEM;
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        err = errno;
        free(tmp);
        return err;
    }
    err = fchmod(fd, mode) != 0 ? errno : 0;
    if (err == 0)
        err = write_all(fd, content, len);
    if (err == 0 && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && err == 0)
        err = errno;
    if (err == 0 && rename(tmp, path) != 0)
        err = errno;
    if (err != 0) {
        unlink(tmp);
        free(tmp);
        return err;
    }
    free(tmp);
    *written = true;
    return fsync_dir(path);
}

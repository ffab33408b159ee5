/*
 * LD_PRELOAD shim for test_sigpipe.py: send(), sendto() and sendmsg()
 * without MSG_NOSIGNAL. libcurl 7.87 and later send TLS records through
 * their own BIO with MSG_NOSIGNAL; up to 7.86 OpenSSL wrote to the socket
 * itself with write(), and a write to a connection the peer reset raised
 * SIGPIPE. With this shim the installed libcurl behaves like those.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/types.h>

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
    ssize_t (*real)(int, const void *, size_t, int) =
        (ssize_t(*)(int, const void *, size_t, int))dlsym(RTLD_NEXT, "send");

    return real(fd, buf, len, flags & ~MSG_NOSIGNAL);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
               socklen_t tolen)
{
    ssize_t (*real)(int, const void *, size_t, int, const struct sockaddr *, socklen_t) =
        (ssize_t(*)(int, const void *, size_t, int, const struct sockaddr *, socklen_t))dlsym(
            RTLD_NEXT, "sendto");

    return real(fd, buf, len, flags & ~MSG_NOSIGNAL, to, tolen);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    ssize_t (*real)(int, const struct msghdr *, int) =
        (ssize_t(*)(int, const struct msghdr *, int))dlsym(RTLD_NEXT, "sendmsg");

    return real(fd, msg, flags & ~MSG_NOSIGNAL);
}

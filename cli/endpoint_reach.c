#include "config.h"

#include "endpoint_reach.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int pcg_endpoint_parse(const char *url, struct pcg_endpoint *ep)
{
    CURLU *u = curl_url();
    char *host = NULL, *port = NULL;
    int rc = -1;

    if (u == NULL || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK
        || curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK
        || curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK)
        goto out;
    /* An IPv6 literal comes in brackets, which getaddrinfo does not want. */
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        host[strlen(host) - 1] = '\0';
        memmove(host, host + 1, strlen(host));
    }
    if (strlen(host) >= sizeof(ep->host) || strlen(port) >= sizeof(ep->port))
        goto out;
    for (const char *p = host; *p != '\0'; p++)
        if (*p <= ' ' || *p > '~')
            goto out; /* it is printed, and no real host name has such bytes */
    snprintf(ep->host, sizeof(ep->host), "%s", host);
    snprintf(ep->port, sizeof(ep->port), "%s", port);
    rc = 0;
out:
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return rc;
}

/* One non-blocking connect limited to timeout_s. 0, or the errno of the failure. */
static int connect_one(const struct addrinfo *ai, int timeout_s)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    int error = 0;
    socklen_t len = sizeof(error);

    if (fd < 0)
        return errno;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        struct pollfd p = { .fd = fd, .events = POLLOUT };
        int ready;

        if (errno != EINPROGRESS) {
            error = errno;
        } else {
            do
                ready = poll(&p, 1, timeout_s * 1000);
            while (ready < 0 && errno == EINTR);
            if (ready == 0)
                error = ETIMEDOUT;
            else if (ready < 0)
                error = errno;
            else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0)
                error = errno;
        }
    }
    close(fd);
    return error;
}

static void address_text(const struct addrinfo *ai, char *out, size_t len)
{
    if (getnameinfo(ai->ai_addr, ai->ai_addrlen, out, (socklen_t)len, NULL, 0, NI_NUMERICHOST) != 0)
        snprintf(out, len, "?");
}

enum pcg_reach pcg_endpoint_reach(const struct pcg_endpoint *ep, int timeout_s, char *addr,
                                  size_t addrlen, char *why, size_t whylen)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
    struct addrinfo *res = NULL;
    enum pcg_reach reach = PCG_REACH_TCP;
    int gai, error = 0;

    gai = getaddrinfo(ep->host, ep->port, &hints, &res);
    if (gai != 0) {
        snprintf(why, whylen, "%s", gai == EAI_SYSTEM ? strerror(errno) : gai_strerror(gai));
        return PCG_REACH_DNS;
    }
    address_text(res, addr, addrlen);
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        error = connect_one(ai, timeout_s);
        if (error == 0) {
            address_text(ai, addr, addrlen);
            reach = PCG_REACH_OK;
            break;
        }
    }
    if (reach != PCG_REACH_OK)
        snprintf(why, whylen, "%s", strerror(error));
    freeaddrinfo(res);
    return reach;
}

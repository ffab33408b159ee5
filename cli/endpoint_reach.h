/* cognito-mfa check: can the endpoint's host be resolved and reached over TCP? */
#ifndef PCG_CLI_ENDPOINT_REACH_H
#define PCG_CLI_ENDPOINT_REACH_H

#include <stddef.h>

#define PCG_HOST_MAX 256
#define PCG_ADDR_MAX 64 /* an IPv6 address as text, and more */

struct pcg_endpoint {
    char host[PCG_HOST_MAX];
    char port[8];
};

/* Host and port (default 443) of an https URL. 0, or -1 when url is not one. */
int pcg_endpoint_parse(const char *url, struct pcg_endpoint *ep);

/*
 * Resolves ep->host and connects to ep->port on its addresses in turn, each
 * try limited to timeout_s seconds; the socket is closed at once.
 * addr receives the first address resolved (or the one that answered).
 * Returns 0 when a connection was made; otherwise why names the failure in
 * plain words and the return value says which step failed.
 */
enum pcg_reach { PCG_REACH_OK = 0, PCG_REACH_DNS, PCG_REACH_TCP };
enum pcg_reach pcg_endpoint_reach(const struct pcg_endpoint *ep, int timeout_s, char *addr,
                                  size_t addrlen, char *why, size_t whylen);

#endif

/*
 * Keeps a write to a connection the peer reset from killing the process.
 *
 * With CURLOPT_NOSIGNAL (which a library in someone else's process must
 * set), libcurl does not ignore SIGPIPE itself (lib/sigpipe.h). libcurl up
 * to 7.86 hands OpenSSL the socket (SSL_set_fd), and OpenSSL writes with
 * plain write(): a TLS record or close_notify sent on a connection the peer
 * reset raises SIGPIPE, whose default action kills login, su or sshd's
 * child. (From 7.87 libcurl's own BIO sends with MSG_NOSIGNAL.) So every
 * libcurl call that may write runs with SIGPIPE blocked in the calling
 * thread; a SIGPIPE it raised is taken off the pending set before the
 * caller's mask is put back exactly. The handler is never touched (it is
 * process-wide).
 */
#ifndef PCG_SIGPIPE_GUARD_H
#define PCG_SIGPIPE_GUARD_H

#include <signal.h>
#include <stdbool.h>

struct pcg_sigpipe_guard {
    sigset_t caller_mask;
    bool was_pending; /* a SIGPIPE of the caller's own was pending: left alone */
    bool active;
};

void pcg_sigpipe_block(struct pcg_sigpipe_guard *g);
void pcg_sigpipe_restore(struct pcg_sigpipe_guard *g);

#endif

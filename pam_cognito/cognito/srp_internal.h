/*
 * srp.c internals exposed for unit tests only. The login flow uses srp.h.
 */
#ifndef PCG_SRP_INTERNAL_H
#define PCG_SRP_INTERNAL_H

#include <stddef.h>

#include <openssl/bn.h>

#include "cognito/srp.h"

#define PCG_SRP_HKDF_LEN 16

/*
 * padHex as Cognito does it, as bytes: the minimal big-endian bytes of v,
 * with a 0x00 byte in front when the top bit is set; zero gives one 0x00.
 * v must not be negative. *out is malloc'ed (free with pcg_free_secret_n).
 */
enum pcg_srp_status pcg_srp_pad(const BIGNUM *v, unsigned char **out, size_t *outlen);

/* Intermediate values of one password claim, each as padHex bytes. Secret. */
struct pcg_srp_trace {
    unsigned char *k, *u, *x, *S;
    size_t k_len, u_len, x_len, S_len;
    unsigned char hkdf[PCG_SRP_HKDF_LEN];
};

/* pcg_srp_password_claim that also fills trace (when not NULL) on success. */
enum pcg_srp_status pcg_srp_password_claim_traced(const struct pcg_srp *srp, const char *pool_name,
                                                  const char *user_id_for_srp, const char *password,
                                                  const char *salt_hex, const char *srp_b_hex,
                                                  const char *secret_block_b64,
                                                  const char *timestamp, char *signature_b64_out,
                                                  size_t outlen, struct pcg_srp_trace *trace);

/* Wipes and frees what trace holds, and zeroes it. */
void pcg_srp_trace_clear(struct pcg_srp_trace *trace);

#endif

/*
 * Cognito's SRP-6a client math (USER_SRP_AUTH / PASSWORD_VERIFIER).
 * Pure computation: no PAM, no network, no logging.
 *
 * One login:
 *   pcg_srp_new(&srp);
 *   InitiateAuth with SRP_A = pcg_srp_public_a_hex(srp);
 *   on PASSWORD_VERIFIER:
 *     pcg_srp_timestamp(time(NULL), ts, sizeof ts);          (srp_timestamp.h)
 *     pcg_srp_password_claim(srp, conf->pool_name, USER_ID_FOR_SRP, password,
 *                            SALT, SRP_B, SECRET_BLOCK, ts, sig, sizeof sig);
 *     RespondToAuthChallenge with USERNAME = USER_ID_FOR_SRP,
 *     PASSWORD_CLAIM_SIGNATURE = sig, PASSWORD_CLAIM_SECRET_BLOCK = SECRET_BLOCK,
 *     TIMESTAMP = ts;
 *   pcg_srp_free(srp).
 * A struct pcg_srp serves one InitiateAuth: make a new one for each.
 */
#ifndef PCG_SRP_H
#define PCG_SRP_H

#include <stddef.h>

enum pcg_srp_status {
    PCG_SRP_OK = 0,
    /*
     * What the server sent (or the password) cannot be used: malformed or
     * oversized hex or base64, negative SALT, B mod N == 0, u == 0. Treat as
     * a failed login; never show the reason to the person at the prompt.
     */
    PCG_SRP_BAD_INPUT,
    /* Out of memory, OpenSSL failure, or a caller bug (NULL, short buffer). */
    PCG_SRP_INTERNAL,
};

/* Limits on what the server may send; longer is PCG_SRP_BAD_INPUT. */
#define PCG_SRP_MAX_HEX 1024           /* SALT, SRP_B (N itself is 768 digits) */
#define PCG_SRP_MAX_SECRET_BLOCK 16384 /* base64 characters */
#define PCG_SRP_MAX_FIELD 1024         /* pool name, user id, password (bytes), timestamp */

/* Base64 of an HMAC-SHA256: 44 characters + NUL. */
#define PCG_SRP_SIGNATURE_LEN 45

struct pcg_srp;

/* Draws a secret a (384 bits, see srp.c) from the OpenSSL CSPRNG and computes A = g^a mod N. */
enum pcg_srp_status pcg_srp_new(struct pcg_srp **out);

/* Same with a given a (hex, no sign): for tests and reference vectors only. */
enum pcg_srp_status pcg_srp_new_with_a(struct pcg_srp **out, const char *a_hex);

/*
 * The public value A as sent in SRP_A: minimal lowercase hex, no padding
 * (what BigInteger.toString(16) gives in the AWS SDKs). Owned by srp.
 */
const char *pcg_srp_public_a_hex(const struct pcg_srp *srp);

/*
 * The PASSWORD_VERIFIER answer. pool_name is the part of the user pool id
 * after '_'; user_id_for_srp is the challenge's USER_ID_FOR_SRP (not the
 * name the user typed); salt_hex, srp_b_hex, secret_block_b64 are SALT,
 * SRP_B, SECRET_BLOCK as received; timestamp is pcg_srp_timestamp()'s string,
 * which must also be sent as TIMESTAMP. Hex may be of odd length and of
 * either case, as servers send minimal BigInteger hex.
 * Writes the base64 PASSWORD_CLAIM_SIGNATURE into signature_b64_out
 * (outlen >= PCG_SRP_SIGNATURE_LEN); on failure it holds "".
 */
enum pcg_srp_status pcg_srp_password_claim(const struct pcg_srp *srp, const char *pool_name,
                                           const char *user_id_for_srp, const char *password,
                                           const char *salt_hex, const char *srp_b_hex,
                                           const char *secret_block_b64, const char *timestamp,
                                           char *signature_b64_out, size_t outlen);

/* Wipes the secret and frees. NULL is fine. */
void pcg_srp_free(struct pcg_srp *srp);

#endif

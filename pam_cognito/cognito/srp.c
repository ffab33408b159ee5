#include "config.h"

#include "cognito/srp.h"
#include "cognito/srp_internal.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "cognito/base64.h"
#include "cognito/lib_init.h"
#include "util/secure.h"

/* RFC 5054 appendix A, the 3072-bit group; g = 2. */
static const char group_n_hex[] = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
                                  "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                                  "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
                                  "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                                  "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
                                  "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                                  "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
                                  "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                                  "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
                                  "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                                  "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
                                  "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
                                  "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
                                  "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
                                  "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
                                  "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

/*
 * The 3072-bit group gives at most 128-bit security, and an exponent of twice
 * that strength reaches it (NIST SP 800-56A r3 5.6.1.1.4; RFC 5054 2.5.4 asks
 * for at least 256 bits, RFC 7919 5.2 for 275 with ffdhe3072). 384 bits is
 * above all three; the 1024 of amazon-cognito-identity-js adds no strength
 * and costs three times the CPU in g^a and twice in S. The server never sees
 * a's length.
 */
#define SECRET_A_BITS 384
#define NEW_A_TRIES 8
#define SHA256_LEN 32

static const char hkdf_info[] = "Caldera Derived Key\x01";

struct pcg_srp {
    BIGNUM *N;
    BIGNUM *g;
    BIGNUM *k;
    BIGNUM *a; /* secret */
    BIGNUM *A;
    char *A_hex;
};

struct chunk {
    const void *p;
    size_t n;
};

static bool sha256_chunks(const struct chunk *chunks, size_t count, unsigned char md[SHA256_LEN])
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = false;

    if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
        goto out;
    for (size_t i = 0; i < count; i++)
        if (EVP_DigestUpdate(ctx, chunks[i].p, chunks[i].n) != 1)
            goto out;
    ok = EVP_DigestFinal_ex(ctx, md, NULL) == 1;
out:
    EVP_MD_CTX_free(ctx); /* cleanses its state */
    return ok;
}

static bool hmac_sha256(const void *key, size_t keylen, const void *msg, size_t msglen,
                        unsigned char mac[SHA256_LEN])
{
    unsigned int maclen = 0;

    if (keylen > INT_MAX)
        return false;
    return HMAC(EVP_sha256(), key, (int)keylen, msg, msglen, mac, &maclen) != NULL
        && maclen == SHA256_LEN;
}

static bool is_hex_digit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Unsigned hex, 1..max_len digits, nothing else (so a leading '-' is refused). */
static enum pcg_srp_status parse_hex(const char *hex, size_t max_len, bool secret, BIGNUM **out)
{
    enum pcg_srp_status st = PCG_SRP_BAD_INPUT;
    BIGNUM *v = NULL;
    size_t len = strnlen(hex, max_len + 1);

    if (len == 0 || len > max_len)
        goto out;
    for (size_t i = 0; i < len; i++)
        if (!is_hex_digit(hex[i]))
            goto out;
    st = PCG_SRP_INTERNAL;
    v = secret ? BN_secure_new() : BN_new();
    if (v == NULL || BN_hex2bn(&v, hex) != (int)len)
        goto out;
    if (secret)
        BN_set_flags(v, BN_FLG_CONSTTIME);
    *out = v;
    v = NULL;
    st = PCG_SRP_OK;
out:
    BN_clear_free(v);
    return st;
}

/* SECRET_BLOCK: standard base64, padded, canonical (cognito/base64.h). */
static enum pcg_srp_status decode_secret_block(const char *in, unsigned char **out, size_t *outlen)
{
    size_t len = strnlen(in, PCG_SRP_MAX_SECRET_BLOCK + 1);

    switch (
        pcg_base64_decode(in, len, PCG_SRP_MAX_SECRET_BLOCK, PCG_BASE64_STANDARD, out, outlen)) {
    case PCG_BASE64_OK:
        return PCG_SRP_OK;
    case PCG_BASE64_BAD_INPUT:
        return PCG_SRP_BAD_INPUT;
    case PCG_BASE64_NOMEM:
        break;
    }
    return PCG_SRP_INTERNAL;
}

enum pcg_srp_status pcg_srp_pad(const BIGNUM *v, unsigned char **out, size_t *outlen)
{
    unsigned char *buf;
    int n;
    size_t lead, len;

    if (v == NULL || out == NULL || outlen == NULL || BN_is_negative(v))
        return PCG_SRP_INTERNAL;
    n = BN_num_bytes(v);
    lead = (n == 0 || BN_is_bit_set(v, n * 8 - 1)) ? 1 : 0;
    len = lead + (size_t)n;
    buf = malloc(len);
    if (buf == NULL)
        return PCG_SRP_INTERNAL;
    buf[0] = 0;
    if (n > 0 && BN_bn2bin(v, buf + lead) != n) {
        pcg_free_secret_n(buf, len);
        return PCG_SRP_INTERNAL;
    }
    *out = buf;
    *outlen = len;
    return PCG_SRP_OK;
}

/* out = H(pad(p) || pad(q)) read as an unsigned big-endian number. */
static enum pcg_srp_status hash_pads(const BIGNUM *p, const BIGNUM *q, BIGNUM *out)
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    unsigned char *pp = NULL, *qq = NULL;
    size_t plen = 0, qlen = 0;
    unsigned char md[SHA256_LEN];

    if (pcg_srp_pad(p, &pp, &plen) != PCG_SRP_OK || pcg_srp_pad(q, &qq, &qlen) != PCG_SRP_OK)
        goto out;
    if (!sha256_chunks((const struct chunk[]){ { pp, plen }, { qq, qlen } }, 2, md))
        goto out;
    if (BN_bin2bn(md, SHA256_LEN, out) == NULL)
        goto out;
    st = PCG_SRP_OK;
out:
    pcg_wipe(md, sizeof md);
    pcg_free_secret_n(pp, plen);
    pcg_free_secret_n(qq, qlen);
    return st;
}

/* Minimal lowercase hex, as BigInteger.toString(16). v > 0. */
static char *min_hex(const BIGNUM *v)
{
    static const char digits[] = "0123456789abcdef";
    int n = BN_num_bytes(v);
    unsigned char *bin = NULL;
    char *hex = NULL, *result = NULL;
    size_t skip;

    if (n <= 0)
        goto out;
    bin = malloc((size_t)n);
    hex = malloc((size_t)n * 2 + 1);
    if (bin == NULL || hex == NULL || BN_bn2bin(v, bin) != n)
        goto out;
    for (int i = 0; i < n; i++) {
        hex[2 * i] = digits[bin[i] >> 4];
        hex[2 * i + 1] = digits[bin[i] & 0x0f];
    }
    hex[2 * n] = '\0';
    skip = hex[0] == '0' ? 1 : 0;
    memmove(hex, hex + skip, (size_t)n * 2 + 1 - skip);
    result = hex;
    hex = NULL;
out:
    free(bin);
    free(hex);
    return result;
}

void pcg_srp_free(struct pcg_srp *srp)
{
    if (srp == NULL)
        return;
    BN_free(srp->N);
    BN_free(srp->g);
    BN_free(srp->k);
    BN_clear_free(srp->a);
    BN_free(srp->A);
    free(srp->A_hex);
    free(srp);
}

static enum pcg_srp_status srp_alloc(struct pcg_srp **out)
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    struct pcg_srp *srp = calloc(1, sizeof *srp);

    if (srp == NULL)
        goto out;
    srp->g = BN_new();
    srp->k = BN_new();
    srp->A = BN_new();
    srp->a = BN_secure_new();
    if (srp->g == NULL || srp->k == NULL || srp->A == NULL || srp->a == NULL)
        goto out;
    BN_set_flags(srp->a, BN_FLG_CONSTTIME);
    if (BN_hex2bn(&srp->N, group_n_hex) == 0 || !BN_set_word(srp->g, 2))
        goto out;
    st = hash_pads(srp->N, srp->g, srp->k);
    if (st != PCG_SRP_OK)
        goto out;
    *out = srp;
    srp = NULL;
out:
    pcg_srp_free(srp);
    return st;
}

/* A = g^a mod N; BAD_INPUT when a or A is zero. */
static enum pcg_srp_status srp_compute_public(struct pcg_srp *srp)
{
    enum pcg_srp_status st = PCG_SRP_BAD_INPUT;
    BN_CTX *ctx = NULL;

    if (BN_is_zero(srp->a))
        goto out;
    st = PCG_SRP_INTERNAL;
    ctx = BN_CTX_secure_new();
    if (ctx == NULL || !BN_mod_exp(srp->A, srp->g, srp->a, srp->N, ctx))
        goto out;
    st = PCG_SRP_BAD_INPUT;
    if (BN_is_zero(srp->A))
        goto out;
    st = PCG_SRP_INTERNAL;
    free(srp->A_hex);
    srp->A_hex = min_hex(srp->A);
    if (srp->A_hex == NULL)
        goto out;
    st = PCG_SRP_OK;
out:
    BN_CTX_free(ctx);
    return st;
}

enum pcg_srp_status pcg_srp_new(struct pcg_srp **out)
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    struct pcg_srp *srp = NULL;

    if (out == NULL)
        goto out;
    /* OpenSSL's configuration comes from its own path, not the caller's environment. */
    if (!pcg_libs_init())
        goto out;
    st = srp_alloc(&srp);
    if (st != PCG_SRP_OK)
        goto out;
    for (int i = 0; i < NEW_A_TRIES; i++) {
        if (!BN_priv_rand(srp->a, SECRET_A_BITS, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY)) {
            st = PCG_SRP_INTERNAL;
            goto out;
        }
        st = srp_compute_public(srp);
        if (st != PCG_SRP_BAD_INPUT)
            break;
    }
    if (st != PCG_SRP_OK) {
        st = PCG_SRP_INTERNAL;
        goto out;
    }
    *out = srp;
    srp = NULL;
out:
    pcg_srp_free(srp);
    return st;
}

enum pcg_srp_status pcg_srp_new_with_a(struct pcg_srp **out, const char *a_hex)
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    struct pcg_srp *srp = NULL;
    BIGNUM *a = NULL;

    if (out == NULL || a_hex == NULL)
        goto out;
    st = parse_hex(a_hex, PCG_SRP_MAX_HEX, true, &a);
    if (st != PCG_SRP_OK)
        goto out;
    st = srp_alloc(&srp);
    if (st != PCG_SRP_OK)
        goto out;
    BN_clear_free(srp->a);
    srp->a = a;
    a = NULL;
    st = srp_compute_public(srp);
    if (st != PCG_SRP_OK)
        goto out;
    *out = srp;
    srp = NULL;
out:
    BN_clear_free(a);
    pcg_srp_free(srp);
    return st;
}

const char *pcg_srp_public_a_hex(const struct pcg_srp *srp)
{
    return srp == NULL ? NULL : srp->A_hex;
}

/* x = H(pad(salt) || H(pool_name || user_id || ":" || password)). */
static enum pcg_srp_status compute_x(const char *pool_name, const char *user_id,
                                     const char *password, const BIGNUM *salt, BIGNUM *x)
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    unsigned char inner[SHA256_LEN], outer[SHA256_LEN];
    unsigned char *salt_pad = NULL;
    size_t salt_len = 0;
    const struct chunk identity[] = {
        { pool_name, strlen(pool_name) },
        { user_id, strlen(user_id) },
        { ":", 1 },
        { password, strlen(password) },
    };

    if (!sha256_chunks(identity, 4, inner))
        goto out;
    if (pcg_srp_pad(salt, &salt_pad, &salt_len) != PCG_SRP_OK)
        goto out;
    if (!sha256_chunks((const struct chunk[]){ { salt_pad, salt_len }, { inner, sizeof inner } }, 2,
                       outer))
        goto out;
    if (BN_bin2bn(outer, SHA256_LEN, x) == NULL)
        goto out;
    st = PCG_SRP_OK;
out:
    pcg_wipe(inner, sizeof inner);
    pcg_wipe(outer, sizeof outer);
    pcg_free_secret_n(salt_pad, salt_len);
    return st;
}

/* S = (B - k * g^x) ^ (a + u * x) mod N, the base reduced to [0, N) first. */
static enum pcg_srp_status compute_s(const struct pcg_srp *srp, const BIGNUM *B, const BIGNUM *u,
                                     const BIGNUM *x, BIGNUM *S, BN_CTX *ctx)
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    BIGNUM *gx, *base, *exponent;

    BN_CTX_start(ctx);
    gx = BN_CTX_get(ctx);
    base = BN_CTX_get(ctx);
    exponent = BN_CTX_get(ctx);
    if (exponent == NULL)
        goto out;
    if (!BN_mod_exp(gx, srp->g, x, srp->N, ctx) || !BN_mod_mul(base, srp->k, gx, srp->N, ctx)
        || !BN_mod_sub(base, B, base, srp->N, ctx))
        goto out;
    BN_set_flags(exponent, BN_FLG_CONSTTIME);
    if (!BN_mul(exponent, u, x, ctx) || !BN_add(exponent, exponent, srp->a))
        goto out;
    if (!BN_mod_exp(S, base, exponent, srp->N, ctx))
        goto out;
    st = PCG_SRP_OK;
out:
    BN_CTX_end(ctx); /* the secure BN_CTX clears its numbers when freed */
    return st;
}

/* K = HMAC(HMAC(key = pad(u), pad(S)), "Caldera Derived Key" || 0x01)[0..16). */
static enum pcg_srp_status derive_key(const BIGNUM *u, const BIGNUM *S,
                                      unsigned char key[PCG_SRP_HKDF_LEN])
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    unsigned char *u_pad = NULL, *s_pad = NULL;
    size_t u_len = 0, s_len = 0;
    unsigned char prk[SHA256_LEN], okm[SHA256_LEN];

    if (pcg_srp_pad(u, &u_pad, &u_len) != PCG_SRP_OK
        || pcg_srp_pad(S, &s_pad, &s_len) != PCG_SRP_OK)
        goto out;
    if (!hmac_sha256(u_pad, u_len, s_pad, s_len, prk)
        || !hmac_sha256(prk, sizeof prk, hkdf_info, sizeof hkdf_info - 1, okm))
        goto out;
    memcpy(key, okm, PCG_SRP_HKDF_LEN);
    st = PCG_SRP_OK;
out:
    pcg_wipe(prk, sizeof prk);
    pcg_wipe(okm, sizeof okm);
    pcg_free_secret_n(u_pad, u_len);
    pcg_free_secret_n(s_pad, s_len);
    return st;
}

/* Base64(HMAC(K, pool_name || user_id || secret_block || timestamp)). */
static enum pcg_srp_status sign_claim(const unsigned char key[PCG_SRP_HKDF_LEN],
                                      const char *pool_name, const char *user_id,
                                      const unsigned char *block, size_t block_len,
                                      const char *timestamp, char *out)
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    size_t pool_len = strlen(pool_name), user_len = strlen(user_id);
    size_t ts_len = strlen(timestamp);
    size_t msg_len = pool_len + user_len + block_len + ts_len;
    unsigned char *msg = malloc(msg_len);
    unsigned char mac[SHA256_LEN];

    if (msg == NULL)
        goto out;
    memcpy(msg, pool_name, pool_len);
    memcpy(msg + pool_len, user_id, user_len);
    memcpy(msg + pool_len + user_len, block, block_len);
    memcpy(msg + pool_len + user_len + block_len, timestamp, ts_len);
    if (!hmac_sha256(key, PCG_SRP_HKDF_LEN, msg, msg_len, mac))
        goto out;
    if (EVP_EncodeBlock((unsigned char *)out, mac, sizeof mac) != PCG_SRP_SIGNATURE_LEN - 1)
        goto out;
    st = PCG_SRP_OK;
out:
    pcg_wipe(mac, sizeof mac);
    free(msg);
    return st;
}

static enum pcg_srp_status check_text(const char *s, bool may_be_empty)
{
    size_t len = strnlen(s, PCG_SRP_MAX_FIELD + 1);

    if (len > PCG_SRP_MAX_FIELD || (len == 0 && !may_be_empty))
        return PCG_SRP_BAD_INPUT;
    return PCG_SRP_OK;
}

static enum pcg_srp_status fill_trace(const struct pcg_srp *srp, const BIGNUM *u, const BIGNUM *x,
                                      const BIGNUM *S, const unsigned char key[PCG_SRP_HKDF_LEN],
                                      struct pcg_srp_trace *trace)
{
    if (pcg_srp_pad(srp->k, &trace->k, &trace->k_len) != PCG_SRP_OK
        || pcg_srp_pad(u, &trace->u, &trace->u_len) != PCG_SRP_OK
        || pcg_srp_pad(x, &trace->x, &trace->x_len) != PCG_SRP_OK
        || pcg_srp_pad(S, &trace->S, &trace->S_len) != PCG_SRP_OK) {
        pcg_srp_trace_clear(trace);
        return PCG_SRP_INTERNAL;
    }
    memcpy(trace->hkdf, key, PCG_SRP_HKDF_LEN);
    return PCG_SRP_OK;
}

void pcg_srp_trace_clear(struct pcg_srp_trace *trace)
{
    if (trace == NULL)
        return;
    pcg_free_secret_n(trace->k, trace->k_len);
    pcg_free_secret_n(trace->u, trace->u_len);
    pcg_free_secret_n(trace->x, trace->x_len);
    pcg_free_secret_n(trace->S, trace->S_len);
    pcg_wipe(trace, sizeof *trace);
    *trace = (struct pcg_srp_trace){ 0 };
}

enum pcg_srp_status pcg_srp_password_claim_traced(const struct pcg_srp *srp, const char *pool_name,
                                                  const char *user_id_for_srp, const char *password,
                                                  const char *salt_hex, const char *srp_b_hex,
                                                  const char *secret_block_b64,
                                                  const char *timestamp, char *signature_b64_out,
                                                  size_t outlen, struct pcg_srp_trace *trace)
{
    enum pcg_srp_status st = PCG_SRP_INTERNAL;
    BN_CTX *ctx = NULL;
    BIGNUM *salt = NULL, *B = NULL, *u = NULL, *x = NULL, *S = NULL;
    unsigned char *block = NULL;
    size_t block_len = 0;
    unsigned char key[PCG_SRP_HKDF_LEN];
    char signature[PCG_SRP_SIGNATURE_LEN];

    if (trace != NULL)
        *trace = (struct pcg_srp_trace){ 0 };
    if (signature_b64_out != NULL && outlen > 0)
        signature_b64_out[0] = '\0';
    if (srp == NULL || pool_name == NULL || user_id_for_srp == NULL || password == NULL
        || salt_hex == NULL || srp_b_hex == NULL || secret_block_b64 == NULL || timestamp == NULL
        || signature_b64_out == NULL || outlen < PCG_SRP_SIGNATURE_LEN)
        goto out;

    if ((st = check_text(pool_name, false)) != PCG_SRP_OK
        || (st = check_text(user_id_for_srp, false)) != PCG_SRP_OK
        || (st = check_text(password, true)) != PCG_SRP_OK
        || (st = check_text(timestamp, false)) != PCG_SRP_OK
        || (st = parse_hex(salt_hex, PCG_SRP_MAX_HEX, false, &salt)) != PCG_SRP_OK
        || (st = parse_hex(srp_b_hex, PCG_SRP_MAX_HEX, false, &B)) != PCG_SRP_OK
        || (st = decode_secret_block(secret_block_b64, &block, &block_len)) != PCG_SRP_OK)
        goto out;

    st = PCG_SRP_INTERNAL;
    ctx = BN_CTX_secure_new();
    u = BN_secure_new();
    x = BN_secure_new();
    S = BN_secure_new();
    if (ctx == NULL || u == NULL || x == NULL || S == NULL)
        goto out;
    BN_set_flags(x, BN_FLG_CONSTTIME);

    /* S is still free: it serves as scratch for B mod N. */
    if (!BN_nnmod(S, B, srp->N, ctx))
        goto out;
    st = PCG_SRP_BAD_INPUT;
    if (BN_is_zero(S))
        goto out;
    /* u hashes B as received, unreduced, exactly as the reference client does. */
    if ((st = hash_pads(srp->A, B, u)) != PCG_SRP_OK)
        goto out;
    st = PCG_SRP_BAD_INPUT;
    if (BN_is_zero(u))
        goto out;

    if ((st = compute_x(pool_name, user_id_for_srp, password, salt, x)) != PCG_SRP_OK
        || (st = compute_s(srp, B, u, x, S, ctx)) != PCG_SRP_OK
        || (st = derive_key(u, S, key)) != PCG_SRP_OK
        || (st =
                sign_claim(key, pool_name, user_id_for_srp, block, block_len, timestamp, signature))
            != PCG_SRP_OK)
        goto out;
    if (trace != NULL && (st = fill_trace(srp, u, x, S, key, trace)) != PCG_SRP_OK)
        goto out;
    memcpy(signature_b64_out, signature, sizeof signature);
    st = PCG_SRP_OK;
out:
    pcg_wipe(key, sizeof key);
    pcg_wipe(signature, sizeof signature);
    BN_clear_free(salt);
    BN_clear_free(B);
    BN_clear_free(u);
    BN_clear_free(x);
    BN_clear_free(S);
    BN_CTX_free(ctx);
    free(block);
    return st;
}

enum pcg_srp_status pcg_srp_password_claim(const struct pcg_srp *srp, const char *pool_name,
                                           const char *user_id_for_srp, const char *password,
                                           const char *salt_hex, const char *srp_b_hex,
                                           const char *secret_block_b64, const char *timestamp,
                                           char *signature_b64_out, size_t outlen)
{
    return pcg_srp_password_claim_traced(srp, pool_name, user_id_for_srp, password, salt_hex,
                                         srp_b_hex, secret_block_b64, timestamp, signature_b64_out,
                                         outlen, NULL);
}

#include "config.h"

#include "cognito/secret_hash.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "util/secure.h"

/*
 * An empty client secret is refused: Cognito never issues one, so it can only
 * be a configuration mistake, and a hash under an empty key would just be
 * rejected by Cognito with a less helpful error.
 */
int pcg_secret_hash(const char *client_secret, const char *username, const char *client_id,
                    char *out, size_t outlen)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    char *msg = NULL;
    size_t secret_len = 0, user_len = 0, id_len = 0;
    int ret = -1;

    if (out != NULL && outlen > 0)
        out[0] = '\0';
    if (client_secret == NULL || username == NULL || client_id == NULL || out == NULL
        || outlen < PCG_SECRET_HASH_LEN)
        goto out;
    secret_len = strlen(client_secret);
    user_len = strlen(username);
    id_len = strlen(client_id);
    if (secret_len == 0 || secret_len > INT_MAX || user_len > SIZE_MAX / 2 - id_len)
        goto out;

    msg = malloc(user_len + id_len + 1);
    if (msg == NULL)
        goto out;
    memcpy(msg, username, user_len);
    memcpy(msg + user_len, client_id, id_len);

    if (HMAC(EVP_sha256(), client_secret, (int)secret_len, (const unsigned char *)msg,
             user_len + id_len, mac, &mac_len)
            == NULL
        || mac_len != 32)
        goto out;
    if (EVP_EncodeBlock((unsigned char *)out, mac, (int)mac_len) != PCG_SECRET_HASH_LEN - 1) {
        out[0] = '\0';
        goto out;
    }
    ret = 0;
out:
    pcg_free_secret_n(msg, msg != NULL ? user_len + id_len + 1 : 0);
    pcg_wipe(mac, sizeof(mac));
    return ret;
}

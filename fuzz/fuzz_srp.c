/*
 * The SRP inputs Cognito sends in PASSWORD_VERIFIER (srp.c): SALT, SRP_B and
 * SECRET_BLOCK, one per line of the input, with a fixed client secret a.
 * Any of them may be hostile; the answer is a signature or PCG_SRP_BAD_INPUT.
 */
#include "config.h"

#include "fuzz_util.h"
#include "cognito/srp.h"

static const char a_hex[] = "37981750af33fdf93fc6dce831fe794aba312572e7c33472528db1a1a6c1a8be"
                            "26b4b7a2a6e1ba7e60b0a2fd1db4e91e08b6c0e1ec23e1a2d5ebdeb53dd8a8f5";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = pcg_fuzz_string(data, size);
    const char *field[3] = { copy, "", "" };
    char signature[PCG_SRP_SIGNATURE_LEN];
    struct pcg_srp *srp = NULL;
    enum pcg_srp_status st;
    char *p = copy;

    for (int i = 1; i < 3; i++) {
        p = strchr(p, '\n');
        if (p == NULL)
            break;
        *p++ = '\0';
        field[i] = p;
    }
    if (pcg_srp_new_with_a(&srp, a_hex) != PCG_SRP_OK)
        abort();
    st = pcg_srp_password_claim(srp, "TestPool1", "alice", "Corr3ct-Horse!", field[0], field[1],
                                field[2], "Wed Apr 5 22:42:34 UTC 2017", signature,
                                sizeof(signature));
    if (st == PCG_SRP_OK ? strlen(signature) != PCG_SRP_SIGNATURE_LEN - 1 : signature[0] != '\0')
        abort();
    pcg_srp_free(srp);
    free(copy);
    return 0;
}

/*
 * ID token claims (id_token.c): any string as the token Cognito issued,
 * checked against a pool, a client and two groups, and whether its
 * cognito:username or verified email names a user. The reason given when it
 * is refused must be printable ASCII (it goes to syslog).
 */
#include "config.h"

#include "fuzz_util.h"
#include "cognito/id_token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *token = pcg_fuzz_string(data, size);
    char *groups[] = { "admins", "ops" };
    char why[128] = "";
    bool member = false;
    struct pcg_id_token_claims *claims = NULL;
    enum pcg_id_token_status st;

    st = pcg_id_token_in_groups(token, "us-east-1", "us-east-1_TestPool1",
                                "testclient0123456789abcdef", 1700000000, groups, 2, &member, why,
                                sizeof(why));
    if (st != PCG_ID_TOKEN_OK && !pcg_fuzz_printable(why))
        abort();
    if (pcg_id_token_read(token, "us-east-1", "us-east-1_TestPool1", "testclient0123456789abcdef",
                          1700000000, &claims, why, sizeof(why))
        == PCG_ID_TOKEN_OK) {
        char claimed[64];

        (void)pcg_id_token_names(claims, "cognito:username", NULL, "alice", claimed,
                                 sizeof(claimed));
        (void)pcg_id_token_names(claims, "email", "email_verified", "alice@example.com", claimed,
                                 sizeof(claimed));
    }
    pcg_id_token_claims_free(claims);
    free(token);
    return 0;
}

/*
 * The AWS credentials of `cognito-mfa sync`, found as AWS's own SDKs find
 * them, in this order: the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), then the EC2 instance role
 * through IMDSv2 (a token PUT, the role's name, its credentials), at
 * AWS_EC2_METADATA_SERVICE_ENDPOINT or http://169.254.169.254, unless
 * AWS_EC2_METADATA_DISABLED is true. Every answer is capped and checked;
 * no redirect is followed and no proxy used. The credentials live in wiped
 * memory only: never logged, never written.
 */
#ifndef PCG_AWS_CREDENTIALS_H
#define PCG_AWS_CREDENTIALS_H

#include <stddef.h>

#define PCG_IMDS_DEFAULT_ENDPOINT "http://169.254.169.254"

struct pcg_aws_credentials {
    char *access_key_id;     /* secret */
    char *secret_access_key; /* secret */
    char *session_token;     /* NULL or secret */
    const char *source;      /* "environment" or "instance role" */
};

enum pcg_aws_credentials_status {
    PCG_AWS_CREDENTIALS_OK = 0,
    PCG_AWS_CREDENTIALS_NONE, /* no environment credentials and no instance role reachable */
    PCG_AWS_CREDENTIALS_BAD,  /* present but malformed (err says which, never the value) */
    PCG_AWS_CREDENTIALS_NOMEM,
};

/* getenv-like lookup, so tests can give an environment. */
typedef char *(*pcg_env_fn)(const char *name);

/* Fills creds (free with pcg_aws_credentials_free). err gets a reason without secrets. */
enum pcg_aws_credentials_status pcg_aws_credentials_find(pcg_env_fn env,
                                                         struct pcg_aws_credentials *creds,
                                                         char *err, size_t errlen);

void pcg_aws_credentials_free(struct pcg_aws_credentials *creds);

/* Checks of the three values: NULL when fine, else a reason. */
const char *pcg_aws_check_access_key_id(const char *s);
const char *pcg_aws_check_secret(const char *s);
const char *pcg_aws_check_session_token(const char *s);

#endif

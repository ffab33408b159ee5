/*
 * Pure checks of single configuration values: no allocation, no I/O.
 * The pcg_check_* functions return NULL when the value is acceptable, else a
 * short English reason (a static string) that never repeats the value.
 */
#ifndef PCG_CONF_VALUES_H
#define PCG_CONF_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#define PCG_POOL_ID_MAX 55
#define PCG_CLIENT_ID_MAX 128
#define PCG_CLIENT_SECRET_MAX 128
#define PCG_URL_MAX 512
#define PCG_ISSUER_MAX 64
#define PCG_GROUP_MAX 128
#define PCG_USERNAME_MAX 128
#define PCG_PROMPT_MAX 200

/* The ID-token claim that must name the login (username_attribute). */
enum pcg_username_attribute {
    PCG_USERATTR_USERNAME = 0, /* cognito:username */
    PCG_USERATTR_EMAIL,        /* email, with email_verified true */
    PCG_USERATTR_PHONE_NUMBER, /* phone_number, with phone_number_verified true */
    PCG_USERATTR_PREFERRED,    /* preferred_username */
};

/* The option's word for a: username, email, phone_number or preferred_username. */
const char *pcg_username_attribute_name(enum pcg_username_attribute a);

/* One of those words into *out; false (and *out untouched) for anything else. */
bool pcg_parse_username_attribute(const char *s, enum pcg_username_attribute *out);

/* Decimal digits only (no sign, space, hex or overflow), within min..max. */
bool pcg_parse_int(const char *s, int min, int max, int *out);

/* yes/no, true/false, on/off, 1/0, in any case. */
bool pcg_parse_bool(const char *s, bool *out);

/* Well-formed UTF-8 of 1..maxlen bytes with no C0/C1 control or DEL. */
const char *pcg_check_text(const char *s, size_t maxlen);

/* "region_id": [A-Za-z0-9-]+ '_' [A-Za-z0-9]+, at most 55 bytes. */
const char *pcg_check_pool_id(const char *s);

/* An AWS region name like eu-west-1, us-gov-west-1 or eusc-de-east-1:
 * ([a-z]{2}|[a-z]{4})(-[a-z]+)+-[0-9]{1,2}. */
bool pcg_is_aws_region(const char *s, size_t len);

const char *pcg_check_client_id(const char *s);
const char *pcg_check_client_secret(const char *s);
const char *pcg_check_endpoint(const char *s);
const char *pcg_check_proxy(const char *s);
const char *pcg_check_abs_path(const char *s);
const char *pcg_check_issuer(const char *s);
const char *pcg_check_username(const char *s);
const char *pcg_check_prompt(const char *s);

/*
 * A local (/etc/group) group name: 1..32 bytes of [A-Za-z0-9._-], not
 * starting with '-', with an optional trailing '$' (as useradd accepts).
 */
const char *pcg_check_local_group(const char *s);

/* sync_group_prefix: 1..16 bytes, [a-z_] then [a-z0-9_-] (it starts a Linux name). */
const char *pcg_check_sync_group_prefix(const char *s);

/* A Cognito attribute name (sync_uid_attribute): 1..32 bytes of [A-Za-z0-9_:.-], not "sub". */
const char *pcg_check_attribute_name(const char *s);

/* One group name of len bytes (not NUL-terminated, already trimmed). */
const char *pcg_check_group(const char *s, size_t len);

/* enroll_group: one Cognito group name. */
const char *pcg_check_enroll_group(const char *s);

#endif

/*
 * Which requests may be sent again after they reached Cognito and the answer
 * was a server error (HTTP 5xx): the operation may have run anyway.
 * Throttling and failures before any byte was sent are always retried;
 * a request whose answer was lost on the way is never sent again.
 */
#ifndef PCG_RETRY_POLICY_H
#define PCG_RETRY_POLICY_H

#include <json-c/json.h>
#include <stdbool.h>

/* True when sending request as operation twice cannot count twice or change what it did. */
bool pcg_may_repeat(const char *operation, struct json_object *request);

#endif

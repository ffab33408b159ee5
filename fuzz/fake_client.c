#include "config.h"

#include "fake_client.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cognito/cognito_client.h"
#include "util/secure.h"

struct pcg_client {
    unsigned calls;
};

static const uint8_t *script;
static size_t script_len, script_pos;

void pcg_fake_client_script(const uint8_t *data, size_t len)
{
    script = data;
    script_len = len;
    script_pos = 0;
}

struct pcg_client *pcg_client_new(const struct pcg_client_opts *opts)
{
    if (opts == NULL || opts->endpoint == NULL)
        return NULL;
    return calloc(1, sizeof(struct pcg_client));
}

void pcg_client_free(struct pcg_client *client)
{
    free(client);
}

long pcg_client_budget_left_ms(const struct pcg_client *client)
{
    return client != NULL ? 1000 : 0;
}

bool pcg_client_warm(struct pcg_client *client)
{
    return client != NULL;
}

const char *pcg_status_str(enum pcg_status st)
{
    return st == PCG_OK ? "ok" : "failed";
}

static bool next_chunk(const char **chunk, size_t *len)
{
    const uint8_t *end;

    if (script_pos >= script_len)
        return false;
    *chunk = (const char *)script + script_pos;
    end = memchr(*chunk, '\0', script_len - script_pos);
    *len = end != NULL ? (size_t)(end - (const uint8_t *)*chunk) : script_len - script_pos;
    script_pos += *len + 1;
    return true;
}

static void check_request(struct json_object *request)
{
    struct json_object *back;
    char *body = NULL;
    size_t len = 0;

    if (pcg_json_write(request, &body, &len) != PCG_JSON_WRITE_OK)
        abort();
    back = pcg_json_parse_object(body, len);
    if (back == NULL || !json_object_equal(back, request))
        abort();
    pcg_json_put_wiped(back);
    pcg_free_secret(body);
}

enum pcg_status pcg_client_call(struct pcg_client *client, const char *operation,
                                struct json_object *request, struct json_object **response,
                                struct pcg_api_error *err)
{
    const char *chunk;
    size_t len;

    memset(err, 0, sizeof(*err));
    *response = NULL;
    if (client == NULL || operation == NULL || request == NULL)
        abort();
    client->calls++;
    check_request(request);
    if (!next_chunk(&chunk, &len)) {
        snprintf(err->message, sizeof(err->message), "no answer");
        return PCG_ERR_UNAVAILABLE;
    }
    if (len > 0 && chunk[0] == '!') {
        err->http_status = 400;
        pcg_api_error_parse(NULL, chunk + 1, len - 1, err);
        return err->type[0] != '\0' ? PCG_ERR_API : PCG_ERR_RESPONSE;
    }
    *response = pcg_json_parse_object(chunk, len);
    if (*response == NULL) {
        snprintf(err->message, sizeof(err->message), "response is not a JSON object");
        return PCG_ERR_RESPONSE;
    }
    return PCG_OK;
}

void pcg_client_renew_budget(struct pcg_client *client)
{
}

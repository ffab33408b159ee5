/*
 * A Cognito client for fuzzing the login flow: instead of the network, each
 * call takes the next answer from a script of NUL-separated chunks. A chunk
 * is a response body, or '!' and an error body (Cognito's error JSON). Every
 * request is written with pcg_json_write and must read back as the same
 * object, or the fuzzer aborts.
 */
#ifndef PCG_FAKE_CLIENT_H
#define PCG_FAKE_CLIENT_H

#include <stddef.h>
#include <stdint.h>

void pcg_fake_client_script(const uint8_t *data, size_t len);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Authentication and the POST requests of both endpoints.  The API key goes
 * in `x-api-key` (the documented scheme) or, with `auth = bearer`, in
 * `Authorization: Bearer` (the scheme of the docs' curl example); either
 * way the header is marked secret so the host redacts it and keeps it out
 * of recordings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "saleshandy.h"

/* "Bearer " + the longest key we pass on. */
#define SH_BEARER_MAX 4096

or_status
sh_auth_mode(const struct or_host *h, int *bearer, char *err, size_t errlen)
{
    *bearer = 0;
    const char *mode = NULL;
    if (h->config_get(h, SH_AUTH_KEY, &mode) != OR_OK) {
        snprintf(err, errlen, "[saleshandy] %s could not be read", SH_AUTH_KEY);
        return OR_ERR_CONFIG;
    }
    if (mode == NULL || mode[0] == '\0' || strcasecmp(mode, "x-api-key") == 0) {
        return OR_OK;
    }
    if (strcasecmp(mode, "bearer") == 0) {
        *bearer = 1;
        return OR_OK;
    }
    snprintf(err, errlen, "[saleshandy] auth = \"%.64s\" is not supported: use %s", mode,
             SH_AUTH_VALUES);
    return OR_ERR_INVALID;
}

static or_status
auth_header(const struct or_host *h, struct or_request *req, int bearer, char *err, size_t errlen)
{
    or_status st = OR_OK;
    const char *key = NULL;
    if (h->secret_get(h, "api_key_env", NULL, &key, err, errlen) != OR_OK) {
        /* The host has named the variable to set in err. */
        return OR_ERR_AUTH;
    }
    if (!bearer) {
        st = h->req_header(req, "x-api-key", key, 1);
    }
    else {
        char value[SH_BEARER_MAX];
        int len = snprintf(value, sizeof(value), "Bearer %s", key);
        if (len < 0 || (size_t)len >= sizeof(value)) {
            snprintf(err, errlen, "[saleshandy] the API key is longer than %d bytes",
                     SH_BEARER_MAX - 8);
            return OR_ERR_AUTH;
        }
        st = h->req_header(req, "Authorization", value, 1);
    }
    if (st != OR_OK) {
        snprintf(err, errlen, "saleshandy: could not add the authentication header");
    }
    return st;
}

/* Method, path, the authentication header and Accept. */
static or_status
request_start(const struct or_host *h, struct or_request *req, const char *method, const char *path,
              char *err, size_t errlen)
{
    int bearer = 0;
    /* A bad `auth` is a config error: refuse it before touching the request. */
    or_status st = sh_auth_mode(h, &bearer, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = h->req_set(req, method, path);
    if (st != OR_OK) {
        snprintf(err, errlen, "saleshandy: could not set request %s %s", method, path);
        return st;
    }
    st = auth_header(h, req, bearer, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = h->req_header(req, "Accept", "application/json", 0);
    if (st != OR_OK) {
        snprintf(err, errlen, "saleshandy: could not add request headers for %s", path);
    }
    return st;
}

or_status
sh_request_get(const struct or_host *h, struct or_request *req, const char *path, char *err,
               size_t errlen)
{
    /* No Content-Type on a GET: the API answers 406 to one. */
    return request_start(h, req, "GET", path, err, errlen);
}

or_status
sh_request_post(const struct or_host *h, struct or_request *req, const char *path,
                const json_t *body, char *err, size_t errlen)
{
    char *text = NULL;
    or_status st = request_start(h, req, "POST", path, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    text = json_dumps(body, JSON_COMPACT);
    if (text == NULL) {
        snprintf(err, errlen, "saleshandy: out of memory serialising the body of %s", path);
        st = OR_ERR_NOMEM;
        goto fail;
    }
    st = h->req_body(req, text, strlen(text), "application/json");
    if (st != OR_OK) {
        snprintf(err, errlen, "saleshandy: could not set the body of %s", path);
    }
fail:
    free(text);
    return st;
}

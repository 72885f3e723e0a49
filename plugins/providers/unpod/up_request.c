/* SPDX-License-Identifier: MIT */
/*
 * Request building and instances of endpoint analytics.  The API answers
 * one space (space_token given) or the whole organisation (no token) per
 * request, so several spaces are several instances of one fetch, each
 * giving one row.  No state outlives a call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "unpod.h"

#define PATH "/api/v2/platform/organisation/analytics/"

/* Config value @p key of section [unpod], or NULL when unset or empty. */
static const char *
config(const struct or_host *h, const char *key)
{
    const char *v = NULL;
    if (h->config_get(h, key, &v) != OR_OK) {
        return NULL;
    }
    return v != NULL && v[0] != '\0' ? v : NULL;
}

/* 1 if @p s holds no control characters (it goes into an HTTP header). */
static int
header_safe(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            return 0;
        }
    }
    return 1;
}

static int
is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* 1 if line @p s (@p len bytes) is already one of the '\n'-separated lines of @p buf. */
static int
listed(const char *buf, size_t used, const char *s, size_t len)
{
    size_t start = 0;
    while (start < used) {
        const char *nl = memchr(buf + start, '\n', used - start);
        size_t end = nl != NULL ? (size_t)(nl - buf) : used;
        if (end - start == len && memcmp(buf + start, s, len) == 0) {
            return 1;
        }
        start = end + 1;
    }
    return 0;
}

or_status
up_analytics_instances(const struct or_host *h, const struct or_query *q, char *buf, size_t buflen,
                       char *err, size_t errlen)
{
    const char *where = "--param space_token";
    const char *list = orp_param(q, "space_token");
    if (list == NULL) {
        where = "config [unpod] space_tokens";
        list = config(h, "space_tokens");
    }
    if (buf == NULL || buflen == 0) {
        snprintf(err, errlen, UP_NAME " no room for the list of space tokens");
        return OR_ERR_INVALID;
    }
    buf[0] = '\0';
    size_t used = 0;
    const char *p = list;
    while (p != NULL && *p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        const char *s = p;
        p = comma != NULL ? comma + 1 : NULL;
        while (len > 0 && is_blank(*s)) {
            s++;
            len--;
        }
        while (len > 0 && is_blank(s[len - 1])) {
            len--;
        }
        if (len == 0) {
            continue;
        }
        if (!up_token_valid(s, len)) {
            up_token_error(s, len, where, err, errlen);
            buf[0] = '\0';
            return OR_ERR_INVALID;
        }
        if (listed(buf, used, s, len)) {
            continue; /* the same space twice would give its row twice */
        }
        size_t need = len + (used > 0 ? 1 : 0);
        if (used + need + 1 > buflen) {
            snprintf(err, errlen, UP_NAME " too many space tokens in %s (more than %zu bytes)",
                     where, buflen - 1);
            buf[0] = '\0';
            return OR_ERR_INVALID;
        }
        if (used > 0) {
            buf[used++] = '\n';
        }
        memcpy(buf + used, s, len);
        used += len;
        buf[used] = '\0';
    }
    return OR_OK;
}

/* Request parts that come from config, checked before anything is built. */
struct settings {
    const char *org_handle;
    const char *product_id;
    const char *scheme; /* "Token" or "jwt" */
};

static or_status
read_settings(const struct or_host *h, const struct or_query *q, struct settings *s, char *err,
              size_t errlen)
{
    if (config(h, "base_url") == NULL) {
        snprintf(err, errlen,
                 UP_NAME " base_url is not set (the API's address, e.g. "
                         "https://unpod.dev)");
        return OR_ERR_INVALID;
    }
    s->org_handle = config(h, "org_handle");
    if (s->org_handle == NULL) {
        snprintf(err, errlen,
                 UP_NAME " org_handle is not set (the organisation's domain "
                         "handle, e.g. acme.example)");
        return OR_ERR_INVALID;
    }
    if (!header_safe(s->org_handle)) {
        snprintf(err, errlen, UP_NAME " org_handle contains control characters");
        return OR_ERR_INVALID;
    }
    s->product_id = config(h, "product_id"); /* declared with its default */
    if (s->product_id == NULL) {
        snprintf(err, errlen, UP_NAME " product_id is not set");
        return OR_ERR_INVALID;
    }
    if (!header_safe(s->product_id)) {
        snprintf(err, errlen, UP_NAME " product_id contains control characters");
        return OR_ERR_INVALID;
    }
    if (q->instance != NULL && !up_token_valid(q->instance, strlen(q->instance))) {
        up_token_error(q->instance, strlen(q->instance), "the instance list", err, errlen);
        return OR_ERR_INVALID;
    }
    return up_auth_scheme(h, &s->scheme, err, errlen);
}

or_status
up_request_start(const struct or_host *h, const struct or_query *q, struct or_request *req,
                 const char *path, char *err, size_t errlen)
{
    struct settings s;
    char *auth = NULL;
    or_status st = read_settings(h, q, &s, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    const char *token = NULL;
    if (h->secret_get(h, "api_key_env", NULL, &token, err, errlen) != OR_OK) {
        /* The host has named the variable to set in err. */
        st = OR_ERR_AUTH;
        goto fail;
    }
    auth = up_authorization(s.scheme, token);
    if (auth == NULL) {
        snprintf(err, errlen, UP_NAME " out of memory for the Authorization header");
        st = OR_ERR_NOMEM;
        goto fail;
    }
    st = h->req_set(req, "GET", path);
    if (st != OR_OK) {
        snprintf(err, errlen, UP_NAME " could not set request GET %s", path);
        goto fail;
    }
    st = h->req_header(req, "accept", "application/json", 0);
    if (st == OR_OK) {
        st = h->req_header(req, "Org-Handle", s.org_handle, 0);
    }
    if (st == OR_OK) {
        st = h->req_header(req, "Product-Id", s.product_id, 0);
    }
    if (st == OR_OK) {
        st = h->req_header(req, "Authorization", auth, 1);
    }
    if (st != OR_OK) {
        snprintf(err, errlen, UP_NAME " could not add request headers for %s", path);
    }

fail:
    free(auth);
    return st;
}

or_status
up_analytics_build(const struct or_host *h, const struct or_query *q, long page,
                   struct or_request *req, char *err, size_t errlen)
{
    (void)page; /* OR_PAGING_NONE: always page 1 */
    or_status st = up_request_start(h, q, req, PATH, err, errlen);
    if (st == OR_OK && q->instance != NULL) {
        st = h->req_query(req, "space_token", q->instance);
        if (st != OR_OK) {
            snprintf(err, errlen, UP_NAME " could not add query parameter space_token");
        }
    }
    return st;
}

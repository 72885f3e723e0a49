/* SPDX-License-Identifier: MIT */
/*
 * Request building shared by both endpoints: the API key header, query
 * pairs, endpoint parameters in a stable order (so recordings replay), and
 * the range checks of check_query.  No state outlives a call.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "salesfinity.h"

int
sf_parse_bool(const char *s)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < SF_ARRAY_LEN(yes); i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            return 1;
        }
        if (strcasecmp(s, no[i]) == 0) {
            return 0;
        }
    }
    return -1;
}

or_status
sf_request_start(const struct or_host *h, struct or_request *req, const char *path, char *err,
                 size_t errlen)
{
    or_status st = h->req_set(req, "GET", path);
    if (st != OR_OK) {
        snprintf(err, errlen, "salesfinity: could not set request GET %s", path);
        return st;
    }
    const char *key = NULL;
    if (h->secret_get(h, "api_key_env", NULL, &key, err, errlen) != OR_OK) {
        /* The host has named the variable to set in err. */
        return OR_ERR_AUTH;
    }
    st = h->req_header(req, "x-api-key", key, 1);
    if (st == OR_OK) {
        st = h->req_header(req, "Accept", "application/json", 0);
    }
    if (st != OR_OK) {
        snprintf(err, errlen, "salesfinity: could not add request headers for %s", path);
    }
    return st;
}

or_status
sf_query(const struct or_host *h, struct or_request *req, const char *key, const char *value,
         char *err, size_t errlen)
{
    or_status st = h->req_query(req, key, value);
    if (st != OR_OK) {
        snprintf(err, errlen, "salesfinity: could not add query parameter %s", key);
    }
    return st;
}

or_status
sf_query_long(const struct or_host *h, struct or_request *req, const char *key, long value,
              char *err, size_t errlen)
{
    char num[32];
    snprintf(num, sizeof(num), "%ld", value);
    return sf_query(h, req, key, num, err, errlen);
}

/* One `key=item` pair per comma-separated, trimmed, non-empty item. */
static or_status
query_list(const struct or_host *h, struct or_request *req, const char *key, const char *list,
           char *err, size_t errlen)
{
    size_t n = strlen(list);
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        snprintf(err, errlen, "salesfinity: out of memory for query parameter %s", key);
        return OR_ERR_NOMEM;
    }
    memcpy(copy, list, n + 1);
    or_status st = OR_OK;
    char *item = copy;
    while (item != NULL) {
        char *comma = strchr(item, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        while (orp_is_space(*item)) {
            item++;
        }
        size_t len = strlen(item);
        while (len > 0 && orp_is_space(item[len - 1])) {
            item[--len] = '\0';
        }
        if (len > 0) {
            st = sf_query(h, req, key, item, err, errlen);
            if (st != OR_OK) {
                goto fail;
            }
        }
        item = comma != NULL ? comma + 1 : NULL;
    }
fail:
    free(copy);
    return st;
}

static int
skipped(const char *name, const char *const *skip)
{
    for (size_t i = 0; skip != NULL && skip[i] != NULL; i++) {
        if (strcmp(name, skip[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

or_status
sf_query_params(const struct or_host *h, const struct or_query *q, struct or_request *req,
                const struct or_param *const *params, size_t nparams, const char *const *skip,
                enum sf_param_style style, char *err, size_t errlen)
{
    for (size_t i = 0; i < nparams; i++) {
        const struct or_param *p = params[i];
        const char *value = orp_param(q, p->name);
        if (value == NULL || skipped(p->name, skip)) {
            continue;
        }
        int list = p->type == OR_PARAM_STRING_LIST || p->type == OR_PARAM_INT_LIST;
        char key[128];
        int len = 0;
        if (style == SF_PARAM_FILTERS) {
            len = snprintf(key, sizeof(key), list ? "filters[%s][]" : "filters[%s]", p->name);
        }
        else {
            len = snprintf(key, sizeof(key), list ? "%s[]" : "%s", p->name);
        }
        if (len < 0 || (size_t)len >= sizeof(key)) {
            snprintf(err, errlen, "salesfinity: parameter name %s is too long", p->name);
            return OR_ERR_INVALID;
        }
        or_status st = OR_OK;
        if (list) {
            st = query_list(h, req, key, value, err, errlen);
        }
        else if (p->type == OR_PARAM_BOOL) {
            int b = sf_parse_bool(value);
            if (b < 0) {
                snprintf(err, errlen,
                         "salesfinity: parameter %s must be true or false, not "
                         "\"%s\"",
                         p->name, value);
                return OR_ERR_INVALID;
            }
            st = sf_query(h, req, key, b ? "true" : "false", err, errlen);
        }
        else {
            st = sf_query(h, req, key, value, err, errlen);
        }
        if (st != OR_OK) {
            return st;
        }
    }
    return OR_OK;
}

or_status
sf_check_nonneg(const struct or_query *q, const char *endpoint, const char *name, double *out,
                int *given, char *err, size_t errlen)
{
    *given = 0;
    *out = 0.0;
    const char *s = orp_param(q, name);
    if (s == NULL) {
        return OR_OK;
    }
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(v) || v < 0.0) {
        snprintf(err, errlen, "%s: parameter %s must be a number >= 0, not \"%s\"", endpoint, name,
                 s);
        return OR_ERR_INVALID;
    }
    *out = v;
    *given = 1;
    return OR_OK;
}

or_status
sf_check_bools(const struct or_query *q, const char *endpoint, const struct or_param *const *params,
               size_t nparams, char *err, size_t errlen)
{
    for (size_t i = 0; i < nparams; i++) {
        if (params[i]->type != OR_PARAM_BOOL) {
            continue;
        }
        const char *s = orp_param(q, params[i]->name);
        if (s != NULL && sf_parse_bool(s) < 0) {
            snprintf(err, errlen, "%s: parameter %s must be true or false, not \"%s\"", endpoint,
                     params[i]->name, s);
            return OR_ERR_INVALID;
        }
    }
    return OR_OK;
}

or_status
sf_analytics_dates(const struct or_query *q, const char *endpoint, const char **start,
                   const char **end, char *err, size_t errlen)
{
    *start = orp_param(q, "start_date");
    *end = orp_param(q, "end_date");
    if (*start == NULL) {
        *start = q->first_day;
    }
    if (*end == NULL) {
        *end = q->last_day;
    }
    if (*start == NULL || *end == NULL) {
        snprintf(err, errlen,
                 "%s: the API needs a start and an end date: give --period (or --from and --to), "
                 "or --param start_date=YYYY-MM-DD and --param end_date=YYYY-MM-DD",
                 endpoint);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

or_status
sf_analytics_check(const struct or_query *q, const char *endpoint, long *limit, const char **start,
                   const char **end, char *err, size_t errlen)
{
    long l = 0;
    const char *s = NULL;
    const char *e = NULL;
    or_status st = orp_check_int(q, endpoint, "limit", 1, SF_PAGE_LIMIT, SF_PAGE_LIMIT,
                                 limit != NULL ? limit : &l, err, errlen);
    return st != OR_OK ? st
                       : sf_analytics_dates(q, endpoint, start != NULL ? start : &s,
                                            end != NULL ? end : &e, err, errlen);
}

/* Parameters sent under their own rules before the rest. */
static const char *const analytics_own[] = {"limit", "start_date", "end_date", "timezone", NULL};

or_status
sf_analytics_build(const struct or_host *h, const struct or_query *q, struct or_request *req,
                   const char *endpoint, const char *path, long page,
                   const struct or_param *const *params, size_t nparams, char *err, size_t errlen)
{
    long limit = 0;
    const char *start = NULL;
    const char *end = NULL;
    const char *tz = orp_param(q, "timezone");
    /* Refused before anything is built. */
    or_status st = sf_analytics_check(q, endpoint, &limit, &start, &end, err, errlen);
    if (st == OR_OK) {
        st = sf_request_start(h, req, path, err, errlen);
    }
    if (st == OR_OK) {
        st = sf_query_long(h, req, "page", page, err, errlen);
    }
    if (st == OR_OK) {
        st = sf_query_long(h, req, "limit", limit, err, errlen);
    }
    if (st == OR_OK) {
        st = sf_query(h, req, "start_date", start, err, errlen);
    }
    if (st == OR_OK) {
        st = sf_query(h, req, "end_date", end, err, errlen);
    }
    if (st == OR_OK && (tz != NULL || q->tz != NULL)) {
        st = sf_query(h, req, "timezone", tz != NULL ? tz : q->tz, err, errlen);
    }
    if (st == OR_OK) {
        st =
            sf_query_params(h, q, req, params, nparams, analytics_own, SF_PARAM_PLAIN, err, errlen);
    }
    return st;
}

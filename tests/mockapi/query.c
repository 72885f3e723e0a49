/* SPDX-License-Identifier: MIT */
/* Query-string access: single values, list parameters, strict numbers. */
#include "mockapi.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *
query_get(const struct mock_request *req, const char *key)
{
    for (size_t i = 0; i < req->nparams; i++) {
        if (strcmp(req->params[i].key, key) == 0) {
            return req->params[i].value != NULL ? req->params[i].value : "";
        }
    }
    return NULL;
}

/* key is base, base[] or base[<digits>]. */
static int
is_list_key(const char *key, const char *base)
{
    size_t n = strlen(base);

    if (strncmp(key, base, n) != 0) {
        return 0;
    }
    const char *p = key + n;
    if (*p == '\0') {
        return 1;
    }
    if (*p++ != '[') {
        return 0;
    }
    while (isdigit((unsigned char)*p)) {
        p++;
    }
    return p[0] == ']' && p[1] == '\0';
}

static int
is_junk(char c)
{
    return isspace((unsigned char)c) || c == '[' || c == ']' || c == '"' || c == '\'';
}

int
query_list(const struct mock_request *req, const char *base, query_item_fn *fn, void *arg)
{
    int count = 0;
    char item[256];

    for (size_t i = 0; i < req->nparams; i++) {
        const char *v = req->params[i].value;
        if (v == NULL || !is_list_key(req->params[i].key, base)) {
            continue;
        }
        while (*v != '\0') {
            const char *end = strchr(v, ',');
            size_t len = end != NULL ? (size_t)(end - v) : strlen(v);
            const char *s = v;
            const char *e = v + len;
            while (s < e && is_junk(*s)) {
                s++;
            }
            while (e > s && is_junk(e[-1])) {
                e--;
            }
            if (e > s) {
                size_t n = (size_t)(e - s);
                if (n >= sizeof item) {
                    n = sizeof item - 1;
                }
                memcpy(item, s, n);
                item[n] = '\0';
                count++;
                if (fn(arg, item) != 0) {
                    return -1;
                }
            }
            v += len;
            if (*v == ',') {
                v++;
            }
        }
    }
    return count;
}

int
query_parse_long(const char *s, long min, long max, long *out)
{
    char *end = NULL;

    if (s == NULL || *s == '\0' || isspace((unsigned char)*s)) {
        return -1;
    }
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

int
query_parse_bool(const char *s, int *out)
{
    if (s == NULL) {
        return -1;
    }
    if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0) {
        *out = 1;
        return 0;
    }
    if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0) {
        *out = 0;
        return 0;
    }
    return -1;
}

int
query_path_equal(const char *route, const char *path)
{
    size_t n = strlen(route);
    size_t m = strlen(path);

    while (m > 1 && path[m - 1] == '/') {
        m--;
    }
    return m == n && strncmp(route, path, n) == 0;
}

const char *
query_paging(const struct mock_request *req, long *limit, long *page)
{
    const char *v = query_get(req, "limit");

    *limit = 10;
    *page = 1;
    if (v != NULL && query_parse_long(v, 1, 100, limit) != 0) {
        return "limit must be an integer between 1 and 100";
    }
    v = query_get(req, "page");
    if (v != NULL && query_parse_long(v, 1, 100000000L, page) != 0) {
        return "page must be an integer >= 1";
    }
    return NULL;
}

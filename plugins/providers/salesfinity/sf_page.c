/* SPDX-License-Identifier: MIT */
/*
 * Decoding a page body and reading its paging fields.  Messages name the
 * endpoint and page, and the JSON position for malformed bodies, so a run's
 * failure line says exactly which response was bad.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "salesfinity.h"

or_status sf_page_load(const char *body, size_t len,
                       json_t **out, char *err, size_t errlen)
{
    *out = NULL;
    if (body == NULL || len == 0) {
        snprintf(err, errlen, "empty response body");
        return OR_ERR_PARSE;
    }
    /*
     * Flags 0: duplicates allowed (last wins), \u0000 refused, trailing
     * garbage refused.  jansson validates UTF-8, so a body with invalid
     * bytes fails here rather than reaching the dataset.
     */
    json_error_t jerr;
    json_t *root = json_loadb(body, len, 0, &jerr);
    if (root == NULL) {
        snprintf(err, errlen, "invalid JSON at line %d column %d: %s", jerr.line, jerr.column, jerr.text);
        return OR_ERR_PARSE;
    }
    if (!json_is_object(root)) {
        snprintf(err, errlen, "response is not a JSON object");
        json_decref(root);
        return OR_ERR_PARSE;
    }
    *out = root;
    return OR_OK;
}

json_t *sf_page_array(json_t *root, const char *key,
                      char *err, size_t errlen)
{
    json_t *v = json_object_get(root, key);
    if (v == NULL) {
        snprintf(err, errlen, "response has no field \"%s\"",
                 key);
        return NULL;
    }
    if (!json_is_array(v)) {
        snprintf(err, errlen, "field \"%s\" is not an array",
                 key);
        return NULL;
    }
    return v;
}

/* Counts beyond this are nonsense from a server, and keeping below it means
 * the page arithmetic of the callers (n + per_page - 1, page + 1) cannot overflow. */
#define SF_COUNT_MAX 1000000000000L

int sf_page_count(const json_t *v, long *out)
{
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i < 0 || i > SF_COUNT_MAX) {
            return 0;
        }
        *out = (long)i;
        return 1;
    }
    if (json_is_real(v)) {
        double r = json_real_value(v);
        if (!(r >= 0.0 && r <= (double)SF_COUNT_MAX) || r != (double)(long)r) {
            return 0;
        }
        *out = (long)r;
        return 1;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end = NULL;
        errno = 0;
        long n = strtol(s, &end, 10);
        if (end == s || *end != '\0' || errno != 0 || n < 0 || n > SF_COUNT_MAX) {
            return 0;
        }
        *out = n;
        return 1;
    }
    return 0;
}

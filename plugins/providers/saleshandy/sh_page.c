/* SPDX-License-Identifier: MIT */
/*
 * Decoding a page body and reading its paging numbers.  Messages name the
 * endpoint and page, and the JSON position for malformed bodies, so a run's
 * failure line says exactly which response was bad.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "saleshandy.h"

or_status sh_page_load(const char *body, size_t len,
                       json_t **out, char *err, size_t errlen)
{
    *out = NULL;
    if (body == NULL || len == 0) {
        snprintf(err, errlen, "empty response body");
        return OR_ERR_PARSE;
    }
    /*
     * JSON_DECODE_ANY: team-stats may answer with a bare array.  Otherwise
     * the strict defaults: \u0000 refused, trailing garbage refused, and
     * jansson validates UTF-8, so invalid bytes fail here rather than
     * reaching the dataset.
     */
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_DECODE_ANY, &jerr);
    if (root == NULL) {
        snprintf(err, errlen, "invalid JSON at line %d column %d: %s", jerr.line, jerr.column, jerr.text);
        return OR_ERR_PARSE;
    }
    *out = root;
    return OR_OK;
}

int sh_page_count(const json_t *v, long *out)
{
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i < 0 || i > LONG_MAX) {
            return 0;
        }
        *out = (long)i;
        return 1;
    }
    if (json_is_real(v)) {
        double r = json_real_value(v);
        if (!(r >= 0.0 && r <= 1e15) || r != (double)(long)r) {
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
        if (end == s || *end != '\0' || errno != 0 || n < 0) {
            return 0;
        }
        *out = n;
        return 1;
    }
    return 0;
}

void sh_page_info_reset(struct or_page_info *info)
{
    info->total_pages = -1;
    info->total_rows = -1;
    info->has_more = 0;
    info->next_page = -1;
    info->page = -1;
}

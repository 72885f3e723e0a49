/* SPDX-License-Identifier: MIT */
/*
 * Decoding a page body; see orp_page.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "orp_page.h"

or_status
orp_page_load(const char *body, size_t len, unsigned opts, json_t **out, char *err, size_t errlen)
{
    *out = NULL;
    if (body == NULL || len == 0) {
        snprintf(err, errlen, "empty response body");
        return OR_ERR_PARSE;
    }
    size_t flags = (opts & ORP_LOAD_ANY) != 0 ? JSON_DECODE_ANY : 0;
    json_error_t jerr;
    json_t *root = json_loadb(body, len, flags, &jerr);
    if (root == NULL && (opts & ORP_LOAD_BIG_INT_AS_REAL) != 0 &&
        json_error_code(&jerr) == json_error_numeric_overflow) {
        root = json_loadb(body, len, flags | JSON_DECODE_INT_AS_REAL, &jerr);
    }
    if (root == NULL) {
        snprintf(err, errlen, "invalid JSON at line %d column %d: %s", jerr.line, jerr.column,
                 jerr.text);
        return OR_ERR_PARSE;
    }
    if ((opts & ORP_LOAD_OBJECT) != 0 && !json_is_object(root)) {
        snprintf(err, errlen, "response is not a JSON object");
        json_decref(root);
        return OR_ERR_PARSE;
    }
    *out = root;
    return OR_OK;
}

int
orp_page_count(const json_t *v, long *out)
{
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i < 0 || i > ORP_COUNT_MAX) {
            return 0;
        }
        *out = (long)i;
        return 1;
    }
    if (json_is_real(v)) {
        double r = json_real_value(v);
        if (!(r >= 0.0 && r <= (double)ORP_COUNT_MAX) || r != (double)(long)r) {
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
        if (end == s || *end != '\0' || errno != 0 || n < 0 || n > ORP_COUNT_MAX) {
            return 0;
        }
        *out = n;
        return 1;
    }
    return 0;
}

void
orp_page_info_reset(struct or_page_info *info)
{
    info->total_pages = -1;
    info->total_rows = -1;
    info->has_more = 0;
    info->next_page = -1;
    info->page = -1;
}

/* SPDX-License-Identifier: MIT */
/*
 * Decoding a page body; see orp_page.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orp_page.h"
#include "orp_repair.h"

/* Whether jansson refused the body for a raw control character inside a
 * string: it says "control character 0x.." for each but the newline, which
 * it calls an "unexpected newline" (only ever inside a string). */
static int
refused_control(const json_error_t *jerr)
{
    return strstr(jerr->text, "control character") != NULL ||
           strstr(jerr->text, "unexpected newline") != NULL;
}

/* Decode, escaping raw control characters inside strings (counted in
 * *ctrl) and quoting integers beyond 64 bits (counted in *big) when jansson
 * refuses the body for them. */
static json_t *
decode(const char *body, size_t len, unsigned opts, long *ctrl, long *big, json_error_t *jerr)
{
    size_t flags = JSON_ALLOW_NUL | ((opts & ORP_LOAD_ANY) != 0 ? JSON_DECODE_ANY : 0);
    json_t *root = json_loadb(body, len, flags, jerr);
    char *escaped = NULL;
    *ctrl = 0;
    *big = 0;
    if (root == NULL && refused_control(jerr)) {
        escaped = orp_repair_controls(body, len, &len, ctrl);
        if (escaped == NULL) {
            goto nomem;
        }
        body = escaped;
        root = json_loadb(body, len, flags, jerr);
    }
    if (root != NULL || json_error_code(jerr) != json_error_numeric_overflow) {
        goto done;
    }
    if ((opts & ORP_LOAD_BIG_INT_AS_REAL) != 0) {
        root = json_loadb(body, len, flags | JSON_DECODE_INT_AS_REAL, jerr);
        *big = root != NULL;
        goto done;
    }
    size_t fixed_len = 0;
    char *fixed = orp_repair_big_ints(body, len, &fixed_len, big);
    if (fixed == NULL) {
        goto nomem;
    }
    root = json_loadb(fixed, fixed_len, flags, jerr);
    free(fixed);
done:
    free(escaped);
    return root;
nomem:
    free(escaped);
    snprintf(jerr->text, sizeof(jerr->text), "out of memory");
    return NULL;
}

or_status
orp_page_load(const struct or_host *h, const char *what, const char *body, size_t len,
              unsigned opts, json_t **out, char *err, size_t errlen)
{
    *out = NULL;
    if (body == NULL || len == 0) {
        snprintf(err, errlen, "empty response body");
        return OR_ERR_PARSE;
    }
    json_error_t jerr;
    long ctrl = 0;
    long big = 0;
    json_t *root = decode(body, len, opts, &ctrl, &big, &jerr);
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
    if (ctrl > 0 && h != NULL && OR_HOST_SINCE(h, 2) && h->count_repaired != NULL) {
        (void)h->count_repaired(h, OR_REPAIR_CONTROL_CHARS, ctrl);
    }
    long nul = memmem(body, len, "\\u0000", 6) != NULL ? orp_repair_nul(root) : 0;
    if (h != NULL && big > 0) {
        h->log(h, OR_LOG_WARN,
               "%s: an integer beyond 64 bits in the response; kept as %s, the rest of the "
               "page as it was",
               what,
               (opts & ORP_LOAD_BIG_INT_AS_REAL) != 0 ? "a real number" : "its digits (text)");
    }
    if (h != NULL && nul > 0) {
        h->log(h, OR_LOG_WARN,
               "%s: a text value with \\u0000 (NUL) in the response; kept with U+FFFD in its "
               "place",
               what);
    }
    *out = root;
    return OR_OK;
}

int
orp_page_count(const json_t *v, long *out)
{
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i < 0) {
            return 0;
        }
        *out = i > ORP_COUNT_MAX ? ORP_COUNT_MAX : (long)i;
        return 1;
    }
    if (json_is_real(v)) {
        double r = json_real_value(v);
        if (!(r >= 0.0)) {
            return 0; /* negative or NaN */
        }
        if (r >= (double)ORP_COUNT_MAX) {
            *out = ORP_COUNT_MAX; /* whole, this large (or infinite) */
            return 1;
        }
        if (r != (double)(long)r) {
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
        if (end == s || *end != '\0' || n < 0 || (errno != 0 && errno != ERANGE)) {
            return 0;
        }
        *out = n > ORP_COUNT_MAX ? ORP_COUNT_MAX : n; /* ERANGE: LONG_MAX */
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

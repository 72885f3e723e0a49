/* SPDX-License-Identifier: MIT */
/*
 * JSON values to typed columns; see orp_set.h.  Nothing here allocates per
 * row: rewritten text goes through the page's scratch buffer.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "orp_number.h"
#include "orp_set.h"
#include "orp_text.h"

int
orp_is_empty(const json_t *v)
{
    if (v == NULL || json_is_null(v)) {
        return 1;
    }
    if (json_is_string(v)) {
        return json_string_length(v) == 0;
    }
    if (json_is_object(v)) {
        return json_object_size(v) == 0;
    }
    if (json_is_array(v)) {
        return json_array_size(v) == 0;
    }
    return 0;
}

const json_t *
orp_object_value(struct orp_cells *c, const json_t *v, unsigned bit)
{
    if (orp_is_empty(v)) {
        return NULL;
    }
    if (!json_is_object(v)) {
        orp_cells_bad(c, bit);
        return NULL;
    }
    return v;
}

const json_t *
orp_object(struct orp_cells *c, const json_t *obj, const char *key, unsigned bit)
{
    return orp_object_value(c, json_object_get(obj, key), bit);
}

int
orp_text(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (orp_is_empty(v)) {
        return 0;
    }
    if (!json_is_string(v)) {
        orp_cells_bad(c, bit);
        return 0;
    }
    c->h->set_text(c->rows, col, json_string_value(v), json_string_length(v));
    return 1;
}

void
orp_id(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (json_is_integer(v)) {
        char num[32];
        int len = snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
        c->h->set_text(c->rows, col, num, (size_t)len);
        return;
    }
    orp_text(c, col, v, bit);
}

void
orp_text_lower(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (orp_is_empty(v)) {
        return;
    }
    if (!json_is_string(v)) {
        orp_cells_bad(c, bit);
        return;
    }
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    char *buf = orp_cells_scratch(c, len + 1);
    if (buf == NULL) {
        return;
    }
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        buf[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    buf[len] = '\0';
    c->h->set_text(c->rows, col, buf, len);
}

/* The trimmed text of a string; *len 0 when absent, blank or unusable (warned). */
static const char *
trimmed(struct orp_cells *c, const json_t *v, unsigned bit, size_t *len)
{
    *len = 0;
    if (orp_is_empty(v)) {
        return NULL;
    }
    if (!json_is_string(v)) {
        orp_cells_bad(c, bit);
        return NULL;
    }
    const char *s = json_string_value(v);
    *len = json_string_length(v);
    orp_trim(&s, len);
    return s;
}

int
orp_text_trimmed(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    size_t len = 0;
    const char *s = trimmed(c, v, bit, &len);
    if (len == 0) {
        return 0;
    }
    c->h->set_text(c->rows, col, s, len);
    return 1;
}

int
orp_full_name(struct orp_cells *c, size_t col, const json_t *first, const json_t *last,
              unsigned bit)
{
    size_t flen = 0;
    size_t llen = 0;
    const char *f = trimmed(c, first, bit, &flen);
    const char *l = trimmed(c, last, bit, &llen);
    if (flen == 0 || llen == 0) {
        if (flen == 0 && llen == 0) {
            return 0;
        }
        c->h->set_text(c->rows, col, flen > 0 ? f : l, flen > 0 ? flen : llen);
        return 1;
    }
    char *buf = orp_cells_scratch(c, flen + 1 + llen + 1);
    if (buf == NULL) {
        return 1;
    }
    memcpy(buf, f, flen);
    buf[flen] = ' ';
    memcpy(buf + flen + 1, l, llen);
    buf[flen + 1 + llen] = '\0';
    c->h->set_text(c->rows, col, buf, flen + 1 + llen);
    return 1;
}

void
orp_int(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (orp_is_empty(v)) {
        return;
    }
    int64_t i = 0;
    if (!orp_int_value(v, c->int_rules, &i)) {
        orp_cells_bad(c, bit);
        return;
    }
    c->h->set_int(c->rows, col, i);
}

void
orp_real(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (orp_is_empty(v)) {
        return;
    }
    double r = 0.0;
    if (json_is_number(v)) {
        r = json_number_value(v);
    }
    else {
        int64_t i = 0;
        int is_int = 0;
        if (!json_is_string(v) || !orp_number_text(json_string_value(v), &i, &r, &is_int)) {
            orp_cells_bad(c, bit);
            return;
        }
    }
    if (!isfinite(r)) {
        orp_cells_bad(c, bit);
        return;
    }
    c->h->set_real(c->rows, col, r);
}

void
orp_bool(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (orp_is_empty(v)) {
        return;
    }
    if (json_is_boolean(v)) {
        c->h->set_int(c->rows, col, json_is_true(v) ? 1 : 0);
        return;
    }
    if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1)) {
        c->h->set_int(c->rows, col, json_integer_value(v));
        return;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (strcasecmp(s, "true") == 0) {
            c->h->set_int(c->rows, col, 1);
            return;
        }
        if (strcasecmp(s, "false") == 0) {
            c->h->set_int(c->rows, col, 0);
            return;
        }
    }
    orp_cells_bad(c, bit);
}

void
orp_time(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (orp_is_empty(v)) {
        return;
    }
    int64_t t = 0;
    if (!json_is_string(v) || c->h->parse_iso8601(c->h, json_string_value(v), &t) != OR_OK) {
        orp_cells_bad(c, bit);
        return;
    }
    c->h->set_time(c->rows, col, t);
}

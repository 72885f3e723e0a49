/* SPDX-License-Identifier: MIT */
/*
 * JSON values to typed columns under the rules of DESIGN.md §6: missing,
 * null, {} and "" become NULL (the column is simply not set; row_begin
 * starts every column NULL).  A value of an unexpected type also becomes
 * NULL and sets a bit, so the page logs one warning naming the fields
 * instead of one line per row.  Nothing here allocates per row: scratch
 * text reuses one buffer per page.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "salesfinity.h"

void sf_cells_init(struct sf_cells *c, const struct or_host *h, struct or_rows *rows,
                   const char *endpoint, long page, const char *const *fields,
                   size_t nfields)
{
    memset(c, 0, offsetof(struct sf_cells, small));
    c->h = h;
    c->rows = rows;
    c->endpoint = endpoint;
    c->page = page;
    c->fields = fields;
    c->nfields = nfields < 64 ? nfields : 64;
}

or_status sf_cells_finish(struct sf_cells *c, char *err, size_t errlen)
{
    or_status st = OR_OK;
    if (c->nbad > 0) {
        char names[1024];
        size_t used = 0;
        names[0] = '\0';
        for (size_t i = 0; i < c->nfields; i++) {
            if ((c->bad & ((uint64_t)1 << i)) == 0) {
                continue;
            }
            int len = snprintf(names + used, sizeof(names) - used, "%s%s",
                               used > 0 ? ", " : "", c->fields[i]);
            if (len < 0 || (size_t)len >= sizeof(names) - used) {
                break;
            }
            used += (size_t)len;
        }
        c->h->log(c->h, OR_LOG_WARN,
                  "%s page %ld: %ld value(s) of unexpected JSON type stored as NULL: %s",
                  c->endpoint, c->page, c->nbad, names);
    }
    if (c->nomem) {
        snprintf(err, errlen, "%s page %ld: out of memory for a text value", c->endpoint,
                 c->page);
        st = OR_ERR_NOMEM;
    }
    free(c->heap);
    c->heap = NULL;
    c->heapcap = 0;
    return st;
}

void sf_cells_bad(struct sf_cells *c, unsigned bit)
{
    if (bit < c->nfields) {
        c->bad |= (uint64_t)1 << bit;
    }
    c->nbad++;
}

int sf_is_empty(const json_t *v)
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

/* A buffer of at least @p n bytes, valid until the next call or finish. */
static char *scratch(struct sf_cells *c, size_t n)
{
    if (n <= sizeof(c->small)) {
        return c->small;
    }
    if (n > c->heapcap) {
        char *p = realloc(c->heap, n);
        if (p == NULL) {
            c->nomem = 1;
            return NULL;
        }
        c->heap = p;
        c->heapcap = n;
    }
    return c->heap;
}

const json_t *sf_object(struct sf_cells *c, const json_t *obj, const char *key,
                        unsigned bit)
{
    const json_t *v = json_object_get(obj, key);
    if (sf_is_empty(v)) {
        return NULL;
    }
    if (!json_is_object(v)) {
        sf_cells_bad(c, bit);
        return NULL;
    }
    return v;
}

int sf_text(struct sf_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sf_is_empty(v)) {
        return 0;
    }
    if (!json_is_string(v)) {
        sf_cells_bad(c, bit);
        return 0;
    }
    c->h->set_text(c->rows, col, json_string_value(v), json_string_length(v));
    return 1;
}

void sf_id(struct sf_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (json_is_integer(v)) {
        char num[32];
        int len = snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
        c->h->set_text(c->rows, col, num, (size_t)len);
        return;
    }
    sf_text(c, col, v, bit);
}

void sf_text_lower(struct sf_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sf_is_empty(v)) {
        return;
    }
    if (!json_is_string(v)) {
        sf_cells_bad(c, bit);
        return;
    }
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    char *buf = scratch(c, len + 1);
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

/* Round half away from zero without libm; exact for |r| < 2^53. */
static int64_t round_real(double r)
{
    int64_t t = (int64_t)r;
    double frac = r - (double)t;
    if (frac >= 0.5) {
        t++;
    }
    else if (frac <= -0.5) {
        t--;
    }
    return t;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/*
 * A number from decimal text: 1 and *i or *r set (*is_int tells which),
 * 0 when the text is blank, -1 when it is not a number.
 */
static int number_from_text(const char *s, int64_t *i, double *r, int *is_int)
{
    while (is_space(*s)) {
        s++;
    }
    if (*s == '\0') {
        return 0;
    }
    char *end = NULL;
    errno = 0;
    long long ll = strtoll(s, &end, 10);
    while (end != s && is_space(*end)) {
        end++;
    }
    if (end != s && *end == '\0' && errno == 0) {
        *i = ll;
        *is_int = 1;
        return 1;
    }
    errno = 0;
    double d = strtod(s, &end);
    while (end != s && is_space(*end)) {
        end++;
    }
    if (end == s || *end != '\0' || errno != 0 || !isfinite(d)) {
        return -1;
    }
    *r = d;
    *is_int = 0;
    return 1;
}

/* An int64 from an integer, a real in range or decimal text. */
static int int_value(const json_t *v, int64_t *out)
{
    double r = 0.0;
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 1;
    }
    if (json_is_real(v)) {
        r = json_real_value(v);
    }
    else if (json_is_string(v)) {
        int is_int = 0;
        if (number_from_text(json_string_value(v), out, &r, &is_int) != 1) {
            return 0;
        }
        if (is_int) {
            return 1;
        }
    }
    else {
        return 0;
    }
    /* 2^63 is exactly representable; anything at or beyond it overflows. */
    if (!(r > -9223372036854775808.0 && r < 9223372036854775808.0)) {
        return 0;
    }
    *out = round_real(r);
    return 1;
}

void sf_int(struct sf_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sf_is_empty(v)) {
        return;
    }
    int64_t i = 0;
    if (!int_value(v, &i)) {
        sf_cells_bad(c, bit);
        return;
    }
    c->h->set_int(c->rows, col, i);
}

void sf_real(struct sf_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sf_is_empty(v)) {
        return;
    }
    if (json_is_number(v)) {
        c->h->set_real(c->rows, col, json_number_value(v));
        return;
    }
    if (json_is_string(v)) {
        int64_t i = 0;
        double r = 0.0;
        int is_int = 0;
        if (number_from_text(json_string_value(v), &i, &r, &is_int) == 1) {
            c->h->set_real(c->rows, col, is_int ? (double)i : r);
            return;
        }
    }
    sf_cells_bad(c, bit);
}

void sf_bool(struct sf_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sf_is_empty(v)) {
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
    sf_cells_bad(c, bit);
}

void sf_time(struct sf_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sf_is_empty(v)) {
        return;
    }
    int64_t t = 0;
    if (!json_is_string(v) || c->h->parse_iso8601(c->h, json_string_value(v), &t) != OR_OK) {
        sf_cells_bad(c, bit);
        return;
    }
    c->h->set_time(c->rows, col, t);
}

/* The trimmed text of a name part; *len 0 when absent, empty or unusable. */
static const char *name_part(struct sf_cells *c, const json_t *v, unsigned bit, size_t *len)
{
    *len = 0;
    if (sf_is_empty(v)) {
        return NULL;
    }
    if (!json_is_string(v)) {
        sf_cells_bad(c, bit);
        return NULL;
    }
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    while (n > 0 && is_space(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_space(s[n - 1])) {
        n--;
    }
    *len = n;
    return s;
}

void sf_person_name(struct sf_cells *c, size_t col, const json_t *person, unsigned bit)
{
    if (person == NULL) {
        return;
    }
    size_t flen = 0;
    size_t llen = 0;
    const char *first = name_part(c, json_object_get(person, "first_name"), bit, &flen);
    const char *last = name_part(c, json_object_get(person, "last_name"), bit, &llen);
    if (flen == 0 && llen == 0) {
        first = name_part(c, json_object_get(person, "name"), bit, &flen);
        if (flen > 0) {
            c->h->set_text(c->rows, col, first, flen);
        }
        return;
    }
    if (llen == 0 || flen == 0) {
        c->h->set_text(c->rows, col, flen > 0 ? first : last, flen > 0 ? flen : llen);
        return;
    }
    char *buf = scratch(c, flen + 1 + llen + 1);
    if (buf == NULL) {
        return;
    }
    memcpy(buf, first, flen);
    buf[flen] = ' ';
    memcpy(buf + flen + 1, last, llen);
    buf[flen + 1 + llen] = '\0';
    c->h->set_text(c->rows, col, buf, flen + 1 + llen);
}

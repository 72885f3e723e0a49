/* SPDX-License-Identifier: MIT */
/*
 * JSON values to typed columns under the rules of DESIGN.md §6: missing,
 * null, {}, [] and "" become NULL (the column is simply not set; row_begin
 * starts every column NULL).  A value of an unexpected type also becomes
 * NULL and sets a bit, so the response logs one warning naming the fields
 * instead of one line per field.  The API documents integers, but numbers
 * sent as decimal text ("419", "72.08") are accepted: they are what a
 * serializer of Decimal fields produces.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unpod.h"

/*
 * 2^53: every integer of smaller magnitude is exactly a double.  The bound
 * is exclusive because a larger integer decoded as a real (see up_body.c)
 * may have been rounded onto 2^53 itself.
 */
#define EXACT_DOUBLE_INT 9007199254740992.0

void up_cells_init(struct up_cells *c, const struct or_host *h, struct or_rows *rows,
                   const char *instance, const char *const *fields, size_t nfields)
{
    memset(c, 0, sizeof(*c));
    c->h = h;
    c->rows = rows;
    c->instance = instance;
    c->fields = fields;
    c->nfields = nfields < 64 ? nfields : 64;
}

void up_cells_finish(struct up_cells *c)
{
    if (c->nbad == 0) {
        return;
    }
    char names[1024];
    size_t used = 0;
    names[0] = '\0';
    for (size_t i = 0; i < c->nfields; i++) {
        if ((c->bad & ((uint64_t)1 << i)) == 0) {
            continue;
        }
        int len = snprintf(names + used, sizeof(names) - used, "%s%s", used > 0 ? ", " : "",
                           c->fields[i]);
        if (len < 0 || (size_t)len >= sizeof(names) - used) {
            break;
        }
        used += (size_t)len;
    }
    if (c->instance != NULL) {
        c->h->log(c->h, OR_LOG_WARN,
                  "analytics [space %s]: %ld value(s) of unexpected type stored as NULL: %s",
                  c->instance, c->nbad, names);
    }
    else {
        c->h->log(c->h, OR_LOG_WARN,
                  "analytics: %ld value(s) of unexpected type stored as NULL: %s", c->nbad,
                  names);
    }
}

void up_cells_bad(struct up_cells *c, unsigned bit)
{
    if (bit < c->nfields) {
        c->bad |= (uint64_t)1 << bit;
    }
    c->nbad++;
}

int up_is_empty(const json_t *v)
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

const json_t *up_object(struct up_cells *c, const json_t *obj, const char *key, unsigned bit)
{
    const json_t *v = json_object_get(obj, key);
    if (up_is_empty(v)) {
        return NULL;
    }
    if (!json_is_object(v)) {
        up_cells_bad(c, bit);
        return NULL;
    }
    return v;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/*
 * Length of the JSON-style decimal number at @p s ([-+]d+[.d+][e[+-]d+]),
 * or 0.  Stricter than strtod, which also takes hex, "inf" and "nan".
 */
static size_t decimal_length(const char *s)
{
    size_t i = 0;
    size_t digits = 0;
    if (s[i] == '-' || s[i] == '+') {
        i++;
    }
    while (is_digit(s[i])) {
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (is_digit(s[i])) {
            i++;
            digits++;
        }
    }
    if (digits == 0) {
        return 0;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        size_t e = i + 1;
        if (s[e] == '-' || s[e] == '+') {
            e++;
        }
        if (!is_digit(s[e])) {
            return 0;
        }
        while (is_digit(s[e])) {
            e++;
        }
        i = e;
    }
    return i;
}

/*
 * A number from decimal text with optional surrounding blanks: 1 with *r
 * set (and *i when the text is a plain integer in range, *is_int then 1),
 * or 0.
 */
static int number_from_text(const char *s, int64_t *i, double *r, int *is_int)
{
    while (is_space(*s)) {
        s++;
    }
    size_t n = decimal_length(s);
    if (n == 0) {
        return 0;
    }
    const char *rest = s + n;
    while (is_space(*rest)) {
        rest++;
    }
    if (*rest != '\0') {
        return 0;
    }
    char *end = NULL;
    *is_int = 0;
    if (strcspn(s, ".eE") >= n) {
        errno = 0;
        long long ll = strtoll(s, &end, 10);
        if (errno == 0 && end == s + n) {
            *i = ll;
            *r = (double)ll;
            *is_int = 1;
            return 1;
        }
    }
    errno = 0;
    double d = strtod(s, &end);
    if (end != s + n || errno != 0 || !isfinite(d)) {
        return 0;
    }
    *r = d;
    return 1;
}

/* An integral double that converts to int64 exactly (no libm: plugins link only jansson). */
static int exact_int(double r, int64_t *out)
{
    /* The range test comes first: converting a double out of range is undefined. */
    if (!(r > -EXACT_DOUBLE_INT && r < EXACT_DOUBLE_INT) || (double)(int64_t)r != r) {
        return 0;
    }
    *out = (int64_t)r;
    return 1;
}

int up_int_value(const json_t *v, int64_t *out)
{
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 1;
    }
    if (json_is_real(v)) {
        return exact_int(json_real_value(v), out);
    }
    if (json_is_string(v)) {
        int64_t i = 0;
        double r = 0.0;
        int is_int = 0;
        if (number_from_text(json_string_value(v), &i, &r, &is_int) == 0) {
            return 0;
        }
        if (is_int) {
            *out = i;
            return 1;
        }
        return exact_int(r, out);
    }
    return 0;
}

void up_int(struct up_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (up_is_empty(v)) {
        return;
    }
    int64_t i = 0;
    if (!up_int_value(v, &i)) {
        up_cells_bad(c, bit);
        return;
    }
    c->h->set_int(c->rows, col, i);
}

void up_real(struct up_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (up_is_empty(v)) {
        return;
    }
    double r = 0.0;
    if (json_is_number(v)) {
        r = json_number_value(v);
    }
    else {
        int64_t i = 0;
        int is_int = 0;
        if (!json_is_string(v) || number_from_text(json_string_value(v), &i, &r, &is_int) == 0) {
            up_cells_bad(c, bit);
            return;
        }
    }
    if (!isfinite(r)) {
        up_cells_bad(c, bit);
        return;
    }
    c->h->set_real(c->rows, col, r);
}

/* SPDX-License-Identifier: MIT */
/*
 * JSON values to typed columns under the rules of DESIGN.md §6: missing,
 * null, {} and "" become NULL (the column is simply not set; row_begin
 * starts every column NULL).  A value of an unexpected type also becomes
 * NULL and is remembered, so the page logs one warning naming the fields
 * instead of one line per row.  Nothing here allocates per row: scratch
 * text reuses one buffer per page.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "saleshandy.h"

void sh_cells_init(struct sh_cells *c, const struct or_host *h, struct or_rows *rows,
                   const char *endpoint, long page, const char *const *fields, size_t nfields)
{
    memset(c, 0, offsetof(struct sh_cells, small));
    c->h = h;
    c->rows = rows;
    c->endpoint = endpoint;
    c->page = page;
    c->fields = fields;
    c->nfields = nfields < 64 ? nfields : 64;
}

or_status sh_cells_finish(struct sh_cells *c, char *err, size_t errlen)
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
        if (c->names[0] != '\0' && used + 2 < sizeof(names)) {
            snprintf(names + used, sizeof(names) - used, "%s%s", used > 0 ? ", " : "",
                     c->names);
        }
        c->h->log(c->h, OR_LOG_WARN,
                  "%s page %ld: %ld value(s) of unexpected JSON type stored as NULL: %s",
                  c->endpoint, c->page, c->nbad, names);
        c->nbad = 0;
    }
    if (c->nomem) {
        snprintf(err, errlen, "%s page %ld: out of memory for a text value", c->endpoint,
                 c->page);
        st = OR_ERR_NOMEM;
        c->nomem = 0;
    }
    free(c->heap);
    c->heap = NULL;
    c->heapcap = 0;
    return st;
}

void sh_cells_bad(struct sh_cells *c, unsigned bit)
{
    if (bit < c->nfields) {
        c->bad |= (uint64_t)1 << bit;
    }
    c->nbad++;
}

/* Is @p name already one of the ", "-separated entries of @p list? */
static int listed(const char *list, const char *name)
{
    size_t n = strlen(name);
    const char *p = list;
    while (*p != '\0') {
        const char *comma = strstr(p, ", ");
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (len == n && memcmp(p, name, n) == 0) {
            return 1;
        }
        p += len;
        if (comma != NULL) {
            p += 2;
        }
    }
    return 0;
}

void sh_cells_bad_name(struct sh_cells *c, const char *name)
{
    c->nbad++;
    if (name == NULL || name[0] == '\0' || listed(c->names, name)) {
        return;
    }
    size_t used = strlen(c->names);
    const char *sep = used > 0 ? ", " : "";
    if (used + strlen(sep) + strlen(name) + 1 > sizeof(c->names)) {
        /* Full: end the list with "..." once. */
        if (used + 6 <= sizeof(c->names) && !listed(c->names, "...")) {
            snprintf(c->names + used, sizeof(c->names) - used, "%s...", sep);
        }
        return;
    }
    snprintf(c->names + used, sizeof(c->names) - used, "%s%s", sep, name);
}

char *sh_cells_scratch(struct sh_cells *c, size_t n)
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

int sh_is_empty(const json_t *v)
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

const json_t *sh_field(const json_t *obj, const char *key)
{
    if (!json_is_object(obj)) {
        return NULL;
    }
    const json_t *v = json_object_get(obj, key);
    if (v != NULL) {
        return v;
    }
    /* "Recipient Name" for "Recipient name": the vendor's capitalisation drifts. */
    const char *k = NULL;
    json_t *item = NULL;
    json_object_foreach((json_t *)obj, k, item) {
        if (strcasecmp(k, key) == 0) {
            return item;
        }
    }
    return NULL;
}

const json_t *sh_object(struct sh_cells *c, const json_t *obj, const char *key, unsigned bit)
{
    const json_t *v = sh_field(obj, key);
    if (sh_is_empty(v)) {
        return NULL;
    }
    if (!json_is_object(v)) {
        sh_cells_bad(c, bit);
        return NULL;
    }
    return v;
}

void sh_text(struct sh_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sh_is_empty(v)) {
        return;
    }
    if (!json_is_string(v)) {
        sh_cells_bad(c, bit);
        return;
    }
    c->h->set_text(c->rows, col, json_string_value(v), json_string_length(v));
}

void sh_id(struct sh_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (json_is_integer(v)) {
        char num[32];
        int len = snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
        c->h->set_text(c->rows, col, num, (size_t)len);
        return;
    }
    sh_text(c, col, v, bit);
}

void sh_text_lower(struct sh_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sh_is_empty(v)) {
        return;
    }
    if (!json_is_string(v)) {
        sh_cells_bad(c, bit);
        return;
    }
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    char *buf = sh_cells_scratch(c, len + 1);
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

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* An int64 from an integer, an integral real in range or decimal integer text. */
static int int_value(const json_t *v, int64_t *out)
{
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 1;
    }
    if (json_is_real(v)) {
        double r = json_real_value(v);
        /* 2^63 is exactly representable; anything at or beyond it overflows. */
        if (!(r > -9223372036854775808.0 && r < 9223372036854775808.0) ||
            r != (double)(int64_t)r) {
            return 0;
        }
        *out = (int64_t)r;
        return 1;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        while (is_space(*s)) {
            s++;
        }
        char *end = NULL;
        errno = 0;
        long long ll = strtoll(s, &end, 10);
        if (end == s || errno != 0) {
            return 0;
        }
        while (is_space(*end)) {
            end++;
        }
        if (*end != '\0') {
            return 0;
        }
        *out = ll;
        return 1;
    }
    return 0;
}

void sh_int(struct sh_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sh_is_empty(v)) {
        return;
    }
    int64_t i = 0;
    if (!int_value(v, &i)) {
        sh_cells_bad(c, bit);
        return;
    }
    c->h->set_int(c->rows, col, i);
}

/* Does [s, s+n) equal @p word ignoring ASCII case? */
static int same_word(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

void sh_yes_no(struct sh_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sh_is_empty(v)) {
        return;
    }
    if (json_is_boolean(v)) {
        c->h->set_int(c->rows, col, json_is_true(v) ? 1 : 0);
        return;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        while (n > 0 && is_space(*s)) {
            s++;
            n--;
        }
        while (n > 0 && is_space(s[n - 1])) {
            n--;
        }
        if (same_word(s, n, "yes")) {
            c->h->set_int(c->rows, col, 1);
            return;
        }
        if (same_word(s, n, "no")) {
            c->h->set_int(c->rows, col, 0);
            return;
        }
    }
    sh_cells_bad(c, bit);
}

void sh_time(struct sh_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (sh_is_empty(v)) {
        return;
    }
    if (!json_is_string(v)) {
        sh_cells_bad(c, bit);
        return;
    }
    const char *s = json_string_value(v);
    int64_t t = 0;
    if (sh_parse_js_date(s, json_string_length(v), &t) ||
        c->h->parse_iso8601(c->h, s, &t) == OR_OK) {
        c->h->set_time(c->rows, col, t);
        return;
    }
    sh_cells_bad(c, bit);
}

/* The trimmed text of a name part; *len 0 when absent, empty or unusable. */
static const char *name_part(struct sh_cells *c, const json_t *v, unsigned bit, size_t *len)
{
    *len = 0;
    if (sh_is_empty(v)) {
        return NULL;
    }
    if (!json_is_string(v)) {
        sh_cells_bad(c, bit);
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

void sh_full_name(struct sh_cells *c, size_t col, const json_t *first, const json_t *last,
                  unsigned bit)
{
    size_t flen = 0;
    size_t llen = 0;
    const char *f = name_part(c, first, bit, &flen);
    const char *l = name_part(c, last, bit, &llen);
    if (flen == 0 || llen == 0) {
        if (flen > 0 || llen > 0) {
            c->h->set_text(c->rows, col, flen > 0 ? f : l, flen > 0 ? flen : llen);
        }
        return;
    }
    char *buf = sh_cells_scratch(c, flen + 1 + llen + 1);
    if (buf == NULL) {
        return;
    }
    memcpy(buf, f, flen);
    buf[flen] = ' ';
    memcpy(buf + flen + 1, l, llen);
    buf[flen + 1 + llen] = '\0';
    c->h->set_text(c->rows, col, buf, flen + 1 + llen);
}

/* SPDX-License-Identifier: MIT */
/*
 * Saleshandy's own cell rules on top of the orp_* setters of plugins/common
 * (DESIGN.md §6 NULL rules, one warning per page): field names whose
 * capitalisation drifts, "Yes"/"No" flags and Date.toString() times.
 */
#include <string.h>
#include <strings.h>

#include "saleshandy.h"

const json_t *
sh_field(const json_t *obj, const char *key)
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
    json_object_foreach((json_t *)obj, k, item)
    {
        if (strcasecmp(k, key) == 0) {
            return item;
        }
    }
    return NULL;
}

const json_t *
sh_object(struct orp_cells *c, const json_t *obj, const char *key, unsigned bit)
{
    return orp_object_value(c, sh_field(obj, key), bit);
}

/* Does [s, s+n) equal @p word ignoring ASCII case? */
static int
same_word(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

void
sh_yes_no(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    if (orp_is_empty(v)) {
        return;
    }
    if (json_is_boolean(v)) {
        c->h->set_int(c->rows, col, json_is_true(v) ? 1 : 0);
        return;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        orp_trim(&s, &n);
        if (same_word(s, n, "yes")) {
            c->h->set_int(c->rows, col, 1);
            return;
        }
        if (same_word(s, n, "no")) {
            c->h->set_int(c->rows, col, 0);
            return;
        }
    }
    orp_cells_bad(c, bit);
}

void
sh_time(struct orp_cells *c, size_t col, const json_t *v, unsigned bit)
{
    int64_t t = 0;
    if (json_is_string(v) && sh_parse_js_date(json_string_value(v), json_string_length(v), &t)) {
        c->h->set_time(c->rows, col, t);
        return;
    }
    orp_time(c, col, v, bit);
}

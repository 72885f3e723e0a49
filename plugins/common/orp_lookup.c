/* SPDX-License-Identifier: MIT */
/* Reading an endpoint's lookup; see orp_lookup.h.  Lookups are small (a
 * disposition or sequence list), so a linear search is the right one. */
#include <string.h>

#include "orp_lookup.h"

const struct or_lookup *
orp_lookup(const struct or_host *h, const struct or_query *q)
{
    if (h == NULL || q == NULL || !OR_HOST_SINCE(h, 2)) {
        return NULL;
    }
    return q->lookup;
}

long
orp_lookup_column(const struct or_lookup *lk, const char *name)
{
    for (size_t i = 0; lk != NULL && i < lk->ncols; i++) {
        if (strcmp(lk->columns[i]->name, name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

const struct or_value *
orp_lookup_find_int(const struct or_lookup *lk, long col, int64_t v)
{
    if (lk == NULL || col < 0 || (size_t)col >= lk->ncols) {
        return NULL;
    }
    for (size_t r = 0; r < lk->nrows; r++) {
        const struct or_value *c = &lk->rows[r][col];
        if (!c->is_null && c->type != OR_TYPE_TEXT && c->type != OR_TYPE_REAL && c->i == v) {
            return lk->rows[r];
        }
    }
    return NULL;
}

const struct or_value *
orp_lookup_find_text(const struct or_lookup *lk, long col, const char *s)
{
    if (lk == NULL || s == NULL || col < 0 || (size_t)col >= lk->ncols) {
        return NULL;
    }
    for (size_t r = 0; r < lk->nrows; r++) {
        const char *t = orp_lookup_text(lk->rows[r], col);
        if (t != NULL && strcmp(t, s) == 0) {
            return lk->rows[r];
        }
    }
    return NULL;
}

const char *
orp_lookup_text(const struct or_value *row, long col)
{
    if (row == NULL || col < 0 || row[col].is_null || row[col].type != OR_TYPE_TEXT) {
        return NULL;
    }
    return row[col].s;
}

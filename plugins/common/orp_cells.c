/* SPDX-License-Identifier: MIT */
/*
 * Per-page row writer state: warning bits, the once-per-page warning, the
 * scratch buffer and the row loop; see orp_cells.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orp_cells.h"

void
orp_cells_init(struct orp_cells *c, const struct or_host *h, struct or_rows *rows,
               const char *const *fields, size_t nfields, const char *where_fmt, ...)
{
    memset(c, 0, offsetof(struct orp_cells, small));
    c->h = h;
    c->rows = rows;
    c->fields = fields;
    c->nfields = nfields < ORP_CELLS_MAX_BITS ? nfields : ORP_CELLS_MAX_BITS;
    va_list ap;
    va_start(ap, where_fmt);
    vsnprintf(c->where, sizeof(c->where), where_fmt, ap);
    va_end(ap);
}

or_status
orp_cells_finish(struct orp_cells *c, char *err, size_t errlen)
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
            int len = snprintf(names + used, sizeof(names) - used, "%s%s", used > 0 ? ", " : "",
                               c->fields[i]);
            if (len < 0 || (size_t)len >= sizeof(names) - used) {
                break;
            }
            used += (size_t)len;
        }
        if (c->names[0] != '\0' && used + 2 < sizeof(names)) {
            snprintf(names + used, sizeof(names) - used, "%s%s", used > 0 ? ", " : "", c->names);
        }
        c->h->log(c->h, OR_LOG_WARN, "%s: %ld value(s) of unexpected JSON type stored as NULL: %s",
                  c->where, c->nbad, names);
        c->nbad = 0;
        c->bad = 0;
        c->names[0] = '\0';
    }
    if (c->nomem) {
        snprintf(err, errlen, "%s: out of memory for a text value", c->where);
        st = OR_ERR_NOMEM;
        c->nomem = 0;
    }
    free(c->heap);
    c->heap = NULL;
    c->heapcap = 0;
    return st;
}

void
orp_cells_bad(struct orp_cells *c, unsigned bit)
{
    if (bit < c->nfields) {
        c->bad |= (uint64_t)1 << bit;
    }
    c->nbad++;
}

/* Is @p name already one of the ", "-separated entries of @p list? */
static int
listed(const char *list, const char *name)
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

void
orp_cells_bad_name(struct orp_cells *c, const char *name)
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

char *
orp_cells_scratch(struct orp_cells *c, size_t n)
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

or_status
orp_cells_write(struct orp_cells *c, const json_t *data, unsigned row_bit, orp_row_fn *fn,
                char *err, size_t errlen)
{
    size_t i = 0;
    const json_t *row = NULL;
    json_array_foreach(data, i, row)
    {
        if (!json_is_object(row)) {
            orp_cells_bad(c, row_bit);
            continue;
        }
        or_status st = c->h->row_begin(c->rows);
        if (st == OR_OK) {
            fn(c, row);
            st = c->h->row_end(c->rows);
        }
        if (st != OR_OK) {
            char ignored[8];
            snprintf(err, errlen, "row sink refused row %zu", i);
            (void)orp_cells_finish(c, ignored, sizeof(ignored));
            return st;
        }
    }
    return orp_cells_finish(c, err, errlen);
}

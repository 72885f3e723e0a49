/* SPDX-License-Identifier: MIT */
/* The buffered cursor: a result read into memory once and served from
 * there, by any number of cursors sharing the rows. */
#include <glib.h>
#include <string.h>

#include "base/status_str.h"
#include "dataset/dataset.h"
#include "dataset/query_impl.h"

void
or_rowbuf_unref(struct or_rowbuf *b)
{
    if (b == NULL || !g_atomic_int_dec_and_test(&b->refs)) {
        return;
    }
    g_free(b->vals);
    if (b->chunk != NULL) {
        g_string_chunk_free(b->chunk);
    }
    g_free(b);
}

void
or_query_keep_text(GStringChunk *chunk, struct or_value *row, size_t ncols)
{
    for (size_t i = 0; i < ncols; i++) {
        if (row[i].type == OR_TYPE_TEXT && !row[i].is_null && row[i].s != NULL) {
            /* len bytes, NULs included, terminated */
            row[i].s = g_string_chunk_insert_len(chunk, row[i].s, (gssize)row[i].len);
        }
    }
}

void
or_query_serve_kept(struct or_query_cursor *c, const struct or_value *v, struct or_value *row)
{
    if (c->ncols > 0) {
        memcpy(row, v, c->ncols * sizeof(*row));
    }
    for (size_t i = 0; i < c->ncols; i++) {
        if (c->untyped[i]) {
            c->types[i] = v[i].type;
        }
    }
}

static or_status
buffered_next(struct or_cursor *base, struct or_value *row, int *has_row)
{
    struct or_query_cursor *c = or_query_of(base);
    *has_row = c->pos < c->buf->nrows;
    if (*has_row && c->ncols > 0) {
        or_query_serve_kept(c, &c->buf->vals[c->pos * c->ncols], row);
    }
    c->pos += (size_t)*has_row;
    return OR_OK;
}

static or_status
buffered_rewind(struct or_cursor *base)
{
    or_query_of(base)->pos = 0;
    return OR_OK;
}

static void
buffered_free(struct or_cursor *base)
{
    or_query_statement_ops.free(base); /* the same struct: statement (maybe NULL) and rows */
}

const struct or_cursor_ops or_query_buffered_ops = {
    .next = buffered_next,
    .rewind = buffered_rewind,
    .free = buffered_free,
    .error = or_query_error,
};

/* Bytes a row takes in memory: values plus text. */
static size_t
row_bytes(const struct or_value *row, size_t ncols)
{
    size_t bytes = ncols * sizeof(*row);
    for (size_t i = 0; i < ncols; i++) {
        bytes += row[i].type == OR_TYPE_TEXT && row[i].s != NULL ? row[i].len + 1 : 0;
    }
    return bytes;
}

/* Steps @p c from its first row into @p b; *@p complete when every row fit. */
static or_status
read_rows(struct or_query_cursor *c, struct or_rowbuf *b, size_t max_rows, size_t max_bytes,
          int *complete, char *err, size_t errlen)
{
    GArray *vals = g_array_new(FALSE, FALSE, sizeof(struct or_value));
    struct or_value *row = g_new0(struct or_value, c->ncols > 0 ? c->ncols : 1);
    size_t bytes = 0;
    or_status st = OR_OK;
    *complete = 0;
    for (;;) {
        int has_row = 0;
        st = or_cursor_next(&c->base, row, &has_row);
        if (st != OR_OK) {
            or_set_err(err, errlen, "dataset: query step: %s", c->err);
            break;
        }
        *complete = !has_row;
        bytes += has_row ? row_bytes(row, c->ncols) : 0;
        if (!has_row || b->nrows == max_rows || bytes > max_bytes) {
            break;
        }
        or_query_keep_text(b->chunk, row, c->ncols);
        g_array_append_vals(vals, row, (guint)c->ncols);
        b->nrows++;
    }
    g_free(row);
    b->vals = (struct or_value *)(void *)g_array_free(vals, FALSE);
    return st;
}

or_status
or_cursor_buffer(struct or_cursor *base, size_t max_rows, size_t max_bytes, int64_t *nrows,
                 char *err, size_t errlen)
{
    struct or_query_cursor *c = or_query_of(base);
    *nrows = -1;
    if (c->buf != NULL) {
        *nrows = (int64_t)c->buf->nrows;
        c->pos = 0;
        return OR_OK;
    }
    or_reader_end(c); /* the statement is stepped here */
    c->used = 1;      /* so that rewinding starts it over */
    if (or_cursor_rewind(base) != OR_OK) {
        or_set_err(err, errlen, "dataset: query: %s", sqlite3_errmsg(sqlite3_db_handle(c->st)));
        return OR_ERR_DATASET;
    }
    /* Stepped here, not by a reader thread: the rows are kept anyway. */
    int read_ahead = c->read_ahead;
    c->read_ahead = 0;
    struct or_rowbuf *b = g_new0(struct or_rowbuf, 1);
    int complete = 0;
    b->refs = 1;
    b->chunk = g_string_chunk_new(4096);
    or_status st = read_rows(c, b, max_rows, max_bytes, &complete, err, errlen);
    c->read_ahead = read_ahead;
    /* Either way the statement starts over: it releases its sorter and
     * locks now, or is stepped afresh later. */
    sqlite3_reset(c->st);
    or_query_restart(c);
    c->done = 0;
    c->used = 0;
    if (st != OR_OK || !complete) {
        or_rowbuf_unref(b);
        return st;
    }
    c->buf = b;
    c->pos = 0;
    c->base.ops = &or_query_buffered_ops;
    *nrows = (int64_t)b->nrows;
    return OR_OK;
}

struct or_cursor *
or_cursor_share(struct or_cursor *base)
{
    struct or_query_cursor *c = or_query_of(base);
    if (c->buf == NULL) {
        return NULL;
    }
    struct or_query_cursor *d = g_new0(struct or_query_cursor, 1);
    size_t n = c->ncols > 0 ? c->ncols : 1;
    d->base.ops = &or_query_buffered_ops;
    d->ncols = c->ncols;
    d->types = g_memdup2(c->types, n * sizeof(*c->types));
    d->untyped = g_memdup2(c->untyped, n * sizeof(*c->untyped));
    d->names = g_strdupv(c->names);
    g_atomic_int_inc(&c->buf->refs);
    d->buf = c->buf;
    return &d->base;
}

/* SPDX-License-Identifier: MIT */
#include "fetch/stream.h"
#include "base/status_str.h"

#include "dataset/coerce.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct or_stream {
    struct or_cursor base; /* first: the stream is its own cursor */
    const struct or_schema *schema;
    size_t max_pages;

    GMutex lock;
    GCond cond;
    GQueue pages;     /* struct or_rows *, owned; guarded by lock */
    int finished;     /* producer is done; guarded by lock */
    or_status result; /* the producer's status; guarded by lock */
    int closed;       /* consumer stopped; guarded by lock */
    int refused;      /* a put failed because of that; guarded by lock */

    /* consumer side only */
    struct or_rows *page; /* the page being read, owned */
    size_t next_row;      /* its next row */
    int started;          /* a step has been taken */
    int ended;            /* the step that returned 0 happened */
    int64_t rows_read;
    gint64 wait_us;              /* time spent waiting for the producer */
    char (*num)[OR_COERCE_TEXT]; /* per column: numbers converted to text */
    void (*on_end)(void *ud);
    void *on_end_ud;
};

static const struct or_cursor_ops stream_ops;

struct or_stream *
or_stream_new(const struct or_schema *schema, size_t max_pages)
{
    struct or_stream *s = g_new0(struct or_stream, 1);
    s->base.ops = &stream_ops;
    s->schema = schema;
    s->max_pages = max_pages > 0 ? max_pages : 1;
    g_mutex_init(&s->lock);
    g_cond_init(&s->cond);
    g_queue_init(&s->pages);
    s->num = g_malloc0((schema->ncols > 0 ? schema->ncols : 1) * sizeof(*s->num));
    return s;
}

static void
page_free(gpointer p)
{
    struct or_rows *rows = p;
    if (rows != NULL) {
        or_rows_release(rows);
        g_free(rows);
    }
}

void
or_stream_free(struct or_stream *s)
{
    if (s == NULL) {
        return;
    }
    g_queue_clear_full(&s->pages, page_free);
    page_free(s->page);
    g_free(s->num);
    g_mutex_clear(&s->lock);
    g_cond_clear(&s->cond);
    g_free(s);
}

or_status
or_stream_put(struct or_stream *s, struct or_rows *rows, char *err, size_t errlen)
{
    struct or_rows *page = g_new(struct or_rows, 1);
    *page = *rows;
    or_rows_init(rows, page->schema);

    g_mutex_lock(&s->lock);
    while (!s->closed && g_queue_get_length(&s->pages) >= s->max_pages) {
        g_cond_wait(&s->cond, &s->lock);
    }
    int closed = s->closed;
    if (!closed) {
        g_queue_push_tail(&s->pages, page);
        g_cond_broadcast(&s->cond);
    }
    else {
        s->refused = 1;
    }
    g_mutex_unlock(&s->lock);
    if (closed) {
        page_free(page);
        or_set_err(err, errlen, "the output file stopped taking rows");
        return OR_ERR_RENDER;
    }
    return OR_OK;
}

void
or_stream_finish(struct or_stream *s, or_status st)
{
    g_mutex_lock(&s->lock);
    s->finished = 1;
    s->result = st;
    g_cond_broadcast(&s->cond);
    g_mutex_unlock(&s->lock);
}

void
or_stream_close(struct or_stream *s)
{
    g_mutex_lock(&s->lock);
    s->closed = 1;
    g_cond_broadcast(&s->cond);
    g_mutex_unlock(&s->lock);
}

int
or_stream_closed_early(struct or_stream *s)
{
    g_mutex_lock(&s->lock);
    int early = s->closed && !s->ended;
    g_mutex_unlock(&s->lock);
    return early;
}

int
or_stream_refused(struct or_stream *s)
{
    g_mutex_lock(&s->lock);
    int refused = s->refused;
    g_mutex_unlock(&s->lock);
    return refused;
}

void
or_stream_on_end(struct or_stream *s, void (*fn)(void *ud), void *ud)
{
    s->on_end = fn;
    s->on_end_ud = ud;
}

int64_t
or_stream_rows_read(const struct or_stream *s)
{
    return s->rows_read;
}

double
or_stream_wait_seconds(const struct or_stream *s)
{
    return (double)s->wait_us / 1e6;
}

struct or_cursor *
or_stream_cursor(struct or_stream *s)
{
    return &s->base;
}

/* Takes the next page to read (*@p has_page 1), or finds the end (0); the
 * producer's status when it failed. */
static or_status
next_page(struct or_stream *s, int *has_page)
{
    page_free(s->page);
    s->page = NULL;
    s->next_row = 0;
    g_mutex_lock(&s->lock);
    if (g_queue_is_empty(&s->pages) && !s->finished) {
        gint64 t0 = g_get_monotonic_time();
        while (g_queue_is_empty(&s->pages) && !s->finished) {
            g_cond_wait(&s->cond, &s->lock);
        }
        s->wait_us += g_get_monotonic_time() - t0;
    }
    /* A failed fetch stops the renderer at once, whatever is still queued. */
    or_status st = s->finished ? s->result : OR_OK;
    *has_page = 0;
    if (st == OR_OK && !g_queue_is_empty(&s->pages)) {
        s->page = g_queue_pop_head(&s->pages);
        g_cond_broadcast(&s->cond);
        *has_page = 1;
    }
    g_mutex_unlock(&s->lock);
    return st;
}

static struct or_stream *
stream_of(struct or_cursor *c)
{
    return (struct or_stream *)(void *)c;
}

static or_status
stream_next(struct or_cursor *c, struct or_value *row, int *has_row)
{
    struct or_stream *s = stream_of(c);
    *has_row = 0;
    if (s->ended) {
        return OR_OK;
    }
    s->started = 1;
    while (s->page == NULL || s->next_row >= s->page->nrows) {
        or_status st = next_page(s, has_row);
        if (st != OR_OK || !*has_row) {
            if (st == OR_OK) {
                s->ended = 1;
                if (s->on_end != NULL) {
                    s->on_end(s->on_end_ud);
                }
            }
            return st;
        }
    }
    const struct or_rows *p = s->page;
    size_t r = s->next_row++;
    for (size_t i = 0; i < s->schema->ncols; i++) {
        memset(&row[i], 0, sizeof(row[i]));
        row[i].type = s->schema->cols[i].type;
        row[i].is_null = 1;
    }
    for (size_t k = p->row_start[r]; k < p->row_start[r + 1]; k++) {
        const struct or_cell *cell = &p->cells[k];
        if (cell->col < s->schema->ncols) {
            const char *text = cell->type == OR_TYPE_TEXT ? p->arena + cell->text_off : "";
            or_coerce_cell(cell, text, s->schema->cols[cell->col].type, s->num[cell->col],
                           &row[cell->col]);
        }
    }
    s->rows_read++;
    *has_row = 1;
    return OR_OK;
}

static or_status
stream_rewind(struct or_cursor *c)
{
    /* Rewinding before the first step is a no-op; rows once read are gone. */
    return stream_of(c)->started ? OR_ERR_UNSUPPORTED : OR_OK;
}

/* The cursor belongs to the stream: or_stream_free() frees both. */
static const struct or_cursor_ops stream_ops = {
    .next = stream_next,
    .rewind = stream_rewind,
};

/* SPDX-License-Identifier: MIT */
#include "fetch/stream.h"

#include <glib.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for a 64-bit integer or a %.15g double as text. */
#define NUM_TEXT 40

struct or_stream {
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
    gint64 wait_us;        /* time spent waiting for the producer */
    char (*num)[NUM_TEXT]; /* per column: numbers converted to text */
    void (*on_end)(void *ud);
    void *on_end_ud;
};

struct or_stream *
or_stream_new(const struct or_schema *schema, size_t max_pages)
{
    struct or_stream *s = g_new0(struct or_stream, 1);
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
        snprintf(err, errlen, "the output file stopped taking rows");
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
    return (struct or_cursor *)(void *)s;
}

/* The next page to read: 1, 0 at the end, -1 when the producer failed. */
static int
next_page(struct or_stream *s)
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
    int rc = s->finished && s->result != OR_OK ? -1 : 0;
    if (rc == 0 && !g_queue_is_empty(&s->pages)) {
        s->page = g_queue_pop_head(&s->pages);
        g_cond_broadcast(&s->cond);
        rc = 1;
    }
    g_mutex_unlock(&s->lock);
    return rc;
}

/* SQLite's REAL to INTEGER: truncation, saturating at the ends of the range. */
static int64_t
real_to_int(double r)
{
    if (isnan(r)) {
        return 0;
    }
    if (r <= (double)INT64_MIN) {
        return INT64_MIN;
    }
    if (r >= (double)INT64_MAX) {
        return INT64_MAX;
    }
    return (int64_t)r;
}

static int64_t
text_to_int(const char *t)
{
    char *end = NULL;
    gint64 v = g_ascii_strtoll(t, &end, 10);
    if (end != NULL && (*end == '.' || *end == 'e' || *end == 'E')) {
        double r = g_ascii_strtod(t, NULL);
        return real_to_int(r);
    }
    return v;
}

/* SQLite's text of a REAL: 15 significant digits, and a ".0" on whole numbers. */
static void
real_to_text(double r, char *buf)
{
    char tmp[NUM_TEXT];
    g_ascii_formatd(tmp, sizeof(tmp), "%.15g", r);
    if (strpbrk(tmp, ".ein") != NULL) {
        char *e = strchr(tmp, 'e');
        if (e == NULL || memchr(tmp, '.', (size_t)(e - tmp)) != NULL) {
            g_strlcpy(buf, tmp, NUM_TEXT);
            return;
        }
        snprintf(buf, NUM_TEXT, "%.*s.0%s", (int)(e - tmp), tmp, e);
        return;
    }
    snprintf(buf, NUM_TEXT, "%s.0", tmp);
}

/* One cell as a value of its column's type. */
static void
convert(struct or_stream *s, size_t col, const struct or_cell *cell, const char *text,
        struct or_value *v)
{
    enum or_type want = v->type;
    v->is_null = 0;
    if (want == OR_TYPE_TEXT) {
        if (cell->type == OR_TYPE_TEXT) {
            v->s = text;
            v->len = cell->text_len;
            return;
        }
        if (cell->type == OR_TYPE_REAL) {
            real_to_text(cell->r, s->num[col]);
        }
        else {
            snprintf(s->num[col], NUM_TEXT, "%" PRId64, cell->i);
        }
        v->s = s->num[col];
        v->len = strlen(v->s);
        return;
    }
    if (want == OR_TYPE_REAL) {
        v->r = cell->type == OR_TYPE_REAL   ? cell->r
               : cell->type == OR_TYPE_TEXT ? g_ascii_strtod(text, NULL)
                                            : (double)cell->i;
        return;
    }
    /* INT, BOOL, TIME: integers. */
    if (cell->type == OR_TYPE_REAL) {
        v->i = real_to_int(cell->r);
    }
    else if (cell->type == OR_TYPE_TEXT) {
        v->i = text_to_int(text);
    }
    else {
        v->i = cell->i;
    }
    v->r = (double)v->i;
}

int
or_stream_cursor_next(struct or_cursor *c, struct or_value *row)
{
    struct or_stream *s = (struct or_stream *)(void *)c;
    if (s->ended) {
        return 0;
    }
    s->started = 1;
    while (s->page == NULL || s->next_row >= s->page->nrows) {
        int rc = next_page(s);
        if (rc <= 0) {
            if (rc == 0) {
                s->ended = 1;
                if (s->on_end != NULL) {
                    s->on_end(s->on_end_ud);
                }
            }
            return rc;
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
            convert(s, cell->col, cell, text, &row[cell->col]);
        }
    }
    s->rows_read++;
    return 1;
}

or_status
or_stream_cursor_rewind(struct or_cursor *c)
{
    const struct or_stream *s = (const struct or_stream *)(void *)c;
    /* Rewinding before the first step is a no-op; rows once read are gone. */
    return s->started ? OR_ERR_UNSUPPORTED : OR_OK;
}

/* SPDX-License-Identifier: MIT */
/* A dataset cursor's statement stepped on a thread of its own, a few batches
 * of rows ahead of the thread that uses them (or_cursor_read_ahead()). */
#include <glib.h>
#include <pthread.h>
#include <stdio.h>

#include "base/status_str.h"
#include "dataset/query_impl.h"

/* Rows per batch, and batches a reader may have stepped ahead of its user. */
#define READ_AHEAD_ROWS 256
#define READ_AHEAD_BATCHES 4

/* Rows a reader thread stepped ahead of the cursor's user. */
struct batch {
    struct batch *next;
    size_t nrows;
    struct or_value *vals; /* READ_AHEAD_ROWS * ncols, text pointing into chunk */
    GStringChunk *chunk;
};

struct or_reader {
    GThread *thread;
    pthread_mutex_t lock; /* pthreads, not GMutex: ThreadSanitizer sees these */
    pthread_cond_t cond;
    struct batch *head, *tail; /* stepped, not yet used; under lock */
    size_t queued;             /* batches between head and tail; under lock */
    int stop;                  /* the user wants no more rows; under lock */
    int finished;              /* the thread stepped its last row; under lock */
    int failed;                /* ... because a step failed: err says why */
    char err[OR_ERR_SIZE];
    enum or_type *types;   /* the thread's own copy (untyped columns change) */
    struct batch *current; /* the batch the user steps through */
    size_t pos;            /* its next row */
};

static void
batch_free(struct batch *b)
{
    if (b == NULL) {
        return;
    }
    g_free(b->vals);
    g_string_chunk_free(b->chunk);
    g_free(b);
}

/* Steps one batch.  *@p more: whether rows may follow.  A failed step ends
 * the rows with its message in r->err (the user reads it only once it has
 * seen r->failed, set under the lock). */
static or_status
fill_batch(struct or_query_cursor *c, struct or_reader *r, struct batch *b, int *more)
{
    or_status st = OR_OK;
    sqlite3 *db = sqlite3_db_handle(c->st);
    sqlite3_mutex *m = sqlite3_db_mutex(db);
    *more = 1;
    while (*more && b->nrows < READ_AHEAD_ROWS) {
        struct or_value *row = &b->vals[b->nrows * c->ncols];
        /* Copied while the connection is held: the text belongs to the statement. */
        sqlite3_mutex_enter(m);
        st = or_query_step(c, r->types, row, more, r->err, sizeof(r->err));
        if (st == OR_OK && *more) {
            or_query_keep_text(b->chunk, row, c->ncols);
            b->nrows++;
        }
        sqlite3_mutex_leave(m);
    }
    return st;
}

static gpointer
reader_main(gpointer data)
{
    struct or_query_cursor *c = data;
    struct or_reader *r = c->reader;
    int more = 1;
    while (more) {
        struct batch *b = g_new0(struct batch, 1);
        b->vals = g_new0(struct or_value, READ_AHEAD_ROWS * (c->ncols > 0 ? c->ncols : 1));
        b->chunk = g_string_chunk_new(1 << 16);
        or_status st = fill_batch(c, r, b, &more);
        pthread_mutex_lock(&r->lock);
        if (b->nrows > 0 && !r->stop) {
            if (r->tail != NULL) {
                r->tail->next = b;
            }
            else {
                r->head = b;
            }
            r->tail = b;
            r->queued++;
            b = NULL;
        }
        r->failed = st != OR_OK;
        r->finished = !more;
        pthread_cond_broadcast(&r->cond);
        while (more && !r->stop && r->queued >= READ_AHEAD_BATCHES) {
            pthread_cond_wait(&r->cond, &r->lock);
        }
        more = r->stop ? 0 : more;
        pthread_mutex_unlock(&r->lock);
        batch_free(b);
    }
    return NULL;
}

void
or_reader_end(struct or_query_cursor *c)
{
    struct or_reader *r = c->reader;
    if (r == NULL) {
        return;
    }
    pthread_mutex_lock(&r->lock);
    r->stop = 1;
    pthread_cond_broadcast(&r->cond);
    pthread_mutex_unlock(&r->lock);
    g_thread_join(r->thread);
    while (r->head != NULL) {
        struct batch *b = r->head;
        r->head = b->next;
        batch_free(b);
    }
    batch_free(r->current);
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->cond);
    g_free(r->types);
    g_free(r);
    c->reader = NULL;
}

gboolean
or_reader_start(struct or_query_cursor *c)
{
    struct or_reader *r = g_new0(struct or_reader, 1);
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->cond, NULL);
    r->types = g_memdup2(c->types, (c->ncols > 0 ? c->ncols : 1) * sizeof(*c->types));
    c->reader = r;
    r->thread = g_thread_try_new("or-read", reader_main, c, NULL);
    if (r->thread == NULL) {
        pthread_mutex_destroy(&r->lock);
        pthread_cond_destroy(&r->cond);
        g_free(r->types);
        g_free(r);
        c->reader = NULL;
        return FALSE;
    }
    return TRUE;
}

or_status
or_reader_next(struct or_query_cursor *c, struct or_value *row, int *has_row)
{
    struct or_reader *r = c->reader;
    *has_row = 0;
    if (r->current == NULL || r->pos >= r->current->nrows) {
        /* The batch whose last row was handed out goes now: its text was
         * borrowed only until this step. */
        batch_free(r->current);
        r->current = NULL;
        pthread_mutex_lock(&r->lock);
        while (r->head == NULL && !r->finished) {
            pthread_cond_wait(&r->cond, &r->lock);
        }
        if (r->head != NULL) {
            r->current = r->head;
            r->head = r->current->next;
            r->tail = r->head != NULL ? r->tail : NULL;
            r->queued--;
            r->pos = 0;
            pthread_cond_broadcast(&r->cond);
        }
        int failed = r->failed;
        pthread_mutex_unlock(&r->lock);
        if (r->current == NULL) {
            if (failed) {
                or_set_err(c->err, sizeof(c->err), "%s", r->err);
                return OR_ERR_DATASET;
            }
            c->done = 1;
            return OR_OK;
        }
    }
    or_query_serve_kept(c, &r->current->vals[r->pos * c->ncols], row);
    r->pos++;
    *has_row = 1;
    return OR_OK;
}

/* SPDX-License-Identifier: MIT */
/* Pages fetched concurrently when the first one tells how many there are:
 * transfers driven on the calling thread, bodies parsed on worker threads,
 * rows written in page order. */
#include <stdio.h>

#include "fetch/fetch_impl.h"
#include "base/status_str.h"

static void
parse_task(struct slot *sl, struct loop *L)
{
    struct or_page_info info;
    or_status st = or_fetch_parse_into(L, sl->page, sl->body, sl->len, &sl->rows, &info, sl->err);
    g_free(sl->body);
    sl->body = NULL;
    g_mutex_lock(&L->lock);
    sl->st = st;
    sl->state = st == OR_OK ? SLOT_PARSED : SLOT_FAILED;
    L->parsing--;
    g_cond_broadcast(&L->cond);
    g_mutex_unlock(&L->lock);
}

/* Inserts the parsed pages that are next in page order (main thread). */
static void
flush_ready(struct loop *L)
{
    while (L->st == OR_OK && L->next_write < L->nslots) {
        struct slot *sl = &L->slots[L->next_write];
        g_mutex_lock(&L->lock);
        enum slot_state state = sl->state;
        g_mutex_unlock(&L->lock);
        if (state == SLOT_WAITING) {
            return;
        }
        if (state == SLOT_FAILED) {
            L->st = sl->st;
            or_set_err(L->err, sizeof(L->err), "%s", sl->err);
            return;
        }
        or_fetch_write_rows(L, &sl->rows);
        or_rows_release(&sl->rows);
        L->next_write++;
    }
}

static int
batch_done(void *ud, size_t index, or_status status, struct or_http_response *resp,
           const char *errmsg, int *free_body)
{
    struct loop *L = ud;
    struct slot *sl = &L->slots[index];

    flush_ready(L);
    if (L->st != OR_OK) {
        return 1;
    }
    if (status != OR_OK) {
        or_fetch_http_failure(L, status, resp, errmsg);
        return 1;
    }
    sl->body = resp->body;
    sl->len = resp->len;
    *free_body = 0;
    g_mutex_lock(&L->lock);
    while (L->parsing >= MAX_PARSING) {
        g_cond_wait(&L->cond, &L->lock);
    }
    L->parsing++;
    g_mutex_unlock(&L->lock);
    g_async_queue_push(L->queue, sl);
    flush_ready(L);
    return L->st != OR_OK;
}

/* The workers: plain threads owned by one fetch, so that nothing of them
 * outlives it (batch jobs fork; a process-wide thread pool would not survive
 * that).  The loop itself is the stop sentinel. */
static gpointer
worker_main(gpointer data)
{
    struct loop *L = data;
    for (;;) {
        gpointer item = g_async_queue_pop(L->queue);
        if (item == (gpointer)L) {
            return NULL;
        }
        parse_task(item, L);
    }
}

void
or_fetch_workers_start(struct loop *L)
{
    guint n = L->req->threads > 0 ? (guint)L->req->threads : g_get_num_processors();
    L->nworkers = n < 1 ? 1 : n > G_N_ELEMENTS(L->workers) ? G_N_ELEMENTS(L->workers) : n;
    L->queue = g_async_queue_new();
    for (guint i = 0; i < L->nworkers; i++) {
        L->workers[i] = g_thread_new("or-parse", worker_main, L);
    }
}

void
or_fetch_workers_stop(struct loop *L)
{
    for (guint i = 0; i < L->nworkers; i++) {
        g_async_queue_push(L->queue, L);
    }
    for (guint i = 0; i < L->nworkers; i++) {
        g_thread_join(L->workers[i]);
    }
    g_async_queue_unref(L->queue);
    L->queue = NULL;
    L->nworkers = 0;
}

/* Waits until the workers have parsed everything they were given. */
static void
wait_parsed(struct loop *L)
{
    g_mutex_lock(&L->lock);
    while (L->parsing > 0) {
        g_cond_wait(&L->cond, &L->lock);
    }
    g_mutex_unlock(&L->lock);
}

or_status
or_fetch_range(struct loop *L, long first, long last)
{
    for (long start = first; start <= last && L->st == OR_OK; start += BATCH_PAGES) {
        long end = start + BATCH_PAGES - 1 < last ? start + BATCH_PAGES - 1 : last;
        size_t n = (size_t)(end - start + 1);
        struct or_request **reqs = g_new0(struct or_request *, n);
        struct or_http_request *hreqs = g_new0(struct or_http_request, n);
        GString **pqs = g_new0(GString *, n);
        char(*labels)[256] = g_malloc0(n * sizeof(*labels));

        L->slots = g_new0(struct slot, n);
        L->nslots = n;
        L->next_write = 0;
        for (size_t i = 0; i < n && L->st == OR_OK; i++) {
            long page = start + (long)i;
            L->slots[i].page = page;
            or_rows_init(&L->slots[i].rows, L->schema);
            if (or_fetch_build(L, page, &reqs[i]) != OR_OK) {
                break;
            }
            pqs[i] = g_string_new(NULL);
            or_fetch_page_label(L, page, labels[i], sizeof(labels[i]));
            or_request_to_http(reqs[i], L->base_url, labels[i], pqs[i], &hreqs[i]);
        }
        if (L->st == OR_OK) {
            char herr[OR_ERR_SIZE] = "";
            or_status st =
                or_http_perform(L->req->http, hreqs, n, batch_done, L, herr, sizeof(herr));
            wait_parsed(L);
            /* An abort we asked for keeps our own, more precise message. */
            if (st != OR_OK && L->st == OR_OK) {
                L->st = st;
                or_set_err(L->err, sizeof(L->err), "%s", herr);
            }
            flush_ready(L);
            if (L->st == OR_OK && L->next_write != n) {
                or_set_err(L->err, sizeof(L->err), "%s: %zu of %zu pages did not arrive",
                           L->req->source, n - L->next_write, n);
                L->st = OR_ERR_PAGING;
            }
        }
        for (size_t i = 0; i < n; i++) {
            or_rows_release(&L->slots[i].rows);
            g_free(L->slots[i].body);
            or_request_free(reqs[i]);
            if (pqs[i] != NULL) {
                g_string_free(pqs[i], TRUE);
            }
        }
        g_free(L->slots);
        L->slots = NULL;
        L->nslots = 0;
        g_free(reqs);
        g_free(hreqs);
        g_free(pqs);
        g_free(labels);
    }
    return L->st;
}

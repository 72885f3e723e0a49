/* SPDX-License-Identifier: MIT */
/* Lookups of endpoints: see or_lookup_cache in fetch.h. */
#include "fetch/fetch_impl.h"

#include <string.h>

#include <glib.h>

#include "base/log.h"
#include "base/status_str.h"
#include "dataset/coerce.h"
#include "dataset/rows.h"
#include "plugin/endpoint.h"

/* One lookup: its rows as the provider sees them, and what it warned about. */
struct entry {
    struct or_lookup view;
    char *source;      /* "provider.endpoint" */
    GPtrArray *rows;   /* struct or_value[ncols], owned (free_row) */
    GPtrArray *texts;  /* owned copies of the text values */
    char *failed;      /* owned, or NULL */
    GPtrArray *warned; /* fallback texts already warned about (borrowed, static) */
};

struct or_lookup_cache {
    GHashTable *by_source; /* "provider.endpoint" -> struct entry */
};

static void
entry_free(gpointer p)
{
    struct entry *e = p;
    g_ptr_array_free(e->rows, TRUE);
    g_ptr_array_free(e->texts, TRUE);
    g_ptr_array_free(e->warned, TRUE);
    g_free(e->failed);
    g_free(e->source);
    g_free(e);
}

struct or_lookup_cache *
or_lookup_cache_new(void)
{
    struct or_lookup_cache *c = g_new0(struct or_lookup_cache, 1);
    c->by_source = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, entry_free);
    return c;
}

void
or_lookup_cache_free(struct or_lookup_cache *c)
{
    if (c == NULL) {
        return;
    }
    g_hash_table_destroy(c->by_source);
    g_free(c);
}

/* The sink of the lookup's fetch: every page's rows copied into the entry. */
static or_status
collect(void *ud, struct or_rows *rows, char *err, size_t errlen)
{
    struct entry *e = ud;
    size_t ncols = e->view.ncols;
    (void)err;
    (void)errlen;
    for (size_t r = 0; r < rows->nrows; r++) {
        struct or_value *row = g_new0(struct or_value, ncols > 0 ? ncols : 1);
        for (size_t c = 0; c < ncols; c++) {
            row[c].type = e->view.columns[c]->type;
            row[c].is_null = 1;
        }
        size_t end = r + 1 < rows->nrows ? rows->row_start[r + 1] : rows->ncells;
        for (size_t k = rows->row_start[r]; k < end; k++) {
            const struct or_cell *cell = &rows->cells[k];
            if (cell->col >= ncols) {
                continue; /* a lookup has declared columns only */
            }
            char num[OR_COERCE_TEXT];
            or_coerce_cell(cell, rows->arena + cell->text_off, row[cell->col].type, num,
                           &row[cell->col]);
            if (row[cell->col].type == OR_TYPE_TEXT) {
                char *copy = g_strndup(row[cell->col].s, row[cell->col].len);
                g_ptr_array_add(e->texts, copy);
                row[cell->col].s = copy;
            }
        }
        g_ptr_array_add(e->rows, row);
    }
    return OR_OK;
}

static struct entry *
entry_new(const char *source, const struct or_endpoint *lk)
{
    struct entry *e = g_new0(struct entry, 1);
    e->source = g_strdup(source);
    e->rows = g_ptr_array_new_with_free_func(g_free);
    e->texts = g_ptr_array_new_with_free_func(g_free);
    e->warned = g_ptr_array_new();
    e->view.source = e->source;
    e->view.ncols = lk->ncolumns;
    e->view.columns = lk->columns;
    return e;
}

/* Fetch lookup @p lk of req's plugin into a new entry.  Refused credentials
 * are the caller's error; any other failure is kept in the entry. */
static or_status
fetch_entry(const struct or_fetch_request *req, const struct or_endpoint *lk, const char *source,
            struct entry **out, char *err, size_t errlen)
{
    struct entry *e = entry_new(source, lk);
    struct or_fetch_sink sink = {.write = collect, .ud = e};
    struct or_params none = {0};
    struct or_fetch_request sub = *req;
    sub.source = source;
    sub.endpoint = lk;
    sub.period = NULL;
    sub.params = &none;
    sub.ds = NULL;
    sub.sink = &sink;
    sub.table = NULL;
    sub.progress = 0;
    sub.lookups = NULL;
    struct or_fetch_stats stats;
    char ferr[OR_ERR_SIZE] = "";
    or_status st = or_fetch_run(&sub, &stats, ferr, sizeof(ferr));
    if (st == OR_ERR_AUTH) {
        or_set_err(err, errlen, "%s", ferr);
        entry_free(e);
        return st;
    }
    if (st != OR_OK) {
        g_ptr_array_set_size(e->rows, 0);
        g_ptr_array_set_size(e->texts, 0);
        e->failed = g_strdup(ferr[0] != '\0' ? ferr : "fetch failed");
        e->view.failed = e->failed;
    }
    e->view.nrows = e->rows->len;
    e->view.rows = (const struct or_value *const *)e->rows->pdata;
    *out = e;
    return OR_OK;
}

/* What a source does with a lookup that could not be read. */
static or_status
use_failed(const struct or_fetch_request *req, struct entry *e, char *err, size_t errlen)
{
    const char *fallback = or_endpoint_lookup_fallback(req->endpoint);
    if (fallback == NULL) {
        or_set_err(err, errlen, "%s: needs %s, which could not be read: %s", req->source, e->source,
                   e->failed);
        return OR_ERR_HTTP;
    }
    for (guint i = 0; i < e->warned->len; i++) {
        if (g_ptr_array_index(e->warned, i) == fallback) {
            return OR_OK;
        }
    }
    g_ptr_array_add(e->warned, (gpointer)fallback);
    or_log(OR_LOG_WARN, "%s: %s could not be read (%s); %s", req->source, e->source, e->failed,
           fallback);
    return OR_OK;
}

or_status
or_fetch_lookup(const struct or_fetch_request *req, const struct or_host *host,
                const struct or_query *q, struct or_lookup_cache *cache,
                struct or_lookup_cache **own, const struct or_lookup **out, char *err,
                size_t errlen)
{
    *out = NULL;
    const struct or_endpoint *lk = or_endpoint_lookup(req->endpoint);
    or_lookup_needed_fn *needed = or_endpoint_lookup_needed(req->endpoint);
    if (lk == NULL || (needed != NULL && needed(host, q) != OR_OK)) {
        return OR_OK;
    }
    if (cache == NULL) {
        cache = *own = or_lookup_cache_new();
    }
    char *source = g_strdup_printf("%s.%s", req->plugin->desc->name, lk->name);
    struct entry *e = g_hash_table_lookup(cache->by_source, source);
    or_status st = OR_OK;
    if (e == NULL) {
        st = fetch_entry(req, lk, source, &e, err, errlen);
        if (st == OR_OK) {
            g_hash_table_insert(cache->by_source, e->source, e);
        }
    }
    g_free(source);
    if (st == OR_OK && e->failed != NULL) {
        st = use_failed(req, e, err, errlen);
    }
    if (st == OR_OK) {
        *out = &e->view;
    }
    return st;
}

/* SPDX-License-Identifier: MIT */
/**
 * @file fetch_impl.h
 * @brief Inside the paging loop (fetch.c, fetch_pages.c only).
 */
#ifndef OR_FETCH_IMPL_H
#define OR_FETCH_IMPL_H

#include <glib.h>

#include "dataset/rows.h"
#include "fetch/fetch.h"
#include "plugin/host.h"

/* Pages requested per batch of concurrent transfers; bounds the number of
 * request objects alive at once, not the concurrency (the HTTP client's
 * max_parallel does that). */
#define BATCH_PAGES 512

/* Pages parsed on worker threads and waiting to be inserted: bounds memory
 * when parsing is slower than downloading. */
#define MAX_PARSING 16

enum slot_state { SLOT_WAITING = 0, SLOT_PARSED, SLOT_FAILED };

/* One page of a concurrent batch. */
struct slot {
    long page;
    enum slot_state state; /* guarded by loop.lock */
    struct or_rows rows;
    char *body; /* owned until parsed */
    size_t len;
    const struct loop *L;
    or_status st;
    char err[OR_ERR_SIZE];
};

/* One fetch: the request, the provider's host table, where rows go. */
struct loop {
    const struct or_fetch_request *req;
    struct or_host host;
    struct or_host_ctx hctx;
    struct or_query q;
    struct or_schema *schema;
    struct or_table_writer *w;
    char *base_url;
    const char *instance;
    struct or_fetch_stats *stats;
    struct or_repair_counts repairs;     /* what count_repaired added up */
    struct or_lookup_cache *own_lookups; /* when the request shares none */
    long total_pages;                    /* for the progress line; -1 unknown */
    int64_t rows_before;                 /* rows before this instance started */
    /* concurrent batch */
    struct slot *slots;
    size_t nslots;
    size_t next_write;
    GAsyncQueue *queue; /* pages to parse, for the workers below */
    GThread *workers[16];
    guint nworkers;
    GMutex lock;
    GCond cond;
    int parsing; /* pages handed to the workers and not parsed yet */
    or_status st;
    char err[OR_ERR_SIZE];
};

/** @brief "SOURCE [INSTANCE] page N", for messages. */
void or_fetch_page_label(const struct loop *L, long page, char *buf, size_t n);

/** @brief Record an HTTP failure in L: the status, the vendor's own message, a hint. */
void or_fetch_http_failure(struct loop *L, or_status st, const struct or_http_response *resp,
                           const char *errmsg);

/** @brief The provider's request for @p page; owned (or_request_free()). */
or_status or_fetch_build(struct loop *L, long page, struct or_request **out);

/**
 * @brief Parse one page into @p rows.  Thread-safe: touches only its
 * arguments and writes its message into @p err (of OR_ERR_SIZE bytes).
 */
or_status or_fetch_parse_into(const struct loop *L, long page, const char *body, size_t len,
                              struct or_rows *rows, struct or_page_info *info, char *err);

/** @brief Hand one page's rows to the table or the sink, counting them. */
or_status or_fetch_write_rows(struct loop *L, struct or_rows *rows);

/** @brief Start the parse workers of L (its request's threads, at most 16). */
void or_fetch_workers_start(struct loop *L);

/** @brief Stop and join them. */
void or_fetch_workers_stop(struct loop *L);

/**
 * @brief The lookup @p req's endpoint needs for query @p q (asked through
 * @p host), fetched now or taken from @p cache (fetch_lookup.c).
 * @param cache where lookups are kept; NULL: a private one, which @p *own
 *        receives (free it with or_lookup_cache_free() after the fetch).
 * @param out receives the rows (borrowed from the cache), or NULL when the
 *        endpoint has no lookup or does not need it.
 * @return OR_OK (also for a failed lookup with a fallback, then
 *         (*out)->failed says why); else the lookup's error in @p err.
 */
or_status or_fetch_lookup(const struct or_fetch_request *req, const struct or_host *host,
                          const struct or_query *q, struct or_lookup_cache *cache,
                          struct or_lookup_cache **own, const struct or_lookup **out, char *err,
                          size_t errlen);

/** @brief Pages @p first..@p last at once, written in page order; L->st says how it went. */
or_status or_fetch_range(struct loop *L, long first, long last);

#endif

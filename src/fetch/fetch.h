/* SPDX-License-Identifier: MIT */
/**
 * @file fetch.h
 * @brief The host-run paging loop: one source into one dataset table.
 *
 * Core only.  Page 1 is fetched first.  When it tells how many pages there
 * are (OR_PAGING_PAGES) the rest are requested concurrently through the HTTP
 * client and inserted in page order as they arrive; when only a next/hasMore
 * marker exists they are fetched one after another.  A page that claims to
 * be another page, a marker pointing backwards, a page identical to the one
 * before, or more pages than `max_pages` stop the loop with OR_ERR_PAGING.
 * Rows of a failed fetch are rolled back: a table is complete or absent.
 * With a sink instead of a dataset, pages go to the sink in page order and
 * the sink's consumer learns of a failure from its producer (stream.h).
 */
#ifndef OR_FETCH_H
#define OR_FETCH_H

#include <glib.h>
#include <stdint.h>

#include "base/config.h"
#include "dataset/dataset.h"
#include "http/http.h"
#include "outreport/plugin.h"
#include "plugin/params.h"
#include "base/period.h"
#include "plugin/plugin_loader.h"

/**
 * Where a fetch's pages go instead of a dataset table: `outreport fetch`
 * streams them to the renderer (stream.h).  Only for endpoints with fixed
 * columns.
 */
struct or_fetch_sink {
    /** Take one page's rows, in page order; may move them out of @p rows. */
    or_status (*write)(void *ud, struct or_rows *rows, char *err, size_t errlen);
    void *ud;
};

/**
 * Lookups of one run (::or_endpoint.lookup, fetch_lookup.c), by
 * "provider.endpoint".  A lookup is another table of the same provider,
 * fetched before the first request of a fetch, with no parameters and no
 * period, into memory, and handed to the provider through
 * ::or_query.lookup; sharing a cache between the sources of a run fetches
 * each lookup, and warns about it, once.  When a lookup cannot be read,
 * refused credentials fail the fetch; anything else fails it unless the
 * endpoint declares a ::or_endpoint.lookup_fallback, in which case one
 * warning is logged and the provider sees ::or_lookup.failed.  Owned; free
 * with or_lookup_cache_free().
 */
struct or_lookup_cache;

/** @brief A new, empty cache of lookups. */
struct or_lookup_cache *or_lookup_cache_new(void);

/** @brief Free the cache and every lookup in it; NULL is a no-op. */
void or_lookup_cache_free(struct or_lookup_cache *c);

/** Everything one fetch needs.  All borrowed. */
struct or_fetch_request {
    const char *source; /**< "provider.endpoint", for messages */
    const struct or_loaded_plugin *plugin;
    const struct or_endpoint *endpoint;
    const struct or_config *cfg;
    GTimeZone *tz;
    const char *tz_name;
    const struct or_period *period; /**< NULL: no period */
    const struct or_params *params;
    struct or_http *http;
    struct or_dataset *ds;            /**< where rows go, unless @c sink is set */
    const struct or_fetch_sink *sink; /**< NULL: insert into @c ds */
    const char *table;                /**< table name; NULL = the endpoint's */
    int progress;                     /**< nonzero: a progress line on stderr */
    int replay;                       /**< serving from a recording */
    long max_pages;                   /**< runaway guard; 0 = 100000 */
    int threads;                      /**< parse workers; 0 = one per processor */
    /** Lookups shared with the other sources of the run; NULL: the fetch
     * reads its endpoint's lookup for itself. */
    struct or_lookup_cache *lookups;
    /** Nonzero: repaired values are not warned about here; the caller warns
     *  once for all its sources (or_fetch_sources). */
    int quiet_repairs;
};

/** What a fetch did. */
struct or_fetch_stats {
    long pages;     /**< pages received */
    int64_t rows;   /**< rows inserted */
    long requests;  /**< HTTP transfers, retries included */
    long retries;   /**< of which retries */
    double seconds; /**< wall time */
    /** When the fetch started (or_time_now_for_documents()): its data is "as of" then. */
    int64_t fetched_at;
    /** Values the provider repaired instead of refusing a page, by enum or_repair. */
    long repaired[OR_REPAIR_COUNT];
};

/**
 * @brief "1483 rows from 15 pages (15 requests, 0 retries) in 0.1 s", and
 * ", 3 control characters escaped" when values were repaired: what a fetch
 * did, for the -v lines of fetch and run.
 */
void or_fetch_stats_describe(const struct or_fetch_stats *stats, char *buf, size_t len);

/**
 * @brief Fetch a source completely into its table.
 * @return OR_OK, or the first error with @p err naming the source, page and
 *         HTTP status or field (secrets redacted).
 */
or_status or_fetch_run(const struct or_fetch_request *req, struct or_fetch_stats *stats, char *err,
                       size_t errlen);

#endif

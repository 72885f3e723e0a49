/* SPDX-License-Identifier: MIT */
/**
 * @file sources.h
 * @brief The fetch stage: the sources jobs read, each distinct one fetched once.
 *
 * Core only.  A plan (job/plan.h) lists the sources a job reads.  Sources
 * with the same endpoint, parameters, period and zone are the same data:
 * or_sources_share() picks one of them to fetch and points the others at
 * it, or_fetch_sources() fetches the picked ones into tables of a dataset
 * (the job's own, or in a batch one every job copies from), and
 * or_source_copy_result() gives the others what became of it.
 *
 * A source that fails still gets its table, empty, with the endpoint's
 * columns, so that sections reading it say "data unavailable" instead of
 * failing.  An optional source whose credentials are not set up (no request
 * made) is "skipped": the team does not have that vendor.
 */
#ifndef OR_SOURCES_H
#define OR_SOURCES_H

#include <glib.h>

#include "base/config.h"
#include "base/period.h"
#include "dataset/dataset.h"
#include "fetch/fetch.h"
#include "http/http.h"
#include "plugin/params.h"
#include "plugin/plugin_loader.h"

/**
 * One source a job reads: what to fetch, and what became of it.  Lives in
 * its plan; or_source_release() frees what it owns.
 */
struct or_source {
    const char *alias;       /**< the table the job reads (borrowed) */
    const char *name;        /**< "provider.endpoint" (borrowed) */
    char *const *param_text; /**< "KEY=VALUE" as written, NULL-terminated (borrowed) */
    const struct or_loaded_plugin *plugin;
    const struct or_endpoint *ep;
    struct or_params params;     /**< validated parameters (owned) */
    struct or_period period;     /**< the period fetched, when has_period */
    int has_period;              /**< 0: no period */
    GTimeZone *tz;               /**< the job's zone (borrowed) */
    const char *tz_name;         /**< its name (borrowed) */
    int previous;                /**< fetched for the comparison period */
    int required;                /**< 0: missing credentials skip it */
    struct or_source *origin;    /**< the source whose fetch it shares; NULL: its own */
    char *table;                 /**< where its fetch went (owned); NULL: not fetched */
    or_status st;                /**< the fetch's status */
    struct or_fetch_stats stats; /**< what the fetch did */
    const char *status;          /**< "ok", "retried", "failed", "skipped"; NULL: not fetched */
    char *detail;                /**< why it failed or was skipped (owned), or NULL */
    GHashTable *known;           /**< days (YYYY-MM-DD) whose data is known, from the store
                                      (a reference); NULL: all, unless the fetch failed */
};

/** @brief Free what @p s owns (not @p s itself). */
void or_source_release(struct or_source *s);

/**
 * @brief Find the sources of @p srcs that are the same data (endpoint,
 * parameters in any order, period, zone): the first of each kind is
 * returned to be fetched, and every other one gets it as its @c origin.
 * @return An owned array (g_ptr_array_free(a, TRUE)) of borrowed sources.
 */
GPtrArray *or_sources_share(struct or_source *const *srcs, size_t n);

/** What the fetches of a run share.  Borrowed. */
struct or_fetch_env {
    const struct or_config *cfg;
    struct or_http *http;
    int progress; /**< a progress line on stderr */
    int replay;   /**< serving from a recording */
    int threads;  /**< parse workers; 0: one per processor */
};

/**
 * @brief The request that fetches @p s through @p env into its @c table of
 * @p ds (NULL: the caller sets a sink).  Borrows from both.
 */
struct or_fetch_request or_source_request(const struct or_source *s, const struct or_fetch_env *env,
                                          struct or_dataset *ds);

/**
 * @brief Fetch every source of @p srcs into table @c table of @p ds (set
 * by the caller), one after another, logging what each did.  A failed
 * source is recorded in it (st, status, detail) and gets an empty table;
 * the others go on.
 * @return OR_OK when every source is ok, retried or skipped, else
 *         OR_ERR_HTTP-like: the first failure (the sources say which).
 */
or_status or_fetch_sources(struct or_source *const *srcs, size_t n, const struct or_fetch_env *env,
                           struct or_dataset *ds);

/**
 * @brief One warning per kind of repaired value (::or_host.count_repaired)
 * for all of @p srcs together, with each source's count: what fetches
 * made with `quiet_repairs` leave to their caller.
 */
void or_fetch_warn_repairs(struct or_source *const *srcs, size_t n);

/**
 * @brief Give @p s what became of its origin's fetch (status, counts,
 * reason), judged by its own @c required.  No-op for a source without origin.
 */
void or_source_copy_result(struct or_source *s);

/**
 * @brief For a source of records with cumulative counters (Saleshandy's
 * e-mails), fetched without a store or failed: table TABLE_snapshots in
 * @p ds (s->table's name + "_snapshots") with columns as_of (the local day
 * of the fetch), record (the record's key) and the table's own, holding
 * the one reading of this run (@p with_rows) or nothing.  With a store the
 * store fills it with every dated snapshot (docs/store.md).  No-op for other
 * sources.
 */
or_status or_source_history_table(struct or_dataset *ds, const struct or_source *s, int with_rows,
                                  char *err, size_t errlen);

/**
 * @brief Create @p s's table @p table in @p ds with the endpoint's columns
 * and no rows (replacing one of that name).
 */
or_status or_source_create_empty(struct or_dataset *ds, const struct or_source *s,
                                 const char *table, char *err, size_t errlen);

#endif

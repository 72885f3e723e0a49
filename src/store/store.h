/* SPDX-License-Identifier: MIT */
/**
 * @file store.h
 * @brief The store: every normalised table kept across runs, in SQLite or
 * PostgreSQL, so that reports read history instead of fetching it again.
 *
 * Core only (room `store`: above dataset and plugin, beside fetch and
 * report; job/sync.c composes it with the fetch stage).  docs/store.md
 * describes the schema for people and BI tools.
 *
 * A store holds, per endpoint table (calls, email_activity, ...), the rows
 * of every *stream* fetched into it: a stream is one endpoint with one set
 * of parameters in one zone (or_store_stream()).  Rows are keyed by
 * (stream, record key) and upserted, so a record fetched twice is stored
 * once, in its newest version.  What was fetched when is the *coverage*:
 * one entry per stored day (records), period (period aggregates) or
 * snapshot day (cumulative totals), with the instant its fetch started.
 *
 * The schema carries its version; opening migrates an older store and
 * refuses a newer or a corrupt one with a message naming it (a store is
 * never recreated silently).  Writers hold the store's lock (a lock file
 * beside an SQLite store, an advisory lock in PostgreSQL) for a whole sync,
 * so two runs at once neither corrupt nor double-count.
 */
#ifndef OR_STORE_H
#define OR_STORE_H

#include <glib.h>
#include <stdint.h>

#include "dataset/dataset.h"
#include "outreport/plugin.h"
#include "store/store_profile.h"

/** The schema version this build writes (docs/store.md, "Migrations"). */
#define OR_STORE_SCHEMA_VERSION 3

struct or_store;

/**
 * @brief Open (creating and migrating when needed) the store at @p url:
 * `sqlite:PATH` (the folder is created) or `postgresql://...` /
 * `postgres://...` (a libpq connection URI).
 * @param out receives the store (owned: or_store_close()).
 * @return OR_OK; OR_ERR_CONFIG for a URL of no known kind; OR_ERR_DATASET
 *         for a store that cannot be opened, is corrupt, is no outreport
 *         store or has a newer schema, @p err naming it (password left out).
 */
or_status or_store_open(const char *url, struct or_store **out, char *err, size_t errlen);

/** @brief Close; NULL is a no-op.  Releases the lock if held. */
void or_store_close(struct or_store *s);

/** @brief The URL for messages, without any password.  Borrowed from @p s. */
const char *or_store_name(const struct or_store *s);

/** @brief "sqlite" or "postgresql". */
const char *or_store_kind(const struct or_store *s);

/**
 * @brief Take the store's writer lock, waiting for another writer to finish.
 * @return OR_OK, or OR_ERR_DATASET with @p err set.
 */
or_status or_store_lock(struct or_store *s, char *err, size_t errlen);

/** @brief Release the writer lock (no-op when not held). */
void or_store_unlock(struct or_store *s);

/**
 * @brief The id of the stream of @p source ("provider.endpoint") with the
 * canonical parameter text @p params ("" for none) in zone @p tz, stored in
 * @p table; created when new.
 */
or_status or_store_stream(struct or_store *s, const char *source, const char *params,
                          const char *tz, const char *table, int64_t *id, char *err, size_t errlen);

/** One coverage entry: days [first, last] fetched at @c fetched_at. */
struct or_store_cover {
    char first[11];     /**< YYYY-MM-DD */
    char last[11];      /**< YYYY-MM-DD */
    int64_t fetched_at; /**< when its fetch started (Unix seconds) */
    int64_t rows;       /**< rows it stored */
};

/**
 * @brief Every coverage entry of @p stream whose first day lies in
 * [@p first, @p last] (both YYYY-MM-DD), ordered by first day.
 * @param out receives struct or_store_cover items (caller's array).
 */
or_status or_store_coverage(struct or_store *s, int64_t stream, const char *first, const char *last,
                            GArray *out, char *err, size_t errlen);

/** What a fetch put into a dataset table, to be stored as one unit. */
struct or_store_put {
    int64_t stream;
    const struct or_store_profile *profile;
    const char *table;     /**< the store table (the endpoint's) */
    struct or_dataset *ds; /**< where the fetch went */
    const char *ds_table;  /**< its table there */
    GTimeZone *tz;         /**< the stream's zone: a record's day is local */
    const char *first;     /**< the days fetched, YYYY-MM-DD */
    const char *last;      /**< (a snapshot: both are its day) */
    int64_t fetched_at;    /**< when the fetch started */
};

/**
 * @brief Store what @p p describes, in one transaction: the stream's rows
 * of those days are replaced by the fetched ones (upserted by record key:
 * a record listed twice is stored once, the later listing winning), and the
 * coverage says those days were fetched at @c fetched_at (records: one
 * entry per day; otherwise one entry for [first, last]).  Table and columns
 * are created as needed.  Records with cumulative counters (profile
 * ::or_store_profile.counters) are also kept as dated snapshots: the stored
 * rows of those days become the snapshot of the fetch's local day in table
 * TABLE_snapshots, replacing one taken earlier that day.
 * @param rows receives the number of rows stored.
 */
or_status or_store_put(struct or_store *s, const struct or_store_put *p, int64_t *rows, char *err,
                       size_t errlen);

/** Which stored rows a source reads. */
struct or_store_get {
    int64_t stream;
    const struct or_store_profile *profile;
    const char *table; /**< the store table */
    const char *first; /**< the source's days, YYYY-MM-DD */
    const char *last;
    int64_t end; /**< the instant after its last day (snapshots) */
    /** Records with counters: load every dated snapshot of the records of
     * those days (columns as_of, record, then the endpoint's) instead of
     * each record as of the period's end. */
    int history;
};

/**
 * @brief Create table @p alias of @p ds with @p schema's columns (plus any
 * further columns the store table has, for endpoints with dynamic columns)
 * and fill it with the stored rows @p g selects: records of those days; the
 * period aggregate of exactly those days; of cumulative snapshots, those
 * of the first day with one taken at or after @c end (the totals when the
 * period ended), else of the newest day (a period not over yet).  Records
 * with counters are read the same way, each from its own snapshots: the
 * first taken on a day after the last one, else its newest.
 * @param rows receives the number of rows loaded.
 * @param as_of receives, for snapshots, the latest snapshot day loaded ("" if none).
 */
or_status or_store_load(struct or_store *s, const struct or_store_get *g,
                        const struct or_schema *schema, struct or_dataset *ds, const char *alias,
                        int64_t *rows, char as_of[11], char *err, size_t errlen);

/**
 * @brief Make the stream of records with counters keep dated snapshots:
 * create TABLE_snapshots and, once per stream, seed it with the rows stored
 * before (a store of schema version 2 or older: each row becomes the
 * snapshot of the local day, in @p tz, of its ::or_fetched_at).  Called by
 * or_store_put(); a sync calls it also when it fetches nothing, under the
 * writer lock.  A no-op for a stream with snapshots or without rows.
 */
or_status or_store_counters_ready(struct or_store *s, int64_t stream, const char *table,
                                  GTimeZone *tz, char *err, size_t errlen);

/**
 * @brief When the rows or_store_load() loaded for @p g were fetched: the
 * earliest ::or_fetched_at among them (Unix seconds), so a document that
 * says "as of" a cumulative counter names the oldest reading it shows.
 * @param as_of the snapshot day or_store_load() gave ("" for other kinds).
 * @param at receives it; 0 when no row was loaded.
 */
or_status or_store_fetched_at(struct or_store *s, const struct or_store_get *g, const char *as_of,
                              int64_t *at, char *err, size_t errlen);

#endif

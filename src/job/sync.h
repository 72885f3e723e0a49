/* SPDX-License-Identifier: MIT */
/**
 * @file sync.h
 * @brief Incremental sync: the fetch stage (fetch/sources.h) composed with
 * the store (store/store.h).
 *
 * Core only.  For a source (an endpoint with its parameters, zone and
 * period) the store's coverage says which days are already stored and
 * *settled*: fetched at least `[store] refetch_days` days after they ended,
 * so late edits (dispositions, notes, replies) are in.  Only the other
 * days are requested, in runs of consecutive days cut at week boundaries,
 * each run fetched and stored on its own (a failure keeps what came
 * before).  Period aggregates are fetched once per settled period;
 * cumulative totals get one snapshot per sync unless the store already has
 * one taken after the period ended.  A run then reads its tables from the
 * store (or_sync_load()).
 */
#ifndef OR_SYNC_H
#define OR_SYNC_H

#include <stdint.h>

#include "dataset/dataset.h"
#include "fetch/sources.h"
#include "store/store.h"

/** What a sync needs.  Borrowed. */
struct or_sync_env {
    struct or_store *store;
    const struct or_fetch_env *fetch;
    int refetch_days; /**< [store] refetch_days */
    int week_start;   /**< 1 (Monday) .. 7 */
    int64_t now;      /**< the clock or $OUTREPORT_NOW: settles days, dates snapshots */
    /** Lookups (a disposition list) read once for all the sources synced
     *  with this env; NULL: or_sync_sources() makes one for its sources,
     *  or_sync_source() one for the source's fetches. */
    struct or_lookup_cache *lookups;
};

/**
 * @brief Bring the store up to date for @p s.  Records the outcome in
 * @p s: status "ok"/"retried" (fetched or stored already), "failed" (its
 * reason in detail; what was stored before stays), "skipped" (an optional
 * source without credentials), or "partial" when a replayed run found
 * some days not recorded (they stay unknown; the others are reported).  A
 * replay that had none of the period, over a store holding none of it, is
 * "failed" (st OR_ERR_REPLAY): the source has no data at all.
 * The caller holds the store's writer lock.
 */
void or_sync_source(struct or_source *s, const struct or_sync_env *env);

/**
 * @brief Fill table @c s->table of @p ds with the stored rows of @p s's
 * stream and period (empty, with the endpoint's columns, when none), and
 * set @c s->stats.rows to their number.
 */
or_status or_sync_load(struct or_source *s, const struct or_sync_env *env, struct or_dataset *ds,
                       char *err, size_t errlen);

/**
 * @brief The fetch stage through the store: or_sync_source() for each of
 * @p srcs under the store's writer lock, then or_sync_load() of each into
 * its @c table of @p ds.
 * @return OR_OK (failed sources are recorded in them), or the store's error.
 */
or_status or_sync_sources(struct or_source *const *srcs, size_t n, const struct or_sync_env *env,
                          struct or_dataset *ds, char *err, size_t errlen);

/**
 * @brief Create (or replace) table `coverage` of @p ds: one row per day of
 * every source in @p srcs that has a period (source TEXT: its alias, day
 * TEXT YYYY-MM-DD, week TEXT: the first day of that day's week, stored BOOL:
 * the source's data for that day is known: its `known` days after a
 * sync, every day of a source fetched without a store, none of a failed or
 * skipped one).  Templates join it to tell a day without data from a day
 * without calls.
 */
or_status or_sync_coverage_table(struct or_source *const *srcs, size_t n, struct or_dataset *ds,
                                 int week_start, char *err, size_t errlen);

#endif

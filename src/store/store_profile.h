/* SPDX-License-Identifier: MIT */
/**
 * @file store_profile.h
 * @brief How the store keeps an endpoint's rows: what identifies a record,
 * which column places it on a day, and whether its numbers are records,
 * aggregates over the period asked for, or cumulative totals.
 *
 * Core only.  Static data; nothing to free.
 */
#ifndef OR_STORE_PROFILE_H
#define OR_STORE_PROFILE_H

#include "outreport/plugin.h"

/** How an endpoint's rows relate to time. */
enum or_store_kind {
    /** One row per record with a day of its own (a call, a sent e-mail):
     * stored per day; only days not stored yet are fetched. */
    OR_STORE_RECORDS = 0,
    /** Aggregates over the period requested (list performance, team
     * stats): stored per period; a period stored once is not fetched again. */
    OR_STORE_PERIOD,
    /** Cumulative totals up to the moment of the fetch (Unpod analytics):
     * stored as dated snapshots, one per day; a trend is their difference. */
    OR_STORE_SNAPSHOT,
};

/** The store profile of one endpoint. */
struct or_store_profile {
    const char *source;      /**< "provider.endpoint" */
    enum or_store_kind kind; /**< see above */
    const char *const *key;  /**< columns identifying a record (NULL-terminated);
                                  NULL: every column */
    const char *day;         /**< RECORDS: the time column giving the record's day */
    /** RECORDS whose counters count up to the fetch (::OR_CUMULATIVE_COUNTERS:
     * Saleshandy's opens and replies): each record is also kept as dated
     * snapshots, one per fetch day (docs/store.md). */
    int counters;
};

/**
 * @brief The profile of endpoint @p ep (SOURCE @p source) into @p out, as
 * the provider declares it (::or_endpoint.keeping, record_key, record_day;
 * ABI 2.2).  An endpoint that declares nothing (or a plugin older than
 * 2.2) is kept as period aggregates keyed by all of its columns, which is
 * never wrong, only less incremental.  @p out borrows from @p ep.
 */
void or_store_profile_of(const char *source, const struct or_endpoint *ep,
                         struct or_store_profile *out);

/** @brief "records", "period" or "snapshot". */
const char *or_store_kind_name(enum or_store_kind k);

#endif

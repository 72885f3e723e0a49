/* SPDX-License-Identifier: MIT */
/**
 * @file sqllimit.h
 * @brief Limits on what the statements of dataset cursors (template SQL)
 * may cost: time inside SQLite per statement, rows per report section.
 *
 * Core only.  The time limit is an SQLite progress handler on the dataset's
 * connection: while a cursor's statement is stepped (or_query_step(), with
 * the connection's mutex held, so one statement at a time), the handler
 * interrupts it once the time the statement has spent inside SQLite since it
 * (re)started passes the limit.  Only cursors are timed: the host's own
 * statements (inserts, copies, indexes) never are.  The row limit is kept
 * here for the evaluation to read (report/evaluate.c); the dataset does not
 * enforce it.
 */
#ifndef OR_SQLLIMIT_H
#define OR_SQLLIMIT_H

#include <glib.h>
#include <sqlite3.h>
#include <stdint.h>

/** Defaults of [report] sql_timeout_s and max_section_rows. */
#define OR_SQL_TIMEOUT_S_DEFAULT 60
#define OR_SQL_MAX_ROWS_DEFAULT 10000000

/** The limits.  Zero: no limit. */
struct or_sql_limits {
    long timeout_s;   /**< time a statement may run inside SQLite, summed over its steps */
    int64_t max_rows; /**< rows a report section may have */
};

/** A connection's clock.  Owned by the dataset. */
struct or_sql_clock;

/** @brief A clock for @p db, no limits yet.  Free with or_sql_clock_free() before closing @p db. */
struct or_sql_clock *or_sql_clock_new(sqlite3 *db);

/** @brief Free; NULL is a no-op. */
void or_sql_clock_free(struct or_sql_clock *k);

/** @brief Set the limits (before any statement runs; installs the progress handler). */
void or_sql_clock_set(struct or_sql_clock *k, const struct or_sql_limits *lim);

/** @brief The limits set (zeros when none).  Borrowed. */
const struct or_sql_limits *or_sql_clock_limits(const struct or_sql_clock *k);

/**
 * @brief Before one sqlite3_step() of a statement that has spent @p spent_us
 * so far: arm the deadline.  With the connection's mutex held.
 * @return The step's start time, to pass to or_sql_clock_stop().
 */
gint64 or_sql_clock_start(struct or_sql_clock *k, gint64 spent_us);

/**
 * @brief After that step: disarm, add its time to *@p spent_us.
 * @return 1 when the statement is over its time (the step was interrupted for it).
 */
int or_sql_clock_stop(struct or_sql_clock *k, gint64 t0, gint64 *spent_us);

/** @brief "the statement ran longer than N s ([report] sql_timeout_s)" into @p buf. */
void or_sql_clock_message(const struct or_sql_clock *k, char *buf, size_t len);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file sqlfuncs.h
 * @brief What template SQL may use and do: zone-aware functions, a sandbox.
 *
 * Core only.  Functions registered on the dataset, all in the report's zone:
 * local_date(t) 'YYYY-MM-DD', local_datetime(t) 'YYYY-MM-DD HH:MM',
 * local_week(t) ISO week 'YYYY-Www', local_hour(t) 0..23, weekday(t) 1..7
 * (Monday = 1), weekday_name(t) 'Mon'..'Sun'.  The sandbox is an SQLite
 * authorizer allowing only reading: ATTACH, writes, schema changes, PRAGMA,
 * transactions and extension loading are denied; what it never sees
 * (REINDEX) or_sql_is_query() refuses.  While it is on it also
 * records which tables a statement reads.
 */
#ifndef OR_SQLFUNCS_H
#define OR_SQLFUNCS_H

#include <glib.h>
#include <sqlite3.h>

#include "base/locale.h"
#include "outreport/status.h"

/** @brief Register the zone functions; @p tz is referenced until the db closes. */
or_status or_sql_register(sqlite3 *db, GTimeZone *tz, char *err, size_t errlen);

/**
 * @brief Make weekday_name() answer in @p loc's language ("Mo.", "Di.", ...
 * in de-DE; without a locale "Mon", "Tue", ...).  @p loc and @p tz must
 * outlive the db (@p tz is referenced).
 */
or_status or_sql_register_locale(sqlite3 *db, GTimeZone *tz, const struct or_locale *loc, char *err,
                                 size_t errlen);

/**
 * The sandbox's state.  Changing the authorizer expires every prepared
 * statement (SQLite re-prepares them, freeing their column names), so the
 * sandbox is switched on once and only `tables` changes between statements.
 */
struct or_sandbox {
    GPtrArray *tables; /**< receives each table a statement reads (owned strings), or NULL */
};

/** @brief Turn the read-only sandbox on; @p sb must outlive it. */
void or_sql_sandbox_on(sqlite3 *db, struct or_sandbox *sb);

/** @brief Turn the sandbox off (for the host's own writes). */
void or_sql_sandbox_off(sqlite3 *db);

/**
 * @brief Whether @p sql, after blanks and comments, starts with SELECT, WITH
 * or VALUES: a query.  The sandbox's second half: "REINDEX" with no index to
 * rebuild, for one, consults no authorizer and counts as read-only.
 */
int or_sql_is_query(const char *sql);

/**
 * @brief @p sql without its final ORDER BY clause, for counting its rows
 * without sorting them.
 *
 * Only an ORDER BY outside every parenthesis, string, quoted name and
 * comment counts (not one in a subquery, window or aggregate), and only when
 * no LIMIT or OFFSET follows it (those make the order change which rows
 * there are).  The result is not checked: prepare it, and fall back to
 * @p sql if that fails.
 * @return Owned (g_free()), or NULL when there is no such clause to remove.
 */
char *or_sql_strip_order_by(const char *sql);

/**
 * @brief The columns @p sql's final ORDER BY clause (see
 * or_sql_strip_order_by()) sorts by, when every term is a plain or
 * double-quoted name with at most ASC or DESC after it: "ORDER BY
 * started_at", "ORDER BY rep_id, \"started_at\" DESC".
 * @param desc receives an owned (g_free()) array: nonzero for DESC terms.
 * @return Owned NULL-terminated names (g_strfreev()), or NULL (and *@p desc
 *         NULL) when there is no such clause or a term is anything else.
 */
char **or_sql_order_by_columns(const char *sql, int **desc);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file dataset.h
 * @brief The dataset: a private temporary SQLite database, one table per source.
 *
 * Core only.  Column types map to declared SQL types TEXT, INTEGER, REAL,
 * BOOL (0/1) and TIME (Unix seconds, UTC); the declared type is how a result
 * column's ::or_type is recovered later.  Rows arrive as ::or_rows buffers
 * and are inserted with one prepared statement inside one transaction per
 * table.  Dataset cursors (cursor.h) hand query results to the report and
 * to renderers one row at a time; the functions below taking a cursor take
 * only one made here (or_cursor_new(), or_cursor_share()).
 */
#ifndef OR_DATASET_H
#define OR_DATASET_H

#include <sqlite3.h>
#include <stdint.h>

#include "dataset/cursor.h"
#include "dataset/rows.h"
#include "dataset/sqllimit.h"
#include "outreport/plugin.h"

struct or_dataset;
struct or_table_writer;

/** @brief Open an empty in-memory dataset.  Owned; free with or_dataset_free(). */
or_status or_dataset_new(struct or_dataset **out, char *err, size_t errlen);

/**
 * @brief Open the dataset file @p path, creating it (NULL: the private
 * temporary database of or_dataset_new()).  A batch fetches its sources into
 * one such file, which its jobs then copy their tables from.  Owned; free
 * with or_dataset_free().
 */
or_status or_dataset_open(const char *path, struct or_dataset **out, char *err, size_t errlen);

/** @brief Close; NULL is a no-op. */
void or_dataset_free(struct or_dataset *ds);

/**
 * @brief Make table @p to of @p ds a copy of table @p from, with the same
 * columns and declared types (@p to is replaced): a table of @p ds itself
 * when @p path is NULL, else of the dataset file @p path, attached
 * read-only for the copy.  That file must not change meanwhile (no locks
 * are taken: a batch's jobs copy from it at once).
 * @return OR_OK, or OR_ERR_DATASET with @p err set (no such table or file).
 */
or_status or_dataset_copy_table(struct or_dataset *ds, const char *path, const char *from,
                                const char *to, char *err, size_t errlen);

/** @brief The SQLite handle.  Borrowed. */
sqlite3 *or_dataset_db(struct or_dataset *ds);

/**
 * @brief Limit what the statements of this dataset's cursors may cost
 * (sqllimit.h): a statement over its time fails its step with
 * or_cursor_error() saying so.  Call before any cursor is stepped.
 */
void or_dataset_set_limits(struct or_dataset *ds, const struct or_sql_limits *lim);

/** @brief The limits set (zeros when none).  Borrowed. */
const struct or_sql_limits *or_dataset_limits(const struct or_dataset *ds);

/** @brief The clock that times the cursors' statements (query.c).  Borrowed. */
struct or_sql_clock *or_dataset_clock(struct or_dataset *ds);

/** @brief The SQL type name used for @p t ("TEXT", "INTEGER", "REAL", "BOOL", "TIME"). */
const char *or_type_sql(enum or_type t);

/** @brief The ::or_type of a declared SQL type (NULL or unknown → TEXT/INT/REAL by affinity). */
enum or_type or_type_from_decl(const char *decl);

/** @brief The lower-case name of a type ("text", "int", "real", "bool", "time"). */
const char *or_type_name(enum or_type t);

/**
 * @brief Start writing table @p table (dropped and recreated) with @p schema.
 * Opens a transaction.  The schema is borrowed and may grow (dynamic
 * columns): the writer adds columns as rows use them.
 */
or_status or_table_writer_open(struct or_dataset *ds, const char *table, struct or_schema *schema,
                               struct or_table_writer **out, char *err, size_t errlen);

/** @brief Insert every row of @p rows. */
or_status or_table_writer_write(struct or_table_writer *w, const struct or_rows *rows, char *err,
                                size_t errlen);

/** @brief Rows inserted so far. */
int64_t or_table_writer_count(const struct or_table_writer *w);

/**
 * @brief Commit (when @p commit) or roll back, and free the writer.  NULL is a no-op.
 * @return OR_OK or OR_ERR_DATASET.
 */
or_status or_table_writer_close(struct or_table_writer *w, int commit, char *err, size_t errlen);

/**
 * @brief Prepare a cursor over @p sql.  Column types come from the declared
 * types of the table columns the query selects, or @p types when given.
 * Owned; free with or_cursor_free() (cursor.h).
 */
or_status or_cursor_new(struct or_dataset *ds, const char *sql, const enum or_type *types,
                        size_t ntypes, struct or_cursor **out, char *err, size_t errlen);

/**
 * @brief The underlying statement, to bind parameters before the first step.
 * Borrowed.  NULL for a cursor made by or_cursor_share().
 */
sqlite3_stmt *or_cursor_stmt(struct or_cursor *c);

/** @brief Number of result columns, and their types. */
size_t or_cursor_ncols(const struct or_cursor *c);
enum or_type or_cursor_type(const struct or_cursor *c, size_t col);
const char *or_cursor_name(const struct or_cursor *c, size_t col);

/**
 * @brief Nonzero when column @p col has no declared type (an expression such
 * as count(*)): its ::or_type then follows each value stepped.
 */
int or_cursor_untyped(const struct or_cursor *c, size_t col);

/**
 * @brief Read every row of @p c into memory when there are at most
 * @p max_rows of them taking at most @p max_bytes (values plus text).
 *
 * Steps the statement from its first row.  When all rows fit, *@p nrows
 * is their number and from then on the cursor serves them from memory (the statement
 * is reset and never stepped again; rewinding is free) with the same values
 * and types stepping would give.  When they do not fit, *@p nrows is -1,
 * nothing is kept and the cursor is rewound (the rows stepped so far are
 * wasted work, so callers keep @p max_rows small).  A buffered cursor is
 * buffered again at no cost.
 * @return OR_OK, or OR_ERR_DATASET with @p err set when a step fails.
 */
or_status or_cursor_buffer(struct or_cursor *c, size_t max_rows, size_t max_bytes, int64_t *nrows,
                           char *err, size_t errlen);

/**
 * @brief Another cursor over the rows @p c has buffered, with a position of
 * its own, so that two threads can each step one.  Owned; free with
 * or_cursor_free() (before or after @p c: the rows are reference-counted).
 * @return NULL when @p c is not buffered.
 */
struct or_cursor *or_cursor_share(struct or_cursor *c);

/**
 * @brief Step @p c on a thread of its own from now on, a few hundred rows
 * ahead of the thread that uses it, which then spends its time on the rows
 * rather than on SQLite.  Stepping starts at once (a sort, say, proceeds while
 * the user does other work); rewinding before the first row keeps what was
 * stepped, rewinding later starts over, as without.  Rows, types, errors and
 * the lifetime of text are as without.  Does nothing for a buffered cursor,
 * or when the connection is not serialized (then no other thread may step
 * it).  The cursor itself is still used by one thread at a time.
 */
void or_cursor_read_ahead(struct or_cursor *c);

/**
 * @brief Index table @p table of the main database on @p cols (NULL-
 * terminated), each descending where @p desc says so, unless such an index
 * exists already.  A query whose ORDER BY names these columns in this order
 * and directions then walks the index forwards instead of sorting every row,
 * and returns rows with equal keys in the order the sort does (insertion
 * order).  Other queries may be planned with it too, and return rows in
 * another order then (walked backwards, equal keys come out reversed).
 * @param name receives the index's name, owned (g_free()), on OR_OK; else NULL.
 * @return OR_OK, or OR_ERR_DATASET with @p err set.
 */
or_status or_dataset_index(struct or_dataset *ds, const char *table, const char *const *cols,
                           const int *desc, char **name, char *err, size_t errlen);

/** @brief Drop the index called @p name, if there is one. */
or_status or_dataset_drop_index(struct or_dataset *ds, const char *name, char *err, size_t errlen);

/**
 * @brief Count the rows of @p table into *@p n.
 * @return OR_OK, or OR_ERR_DATASET (no such table) with @p err set.
 */
or_status or_dataset_count(struct or_dataset *ds, const char *table, int64_t *n, char *err,
                           size_t errlen);

#endif

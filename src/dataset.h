/* SPDX-License-Identifier: MIT */
/**
 * @file dataset.h
 * @brief The dataset: a private temporary SQLite database, one table per source.
 *
 * Core only.  Column types map to declared SQL types TEXT, INTEGER, REAL,
 * BOOL (0/1) and TIME (Unix seconds, UTC); the declared type is how a result
 * column's ::or_type is recovered later.  Rows arrive as ::or_rows buffers
 * and are inserted with one prepared statement inside one transaction per
 * table.  Cursors hand query results to renderers one row at a time.
 */
#ifndef OR_DATASET_H
#define OR_DATASET_H

#include <sqlite3.h>
#include <stdint.h>

#include "outreport/plugin.h"
#include "rows.h"

struct or_dataset;
struct or_table_writer;

/** @brief Open an empty in-memory dataset.  Owned; free with or_dataset_free(). */
or_status or_dataset_new(struct or_dataset **out, char *err, size_t errlen);

/** @brief Close; NULL is a no-op. */
void or_dataset_free(struct or_dataset *ds);

/** @brief The SQLite handle.  Borrowed. */
sqlite3 *or_dataset_db(struct or_dataset *ds);

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
 * Owned; free with or_cursor_free().
 */
or_status or_cursor_new(struct or_dataset *ds, const char *sql, const enum or_type *types,
                        size_t ntypes, struct or_cursor **out, char *err, size_t errlen);

/** @brief The underlying statement, to bind parameters before the first step.  Borrowed. */
sqlite3_stmt *or_cursor_stmt(struct or_cursor *c);

/** @brief Number of result columns, and their types. */
size_t or_cursor_ncols(const struct or_cursor *c);
enum or_type or_cursor_type(const struct or_cursor *c, size_t col);
const char *or_cursor_name(const struct or_cursor *c, size_t col);

/** @brief Free; NULL is a no-op. */
void or_cursor_free(struct or_cursor *c);

/** @brief Fill the cursor members of a host table. */
void or_cursor_bind_host(struct or_host *h);

/** @brief Count rows of a table (-1 on error). */
int64_t or_dataset_count(struct or_dataset *ds, const char *table);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file store_impl.h
 * @brief Inside the store: the backend interface that SQLite
 * (store_sqlite.c) and PostgreSQL (store_pg.c) implement, and what the
 * shared code (store.c, store_put.c, store_load.c) keeps per store.
 *
 * One SQL text serves both backends wherever it can: parameters are
 * written `$1`, `$2`... (SQLite reads them as named parameters, libpq as
 * positional ones), upserts are `INSERT ... ON CONFLICT ... DO UPDATE`.
 * What differs is behind the ops: column types, how a typed value is
 * written and read back, transactions, locks and bulk writes.
 */
#ifndef OR_STORE_IMPL_H
#define OR_STORE_IMPL_H

#include <glib.h>

#include "store/store.h"

/** Receives one result row: @p vals has as many values as the query has columns. */
typedef or_status or_store_row_fn(void *ud, const struct or_value *vals, size_t n, char *err,
                                  size_t errlen);

/** A bulk writer into one table (the backend's own). */
struct or_store_writer;

/** What a backend does.  Every member MUST be set. */
struct or_store_ops {
    const char *kind; /**< "sqlite", "postgresql" */
    /** Close the connection and free the backend's state (not @p s). */
    void (*close)(struct or_store *s);
    /** Run SQL without parameters or results (DDL, BEGIN, COMMIT). */
    or_status (*exec)(struct or_store *s, const char *sql, char *err, size_t errlen);
    /**
     * Run @p sql with @p nparams text parameters (NULL: SQL NULL) and call
     * @p fn per row with values typed by @p types (@p ntypes result columns;
     * time columns must be selected through read_expr()).
     */
    or_status (*query)(struct or_store *s, const char *sql, const char *const *params,
                       size_t nparams, const enum or_type *types, size_t ntypes,
                       or_store_row_fn *fn, void *ud, char *err, size_t errlen);
    /** Begin a write transaction (SQLite: BEGIN IMMEDIATE, waiting for readers' locks). */
    or_status (*begin)(struct or_store *s, char *err, size_t errlen);
    /** Take / release the writer lock held across transactions. */
    or_status (*lock)(struct or_store *s, char *err, size_t errlen);
    void (*unlock)(struct or_store *s);
    /** The declaration of an auto-numbered primary key column. */
    const char *serial_pk;
    /** The column type to declare for @p t. */
    const char *(*type_sql)(enum or_type t);
    /** The select-list expression reading column @p quoted of type @p t as or_query wants it. */
    char *(*read_expr)(enum or_type t, const char *quoted);
    /**
     * Column names of @p table into @p names (g_free'd strings) and, when
     * @p types is not NULL, their enum or_type into @p types; none when the
     * table does not exist.
     */
    or_status (*columns)(struct or_store *s, const char *table, GPtrArray *names, GArray *types,
                         char *err, size_t errlen);
    /**
     * Start upserting rows into @p table: @p n columns @p cols of @p types,
     * the first two (or_stream, or_key) being the conflict key.  Inside a
     * transaction begun by begin().
     */
    or_status (*writer_open)(struct or_store *s, const char *table, const char *const *cols,
                             const enum or_type *types, size_t n, struct or_store_writer **out,
                             char *err, size_t errlen);
    /** One row of values, in column order. */
    or_status (*writer_row)(struct or_store_writer *w, const struct or_value *vals, char *err,
                            size_t errlen);
    /**
     * The database file when the dataset (SQLite) can read the store directly
     * (ATTACH): a load is then one INSERT ... SELECT; NULL otherwise.
     */
    const char *(*file)(struct or_store *s);
    /** Finish: everything written is in the table (still inside the transaction); frees @p w. */
    or_status (*writer_close)(struct or_store_writer *w, int ok, char *err, size_t errlen);
};

/** A store: the backend and what is shared. */
struct or_store {
    const struct or_store_ops *ops;
    char *name; /**< URL without password (owned) */
    void *impl; /**< the backend's own state */
    int locked; /**< the writer lock is held */
};

/** @brief Open an SQLite store at @p path into @p s (ops, impl). */
or_status or_store_sqlite_open(struct or_store *s, const char *path, char *err, size_t errlen);

/** @brief Open a PostgreSQL store at the libpq URI @p uri into @p s. */
or_status or_store_pg_open(struct or_store *s, const char *uri, char *err, size_t errlen);

/** What a backend's columns() collects: names, types and how to read a type's name. */
struct or_store_columns {
    GPtrArray *names;                      /**< g_free'd column names */
    GArray *types;                         /**< enum or_type, or NULL: not wanted */
    enum or_type (*type_of)(const char *); /**< the backend's declared type to or_type */
};

/** @brief An or_store_row_fn over (name, declared type) rows into a struct or_store_columns. */
or_status or_store_take_column(void *ud, const struct or_value *vals, size_t n, char *err,
                               size_t errlen);

/** @brief A double-quoted SQL identifier (g_free). */
char *or_store_quote(const char *name);

/** @brief The upsert tail "ON CONFLICT (or_stream, or_key) DO UPDATE SET c = excluded.c, ..."
 * (g_free). */
char *or_store_upsert_clause(const char *const *cols, size_t n);

/**
 * @brief Append to @p sql an "ALTER TABLE @p qt ADD COLUMN ...;" for each of
 * @p names (of enum or_type @p types) that @p have (an existing table's
 * columns) lacks; nothing when @p have is empty (no table yet).
 */
void or_store_add_columns(const struct or_store *s, const char *qt, const GPtrArray *names,
                          const GArray *types, const GPtrArray *have, GString *sql);

/**
 * @brief The stream's table of dated counter snapshots (or_streams.snapshots)
 * into @p out (g_free; NULL: the stream keeps none).
 */
or_status or_store_snapshot_table(struct or_store *s, int64_t stream, char **out, char *err,
                                  size_t errlen);

/** @brief The local day (YYYY-MM-DD) of instant @p t in @p tz. */
void or_store_local_day(GTimeZone *tz, int64_t t, char out[11]);

/**
 * @brief Inside or_store_put()'s transaction: or_store_counters_ready()
 * without its own transaction.
 */
or_status or_store_counters_prepare(struct or_store *s, int64_t stream, const char *table,
                                    GTimeZone *tz, char *err, size_t errlen);

/**
 * @brief Inside or_store_put()'s transaction, after the rows are stored: they
 * become the snapshot of the local day of @c fetched_at (replacing one taken
 * earlier that day); snapshots of records of those days that the fetch no
 * longer listed are removed with them.
 */
or_status or_store_counters_take(struct or_store *s, const struct or_store_put *p, char *err,
                                 size_t errlen);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file query_impl.h
 * @brief Inside the dataset's cursors (query.c, read_ahead.c, rowbuf.c only).
 *
 * One struct serves the dataset implementation (an SQLite statement,
 * stepped here or by a reader thread) and the buffered one (rows in memory,
 * shared by reference count): or_cursor_buffer() turns the first into the
 * second by switching its ::or_cursor_ops.
 */
#ifndef OR_QUERY_IMPL_H
#define OR_QUERY_IMPL_H

#include <glib.h>
#include <sqlite3.h>
#include <stdint.h>

#include "dataset/cursor.h"
#include "dataset/sqllimit.h"

/* Rows read into memory once (or_cursor_buffer()), shared by the cursors
 * made from it; the last one to let go frees them. */
struct or_rowbuf {
    gint refs;
    size_t nrows;
    struct or_value *vals; /* nrows * ncols, text pointing into chunk */
    GStringChunk *chunk;
};

struct or_reader; /* read_ahead.c */

struct or_query_cursor {
    struct or_cursor base; /* first: the ops say which implementation serves */
    sqlite3_stmt *st;      /* NULL for a copy over buffered rows */
    size_t ncols;
    enum or_type *types;
    unsigned char *untyped; /* expression columns: type follows each value */
    char **names;           /* copies: SQLite frees its own when it re-prepares */
    int done;
    struct or_rowbuf *buf;      /* set while the buffered ops serve */
    size_t pos;                 /* next buffered row */
    int read_ahead;             /* step on a thread of its own (or_cursor_read_ahead()) */
    struct or_reader *reader;   /* that thread while it runs or has rows */
    int64_t used;               /* rows handed out since the statement started over */
    struct or_sql_clock *clock; /* the dataset's, timing the statement; NULL for a copy */
    gint64 spent_us;            /* time inside SQLite since the statement started over */
    char err[OR_ERR_SIZE];      /* why the last step failed (or_cursor_error()) */
};

/** The implementations (query.c, rowbuf.c). */
extern const struct or_cursor_ops or_query_statement_ops;
extern const struct or_cursor_ops or_query_buffered_ops;

/** @brief @p c as a dataset cursor; aborts on a stream's. */
struct or_query_cursor *or_query_of(struct or_cursor *c);

/**
 * @brief One sqlite3_step(), timed by the dataset's clock (sqllimit.h):
 * fills @p row, with @p types the column types (updated for untyped
 * columns).  With the connection's mutex held.  Does not log.
 * @return OR_OK (*@p has_row 1 or 0), or OR_ERR_DATASET when the step failed,
 *         with why in @p err (SQLite's message, or the time limit's).
 */
or_status or_query_step(struct or_query_cursor *c, enum or_type *types, struct or_value *row,
                        int *has_row, char *err, size_t errlen);

/** @brief The statement starts over: its time so far no longer counts. */
void or_query_restart(struct or_query_cursor *c);

/** @brief The error op of both implementations: c->err. */
const char *or_query_error(const struct or_cursor *c);

/** @brief Copy a row's text into @p chunk so that it outlives the step it came from. */
void or_query_keep_text(GStringChunk *chunk, struct or_value *row, size_t ncols);

/** @brief Hand out a kept row, typing untyped columns by their values. */
void or_query_serve_kept(struct or_query_cursor *c, const struct or_value *v, struct or_value *row);

/** @brief Let go of a row buffer; the last reference frees it.  NULL is a no-op. */
void or_rowbuf_unref(struct or_rowbuf *b);

/** @brief Start a reader thread at the statement's position; FALSE when none could start. */
gboolean or_reader_start(struct or_query_cursor *c);

/** @brief Stop and remove the reader with every row it stepped; no reader is a no-op. */
void or_reader_end(struct or_query_cursor *c);

/** @brief The next row from the reader (or_cursor_ops.next's contract). */
or_status or_reader_next(struct or_query_cursor *c, struct or_value *row, int *has_row);

#endif

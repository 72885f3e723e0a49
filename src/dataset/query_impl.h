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
    struct or_rowbuf *buf;    /* set while the buffered ops serve */
    size_t pos;               /* next buffered row */
    int read_ahead;           /* step on a thread of its own (or_cursor_read_ahead()) */
    struct or_reader *reader; /* that thread while it runs or has rows */
    int64_t used;             /* rows handed out since the statement started over */
};

/** The implementations (query.c, rowbuf.c). */
extern const struct or_cursor_ops or_query_statement_ops;
extern const struct or_cursor_ops or_query_buffered_ops;

/** @brief @p c as a dataset cursor; aborts on a stream's. */
struct or_query_cursor *or_query_of(struct or_cursor *c);

/**
 * @brief One sqlite3_step(): fills @p row, with @p types the column types
 * (updated for untyped columns).  Does not log.
 * @return OR_OK (*@p has_row 1 or 0), or OR_ERR_DATASET when the step failed.
 */
or_status or_query_step(struct or_query_cursor *c, enum or_type *types, struct or_value *row,
                        int *has_row);

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

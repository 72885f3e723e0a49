/* SPDX-License-Identifier: MIT */
/**
 * @file cursor.h
 * @brief Result cursors: one interface the core steps, three implementations.
 *
 * Core only.  A cursor hands out the rows of a result one at a time, each
 * as an array of ::or_value (one per column; text borrowed until the next
 * step).  The implementations sit behind one table of functions:
 *
 * - dataset: steps an SQLite statement, optionally on a thread of its own a
 *   few hundred rows ahead (dataset.h: or_cursor_new(), or_cursor_read_ahead());
 * - buffered: serves rows read into memory once (or_cursor_buffer(),
 *   or_cursor_share());
 * - streaming: reads the pages a fetch is still producing (fetch/stream.h).
 *
 * The core steps every kind with or_cursor_next() and or_cursor_rewind();
 * the plugin host table's cursor_next and cursor_rewind forward to them, so
 * renderers step the same functions.
 */
#ifndef OR_CURSOR_H
#define OR_CURSOR_H

#include "outreport/plugin.h"

/** What an implementation provides.  Tables are static const. */
struct or_cursor_ops {
    /**
     * MUST.  Fill @p row with the next row and set *@p has_row to 1, or set
     * it to 0 at the end.  On failure return the error (logged or reported
     * by the implementation); *@p has_row is then 0.
     */
    or_status (*next)(struct or_cursor *c, struct or_value *row, int *has_row);
    /** MUST.  Start over at the first row; OR_OK, or an error when it cannot. */
    or_status (*rewind)(struct or_cursor *c);
    /** MAY.  Free the cursor; NULL when it belongs to another object (a stream's). */
    void (*free)(struct or_cursor *c);
    /**
     * MAY.  Why the last next() or rewind() failed, one line (borrowed until
     * the next call); NULL when an implementation reports its failures itself
     * (a stream's fetch).
     */
    const char *(*error)(const struct or_cursor *c);
};

/** The part every cursor starts with; implementations embed it first. */
struct or_cursor {
    const struct or_cursor_ops *ops; /**< the implementation; never NULL */
};

/**
 * @brief The next row of @p c: *@p has_row is 1 with @p row filled (as many
 * values as the result has columns), 0 at the end.
 * @return OR_OK, or the implementation's error (a failed step, a failed fetch).
 */
or_status or_cursor_next(struct or_cursor *c, struct or_value *row, int *has_row);

/** @brief Rewind @p c to its first row. */
or_status or_cursor_rewind(struct or_cursor *c);

/**
 * @brief Why the last or_cursor_next() or or_cursor_rewind() of @p c
 * failed ("the statement ran longer than 60 s ([report] sql_timeout_s)"),
 * or NULL when the implementation reported it itself.  Borrowed.
 */
const char *or_cursor_error(const struct or_cursor *c);

/**
 * @brief Free a cursor made by or_cursor_new() or or_cursor_share() (NULL
 * is a no-op).  A stream's cursor belongs to its stream: this leaves it alone.
 */
void or_cursor_free(struct or_cursor *c);

#endif

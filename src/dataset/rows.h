/* SPDX-License-Identifier: MIT */
/**
 * @file rows.h
 * @brief The row buffer behind the host's table sink (struct or_rows).
 *
 * Core only.  A provider's parse_page fills one ::or_rows per page through
 * the host functions (row_begin, set_*, row_end); the fetch loop then
 * inserts the buffered rows into the dataset in page order, so pages can be
 * parsed out of order or on other threads.  Values are stored as (column,
 * value) entries, text in one arena, so a page costs a handful of
 * allocations whatever its size.  NULL rules (DESIGN.md §6) live here:
 * NULL or empty text is stored as NULL.
 *
 * Threads: pages are parsed concurrently, each into its own ::or_rows, and
 * share one ::or_schema.  While parsing, a page reads only what never
 * changes (the declared columns); a column it discovers (rows_column) is
 * recorded in the page itself, under an index past the declared ones.  The
 * thread that writes pages settles each page's columns into the schema,
 * in page order, with or_rows_settle(): the schema grows on that thread
 * alone, and the columns come out in the same order however the pages
 * were parsed.
 */
#ifndef OR_ROWS_H
#define OR_ROWS_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

struct or_schema;

/** One set value of a row. */
struct or_cell {
    uint32_t col;    /**< column index */
    uint8_t type;    /**< enum or_type of the value */
    int64_t i;       /**< INT, BOOL, TIME */
    double r;        /**< REAL */
    size_t text_off; /**< TEXT: offset into the arena */
    size_t text_len; /**< TEXT: length, excluding the NUL kept after it */
};

/** A page worth of rows. */
struct or_rows {
    struct or_cell *cells;
    size_t ncells, cap_cells;
    size_t *row_start; /**< index of each row's first cell; row r spans [row_start[r],
                          row_start[r+1]) */
    size_t nrows, cap_rows;
    char *arena;
    size_t arena_len, arena_cap;
    int in_row;
    or_status failed;               /**< sticky: a setter failed (NOMEM: the page is lost) */
    const struct or_schema *schema; /**< borrowed; only its declared part is read here */
    size_t nfixed;                  /**< the schema's declared columns */
    size_t ncols;                   /**< columns a cell may use: declared, then found */
    char **found;                   /**< columns this page discovered (owned names) */
    enum or_type *found_types;      /**< their types, as first asked for */
    size_t nfound, cap_found;
};

/**
 * Columns a table keeps at most, declared and discovered: SQLite allows 2000
 * in a table and in a result, and a template may join two such tables.  A
 * column discovered beyond it is dropped with its values (the source goes on).
 */
#define OR_SCHEMA_MAX_COLUMNS 1000

/** Names of dropped columns a schema keeps to list in its warning. */
#define OR_SCHEMA_DROPPED_LISTED 20

/**
 * Schema of a table being fetched: declared columns plus discovered ones.
 * The declared part (declared, fixed, dynamic) never changes after
 * or_schema_new(); cols, ncols and the dropped columns change on the
 * writing thread only.
 */
struct or_schema {
    struct or_column *cols; /**< names owned (strdup'd) */
    size_t ncols;
    size_t fixed;                /**< columns declared by the endpoint */
    int dynamic;                 /**< columns may be added */
    const char *const *declared; /**< names of the fixed columns, never moved (owned) */
    GHashTable *dropped;      /**< names of columns dropped past OR_SCHEMA_MAX_COLUMNS, or NULL */
    GPtrArray *dropped_first; /**< the first OR_SCHEMA_DROPPED_LISTED of them, in order found */
};

/** @brief Build a schema from an endpoint's declared columns.  Owned; free with or_schema_free().
 */
struct or_schema *or_schema_new(const struct or_column *const *cols, size_t ncols, int dynamic);

/** @brief Free; NULL is a no-op. */
void or_schema_free(struct or_schema *s);

/** @brief Find a column by name; -1 if absent. */
long or_schema_find(const struct or_schema *s, const char *name);

/**
 * @brief "N columns past the limit of 1000 dropped: a, b, ... (and M more)"
 * when or_rows_settle() dropped any, else NULL.  Owned (g_free()).
 */
char *or_schema_dropped_text(const struct or_schema *s);

/** @brief Initialise an empty buffer bound to @p schema (borrowed). */
void or_rows_init(struct or_rows *rows, const struct or_schema *schema);

/**
 * @brief Add the columns @p rows discovered to @p schema (the one it is
 * bound to) and renumber its cells to the schema's indices.  Call on the
 * one thread that writes pages, in page order, before writing @p rows.
 * A page that discovered nothing costs nothing.  Columns that would take
 * the schema past OR_SCHEMA_MAX_COLUMNS are not added: their cells leave
 * the page, and the schema remembers their names (or_schema_dropped_text()).
 */
void or_rows_settle(struct or_rows *rows, struct or_schema *schema);

/** @brief Release the buffer's memory (the struct itself is the caller's). */
void or_rows_release(struct or_rows *rows);

/** @brief Empty the buffer (and forget the columns it found), keeping its memory. */
void or_rows_reset(struct or_rows *rows);

/** @brief Fill the row-sink members of a host table. */
void or_rows_bind_host(struct or_host *h);

#endif

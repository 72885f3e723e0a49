/* SPDX-License-Identifier: MIT */
/**
 * @file orp_cells.h
 * @brief Per-page state of a provider's row writer.
 *
 * Values of unexpected type become NULL and set a warning bit (or add a
 * field name), so a page logs one warning naming the fields instead of one
 * line per row.  Text that must be rewritten (lower-cased, joined) goes
 * through one scratch buffer per page, so nothing allocates per row.  The
 * struct lives on the stack of parse_page.
 */
#ifndef ORP_CELLS_H
#define ORP_CELLS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outreport/plugin.h"

#pragma GCC visibility push(hidden)

/** Most warning bits a page can have. */
#define ORP_CELLS_MAX_BITS 64

/** Per-page state of the row writer; fill it with orp_cells_init. */
struct orp_cells {
    const struct or_host *h;   /**< borrowed host */
    struct or_rows *rows;      /**< borrowed sink of this page */
    const char *const *fields; /**< JSON field name of each warning bit (static) */
    size_t nfields;            /**< number of entries in fields (at most 64) */
    unsigned int_rules;        /**< ORP_INT_* rules of orp_int (orp_number.h); 0 at init */
    const void *user;          /**< the provider's context of the page (borrowed), NULL at init */
    uint64_t bad;              /**< bit i set: fields[i] had an unexpected type */
    long nbad;                 /**< number of values of unexpected type */
    int nomem;                 /**< nonzero: the scratch buffer could not grow */
    char where[192];           /**< start of the warning, e.g. "call-log page 3" */
    char names[400];           /**< other field names to warn about, ", "-separated */
    char *heap;                /**< owned scratch buffer, or NULL */
    size_t heapcap;            /**< capacity of heap */
    char small[512];           /**< scratch used while values are short */
};

/**
 * @brief Start a page.
 * @param fields names the warning bits (borrowed, static); at most 64 are used.
 * @param where_fmt printf format of the warning's start, e.g. "%s page %ld".
 */
void orp_cells_init(struct orp_cells *c, const struct or_host *h, struct or_rows *rows,
                    const char *const *fields, size_t nfields, const char *where_fmt, ...)
    __attribute__((format(printf, 6, 7)));

/**
 * @brief End a page: log "WHERE: N value(s) of unexpected JSON type stored
 * as NULL: FIELDS" once if any value had an unexpected type, and free the
 * scratch buffer.  Safe to call twice.
 * @return OR_OK, or OR_ERR_NOMEM with "WHERE: out of memory for a text
 * value" in @p err if scratch space ran out.
 */
or_status orp_cells_finish(struct orp_cells *c, char *err, size_t errlen);

/** @brief Record a value of unexpected type for warning bit @p bit. */
void orp_cells_bad(struct orp_cells *c, unsigned bit);

/**
 * @brief Record a value of unexpected type in the field named @p name (for
 * fields discovered at run time); the names list ends in "..." when full.
 */
void orp_cells_bad_name(struct orp_cells *c, const char *name);

/** @brief A buffer of at least @p n bytes, valid until the next call; NULL when out of memory. */
char *orp_cells_scratch(struct orp_cells *c, size_t n);

/** Writes the columns of one row from JSON object @p row (between row_begin and row_end). */
typedef void orp_row_fn(struct orp_cells *c, const json_t *row);

/**
 * @brief Write every element of array @p data as a row through @p fn, then
 * finish the page (orp_cells_finish, also on failure).  Elements that are
 * not objects are skipped with a warning on bit @p row_bit.
 * @return OR_OK; the sink's error with "row sink refused row I" in @p err;
 * or OR_ERR_NOMEM from orp_cells_finish.
 */
or_status orp_cells_write(struct orp_cells *c, const json_t *data, unsigned row_bit, orp_row_fn *fn,
                          char *err, size_t errlen);

#pragma GCC visibility pop

#endif /* ORP_CELLS_H */

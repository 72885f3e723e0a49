/* SPDX-License-Identifier: MIT */
/**
 * @file orp_set.h
 * @brief JSON values to typed columns under the rules of DESIGN.md §6.
 *
 * Missing, null, {}, [] and "" become NULL: the column is simply not set
 * (row_begin starts every column NULL).  A value of an unexpected type also
 * becomes NULL and records warning bit @p bit in the page's ::orp_cells.
 */
#ifndef ORP_SET_H
#define ORP_SET_H

#include <stddef.h>

#include <jansson.h>

#include "orp_cells.h"

#pragma GCC visibility push(hidden)

/** @brief Nonzero if @p v counts as absent: missing (NULL), null, {}, [] or "". */
int orp_is_empty(const json_t *v);

/**
 * @brief @p v when it is a non-empty object; NULL when absent or empty, and
 * NULL plus a warning on bit @p bit when of another type.
 */
const json_t *orp_object_value(struct orp_cells *c, const json_t *v, unsigned bit);

/** @brief orp_object_value of member @p key of @p obj. */
const json_t *orp_object(struct orp_cells *c, const json_t *obj, const char *key, unsigned bit);

/** @brief Text column from a string.  @return 1 if the column was set. */
int orp_text(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/**
 * @brief Text column for identifiers and phone numbers: a string, or an
 * integer written in decimal (vendors send those as numbers now and then).
 */
void orp_id(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Text column from a string, ASCII lower-cased (e-mail addresses). */
void orp_text_lower(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/**
 * @brief Text column from a string trimmed of blanks; all blanks is NULL.
 * @return 1 if the column was set.
 */
int orp_text_trimmed(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/**
 * @brief Text column "first last" from two name parts, each trimmed; one
 * alone is fine.  Parts of unexpected type warn on bit @p bit and count as
 * absent.
 * @return 1 if either part was present (the column is set unless scratch
 * space ran out), 0 if neither.
 */
int orp_full_name(struct orp_cells *c, size_t col, const json_t *first, const json_t *last,
                  unsigned bit);

/** @brief Int column from orp_int_value under the page's `int_rules`. */
void orp_int(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Real column from a number or decimal text (orp_number_text). */
void orp_real(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Bool column from true/false, 0/1 or "true"/"false" (any case). */
void orp_bool(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Time column from an ISO 8601 string, via the host's parser. */
void orp_time(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

#pragma GCC visibility pop

#endif /* ORP_SET_H */

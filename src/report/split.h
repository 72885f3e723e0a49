/* SPDX-License-Identifier: MIT */
/**
 * @file split.h
 * @brief `--split-by COLUMN`: one document per value from one fetch (core only).
 *
 * The first column named is where the values come from (every source table
 * that has it); every source table having any of the named columns is then
 * filtered on it for each value.  `--split-by rep_email,sender_email` splits
 * calls by rep_email and e-mails by sender_email with the same values.
 * Filtering works by TEMP views that shadow the source tables by name, so
 * the template's SQL runs unchanged.
 */
#ifndef OR_SPLIT_H
#define OR_SPLIT_H

#include <glib.h>

#include "dataset/dataset.h"
#include "report/template.h"

/**
 * @brief The distinct non-NULL values of the first of @p cols over the
 * template's source tables, sorted.  @p out gets an owned array of owned
 * strings: g_ptr_array_free(out, TRUE) frees both.
 * @return OR_OK, or OR_ERR_INVALID when no source table has the column.
 */
or_status or_split_values(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
                          GPtrArray **out, char *err, size_t errlen);

/** @brief Shadow every source table having one of @p cols by a view keeping only @p value. */
or_status or_split_apply(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
                         const char *value, char *err, size_t errlen);

/** @brief Drop the views of or_split_apply(). */
void or_split_clear(struct or_dataset *ds, const struct or_template *tpl);

/** @brief A file-name-safe form of @p value ("Zoë.Müller@x.example" → "zoe-muller-x.example").
 * Owned: g_free(). */
char *or_split_slug(const char *value);

#endif

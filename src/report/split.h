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
 * A split run as the evaluation sees it (evaluate.h).  Borrowed members.
 * In the roll-up of a split run @c value and @c label are NULL.
 */
struct or_split {
    char *const *cols; /**< the --split-by columns, NULL-terminated */
    const char *value; /**< this document set's value, or NULL: the roll-up */
    const char *label; /**< who it is for ("Zoë Müller"), or the value */
};

/** @brief The first of @p cols that table @p alias has (borrowed from @p cols), or NULL. */
const char *or_split_column_of(sqlite3 *db, const char *alias, char *const *cols);

/**
 * @brief The distinct non-NULL values of the first of @p cols over the
 * template's source tables of the report's periods (current and previous;
 * those of a period of their own only when no other has the column), sorted;
 * an empty value too (job/split_plan.h refuses it).  @p out gets an owned
 * array of owned strings: g_ptr_array_free(out, TRUE) frees both.
 * @return OR_OK, or OR_ERR_INVALID when no source table has the column.
 */
or_status or_split_values(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
                          GPtrArray **out, char *err, size_t errlen);

/**
 * @brief The column naming each split's person: @p wanted (--split-label),
 * else the name column matching the first of @p cols (rep_email and rep_id
 * -> rep_name), among the source tables that have that first column.
 * *@p out: owned (g_free()), or NULL when there is no default: splits are
 * then named by their values.
 * @return OR_OK, or OR_ERR_INVALID when @p wanted is no column of those tables.
 */
or_status or_split_label_column(struct or_dataset *ds, const struct or_template *tpl,
                                char *const *cols, const char *wanted, char **out, char *err,
                                size_t errlen);

/**
 * @brief The label of each of @p values: the most frequent non-NULL
 * @p label_col of its rows (the value itself when it has none, or when
 * @p label_col is NULL).  @p out: owned like or_split_values()'s.
 */
or_status or_split_labels(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
                          const char *label_col, const GPtrArray *values, GPtrArray **out,
                          char *err, size_t errlen);

/** @brief Shadow every source table having one of @p cols by a view keeping only @p value. */
or_status or_split_apply(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
                         const char *value, char *err, size_t errlen);

/** @brief Drop the views of or_split_apply(). */
void or_split_clear(struct or_dataset *ds, const struct or_template *tpl);

/** The longest slug (bytes): a file name stays far below 255 bytes. */
#define OR_SPLIT_SLUG_MAX 60

/**
 * @brief A file-name-safe form of @p value ("Zoë.Müller@x.example" →
 * "zoe.muller@x.example"): transliterated to lower-case ASCII letters,
 * digits and "._@", every run of anything else one "-", at most
 * OR_SPLIT_SLUG_MAX bytes; "value" when nothing is left.  Different values
 * can have the same slug (job/split_plan.h makes file names unique).
 * Owned: g_free().
 */
char *or_split_slug(const char *value);

#endif

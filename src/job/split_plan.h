/* SPDX-License-Identifier: MIT */
/**
 * @file split_plan.h
 * @brief The document sets of a split run before any is written: the file
 * names each gets.
 *
 * Core only.  Splits are named after their label's slug (or_split_slug());
 * when two or more share a slug, which also covers names that differ only
 * by accents or case (Zoë, Zoe, zoe) and names whose unsafe characters map
 * to the same safe ones (a/b@, a-b@, a b@), each of them gets "-" and the
 * first 8 hex digits of its value's SHA-256 appended: a suffix that stays
 * the same from run to run whatever the other values are.  Finally no file
 * of a split may have the name (compared case-insensitively) of any file of
 * the roll-up or an earlier split; one that would gets "-2", "-3"... too.
 */
#ifndef OR_SPLIT_PLAN_H
#define OR_SPLIT_PLAN_H

#include <glib.h>

#include "report/template.h"

/** One value of the split column and what becomes of it. */
struct or_split_doc {
    const char *value; /**< borrowed from the values given to or_split_plan_new() */
    char *label;       /**< whom it is for, control characters replaced by spaces (owned) */
    char *suffix;      /**< the file name suffix, "-zoe-muller" (owned); NULL when skipped */
    char *skipped;     /**< why the value has no documents (owned), or NULL */
};

/** What the file names and the checks depend on.  All borrowed. */
struct or_split_naming {
    const struct or_template *tpl; /**< its name is the file names' stem; its sections */
    char *const *formats;          /**< the formats written, NULL-terminated */
};

/**
 * @brief Name the document sets of @p values.
 * @param labels the label of each value (or_split_labels()), same order.
 * @return An array of ::or_split_doc, one per value in order; free it with
 *         or_split_plan_free().
 */
GArray *or_split_plan_new(const struct or_split_naming *n, const GPtrArray *values,
                          const GPtrArray *labels);

/** @brief Free what or_split_plan_new() returned; NULL is a no-op. */
void or_split_plan_free(GArray *plan);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file split_plan.h
 * @brief The document sets of a split run before any is written: which
 * values can have one, and the file names each gets.
 *
 * Core only.  One value that cannot be written or mailed never stops the
 * others: each value is vetted on its own, and a bad one (empty, a control
 * character, longer than OR_SPLIT_VALUE_MAX bytes, not UTF-8, or, when
 * --mail-to {COLUMN} mails it, not one e-mail address) is skipped with the
 * reason.  The others are named after their label's slug (or_split_slug());
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

/** The longest split value (bytes): the longest e-mail address (RFC 5321). */
#define OR_SPLIT_VALUE_MAX 254

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
    const GPtrArray *mail_to;      /**< the job's recipients: {COLUMN} mails each value */
};

/**
 * @brief Vet @p values and name their document sets.
 * @param labels the label of each value (or_split_labels()), same order.
 * @return An array of ::or_split_doc, one per value in order; free it with
 *         or_split_plan_free().
 */
GArray *or_split_plan_new(const struct or_split_naming *n, const GPtrArray *values,
                          const GPtrArray *labels);

/** @brief Free what or_split_plan_new() returned; NULL is a no-op. */
void or_split_plan_free(GArray *plan);

/**
 * @brief @p value as one line of a message: in double quotes, a quote,
 * backslash, tab, CR and LF escaped as in C, other control characters and
 * bytes that are not UTF-8 as \\xHH, cut after 60 characters with "…" and
 * its length in bytes.  Owned: g_free().
 */
char *or_split_quote(const char *value);

#endif

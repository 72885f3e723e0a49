/* SPDX-License-Identifier: MIT */
/**
 * @file evaluate.h
 * @brief Evaluates a template's sections as SQL over the dataset into the
 * report model (struct or_report) that renderers receive.
 *
 * Core only.  Every statement is prepared inside the read-only sandbox
 * (sqlfuncs.h), must be exactly one read-only statement, and gets its
 * values only through bound parameters: :period_start, :period_end,
 * :prev_start, :prev_end (Unix seconds), :tz (zone name) and :NAME for
 * each variable the template declares (an integer, a number or text).  A section
 * reading a table whose source failed is marked "data unavailable".
 */
#ifndef OR_EVALUATE_H
#define OR_EVALUATE_H

#include <glib.h>

#include "dataset/dataset.h"
#include "outreport/plugin.h"
#include "base/period.h"
#include "report/split.h"
#include "report/template.h"

/** A source that could not be fetched: its alias and why. */
struct or_failed_source {
    const char *alias;
    const char *reason;
};

/** Inputs of an evaluation.  All borrowed; must outlive the evaluation. */
struct or_eval_input {
    const struct or_template *tpl;
    struct or_dataset *ds;
    GTimeZone *tz;
    const char *tz_name;
    const struct or_period *period;   /**< NULL: no period */
    const struct or_period *previous; /**< NULL: no comparison period */
    const struct or_failed_source *failed;
    size_t nfailed;
    const struct or_source_status *sources;
    size_t nsources;
    int64_t generated_at;
    const char *author;
    const struct or_brand *brand; /**< the company's look ([brand]), or NULL */
    const char *locale;           /**< BCP 47 tag of the documents ("de-DE"); NULL: "en" */
    const struct or_locale *loc;  /**< its data (numbers, dates), or NULL: neutral style */
    /** NULL-terminated formats the run renders, or NULL for all.  A table or
     * chart no document shows is only counted: its rows are not read. */
    const char *const *formats;
    /** "KEY=VALUE" values of the template's variables (--var), NULL-terminated, or
     * NULL: the template's defaults.  Bound to :KEY in every statement. */
    const char *const *vars;
    /**
     * A split run (--split-by), or NULL.  With a value, the documents are the
     * split's: each section's scope decides (template.h): "split" sections
     * read the source tables filtered to the value (TEMP views that shadow
     * them, made by the evaluation and dropped by or_eval_free()), "team"
     * sections the whole tables (titled as the team's), "hide" sections are
     * left out; the sources' row counts are the split's own.  SQL gets
     * :split_column and :split_value (NULL in the roll-up).
     */
    const struct or_split *split;
};

struct or_eval;

/**
 * @brief Prepare and evaluate every section into *@p out (owned:
 * or_eval_free(), before the dataset is freed).
 * @return OR_OK, or OR_ERR_INVALID with @p err naming the template file, the
 *         section and the SQL problem.
 */
or_status or_eval_new(const struct or_eval_input *in, struct or_eval **out, char *err,
                      size_t errlen);

/**
 * @brief The report with only the sections shown in @p format ("pdf", "xlsx",
 * "csv").  Owned by the evaluation; valid until or_eval_free().
 *
 * Unless or_eval_prepare_report() built it, the report's results share their
 * cursors with every other such report: step them on one thread only.
 */
const struct or_report *or_eval_report(struct or_eval *ev, const char *format);

/**
 * @brief Build the report for @p format (see or_eval_report()) with cursors
 * of its own: a copy of the rows when the evaluation holds them in memory,
 * else the section's statement prepared once more.  Reports built this way
 * can be rendered at the same time on different threads, one thread per
 * report (the dataset's connection is serialized).  Call from one thread,
 * before rendering starts; a second call for the same format does nothing.
 * @return OR_OK, or OR_ERR_INVALID with @p err naming the template and section.
 */
or_status or_eval_prepare_report(struct or_eval *ev, const char *format, char *err, size_t errlen);

/**
 * @brief For rendering: index each large table that a section whose rows are
 * not in memory lists sorted by plain columns ("ORDER BY started_at"), so
 * that every format's cursor walks the index instead of sorting all rows
 * again.  Only those sections' statements run while documents are rendered;
 * an index that one of them would use without sorting exactly like it is not
 * kept, so every document reads as without.  Row counts, KPIs and rows in
 * memory were evaluated before and are not affected.  Call from one thread
 * before rendering starts; or_eval_drop_indexes() (or or_eval_free()) undoes it.
 * Failing to index is not an error: rendering just sorts.
 */
void or_eval_index_sorts(struct or_eval *ev);

/** @brief Drop the indexes of or_eval_index_sorts(); call after rendering. */
void or_eval_drop_indexes(struct or_eval *ev);

/** @brief The dataset the evaluation reads (its input's).  Borrowed. */
struct or_dataset *or_eval_dataset(const struct or_eval *ev);

/** @brief Every evaluated section, whatever its formats.  Owned by the evaluation. */
const struct or_section *or_eval_sections(const struct or_eval *ev, size_t *n);

/**
 * @brief Whether this document set is not to be mailed: the template's
 * "mail": {"skip_if"} condition (a statement, or an expression run as
 * `SELECT (...)`) is true (a nonzero number) over the evaluation's tables,
 * a split's own rows in a split.  A condition that reads a failed source's
 * (empty) table does not skip: the mail says the source failed.
 * @param skip receives 1 to send no mail, else 0
 * @param why  receives a line for the run's log (owned, g_free()), or NULL
 * @return OR_OK; OR_ERR_INVALID naming the template when the SQL fails.
 */
or_status or_eval_mail_skip(struct or_eval *ev, int *skip, char **why, char *err, size_t errlen);

/** @brief Free; NULL is a no-op. */
void or_eval_free(struct or_eval *ev);

/**
 * @brief Whether every section has a scope that fits a split document of
 * @p in (whose split has a value), without evaluating anything: each
 * statement is only prepared.  Before the roll-up is written, so that a
 * template a split cannot use writes nothing.
 * @return OR_OK, or OR_ERR_INVALID with @p err naming the section.
 */
or_status or_eval_check_split(const struct or_eval_input *in, char *err, size_t errlen);

/**
 * @brief Check template @c in->tpl against the (empty) tables of @c in->ds:
 * every SQL statement prepares with its parameters bound (the variables of
 * @c in->vars, else the template's defaults), every column a chart, KPI,
 * sparkline or format uses has a declared type that fits it, and with
 * @c in->split (may be NULL) every section of a split document has a scope
 * that fits the tables it reads.  Only tpl, ds, tz, vars and split of @p in
 * are read (the zone's name is taken as UTC).  Tables listed in @p lenient
 * (NULL-terminated, may be NULL) have columns discovered at run time:
 * unknown columns there are not errors.
 */
or_status or_eval_check(const struct or_eval_input *in, const char *const *lenient, char *err,
                        size_t errlen);

#endif

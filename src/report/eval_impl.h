/* SPDX-License-Identifier: MIT */
/**
 * @file eval_impl.h
 * @brief Inside the evaluation (evaluate.c, eval_sql.c, eval_report.c,
 * eval_index.c only).
 */
#ifndef OR_EVAL_IMPL_H
#define OR_EVAL_IMPL_H

#include <glib.h>

#include "dataset/sqlfuncs.h"
#include "report/evaluate.h"

/* A result this small is read once into memory during the evaluation and
 * every document is served from there: an aggregate is then computed once,
 * not once for the row count, once more for the column types and again for
 * every format.  A larger one overflows after this many rows are stepped,
 * so the limit also bounds the work wasted on finding that out. */
#define BUFFER_ROWS 10000
#define BUFFER_BYTES ((size_t)16 << 20)

/* What one section owns besides struct or_section itself. */
struct section_state {
    struct or_result result;
    struct or_result_column *cols;
    const struct or_result_column **colp; /* colp[i] is &cols[i]: the ABI's list */
    char **labels;
    struct or_cursor *cursor;
    int buffered; /* the cursor holds every row in memory */
    struct or_chart chart;
    size_t *series;
    struct or_kpi *kpis;
    const struct or_kpi **kpip; /* kpip[i] is &kpis[i] */
    double **sparks;            /* per KPI: its sparkline's values, or NULL */
    char *unavailable;
    char *text;
    enum or_tpl_scope scope; /* in a split document: SPLIT, TEAM or HIDE */
    char *title;             /* a team section's title in a split document */
    char *team_table;        /* a large team section's rows, copied (eval_split.c) */
    enum or_type *types;     /* their column types */
    struct or_cond *conds;   /* per column: its conditional format with the column's range */
};

struct or_eval {
    const struct or_eval_input *in;
    struct or_section *sections;
    struct section_state *state;
    size_t n;
    GHashTable *reports; /* format -> struct or_report * (sections array owned) */
    char *err;
    size_t errlen;
    const struct or_tpl_section *cur; /* for messages */
    const char *const *lenient;       /* or_eval_check: tables with discovered columns */
    struct or_sandbox sandbox;        /* on from the first prepare until or_eval_free() */
    GPtrArray *indexes;               /* what or_eval_index_sorts() made (eval_index.c) */
    int uses_split_value;             /* a statement since the flag was cleared binds it */
    int checking;                     /* or_eval_check(): empty tables, only the schema tells */
    int views;                        /* the split's views shadow the source tables */
    struct or_source_status *sources; /* a split document's sources, with its row counts */
    struct or_eval_pivots *pivots;    /* the template copy pivots are evaluated on, or NULL */
};

/* In a split document (a split run's document set for one value). */
#define OR_EVAL_SPLIT_DOC(ev) ((ev)->in->split != NULL && (ev)->in->split->value != NULL)

/** @brief Fill ev->err naming the template (and section); returns OR_ERR_INVALID. */
or_status or_eval_fail(struct or_eval *ev, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/**
 * @brief The first column of every row of @p sql (at most 520), as numbers:
 * NULL is NaN; a statement of more than one column, or of text that is no
 * number, is an error (or_eval_check_spark()), unless it reads a failed
 * source's table.  *@p values is owned (g_free()).
 */
or_status or_eval_column_values(struct or_eval *ev, const char *sql, const char *what,
                                GPtrArray *tables, double **values, size_t *n);

/** @brief @p sql without trailing semicolons and blanks, so it can be wrapped.  g_free(). */
char *or_eval_trimmed_sql(const char *sql);

/**
 * @brief Prepare one statement in the sandbox (recording the tables it
 * reads into @p tables, may be NULL), check it is a single read, bind its
 * parameters.  @p out: owned (or_cursor_free()).
 * @return OR_OK; OR_ERR_INVALID (ev->err); OR_ERR_UNSUPPORTED when a lenient
 *         check skips it.
 */
or_status or_eval_prepare(struct or_eval *ev, const char *sql, const char *what, GPtrArray *tables,
                          struct or_cursor **out);

/** @brief Whether one of @p tables (may be NULL) is a failed source's. */
int or_eval_reads_failed(const struct or_eval *ev, const GPtrArray *tables);

/**
 * @brief The conditional formats of the columns of @p ss (eval_cond.c):
 * each column's rule, refused on a text or instant column, with the
 * column's smallest and largest value for scales and bars.
 */
or_status or_eval_conds(struct or_eval *ev, const struct or_tpl_section *ts,
                        struct section_state *ss, GPtrArray *tables);

struct or_eval_pivots;

/**
 * @brief Turn the template's pivot sections into tables (eval_pivot.c): ev->in
 * then points at a copy of the input whose template has each pivot's query
 * and columns.  Nothing changes without a pivot.
 * @return OR_OK; OR_ERR_INVALID naming the section (SQL, too many columns).
 */
or_status or_eval_pivots(struct or_eval *ev);

/** @brief Free what or_eval_pivots() made; NULL is a no-op. */
void or_eval_pivots_free(struct or_eval_pivots *pp);

/** @brief Bind the parameters of @p st (:period_start ... :split_value); @p what names it. */
or_status or_eval_bind(struct or_eval *ev, sqlite3_stmt *st, const char *what);

/**
 * @brief The first column of the first row of @p sql as a number; *@p has 0
 * when none.  With @p kpi, a statement that is not one number is an error
 * (or_eval_check_kpi()), unless it reads a failed source's table.
 */
or_status or_eval_single_value(struct or_eval *ev, const char *sql, const char *what,
                               GPtrArray *tables, int kpi, int *has, double *value);

/** @brief The rows @p sql returns, counted without its ORDER BY when it can go. */
or_status or_eval_count_rows(struct or_eval *ev, const char *sql, int64_t *nrows);

/** @brief Whether table @p table of the main database has every column of @p cols. */
int or_eval_columns_of(sqlite3 *db, const char *table, char *const *cols);

/**
 * @brief Whether the section lists rows of one large table sorted by its
 * columns: reading them to find that out would sort every row for nothing.
 */
int or_eval_likely_large(struct or_eval *ev, const struct or_tpl_section *ts, GPtrArray *tables);

/** @brief Whether a document of this run shows the section's rows. */
int or_eval_shown_anywhere(const struct or_eval *ev, const struct or_tpl_section *ts);

/** @brief Free a format's report (the value destroy function of ev->reports). */
void or_eval_free_report(gpointer p);

/**
 * @brief A split document's scope of every section (ev->state[i].scope),
 * from the tables its statements read: an error names a section that would
 * mix the split's rows with the team's (eval_split.c).
 */
or_status or_eval_scopes(struct or_eval *ev);

/** @brief Shadow the source tables by the split's views, and count the split's rows. */
or_status or_eval_split_on(struct or_eval *ev);

/** @brief Drop the views and what the split made (or_eval_free()). */
void or_eval_split_off(struct or_eval *ev);

/**
 * @brief Copy the rows of team section @p i, whose statement would read the
 * views once they are in place, into a table of their own, and read them
 * from there (eval_split.c).
 */
or_status or_eval_materialize(struct or_eval *ev, size_t i);

/**
 * @brief A table's or chart's columns fit their use: a chart series is a
 * number, a format fits its column's declared type and, where the type
 * does not tell (expressions, text dates), its values (eval_check.c).
 * @return OR_OK, or OR_ERR_INVALID naming the section and column.
 */
or_status or_eval_check_result(struct or_eval *ev, const struct or_tpl_section *ts,
                               struct section_state *ss);

/**
 * @brief KPI statement @p c (just prepared; @p what names it) is one number:
 * one column of a numeric type and, unless @p checking, one row whose value
 * is a number.  The cursor is rewound.
 */
or_status or_eval_check_kpi(struct or_eval *ev, const char *what, struct or_cursor *c,
                            int checking);

/**
 * @brief Sparkline statement @p c (just prepared; @p what names it) gives
 * one number per row: one column, of a numeric type where it is declared.
 */
or_status or_eval_check_spark(struct or_eval *ev, const char *what, struct or_cursor *c);

/**
 * @brief Value @p v (row @p row, column @p col) of sparkline @p what as a
 * number in *@p out: NULL is NaN (a gap); with @p check, text that is no
 * number is an error, else NaN too.
 */
or_status or_eval_spark_value(struct or_eval *ev, const char *what, const char *col,
                              const struct or_value *v, size_t row, int check, double *out);

/**
 * @brief After "no such column: X" from @p sql: the column meant, and the
 * columns of each source table @p sql names, appended to @p out.
 */
void or_eval_explain_column(const struct or_eval *ev, const char *sql, const char *msg,
                            GString *out);

/**
 * @brief What the heatmap, combo and stacked area charts add to ss->chart
 * (already holding x and the series): a heatmap's y column, a combo's lines
 * after its bars in ss->series, and whether they get their own axis
 * (eval_chart.c).  Reads the rows (and rewinds) only for that choice.
 * @return OR_OK, or OR_ERR_INVALID naming the key and column.
 */
or_status or_eval_chart_keys(struct or_eval *ev, const struct or_tpl_section *ts,
                             struct section_state *ss);

/** @brief Whether @p name is a column of @p r, its index in *@p index. */
int or_eval_column_index(const struct or_result *r, const char *name, size_t *index);

/** @brief Section @p i's statement prepared again, for a renderer of its own. */
or_status or_eval_reprepare(struct or_eval *ev, size_t i, struct or_cursor **out);

#endif

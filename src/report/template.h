/* SPDX-License-Identifier: MIT */
/**
 * @file template.h
 * @brief Report templates: JSON files declaring sources and SQL sections.
 *
 * Core only.  The format is documented in docs/templates.md.  Loading checks
 * the structure strictly (unknown keys, kinds, formats, chart kinds, missing
 * SQL) and reports the first problem naming the file, the section and the
 * key; SQL is checked later against the real table schemas by or_validate.
 */
#ifndef OR_TEMPLATE_H
#define OR_TEMPLATE_H

#include <stddef.h>

#include "outreport/plugin.h"

/** A source of a template: an alias (the table name in SQL) for an endpoint. */
struct or_tpl_source {
    char *alias;   /**< table name the sections query */
    char *source;  /**< provider.endpoint */
    char **params; /**< "KEY=VALUE" strings (NULL-terminated, may be empty) */
    int previous;  /**< 1: fetched for the comparison period */
    char *period;  /**< a period of its own (e.g. "last-12-weeks", resolved at the day after
                        the report period), or NULL: the report's (or previous) period */
    int required;  /**< 0: a team may not have it; missing credentials skip it */
};

/** Presentation of one result column. */
struct or_tpl_column {
    char *name;            /**< result column name */
    char *label;           /**< header text, or NULL for the name */
    enum or_format format; /**< display format */
    int align;             /**< 0 auto, 1 left, 2 right, 3 centre */
    struct or_cond cond;   /**< conditional format (kind NONE: none); min and max unset */
};

/** A KPI tile: two single-value queries. */
struct or_tpl_kpi {
    char *label;
    char *value_sql;    /**< one row, one column */
    char *previous_sql; /**< or NULL */
    char *spark_sql;    /**< or NULL: one value per row, oldest first, for a sparkline */
    enum or_format format;
    int lower_is_better;
    struct or_cond cond; /**< thresholds colouring the value (kind NONE: none) */
};

/** Which documents of a split run show a section (docs/templates.md, "scope"). */
enum or_tpl_scope {
    OR_SCOPE_DEFAULT = 0, /**< split when every table it reads has the split column, else team */
    OR_SCOPE_SPLIT,       /**< filtered to the split's value */
    OR_SCOPE_TEAM,        /**< unfiltered, labelled as the whole team's */
    OR_SCOPE_HIDE         /**< left out of split documents (the roll-up shows it) */
};

/** How a pivot combines the values of a cell. */
enum or_pivot_agg {
    OR_PIVOT_SUM = 0,
    OR_PIVOT_COUNT,
    OR_PIVOT_AVG,
    OR_PIVOT_MIN,
    OR_PIVOT_MAX,
    OR_PIVOT_AGG_COUNT
};

/**
 * A pivot section ("kind": "pivot"): the query's rows grouped by @c rows
 * down and by the values of @c columns across, each cell the aggregate of
 * @c value.  Evaluated into a table (eval_pivot.c).
 */
struct or_tpl_pivot {
    char *rows;            /**< column whose values are the rows */
    char *columns;         /**< column whose values become the columns */
    char *value;           /**< column aggregated in each cell */
    char *order;           /**< column ordering the columns (min per column value), or NULL:
                                the column values themselves */
    enum or_pivot_agg agg; /**< the aggregate */
    int total;             /**< a total row (a Total column is always there) */
    enum or_format format; /**< of the cells and totals */
    struct or_cond cond;   /**< conditional format of the cells (kind NONE: none) */
};

/** @brief The SQL name of aggregate @p a ("sum", ...). */
const char *or_pivot_agg_name(enum or_pivot_agg a);

/** One section as declared. */
struct or_tpl_section {
    enum or_section_kind kind;
    char *id;
    char *title;
    char *description;
    char *sql;                     /**< TABLE, CHART, TEXT (values for placeholders) */
    char *text;                    /**< TEXT: "Calls: {calls}" placeholders name columns */
    struct or_tpl_column *columns; /**< presentation by column name */
    size_t ncolumns;
    struct or_tpl_kpi *kpis;
    size_t nkpis;
    enum or_chart_kind chart; /**< CHART */
    char *x;                  /**< CHART: category column */
    char **series;            /**< CHART: value columns (NULL-terminated) */
    char *x_label, *y_label;
    int horizontal;
    char *mark;     /**< CHART (trend): column marking the current category, or NULL */
    char *y;        /**< CHART (heatmap): the rows' category column (x: the columns') */
    char **line;    /**< CHART (combo): columns drawn as lines over the bars (NULL-terminated) */
    int secondary;  /**< CHART (combo): -1 as the values say, 0 one axis, 1 the lines' own axis */
    char *y2_label; /**< CHART (combo): title of the lines' own axis, or NULL */
    char **formats; /**< formats that show it (NULL-terminated), NULL = all */
    int landscape;
    enum or_tpl_scope scope;    /**< in split documents */
    struct or_tpl_pivot *pivot; /**< "kind": "pivot" (then kind is TABLE), or NULL; owned */
};

/** A loaded template.  Owned; free with or_template_free(). */
struct or_template {
    char *path; /**< file it came from */
    char *name; /**< base name without .json */
    char *title;
    char *description;
    char *period;   /**< default period, or NULL */
    char *currency; /**< ISO 4217 code of "currency" columns and KPIs, or NULL */
    struct or_tpl_source *sources;
    size_t nsources;
    struct or_tpl_section *sections;
    size_t nsections;
    char *mail_intro;    /**< "mail": {"intro"}: a paragraph above a mail's report, or NULL */
    char *mail_skip_if;  /**< "mail": {"skip_if"}: SQL; true (nonzero) sends no mail, or NULL */
    char **var_names;    /**< declared variables ("vars"), NULL-terminated */
    char **var_defaults; /**< their default values, as text, same order */
};

/**
 * @brief The value of variable @p name: the last "NAME=VALUE" of @p given
 * (NULL-terminated, may be NULL), else the template's default.
 * @return Borrowed from @p given or @p t; NULL when @p t declares no such variable.
 */
const char *or_template_var(const struct or_template *t, const char *const *given,
                            const char *name);

/**
 * @brief Check "NAME=VALUE" strings against the variables @p t declares.
 * @return OR_OK, or OR_ERR_CONFIG naming the first unknown or malformed one.
 */
or_status or_template_check_vars(const struct or_template *t, const char *const *given, char *err,
                                 size_t errlen);

/**
 * @brief @p text with every "{NAME}" of a declared variable replaced by its
 * value (see or_template_var()).  Returns a new string (g_free()).
 */
char *or_template_expand(const struct or_template *t, const char *const *given, const char *text);

/**
 * @brief Find a template: an existing file path as given, else NAME.json in
 * $OUTREPORT_TEMPLATE_PATH (colon-separated), the installed template folder,
 * and the source tree's templates/ (a build tree).  Returns a new string
 * (g_free()) or NULL.
 */
char *or_template_find(const char *name_or_path);

/**
 * @brief Load and structurally check a template file into *@p out (owned:
 * or_template_free()).
 * @return OR_OK, OR_ERR_NOT_FOUND, OR_ERR_PARSE (JSON, with line and column) or
 *         OR_ERR_INVALID (structure), with @p err naming file, section and key.
 */
or_status or_template_load(const char *name_or_path, struct or_template **out, char *err,
                           size_t errlen);

/** @brief Free; NULL is a no-op. */
void or_template_free(struct or_template *t);

/** @brief Whether section @p s shows in @p format ("pdf", "xlsx", "csv"). */
int or_tpl_section_shows_in(const struct or_tpl_section *s, const char *format);

/** @brief Parse a format name ("integer", "percent", ...) into *@p out; 0 if unknown. */
int or_format_parse(const char *s, enum or_format *out);

/** @brief The name of format @p f ("integer", ...). */
const char *or_format_name(enum or_format f);

/** @brief The template's name of chart kind @p k ("heatmap"), "?" for none. */
const char *or_chart_kind_name(enum or_chart_kind k);

/** @brief Whether any column or KPI of @p t is in format @p f. */
int or_template_uses_format(const struct or_template *t, enum or_format f);

#endif

/* SPDX-License-Identifier: MIT */
/* Template mistakes that would give a quiet wrong document: a chart series
 * or KPI that is not a number, a KPI that is not one value, a format that
 * does not fit its column.  A declared column type tells (also when
 * validating, over empty tables); an expression's values tell when it runs. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/cellfmt.h"
#include "base/suggest.h"
#include "report/eval_impl.h"

/* Rows of a result too large to keep in memory that are looked at. */
#define CHECK_ROWS 64

enum need { NEED_NOTHING = 0, NEED_NUMBER, NEED_DATE, NEED_DATETIME };

static int
numeric_format(enum or_format f)
{
    return f == OR_FMT_INTEGER || f == OR_FMT_DECIMAL || f == OR_FMT_PERCENT ||
           f == OR_FMT_DURATION || f == OR_FMT_CURRENCY;
}

static enum need
need_of(enum or_format f)
{
    if (numeric_format(f)) {
        return NEED_NUMBER;
    }
    return f == OR_FMT_DATE ? NEED_DATE : f == OR_FMT_DATETIME ? NEED_DATETIME : NEED_NOTHING;
}

/* Whether text @p s reads as a number. */
static int
text_is_number(const char *s)
{
    char *end = NULL;
    if (s == NULL || *s == '\0' || g_ascii_isspace(*s)) {
        return 0;
    }
    double d = g_ascii_strtod(s, &end);
    return end != NULL && *end == '\0' && isfinite(d);
}

/* Why a column of declared type @p t cannot be shown as @p need, or NULL. */
static const char *
type_misfit(enum or_type t, enum need need)
{
    switch (need) {
    case NEED_NUMBER:
        return t == OR_TYPE_TEXT ? "is text" : t == OR_TYPE_TIME ? "is an instant" : NULL;
    case NEED_DATE:
    case NEED_DATETIME: return t == OR_TYPE_BOOL ? "is a yes/no value" : NULL;
    default: return NULL;
    }
}

/* Whether value @p v (of an expression column, or text) fits @p need. */
static int
value_fits(const struct or_value *v, enum need need)
{
    int parts[6];
    if (v->is_null || v->type != OR_TYPE_TEXT) {
        return v->is_null || need != NEED_NUMBER || v->type != OR_TYPE_TIME;
    }
    if (need == NEED_NUMBER) {
        return text_is_number(v->s);
    }
    return need == NEED_NOTHING || or_cellfmt_parse_date(v->s, need == NEED_DATETIME, parts);
}

/* "format percent needs numbers", "a chart series must be a number". */
static const char *
need_text(enum need need, enum or_format fmt, int series, char *buf, size_t n)
{
    if (series) {
        return "a chart series must be a number";
    }
    snprintf(buf, n, "format %s needs %s", or_format_name(fmt),
             need == NEED_NUMBER ? "numbers"
             : need == NEED_DATE ? "instants or YYYY-MM-DD dates"
                                 : "instants or YYYY-MM-DD HH:MM times");
    return buf;
}

/* What column @p c of the section must hold: a number for a chart series,
 * else what its format reads. */
static enum need
column_need(const struct or_tpl_section *ts, const struct section_state *ss, size_t c, int *series)
{
    *series = 0;
    for (size_t i = 0; ts->kind == OR_SECTION_CHART && i < ss->chart.nseries; i++) {
        *series = *series || ss->chart.series_cols[i] == c;
    }
    return *series ? NEED_NUMBER : need_of(ss->cols[c].format);
}

/* The declared types: what validate can tell over empty tables. */
static or_status
check_declared(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss)
{
    for (size_t c = 0; c < ss->result.ncols; c++) {
        int series = 0;
        enum need need = column_need(ts, ss, c, &series);
        const char *why = or_cursor_untyped(ss->cursor, c)
                              ? NULL
                              : type_misfit(or_cursor_type(ss->cursor, c), need);
        if (why != NULL) {
            char buf[96];
            return or_eval_fail(ev, "column '%s' %s: %s", ss->cols[c].name, why,
                                need_text(need, ss->cols[c].format, series, buf, sizeof(buf)));
        }
    }
    return OR_OK;
}

/* The values of expression and text columns: every row kept in memory, else
 * the first ones. */
static or_status
check_values(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss)
{
    size_t n = ss->result.ncols;
    struct or_value *row = g_new0(struct or_value, n > 0 ? n : 1);
    or_status st = OR_OK;
    int has = 1;
    for (size_t r = 0; st == OR_OK && has && (ss->buffered || r < CHECK_ROWS); r++) {
        if (or_cursor_next(ss->cursor, row, &has) != OR_OK) {
            break; /* reading is the renderers' to report */
        }
        for (size_t c = 0; has && st == OR_OK && c < n; c++) {
            int series = 0;
            enum need need = column_need(ts, ss, c, &series);
            if (need != NEED_NOTHING && !value_fits(&row[c], need)) {
                char buf[96];
                const char *what = row[c].type == OR_TYPE_TIME ? "an instant" : row[c].s;
                st = or_eval_fail(ev, "column '%s' holds '%s' (row %zu): %s", ss->cols[c].name,
                                  what, r + 1,
                                  need_text(need, ss->cols[c].format, series, buf, sizeof(buf)));
            }
        }
    }
    or_cursor_rewind(ss->cursor);
    g_free(row);
    return st;
}

or_status
or_eval_check_result(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss)
{
    int values = 0; /* whether only the values can tell */
    for (size_t c = 0; c < ss->result.ncols; c++) {
        int series = 0;
        enum need need = column_need(ts, ss, c, &series);
        values =
            values || (need != NEED_NOTHING &&
                       (or_cursor_untyped(ss->cursor, c) ||
                        (need != NEED_NUMBER && or_cursor_type(ss->cursor, c) == OR_TYPE_TEXT)));
    }
    or_status st = check_declared(ev, ts, ss);
    if (st == OR_OK && values && !ev->checking && or_eval_shown_anywhere(ev, ts)) {
        st = check_values(ev, ts, ss);
    }
    return st;
}

or_status
or_eval_check_kpi(struct or_eval *ev, const char *what, struct or_cursor *c, int checking)
{
    if (or_cursor_ncols(c) != 1) {
        return or_eval_fail(ev, "%s: returns %zu columns; a KPI is one value (one row, one column)",
                            what, or_cursor_ncols(c));
    }
    if (!or_cursor_untyped(c, 0)) {
        const char *why = type_misfit(or_cursor_type(c, 0), NEED_NUMBER);
        if (why != NULL) {
            return or_eval_fail(ev, "%s: column '%s' %s: a KPI is a number", what,
                                or_cursor_name(c, 0), why);
        }
    }
    if (checking) {
        return OR_OK; /* how many rows there are is for the data to say */
    }
    struct or_value row[1];
    int has = 0, more = 0;
    if (or_cursor_next(c, row, &has) != OR_OK) {
        return OR_OK; /* the caller reports the step's error */
    }
    if (has && row[0].type == OR_TYPE_TEXT && !row[0].is_null && !text_is_number(row[0].s)) {
        return or_eval_fail(ev, "%s: column '%s' holds '%s': a KPI is a number", what,
                            or_cursor_name(c, 0), row[0].s);
    }
    if (has && or_cursor_next(c, row, &more) == OR_OK && more) {
        return or_eval_fail(ev,
                            "%s: returns more than one row; a KPI is one value (add an "
                            "aggregate such as count(*) or sum(), or LIMIT 1)",
                            what);
    }
    if (!has) {
        return or_eval_fail(ev,
                            "%s: returns no row; a KPI is one value (an aggregate such as "
                            "count(*) or sum() always gives one)",
                            what);
    }
    return or_cursor_rewind(c) == OR_OK ? OR_OK : OR_ERR_DATASET;
}

or_status
or_eval_check_spark(struct or_eval *ev, const char *what, struct or_cursor *c)
{
    if (or_cursor_ncols(c) != 1) {
        return or_eval_fail(ev,
                            "%s: returns %zu columns; a sparkline is one number per period (one "
                            "column, a row per period)",
                            what, or_cursor_ncols(c));
    }
    const char *why =
        or_cursor_untyped(c, 0) ? NULL : type_misfit(or_cursor_type(c, 0), NEED_NUMBER);
    if (why != NULL) {
        return or_eval_fail(ev, "%s: column '%s' %s: a sparkline is numbers", what,
                            or_cursor_name(c, 0), why);
    }
    return OR_OK;
}

or_status
or_eval_spark_value(struct or_eval *ev, const char *what, const char *col, const struct or_value *v,
                    size_t row, int check, double *out)
{
    *out = NAN;
    if (v->is_null) {
        return OR_OK;
    }
    if (v->type == OR_TYPE_TEXT) {
        if (text_is_number(v->s)) {
            *out = g_ascii_strtod(v->s, NULL);
        }
        else if (check) {
            return or_eval_fail(ev, "%s: column '%s' holds '%s' (row %zu): a sparkline is numbers",
                                what, col, v->s, row + 1);
        }
        return OR_OK;
    }
    *out = v->type == OR_TYPE_REAL ? v->r : (double)v->i;
    return OR_OK;
}

/* Whether @p sql has @p word as a word of its own. */
static int
names_word(const char *sql, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = strstr(sql, word); p != NULL; p = strstr(p + 1, word)) {
        int before = p == sql || !(g_ascii_isalnum(p[-1]) || p[-1] == '_');
        int after = !(g_ascii_isalnum(p[len]) || p[len] == '_');
        if (before && after) {
            return 1;
        }
    }
    return 0;
}

/* The words of @p sql that name a source table, or the `coverage` table. */
static void
tables_named(const struct or_eval *ev, const char *sql, GPtrArray *out)
{
    for (size_t i = 0; i < ev->in->tpl->nsources; i++) {
        const char *alias = ev->in->tpl->sources[i].alias;
        if (names_word(sql, alias)) {
            g_ptr_array_add(out, (gpointer)alias);
        }
    }
    if (names_word(sql, "coverage")) {
        g_ptr_array_add(out, (gpointer) "coverage");
    }
}

void
or_eval_explain_column(const struct or_eval *ev, const char *sql, const char *msg, GString *out)
{
    const char *miss = strstr(msg, "no such column: ");
    if (miss == NULL) {
        return;
    }
    miss += strlen("no such column: ");
    const char *dot = strrchr(miss, '.');
    const char *col = dot != NULL ? dot + 1 : miss;
    GPtrArray *tables = g_ptr_array_new();
    tables_named(ev, sql, tables);
    sqlite3 *db = or_dataset_db(ev->in->ds);
    for (guint t = 0; t < tables->len; t++) {
        const char *alias = g_ptr_array_index(tables, t);
        char *q = sqlite3_mprintf("SELECT * FROM main.\"%w\"", alias);
        sqlite3_stmt *st = NULL;
        GPtrArray *cols = g_ptr_array_new();
        if (sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK) {
            for (int i = 0; i < sqlite3_column_count(st); i++) {
                g_ptr_array_add(cols, (gpointer)sqlite3_column_name(st, i));
            }
        }
        if (cols->len > 0) {
            char hint[96];
            or_suggest_hint(col, (const char *const *)cols->pdata, cols->len, hint, sizeof(hint));
            g_ptr_array_add(cols, NULL);
            char *list = g_strjoinv(", ", (char **)cols->pdata);
            g_string_append_printf(out, "%s; %s has: %s", hint, alias, list);
            g_free(list);
        }
        g_ptr_array_free(cols, TRUE);
        sqlite3_finalize(st);
        sqlite3_free(q);
    }
    g_ptr_array_free(tables, TRUE);
}

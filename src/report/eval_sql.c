/* SPDX-License-Identifier: MIT */
/* The evaluation's SQL: statements prepared in the sandbox with their
 * parameters bound, single values, row counts. */
#include <stdio.h>
#include <math.h>
#include <string.h>

#include "base/status_str.h"
#include "dataset/sqlfuncs.h"
#include "report/eval_impl.h"

or_status
or_eval_fail(struct or_eval *ev, const char *fmt, ...)
{
    char msg[OR_ERR_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (ev->cur != NULL) {
        or_set_err(ev->err, ev->errlen, "%s: section '%s': %s", ev->in->tpl->path, ev->cur->id,
                   msg);
    }
    else {
        or_set_err(ev->err, ev->errlen, "%s: %s", ev->in->tpl->path, msg);
    }
    return OR_ERR_INVALID;
}

/* The SQL without trailing semicolons and blanks, so it can be wrapped. */
char *
or_eval_trimmed_sql(const char *sql)
{
    char *s = g_strdup(sql);
    size_t n = strlen(s);
    while (n > 0 && (g_ascii_isspace(s[n - 1]) || s[n - 1] == ';')) {
        s[--n] = '\0';
    }
    return s;
}

/* :fetched_at (the earliest fetch of the run's sources) or :fetched_at_ALIAS:
 * 1 and *t (0 when not fetched: NULL), or 0 for an alias the template lacks. */
static int
fetched_at(const struct or_eval_input *in, const char *nm, int64_t *t)
{
    const char *alias = nm[10] == '_' ? nm + 11 : NULL;
    int known = alias == NULL;
    for (size_t i = 0; alias != NULL && i < in->tpl->nsources; i++) {
        known |= strcmp(in->tpl->sources[i].alias, alias) == 0;
    }
    *t = 0;
    for (size_t i = 0; i < in->nsources; i++) {
        const struct or_source_status *s = &in->sources[i];
        if ((alias == NULL || strcmp(s->name, alias) == 0) && s->fetched_at > 0 &&
            (*t == 0 || s->fetched_at < *t)) {
            *t = s->fetched_at;
        }
    }
    return known;
}

/* A variable's value: an integer or a number when it reads as one, else text. */
static void
bind_var(sqlite3_stmt *st, int i, const char *v)
{
    char *end = NULL;
    gint64 n = g_ascii_strtoll(v, &end, 10);
    if (*v != '\0' && *end == '\0') {
        sqlite3_bind_int64(st, i, n);
        return;
    }
    double d = g_ascii_strtod(v, &end);
    if (*v != '\0' && *end == '\0') {
        sqlite3_bind_double(st, i, d);
        return;
    }
    sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
    if (s != NULL) {
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    }
    else {
        sqlite3_bind_null(st, i);
    }
}

or_status
or_eval_bind(struct or_eval *ev, sqlite3_stmt *st, const char *what)
{
    const struct or_eval_input *in = ev->in;
    int n = sqlite3_bind_parameter_count(st);
    for (int i = 1; i <= n; i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        if (name == NULL) {
            return or_eval_fail(ev, "%s: use named parameters (:period_start ...), not '?'", what);
        }
        const char *nm = name + 1;
        if (strcmp(nm, "tz") == 0) {
            sqlite3_bind_text(st, i, in->tz_name, -1, SQLITE_STATIC);
        }
        else if (strcmp(nm, "period_start") == 0 || strcmp(nm, "period_end") == 0) {
            if (in->period == NULL) {
                sqlite3_bind_null(st, i);
            }
            else {
                sqlite3_bind_int64(st, i, nm[7] == 's' ? in->period->start : in->period->end);
            }
        }
        else if (strcmp(nm, "prev_start") == 0 || strcmp(nm, "prev_end") == 0) {
            if (in->previous == NULL) {
                sqlite3_bind_null(st, i);
            }
            else {
                sqlite3_bind_int64(st, i, nm[5] == 's' ? in->previous->start : in->previous->end);
            }
        }
        else if (strcmp(nm, "split_column") == 0) {
            bind_text_or_null(st, i, in->split != NULL ? in->split->cols[0] : NULL);
        }
        else if (strcmp(nm, "split_value") == 0) {
            ev->uses_split_value = 1;
            bind_text_or_null(st, i, in->split != NULL ? in->split->value : NULL);
        }
        else if (or_template_var(in->tpl, in->vars, nm) != NULL) {
            bind_var(st, i, or_template_var(in->tpl, in->vars, nm));
        }
        else if (strncmp(nm, "fetched_at", 10) == 0 && (nm[10] == '\0' || nm[10] == '_')) {
            int64_t t = 0;
            if (!fetched_at(in, nm, &t)) {
                return or_eval_fail(ev, "%s: %s: the template has no source %s", what, name,
                                    nm + 11);
            }
            if (t > 0) {
                sqlite3_bind_int64(st, i, t);
            }
            else {
                sqlite3_bind_null(st, i);
            }
        }
        else {
            return or_eval_fail(ev,
                                "%s: unknown parameter %s (available: :period_start, :period_end, "
                                ":prev_start, :prev_end, :tz, :split_column, :split_value, "
                                ":fetched_at, :fetched_at_ALIAS and the template's vars)",
                                what, name);
        }
    }
    return OR_OK;
}

/* While checking a template, a column missing from a table whose columns
 * come from the data (team_stats) is not an error yet: it may arrive. */
static int
lenient_miss(struct or_eval *ev, const char *sql, const char *msg)
{
    if (ev->lenient == NULL || strstr(msg, "no such column") == NULL) {
        return 0;
    }
    for (const char *const *l = ev->lenient; *l != NULL; l++) {
        if (strstr(sql, *l) != NULL) {
            fprintf(stderr,
                    "outreport: warning: %s: section '%s': %s (table %s gets its columns "
                    "from the data; checked when the report runs)\n",
                    ev->in->tpl->path, ev->cur ? ev->cur->id : "?", msg, *l);
            return 1;
        }
    }
    return 0;
}

/* Prepares one statement in the sandbox, checking it is a single read. */
or_status
or_eval_prepare(struct or_eval *ev, const char *sql, const char *what, GPtrArray *tables,
                struct or_cursor **out)
{
    char cerr[OR_ERR_SIZE];
    ev->sandbox.tables = tables;
    or_status st = or_cursor_new(ev->in->ds, sql, NULL, 0, out, cerr, sizeof(cerr));
    ev->sandbox.tables = NULL;
    if (st != OR_OK) {
        const char *msg = strncmp(cerr, "dataset: query: ", 16) == 0 ? cerr + 16 : cerr;
        if (lenient_miss(ev, sql, msg)) {
            return OR_ERR_UNSUPPORTED;
        }
        if (strstr(msg, "not authorized") != NULL) {
            return or_eval_fail(ev, "%s: refused: template SQL may only read the dataset (%s)",
                                what, msg);
        }
        GString *more = g_string_new(NULL);
        or_eval_explain_column(ev, sql, msg, more);
        st = or_eval_fail(ev, "%s: %s%s", what, msg, more->str);
        g_string_free(more, TRUE);
        return st;
    }
    sqlite3_stmt *stmt = or_cursor_stmt(*out);
    if (!sqlite3_stmt_readonly(stmt) || !or_sql_is_query(sql)) {
        or_cursor_free(*out);
        *out = NULL;
        return or_eval_fail(ev, "%s: refused: template SQL may only read the dataset", what);
    }
    st = or_eval_bind(ev, stmt, what);
    if (st != OR_OK) {
        or_cursor_free(*out);
        *out = NULL;
    }
    return st;
}

int
or_eval_reads_failed(const struct or_eval *ev, const GPtrArray *tables)
{
    for (guint i = 0; tables != NULL && i < tables->len; i++) {
        for (size_t f = 0; f < ev->in->nfailed; f++) {
            if (strcmp(g_ptr_array_index(tables, i), ev->in->failed[f].alias) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

or_status
or_eval_single_value(struct or_eval *ev, const char *sql, const char *what, GPtrArray *tables,
                     int kpi, int *has, double *value)
{
    struct or_cursor *c = NULL;
    or_status st = or_eval_prepare(ev, sql, what, tables, &c);
    if (st == OR_OK && kpi && !or_eval_reads_failed(ev, tables)) {
        /* A source that failed says so instead: its table is empty. */
        st = or_eval_check_kpi(ev, what, c, ev->checking);
    }
    if (st != OR_OK) {
        or_cursor_free(c);
        return st;
    }
    *has = 0;
    *value = 0;
    size_t n = or_cursor_ncols(c);
    struct or_value *row = g_new0(struct or_value, n > 0 ? n : 1);
    int has_row = 0;
    if (or_cursor_next(c, row, &has_row) != OR_OK) {
        st = or_eval_fail(ev, "%s: %s", what, or_cursor_error(c));
    }
    else if (has_row && n > 0 && !row[0].is_null) {
        if (row[0].type == OR_TYPE_TEXT) {
            char *end = NULL;
            double d = g_ascii_strtod(row[0].s, &end);
            if (end != NULL && *end == '\0') {
                *has = 1;
                *value = d;
            }
        }
        else {
            *has = 1;
            *value = row[0].type == OR_TYPE_REAL ? row[0].r : (double)row[0].i;
        }
    }
    g_free(row);
    or_cursor_free(c);
    return st;
}

#define MAX_SPARK 520

or_status
or_eval_column_values(struct or_eval *ev, const char *sql, const char *what, GPtrArray *tables,
                      double **values, size_t *n)
{
    struct or_cursor *c = NULL;
    *values = NULL;
    *n = 0;
    or_status st = or_eval_prepare(ev, sql, what, tables, &c);
    /* A source that failed says so instead: its table is empty. */
    int check = !or_eval_reads_failed(ev, tables);
    if (st == OR_OK && check) {
        st = or_eval_check_spark(ev, what, c);
    }
    if (st != OR_OK) {
        or_cursor_free(c);
        return st;
    }
    size_t nc = or_cursor_ncols(c);
    struct or_value *row = g_new0(struct or_value, nc > 0 ? nc : 1);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(double));
    int has_row = 1;
    while (st == OR_OK && out->len < MAX_SPARK) {
        if (or_cursor_next(c, row, &has_row) != OR_OK) {
            st = or_eval_fail(ev, "%s: %s", what, or_cursor_error(c));
            break;
        }
        if (!has_row || nc == 0) {
            break;
        }
        double v = NAN;
        st = or_eval_spark_value(ev, what, or_cursor_name(c, 0), &row[0], out->len, check, &v);
        g_array_append_val(out, v);
    }
    *n = out->len;
    *values = (double *)(void *)g_array_free(out, FALSE);
    g_free(row);
    or_cursor_free(c);
    return st;
}

/* The rows @p sql returns, counted without the ORDER BY when it can go:
 * counting needs no sort.  The newline keeps a trailing comment from hiding
 * the closing parenthesis. */
or_status
or_eval_count_rows(struct or_eval *ev, const char *sql, int64_t *nrows)
{
    char *inner = or_eval_trimmed_sql(sql);
    char *unordered = or_sql_strip_order_by(inner);
    int has = 0;
    double rows = 0;
    or_status st = OR_ERR_INVALID;
    if (unordered != NULL) {
        char *count_sql = g_strdup_printf("SELECT count(*) FROM (%s\n)", unordered);
        struct or_cursor *probe = NULL;
        char cerr[OR_ERR_SIZE];
        /* Only a statement that prepares is used; otherwise the full one
         * reports the problem as it always has. */
        if (or_cursor_new(ev->in->ds, count_sql, NULL, 0, &probe, cerr, sizeof(cerr)) == OR_OK) {
            or_cursor_free(probe);
            st = or_eval_single_value(ev, count_sql, "sql (row count)", NULL, 0, &has, &rows);
        }
        g_free(count_sql);
    }
    if (st != OR_OK) {
        char *count_sql = g_strdup_printf("SELECT count(*) FROM (%s\n)", inner);
        st = or_eval_single_value(ev, count_sql, "sql (row count)", NULL, 0, &has, &rows);
        g_free(count_sql);
    }
    g_free(unordered);
    g_free(inner);
    *nrows = has ? (int64_t)rows : 0;
    return st;
}

int
or_eval_columns_of(sqlite3 *db, const char *table, char *const *cols)
{
    for (char *const *c = cols; *c != NULL; c++) {
        if (sqlite3_table_column_metadata(db, "main", table, *c, NULL, NULL, NULL, NULL, NULL) !=
            SQLITE_OK) {
            return 0;
        }
    }
    return 1;
}

/* Whether the section lists rows of one large table sorted by its columns
 * ("SELECT * FROM calls ORDER BY started_at"): there are then likely too
 * many to keep in memory, and finding that out by reading them would sort
 * every row for nothing, while counting them needs no sort.  @p tables: what
 * the statement reads. */
int
or_eval_likely_large(struct or_eval *ev, const struct or_tpl_section *ts, GPtrArray *tables)
{
    if (tables->len != 1) {
        return 0;
    }
    const char *table = g_ptr_array_index(tables, 0);
    char *inner = or_eval_trimmed_sql(ts->sql);
    int *desc = NULL;
    char **cols = or_sql_order_by_columns(inner, &desc);
    int64_t rows = 0;
    char cerr[OR_ERR_SIZE];
    int large = cols != NULL && or_eval_columns_of(or_dataset_db(ev->in->ds), table, cols) &&
                or_dataset_count(ev->in->ds, table, &rows, cerr, sizeof(cerr)) == OR_OK &&
                rows > BUFFER_ROWS;
    g_strfreev(cols);
    g_free(desc);
    g_free(inner);
    return large;
}

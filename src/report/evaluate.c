/* SPDX-License-Identifier: MIT */
#include "report/evaluate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plugin/host.h"
#include "base/log.h"
#include "dataset/sqlfuncs.h"
#include "base/valuefmt.h"

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
    char *unavailable;
    char *text;
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
    GPtrArray *indexes;               /* struct sort_index * of or_eval_index_sorts() */
};

/* An index made for rendering: what it covers. */
struct sort_index {
    char *name;
    char *table;
    char **cols;
    int *desc;
};

static void
sort_index_free(gpointer p)
{
    struct sort_index *x = p;
    g_free(x->name);
    g_free(x->table);
    g_strfreev(x->cols);
    g_free(x->desc);
    g_free(x);
}

static or_status fail(struct or_eval *ev, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static or_status
fail(struct or_eval *ev, const char *fmt, ...)
{
    char msg[OR_ERR_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (ev->cur != NULL) {
        snprintf(ev->err, ev->errlen, "%s: section '%s': %s", ev->in->tpl->path, ev->cur->id, msg);
    }
    else {
        snprintf(ev->err, ev->errlen, "%s: %s", ev->in->tpl->path, msg);
    }
    return OR_ERR_INVALID;
}

/* "rep_name" -> "Rep name": a readable default header. */
static char *
pretty_label(const char *name)
{
    char *s = g_strdup(name);
    for (char *p = s; *p != '\0'; p++) {
        if (*p == '_') {
            *p = ' ';
        }
    }
    if (s[0] != '\0') {
        s[0] = g_ascii_toupper(s[0]);
    }
    return s;
}

static const struct or_tpl_column *
tpl_column(const struct or_tpl_section *s, const char *name)
{
    for (size_t i = 0; i < s->ncolumns; i++) {
        if (strcmp(s->columns[i].name, name) == 0) {
            return &s->columns[i];
        }
    }
    return NULL;
}

/* The SQL without trailing semicolons and blanks, so it can be wrapped. */
static char *
trimmed_sql(const char *sql)
{
    char *s = g_strdup(sql);
    size_t n = strlen(s);
    while (n > 0 && (g_ascii_isspace(s[n - 1]) || s[n - 1] == ';')) {
        s[--n] = '\0';
    }
    return s;
}

static or_status
bind_params(struct or_eval *ev, sqlite3_stmt *st, const char *what)
{
    const struct or_eval_input *in = ev->in;
    int n = sqlite3_bind_parameter_count(st);
    for (int i = 1; i <= n; i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        if (name == NULL) {
            return fail(ev, "%s: use named parameters (:period_start ...), not '?'", what);
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
        else {
            return fail(ev,
                        "%s: unknown parameter %s (available: :period_start, :period_end, "
                        ":prev_start, :prev_end, :tz)",
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
static or_status
prepare(struct or_eval *ev, const char *sql, const char *what, GPtrArray *tables,
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
            return fail(ev, "%s: refused: template SQL may only read the dataset (%s)", what, msg);
        }
        return fail(ev, "%s: %s", what, msg);
    }
    sqlite3_stmt *stmt = or_cursor_stmt(*out);
    if (!sqlite3_stmt_readonly(stmt)) {
        or_cursor_free(*out);
        *out = NULL;
        return fail(ev, "%s: refused: template SQL may only read the dataset", what);
    }
    st = bind_params(ev, stmt, what);
    if (st != OR_OK) {
        or_cursor_free(*out);
        *out = NULL;
    }
    return st;
}

/* Marks the section unavailable when it reads a table whose source failed. */
static void
check_failed_tables(struct or_eval *ev, GPtrArray *tables, struct section_state *ss)
{
    for (guint i = 0; i < tables->len && ss->unavailable == NULL; i++) {
        for (size_t f = 0; f < ev->in->nfailed; f++) {
            if (strcmp(g_ptr_array_index(tables, i), ev->in->failed[f].alias) == 0) {
                ss->unavailable = g_strdup_printf(
                    "data unavailable: %s: %s", ev->in->failed[f].alias, ev->in->failed[f].reason);
            }
        }
    }
}

static or_status
single_value(struct or_eval *ev, const char *sql, const char *what, GPtrArray *tables, int *has,
             double *value)
{
    struct or_cursor *c = NULL;
    or_status st = prepare(ev, sql, what, tables, &c);
    if (st != OR_OK) {
        return st;
    }
    *has = 0;
    *value = 0;
    size_t n = or_cursor_ncols(c);
    struct or_value *row = g_new0(struct or_value, n > 0 ? n : 1);
    int r = or_cursor_next(c, row);
    if (r < 0) {
        st = fail(ev, "%s: %s", what, sqlite3_errmsg(or_dataset_db(ev->in->ds)));
    }
    else if (r == 1 && n > 0 && !row[0].is_null) {
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

static or_status
eval_kpis(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss,
          struct or_section *s, GPtrArray *tables)
{
    ss->kpis = g_new0(struct or_kpi, ts->nkpis);
    ss->kpip = g_new0(const struct or_kpi *, ts->nkpis);
    for (size_t k = 0; k < ts->nkpis; k++) {
        const struct or_tpl_kpi *tk = &ts->kpis[k];
        struct or_kpi *kpi = &ss->kpis[k];
        ss->kpip[k] = kpi;
        char what[160];
        kpi->label = tk->label;
        kpi->format = tk->format;
        kpi->lower_is_better = tk->lower_is_better;
        snprintf(what, sizeof(what), "kpi '%s' value", tk->label);
        or_status st = single_value(ev, tk->value_sql, what, tables, &kpi->has_value, &kpi->value);
        if (st == OR_OK && tk->previous_sql != NULL) {
            snprintf(what, sizeof(what), "kpi '%s' previous", tk->label);
            st = single_value(ev, tk->previous_sql, what, tables, &kpi->has_previous,
                              &kpi->previous);
        }
        if (st != OR_OK) {
            return st;
        }
    }
    s->kpis = ss->kpip;
    s->nkpis = ts->nkpis;
    return OR_OK;
}

/* Learns the types of expression columns from the first rows, then rewinds. */
static void
settle_types(struct or_cursor *c)
{
    size_t n = or_cursor_ncols(c);
    struct or_value *row = g_new0(struct or_value, n > 0 ? n : 1);
    for (int i = 0; i < 64 && or_cursor_next(c, row) == 1; i++) {
    }
    or_cursor_rewind(c);
    g_free(row);
}

static int
has_untyped(const struct or_cursor *c)
{
    for (size_t i = 0; i < or_cursor_ncols(c); i++) {
        if (or_cursor_untyped(c, i)) {
            return 1;
        }
    }
    return 0;
}

/* Whether a document of this run shows the section's rows. */
static int
shown_anywhere(const struct or_eval *ev, const struct or_tpl_section *ts)
{
    if (ev->in->formats == NULL) {
        return 1;
    }
    for (const char *const *f = ev->in->formats; *f != NULL; f++) {
        if (or_tpl_section_shows_in(ts, *f)) {
            return 1;
        }
    }
    return 0;
}

/* The rows @p sql returns, counted without the ORDER BY when it can go:
 * counting needs no sort.  The newline keeps a trailing comment from hiding
 * the closing parenthesis. */
static or_status
count_rows(struct or_eval *ev, const char *sql, int64_t *nrows)
{
    char *inner = trimmed_sql(sql);
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
            st = single_value(ev, count_sql, "sql (row count)", NULL, &has, &rows);
        }
        g_free(count_sql);
    }
    if (st != OR_OK) {
        char *count_sql = g_strdup_printf("SELECT count(*) FROM (%s\n)", inner);
        st = single_value(ev, count_sql, "sql (row count)", NULL, &has, &rows);
        g_free(count_sql);
    }
    g_free(unordered);
    g_free(inner);
    *nrows = has ? (int64_t)rows : 0;
    return st;
}

static int
columns_of(sqlite3 *db, const char *table, char *const *cols)
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
static int
likely_large(struct or_eval *ev, const struct or_tpl_section *ts, GPtrArray *tables)
{
    if (tables->len != 1) {
        return 0;
    }
    const char *table = g_ptr_array_index(tables, 0);
    char *inner = trimmed_sql(ts->sql);
    int *desc = NULL;
    char **cols = or_sql_order_by_columns(inner, &desc);
    int large = cols != NULL && columns_of(or_dataset_db(ev->in->ds), table, cols) &&
                or_dataset_count(ev->in->ds, table) > BUFFER_ROWS;
    g_strfreev(cols);
    g_free(desc);
    g_free(inner);
    return large;
}

static long
column_index(const struct or_result *r, const char *name)
{
    for (size_t i = 0; i < r->ncols; i++) {
        if (strcmp(r->cols[i]->name, name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

static or_status
eval_result(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss,
            struct or_section *s, GPtrArray *tables)
{
    or_status st = prepare(ev, ts->sql, "sql", tables, &ss->cursor);
    if (st != OR_OK) {
        return st;
    }
    /* Rows in all, known before rendering: documents state their counts. */
    int64_t nrows = -1;
    int shown = shown_anywhere(ev, ts);
    if (shown && likely_large(ev, ts, tables)) {
        st = count_rows(ev, ts->sql, &nrows);
        if (st != OR_OK) {
            return st;
        }
    }
    int buffered = 0;
    if (shown && nrows <= BUFFER_ROWS) {
        char cerr[OR_ERR_SIZE];
        int64_t kept = -1;
        if (or_cursor_buffer(ss->cursor, BUFFER_ROWS, BUFFER_BYTES, &kept, cerr, sizeof(cerr)) !=
            OR_OK) {
            const char *msg = strncmp(cerr, "dataset: ", 9) == 0 ? cerr + 9 : cerr;
            return fail(ev, "sql: %s", msg);
        }
        buffered = kept >= 0;
        nrows = buffered ? kept : nrows;
    }
    ss->buffered = buffered;
    if (nrows < 0) {
        st = count_rows(ev, ts->sql, &nrows);
        if (st != OR_OK) {
            return st;
        }
    }
    /* Stepping settles the types of expression columns; it is free over
     * buffered rows, and pointless (and a sort, maybe) when none has to settle
     * or no document shows the rows. */
    if (buffered || (shown && has_untyped(ss->cursor))) {
        settle_types(ss->cursor);
    }
    size_t n = or_cursor_ncols(ss->cursor);
    ss->cols = g_new0(struct or_result_column, n > 0 ? n : 1);
    ss->colp = g_new0(const struct or_result_column *, n > 0 ? n : 1);
    ss->labels = g_new0(char *, n + 1);
    for (size_t i = 0; i < n; i++) {
        const char *name = or_cursor_name(ss->cursor, i);
        const struct or_tpl_column *tc = tpl_column(ts, name);
        ss->labels[i] = tc != NULL && tc->label != NULL ? g_strdup(tc->label) : pretty_label(name);
        ss->colp[i] = &ss->cols[i];
        ss->cols[i].name = name;
        ss->cols[i].label = ss->labels[i];
        ss->cols[i].type = or_cursor_type(ss->cursor, i);
        ss->cols[i].format = tc != NULL ? tc->format : OR_FMT_AUTO;
        ss->cols[i].align = tc != NULL ? tc->align : 0;
    }
    for (size_t i = 0; i < ts->ncolumns; i++) {
        int found = 0;
        for (size_t c = 0; c < n; c++) {
            found = found || strcmp(ss->cols[c].name, ts->columns[i].name) == 0;
        }
        if (!found) {
            return fail(ev, "columns: '%s' is not a column of the query", ts->columns[i].name);
        }
    }
    ss->result.ncols = n;
    ss->result.cols = ss->colp;
    ss->result.nrows = nrows;
    ss->result.cursor = ss->cursor;
    s->result = &ss->result;
    if (ts->kind != OR_SECTION_CHART) {
        return OR_OK;
    }
    long x = column_index(&ss->result, ts->x);
    if (x < 0) {
        return fail(ev, "x: '%s' is not a column of the query", ts->x);
    }
    size_t ns = g_strv_length(ts->series);
    ss->series = g_new0(size_t, ns);
    for (size_t i = 0; i < ns; i++) {
        long c = column_index(&ss->result, ts->series[i]);
        if (c < 0) {
            return fail(ev, "series: '%s' is not a column of the query", ts->series[i]);
        }
        ss->series[i] = (size_t)c;
    }
    ss->chart.kind = ts->chart;
    ss->chart.x_col = (size_t)x;
    ss->chart.nseries = ns;
    ss->chart.series_cols = ss->series;
    ss->chart.x_label = ts->x_label;
    ss->chart.y_label = ts->y_label;
    ss->chart.horizontal = ts->horizontal;
    s->chart = &ss->chart;
    return OR_OK;
}

/* "{calls} calls, {rate} answered": placeholders name columns of the first row. */
static or_status
eval_text(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss,
          struct or_section *s, GPtrArray *tables)
{
    struct or_cursor *c = NULL;
    struct or_value *row = NULL;
    int have_row = 0;
    size_t n = 0;
    if (ts->sql != NULL) {
        or_status st = prepare(ev, ts->sql, "sql", tables, &c);
        if (st != OR_OK) {
            return st;
        }
        n = or_cursor_ncols(c);
        row = g_new0(struct or_value, n > 0 ? n : 1);
        have_row = or_cursor_next(c, row) == 1;
    }
    GString *out = g_string_new(NULL);
    or_status st = OR_OK;
    for (const char *p = ts->text; *p != '\0'; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close == NULL) {
            g_string_append_c(out, *p);
            continue;
        }
        char *name = g_strndup(p + 1, (gsize)(close - p - 1));
        long idx = -1;
        for (size_t i = 0; c != NULL && i < n; i++) {
            if (strcmp(or_cursor_name(c, i), name) == 0) {
                idx = (long)i;
            }
        }
        if (idx < 0) {
            st = fail(ev, "text: placeholder {%s} is not a column of the query", name);
            g_free(name);
            break;
        }
        char buf[256];
        const struct or_tpl_column *tc = tpl_column(ts, name);
        struct or_value nullv = {.is_null = 1};
        or_value_format(have_row ? &row[idx] : &nullv, tc != NULL ? tc->format : OR_FMT_AUTO,
                        ev->in->tz, buf, sizeof(buf));
        g_string_append(out, buf);
        g_free(name);
        p = close;
    }
    g_free(row);
    or_cursor_free(c);
    ss->text = g_string_free(out, FALSE);
    s->text = ss->text;
    return st;
}

static or_status
eval_section(struct or_eval *ev, size_t i)
{
    const struct or_tpl_section *ts = &ev->in->tpl->sections[i];
    struct or_section *s = &ev->sections[i];
    struct section_state *ss = &ev->state[i];
    GPtrArray *tables = g_ptr_array_new_with_free_func(g_free);
    or_status st = OR_OK;
    gint64 t0 = g_get_monotonic_time();

    ev->cur = ts;
    s->kind = ts->kind;
    s->id = ts->id;
    s->title = ts->title;
    s->description = ts->description;
    s->landscape = ts->landscape;
    switch (ts->kind) {
    case OR_SECTION_KPIS: st = eval_kpis(ev, ts, ss, s, tables); break;
    case OR_SECTION_TABLE:
    case OR_SECTION_CHART: st = eval_result(ev, ts, ss, s, tables); break;
    case OR_SECTION_TEXT: st = eval_text(ev, ts, ss, s, tables); break;
    default: break;
    }
    if (st == OR_ERR_UNSUPPORTED) {
        st = OR_OK; /* skipped by a lenient check */
    }
    check_failed_tables(ev, tables, ss);
    s->unavailable = ss->unavailable;
    if (st == OR_OK) {
        or_log(OR_LOG_DEBUG, "section '%s': evaluated in %.2f s%s", ts->id,
               (double)(g_get_monotonic_time() - t0) / 1e6,
               ss->buffered ? " (rows kept in memory)" : "");
    }
    g_ptr_array_free(tables, TRUE);
    return st;
}

/* One format's report.  Made private (or_eval_prepare_report()), every
 * result it shows is a copy whose cursor no other report steps. */
struct format_report {
    struct or_report report; /* first: the table hands this out */
    struct or_section *sections;
    const struct or_section **secp;       /* secp[i] is &sections[i]: the ABI's list */
    const struct or_source_status **srcp; /* the sources, likewise */
    size_t *index;                        /* each shown section's index in the evaluation */
    size_t n;
    struct or_result *results;  /* private copies, or NULL */
    struct or_cursor **cursors; /* owned, NULL where the section has no result */
};

static void
free_report(gpointer p)
{
    struct format_report *r = p;
    for (size_t i = 0; r->cursors != NULL && i < r->n; i++) {
        or_cursor_free(r->cursors[i]);
    }
    g_free(r->cursors);
    g_free(r->results);
    g_free(r->index);
    g_free(r->sections);
    g_free(r->secp);
    g_free(r->srcp);
    g_free(r);
}

static struct format_report *
build_report(struct or_eval *ev, const char *format)
{
    const struct or_eval_input *in = ev->in;
    struct format_report *fr = g_new0(struct format_report, 1);
    struct or_report *r = &fr->report;
    fr->sections = g_new0(struct or_section, ev->n > 0 ? ev->n : 1);
    fr->secp = g_new0(const struct or_section *, ev->n > 0 ? ev->n : 1);
    fr->index = g_new0(size_t, ev->n > 0 ? ev->n : 1);
    for (size_t i = 0; i < ev->n; i++) {
        if (or_tpl_section_shows_in(&in->tpl->sections[i], format)) {
            fr->index[fr->n] = i;
            fr->secp[fr->n] = &fr->sections[fr->n];
            fr->sections[fr->n++] = ev->sections[i];
        }
    }
    fr->srcp = g_new0(const struct or_source_status *, in->nsources > 0 ? in->nsources : 1);
    for (size_t i = 0; i < in->nsources; i++) {
        fr->srcp[i] = &in->sources[i];
    }
    r->title = in->tpl->title;
    r->description = in->tpl->description;
    r->tz = in->tz_name;
    r->period_label = in->period != NULL ? in->period->label : "all data";
    r->period_start = in->period != NULL ? in->period->start : 0;
    r->period_end = in->period != NULL ? in->period->end : 0;
    r->partial = in->period != NULL ? in->period->partial : 0;
    r->generated_at = in->generated_at;
    r->nsections = fr->n;
    r->sections = fr->secp;
    r->nsources = in->nsources;
    r->sources = fr->srcp;
    r->author = in->author;
    return fr;
}

/* Gives every result of @p fr a cursor of its own: a copy of buffered rows,
 * or the section's statement prepared once more.  In place, so pointers
 * already handed out stay valid; on failure @p fr is left as it was. */
static or_status
make_private(struct or_eval *ev, struct format_report *fr)
{
    struct or_result *results = g_new0(struct or_result, fr->n > 0 ? fr->n : 1);
    struct or_cursor **cursors = g_new0(struct or_cursor *, fr->n > 0 ? fr->n : 1);
    or_status st = OR_OK;
    for (size_t k = 0; st == OR_OK && k < fr->n; k++) {
        struct section_state *ss = &ev->state[fr->index[k]];
        if (fr->sections[k].result == NULL) {
            continue;
        }
        cursors[k] = or_cursor_share(ss->cursor);
        if (cursors[k] == NULL) {
            ev->cur = &ev->in->tpl->sections[fr->index[k]];
            st = prepare(ev, ev->cur->sql, "sql", NULL, &cursors[k]);
            ev->cur = NULL;
        }
        results[k] = ss->result;
        results[k].cursor = cursors[k];
    }
    if (st != OR_OK) {
        for (size_t k = 0; k < fr->n; k++) {
            or_cursor_free(cursors[k]);
        }
        g_free(cursors);
        g_free(results);
        return st;
    }
    for (size_t k = 0; k < fr->n; k++) {
        if (fr->sections[k].result != NULL) {
            fr->sections[k].result = &results[k];
        }
    }
    fr->results = results;
    fr->cursors = cursors;
    return OR_OK;
}

static struct format_report *
report_for(struct or_eval *ev, const char *format)
{
    struct format_report *fr = g_hash_table_lookup(ev->reports, format);
    if (fr == NULL) {
        fr = build_report(ev, format);
        g_hash_table_insert(ev->reports, g_strdup(format), fr);
    }
    return fr;
}

static or_status
eval_run(const struct or_eval_input *in, const char *const *lenient, struct or_eval **out,
         char *err, size_t errlen)
{
    struct or_eval *ev = g_new0(struct or_eval, 1);
    ev->in = in;
    ev->n = in->tpl->nsections;
    ev->sections = g_new0(struct or_section, ev->n);
    ev->state = g_new0(struct section_state, ev->n);
    ev->reports = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_report);
    ev->err = err;
    ev->errlen = errlen;
    ev->lenient = lenient;
    or_sql_sandbox_on(or_dataset_db(in->ds), &ev->sandbox);
    *out = NULL;
    for (size_t i = 0; i < ev->n; i++) {
        or_status st = eval_section(ev, i);
        if (st != OR_OK) {
            or_eval_free(ev);
            return st;
        }
    }
    ev->cur = NULL;
    *out = ev;
    return OR_OK;
}

or_status
or_eval_new(const struct or_eval_input *in, struct or_eval **out, char *err, size_t errlen)
{
    return eval_run(in, NULL, out, err, errlen);
}

or_status
or_eval_prepare_report(struct or_eval *ev, const char *format, char *err, size_t errlen)
{
    struct format_report *fr = report_for(ev, format);
    if (fr->cursors != NULL) {
        return OR_OK;
    }
    char *saved_err = ev->err;
    size_t saved_len = ev->errlen;
    ev->err = err;
    ev->errlen = errlen;
    or_status st = make_private(ev, fr);
    ev->err = saved_err;
    ev->errlen = saved_len;
    return st;
}

const struct or_report *
or_eval_report(struct or_eval *ev, const char *format)
{
    return &report_for(ev, format)->report;
}

/* The tables @p sql reads (the sandbox records them while it prepares), and
 * whether its plan uses index @p index (NULL: not asked). */
static GPtrArray *
plan_of(struct or_eval *ev, const char *sql, const char *index, int *uses)
{
    GPtrArray *tables = g_ptr_array_new_with_free_func(g_free);
    char *inner = trimmed_sql(sql);
    char *eqp = g_strdup_printf("EXPLAIN QUERY PLAN %s", inner);
    sqlite3_stmt *st = NULL;
    *uses = 0;
    ev->sandbox.tables = tables;
    if (sqlite3_prepare_v2(or_dataset_db(ev->in->ds), eqp, -1, &st, NULL) != SQLITE_OK) {
        g_ptr_array_set_size(tables, 0);
    }
    ev->sandbox.tables = NULL;
    while (index != NULL && st != NULL && sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        *uses = *uses || (detail != NULL && strstr(detail, index) != NULL);
    }
    sqlite3_finalize(st);
    g_free(eqp);
    g_free(inner);
    return tables;
}

/* Whether section @p i is read from the dataset while documents are rendered. */
static int
read_while_rendering(const struct or_eval *ev, size_t i)
{
    const struct section_state *ss = &ev->state[i];
    return ss->cursor != NULL && !ss->buffered && ev->sections[i].result != NULL &&
           shown_anywhere(ev, &ev->in->tpl->sections[i]);
}

/* Whether @p sql reads only the index's table and sorts exactly like it:
 * then it walks the index forwards, and equal keys keep their order. */
static int
sorts_like(struct or_eval *ev, const char *sql, const struct sort_index *x)
{
    int uses = 0;
    GPtrArray *tables = plan_of(ev, sql, NULL, &uses);
    int same = tables->len == 1 && strcmp(g_ptr_array_index(tables, 0), x->table) == 0;
    g_ptr_array_free(tables, TRUE);
    char *inner = trimmed_sql(sql);
    int *d = NULL;
    char **c = same ? or_sql_order_by_columns(inner, &d) : NULL;
    same = c != NULL;
    for (size_t i = 0; same && (c[i] != NULL || x->cols[i] != NULL); i++) {
        same = c[i] != NULL && x->cols[i] != NULL && strcmp(c[i], x->cols[i]) == 0 &&
               d[i] == x->desc[i];
    }
    g_strfreev(c);
    g_free(d);
    g_free(inner);
    return same;
}

static or_status
drop_index(struct or_eval *ev, const struct sort_index *x)
{
    char ierr[OR_ERR_SIZE];
    sqlite3 *db = or_dataset_db(ev->in->ds);
    or_sql_sandbox_off(db); /* the host's own write */
    or_status st = or_dataset_drop_index(ev->in->ds, x->name, ierr, sizeof(ierr));
    if (st != OR_OK) {
        /* A statement left half-read holds the table: or_eval_free() retries. */
        or_log(OR_LOG_DEBUG, "%s", ierr);
    }
    or_sql_sandbox_on(db, &ev->sandbox);
    return st;
}

void
or_eval_index_sorts(struct or_eval *ev)
{
    sqlite3 *db = or_dataset_db(ev->in->ds);
    if (ev->indexes == NULL) {
        ev->indexes = g_ptr_array_new_with_free_func(sort_index_free);
    }
    for (size_t i = 0; i < ev->n; i++) {
        if (!read_while_rendering(ev, i)) {
            continue;
        }
        const struct or_tpl_section *ts = &ev->in->tpl->sections[i];
        char *inner = trimmed_sql(ts->sql);
        struct sort_index *x = g_new0(struct sort_index, 1);
        x->cols = or_sql_order_by_columns(inner, &x->desc);
        int uses = 0;
        GPtrArray *tables = x->cols != NULL ? plan_of(ev, inner, NULL, &uses) : NULL;
        if (tables != NULL && tables->len == 1 &&
            columns_of(db, g_ptr_array_index(tables, 0), x->cols)) {
            char ierr[OR_ERR_SIZE];
            gint64 t0 = g_get_monotonic_time();
            x->table = g_strdup(g_ptr_array_index(tables, 0));
            or_sql_sandbox_off(db); /* the host's own write */
            or_status st = or_dataset_index(ev->in->ds, x->table, (const char *const *)x->cols,
                                            x->desc, &x->name, ierr, sizeof(ierr));
            or_sql_sandbox_on(db, &ev->sandbox);
            if (st == OR_OK) {
                or_log(OR_LOG_DEBUG, "section '%s': %s indexed for its ORDER BY in %.2f s", ts->id,
                       x->table, (double)(g_get_monotonic_time() - t0) / 1e6);
                g_ptr_array_add(ev->indexes, x);
                x = NULL;
            }
            else {
                or_log(OR_LOG_DEBUG, "section '%s': %s", ts->id, ierr);
            }
        }
        if (tables != NULL) {
            g_ptr_array_free(tables, TRUE);
        }
        if (x != NULL) {
            sort_index_free(x);
        }
        g_free(inner);
    }
    /* Keep only indexes no other statement run while rendering would use.
     * Dropping one can move a plan onto another: check again until none goes. */
    int dropped = 1;
    while (dropped) {
        dropped = 0;
        for (guint k = 0; !dropped && k < ev->indexes->len; k++) {
            const struct sort_index *x = g_ptr_array_index(ev->indexes, k);
            int safe = 1;
            for (size_t i = 0; safe && i < ev->n; i++) {
                int uses = 0;
                if (!read_while_rendering(ev, i)) {
                    continue;
                }
                const char *sql = ev->in->tpl->sections[i].sql;
                g_ptr_array_free(plan_of(ev, sql, x->name, &uses), TRUE);
                safe = !uses || sorts_like(ev, sql, x);
            }
            /* Nothing is being read yet, so nothing holds the table. */
            if (!safe && drop_index(ev, x) == OR_OK) {
                or_log(OR_LOG_DEBUG,
                       "index %s: another section would read rows through it, "
                       "dropped",
                       x->name);
                g_ptr_array_remove_index(ev->indexes, k);
                dropped = 1;
            }
        }
    }
}

void
or_eval_drop_indexes(struct or_eval *ev)
{
    for (guint k = ev->indexes != NULL ? ev->indexes->len : 0; k-- > 0;) {
        if (drop_index(ev, g_ptr_array_index(ev->indexes, k)) == OR_OK) {
            g_ptr_array_remove_index(ev->indexes, k);
        }
    }
}

const struct or_section *
or_eval_sections(const struct or_eval *ev, size_t *n)
{
    *n = ev->n;
    return ev->sections;
}

void
or_eval_free(struct or_eval *ev)
{
    if (ev == NULL) {
        return;
    }
    for (size_t i = 0; i < ev->n; i++) {
        struct section_state *ss = &ev->state[i];
        or_cursor_free(ss->cursor);
        g_free(ss->cols);
        g_free(ss->colp);
        g_strfreev(ss->labels);
        g_free(ss->series);
        g_free(ss->kpis);
        g_free(ss->kpip);
        g_free(ss->unavailable);
        g_free(ss->text);
    }
    g_hash_table_destroy(ev->reports);
    or_eval_drop_indexes(ev);
    if (ev->indexes != NULL) {
        g_ptr_array_free(ev->indexes, TRUE);
    }
    or_sql_sandbox_off(or_dataset_db(ev->in->ds));
    g_free(ev->state);
    g_free(ev->sections);
    g_free(ev);
}

or_status
or_eval_check(const struct or_template *tpl, struct or_dataset *ds, GTimeZone *tz,
              const char *const *lenient, char *err, size_t errlen)
{
    struct or_eval_input in = {.tpl = tpl, .ds = ds, .tz = tz, .tz_name = "UTC"};
    struct or_eval *ev = NULL;
    or_status st = eval_run(&in, lenient, &ev, err, errlen);
    or_eval_free(ev);
    return st;
}

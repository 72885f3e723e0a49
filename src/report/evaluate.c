/* SPDX-License-Identifier: MIT */
#include "report/evaluate.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/cellfmt.h"
#include "dataset/sqlfuncs.h"
#include "report/eval_impl.h"

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
eval_kpis(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss,
          struct or_section *s, GPtrArray *tables)
{
    ss->kpis = g_new0(struct or_kpi, ts->nkpis);
    ss->kpip = g_new0(const struct or_kpi *, ts->nkpis);
    ss->sparks = g_new0(double *, ts->nkpis);
    for (size_t k = 0; k < ts->nkpis; k++) {
        const struct or_tpl_kpi *tk = &ts->kpis[k];
        struct or_kpi *kpi = &ss->kpis[k];
        ss->kpip[k] = kpi;
        char what[160];
        kpi->label = tk->label;
        kpi->format = tk->format;
        kpi->lower_is_better = tk->lower_is_better;
        kpi->cond = tk->cond.kind != OR_COND_NONE ? &tk->cond : NULL;
        snprintf(what, sizeof(what), "kpi '%s' value", tk->label);
        or_status st =
            or_eval_single_value(ev, tk->value_sql, what, tables, 1, &kpi->has_value, &kpi->value);
        if (st == OR_OK && tk->previous_sql != NULL) {
            snprintf(what, sizeof(what), "kpi '%s' previous", tk->label);
            st = or_eval_single_value(ev, tk->previous_sql, what, tables, 1, &kpi->has_previous,
                                      &kpi->previous);
        }
        if (st == OR_OK && tk->spark_sql != NULL) {
            snprintf(what, sizeof(what), "kpi '%s' sparkline", tk->label);
            st = or_eval_column_values(ev, tk->spark_sql, what, tables, &ss->sparks[k],
                                       &kpi->nspark);
            kpi->spark = ss->sparks[k];
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
    int has_row = 1;
    for (int i = 0; i < 64 && has_row && or_cursor_next(c, row, &has_row) == OR_OK; i++) {
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
int
or_eval_shown_anywhere(const struct or_eval *ev, const struct or_tpl_section *ts)
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

/* Whether the result has a column @p name; *@p index says which. */
int
or_eval_column_index(const struct or_result *r, const char *name, size_t *index)
{
    for (size_t i = 0; i < r->ncols; i++) {
        if (strcmp(r->cols[i]->name, name) == 0) {
            *index = i;
            return TRUE;
        }
    }
    return FALSE;
}

/* Prepares the section's statement and learns how many rows it returns:
 * kept in memory when few enough, else counted. */
static or_status
rows_of(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss,
        GPtrArray *tables, int64_t *nrows)
{
    or_status st = or_eval_prepare(ev, ts->sql, "sql", tables, &ss->cursor);
    if (st != OR_OK) {
        return st;
    }
    /* Rows in all, known before rendering: documents state their counts. */
    *nrows = -1;
    int shown = or_eval_shown_anywhere(ev, ts);
    if (shown && or_eval_likely_large(ev, ts, tables)) {
        st = or_eval_count_rows(ev, ts->sql, nrows);
        if (st != OR_OK) {
            return st;
        }
    }
    if (shown && *nrows <= BUFFER_ROWS) {
        char cerr[OR_ERR_SIZE];
        int64_t kept = -1;
        if (or_cursor_buffer(ss->cursor, BUFFER_ROWS, BUFFER_BYTES, &kept, cerr, sizeof(cerr)) !=
            OR_OK) {
            const char *msg = strncmp(cerr, "dataset: ", 9) == 0 ? cerr + 9 : cerr;
            return or_eval_fail(ev, "sql: %s", msg);
        }
        ss->buffered = kept >= 0;
        *nrows = ss->buffered ? kept : *nrows;
    }
    if (*nrows < 0) {
        st = or_eval_count_rows(ev, ts->sql, nrows);
    }
    int64_t max = or_dataset_limits(ev->in->ds)->max_rows;
    if (st == OR_OK && max > 0 && *nrows > max) {
        return or_eval_fail(ev,
                            "sql: %" PRId64 " rows, more than the limit of %" PRId64
                            " ([report] max_section_rows)",
                            *nrows, max);
    }
    /* Stepping settles the types of expression columns; it is free over
     * buffered rows, and pointless (and a sort, maybe) when none has to settle
     * or no document shows the rows. */
    if (st == OR_OK && (ss->buffered || (shown && has_untyped(ss->cursor)))) {
        settle_types(ss->cursor);
    }
    return st;
}

/* The result's columns with their labels and formats; every column the
 * template presents must be one of them. */
static or_status
describe_columns(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss)
{
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
    ss->result.ncols = n;
    ss->result.cols = ss->colp;
    ss->result.cursor = ss->cursor;
    for (size_t i = 0; i < ts->ncolumns; i++) {
        size_t c = 0;
        if (!or_eval_column_index(&ss->result, ts->columns[i].name, &c)) {
            return or_eval_fail(ev, "columns: '%s' is not a column of the query",
                                ts->columns[i].name);
        }
    }
    return OR_OK;
}

/* A chart's category and value columns, by name in the template. */
static or_status
describe_chart(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss)
{
    size_t x = 0;
    if (!or_eval_column_index(&ss->result, ts->x, &x)) {
        return or_eval_fail(ev, "x: '%s' is not a column of the query", ts->x);
    }
    size_t ns = g_strv_length(ts->series);
    /* A combo's lines follow its bars (eval_chart.c). */
    ss->series = g_new0(size_t, ns + (ts->line != NULL ? g_strv_length(ts->line) : 0));
    for (size_t i = 0; i < ns; i++) {
        if (!or_eval_column_index(&ss->result, ts->series[i], &ss->series[i])) {
            return or_eval_fail(ev, "series: '%s' is not a column of the query", ts->series[i]);
        }
    }
    ss->chart.kind = ts->chart;
    ss->chart.x_col = x;
    ss->chart.nseries = ns;
    ss->chart.series_cols = ss->series;
    ss->chart.x_label = ts->x_label;
    ss->chart.y_label = ts->y_label;
    ss->chart.horizontal = ts->horizontal;
    if (ts->mark != NULL && !or_eval_column_index(&ss->result, ts->mark, &ss->chart.mark_col)) {
        return or_eval_fail(ev, "mark: '%s' is not a column of the query", ts->mark);
    }
    ss->chart.has_mark = ts->mark != NULL;
    return or_eval_chart_keys(ev, ts, ss);
}

/* A table or chart: its rows, columns and, for a chart, what to draw. */
static or_status
eval_result(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss,
            struct or_section *s, GPtrArray *tables)
{
    int64_t nrows = -1;
    or_status st = rows_of(ev, ts, ss, tables, &nrows);
    if (st == OR_OK) {
        st = describe_columns(ev, ts, ss);
    }
    if (st == OR_OK && !or_eval_reads_failed(ev, tables)) {
        st = or_eval_conds(ev, ts, ss, tables);
    }
    if (st != OR_OK) {
        return st;
    }
    ss->result.nrows = nrows;
    s->result = &ss->result;
    if (ts->kind == OR_SECTION_CHART) {
        st = describe_chart(ev, ts, ss);
        s->chart = st == OR_OK ? &ss->chart : NULL;
    }
    if (st == OR_OK && !or_eval_reads_failed(ev, tables)) {
        st = or_eval_check_result(ev, ts, ss); /* a failed source's empty table says so itself */
    }
    return st;
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
        or_status st = or_eval_prepare(ev, ts->sql, "sql", tables, &c);
        if (st != OR_OK) {
            return st;
        }
        n = or_cursor_ncols(c);
        row = g_new0(struct or_value, n > 0 ? n : 1);
        if (or_cursor_next(c, row, &have_row) != OR_OK) {
            st = or_eval_fail(ev, "sql: %s", or_cursor_error(c));
            g_free(row);
            or_cursor_free(c);
            return st;
        }
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
            st = or_eval_fail(ev, "text: placeholder {%s} is not a column of the query", name);
            g_free(name);
            break;
        }
        const struct or_tpl_column *tc = tpl_column(ts, name);
        struct or_value nullv = {.is_null = 1};
        const struct or_value *v = have_row ? &row[idx] : &nullv;
        struct or_cellfmt cf = {ev->in->tz, ev->in->tpl->currency, 0, ev->in->loc};
        struct or_display d = {.size = sizeof(d)};
        or_value_cell(v, tc != NULL ? tc->format : OR_FMT_AUTO, &cf, &d);
        g_string_append(out, d.kind != OR_DISPLAY_TEXT ? d.text : v->s != NULL ? v->s : "");
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
    if (OR_EVAL_SPLIT_DOC(ev) && ss->scope == OR_SCOPE_TEAM) {
        /* Never a team figure under a personal heading. */
        ss->title = g_strdup_printf("%s (whole team)", ts->title != NULL ? ts->title : "Team");
        s->title = ss->title;
    }
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
    if (st == OR_OK && OR_EVAL_SPLIT_DOC(ev) && ss->scope == OR_SCOPE_TEAM && ss->cursor != NULL &&
        !ss->buffered && or_eval_shown_anywhere(ev, ts)) {
        st = or_eval_materialize(ev, i); /* before the views would hide the team's rows */
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

/* Sections of scope @p scope (every one when not a split document). */
static or_status
eval_sections(struct or_eval *ev, int split_doc, enum or_tpl_scope scope)
{
    for (size_t i = 0; i < ev->n; i++) {
        if (split_doc && ev->state[i].scope != scope) {
            continue;
        }
        or_status st = eval_section(ev, i);
        if (st != OR_OK) {
            return st;
        }
    }
    return OR_OK;
}

/* A split document: the team's sections over the whole tables, then the
 * split's over its views; hidden ones not at all. */
static or_status
eval_all(struct or_eval *ev)
{
    if (!OR_EVAL_SPLIT_DOC(ev)) {
        return eval_sections(ev, 0, OR_SCOPE_DEFAULT);
    }
    or_status st = or_eval_scopes(ev);
    if (st == OR_OK) {
        st = eval_sections(ev, 1, OR_SCOPE_TEAM);
    }
    if (st == OR_OK) {
        st = or_eval_split_on(ev);
    }
    if (st == OR_OK) {
        st = eval_sections(ev, 1, OR_SCOPE_SPLIT);
    }
    return st;
}

/* An evaluation with nothing evaluated yet: the sandbox on. */
static struct or_eval *
eval_start(const struct or_eval_input *in, const char *const *lenient, char *err, size_t errlen)
{
    struct or_eval *ev = g_new0(struct or_eval, 1);
    ev->in = in;
    ev->n = in->tpl->nsections;
    ev->sections = g_new0(struct or_section, ev->n);
    ev->state = g_new0(struct section_state, ev->n);
    ev->reports = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, or_eval_free_report);
    ev->err = err;
    ev->errlen = errlen;
    ev->lenient = lenient;
    or_sql_sandbox_on(or_dataset_db(in->ds), &ev->sandbox);
    return ev;
}

static or_status
eval_run(const struct or_eval_input *in, const char *const *lenient, int checking,
         struct or_eval **out, char *err, size_t errlen)
{
    struct or_eval *ev = eval_start(in, lenient, err, errlen);
    ev->checking = checking;
    *out = NULL;
    or_status st = or_eval_pivots(ev);
    if (st == OR_OK) {
        st = eval_all(ev);
    }
    if (st != OR_OK) {
        or_eval_free(ev);
        return st;
    }
    ev->cur = NULL;
    *out = ev;
    return OR_OK;
}

or_status
or_eval_check_split(const struct or_eval_input *in, char *err, size_t errlen)
{
    struct or_eval *ev = eval_start(in, NULL, err, errlen);
    or_status st = or_eval_scopes(ev);
    or_eval_free(ev);
    return st;
}

or_status
or_eval_new(const struct or_eval_input *in, struct or_eval **out, char *err, size_t errlen)
{
    return eval_run(in, NULL, 0, out, err, errlen);
}

struct or_dataset *
or_eval_dataset(const struct or_eval *ev)
{
    return ev->in->ds;
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
        g_free(ss->conds);
        g_free(ss->colp);
        g_strfreev(ss->labels);
        g_free(ss->series);
        for (size_t k = 0; ss->sparks != NULL && k < ev->in->tpl->sections[i].nkpis; k++) {
            g_free(ss->sparks[k]);
        }
        g_free(ss->sparks);
        g_free(ss->kpis);
        g_free(ss->kpip);
        g_free(ss->unavailable);
        g_free(ss->text);
        g_free(ss->title);
    }
    g_hash_table_destroy(ev->reports);
    or_eval_drop_indexes(ev);
    if (ev->indexes != NULL) {
        g_ptr_array_free(ev->indexes, TRUE);
    }
    or_eval_split_off(ev); /* every cursor is gone: the views and copies can go */
    for (size_t i = 0; i < ev->n; i++) {
        g_free(ev->state[i].team_table);
        g_free(ev->state[i].types);
    }
    or_sql_sandbox_off(or_dataset_db(ev->in->ds));
    or_eval_pivots_free(ev->pivots);
    g_free(ev->state);
    g_free(ev->sections);
    g_free(ev);
}

or_status
or_eval_check(const struct or_eval_input *given, const char *const *lenient, char *err,
              size_t errlen)
{
    struct or_eval_input in = {.tpl = given->tpl,
                               .ds = given->ds,
                               .tz = given->tz,
                               .tz_name = "UTC",
                               .vars = given->vars,
                               .split = given->split};
    struct or_eval *ev = NULL;
    or_status st = eval_run(&in, lenient, 1, &ev, err, errlen);
    if (st == OR_OK) {
        /* The mail's condition runs on the same tables: its SQL is checked too. */
        int skip = 0;
        char *why = NULL;
        st = or_eval_mail_skip(ev, &skip, &why, err, errlen);
        g_free(why);
    }
    or_eval_free(ev);
    return st;
}

/* SPDX-License-Identifier: MIT */
/* One section of a template: its kind, columns, KPIs and chart. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/suggest.h"
#include "report/tpl_impl.h"

static const char *const section_kinds[OR_SECTION_KIND_COUNT] = {
    [OR_SECTION_TABLE] = "table",           [OR_SECTION_KPIS] = "kpis",
    [OR_SECTION_CHART] = "chart",           [OR_SECTION_TEXT] = "text",
    [OR_SECTION_PAGE_BREAK] = "page_break",
};
static const char *const chart_kinds[OR_CHART_KIND_COUNT] = {
    [OR_CHART_BAR] = "bar",
    [OR_CHART_GROUPED_BAR] = "grouped_bar",
    [OR_CHART_STACKED_BAR] = "stacked_bar",
    [OR_CHART_LINE] = "line",
    [OR_CHART_DONUT] = "donut",
    [OR_CHART_FUNNEL] = "funnel",
    [OR_CHART_TREND] = "trend",
    [OR_CHART_HEATMAP] = "heatmap",
    [OR_CHART_COMBO] = "combo",
    [OR_CHART_STACKED_AREA] = "stacked_area",
};
static const char *const format_names[OR_FMT_COUNT] = {
    [OR_FMT_AUTO] = "auto",         [OR_FMT_INTEGER] = "integer",   [OR_FMT_DECIMAL] = "decimal",
    [OR_FMT_PERCENT] = "percent",   [OR_FMT_DURATION] = "duration", [OR_FMT_DATE] = "date",
    [OR_FMT_DATETIME] = "datetime", [OR_FMT_TEXT] = "text",         [OR_FMT_CURRENCY] = "currency",
};
static const char *const scope_names[] = {"split", "team", "hide"};

int
or_format_parse(const char *s, enum or_format *out)
{
    int f = OR_FMT_AUTO;
    gboolean ok = or_tpl_lookup(format_names, OR_FMT_COUNT, s, &f);
    if (!ok && strcmp(s, "number") == 0) {
        f = OR_FMT_DECIMAL; /* "number" reads as naturally as "decimal" */
        ok = TRUE;
    }
    *out = (enum or_format)f;
    return ok;
}

const char *
or_format_name(enum or_format f)
{
    return (unsigned)f < OR_FMT_COUNT ? format_names[f] : "?";
}

const char *
or_chart_kind_name(enum or_chart_kind k)
{
    return (unsigned)k < OR_CHART_KIND_COUNT ? chart_kinds[k] : "?";
}

/* "unknown format 'percnt' (did you mean percent?; expected ...)". */
static or_status
unknown_name(struct or_tpl_where *w, const char *what, const char *name, const char *const *names,
             int n)
{
    char list[256];
    char hint[96];
    or_tpl_join_names(names, n, list, sizeof(list));
    or_suggest_hint(name, names, (size_t)n, hint, sizeof(hint));
    return or_tpl_fail(w, "%s '%s'%s (expected %s)", what, name, hint, list);
}

static int
valid_id(const char *s)
{
    if (s == NULL || s[0] == '\0') {
        return 0;
    }
    for (const char *p = s; *p != '\0'; p++) {
        if (!(g_ascii_isalnum(*p) || *p == '_' || *p == '-')) {
            return 0;
        }
    }
    return 1;
}

static or_status
load_columns(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s)
{
    static const char *const keys[] = {"label", "format", "align", "good",
                                       "bad",   "scale",  "bars",  NULL};
    static const char *const aligns[] = {"auto", "left", "right", "center"};
    json_t *cols = json_object_get(sec, "columns");
    if (cols == NULL) {
        return OR_OK;
    }
    if (!json_is_object(cols)) {
        return or_tpl_fail(w, "'columns' must be an object of column: {label, format, align}");
    }
    s->columns = g_new0(struct or_tpl_column, json_object_size(cols));
    const char *name;
    json_t *c;
    json_object_foreach(cols, name, c)
    {
        struct or_tpl_column *col = &s->columns[s->ncolumns++];
        col->name = g_strdup(name);
        if (json_is_string(c)) {
            col->label = g_strdup(json_string_value(c));
            continue;
        }
        if (!json_is_object(c)) {
            return or_tpl_fail(w, "column '%s' must be a label string or {label, format, align}",
                               name);
        }
        or_status st = or_tpl_check_keys(w, c, "a column", keys);
        char *fmt = NULL, *align = NULL;
        if (st == OR_OK) {
            st = or_tpl_get_string(w, c, "label", 0, &col->label);
        }
        if (st == OR_OK) {
            st = or_tpl_get_string(w, c, "format", 0, &fmt);
        }
        if (st == OR_OK) {
            st = or_tpl_get_string(w, c, "align", 0, &align);
        }
        if (st == OR_OK && fmt != NULL && !or_format_parse(fmt, &col->format)) {
            char what[160];
            snprintf(what, sizeof(what), "column '%s': unknown format", name);
            st = unknown_name(w, what, fmt, format_names, OR_FMT_COUNT);
        }
        if (st == OR_OK) {
            char owner[160];
            snprintf(owner, sizeof(owner), "column '%s'", name);
            st = or_tpl_load_cond(w, c, owner, 0, &col->cond);
        }
        if (st == OR_OK && align != NULL) {
            if (!or_tpl_lookup(aligns, 4, align, &col->align)) {
                st = or_tpl_fail(w, "column '%s': align must be left, right or center", name);
            }
        }
        g_free(fmt);
        g_free(align);
        if (st != OR_OK) {
            return st;
        }
    }
    return OR_OK;
}

static or_status
load_kpis(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s)
{
    static const char *const keys[] = {
        "label", "value", "previous", "sparkline", "format", "lower_is_better",
        "good",  "bad",   "scale",    "bars",      NULL};
    json_t *kpis = json_object_get(sec, "kpis");
    if (kpis == NULL || !json_is_array(kpis) || json_array_size(kpis) == 0) {
        return or_tpl_fail(w, "a kpis section needs 'kpis': [{label, value, previous, format}]");
    }
    s->kpis = g_new0(struct or_tpl_kpi, json_array_size(kpis));
    size_t i;
    json_t *k;
    json_array_foreach(kpis, i, k)
    {
        struct or_tpl_kpi *kpi = &s->kpis[s->nkpis++];
        if (!json_is_object(k)) {
            return or_tpl_fail(w, "kpi %zu must be an object", i + 1);
        }
        char *fmt = NULL;
        or_status st = or_tpl_check_keys(w, k, "a kpi", keys);
        if (st == OR_OK) {
            st = or_tpl_get_string(w, k, "label", 1, &kpi->label);
        }
        if (st == OR_OK) {
            st = or_tpl_get_string(w, k, "value", 1, &kpi->value_sql);
        }
        if (st == OR_OK) {
            st = or_tpl_get_string(w, k, "previous", 0, &kpi->previous_sql);
        }
        if (st == OR_OK) {
            st = or_tpl_get_string(w, k, "sparkline", 0, &kpi->spark_sql);
        }
        if (st == OR_OK) {
            st = or_tpl_get_bool(w, k, "lower_is_better", 0, &kpi->lower_is_better);
        }
        if (st == OR_OK) {
            char owner[160];
            snprintf(owner, sizeof(owner), "kpi '%s'", kpi->label);
            st = or_tpl_load_cond(w, k, owner, 1, &kpi->cond);
        }
        if (st == OR_OK) {
            st = or_tpl_get_string(w, k, "format", 0, &fmt);
        }
        if (st == OR_OK && fmt != NULL && !or_format_parse(fmt, &kpi->format)) {
            char what[160];
            snprintf(what, sizeof(what), "kpi '%s': unknown format", kpi->label);
            st = unknown_name(w, what, fmt, format_names, OR_FMT_COUNT);
        }
        g_free(fmt);
        if (st != OR_OK) {
            return st;
        }
    }
    return OR_OK;
}

static or_status
load_chart(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s)
{
    char *kind = NULL;
    or_status st = or_tpl_get_string(w, sec, "chart", 1, &kind);
    if (st != OR_OK) {
        return st;
    }
    int k = 0;
    if (!or_tpl_lookup(chart_kinds, OR_CHART_KIND_COUNT, kind, &k)) {
        st = unknown_name(w, "unknown chart", kind, chart_kinds, OR_CHART_KIND_COUNT);
        g_free(kind);
        return st;
    }
    g_free(kind);
    s->chart = (enum or_chart_kind)k;
    st = or_tpl_get_string(w, sec, "x", 1, &s->x);
    if (st == OR_OK) {
        st = or_tpl_get_strv(w, sec, "series", &s->series);
    }
    if (st == OR_OK && s->series == NULL) {
        st = or_tpl_fail(w, "a chart needs 'series': the value column(s)");
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, sec, "x_label", 0, &s->x_label);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, sec, "y_label", 0, &s->y_label);
    }
    if (st == OR_OK) {
        st = or_tpl_get_bool(w, sec, "horizontal", 0, &s->horizontal);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, sec, "mark", 0, &s->mark);
    }
    if (st == OR_OK && s->mark != NULL && s->chart != OR_CHART_TREND) {
        st = or_tpl_fail(w, "'mark' is for trend charts");
    }
    if (st == OR_OK &&
        (s->chart == OR_CHART_DONUT || s->chart == OR_CHART_FUNNEL || s->chart == OR_CHART_BAR) &&
        g_strv_length(s->series) != 1) {
        st = or_tpl_fail(w, "a %s chart takes exactly one series", chart_kinds[s->chart]);
    }
    if (st == OR_OK) {
        st = or_tpl_load_chart_keys(w, sec, s, chart_kinds[s->chart]);
    }
    return st;
}

/* "scope": which documents of a split run show the section. */
static or_status
load_scope(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s)
{
    char *scope = NULL;
    or_status st = or_tpl_get_string(w, sec, "scope", 0, &scope);
    int k = 0;
    if (st == OR_OK && scope != NULL) {
        if (or_tpl_lookup(scope_names, G_N_ELEMENTS(scope_names), scope, &k)) {
            s->scope = (enum or_tpl_scope)(k + 1);
        }
        else {
            st = unknown_name(w, "unknown scope", scope, scope_names, G_N_ELEMENTS(scope_names));
        }
    }
    g_free(scope);
    return st;
}

or_status
or_tpl_load_section(struct or_tpl_where *w, json_t *sec, size_t index, struct or_tpl_section *s)
{
    static const char *const keys[] = {
        "kind",  "id",    "title",  "description", "sql",     "text",       "columns",  "kpis",
        "chart", "x",     "series", "x_label",     "y_label", "horizontal", "formats",  "landscape",
        "mark",  "scope", "pivot",  "y",           "line",    "secondary",  "y2_label", NULL};
    char *kind = NULL;

    snprintf(w->section, sizeof(w->section), "section %zu", index + 1);
    if (!json_is_object(sec)) {
        return or_tpl_fail(w, "must be an object with 'kind'");
    }
    /* The id first: every later message names the section by it. */
    or_status st = or_tpl_get_string(w, sec, "id", 0, &s->id);
    if (st == OR_OK && s->id != NULL && !valid_id(s->id)) {
        st = or_tpl_fail(w, "id '%s': letters, digits, - and _ only (it names files and sheets)",
                         s->id);
    }
    if (st != OR_OK) {
        return st;
    }
    if (s->id != NULL) {
        snprintf(w->section, sizeof(w->section), "section '%s'", s->id);
    }
    st = or_tpl_get_string(w, sec, "kind", 1, &kind);
    if (st != OR_OK) {
        return st;
    }
    int k = 0;
    int pivot = strcmp(kind, "pivot") == 0; /* a table the evaluation pivots */
    if (pivot) {
        k = OR_SECTION_TABLE;
    }
    else if (!or_tpl_lookup(section_kinds, OR_SECTION_KIND_COUNT, kind, &k)) {
        static const char *const all[] = {"table", "kpis", "chart", "text", "page_break", "pivot"};
        st = unknown_name(w, "unknown kind", kind, all, G_N_ELEMENTS(all));
        g_free(kind);
        return st;
    }
    s->kind = (enum or_section_kind)k;
    if (s->id == NULL) {
        s->id = g_strdup_printf("%s-%zu", kind, index + 1);
    }
    g_free(kind);
    snprintf(w->section, sizeof(w->section), "section '%s'", s->id);
    st = or_tpl_check_keys(w, sec, "a section", keys);
    if (st == OR_OK) {
        st = or_tpl_get_string(w, sec, "title", 0, &s->title);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, sec, "description", 0, &s->description);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, sec, "sql",
                               s->kind == OR_SECTION_TABLE || s->kind == OR_SECTION_CHART, &s->sql);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, sec, "text", s->kind == OR_SECTION_TEXT, &s->text);
    }
    if (st == OR_OK) {
        st = or_tpl_get_strv(w, sec, "formats", &s->formats);
    }
    if (st == OR_OK) {
        st = or_tpl_get_bool(w, sec, "landscape", 0, &s->landscape);
    }
    if (st == OR_OK) {
        st = load_scope(w, sec, s);
    }
    if (st == OR_OK) {
        st = load_columns(w, sec, s);
    }
    if (st == OR_OK && s->kind == OR_SECTION_KPIS) {
        st = load_kpis(w, sec, s);
    }
    if (st == OR_OK && s->kind == OR_SECTION_CHART) {
        st = load_chart(w, sec, s);
    }
    if (st == OR_OK && pivot) {
        st = or_tpl_load_pivot(w, sec, s);
    }
    else if (st == OR_OK && json_object_get(sec, "pivot") != NULL) {
        st = or_tpl_fail(w, "'pivot' is for sections of kind \"pivot\"");
    }
    return st;
}

int
or_tpl_section_shows_in(const struct or_tpl_section *s, const char *format)
{
    if (s->formats == NULL) {
        return 1;
    }
    for (char **f = s->formats; *f != NULL; f++) {
        if (g_ascii_strcasecmp(*f, format) == 0) {
            return 1;
        }
    }
    return 0;
}

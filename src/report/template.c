/* SPDX-License-Identifier: MIT */
#include "report/template.h"

#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "or_config.h"

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
};
static const char *const format_names[OR_FMT_COUNT] = {
    [OR_FMT_AUTO] = "auto",         [OR_FMT_INTEGER] = "integer",   [OR_FMT_DECIMAL] = "decimal",
    [OR_FMT_PERCENT] = "percent",   [OR_FMT_DURATION] = "duration", [OR_FMT_DATE] = "date",
    [OR_FMT_DATETIME] = "datetime", [OR_FMT_TEXT] = "text",
};

/* Everything a check needs to say where it is. */
struct where {
    const char *path;
    char section[96];
    char *err;
    size_t errlen;
};

static or_status fail(struct where *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static or_status
fail(struct where *w, const char *fmt, ...)
{
    char msg[OR_ERR_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (w->section[0] != '\0') {
        snprintf(w->err, w->errlen, "%s: %s: %s", w->path, w->section, msg);
    }
    else {
        snprintf(w->err, w->errlen, "%s: %s", w->path, msg);
    }
    return OR_ERR_INVALID;
}

static int
lookup(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++) {
        if (names[i] != NULL && strcmp(names[i], s) == 0) {
            return i;
        }
    }
    return -1;
}

int
or_format_parse(const char *s)
{
    return lookup(format_names, OR_FMT_COUNT, s);
}

static void
join_names(const char *const *names, int n, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && o < len; i++) {
        if (names[i] != NULL) {
            int w = snprintf(buf + o, len - o, "%s%s", o ? ", " : "", names[i]);
            if (w < 0) {
                break;
            }
            o += (size_t)w;
        }
    }
}

/* Refuses keys outside @p allowed: a typo must not silently do nothing. */
static or_status
check_keys(struct where *w, json_t *obj, const char *what, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        int ok = 0;
        for (const char *const *a = allowed; *a != NULL; a++) {
            if (strcmp(*a, key) == 0) {
                ok = 1;
            }
        }
        if (!ok) {
            GString *s = g_string_new(NULL);
            for (const char *const *a = allowed; *a != NULL; a++) {
                g_string_append_printf(s, "%s%s", s->len ? ", " : "", *a);
            }
            or_status st = fail(w, "unknown key '%s' in %s (allowed: %s)", key, what, s->str);
            g_string_free(s, TRUE);
            return st;
        }
    }
    return OR_OK;
}

static or_status
get_string(struct where *w, json_t *obj, const char *key, int required, char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL || json_is_null(v)) {
        return required ? fail(w, "missing '%s'", key) : OR_OK;
    }
    if (!json_is_string(v)) {
        return fail(w, "'%s' must be a string", key);
    }
    if (required && json_string_length(v) == 0) {
        return fail(w, "'%s' is empty", key);
    }
    *out = g_strdup(json_string_value(v));
    return OR_OK;
}

static or_status
get_bool(struct where *w, json_t *obj, const char *key, int dflt, int *out)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (v == NULL) {
        return OR_OK;
    }
    if (!json_is_boolean(v)) {
        return fail(w, "'%s' must be true or false", key);
    }
    *out = json_is_true(v);
    return OR_OK;
}

/* A string or an array of strings into a NULL-terminated vector. */
static or_status
get_strv(struct where *w, json_t *obj, const char *key, char ***out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL) {
        return OR_OK;
    }
    if (json_is_string(v)) {
        *out = g_new0(char *, 2);
        (*out)[0] = g_strdup(json_string_value(v));
        return OR_OK;
    }
    if (!json_is_array(v) || json_array_size(v) == 0) {
        return fail(w, "'%s' must be a string or a non-empty array of strings", key);
    }
    *out = g_new0(char *, json_array_size(v) + 1);
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e)
    {
        if (!json_is_string(e)) {
            return fail(w, "'%s' must hold strings only", key);
        }
        (*out)[i] = g_strdup(json_string_value(e));
    }
    return OR_OK;
}

static int
valid_ident(const char *s)
{
    if (s == NULL || !(g_ascii_islower(s[0]) || s[0] == '_')) {
        return 0;
    }
    for (const char *p = s; *p != '\0'; p++) {
        if (!(g_ascii_islower(*p) || g_ascii_isdigit(*p) || *p == '_')) {
            return 0;
        }
    }
    return strncmp(s, "sqlite_", 7) != 0;
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

/* A param value may be a string, number, boolean or array (joined by commas). */
static char *
param_text(json_t *v)
{
    if (json_is_string(v)) {
        return g_strdup(json_string_value(v));
    }
    if (json_is_integer(v)) {
        return g_strdup_printf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
    }
    if (json_is_real(v)) {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup(g_ascii_dtostr(buf, sizeof(buf), json_real_value(v)));
    }
    if (json_is_boolean(v)) {
        return g_strdup(json_is_true(v) ? "true" : "false");
    }
    if (json_is_array(v)) {
        GString *s = g_string_new(NULL);
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            char *t = param_text(e);
            if (t == NULL) {
                g_string_free(s, TRUE);
                return NULL;
            }
            g_string_append_printf(s, "%s%s", i ? "," : "", t);
            g_free(t);
        }
        return g_string_free(s, FALSE);
    }
    return NULL;
}

static or_status
load_sources(struct where *w, json_t *root, struct or_template *t)
{
    static const char *const keys[] = {"source", "params", "period", "required", NULL};
    json_t *srcs = json_object_get(root, "sources");
    if (srcs == NULL || !json_is_object(srcs) || json_object_size(srcs) == 0) {
        return fail(w, "'sources' must be an object of alias: {source: provider.endpoint}");
    }
    t->sources = g_new0(struct or_tpl_source, json_object_size(srcs));
    const char *alias;
    json_t *s;
    json_object_foreach(srcs, alias, s)
    {
        struct or_tpl_source *src = &t->sources[t->nsources++];
        snprintf(w->section, sizeof(w->section), "source '%s'", alias);
        src->alias = g_strdup(alias);
        if (!valid_ident(alias)) {
            return fail(w, "an alias is a table name in SQL: lower-case letters, digits and _");
        }
        if (!json_is_object(s)) {
            return fail(w, "must be an object with 'source'");
        }
        or_status st = check_keys(w, s, "a source", keys);
        if (st == OR_OK) {
            st = get_string(w, s, "source", 1, &src->source);
        }
        if (st != OR_OK) {
            return st;
        }
        if (strchr(src->source, '.') == NULL) {
            return fail(w, "'source' must be provider.endpoint, e.g. salesfinity.call-log");
        }
        char *period = NULL;
        st = get_string(w, s, "period", 0, &period);
        if (st != OR_OK) {
            return st;
        }
        if (period != NULL && strcmp(period, "previous") != 0 && strcmp(period, "current") != 0) {
            g_free(period);
            return fail(w, "'period' must be \"current\" or \"previous\"");
        }
        src->previous = period != NULL && strcmp(period, "previous") == 0;
        g_free(period);
        st = get_bool(w, s, "required", 1, &src->required);
        if (st != OR_OK) {
            return st;
        }
        json_t *params = json_object_get(s, "params");
        if (params != NULL && !json_is_object(params)) {
            return fail(w, "'params' must be an object of name: value");
        }
        src->params = g_new0(char *, (params ? json_object_size(params) : 0) + 1);
        size_t n = 0;
        const char *pk;
        json_t *pv;
        json_object_foreach(params, pk, pv)
        {
            char *txt = param_text(pv);
            if (txt == NULL) {
                return fail(w, "param '%s' must be a string, number, boolean or array", pk);
            }
            src->params[n++] = g_strdup_printf("%s=%s", pk, txt);
            g_free(txt);
        }
    }
    w->section[0] = '\0';
    return OR_OK;
}

static or_status
load_columns(struct where *w, json_t *sec, struct or_tpl_section *s)
{
    static const char *const keys[] = {"label", "format", "align", NULL};
    static const char *const aligns[] = {"auto", "left", "right", "center"};
    json_t *cols = json_object_get(sec, "columns");
    if (cols == NULL) {
        return OR_OK;
    }
    if (!json_is_object(cols)) {
        return fail(w, "'columns' must be an object of column: {label, format, align}");
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
            return fail(w, "column '%s' must be a label string or {label, format, align}", name);
        }
        or_status st = check_keys(w, c, "a column", keys);
        char *fmt = NULL, *align = NULL;
        if (st == OR_OK) {
            st = get_string(w, c, "label", 0, &col->label);
        }
        if (st == OR_OK) {
            st = get_string(w, c, "format", 0, &fmt);
        }
        if (st == OR_OK) {
            st = get_string(w, c, "align", 0, &align);
        }
        if (st == OR_OK && fmt != NULL) {
            int f = or_format_parse(fmt);
            if (f < 0) {
                char names[256];
                join_names(format_names, OR_FMT_COUNT, names, sizeof(names));
                st = fail(w, "column '%s': unknown format '%s' (expected %s)", name, fmt, names);
            }
            col->format = f < 0 ? OR_FMT_AUTO : (enum or_format)f;
        }
        if (st == OR_OK && align != NULL) {
            int a = lookup(aligns, 4, align);
            if (a < 0) {
                st = fail(w, "column '%s': align must be left, right or center", name);
            }
            col->align = a < 0 ? 0 : a;
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
load_kpis(struct where *w, json_t *sec, struct or_tpl_section *s)
{
    static const char *const keys[] = {"label",  "value",           "previous",
                                       "format", "lower_is_better", NULL};
    json_t *kpis = json_object_get(sec, "kpis");
    if (kpis == NULL || !json_is_array(kpis) || json_array_size(kpis) == 0) {
        return fail(w, "a kpis section needs 'kpis': [{label, value, previous, format}]");
    }
    s->kpis = g_new0(struct or_tpl_kpi, json_array_size(kpis));
    size_t i;
    json_t *k;
    json_array_foreach(kpis, i, k)
    {
        struct or_tpl_kpi *kpi = &s->kpis[s->nkpis++];
        if (!json_is_object(k)) {
            return fail(w, "kpi %zu must be an object", i + 1);
        }
        char *fmt = NULL;
        or_status st = check_keys(w, k, "a kpi", keys);
        if (st == OR_OK) {
            st = get_string(w, k, "label", 1, &kpi->label);
        }
        if (st == OR_OK) {
            st = get_string(w, k, "value", 1, &kpi->value_sql);
        }
        if (st == OR_OK) {
            st = get_string(w, k, "previous", 0, &kpi->previous_sql);
        }
        if (st == OR_OK) {
            st = get_bool(w, k, "lower_is_better", 0, &kpi->lower_is_better);
        }
        if (st == OR_OK) {
            st = get_string(w, k, "format", 0, &fmt);
        }
        if (st == OR_OK && fmt != NULL) {
            int f = or_format_parse(fmt);
            if (f < 0) {
                st = fail(w, "kpi '%s': unknown format '%s'", kpi->label, fmt);
            }
            kpi->format = f < 0 ? OR_FMT_AUTO : (enum or_format)f;
        }
        g_free(fmt);
        if (st != OR_OK) {
            return st;
        }
    }
    return OR_OK;
}

static or_status
load_chart(struct where *w, json_t *sec, struct or_tpl_section *s)
{
    char *kind = NULL;
    or_status st = get_string(w, sec, "chart", 1, &kind);
    if (st != OR_OK) {
        return st;
    }
    int k = lookup(chart_kinds, OR_CHART_KIND_COUNT, kind);
    if (k < 0) {
        char names[256];
        join_names(chart_kinds, OR_CHART_KIND_COUNT, names, sizeof(names));
        st = fail(w, "unknown chart '%s' (expected %s)", kind, names);
        g_free(kind);
        return st;
    }
    g_free(kind);
    s->chart = (enum or_chart_kind)k;
    st = get_string(w, sec, "x", 1, &s->x);
    if (st == OR_OK) {
        st = get_strv(w, sec, "series", &s->series);
    }
    if (st == OR_OK && s->series == NULL) {
        st = fail(w, "a chart needs 'series': the value column(s)");
    }
    if (st == OR_OK) {
        st = get_string(w, sec, "x_label", 0, &s->x_label);
    }
    if (st == OR_OK) {
        st = get_string(w, sec, "y_label", 0, &s->y_label);
    }
    if (st == OR_OK) {
        st = get_bool(w, sec, "horizontal", 0, &s->horizontal);
    }
    if (st == OR_OK &&
        (s->chart == OR_CHART_DONUT || s->chart == OR_CHART_FUNNEL || s->chart == OR_CHART_BAR) &&
        g_strv_length(s->series) != 1) {
        st = fail(w, "a %s chart takes exactly one series", chart_kinds[s->chart]);
    }
    return st;
}

static or_status
load_section(struct where *w, json_t *sec, size_t index, struct or_tpl_section *s)
{
    static const char *const keys[] = {"kind",      "id",      "title",   "description", "sql",
                                       "text",      "columns", "kpis",    "chart",       "x",
                                       "series",    "x_label", "y_label", "horizontal",  "formats",
                                       "landscape", NULL};
    char *kind = NULL;

    snprintf(w->section, sizeof(w->section), "section %zu", index + 1);
    if (!json_is_object(sec)) {
        return fail(w, "must be an object with 'kind'");
    }
    or_status st = get_string(w, sec, "kind", 1, &kind);
    if (st != OR_OK) {
        return st;
    }
    int k = lookup(section_kinds, OR_SECTION_KIND_COUNT, kind);
    if (k < 0) {
        char names[256];
        join_names(section_kinds, OR_SECTION_KIND_COUNT, names, sizeof(names));
        st = fail(w, "unknown kind '%s' (expected %s)", kind, names);
        g_free(kind);
        return st;
    }
    s->kind = (enum or_section_kind)k;
    st = get_string(w, sec, "id", 0, &s->id);
    if (st == OR_OK && s->id == NULL) {
        s->id = g_strdup_printf("%s-%zu", kind, index + 1);
    }
    g_free(kind);
    if (st == OR_OK && !valid_id(s->id)) {
        st = fail(w, "id '%s': letters, digits, - and _ only (it names files and sheets)", s->id);
    }
    if (st != OR_OK) {
        return st;
    }
    snprintf(w->section, sizeof(w->section), "section '%s'", s->id);
    st = check_keys(w, sec, "a section", keys);
    if (st == OR_OK) {
        st = get_string(w, sec, "title", 0, &s->title);
    }
    if (st == OR_OK) {
        st = get_string(w, sec, "description", 0, &s->description);
    }
    if (st == OR_OK) {
        st = get_string(w, sec, "sql", s->kind == OR_SECTION_TABLE || s->kind == OR_SECTION_CHART,
                        &s->sql);
    }
    if (st == OR_OK) {
        st = get_string(w, sec, "text", s->kind == OR_SECTION_TEXT, &s->text);
    }
    if (st == OR_OK) {
        st = get_strv(w, sec, "formats", &s->formats);
    }
    if (st == OR_OK) {
        st = get_bool(w, sec, "landscape", 0, &s->landscape);
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
    return st;
}

char *
or_template_find(const char *name_or_path)
{
    if (g_file_test(name_or_path, G_FILE_TEST_IS_REGULAR)) {
        return g_strdup(name_or_path);
    }
    if (strchr(name_or_path, '/') != NULL) {
        return NULL;
    }
    char *file = g_str_has_suffix(name_or_path, ".json") ? g_strdup(name_or_path)
                                                         : g_strconcat(name_or_path, ".json", NULL);
    GString *dirs = g_string_new(g_getenv("OUTREPORT_TEMPLATE_PATH"));
    g_string_append_printf(dirs, ":%s:%s", OR_TEMPLATE_DIR, OR_SOURCE_TEMPLATE_DIR);
    char **parts = g_strsplit(dirs->str, ":", -1);
    char *found = NULL;
    for (char **d = parts; *d != NULL && found == NULL; d++) {
        if (**d == '\0') {
            continue;
        }
        char *p = g_build_filename(*d, file, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
            found = p;
        }
        else {
            g_free(p);
        }
    }
    g_strfreev(parts);
    g_string_free(dirs, TRUE);
    g_free(file);
    return found;
}

or_status
or_template_load(const char *name_or_path, struct or_template **out, char *err, size_t errlen)
{
    static const char *const keys[] = {"title",    "description", "period",  "sources",
                                       "sections", "$schema",     "comment", NULL};
    struct or_template *t = g_new0(struct or_template, 1);
    struct where w = {.err = err, .errlen = errlen};
    json_error_t jerr;
    json_t *root = NULL;
    or_status st;

    *out = NULL;
    t->path = or_template_find(name_or_path);
    if (t->path == NULL) {
        snprintf(err, errlen,
                 "template '%s' not found (a file path, or a name in $OUTREPORT_TEMPLATE_PATH "
                 "or %s)",
                 name_or_path, OR_TEMPLATE_DIR);
        or_template_free(t);
        return OR_ERR_NOT_FOUND;
    }
    w.path = t->path;
    char *base = g_path_get_basename(t->path);
    if (g_str_has_suffix(base, ".json")) {
        base[strlen(base) - 5] = '\0';
    }
    t->name = base;
    root = json_load_file(t->path, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        snprintf(err, errlen, "%s: invalid JSON at line %d column %d: %s", t->path, jerr.line,
                 jerr.column, jerr.text);
        st = OR_ERR_PARSE;
        goto fail;
    }
    if (!json_is_object(root)) {
        st = fail(&w, "a template is a JSON object");
        goto fail;
    }
    st = check_keys(&w, root, "the template", keys);
    if (st == OR_OK) {
        st = get_string(&w, root, "title", 1, &t->title);
    }
    if (st == OR_OK) {
        st = get_string(&w, root, "description", 0, &t->description);
    }
    if (st == OR_OK) {
        st = get_string(&w, root, "period", 0, &t->period);
    }
    if (st == OR_OK) {
        st = load_sources(&w, root, t);
    }
    if (st != OR_OK) {
        goto fail;
    }
    json_t *secs = json_object_get(root, "sections");
    if (secs == NULL || !json_is_array(secs) || json_array_size(secs) == 0) {
        st = fail(&w, "'sections' must be a non-empty array");
        goto fail;
    }
    t->sections = g_new0(struct or_tpl_section, json_array_size(secs));
    size_t i;
    json_t *sec;
    json_array_foreach(secs, i, sec)
    {
        st = load_section(&w, sec, i, &t->sections[t->nsections++]);
        if (st != OR_OK) {
            goto fail;
        }
        for (size_t j = 0; j + 1 < t->nsections; j++) {
            if (strcmp(t->sections[j].id, t->sections[i].id) == 0) {
                st = fail(&w, "id '%s' is used twice", t->sections[i].id);
                goto fail;
            }
        }
    }
    json_decref(root);
    *out = t;
    return OR_OK;

fail:
    json_decref(root);
    or_template_free(t);
    return st;
}

void
or_template_free(struct or_template *t)
{
    if (t == NULL) {
        return;
    }
    for (size_t i = 0; i < t->nsources; i++) {
        g_free(t->sources[i].alias);
        g_free(t->sources[i].source);
        g_strfreev(t->sources[i].params);
    }
    g_free(t->sources);
    for (size_t i = 0; i < t->nsections; i++) {
        struct or_tpl_section *s = &t->sections[i];
        g_free(s->id);
        g_free(s->title);
        g_free(s->description);
        g_free(s->sql);
        g_free(s->text);
        for (size_t c = 0; c < s->ncolumns; c++) {
            g_free(s->columns[c].name);
            g_free(s->columns[c].label);
        }
        g_free(s->columns);
        for (size_t k = 0; k < s->nkpis; k++) {
            g_free(s->kpis[k].label);
            g_free(s->kpis[k].value_sql);
            g_free(s->kpis[k].previous_sql);
        }
        g_free(s->kpis);
        g_free(s->x);
        g_strfreev(s->series);
        g_free(s->x_label);
        g_free(s->y_label);
        g_strfreev(s->formats);
    }
    g_free(t->sections);
    g_free(t->path);
    g_free(t->name);
    g_free(t->title);
    g_free(t->description);
    g_free(t->period);
    g_free(t);
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

/* SPDX-License-Identifier: MIT */
#include "report/template.h"

#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/period.h"
#include "base/status_str.h"
#include "base/selfpath.h"
#include "base/valuefmt.h"
#include "or_config.h"
#include "report/tpl_impl.h"

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
load_sources(struct or_tpl_where *w, json_t *root, struct or_template *t)
{
    static const char *const keys[] = {"source", "params", "period", "required", NULL};
    json_t *srcs = json_object_get(root, "sources");
    if (srcs == NULL || !json_is_object(srcs) || json_object_size(srcs) == 0) {
        return or_tpl_fail(w, "'sources' must be an object of alias: {source: provider.endpoint}");
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
            return or_tpl_fail(w,
                               "an alias is a table name in SQL: lower-case letters, digits and _");
        }
        if (!json_is_object(s)) {
            return or_tpl_fail(w, "must be an object with 'source'");
        }
        or_status st = or_tpl_check_keys(w, s, "a source", keys);
        if (st == OR_OK) {
            st = or_tpl_get_string(w, s, "source", 1, &src->source);
        }
        if (st != OR_OK) {
            return st;
        }
        if (strchr(src->source, '.') == NULL) {
            return or_tpl_fail(w, "'source' must be provider.endpoint, e.g. salesfinity.call-log");
        }
        char *period = NULL;
        st = or_tpl_get_string(w, s, "period", 0, &period);
        if (st != OR_OK) {
            return st;
        }
        struct or_period probe;
        char perr[OR_ERR_SIZE];
        if (period != NULL && strcmp(period, "previous") != 0 && strcmp(period, "current") != 0 &&
            or_period_resolve(period, NULL, 1, 0, &probe, perr, sizeof(perr)) != OR_OK) {
            g_free(period);
            return or_tpl_fail(w,
                               "'period' must be \"current\", \"previous\" or a period such as "
                               "\"last-12-weeks\", \"last-quarter\", \"rolling-28-days\": %s",
                               perr);
        }
        src->previous = period != NULL && strcmp(period, "previous") == 0;
        if (period != NULL && strcmp(period, "previous") != 0 && strcmp(period, "current") != 0) {
            src->period = period;
        }
        else {
            g_free(period);
        }
        st = or_tpl_get_bool(w, s, "required", 1, &src->required);
        if (st != OR_OK) {
            return st;
        }
        json_t *params = json_object_get(s, "params");
        if (params != NULL && !json_is_object(params)) {
            return or_tpl_fail(w, "'params' must be an object of name: value");
        }
        src->params = g_new0(char *, (params ? json_object_size(params) : 0) + 1);
        size_t n = 0;
        const char *pk;
        json_t *pv;
        json_object_foreach(params, pk, pv)
        {
            char *txt = param_text(pv);
            if (txt == NULL) {
                return or_tpl_fail(w, "param '%s' must be a string, number, boolean or array", pk);
            }
            src->params[n++] = g_strdup_printf("%s=%s", pk, txt);
            g_free(txt);
        }
    }
    w->section[0] = '\0';
    return OR_OK;
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
    /* Installed, the installed templates; in its build tree, the source's
     * (never an older installed copy, nor a source tree from an installed binary). */
    g_string_append_printf(dirs, ":%s",
                           or_self_in_build_tree() ? OR_SOURCE_TEMPLATE_DIR : OR_TEMPLATE_DIR);
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

/* The sections, each with an id of its own. */
static or_status
load_sections(struct or_tpl_where *w, json_t *root, struct or_template *t)
{
    json_t *secs = json_object_get(root, "sections");
    if (secs == NULL || !json_is_array(secs) || json_array_size(secs) == 0) {
        return or_tpl_fail(w, "'sections' must be a non-empty array");
    }
    t->sections = g_new0(struct or_tpl_section, json_array_size(secs));
    size_t i;
    json_t *sec;
    json_array_foreach(secs, i, sec)
    {
        or_status st = or_tpl_load_section(w, sec, i, &t->sections[t->nsections++]);
        if (st != OR_OK) {
            return st;
        }
        for (size_t j = 0; j + 1 < t->nsections; j++) {
            if (strcmp(t->sections[j].id, t->sections[i].id) == 0) {
                return or_tpl_fail(w, "id '%s' is used twice", t->sections[i].id);
            }
        }
    }
    return OR_OK;
}

/* "vars": {"name": default, ...}: names usable as :name in SQL and {name} in params. */
static or_status
load_vars(struct or_tpl_where *w, json_t *root, struct or_template *t)
{
    json_t *vars = json_object_get(root, "vars");
    size_t n = vars != NULL && json_is_object(vars) ? json_object_size(vars) : 0;
    t->var_names = g_new0(char *, n + 1);
    t->var_defaults = g_new0(char *, n + 1);
    if (vars == NULL) {
        return OR_OK;
    }
    if (!json_is_object(vars)) {
        return or_tpl_fail(w, "'vars' must be an object of name: default value");
    }
    static const char *const reserved[] = {"period_start", "period_end", "prev_start",
                                           "prev_end",     "tz",         "split_column",
                                           "split_value",  NULL};
    size_t i = 0;
    const char *name;
    json_t *v;
    json_object_foreach(vars, name, v)
    {
        char *text = json_is_array(v) ? NULL : param_text(v);
        if (!valid_ident(name) || g_strv_contains(reserved, name) || text == NULL) {
            g_free(text);
            return or_tpl_fail(w,
                               "variable '%s': a name of lower-case letters, digits and _ (not "
                               "a parameter of its own such as :period_start) with a string, "
                               "number or boolean default",
                               name);
        }
        t->var_names[i] = g_strdup(name);
        t->var_defaults[i++] = text;
    }
    return OR_OK;
}

const char *
or_template_var(const struct or_template *t, const char *const *given, const char *name)
{
    const char *found = NULL;
    size_t len = strlen(name);
    for (size_t i = 0; given != NULL && given[i] != NULL; i++) {
        if (strncmp(given[i], name, len) == 0 && given[i][len] == '=') {
            found = given[i] + len + 1;
        }
    }
    for (size_t i = 0; t->var_names != NULL && t->var_names[i] != NULL; i++) {
        if (strcmp(t->var_names[i], name) == 0) {
            return found != NULL ? found : t->var_defaults[i];
        }
    }
    return NULL;
}

or_status
or_template_check_vars(const struct or_template *t, const char *const *given, char *err,
                       size_t errlen)
{
    for (size_t i = 0; given != NULL && given[i] != NULL; i++) {
        const char *eq = strchr(given[i], '=');
        char *name = g_strndup(given[i], eq != NULL ? (size_t)(eq - given[i]) : strlen(given[i]));
        int known = eq != NULL && or_template_var(t, NULL, name) != NULL;
        if (!known) {
            char *list = g_strjoinv(", ", t->var_names);
            or_set_err(err, errlen, "--var %s: %s (%s declares %s)", given[i],
                       eq == NULL ? "expected KEY=VALUE" : "no such variable", t->path,
                       *list != '\0' ? list : "no variables");
            g_free(list);
        }
        g_free(name);
        if (!known) {
            return OR_ERR_CONFIG;
        }
    }
    return OR_OK;
}

char *
or_template_expand(const struct or_template *t, const char *const *given, const char *text)
{
    GString *out = g_string_new(NULL);
    for (const char *p = text; *p != '\0'; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        char *name = close != NULL ? g_strndup(p + 1, (size_t)(close - p - 1)) : NULL;
        const char *v = name != NULL ? or_template_var(t, given, name) : NULL;
        if (v != NULL) {
            g_string_append(out, v);
            p = close;
        }
        else {
            g_string_append_c(out, *p);
        }
        g_free(name);
    }
    return g_string_free(out, FALSE);
}

/* "mail": {"intro": TEXT, "skip_if": SQL}: how the report is mailed. */
static or_status
load_mail(struct or_tpl_where *w, json_t *root, struct or_template *t)
{
    static const char *const keys[] = {"intro", "skip_if", NULL};
    json_t *mail = json_object_get(root, "mail");
    if (mail == NULL) {
        return OR_OK;
    }
    if (!json_is_object(mail)) {
        return or_tpl_fail(w, "'mail' must be an object with \"intro\" and \"skip_if\"");
    }
    or_status st = or_tpl_check_keys(w, mail, "'mail'", keys);
    if (st == OR_OK) {
        st = or_tpl_get_string(w, mail, "intro", 0, &t->mail_intro);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, mail, "skip_if", 0, &t->mail_skip_if);
    }
    if (st == OR_OK && t->mail_skip_if != NULL && *g_strstrip(t->mail_skip_if) == '\0') {
        st = or_tpl_fail(w, "'mail' 'skip_if' is empty: give an SQL condition such as "
                            "\"(SELECT count(*) FROM calls) = 0\"");
    }
    return st;
}

/* Everything of the template's JSON object. */
static or_status
load_root(struct or_tpl_where *w, json_t *root, struct or_template *t)
{
    static const char *const keys[] = {"title",    "description", "period", "sources",
                                       "sections", "currency",    "mail",   "$schema",
                                       "comment",  "vars",        NULL};
    if (!json_is_object(root)) {
        return or_tpl_fail(w, "a template is a JSON object");
    }
    or_status st = or_tpl_check_keys(w, root, "the template", keys);
    if (st == OR_OK) {
        st = or_tpl_get_string(w, root, "title", 1, &t->title);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, root, "description", 0, &t->description);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, root, "period", 0, &t->period);
    }
    if (st == OR_OK) {
        st = load_vars(w, root, t);
    }
    if (st == OR_OK) {
        st = load_sources(w, root, t);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, root, "currency", 0, &t->currency);
    }
    if (st == OR_OK && t->currency != NULL && !or_currency_valid(t->currency)) {
        st = or_tpl_fail(w, "'currency' must be an ISO 4217 code such as EUR or USD, not '%s'",
                         t->currency);
    }
    if (st == OR_OK) {
        st = load_mail(w, root, t);
    }
    if (st == OR_OK) {
        st = load_sections(w, root, t);
    }
    w->section[0] = '\0';
    if (st == OR_OK && t->currency == NULL && or_template_uses_format(t, OR_FMT_CURRENCY)) {
        st = or_tpl_fail(w, "format \"currency\" needs the template's \"currency\": its ISO "
                            "4217 code, e.g. \"currency\": \"EUR\"");
    }
    return st;
}

int
or_template_uses_format(const struct or_template *t, enum or_format f)
{
    for (size_t i = 0; i < t->nsections; i++) {
        const struct or_tpl_section *s = &t->sections[i];
        for (size_t c = 0; c < s->ncolumns; c++) {
            if (s->columns[c].format == f) {
                return 1;
            }
        }
        for (size_t k = 0; k < s->nkpis; k++) {
            if (s->kpis[k].format == f) {
                return 1;
            }
        }
    }
    return 0;
}

or_status
or_template_load(const char *name_or_path, struct or_template **out, char *err, size_t errlen)
{
    struct or_template *t = g_new0(struct or_template, 1);
    struct or_tpl_where w = {.err = err, .errlen = errlen};
    json_error_t jerr;
    json_t *root = NULL;
    or_status st;

    *out = NULL;
    t->path = or_template_find(name_or_path);
    if (t->path == NULL) {
        or_set_err(err, errlen,
                   "template '%s' not found (a file path, or a name in $OUTREPORT_TEMPLATE_PATH "
                   "or %s)",
                   name_or_path,
                   or_self_in_build_tree() ? OR_SOURCE_TEMPLATE_DIR : OR_TEMPLATE_DIR);
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
        or_set_err(err, errlen, "%s: invalid JSON at line %d column %d: %s", t->path, jerr.line,
                   jerr.column, jerr.text);
        st = OR_ERR_PARSE;
    }
    else {
        st = load_root(&w, root, t);
    }
    json_decref(root);
    if (st != OR_OK) {
        or_template_free(t);
        return st;
    }
    *out = t;
    return OR_OK;
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
        g_free(t->sources[i].period);
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
            g_free(s->kpis[k].spark_sql);
        }
        g_free(s->kpis);
        g_free(s->x);
        g_strfreev(s->series);
        g_free(s->x_label);
        g_free(s->y_label);
        g_free(s->mark);
        or_tpl_pivot_free(s->pivot);
        g_free(s->y);
        g_strfreev(s->line);
        g_free(s->y2_label);
        g_strfreev(s->formats);
    }
    g_free(t->sections);
    g_strfreev(t->var_names);
    g_strfreev(t->var_defaults);
    g_free(t->path);
    g_free(t->name);
    g_free(t->title);
    g_free(t->description);
    g_free(t->period);
    g_free(t->currency);
    g_free(t->mail_intro);
    g_free(t->mail_skip_if);
    g_free(t);
}

/* SPDX-License-Identifier: MIT */
#include "job/plan.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "base/catalog.h"
#include "base/log.h"
#include "base/status_str.h"
#include "deliver/deliver.h"
#include "job/jobctx.h"
#include "job/outdir.h"
#include "report/chart_gate.h"
#include "report/output.h"

static void set_zone(struct or_plan *p);

static void
plan_start(struct or_plan *p, const struct or_job *job, const struct or_config *cfg,
           const struct or_registry *reg)
{
    memset(p, 0, sizeof(*p));
    p->job = job;
    p->cfg = cfg;
    p->reg = reg;
    p->owned = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
}

/* Resolves one source to its plugin and endpoint and checks its parameters. */
static or_status
resolve(struct or_plan *p, struct or_source *s, const char *const *kv, size_t nkv, char *err,
        size_t errlen)
{
    or_status st = or_registry_source(p->reg, s->name, &s->plugin, &s->ep, err, errlen);
    if (st == OR_OK) {
        st = or_params_parse(s->name, s->ep, kv, nkv, &s->params, err, errlen);
    }
    return st;
}

/* A source's parameters with {variables} filled in, owned by the plan. */
static char **
expand_params(struct or_plan *p, char *const *params)
{
    const char *const *vars = (const char *const *)p->vars;
    char **out = g_new0(char *, g_strv_length((char **)params) + 1);
    for (size_t i = 0; params[i] != NULL; i++) {
        out[i] = or_template_expand(p->tpl, vars, params[i]);
    }
    g_ptr_array_add(p->owned, out);
    return out;
}

/* Every source of the template; a problem is the template's (exit 2). */
static or_status
template_sources(struct or_plan *p, char *err, size_t errlen)
{
    const struct or_template *t = p->tpl;
    p->vars = g_new0(char *, p->job->vars->len + 1);
    for (guint i = 0; i < p->job->vars->len; i++) {
        p->vars[i] = g_strdup(g_ptr_array_index(p->job->vars, i));
    }
    g_ptr_array_add(p->owned, p->vars);
    or_status vst = or_template_check_vars(t, (const char *const *)p->vars, err, errlen);
    if (vst != OR_OK) {
        return vst;
    }
    p->sources = g_new0(struct or_source, t->nsources > 0 ? t->nsources : 1);
    p->nsources = t->nsources;
    for (size_t i = 0; i < t->nsources; i++) {
        const struct or_tpl_source *ts = &t->sources[i];
        struct or_source *s = &p->sources[i];
        char inner[OR_ERR_SIZE];
        s->alias = ts->alias;
        s->name = ts->source;
        s->param_text = expand_params(p, ts->params);
        s->previous = ts->previous;
        s->required = ts->required;
        if (resolve(p, s, (const char *const *)s->param_text, g_strv_length((char **)s->param_text),
                    inner, sizeof(inner)) != OR_OK) {
            or_set_err(err, errlen, "%s: source '%s': %s", t->path, ts->alias, inner);
            return OR_ERR_CONFIG;
        }
    }
    return OR_OK;
}

/* Whether source @p s declares column @p col (or learns its columns from the data). */
static int
declares(const struct or_source *s, const char *col)
{
    if (s->ep->dynamic_columns) {
        return 1;
    }
    for (size_t c = 0; c < s->ep->ncolumns; c++) {
        if (strcmp(s->ep->columns[c]->name, col) == 0) {
            return 1;
        }
    }
    return 0;
}

/* --split-by and --split-label name columns the sources have: found now,
 * not after the fetch. */
static or_status
check_split(struct or_plan *p, char *err, size_t errlen)
{
    const char *by = p->job->split_by;
    if (by == NULL) {
        return OR_OK;
    }
    char **cols = g_strsplit(by, ",", -1);
    const char *first = g_strstrip(cols[0]);
    const char *label = p->job->split_label;
    int has = 0, labelled = label == NULL;
    GString *tables = g_string_new(NULL);
    for (size_t i = 0; i < p->nsources; i++) {
        const struct or_source *s = &p->sources[i];
        g_string_append_printf(tables, "%s%s", tables->len ? ", " : "", s->alias);
        if (declares(s, first)) {
            has = 1;
            labelled = labelled || declares(s, label);
        }
    }
    or_status st = OR_OK;
    if (!has || *first == '\0') {
        or_set_err(err, errlen, "--split-by %s: no source of %s has a column %s (its tables: %s)",
                   by, p->tpl->path, first, tables->str);
        st = OR_ERR_INVALID;
    }
    else if (!labelled) {
        or_set_err(err, errlen,
                   "--split-label %s: no source of %s with a column %s has a column %s", label,
                   p->tpl->path, first, label);
        st = OR_ERR_INVALID;
    }
    g_string_free(tables, TRUE);
    g_strfreev(cols);
    return st;
}

or_status
or_plan_template(struct or_plan *p, const struct or_job *job, const struct or_config *cfg,
                 const struct or_registry *reg, char *err, size_t errlen)
{
    plan_start(p, job, cfg, reg);
    or_status st = or_template_load(job->target, &p->tpl, err, errlen);
    if (st == OR_OK) {
        st = template_sources(p, err, errlen);
    }
    if (st == OR_OK) {
        st = check_split(p, err, errlen);
    }
    if (st != OR_OK) {
        return OR_ERR_CONFIG; /* a template problem is a usage error (exit 2) */
    }
    st = or_job_zone(job, cfg, &p->tz, &p->tz_name, err, errlen);
    set_zone(p);
    if (st == OR_OK) {
        st = or_job_sql_limits(cfg, &p->limits, err, errlen);
    }
    return st;
}

/* Formats to write: the job's, else every loaded renderer among pdf, xlsx, csv. */
static or_status
pick_formats(struct or_plan *p, char *err, size_t errlen)
{
    const char *want = p->job->formats;
    char **list = g_strsplit(want != NULL ? want : "pdf,xlsx,csv", ",", -1);
    GPtrArray *ok = g_ptr_array_new();
    or_status st = OR_OK;
    for (char **f = list; *f != NULL && st == OR_OK; f++) {
        g_strstrip(*f);
        int again = **f == '\0';
        for (guint i = 0; i < ok->len; i++) {
            again = again || g_ascii_strcasecmp(g_ptr_array_index(ok, i), *f) == 0;
        }
        if (again) {
            continue; /* one document set per format (they render at once) */
        }
        if (or_registry_renderer(p->reg, *f) != NULL) {
            g_ptr_array_add(ok, g_strdup(*f));
        }
        else if (want != NULL) {
            or_set_err(err, errlen, "--format %s: no renderer plugin for it is loaded", *f);
            st = OR_ERR_NOT_FOUND;
        }
    }
    g_strfreev(list);
    if (st == OR_OK && ok->len == 0) {
        or_set_err(err, errlen, "no renderer plugin loaded; check --plugin-dir");
        st = OR_ERR_NOT_FOUND;
    }
    g_ptr_array_add(ok, NULL);
    p->formats = (char **)g_ptr_array_free(ok, FALSE);
    return st;
}

/* Every source is fetched in the job's zone. */
static void
set_zone(struct or_plan *p)
{
    for (size_t i = 0; i < p->nsources; i++) {
        p->sources[i].tz = p->tz;
        p->sources[i].tz_name = p->tz_name;
    }
}

/* Every source gets its period: the report's, the comparison one, or its
 * own ("last-12-weeks") counted back from the day after the report period. */
static or_status
source_periods(struct or_plan *p, char *err, size_t errlen)
{
    const char *ws = or_config_get(p->cfg, "report", "week_start");
    for (size_t i = 0; i < p->nsources; i++) {
        struct or_source *s = &p->sources[i];
        const char *own = p->tpl != NULL ? p->tpl->sources[i].period : NULL;
        s->has_period = p->have_period;
        s->period = s->previous ? p->previous : p->period;
        if (own != NULL && p->have_period) {
            char inner[OR_ERR_SIZE];
            if (or_period_resolve(own, p->tz, or_week_start_parse(ws != NULL ? ws : "monday"),
                                  p->period.end, &s->period, inner, sizeof(inner)) != OR_OK) {
                or_set_err(err, errlen, "%s: source '%s': %s", p->tpl->path, s->alias, inner);
                return OR_ERR_CONFIG;
            }
        }
    }
    return OR_OK;
}

/* Mail settings are checked before anything is fetched. */
static or_status
mail_server(struct or_plan *p, char *err, size_t errlen)
{
    or_status st =
        or_deliver_check(p->job->mail_to, p->job->mail_cc, p->job->split_by, err, errlen);
    if (st != OR_OK || p->job->mail_to->len == 0) {
        return st;
    }
    st = or_mail_server_from_config(p->cfg, &p->srv, err, errlen);
    p->have_srv = st == OR_OK;
    if (st != OR_OK && p->job->dry_run) {
        or_log(OR_LOG_WARN, "%s (--dry-run goes on)", err);
        memset(&p->srv, 0, sizeof(p->srv));
        p->srv.from = g_strdup("outreport@localhost");
        p->have_srv = 1;
        st = OR_OK;
    }
    return st;
}

static or_status
make_dir(const char *dir, char *err, size_t errlen)
{
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        or_set_err(err, errlen, "--out %s: cannot create the folder: %s", dir, g_strerror(errno));
        return OR_ERR_IO;
    }
    return OR_OK;
}

/* The documents' locale: --locale, else [report] locale, else none (neutral). */
static or_status
plan_locale(struct or_plan *p, char *err, size_t errlen)
{
    const char *tag = p->job->locale;
    const char *where = "--locale";
    if (tag == NULL) {
        tag = or_config_get(p->cfg, "report", "locale");
        where = "[report] locale";
    }
    if (tag == NULL || tag[0] == '\0') {
        return OR_OK;
    }
    char inner[OR_ERR_SIZE];
    if (or_locale_load(tag, &p->loc, inner, sizeof(inner)) != OR_OK) {
        if (p->job->locale == NULL && or_config_path(p->cfg) != NULL) {
            or_set_err(err, errlen, "%s: %s: %s", or_config_path(p->cfg), where, inner);
        }
        else {
            or_set_err(err, errlen, "%s: %s", where, inner);
        }
        return OR_ERR_CONFIG;
    }
    if (p->have_period) {
        /* "16.–22. Nov. 2026": the label documents and mail subjects show */
        struct or_period *const periods[] = {&p->period, &p->previous};
        for (size_t i = 0; i < 2; i++) {
            struct or_period *pr = periods[i];
            or_locale_period_label(p->loc, pr->first_day, pr->last_day, pr->kind == OR_PERIOD_MONTH,
                                   pr->kind == OR_PERIOD_QUARTER, pr->label, sizeof(pr->label));
        }
    }
    if (!or_catalog_has_language(tag)) {
        or_log(OR_LOG_WARN,
               "%s %s: no catalogue of built-in texts for its language (i18n/); "
               "they stay English",
               where, tag);
    }
    return OR_OK;
}

or_status
or_plan_report(struct or_plan *p, struct or_job *job, const struct or_config *cfg,
               const struct or_registry *reg, char *err, size_t errlen)
{
    or_status st = or_plan_template(p, job, cfg, reg, err, errlen);
    if (st == OR_OK) {
        st = pick_formats(p, err, errlen);
    }
    if (st == OR_OK) {
        /* A chart a chosen renderer predates: refused before any fetch. */
        st = or_chart_gate_template(p->tpl, p->reg, p->formats, err, errlen);
    }
    if (st == OR_OK) {
        const char *dflt = p->tpl->period != NULL ? p->tpl->period : "last-week";
        st = or_job_period(job, cfg, p->tz, dflt, &p->period, &p->have_period, err, errlen);
    }
    if (st == OR_OK && p->have_period) {
        const char *ws = or_config_get(cfg, "report", "week_start");
        or_period_previous(&p->period, p->tz, or_week_start_parse(ws ? ws : "monday"),
                           &p->previous);
    }
    if (st == OR_OK) {
        st = source_periods(p, err, errlen);
    }
    if (st == OR_OK) {
        st = mail_server(p, err, errlen);
    }
    if (st == OR_OK) {
        st = or_out_fill(job, p->have_period ? &p->period : NULL, p->tpl->name, err, errlen);
    }
    if (st == OR_OK) {
        st = or_brand_load(cfg, &p->brand, err, errlen);
    }
    if (st == OR_OK) {
        st = plan_locale(p, err, errlen);
    }
    if (st == OR_OK) {
        st = make_dir(job->out_dir, err, errlen);
    }
    return st;
}

/* The renderer -o's extension names, and a folder that can be written. */
static or_status
check_output(struct or_plan *p, char *err, size_t errlen)
{
    const char *out = p->job->output;
    const char *ext = or_output_extension(out);
    if (*ext == '\0') {
        or_set_err(err, errlen, "-o %s: no file extension to choose the format by (e.g. .csv)",
                   out);
        return OR_ERR_INVALID;
    }
    p->renderer = or_registry_renderer(p->reg, ext);
    if (p->renderer == NULL) {
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < p->reg->nplugins; i++) {
            if (p->reg->plugins[i].desc->kind == OR_PLUGIN_RENDERER) {
                g_string_append_printf(s, "%s.%s", s->len ? ", " : "",
                                       p->reg->plugins[i].desc->renderer->format);
            }
        }
        or_set_err(err, errlen, "-o %s: no renderer for .%s (available: %s)", out, ext,
                   s->len ? s->str : "none loaded; check --plugin-dir");
        g_string_free(s, TRUE);
        return OR_ERR_NOT_FOUND;
    }
    char *dir = g_path_get_dirname(out);
    int ok = access(dir, W_OK) == 0;
    if (!ok) {
        or_set_err(err, errlen, "-o %s: cannot write to folder %s: %s", out, dir,
                   g_strerror(errno));
    }
    g_free(dir);
    return ok ? OR_OK : OR_ERR_IO;
}

or_status
or_plan_fetch(struct or_plan *p, const struct or_job *job, const struct or_config *cfg,
              const struct or_registry *reg, char *err, size_t errlen)
{
    plan_start(p, job, cfg, reg);
    p->sources = g_new0(struct or_source, 1);
    p->nsources = 1;
    struct or_source *s = &p->sources[0];
    s->name = job->target;
    s->required = 1;
    or_status st = or_registry_source(reg, s->name, &s->plugin, &s->ep, err, errlen);
    if (st == OR_OK) {
        s->alias = s->ep->table;
        st = check_output(p, err, errlen);
    }
    if (st == OR_OK) {
        st = or_params_parse(s->name, s->ep, (const char *const *)job->params->pdata,
                             job->params->len, &s->params, err, errlen);
    }
    if (st == OR_OK) {
        st = or_job_zone(job, cfg, &p->tz, &p->tz_name, err, errlen);
    }
    if (st == OR_OK) {
        st = or_job_period(job, cfg, p->tz, NULL, &p->period, &p->have_period, err, errlen);
    }
    set_zone(p);
    if (st == OR_OK) {
        st = source_periods(p, err, errlen);
    }
    return st;
}

void
or_plan_release(struct or_plan *p)
{
    for (size_t i = 0; i < p->nsources; i++) {
        or_source_release(&p->sources[i]);
    }
    g_free(p->sources);
    g_strfreev(p->formats);
    or_brand_free(p->brand);
    or_locale_free(p->loc);
    if (p->have_srv) {
        or_mail_server_release(&p->srv);
    }
    if (p->tz != NULL) {
        g_time_zone_unref(p->tz);
    }
    g_free(p->tz_name);
    or_template_free(p->tpl);
    if (p->owned != NULL) {
        g_ptr_array_free(p->owned, TRUE);
    }
    memset(p, 0, sizeof(*p));
}

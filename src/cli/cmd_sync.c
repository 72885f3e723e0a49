/* SPDX-License-Identifier: MIT */
/* `outreport sync [SOURCE...]`: brings the store up to date (job/sync.h). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/json_text.h"
#include "base/log.h"
#include "base/status_str.h"
#include "base/timeutil.h"
#include "cli/cli.h"
#include "job/jobctx.h"
#include "job/jobstore.h"
#include "job/sync.h"
#include "or_config.h"

/* Days a sync covers when the command line names none: the last four weeks and today. */
#define DEFAULT_DAYS 28

struct sync_cmd {
    struct or_job job;
    GTimeZone *tz;
    char *tz_name;
    struct or_period period;
    GArray *sources; /* struct or_source */
};

static or_status
add_source(struct sync_cmd *c, const struct or_registry *reg, const char *name, int required,
           char *err, size_t errlen)
{
    struct or_source s = {0};
    s.name = name;
    s.required = required;
    or_status st = or_registry_source(reg, name, &s.plugin, &s.ep, err, errlen);
    if (st == OR_OK) {
        s.alias = s.ep->table;
        st = or_params_parse(name, s.ep, (const char *const *)c->job.params->pdata,
                             c->job.params->len, &s.params, err, errlen);
    }
    s.tz = c->tz;
    s.tz_name = c->tz_name;
    s.period = c->period;
    s.has_period = 1;
    g_array_append_val(c->sources, s);
    return st;
}

/* SOURCE arguments, else every endpoint of every provider (each optional). */
static or_status
pick_sources(struct sync_cmd *c, const struct or_app *app, char *err, size_t errlen)
{
    const struct or_cli *cli = app->cli;
    if (cli->nargs != 1 && c->job.params->len > 0) {
        or_set_err(err, errlen, "--param needs exactly one SOURCE");
        return OR_ERR_INVALID;
    }
    for (int i = 0; i < cli->nargs; i++) {
        or_status st = add_source(c, app->reg, cli->args[i], 1, err, errlen);
        if (st != OR_OK) {
            return st;
        }
    }
    for (size_t i = 0; cli->nargs == 0 && i < app->reg->nplugins; i++) {
        const struct or_plugin *p = app->reg->plugins[i].desc;
        for (size_t k = 0; p->kind == OR_PLUGIN_PROVIDER && k < p->provider->nendpoints; k++) {
            char *name = g_strdup_printf("%s.%s", p->name, p->provider->endpoints[k]->name);
            or_status st = add_source(c, app->reg, g_intern_string(name), 0, err, errlen);
            g_free(name);
            if (st != OR_OK) {
                return st;
            }
        }
    }
    return OR_OK;
}

/* --since DATE (through today), --period, --from/--to, else the last 28 days and today. */
static or_status
pick_period(struct sync_cmd *c, const struct or_app *app, int64_t now, char *err, size_t errlen)
{
    const char *since = app->cli->since;
    int have = 0;
    if (since != NULL && (c->job.period != NULL || c->job.from != NULL)) {
        or_set_err(err, errlen, "--since cannot go with --period or --from/--to");
        return OR_ERR_INVALID;
    }
    if (since == NULL) {
        or_status st =
            or_job_period(&c->job, app->cfg, c->tz, NULL, &c->period, &have, err, errlen);
        if (st != OR_OK || have) {
            return st;
        }
    }
    struct or_local_time lt;
    or_time_local(now, c->tz, &lt);
    char today[11], first[11];
    snprintf(today, sizeof(today), "%04d-%02d-%02d", lt.year, lt.month, lt.day);
    int y, m, d;
    or_civil_from_days(or_days_from_civil(lt.year, lt.month, lt.day) - DEFAULT_DAYS, &y, &m, &d);
    snprintf(first, sizeof(first), "%04d-%02d-%02d", y, m, d);
    char inner[OR_ERR_SIZE];
    or_status st = or_period_from_to(since != NULL ? since : first, today, c->tz, now, &c->period,
                                     inner, sizeof(inner));
    if (st != OR_OK) {
        or_set_err(err, errlen, "--since %s: %s", since != NULL ? since : first, inner);
    }
    return st;
}

static void
report(const struct or_source *s, int json, json_t *list)
{
    if (json) {
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s?, s:I, s:I}", "source",
                                              s->name, "first_day", s->period.first_day, "last_day",
                                              s->period.last_day, "status", s->status, "detail",
                                              s->detail, "requests", (json_int_t)s->stats.requests,
                                              "pages", (json_int_t)s->stats.pages));
        return;
    }
    printf("%s %s..%s: %s, %ld requests%s%s\n", s->name, s->period.first_day, s->period.last_day,
           s->status, s->stats.requests, s->detail != NULL ? ": " : "",
           s->detail != NULL ? s->detail : "");
}

/* Syncs every source under the store's writer lock; with --json each one's
 * outcome goes into @p list. */
static int
run_sync(struct sync_cmd *c, const struct or_app *app, struct or_job_store *js, int64_t now,
         json_t *list, char *err, size_t errlen)
{
    struct or_http *http = NULL;
    or_status st = or_job_http(&c->job, app->cfg, &http, err, errlen);
    if (st == OR_OK) {
        st = or_store_lock(js->store, err, errlen);
    }
    if (st != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
        or_http_free(http);
        return or_exit_code(st);
    }
    struct or_fetch_env fe = {app->cfg, http, c->job.progress, c->job.replay_dir != NULL, 0};
    struct or_sync_env se;
    (void)or_job_store_env(js, app->cfg, c->tz, &fe, &se, err, errlen);
    se.now = now;
    se.lookups = or_lookup_cache_new(); /* a lookup is read once for the sync */
    int failed = 0;
    GPtrArray *synced = g_ptr_array_new();
    for (guint i = 0; i < c->sources->len; i++) {
        struct or_source *s = &g_array_index(c->sources, struct or_source, i);
        or_sync_source(s, &se);
        g_ptr_array_add(synced, s);
        failed = failed || strcmp(s->status, "failed") == 0;
        if (app->cli->verbosity >= 0 || app->cli->json) {
            report(s, app->cli->json, list);
        }
    }
    or_store_unlock(js->store);
    or_fetch_warn_repairs((struct or_source *const *)synced->pdata, synced->len);
    g_ptr_array_free(synced, TRUE);
    or_lookup_cache_free(se.lookups);
    or_http_free(http);
    return failed ? OR_EXIT_SOURCE : OR_EXIT_OK;
}

/* --json: one document on stdout, whole or not at all, also when the sync
 * could not start (its "error"); docs/run-summary.schema.json ("sync"). */
static void
print_summary(int rc, const struct or_job_store *js, json_t *list, const char *err)
{
    json_t *root = json_pack("{s:s, s:s, s:i, s:s?, s:O}", "outreport", OR_VERSION, "status",
                             rc == OR_EXIT_OK ? "ok" : "failed", "exit_code", rc, "store",
                             js->store != NULL ? or_store_name(js->store) : NULL, "sources", list);
    if (rc != OR_EXIT_OK && rc != OR_EXIT_SOURCE) {
        json_object_set_new(root, "error", json_string(err[0] != '\0' ? err : "failed"));
    }
    or_json_print_whole(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
}

int
or_cmd_sync(struct or_app *app)
{
    struct sync_cmd c = {0};
    struct or_job_store js = {0};
    char err[OR_ERR_SIZE] = "";
    int64_t now = 0;
    int rc = OR_EXIT_OK;
    or_cli_job(app->cli, OR_JOB_REPORT, &c.job);
    c.sources = g_array_new(FALSE, TRUE, sizeof(struct or_source));
    or_status st = or_job_zone(&c.job, app->cfg, &c.tz, &c.tz_name, err, sizeof(err));
    if (st == OR_OK) {
        st = or_job_now(c.tz, &now, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = pick_period(&c, app, now, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = pick_sources(&c, app, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = or_job_store_open(&c.job, app->cfg, &js, err, sizeof(err));
    }
    if (st == OR_OK && js.store == NULL) {
        or_set_err(err, sizeof(err), "%s",
                   js.default_unusable
                       ? "sync needs a store, and the default one cannot be created; name "
                         "one: [store] url, --store or $OUTREPORT_STORE"
                       : "sync needs a store, and [store] url is none");
        st = OR_ERR_CONFIG;
    }
    json_t *list = json_array();
    if (st == OR_OK) {
        rc = run_sync(&c, app, &js, now, list, err, sizeof(err));
    }
    else {
        or_log(OR_LOG_ERROR, "%s", err);
        rc = or_exit_code(st);
    }
    if (app->cli->json) {
        print_summary(rc, &js, list, err);
    }
    json_decref(list);
    or_job_store_close(&js);
    for (guint i = 0; i < c.sources->len; i++) {
        or_source_release(&g_array_index(c.sources, struct or_source, i));
    }
    g_array_free(c.sources, TRUE);
    if (c.tz != NULL) {
        g_time_zone_unref(c.tz);
    }
    g_free(c.tz_name);
    or_job_clear(&c.job);
    return rc;
}

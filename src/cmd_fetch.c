/* SPDX-License-Identifier: MIT */
/* `outreport fetch SOURCE -o FILE`: one endpoint, one table, one file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dataset.h"
#include "fetch.h"
#include "host.h"
#include "log.h"
#include "output.h"
#include "period.h"
#include "timeutil.h"

int
or_exit_code(or_status st)
{
    switch (st) {
    case OR_OK:
        return OR_EXIT_OK;
    case OR_ERR_INVALID:
    case OR_ERR_CONFIG:
    case OR_ERR_NOT_FOUND:
        return OR_EXIT_USAGE;
    case OR_ERR_NETWORK:
    case OR_ERR_HTTP:
    case OR_ERR_AUTH:
    case OR_ERR_PARSE:
    case OR_ERR_PAGING:
    case OR_ERR_REPLAY:
        return OR_EXIT_SOURCE;
    default:
        return OR_EXIT_FAILURE;
    }
}

/* "now": the clock, or OUTREPORT_NOW (ISO 8601) so runs can be pinned. */
static or_status
current_time(GTimeZone *tz, int64_t *now, char *err, size_t errlen)
{
    const char *pin = getenv("OUTREPORT_NOW");
    if (pin == NULL || *pin == '\0') {
        *now = (int64_t)time(NULL);
        return OR_OK;
    }
    if (or_time_parse_iso8601(pin, tz, now) != OR_OK) {
        snprintf(err, errlen, "OUTREPORT_NOW '%s': not an ISO 8601 date-time", pin);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

/* The report zone: --tz, [report] timezone, the system zone, UTC. */
static or_status
open_zone(const struct or_app *app, GTimeZone **tz, char **name, char *err, size_t errlen)
{
    const char *n = app->cli->tz;
    const char *what = "--tz";
    if (n == NULL) {
        n = or_config_get(app->cfg, "report", "timezone");
        what = "[report] timezone";
    }
    if (n == NULL) {
        GTimeZone *local = g_time_zone_new_local();
        *name = g_strdup(g_time_zone_get_identifier(local));
        g_time_zone_unref(local);
        if (or_tz_open(*name, tz, err, errlen) != OR_OK) {
            g_free(*name);
            *name = g_strdup("UTC");
            return or_tz_open("UTC", tz, err, errlen);
        }
        return OR_OK;
    }
    char inner[OR_ERR_SIZE];
    if (or_tz_open(n, tz, inner, sizeof(inner)) != OR_OK) {
        snprintf(err, errlen, "%s: %s", what, inner);
        return OR_ERR_CONFIG;
    }
    *name = g_strdup(n);
    return OR_OK;
}

static or_status
resolve_period(const struct or_app *app, GTimeZone *tz, struct or_period *p, int *have,
               char *err, size_t errlen)
{
    const struct or_cli *cli = app->cli;
    const char *ws = or_config_get(app->cfg, "report", "week_start");
    int week_start = or_week_start_parse(ws != NULL ? ws : "monday");
    int64_t now;
    or_status st;

    *have = 0;
    if (week_start == 0) {
        snprintf(err, errlen, "config [report] week_start: '%s' is not a weekday", ws);
        return OR_ERR_CONFIG;
    }
    if ((cli->from != NULL) != (cli->to != NULL)) {
        snprintf(err, errlen, "--from and --to go together");
        return OR_ERR_INVALID;
    }
    if (cli->period != NULL && cli->from != NULL) {
        snprintf(err, errlen, "give either --period or --from/--to, not both");
        return OR_ERR_INVALID;
    }
    if (cli->period == NULL && cli->from == NULL) {
        return OR_OK;
    }
    st = current_time(tz, &now, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    if (cli->period != NULL) {
        st = or_period_resolve(cli->period, tz, week_start, now, p, err, errlen);
    }
    else {
        st = or_period_from_to(cli->from, cli->to, tz, now, p, err, errlen);
    }
    *have = st == OR_OK;
    return st;
}

static int64_t
generation_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde != NULL && *sde != '\0') {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno == 0 && end != NULL && *end == '\0' && v >= 0) {
            return (int64_t)v;
        }
    }
    return (int64_t)time(NULL);
}

static or_status
parse_options(GPtrArray *raw, struct or_option **out, size_t *n, char *err, size_t errlen)
{
    *out = g_new0(struct or_option, raw->len + 1);
    *n = 0;
    for (guint i = 0; i < raw->len; i++) {
        const char *kv = g_ptr_array_index(raw, i);
        const char *eq = strchr(kv, '=');
        if (eq == NULL || eq == kv) {
            snprintf(err, errlen, "--option '%s': expected KEY=VALUE", kv);
            return OR_ERR_INVALID;
        }
        (*out)[*n].name = g_strndup(kv, (gsize)(eq - kv));
        (*out)[*n].value = eq + 1;
        (*n)++;
    }
    return OR_OK;
}

static void
free_options(struct or_option *opts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free((char *)opts[i].name);
    }
    g_free(opts);
}

static or_status
config_long(const struct or_config *cfg, const char *key, long min, long max, long scale,
            long *out, char *err, size_t errlen)
{
    const char *v = or_config_get(cfg, "http", key);
    if (v == NULL) {
        return OR_OK;
    }
    char *end = NULL;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
        snprintf(err, errlen, "config [http] %s: '%s' is not a number from %ld to %ld", key, v,
                 min, max);
        return OR_ERR_CONFIG;
    }
    *out = n * scale;
    return OR_OK;
}

/* [http] retries, backoff_ms, backoff_max_ms, timeout_s, connect_timeout_s,
 * parallel, ca_file. */
static or_status
http_options(const struct or_config *cfg, struct or_http_options *ho, char *err, size_t errlen)
{
    long retries = -1, parallel = 0;
    or_status st = config_long(cfg, "retries", 0, 20, 1, &retries, err, errlen);
    if (st == OR_OK) {
        st = config_long(cfg, "backoff_ms", 1, 600000, 1, &ho->backoff_base_ms, err, errlen);
    }
    if (st == OR_OK) {
        st = config_long(cfg, "backoff_max_ms", 1, 3600000, 1, &ho->backoff_max_ms, err, errlen);
    }
    if (st == OR_OK) {
        st = config_long(cfg, "timeout_s", 1, 86400, 1000, &ho->timeout_ms, err, errlen);
    }
    if (st == OR_OK) {
        st = config_long(cfg, "connect_timeout_s", 1, 600, 1000, &ho->connect_timeout_ms, err,
                         errlen);
    }
    if (st == OR_OK) {
        st = config_long(cfg, "parallel", 1, 64, 1, &parallel, err, errlen);
    }
    if (retries >= 0) {
        /* 0 retries is meaningful, so it cannot ride on the zero-means-default rule. */
        ho->max_retries = retries == 0 ? -1 : (int)retries;
    }
    ho->max_parallel = (int)parallel;
    ho->ca_file = or_config_get(cfg, "http", "ca_file");
    return st;
}

/* Checks before any network traffic that the output can be written. */
static or_status
check_output(const struct or_app *app, const struct or_loaded_plugin **renderer, char *err,
             size_t errlen)
{
    const char *out = app->cli->output;
    const char *ext = or_output_extension(out);
    if (*ext == '\0') {
        snprintf(err, errlen, "-o %s: no file extension to choose the format by (e.g. .csv)",
                 out);
        return OR_ERR_INVALID;
    }
    *renderer = or_registry_renderer(app->reg, ext);
    if (*renderer == NULL) {
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < app->reg->nplugins; i++) {
            if (app->reg->plugins[i].desc->kind == OR_PLUGIN_RENDERER) {
                g_string_append_printf(s, "%s.%s", s->len ? ", " : "",
                                       app->reg->plugins[i].desc->renderer->format);
            }
        }
        snprintf(err, errlen, "-o %s: no renderer for .%s (available: %s)", out, ext,
                 s->len ? s->str : "none loaded; check --plugin-dir");
        g_string_free(s, TRUE);
        return OR_ERR_NOT_FOUND;
    }
    char *dir = g_path_get_dirname(out);
    int ok = access(dir, W_OK) == 0;
    if (!ok) {
        snprintf(err, errlen, "-o %s: cannot write to folder %s: %s", out, dir, strerror(errno));
    }
    g_free(dir);
    return ok ? OR_OK : OR_ERR_IO;
}

static or_status
render_table(const struct or_app *app, const struct or_loaded_plugin *renderer, GTimeZone *tz,
             const char *tz_name, const struct or_period *period, int have_period,
             struct or_dataset *ds, const char *table, const char *source,
             const struct or_fetch_stats *stats, char *err, size_t errlen)
{
    struct or_cursor *cur = NULL;
    struct or_option *opts = NULL;
    size_t nopts = 0;
    struct or_result_column *cols = NULL;
    GString *sql = g_string_new("SELECT * FROM \"");
    or_status st;

    g_string_append(sql, table);
    g_string_append(sql, "\" ORDER BY rowid");
    st = or_cursor_new(ds, sql->str, NULL, 0, &cur, err, errlen);
    if (st != OR_OK) {
        goto done;
    }
    size_t ncols = or_cursor_ncols(cur);
    cols = g_new0(struct or_result_column, ncols > 0 ? ncols : 1);
    for (size_t i = 0; i < ncols; i++) {
        cols[i].name = or_cursor_name(cur, i);
        cols[i].label = cols[i].name;
        cols[i].type = or_cursor_type(cur, i);
    }
    struct or_result result = {ncols, cols, stats->rows, cur};
    struct or_section section = {
        .kind = OR_SECTION_TABLE, .id = table, .title = source, .result = &result};
    struct or_source_status src = {source, stats->retries > 0 ? "retried" : "ok", NULL,
                                   stats->rows};
    struct or_report report = {
        .title = source,
        .tz = tz_name,
        .period_label = have_period ? period->label : "all data",
        .period_start = have_period ? period->start : 0,
        .period_end = have_period ? period->end : 0,
        .partial = have_period ? period->partial : 0,
        .generated_at = generation_time(),
        .nsections = 1,
        .sections = &section,
        .nsources = 1,
        .sources = &src,
    };
    st = parse_options(app->cli->options, &opts, &nopts, err, errlen);
    if (st != OR_OK) {
        goto done;
    }
    struct or_host_ctx ctx = {.plugin_name = renderer->desc->name, .cfg = app->cfg, .tz = tz};
    st = or_output_render(renderer, &ctx, &report, app->cli->output, opts, nopts, err, errlen);

done:
    free_options(opts, nopts);
    g_free(cols);
    or_cursor_free(cur);
    g_string_free(sql, TRUE);
    return st;
}

int
or_cmd_fetch(struct or_app *app)
{
    struct or_cli *cli = app->cli;
    char err[OR_ERR_SIZE] = "";
    const struct or_loaded_plugin *plugin = NULL, *renderer = NULL;
    const struct or_endpoint *ep = NULL;
    struct or_params params = {0};
    struct or_period period;
    int have_period = 0;
    GTimeZone *tz = NULL;
    char *tz_name = NULL;
    struct or_http *http = NULL;
    struct or_dataset *ds = NULL;
    struct or_fetch_stats stats = {0};
    or_status st;

    if (cli->nargs != 1) {
        or_log(OR_LOG_ERROR, "fetch needs exactly one SOURCE (e.g. salesfinity.call-log)");
        return OR_EXIT_USAGE;
    }
    if (cli->output == NULL) {
        or_log(OR_LOG_ERROR, "fetch needs -o FILE (e.g. -o calls.csv)");
        return OR_EXIT_USAGE;
    }
    const char *source = cli->args[0];
    st = or_registry_source(app->reg, source, &plugin, &ep, err, sizeof(err));
    if (st == OR_OK) {
        st = check_output(app, &renderer, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = or_params_parse(source, ep, (const char *const *)cli->params->pdata, cli->params->len,
                             &params, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = open_zone(app, &tz, &tz_name, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = resolve_period(app, tz, &period, &have_period, err, sizeof(err));
    }
    if (st == OR_OK) {
        struct or_http_options ho = {.record_dir = cli->record_dir,
                                     .replay_dir = cli->replay_dir};
        st = http_options(app->cfg, &ho, err, sizeof(err));
        if (st == OR_OK) {
            st = or_http_new(&ho, &http, err, sizeof(err));
        }
    }
    if (st == OR_OK) {
        st = or_dataset_new(&ds, err, sizeof(err));
    }
    if (st == OR_OK) {
        struct or_fetch_request fr = {
            .source = source,
            .plugin = plugin,
            .endpoint = ep,
            .cfg = app->cfg,
            .tz = tz,
            .tz_name = tz_name,
            .period = have_period ? &period : NULL,
            .params = &params,
            .http = http,
            .ds = ds,
            .progress = cli->progress,
            .replay = cli->replay_dir != NULL,
        };
        st = or_fetch_run(&fr, &stats, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = render_table(app, renderer, tz, tz_name, &period, have_period, ds, ep->table, source,
                          &stats, err, sizeof(err));
    }
    if (st == OR_OK) {
        char line[OR_ERR_SIZE];
        snprintf(line, sizeof(line),
                 "wrote %s: %lld rows from %ld pages (%ld requests, %ld retries) in %.1f s",
                 cli->output, (long long)stats.rows, stats.pages, stats.requests, stats.retries,
                 stats.seconds);
        if (cli->progress) {
            fprintf(stderr, "%s\n", line);
        }
        else {
            or_log(OR_LOG_INFO, "%s", line);
        }
    }
    else {
        or_log(OR_LOG_ERROR, "%s", err);
    }
    or_dataset_free(ds);
    or_http_free(http);
    or_params_release(&params);
    if (tz != NULL) {
        g_time_zone_unref(tz);
    }
    g_free(tz_name);
    return or_exit_code(st);
}

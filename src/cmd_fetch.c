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
#include "jobctx.h"
#include "host.h"
#include "log.h"
#include "output.h"
#include "period.h"
#include "timeutil.h"

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
        .generated_at = or_job_generated_at(),
        .nsections = 1,
        .sections = &section,
        .nsources = 1,
        .sources = &src,
    };
    st = or_job_options(app->cli->options, &opts, &nopts, err, errlen);
    if (st != OR_OK) {
        goto done;
    }
    struct or_host_ctx ctx = {.plugin_name = renderer->desc->name, .cfg = app->cfg, .tz = tz};
    st = or_output_render(renderer, &ctx, &report, app->cli->output, opts, nopts, err, errlen);

done:
    or_job_options_free(opts, nopts);
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
        st = or_job_zone(app, &tz, &tz_name, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = or_job_period(app, tz, NULL, &period, &have_period, err, sizeof(err));
    }
    if (st == OR_OK) {
        struct or_http_options ho = {.record_dir = cli->record_dir,
                                     .replay_dir = cli->replay_dir};
        st = or_job_http_options(app->cfg, &ho, err, sizeof(err));
        if (st == OR_OK) {
            or_job_cache_options(app, &ho);
            st = or_http_new(&ho, &http, err, sizeof(err));
            g_free((char *)ho.cache_dir);
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

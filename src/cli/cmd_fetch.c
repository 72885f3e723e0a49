/* SPDX-License-Identifier: MIT */
/* `outreport fetch SOURCE -o FILE`: one endpoint, one table, one file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dataset/dataset.h"
#include "fetch/fetch.h"
#include "job/jobctx.h"
#include "plugin/host.h"
#include "base/log.h"
#include "report/output.h"
#include "base/period.h"
#include "fetch/stream.h"
#include "base/timeutil.h"

/* Checks before any network traffic that the output can be written. */
static or_status
check_output(const struct or_app *app, const struct or_loaded_plugin **renderer, char *err,
             size_t errlen)
{
    const char *out = app->cli->output;
    const char *ext = or_output_extension(out);
    if (*ext == '\0') {
        snprintf(err, errlen, "-o %s: no file extension to choose the format by (e.g. .csv)", out);
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

/* Renderer options, checked before any request. */
struct fetch_opts {
    struct or_option *opts;
    size_t n;
};

/* The one-table document `fetch` writes, around a result the caller fills. */
struct fetch_doc {
    struct or_result_column *cols;
    const struct or_result_column **colp; /* colp[i] is &cols[i] */
    struct or_result result;
    struct or_section section;
    const struct or_section *secp; /* &section */
    struct or_source_status src;
    const struct or_source_status *srcp; /* &src */
    struct or_report report;
};

static void
fetch_doc_init(struct fetch_doc *d, const char *tz_name, const struct or_period *period,
               int have_period, const char *table, const char *source, size_t ncols)
{
    memset(d, 0, sizeof(*d));
    d->cols = g_new0(struct or_result_column, ncols > 0 ? ncols : 1);
    d->colp = g_new0(const struct or_result_column *, ncols > 0 ? ncols : 1);
    for (size_t i = 0; i < ncols; i++) {
        d->colp[i] = &d->cols[i];
    }
    d->result.ncols = ncols;
    d->result.cols = d->colp;
    d->section = (struct or_section){
        .kind = OR_SECTION_TABLE, .id = table, .title = source, .result = &d->result};
    d->src = (struct or_source_status){source, "ok", NULL, 0};
    d->secp = &d->section;
    d->srcp = &d->src;
    d->report = (struct or_report){
        .title = source,
        .tz = tz_name,
        .period_label = have_period ? period->label : "all data",
        .period_start = have_period ? period->start : 0,
        .period_end = have_period ? period->end : 0,
        .partial = have_period ? period->partial : 0,
        .generated_at = or_job_generated_at(),
        .nsections = 1,
        .sections = &d->secp,
        .nsources = 1,
        .sources = &d->srcp,
    };
}

static void
fetch_doc_set_stats(struct fetch_doc *d, const struct or_fetch_stats *stats)
{
    d->src.status = stats->retries > 0 ? "retried" : "ok";
    d->src.rows = stats->rows;
}

/* After a complete fetch into the dataset: the table, in arrival order. */
static or_status
render_table(const struct or_app *app, const struct or_loaded_plugin *renderer, GTimeZone *tz,
             const char *tz_name, const struct or_period *period, int have_period,
             struct or_dataset *ds, const char *table, const char *source,
             const struct or_fetch_stats *stats, const struct fetch_opts *o, char *err,
             size_t errlen)
{
    struct or_cursor *cur = NULL;
    struct fetch_doc d = {0};
    GString *sql = g_string_new("SELECT * FROM \"");
    or_status st;

    g_string_append(sql, table);
    g_string_append(sql, "\" ORDER BY rowid");
    st = or_cursor_new(ds, sql->str, NULL, 0, &cur, err, errlen);
    if (st == OR_OK) {
        size_t ncols = or_cursor_ncols(cur);
        fetch_doc_init(&d, tz_name, period, have_period, table, source, ncols);
        for (size_t i = 0; i < ncols; i++) {
            d.cols[i].name = or_cursor_name(cur, i);
            d.cols[i].label = d.cols[i].name;
            d.cols[i].type = or_cursor_type(cur, i);
        }
        d.result.nrows = stats->rows;
        d.result.cursor = cur;
        fetch_doc_set_stats(&d, stats);
        struct or_host_ctx ctx = {.plugin_name = renderer->desc->name,
                                  .plugin = renderer->desc,
                                  .cfg = app->cfg,
                                  .tz = tz};
        st = or_output_render(renderer, &ctx, &d.report, app->cli->output, o->opts, o->n, err,
                              errlen);
    }
    g_free(d.cols);
    g_free(d.colp);
    or_cursor_free(cur);
    g_string_free(sql, TRUE);
    return st;
}

/* ---- streaming: pages go to the renderer while the fetch runs ------------ */

/* Parsed pages waiting for the renderer: bounds memory when writing the file
 * is slower than fetching. */
#define STREAM_PAGES 64

struct producer {
    struct or_fetch_request fr; /* sink set */
    struct or_fetch_sink sink;
    struct or_stream *stream;
    struct or_fetch_stats stats;
    struct fetch_doc *doc;
    or_status st;
    char err[OR_ERR_SIZE];
};

static or_status
sink_write(void *ud, struct or_rows *rows, char *err, size_t errlen)
{
    return or_stream_put(ud, rows, err, errlen);
}

static gpointer
producer_main(gpointer data)
{
    struct producer *p = data;
    p->st = or_fetch_run(&p->fr, &p->stats, p->err, sizeof(p->err));
    or_stream_finish(p->stream, p->st);
    return NULL;
}

/* The renderer has read the last row: the fetch is over, its counts final. */
static void
stream_ended(void *ud)
{
    struct producer *p = ud;
    fetch_doc_set_stats(p->doc, &p->stats);
}

static double
thread_cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) {
        return 0.0;
    }
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static or_status
fetch_streaming(const struct or_app *app, const struct or_loaded_plugin *renderer,
                const struct or_fetch_request *fr, const struct or_period *period, int have_period,
                const struct fetch_opts *o, struct or_fetch_stats *stats, char *err, size_t errlen)
{
    const struct or_endpoint *ep = fr->endpoint;
    struct or_schema *schema = or_schema_new(ep->columns, ep->ncolumns, 0);
    struct fetch_doc d;
    struct producer p = {.fr = *fr, .doc = &d};
    char rerr[OR_ERR_SIZE] = "";

    fetch_doc_init(&d, fr->tz_name, period, have_period, ep->table, fr->source, schema->ncols);
    for (size_t i = 0; i < schema->ncols; i++) {
        d.cols[i].name = schema->cols[i].name;
        d.cols[i].label = schema->cols[i].name;
        d.cols[i].type = schema->cols[i].type;
    }
    p.stream = or_stream_new(schema, STREAM_PAGES);
    or_stream_on_end(p.stream, stream_ended, &p);
    p.sink = (struct or_fetch_sink){sink_write, p.stream};
    p.fr.sink = &p.sink;
    p.fr.ds = NULL;
    d.result.nrows = -1;
    d.result.cursor = or_stream_cursor(p.stream);

    GThread *producer = g_thread_new("or-fetch", producer_main, &p);
    struct or_host_ctx ctx = {.plugin_name = renderer->desc->name,
                              .plugin = renderer->desc,
                              .cfg = app->cfg,
                              .tz = fr->tz,
                              .cursor_next = or_stream_cursor_next,
                              .cursor_rewind = or_stream_cursor_rewind};
    gint64 t0 = g_get_monotonic_time();
    double cpu0 = thread_cpu_seconds();
    char *tmp = NULL;
    or_status rst = or_output_render_tmp(renderer, &ctx, &d.report, app->cli->output, o->opts, o->n,
                                         &tmp, rerr, sizeof(rerr));
    double cpu = thread_cpu_seconds() - cpu0;
    double wall = (double)(g_get_monotonic_time() - t0) / 1e6;
    or_stream_close(p.stream);
    int early = or_stream_closed_early(p.stream);
    g_thread_join(producer);
    *stats = p.stats;

    /* The rendered file is put in place only when every row reached it. */
    or_status st = OR_OK;
    if (p.st != OR_OK && !or_stream_refused(p.stream)) {
        /* The fetch failed first: its message says why (the renderer only saw the rows stop). */
        st = p.st;
        snprintf(err, errlen, "%s", p.err);
    }
    else if (rst != OR_OK) {
        st = rst;
        snprintf(err, errlen, "%s", rerr);
    }
    else if (early) {
        /* A renderer that breaks its streams promise must not leave a short file. */
        snprintf(err, errlen, "%s: renderer %s stopped after %lld rows of %lld; nothing written",
                 app->cli->output, renderer->desc->name, (long long)or_stream_rows_read(p.stream),
                 (long long)p.stats.rows);
        st = OR_ERR_PLUGIN;
    }
    if (st == OR_OK) {
        st = or_output_commit(tmp, app->cli->output, err, errlen); /* removes it on failure */
    }
    else {
        or_output_discard(tmp);
    }
    g_free(tmp);
    if (st == OR_OK) {
        /* For bench/: what writing the file cost, apart from waiting for pages. */
        double wait = or_stream_wait_seconds(p.stream);
        or_log(OR_LOG_INFO,
               "streamed into %s: renderer busy %.2f s (CPU %.2f s), waited %.2f s "
               "for pages",
               app->cli->output, wall - wait, cpu, wait);
    }
    or_stream_free(p.stream);
    g_free(d.cols);
    g_free(d.colp);
    or_schema_free(schema);
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
    struct fetch_opts fo = {0};
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
        struct or_http_options ho = {.record_dir = cli->record_dir, .replay_dir = cli->replay_dir};
        st = or_job_http_options(app->cfg, &ho, err, sizeof(err));
        if (st == OR_OK) {
            or_job_cache_options(app, &ho);
            st = or_http_new(&ho, &http, err, sizeof(err));
            g_free((char *)ho.cache_dir);
        }
    }
    /* One source into one file needs no dataset when the renderer reads its
     * table once and the columns are known before the first page. */
    int streaming =
        renderer != NULL && renderer->desc->renderer->streams && ep != NULL && !ep->dynamic_columns;
    if (st == OR_OK) {
        st = or_job_options(cli->options, &fo.opts, &fo.n, err, sizeof(err));
    }
    if (st == OR_OK && !streaming) {
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
        if (streaming) {
            st = fetch_streaming(app, renderer, &fr, &period, have_period, &fo, &stats, err,
                                 sizeof(err));
        }
        else {
            st = or_fetch_run(&fr, &stats, err, sizeof(err));
            if (st == OR_OK) {
                st = render_table(app, renderer, tz, tz_name, &period, have_period, ds, ep->table,
                                  source, &stats, &fo, err, sizeof(err));
            }
        }
    }
    if (st == OR_OK) {
        char what[160];
        char line[OR_ERR_SIZE];
        or_fetch_stats_describe(&stats, what, sizeof(what));
        snprintf(line, sizeof(line), "wrote %s: %s", cli->output, what);
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
    or_job_options_free(fo.opts, fo.n);
    or_dataset_free(ds);
    or_http_free(http);
    or_params_release(&params);
    if (tz != NULL) {
        g_time_zone_unref(tz);
    }
    g_free(tz_name);
    return or_exit_code(st);
}

/* SPDX-License-Identifier: MIT */
#include "job/export.h"

#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/status_str.h"
#include "dataset/dataset.h"
#include "fetch/sources.h"
#include "fetch/stream.h"
#include "job/jobctx.h"
#include "report/output.h"

/* Parsed pages waiting for the renderer: bounds memory when writing the file
 * is slower than fetching. */
#define STREAM_PAGES 64

/* Everything one export needs besides the plan. */
struct export
{
    const struct or_plan *plan;
    const struct or_source *src;
    struct or_option *opts; /* renderer options, checked before any request */
    size_t nopts;
    struct or_fetch_request fr;
};

/* The one-table document `fetch` writes, around a result the caller fills. */
struct fetch_doc {
    struct or_result_column *cols;
    const struct or_result_column **colp; /* colp[i] is &cols[i]: the ABI's list */
    struct or_result result;
    struct or_section section;
    const struct or_section *secp; /* &section */
    struct or_source_status src;
    const struct or_source_status *srcp; /* &src */
    struct or_report report;
};

static void
fetch_doc_init(struct fetch_doc *d, const struct or_plan *p, const char *table, size_t ncols)
{
    const char *source = p->sources[0].name;
    const struct or_period *period = p->have_period ? &p->period : NULL;
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
    d->src = (struct or_source_status){.name = source, .status = "ok"};
    d->secp = &d->section;
    d->srcp = &d->src;
    d->report = (struct or_report){
        .title = source,
        .tz = p->tz_name,
        .period_label = period != NULL ? period->label : "all data",
        .period_start = period != NULL ? period->start : 0,
        .period_end = period != NULL ? period->end : 0,
        .partial = period != NULL ? period->partial : 0,
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
    d->src.fetched_at = stats->fetched_at;
}

static struct or_host_ctx
renderer_ctx(const struct or_plan *p)
{
    return (struct or_host_ctx){.plugin_name = p->renderer->desc->name,
                                .plugin = p->renderer->desc,
                                .cfg = p->cfg,
                                .tz = p->tz};
}

/* After a complete fetch into the dataset: the table, in arrival order. */
static or_status
render_table(struct export *x, struct or_dataset *ds, const struct or_fetch_stats *stats, char *err,
             size_t errlen)
{
    struct or_cursor *cur = NULL;
    struct fetch_doc d = {0};
    const char *table = x->src->ep->table;
    char *sql = g_strdup_printf("SELECT * FROM \"%s\" ORDER BY rowid", table);
    or_status st = or_cursor_new(ds, sql, NULL, 0, &cur, err, errlen);
    if (st == OR_OK) {
        size_t ncols = or_cursor_ncols(cur);
        fetch_doc_init(&d, x->plan, table, ncols);
        for (size_t i = 0; i < ncols; i++) {
            d.cols[i].name = or_cursor_name(cur, i);
            d.cols[i].label = d.cols[i].name;
            d.cols[i].type = or_cursor_type(cur, i);
        }
        d.result.nrows = stats->rows;
        d.result.cursor = cur;
        fetch_doc_set_stats(&d, stats);
        struct or_host_ctx ctx = renderer_ctx(x->plan);
        st = or_output_render(x->plan->renderer, &ctx, &d.report, x->plan->job->output, x->opts,
                              x->nopts, err, errlen);
    }
    g_free(d.cols);
    g_free(d.colp);
    or_cursor_free(cur);
    g_free(sql);
    return st;
}

/* Fetch into a dataset, then render the table. */
static or_status
through_dataset(struct export *x, struct or_fetch_stats *stats, char *err, size_t errlen)
{
    struct or_dataset *ds = NULL;
    or_status st = or_dataset_new(&ds, err, errlen);
    if (st == OR_OK) {
        x->fr.ds = ds;
        st = or_fetch_run(&x->fr, stats, err, errlen);
    }
    if (st == OR_OK) {
        st = render_table(x, ds, stats, err, errlen);
    }
    or_dataset_free(ds);
    return st;
}

/* ---- streaming: pages go to the renderer while the fetch runs ------------ */

struct producer {
    struct or_fetch_request fr; /* sink set */
    struct or_fetch_sink sink;
    struct or_stream *stream;
    struct or_fetch_stats stats;
    struct fetch_doc *doc;
    or_status st;
    char err[OR_ERR_SIZE];
    double wall, cpu; /* the renderer's time, and its thread's CPU time */
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

/* Which side's failure explains a stopped stream; the file is put in place
 * only when every row reached it. */
static or_status
stream_outcome(const struct export *x, struct producer *p, or_status rst, const char *rerr,
               char *err, size_t errlen)
{
    if (p->st != OR_OK && !or_stream_refused(p->stream)) {
        /* The fetch failed first: its message says why (the renderer only saw the rows stop). */
        or_set_err(err, errlen, "%s", p->err);
        return p->st;
    }
    if (rst != OR_OK) {
        or_set_err(err, errlen, "%s", rerr);
        return rst;
    }
    if (or_stream_closed_early(p->stream)) {
        /* A renderer that breaks its streams promise must not leave a short file. */
        or_set_err(err, errlen, "%s: renderer %s stopped after %lld rows of %lld; nothing written",
                   x->plan->job->output, x->plan->renderer->desc->name,
                   (long long)or_stream_rows_read(p->stream), (long long)p->stats.rows);
        return OR_ERR_PLUGIN;
    }
    return OR_OK;
}

/* Renders the stream on this thread while a producer thread fetches. */
static or_status
render_stream(struct export *x, struct producer *p, struct fetch_doc *d, char **tmp, char *rerr,
              size_t rerrlen)
{
    GThread *producer = g_thread_new("or-fetch", producer_main, p);
    struct or_host_ctx ctx = renderer_ctx(x->plan);
    const char *out = x->plan->job->output;
    gint64 t0 = g_get_monotonic_time();
    double cpu0 = thread_cpu_seconds();
    or_status rst = or_output_render_tmp(x->plan->renderer, &ctx, &d->report, out, x->opts,
                                         x->nopts, tmp, rerr, rerrlen);
    p->cpu = thread_cpu_seconds() - cpu0;
    p->wall = (double)(g_get_monotonic_time() - t0) / 1e6;
    or_stream_close(p->stream);
    g_thread_join(producer);
    return rst;
}

static or_status
streaming(struct export *x, struct or_fetch_stats *stats, char *err, size_t errlen)
{
    const struct or_endpoint *ep = x->src->ep;
    struct or_schema *schema = or_schema_new(ep->columns, ep->ncolumns, 0);
    struct fetch_doc d;
    struct producer p = {.fr = x->fr, .doc = &d};
    char rerr[OR_ERR_SIZE] = "";
    char *tmp = NULL;

    fetch_doc_init(&d, x->plan, ep->table, schema->ncols);
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
    or_status rst = render_stream(x, &p, &d, &tmp, rerr, sizeof(rerr));
    *stats = p.stats;
    or_status st = stream_outcome(x, &p, rst, rerr, err, errlen);
    if (st == OR_OK) {
        st = or_output_commit(tmp, x->plan->job->output, err, errlen); /* removes it on failure */
    }
    else {
        or_output_discard(tmp);
    }
    if (st == OR_OK) {
        /* For bench/: what writing the file cost, apart from waiting for pages. */
        double wait = or_stream_wait_seconds(p.stream);
        or_log(OR_LOG_INFO,
               "streamed into %s: renderer busy %.2f s (CPU %.2f s), waited %.2f s "
               "for pages",
               x->plan->job->output, p.wall - wait, p.cpu, wait);
    }
    g_free(tmp);
    or_stream_free(p.stream);
    g_free(d.cols);
    g_free(d.colp);
    or_schema_free(schema);
    return st;
}

or_status
or_export_run(const struct or_plan *plan, struct or_http *http, struct or_fetch_stats *stats,
              char *err, size_t errlen)
{
    const struct or_source *s = &plan->sources[0];
    struct export x = {.plan = plan, .src = s};
    memset(stats, 0, sizeof(*stats));
    struct or_fetch_env env = {plan->cfg, http, plan->job->progress, plan->job->replay_dir != NULL,
                               plan->job->threads};
    x.fr = or_source_request(s, &env, NULL);
    or_status st = or_job_options(plan->job->options, &x.opts, &x.nopts, err, errlen);
    /* One source into one file needs no dataset when the renderer reads its
     * table once and the columns are known before the first page. */
    int stream = plan->renderer->desc->renderer->streams && !s->ep->dynamic_columns;
    if (st == OR_OK) {
        st = stream ? streaming(&x, stats, err, errlen) : through_dataset(&x, stats, err, errlen);
    }
    or_job_options_free(x.opts, x.nopts);
    return st;
}

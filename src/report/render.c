/* SPDX-License-Identifier: MIT */
#include "report/render.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "report/chart_gate.h"
#include "report/output.h"

/* Documents are rendered on this many threads at most (the calling one
 * included), never more than there are processors.  Every row still comes
 * through the dataset's one serialized SQLite connection, so more would
 * mostly wait for it. */
#define RENDER_THREADS_MAX 4

/* One document to write: a format's report, or for CSV one table of it. */
struct render_job {
    const struct or_loaded_plugin *rp;
    const char *format;      /* borrowed from the format list */
    struct or_report report; /* the format's report, or one section of it */
    struct or_host_ctx ctx;  /* one per document: renderers may run at once */
    char *path;              /* where it goes, owned */
    char *title;             /* the title a renderer of ABI 2.1 or older gets, owned, or NULL */
    double cost;             /* expected work: larger documents start first */
    /* Set by the thread that rendered it: */
    char *tmp; /* the rendered temporary file, owned, or NULL */
    or_status st;
    gpointer data; /* what rq->rendered returned */
    char err[OR_ERR_SIZE];
};

struct render_pool {
    const struct or_render_request *rq;
    struct render_job *jobs; /* in the order documents are written one after another */
    size_t njobs;
    size_t *start;     /* job indexes in the order they are started */
    gint next;         /* next entry of start to take */
    gint first_failed; /* lowest index of a failed job, G_MAXINT while none */
    int read_ahead;    /* step large results on threads of their own */
};

static void
doc_clear(gpointer p)
{
    struct or_rendered_doc *d = p;
    g_free(d->path);
    g_free(d->format);
    if (d->free_data != NULL && d->data != NULL) {
        d->free_data(d->data);
    }
}

GArray *
or_rendered_docs_new(void)
{
    GArray *a = g_array_new(FALSE, TRUE, sizeof(struct or_rendered_doc));
    g_array_set_clear_func(a, doc_clear);
    return a;
}

/* Work per table cell relative to CSV's, from bench/results.md (XLSX writes
 * about 6 times fewer cells per second; PDF lays out every cell). */
static double
cell_weight(const char *format)
{
    if (strcmp(format, "csv") == 0) {
        return 1.0;
    }
    return strcmp(format, "pdf") == 0 ? 10.0 : 6.0;
}

static double
job_cost(const struct render_job *j)
{
    double cells = 0.0;
    for (size_t i = 0; i < j->report.nsections; i++) {
        const struct or_result *r = j->report.sections[i]->result;
        if (r != NULL) {
            cells += (double)(r->nrows + 1) * (double)(r->ncols > 0 ? r->ncols : 1);
        }
    }
    return cells * cell_weight(j->format);
}

/* The renderer spends its time on the rows, another core steps them. */
static void
read_ahead(const struct render_job *j)
{
    for (size_t i = 0; i < j->report.nsections; i++) {
        const struct or_result *res = j->report.sections[i]->result;
        if (res != NULL && res->cursor != NULL) {
            or_cursor_read_ahead(res->cursor);
        }
    }
}

static void
render_one(struct render_pool *p, struct render_job *j, size_t idx)
{
    const struct or_render_request *rq = p->rq;
    gint64 t0 = g_get_monotonic_time();
    j->st = or_output_render_tmp(j->rp, &j->ctx, &j->report, j->path, rq->opts, rq->nopts, &j->tmp,
                                 j->err, sizeof(j->err));
    if (j->st == OR_OK) {
        /* Here, not later on the main thread: hashing overlaps the other
         * documents' rendering. */
        gint64 t1 = g_get_monotonic_time();
        j->data = rq->rendered != NULL ? rq->rendered(j->tmp, rq->ud) : NULL;
        or_log(OR_LOG_DEBUG, "%s: rendered in %.2f s, hashed in %.2f s", j->path,
               (double)(t1 - t0) / 1e6, (double)(g_get_monotonic_time() - t1) / 1e6);
        return;
    }
    gint seen = g_atomic_int_get(&p->first_failed);
    while ((gint)idx < seen &&
           !g_atomic_int_compare_and_exchange(&p->first_failed, seen, (gint)idx)) {
        seen = g_atomic_int_get(&p->first_failed);
    }
}

static void
run_jobs(struct render_pool *p)
{
    for (;;) {
        gint k = g_atomic_int_add(&p->next, 1);
        if (k < 0 || (size_t)k >= p->njobs) {
            return;
        }
        size_t idx = p->start[k];
        /* Written one after another, nothing after a failed document would
         * be: it is not worth starting. */
        if ((gint)idx > g_atomic_int_get(&p->first_failed)) {
            continue;
        }
        if (p->read_ahead) {
            read_ahead(&p->jobs[idx]);
        }
        render_one(p, &p->jobs[idx], idx);
    }
}

static gpointer
render_thread(gpointer data)
{
    run_jobs(data);
    return NULL;
}

static int
by_cost(const void *a, const void *b, void *data)
{
    const struct render_job *jobs = data;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (jobs[x].cost != jobs[y].cost) {
        return jobs[x].cost > jobs[y].cost ? -1 : 1;
    }
    return x < y ? -1 : (x > y);
}

/* Threads to render on: processors (when the connection is serialized, so
 * renderers may read rows at once), the job's share, at most four. */
static size_t
thread_count(struct render_pool *p)
{
    sqlite3 *db = or_dataset_db(or_eval_dataset(p->rq->ev));
    size_t n = sqlite3_db_mutex(db) != NULL ? g_get_num_processors() : 1;
    if (p->rq->max_threads > 0) {
        n = MIN(n, (size_t)p->rq->max_threads);
    }
    p->read_ahead = n > 1;
    return MIN(MIN(n, (size_t)RENDER_THREADS_MAX), p->njobs);
}

/* Renders every job, several at once when the dataset allows it. */
static void
render_jobs(struct render_pool *p)
{
    p->start = g_new0(size_t, p->njobs > 0 ? p->njobs : 1);
    for (size_t i = 0; i < p->njobs; i++) {
        p->jobs[i].cost = job_cost(&p->jobs[i]);
        p->jobs[i].st = OR_ERR_RENDER; /* until it is rendered */
        p->start[i] = i;
    }
    g_qsort_with_data(p->start, (gint)p->njobs, sizeof(*p->start), by_cost, p->jobs);
    p->first_failed = G_MAXINT;
    size_t nthreads = thread_count(p);
    or_log(OR_LOG_DEBUG, "rendering %zu document(s) on %zu thread(s)%s", p->njobs,
           MAX(nthreads, (size_t)1), p->read_ahead ? ", rows read ahead" : "");
    GThread **threads = g_new0(GThread *, nthreads > 0 ? nthreads : 1);
    for (size_t t = 1; t < nthreads; t++) {
        /* A thread that cannot start leaves its share to the others. */
        threads[t] = g_thread_try_new("or-render", render_thread, p, NULL);
    }
    run_jobs(p);
    for (size_t t = 1; t < nthreads; t++) {
        if (threads[t] != NULL) {
            g_thread_join(threads[t]);
        }
    }
    g_free(threads);
}

/* What the host serves renderer @p rp rendering @p rep: the report's zone,
 * currency and locale. */
static struct or_host_ctx
host_ctx(const struct or_loaded_plugin *rp, const struct or_render_request *rq,
         const struct or_report *rep)
{
    return (struct or_host_ctx){.plugin_name = rp->desc->name,
                                .plugin = rp->desc,
                                .cfg = rq->cfg,
                                .tz = rq->tz,
                                .currency = rep->currency,
                                .locale = rep->locale,
                                .loc = rq->loc};
}

/* The documents of one format: one, or for CSV one per available table.
 * Their sections are as the renderer may see them (chart_gate.h): the
 * copies go into @p keep.  Fails, adding nothing, for a chart the renderer
 * predates. */
static or_status
add_format(const struct or_render_request *rq, const char *format, GArray *jobs, GPtrArray *keep,
           char *err, size_t errlen)
{
    const struct or_loaded_plugin *rp = or_registry_renderer(rq->reg, format);
    const struct or_report *rep = or_eval_report(rq->ev, format);
    struct or_chart_gated *gated = NULL;
    if (or_chart_gate_report(rp, rep, &gated, err, errlen) != OR_OK) {
        return OR_ERR_CONFIG;
    }
    struct render_job j = {
        .rp = rp,
        .format = format,
        .report = *rep,
        .ctx = host_ctx(rp, rq, rep),
    };
    if (gated != NULL) {
        g_ptr_array_add(keep, gated);
        j.report.sections = or_chart_gated_sections(gated);
    }
    if (rp->desc->abi_minor < 2 && rep->split_label != NULL) {
        /* It knows no split_label: the title names the person instead. */
        j.title = g_strdup_printf("%s \xE2\x80\x94 %s", rep->title != NULL ? rep->title : "Report",
                                  rep->split_label);
        j.report.title = j.title;
    }
    if (strcmp(format, "csv") != 0) {
        j.path = g_strdup_printf("%s/%s%s.%s", rq->dir, rq->name, rq->suffix, format);
        g_array_append_val(jobs, j);
        return OR_OK;
    }
    for (size_t i = 0; i < rep->nsections; i++) {
        const struct or_section *sec = j.report.sections[i];
        if (sec->kind != OR_SECTION_TABLE || sec->unavailable != NULL) {
            continue;
        }
        struct render_job one = j;
        one.title = g_strdup(j.title);
        one.report.title = one.title != NULL ? one.title : rep->title;
        one.report.sections = &j.report.sections[i];
        one.report.nsections = 1;
        one.path = g_strdup_printf("%s/%s%s-%s.csv", rq->dir, rq->name, rq->suffix, sec->id);
        g_array_append_val(jobs, one);
    }
    g_free(j.title);
    return OR_OK;
}

/* Puts the rendered documents in place in order, up to the first failure. */
static or_status
commit_all(const struct or_render_request *rq, struct render_pool *p, GArray *docs, char *err,
           size_t errlen)
{
    or_status st = OR_OK;
    for (size_t i = 0; i < p->njobs; i++) {
        struct render_job *j = &p->jobs[i];
        if (st == OR_OK && j->st != OR_OK) {
            st = j->st;
            or_set_err(err, errlen, "%s", j->err);
        }
        if (st == OR_OK) {
            /* removes the temporary file on failure */
            st = or_output_commit(j->tmp, j->path, err, errlen);
            if (st == OR_OK) {
                struct or_rendered_doc d = {j->path, g_strdup(j->format),
                                            j->rp->desc->renderer->mime_type, j->data,
                                            rq->free_data};
                g_array_append_val(docs, d);
                j->path = NULL;
                j->data = NULL;
            }
        }
        else {
            or_output_discard(j->tmp);
        }
        if (j->data != NULL && rq->free_data != NULL) {
            rq->free_data(j->data);
        }
        g_free(j->tmp);
        g_free(j->path);
        g_free(j->title);
    }
    return st;
}

or_status
or_render_documents(const struct or_render_request *rq, GArray *docs, char *err, size_t errlen)
{
    GArray *jobs = g_array_new(FALSE, TRUE, sizeof(struct render_job));
    GPtrArray *keep = g_ptr_array_new_with_free_func((GDestroyNotify)or_chart_gated_free);
    /* A chart a renderer predates is refused before any document is written. */
    for (char *const *f = rq->formats; *f != NULL; f++) {
        struct or_chart_gated *g = NULL;
        or_status st = or_chart_gate_report(or_registry_renderer(rq->reg, *f),
                                            or_eval_report(rq->ev, *f), &g, err, errlen);
        or_chart_gated_free(g);
        if (st != OR_OK) {
            g_ptr_array_free(keep, TRUE);
            g_array_free(jobs, TRUE);
            return st;
        }
    }
    /* A format whose cursors cannot be prepared fails after the formats
     * before it are written, as when they were written one by one. */
    or_status later = OR_OK;
    char later_err[OR_ERR_SIZE] = "";
    for (char *const *f = rq->formats; *f != NULL && later == OR_OK; f++) {
        later = or_eval_prepare_report(rq->ev, *f, later_err, sizeof(later_err));
        if (later == OR_OK) {
            later = add_format(rq, *f, jobs, keep, later_err, sizeof(later_err));
        }
    }
    struct render_pool pool = {
        .rq = rq,
        .jobs = (struct render_job *)(void *)jobs->data,
        .njobs = jobs->len,
    };
    or_eval_index_sorts(rq->ev);
    render_jobs(&pool);
    or_eval_drop_indexes(rq->ev);
    or_status st = commit_all(rq, &pool, docs, err, errlen);
    if (st == OR_OK && later != OR_OK) {
        st = later;
        or_set_err(err, errlen, "%s", later_err);
    }
    g_free(pool.start);
    g_array_free(jobs, TRUE);
    g_ptr_array_free(keep, TRUE);
    return st;
}

or_status
or_render_mail_html(const struct or_render_request *rq, const struct or_mail_html *m, char **html,
                    char *err, size_t errlen)
{
    *html = NULL;
    const struct or_loaded_plugin *rp = or_registry_renderer(rq->reg, "html");
    if (rp == NULL) {
        return OR_OK;
    }
    const struct or_report *rep = or_eval_report(rq->ev, "html");
    struct or_chart_gated *gated = NULL;
    if (or_chart_gate_report(rp, rep, &gated, err, errlen) != OR_OK) {
        return OR_ERR_CONFIG;
    }
    struct or_report seen = *rep;
    if (gated != NULL) {
        seen.sections = or_chart_gated_sections(gated);
    }
    struct or_host_ctx ctx = host_ctx(rp, rq, rep);
    char rows[32];
    snprintf(rows, sizeof(rows), "%ld", m->max_rows);
    struct or_option opts[3] = {{"charts", "png"}, {"max_rows", rows}, {"intro", m->intro}};
    size_t nopts = m->intro != NULL && m->intro[0] != '\0' ? 3 : 2;
    char *path = g_strdup_printf("%s/%s%s.mail.html", rq->dir, rq->name, rq->suffix);
    char *tmp = NULL;
    or_status st = or_output_render_tmp(rp, &ctx, &seen, path, opts, nopts, &tmp, err, errlen);
    GError *gerr = NULL;
    if (st == OR_OK && !g_file_get_contents(tmp, html, NULL, &gerr)) {
        or_set_err(err, errlen, "mail body: %s", gerr->message);
        g_error_free(gerr);
        st = OR_ERR_IO;
    }
    or_output_discard(tmp);
    or_chart_gated_free(gated);
    g_free(tmp);
    g_free(path);
    return st;
}

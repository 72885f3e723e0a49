/* SPDX-License-Identifier: MIT */
/* `outreport run TEMPLATE` and `outreport validate TEMPLATE`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "dataset/dataset.h"
#include "report/evaluate.h"
#include "fetch/fetch.h"
#include "job/jobctx.h"
#include "base/log.h"
#include "deliver/manifest.h"
#include "or_config.h"
#include "report/output.h"
#include "deliver/mail.h"
#include "deliver/mail_body.h"
#include "report/split.h"
#include "dataset/sqlfuncs.h"
#include "report/template.h"
#include "base/timeutil.h"

struct run_source {
    const struct or_tpl_source *ts;
    const struct or_loaded_plugin *plugin;
    const struct or_endpoint *ep;
    struct or_params params;
    struct or_fetch_stats stats;
    const char *status; /* ok, retried, failed, skipped */
    char *detail;
};

struct run {
    struct or_app *app;
    struct or_template *tpl;
    struct run_source *src;
    size_t nsrc;
    GTimeZone *tz;
    char *tz_name;
    struct or_period period, previous;
    int have_period;
    struct or_dataset *ds;
    char err[OR_ERR_SIZE];
};

/* Resolves every source of the template and checks its parameters. */
static or_status
resolve_sources(struct run *R)
{
    R->src = g_new0(struct run_source, R->tpl->nsources);
    R->nsrc = R->tpl->nsources;
    for (size_t i = 0; i < R->nsrc; i++) {
        struct run_source *s = &R->src[i];
        char inner[OR_ERR_SIZE];
        s->ts = &R->tpl->sources[i];
        or_status st = or_registry_source(R->app->reg, s->ts->source, &s->plugin, &s->ep, inner,
                                          sizeof(inner));
        if (st == OR_OK) {
            st = or_params_parse(s->ts->source, s->ep, (const char *const *)s->ts->params,
                                 g_strv_length(s->ts->params), &s->params, inner, sizeof(inner));
        }
        if (st != OR_OK) {
            snprintf(R->err, sizeof(R->err), "%s: source '%s': %s", R->tpl->path, s->ts->alias,
                     inner);
            return st;
        }
    }
    return OR_OK;
}

static or_status
create_empty_table(struct run *R, const struct run_source *s)
{
    struct or_schema *schema = or_schema_new(s->ep->columns, s->ep->ncolumns, 0);
    struct or_table_writer *w = NULL;
    or_status st = or_table_writer_open(R->ds, s->ts->alias, schema, &w, R->err, sizeof(R->err));
    if (st == OR_OK) {
        st = or_table_writer_close(w, 1, R->err, sizeof(R->err));
    }
    or_schema_free(schema);
    return st;
}

static void
run_free(struct run *R)
{
    for (size_t i = 0; i < R->nsrc; i++) {
        or_params_release(&R->src[i].params);
        g_free(R->src[i].detail);
    }
    g_free(R->src);
    or_dataset_free(R->ds);
    if (R->tz != NULL) {
        g_time_zone_unref(R->tz);
    }
    g_free(R->tz_name);
    or_template_free(R->tpl);
}

static or_status
start(struct or_app *app, struct run *R)
{
    memset(R, 0, sizeof(*R));
    R->app = app;
    if (app->cli->nargs != 1) {
        snprintf(R->err, sizeof(R->err),
                 "expected exactly one TEMPLATE (a file or a shipped name)");
        return OR_ERR_INVALID;
    }
    or_status st = or_template_load(app->cli->args[0], &R->tpl, R->err, sizeof(R->err));
    if (st == OR_OK) {
        st = resolve_sources(R);
    }
    if (st != OR_OK) {
        return OR_ERR_CONFIG; /* a template problem is a usage error (exit 2) */
    }
    if (st == OR_OK) {
        st = or_job_zone(app, &R->tz, &R->tz_name, R->err, sizeof(R->err));
    }
    if (st == OR_OK) {
        st = or_dataset_new(&R->ds, R->err, sizeof(R->err));
    }
    if (st == OR_OK) {
        st = or_sql_register(or_dataset_db(R->ds), R->tz, R->err, sizeof(R->err));
    }
    return st;
}

int
or_cmd_validate(struct or_app *app)
{
    struct run R;
    or_status st = start(app, &R);
    GPtrArray *lenient = g_ptr_array_new();
    for (size_t i = 0; st == OR_OK && i < R.nsrc; i++) {
        st = create_empty_table(&R, &R.src[i]);
        if (R.src[i].ep->dynamic_columns) {
            g_ptr_array_add(lenient, R.src[i].ts->alias);
        }
    }
    g_ptr_array_add(lenient, NULL);
    if (st == OR_OK) {
        st = or_eval_check(R.tpl, R.ds, R.tz, (const char *const *)lenient->pdata, R.err,
                           sizeof(R.err));
    }
    if (st == OR_OK) {
        printf("%s: ok: %zu sources, %zu sections\n", R.tpl->path, R.tpl->nsources,
               R.tpl->nsections);
    }
    else {
        or_log(OR_LOG_ERROR, "%s", R.err);
    }
    g_ptr_array_free(lenient, TRUE);
    run_free(&R);
    return st == OR_OK ? OR_EXIT_OK : or_exit_code(st == OR_ERR_INVALID ? OR_ERR_CONFIG : st);
}

/* ---- run ------------------------------------------------------------------ */

static int
fetch_sources(struct run *R, struct or_http *http, GArray *failed)
{
    int any_failed = 0;
    for (size_t i = 0; i < R->nsrc; i++) {
        struct run_source *s = &R->src[i];
        char ferr[OR_ERR_SIZE] = "";
        const struct or_period *p = NULL;
        if (R->have_period) {
            p = s->ts->previous ? &R->previous : &R->period;
        }
        struct or_fetch_request fr = {
            .source = s->ts->source,
            .plugin = s->plugin,
            .endpoint = s->ep,
            .cfg = R->app->cfg,
            .tz = R->tz,
            .tz_name = R->tz_name,
            .period = p,
            .params = &s->params,
            .http = http,
            .ds = R->ds,
            .table = s->ts->alias,
            .progress = R->app->cli->progress,
            .replay = R->app->cli->replay_dir != NULL,
            .threads = R->app->cli->threads,
        };
        or_status st = or_fetch_run(&fr, &s->stats, ferr, sizeof(ferr));
        if (st == OR_OK) {
            s->status = s->stats.retries > 0 ? "retried" : "ok";
            char what[160];
            or_fetch_stats_describe(&s->stats, what, sizeof(what));
            or_log(OR_LOG_INFO, "source %s (%s): %s", s->ts->alias, s->ts->source, what);
            continue;
        }
        /* An optional source whose credentials are not set up is skipped:
         * the team does not have that vendor. */
        int not_configured = st == OR_ERR_AUTH && s->stats.requests == 0;
        s->status = (!s->ts->required && not_configured) ? "skipped" : "failed";
        s->detail = g_strdup(ferr);
        if (strcmp(s->status, "failed") == 0) {
            any_failed = 1;
            or_log(OR_LOG_WARN, "source %s (%s) failed: %s", s->ts->alias, s->ts->source, ferr);
        }
        else {
            or_log(OR_LOG_INFO, "source %s (%s) skipped: %s", s->ts->alias, s->ts->source, ferr);
        }
        struct or_failed_source f = {s->ts->alias, s->detail};
        g_array_append_val(failed, f);
        if (create_empty_table(R, s) != OR_OK) {
            or_log(OR_LOG_ERROR, "%s", R->err);
        }
    }
    return any_failed;
}

/* Formats to write: --format, else every loaded renderer among pdf, xlsx, csv. */
static or_status
pick_formats(struct run *R, char ***out)
{
    const char *want = R->app->cli->formats;
    char **list = g_strsplit(want != NULL ? want : "pdf,xlsx,csv", ",", -1);
    GPtrArray *ok = g_ptr_array_new();
    or_status st = OR_OK;
    for (char **f = list; *f != NULL; f++) {
        g_strstrip(*f);
        if (**f == '\0') {
            continue;
        }
        int again = 0;
        for (guint i = 0; i < ok->len; i++) {
            again = again || g_ascii_strcasecmp(g_ptr_array_index(ok, i), *f) == 0;
        }
        if (again) {
            continue; /* one document set per format (they render at once) */
        }
        if (or_registry_renderer(R->app->reg, *f) != NULL) {
            g_ptr_array_add(ok, g_strdup(*f));
        }
        else if (want != NULL) {
            snprintf(R->err, sizeof(R->err), "--format %s: no renderer plugin for it is loaded",
                     *f);
            st = OR_ERR_NOT_FOUND;
        }
    }
    g_strfreev(list);
    if (st == OR_OK && ok->len == 0) {
        snprintf(R->err, sizeof(R->err), "no renderer plugin loaded; check --plugin-dir");
        st = OR_ERR_NOT_FOUND;
    }
    g_ptr_array_add(ok, NULL);
    *out = (char **)g_ptr_array_free(ok, FALSE);
    return st;
}

/* One written document. */
struct doc {
    char *path;
    char *format;
    const char *mime; /* borrowed from the renderer's descriptor */
};

static void
doc_clear(gpointer p)
{
    struct doc *d = p;
    g_free(d->path);
    g_free(d->format);
}

static void
add_doc(GArray *docs, json_t *files, const char *path, const char *format, const char *mime,
        const struct or_file_hash *hash)
{
    struct doc d = {g_strdup(path), g_strdup(format), mime};
    g_array_append_val(docs, d);
    if (hash->ok) {
        or_log(OR_LOG_INFO, "wrote %s (%lld bytes)", path, (long long)hash->bytes);
    }
    else {
        or_log(OR_LOG_INFO, "wrote %s", path);
    }
    json_array_append_new(files, or_manifest_file_hashed(path, format, hash));
}

/* Documents are rendered on this many threads at most (the calling one
 * included), never more than there are processors.  Every row still comes
 * through the dataset's one serialized SQLite connection, so more would
 * mostly wait for it. */
#define RENDER_THREADS_MAX 4

/* One document to write: a format's report, or for CSV one table of it. */
struct render_job {
    const struct or_loaded_plugin *rp;
    const char *format;      /* borrowed from the format list */
    const char *mime;        /* borrowed from the renderer's descriptor */
    struct or_report report; /* the format's report, or one section of it */
    struct or_host_ctx ctx;  /* one per document: renderers may run at once */
    char *path;              /* where it goes, owned */
    double cost;             /* expected work: larger documents start first */
    /* Set by the thread that rendered it: */
    char *tmp; /* the rendered temporary file, owned, or NULL */
    or_status st;
    struct or_file_hash hash;
    char err[OR_ERR_SIZE];
};

struct render_pool {
    struct render_job *jobs; /* in the order documents are written one after another */
    size_t njobs;
    size_t *start;     /* job indexes in the order they are started */
    gint next;         /* next entry of start to take */
    gint first_failed; /* lowest index of a failed job, G_MAXINT while none */
    const struct or_option *opts;
    size_t nopts;
    int read_ahead;  /* step large results on threads of their own */
    int max_threads; /* the job's share of the processors; 0: all of them */
};

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

static void
run_jobs(struct render_pool *p)
{
    for (;;) {
        gint k = g_atomic_int_add(&p->next, 1);
        if (k < 0 || (size_t)k >= p->njobs) {
            return;
        }
        size_t idx = p->start[k];
        struct render_job *j = &p->jobs[idx];
        /* Written one after another, nothing after a failed document would
         * be: it is not worth starting. */
        if ((gint)idx > g_atomic_int_get(&p->first_failed)) {
            continue;
        }
        if (p->read_ahead) {
            /* The renderer spends its time on the rows, another core steps them. */
            for (size_t i = 0; i < j->report.nsections; i++) {
                const struct or_result *res = j->report.sections[i]->result;
                if (res != NULL && res->cursor != NULL) {
                    or_cursor_read_ahead(res->cursor);
                }
            }
        }
        gint64 t0 = g_get_monotonic_time();
        j->st = or_output_render_tmp(j->rp, &j->ctx, &j->report, j->path, p->opts, p->nopts,
                                     &j->tmp, j->err, sizeof(j->err));
        if (j->st == OR_OK) {
            /* Here, not later on the main thread: hashing overlaps the other
             * documents' rendering. */
            gint64 t1 = g_get_monotonic_time();
            or_manifest_hash_file(j->tmp, &j->hash);
            or_log(OR_LOG_DEBUG, "%s: rendered in %.2f s, hashed in %.2f s", j->path,
                   (double)(t1 - t0) / 1e6, (double)(g_get_monotonic_time() - t1) / 1e6);
            continue;
        }
        gint seen = g_atomic_int_get(&p->first_failed);
        while ((gint)idx < seen &&
               !g_atomic_int_compare_and_exchange(&p->first_failed, seen, (gint)idx)) {
            seen = g_atomic_int_get(&p->first_failed);
        }
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

/* Renders every job, several at once when the dataset allows it. */
static void
render_jobs(struct render_pool *p, sqlite3 *db)
{
    p->start = g_new0(size_t, p->njobs > 0 ? p->njobs : 1);
    for (size_t i = 0; i < p->njobs; i++) {
        p->jobs[i].cost = job_cost(&p->jobs[i]);
        p->jobs[i].st = OR_ERR_RENDER; /* until it is rendered */
        p->start[i] = i;
    }
    g_qsort_with_data(p->start, (gint)p->njobs, sizeof(*p->start), by_cost, p->jobs);
    p->first_failed = G_MAXINT;
    /* Renderers read rows concurrently only through a serialized connection
     * (SQLite's default build; the dataset asks for it). */
    size_t nthreads = sqlite3_db_mutex(db) != NULL ? g_get_num_processors() : 1;
    if (p->max_threads > 0) {
        nthreads = MIN(nthreads, (size_t)p->max_threads);
    }
    p->read_ahead = nthreads > 1;
    nthreads = MIN(MIN(nthreads, (size_t)RENDER_THREADS_MAX), p->njobs);
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

/* Renders every format; file names get @p suffix ("" for the roll-up).
 * Documents are put in place in the order of the format list, as if written
 * one after another: when one fails, those before it stay, and it and the
 * ones after it are not written (a file of that name from an earlier run is
 * left alone). */
static or_status
render_all(struct run *R, struct or_eval *ev, char **formats, const char *dir, const char *suffix,
           json_t *files, GArray *docs)
{
    struct or_option *opts = NULL;
    size_t nopts = 0;
    GArray *jobs = g_array_new(FALSE, TRUE, sizeof(struct render_job));
    or_status st = or_job_options(R->app->cli->options, &opts, &nopts, R->err, sizeof(R->err));
    /* A format whose cursors cannot be prepared fails after the formats
     * before it are written, as when they were written one by one. */
    or_status later = OR_OK;
    char later_err[OR_ERR_SIZE] = "";
    for (char **f = formats; st == OR_OK && *f != NULL; f++) {
        later = or_eval_prepare_report(ev, *f, later_err, sizeof(later_err));
        if (later != OR_OK) {
            break;
        }
        const struct or_loaded_plugin *rp = or_registry_renderer(R->app->reg, *f);
        const struct or_report *rep = or_eval_report(ev, *f);
        struct render_job j = {
            .rp = rp,
            .format = *f,
            .mime = rp->desc->renderer->mime_type,
            .report = *rep,
            .ctx = {.plugin_name = rp->desc->name,
                    .plugin = rp->desc,
                    .cfg = R->app->cfg,
                    .tz = R->tz},
        };
        if (strcmp(*f, "csv") != 0) {
            j.path = g_strdup_printf("%s/%s%s.%s", dir, R->tpl->name, suffix, *f);
            g_array_append_val(jobs, j);
            continue;
        }
        /* CSV holds one table: one file per table section. */
        for (size_t i = 0; i < rep->nsections; i++) {
            const struct or_section *sec = rep->sections[i];
            if (sec->kind != OR_SECTION_TABLE || sec->unavailable != NULL) {
                continue;
            }
            struct render_job one = j;
            one.report.sections = &rep->sections[i];
            one.report.nsections = 1;
            one.path = g_strdup_printf("%s/%s%s-%s.csv", dir, R->tpl->name, suffix, sec->id);
            g_array_append_val(jobs, one);
        }
    }
    struct render_pool pool = {
        .jobs = (struct render_job *)(void *)jobs->data,
        .njobs = jobs->len,
        .opts = opts,
        .nopts = nopts,
        .max_threads = R->app->cli->threads,
    };
    if (st == OR_OK) {
        or_eval_index_sorts(ev);
        render_jobs(&pool, or_dataset_db(R->ds));
        or_eval_drop_indexes(ev);
    }
    for (size_t i = 0; i < pool.njobs; i++) {
        struct render_job *j = &pool.jobs[i];
        if (st == OR_OK && j->st != OR_OK) {
            st = j->st;
            snprintf(R->err, sizeof(R->err), "%s", j->err);
        }
        if (st == OR_OK) {
            st = or_output_commit(j->tmp, j->path, R->err, sizeof(R->err));
            if (st == OR_OK) {
                add_doc(docs, files, j->path, j->format, j->mime, &j->hash);
            }
        }
        else {
            or_output_discard(j->tmp);
        }
        g_free(j->tmp);
        g_free(j->path);
    }
    if (st == OR_OK && later != OR_OK) {
        st = later;
        snprintf(R->err, sizeof(R->err), "%s", later_err);
    }
    g_free(pool.start);
    g_array_free(jobs, TRUE);
    or_job_options_free(opts, nopts);
    return st;
}

/* Recipients of one document set: --mail-to entries without a placeholder
 * get the roll-up (@p value NULL); entries with {COLUMN} get the split for
 * @p value, with the placeholder replaced by it. */
static char **
recipients(GPtrArray *list, const char *value)
{
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; list != NULL && i < list->len; i++) {
        const char *item = g_ptr_array_index(list, i);
        const char *open = strchr(item, '{');
        const char *close = open != NULL ? strchr(open, '}') : NULL;
        if (value == NULL && open == NULL) {
            g_ptr_array_add(out, g_strdup(item));
        }
        else if (value != NULL && open != NULL && close != NULL) {
            g_ptr_array_add(
                out, g_strdup_printf("%.*s%s%s", (int)(open - item), item, value, close + 1));
        }
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

/* Mails one document set (or says what it would send with --dry-run). */
static or_status
deliver(struct run *R, const struct or_mail_server *srv, struct or_eval *ev, GArray *docs,
        size_t first_doc, const char *value, json_t *mails)
{
    struct or_cli *cli = R->app->cli;
    char **to = recipients(cli->mail_to, value);
    char **cc = value == NULL ? recipients(cli->mail_cc, NULL) : NULL;
    or_status st = OR_OK;
    if (to[0] == NULL) {
        g_strfreev(to);
        g_strfreev(cc);
        return OR_OK;
    }
    size_t n = docs->len - first_doc;
    struct or_mail_attachment *att = g_new0(struct or_mail_attachment, n > 0 ? n : 1);
    char **names = g_new0(char *, n + 1);
    json_t *jatt = json_array();
    for (size_t i = 0; i < n; i++) {
        struct doc *d = &g_array_index(docs, struct doc, first_doc + i);
        names[i] = g_path_get_basename(d->path);
        att[i].path = d->path;
        att[i].filename = names[i];
        att[i].mime_type = d->mime != NULL ? d->mime : "application/octet-stream";
        json_array_append_new(jatt, json_string(names[i]));
    }
    const struct or_report *rep = or_eval_report(ev, "pdf");
    char *subject = or_mail_subject(cli->mail_subject, rep);
    if (value != NULL) {
        char *s2 = g_strdup_printf("%s (%s)", subject, value);
        g_free(subject);
        subject = s2;
    }
    char *text = NULL, *html = NULL;
    or_mail_body(rep, R->tz, (const char *const *)names, &text, &html);
    struct or_mail_message msg = {
        .from = srv->from,
        .to = (const char *const *)to,
        .cc = (const char *const *)cc,
        .subject = subject,
        .text = text,
        .html = html,
        .attachments = att,
        .nattachments = n,
    };
    const char *status = "sent";
    char merr[OR_ERR_SIZE] = "";
    if (cli->dry_run) {
        status = "dry-run";
        char *who = g_strjoinv(", ", to);
        char *what = g_strjoinv(", ", names);
        printf("would mail %s: \"%s\" with %s\n", who, subject, what);
        g_free(who);
        g_free(what);
    }
    else {
        st = or_mail_send(srv, &msg, merr, sizeof(merr));
        if (st != OR_OK) {
            status = "failed";
            or_log(OR_LOG_ERROR, "%s", merr);
        }
    }
    json_t *jto = json_array();
    for (char **t = to; *t != NULL; t++) {
        json_array_append_new(jto, json_string(*t));
    }
    json_t *jcc = json_array();
    for (char **c = cc; c != NULL && *c != NULL; c++) {
        json_array_append_new(jcc, json_string(*c));
    }
    json_t *m = json_pack("{s:o, s:o, s:s, s:o, s:s}", "to", jto, "cc", jcc, "subject", subject,
                          "attachments", jatt, "status", status);
    json_object_set_new(m, "error", merr[0] ? json_string(merr) : json_null());
    json_object_set_new(m, "split", value != NULL ? json_string(value) : json_null());
    json_array_append_new(mails, m);
    g_free(text);
    g_free(html);
    g_free(subject);
    g_strfreev(names);
    g_free(att);
    g_strfreev(to);
    g_strfreev(cc);
    return st;
}

static json_t *
manifest_root(struct run *R, const char *status)
{
    char gen[40];
    json_t *sources = json_array();
    for (size_t i = 0; i < R->nsrc; i++) {
        struct run_source *s = &R->src[i];
        json_array_append_new(
            sources, or_manifest_source(s->ts->alias, s->ts->source, s->ts->params, s->ts->previous,
                                        s->status ? s->status : "not run", s->detail, &s->stats));
    }
    or_time_format_iso(or_job_generated_at(), R->tz, gen, sizeof(gen));
    json_t *root = json_pack(
        "{s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:s, s:s}", "outreport", OR_VERSION, "status", status,
        "template", "name", R->tpl->name, "path", R->tpl->path, "title", R->tpl->title, "config",
        or_config_path(R->app->cfg) ? json_string(or_config_path(R->app->cfg)) : json_null(),
        "timezone", R->tz_name, "generated_at", gen);
    json_object_set_new(root, "period",
                        R->have_period ? or_manifest_period(&R->period, R->tz) : json_null());
    json_object_set_new(root, "previous_period",
                        R->have_period ? or_manifest_period(&R->previous, R->tz) : json_null());
    json_object_set_new(root, "sources", sources);
    return root;
}

static or_status
make_dir(const char *dir, char *err, size_t errlen)
{
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        snprintf(err, errlen, "--out %s: cannot create the folder: %s", dir, strerror(errno));
        return OR_ERR_IO;
    }
    return OR_OK;
}

/* Everything a run decided, for the manifest and --json. */
struct outcome {
    json_t *files;
    json_t *splits;
    json_t *mails;
    json_t *sections;
    GArray *docs;
};

/* Evaluates the template (over the filtered views for a split), renders it,
 * and mails it.  @p value is the split value, NULL for the roll-up. */
static or_status
produce(struct run *R, const struct or_eval_input *in, char **formats, const char *dir,
        const char *value, const struct or_mail_server *srv, struct outcome *o)
{
    struct or_eval *ev = NULL;
    size_t first = o->docs->len;
    json_t *files = value != NULL ? json_array() : json_incref(o->files);
    char *slug = value != NULL ? or_split_slug(value) : NULL;
    char *suffix = value != NULL ? g_strdup_printf("-%s", slug) : g_strdup("");
    or_status st = or_eval_new(in, &ev, R->err, sizeof(R->err));
    if (st == OR_OK) {
        st = render_all(R, ev, formats, dir, suffix, files, o->docs);
    }
    if (st == OR_OK && value == NULL) {
        size_t nsec = 0;
        const struct or_section *secs = or_eval_sections(ev, &nsec);
        o->sections = or_manifest_sections(secs, nsec);
    }
    if (st == OR_OK && srv != NULL) {
        st = deliver(R, srv, ev, o->docs, first, value, o->mails);
    }
    if (value != NULL) {
        json_t *paths = json_array();
        size_t i;
        json_t *f;
        json_array_foreach(files, i, f)
        {
            json_array_append(o->files, f);
            json_array_append(paths, json_object_get(f, "path"));
        }
        json_array_append_new(o->splits, json_pack("{s:s, s:o}", "value", value, "files", paths));
    }
    json_decref(files);
    or_eval_free(ev);
    g_free(slug);
    g_free(suffix);
    return st;
}

static or_status
produce_splits(struct run *R, const struct or_eval_input *in, char **formats, const char *dir,
               const struct or_mail_server *srv, struct outcome *o)
{
    char **cols = g_strsplit(R->app->cli->split_by, ",", -1);
    GPtrArray *values = NULL;
    for (char **c = cols; *c != NULL; c++) {
        g_strstrip(*c);
    }
    or_status st = or_split_values(R->ds, R->tpl, cols, &values, R->err, sizeof(R->err));
    for (guint i = 0; st == OR_OK && i < values->len; i++) {
        const char *v = g_ptr_array_index(values, i);
        st = or_split_apply(R->ds, R->tpl, cols, v, R->err, sizeof(R->err));
        if (st == OR_OK) {
            st = produce(R, in, formats, dir, v, srv, o);
        }
    }
    or_split_clear(R->ds, R->tpl);
    if (values != NULL) {
        g_ptr_array_free(values, TRUE);
    }
    g_strfreev(cols);
    return st;
}

static int
print_json_summary(json_t *manifest, int rc)
{
    json_t *jobs = json_array();
    json_array_append(jobs, manifest);
    json_t *root = json_pack("{s:s, s:i, s:o}", "status", rc == 0 ? "ok" : "failed", "exit_code",
                             rc, "jobs", jobs);
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    fputc('\n', stdout);
    json_decref(root);
    return rc;
}

int
or_cmd_run(struct or_app *app)
{
    struct run R;
    struct or_http *http = NULL;
    char **formats = NULL;
    GArray *failed = g_array_new(FALSE, TRUE, sizeof(struct or_failed_source));
    struct or_source_status *status = NULL;
    struct or_mail_server srv;
    int have_srv = 0;
    struct outcome o = {json_array(), json_array(), json_array(), NULL,
                        g_array_new(FALSE, TRUE, sizeof(struct doc))};
    const char *dir = app->cli->out_dir != NULL ? app->cli->out_dir : ".";
    int any_failed = 0;
    int rc;
    json_t *root = NULL;

    g_array_set_clear_func(o.docs, doc_clear);
    memset(&srv, 0, sizeof(srv));
    or_status st = start(app, &R);
    if (st == OR_OK) {
        st = pick_formats(&R, &formats);
    }
    if (st == OR_OK) {
        st = or_job_period(app, R.tz, R.tpl->period ? R.tpl->period : "last-week", &R.period,
                           &R.have_period, R.err, sizeof(R.err));
    }
    if (st == OR_OK && R.have_period) {
        const char *ws = or_config_get(app->cfg, "report", "week_start");
        or_period_previous(&R.period, R.tz, or_week_start_parse(ws ? ws : "monday"), &R.previous);
    }
    if (st == OR_OK && app->cli->mail_to != NULL && app->cli->mail_to->len > 0) {
        /* Mail settings are checked before anything is fetched. */
        st = or_mail_server_from_config(app->cfg, &srv, R.err, sizeof(R.err));
        have_srv = st == OR_OK;
        if (st != OR_OK && app->cli->dry_run) {
            or_log(OR_LOG_WARN, "%s (--dry-run goes on)", R.err);
            st = OR_OK;
            srv.from = g_strdup("outreport@localhost");
            have_srv = 1;
        }
    }
    if (st == OR_OK) {
        st = make_dir(dir, R.err, sizeof(R.err));
    }
    if (st == OR_OK) {
        struct or_http_options ho = {.record_dir = app->cli->record_dir,
                                     .replay_dir = app->cli->replay_dir};
        st = or_job_http_options(app->cfg, &ho, R.err, sizeof(R.err));
        if (st == OR_OK) {
            or_job_cache_options(app, &ho);
            st = or_http_new(&ho, &http, R.err, sizeof(R.err));
            g_free((char *)ho.cache_dir);
        }
    }
    if (st != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", R.err);
        rc = or_exit_code(st);
        goto done;
    }
    any_failed = fetch_sources(&R, http, failed);
    if (app->cli->fetch_only) {
        rc = any_failed ? OR_EXIT_SOURCE : OR_EXIT_OK;
        goto done;
    }
    if (any_failed && app->cli->strict) {
        root = manifest_root(&R, "refused");
        json_object_set_new(root, "files", json_array());
        char *mpath = g_strdup_printf("%s/manifest.json", dir);
        or_manifest_write(root, mpath, R.err, sizeof(R.err));
        g_free(mpath);
        or_log(OR_LOG_ERROR,
               "--strict: a source failed, so no documents were written (see %s/"
               "manifest.json)",
               dir);
        rc = OR_EXIT_SOURCE;
        goto done;
    }
    status = g_new0(struct or_source_status, R.nsrc > 0 ? R.nsrc : 1);
    for (size_t i = 0; i < R.nsrc; i++) {
        status[i].name = R.src[i].ts->alias;
        status[i].status = R.src[i].status;
        status[i].detail = R.src[i].detail;
        status[i].rows = R.src[i].stats.rows;
    }
    struct or_eval_input in = {
        .tpl = R.tpl,
        .ds = R.ds,
        .tz = R.tz,
        .tz_name = R.tz_name,
        .period = R.have_period ? &R.period : NULL,
        .previous = R.have_period ? &R.previous : NULL,
        .failed = (const struct or_failed_source *)(void *)failed->data,
        .nfailed = failed->len,
        .sources = status,
        .nsources = R.nsrc,
        .generated_at = or_job_generated_at(),
        .author = or_config_get(app->cfg, "report", "author"),
        .formats = (const char *const *)formats,
    };
    const struct or_mail_server *mail = have_srv ? &srv : NULL;
    st = produce(&R, &in, formats, dir, NULL, mail, &o);
    if (st == OR_OK && app->cli->split_by != NULL) {
        st = produce_splits(&R, &in, formats, dir, mail, &o);
    }
    root = manifest_root(&R, st != OR_OK ? "failed" : any_failed ? "partial" : "ok");
    json_object_set_new(root, "sections", o.sections != NULL ? o.sections : json_array());
    o.sections = NULL;
    json_object_set(root, "files", o.files);
    if (app->cli->split_by != NULL) {
        json_object_set_new(root, "split_by", json_string(app->cli->split_by));
        json_object_set(root, "splits", o.splits);
    }
    json_object_set(root, "mails", o.mails);
    json_object_set_new(root, "dry_run", json_boolean(app->cli->dry_run));
    char *mpath = g_strdup_printf("%s/manifest.json", dir);
    char merr[OR_ERR_SIZE];
    if (or_manifest_write(root, mpath, merr, sizeof(merr)) != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", merr);
        if (st == OR_OK) {
            st = OR_ERR_IO;
            snprintf(R.err, sizeof(R.err), "%s", merr);
        }
    }
    g_free(mpath);
    if (st != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", R.err);
        rc = or_exit_code(st == OR_ERR_INVALID ? OR_ERR_CONFIG : st);
    }
    else {
        rc = any_failed ? OR_EXIT_SOURCE : OR_EXIT_OK;
    }

done:
    if (app->cli->json && !app->cli->fetch_only) {
        if (root == NULL) {
            root = json_pack("{s:s, s:s}", "status", "failed", "error", R.err);
        }
        json_object_set_new(root, "exit_code", json_integer(rc));
        print_json_summary(root, rc);
    }
    json_decref(root);
    json_decref(o.files);
    json_decref(o.splits);
    json_decref(o.mails);
    json_decref(o.sections);
    g_array_free(o.docs, TRUE);
    if (have_srv) {
        or_mail_server_release(&srv);
    }
    g_free(status);
    g_strfreev(formats);
    g_array_free(failed, TRUE);
    or_http_free(http);
    run_free(&R);
    return rc;
}

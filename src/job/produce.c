/* SPDX-License-Identifier: MIT */
/* or_run_report(): evaluate, render and deliver a report job's roll-up and
 * splits, then say what happened in manifest.json. */
#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "base/timeutil.h"
#include "deliver/deliver.h"
#include "deliver/manifest.h"
#include "job/jobctx.h"
#include "job/pipeline.h"
#include "or_config.h"
#include "report/evaluate.h"
#include "report/render.h"
#include "report/split.h"

/* What every document set of the job is evaluated from. */
struct inputs {
    struct or_eval_input in;
    GArray *failed;                  /* struct or_failed_source */
    struct or_source_status *status; /* one per source */
    struct or_option *opts;          /* renderer options */
    size_t nopts;
};

static void
inputs_init(struct or_run *R, struct inputs *x)
{
    const struct or_plan *p = R->plan;
    memset(x, 0, sizeof(*x));
    x->failed = g_array_new(FALSE, TRUE, sizeof(struct or_failed_source));
    x->status = g_new0(struct or_source_status, p->nsources > 0 ? p->nsources : 1);
    for (size_t i = 0; i < p->nsources; i++) {
        const struct or_source *s = &p->sources[i];
        x->status[i] = (struct or_source_status){s->alias, s->status, s->detail, s->stats.rows};
        if (s->st != OR_OK) {
            struct or_failed_source f = {s->alias, s->detail};
            g_array_append_val(x->failed, f);
        }
    }
    x->in = (struct or_eval_input){
        .tpl = p->tpl,
        .ds = R->ds,
        .tz = p->tz,
        .tz_name = p->tz_name,
        .period = p->have_period ? &p->period : NULL,
        .previous = p->have_period ? &p->previous : NULL,
        .failed = (const struct or_failed_source *)(void *)x->failed->data,
        .nfailed = x->failed->len,
        .sources = x->status,
        .nsources = p->nsources,
        .generated_at = or_job_generated_at(),
        .author = or_config_get(p->cfg, "report", "author"),
        .brand = p->brand != NULL ? &p->brand->pub : NULL,
        .locale = p->loc != NULL ? p->loc->tag : NULL,
        .loc = p->loc,
        .formats = (const char *const *)p->formats,
        .vars = (const char *const *)p->vars,
    };
}

static void
inputs_release(struct inputs *x)
{
    g_array_free(x->failed, TRUE);
    g_free(x->status);
    or_job_options_free(x->opts, x->nopts);
}

/* Hashes a rendered document on the thread that rendered it. */
static gpointer
hash_rendered(const char *tmp, void *ud)
{
    (void)ud;
    struct or_file_hash *h = g_new0(struct or_file_hash, 1);
    or_manifest_hash_file(tmp, h);
    return h;
}

/* The manifest entries of the documents from @p first on, into @p files. */
static void
record_docs(struct or_run *R, size_t first, json_t *files)
{
    for (size_t i = first; i < R->docs->len; i++) {
        const struct or_rendered_doc *d = &g_array_index(R->docs, struct or_rendered_doc, i);
        const struct or_file_hash *h = d->data;
        if (h != NULL && h->ok) {
            or_log(OR_LOG_INFO, "wrote %s (%lld bytes)", d->path, (long long)h->bytes);
        }
        else {
            or_log(OR_LOG_INFO, "wrote %s", d->path);
        }
        json_array_append_new(files, or_manifest_file_hashed(d->path, d->format, h));
    }
}

static or_status
deliver(struct or_run *R, struct or_eval *ev, size_t first, const struct or_split *split)
{
    const struct or_plan *p = R->plan;
    size_t n = R->docs->len - first;
    struct or_delivery_doc *docs = g_new0(struct or_delivery_doc, n + 1);
    for (size_t i = 0; i < n; i++) {
        const struct or_rendered_doc *d =
            &g_array_index(R->docs, struct or_rendered_doc, first + i);
        docs[i] = (struct or_delivery_doc){d->path, d->mime};
    }
    struct or_delivery dv = {
        .srv = &p->srv,
        .mail_to = p->job->mail_to,
        .mail_cc = p->job->mail_cc,
        .subject = p->job->mail_subject,
        .dry_run = p->job->dry_run,
        .report = or_eval_report(ev, "pdf"),
        .tz = p->tz,
        .split = split != NULL ? split->value : NULL,
        .docs = docs,
        .ndocs = n,
    };
    or_status st = or_deliver_mail(&dv, R->mails, R->err, sizeof(R->err));
    g_free(docs);
    return st;
}

/* The manifest's record of a split: its value, label and files. */
static void
record_split(struct or_run *R, const struct or_split *split, json_t *files)
{
    json_t *paths = json_array();
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f)
    {
        json_array_append(R->files, f);
        json_array_append(paths, json_object_get(f, "path"));
    }
    json_array_append_new(R->splits, json_pack("{s:s, s:s, s:o}", "value", split->value, "label",
                                               split->label, "files", paths));
}

/* One document set: the roll-up (@p split NULL or without a value) or a
 * split's, evaluated (see or_eval_input.split), rendered and mailed. */
static or_status
produce(struct or_run *R, const struct inputs *x, const struct or_split *split)
{
    const struct or_plan *p = R->plan;
    struct or_eval *ev = NULL;
    struct or_eval_input in = x->in;
    int one = split != NULL && split->value != NULL;
    size_t first = R->docs->len;
    json_t *files = one ? json_array() : json_incref(R->files);
    /* Files are named after the person (the label), as the cover is; a name
     * with nothing to transliterate (ハルト 田中) by the value. */
    char *slug = one ? or_split_slug(split->label) : NULL;
    if (slug != NULL && strcmp(slug, "value") == 0 && strcmp(split->label, split->value) != 0) {
        g_free(slug);
        slug = or_split_slug(split->value);
    }
    char *suffix = one ? g_strdup_printf("-%s", slug) : g_strdup("");
    in.split = split;
    or_status st = or_eval_new(&in, &ev, R->err, sizeof(R->err));
    if (st == OR_OK) {
        struct or_render_request rq = {
            .ev = ev,
            .reg = p->reg,
            .cfg = p->cfg,
            .tz = p->tz,
            .formats = p->formats,
            .dir = p->job->out_dir,
            .name = p->tpl->name,
            .suffix = suffix,
            .opts = x->opts,
            .nopts = x->nopts,
            .max_threads = p->job->threads,
            .loc = p->loc,
            .rendered = hash_rendered,
            .free_data = g_free,
        };
        st = or_render_documents(&rq, R->docs, R->err, sizeof(R->err));
        record_docs(R, first, files);
    }
    if (st == OR_OK && !one) {
        size_t nsec = 0;
        const struct or_section *secs = or_eval_sections(ev, &nsec);
        R->sections = or_manifest_sections(secs, nsec);
    }
    if (st == OR_OK && p->have_srv) {
        st = deliver(R, ev, first, split);
    }
    if (one) {
        record_split(R, split, files);
    }
    json_decref(files);
    or_eval_free(ev);
    g_free(slug);
    g_free(suffix);
    return st;
}

/* The roll-up and a document set per value of the split's first column. */
static or_status
produce_all(struct or_run *R, const struct inputs *x)
{
    const struct or_plan *p = R->plan;
    if (p->job->split_by == NULL) {
        return produce(R, x, NULL);
    }
    char **cols = g_strsplit(p->job->split_by, ",", -1);
    GPtrArray *values = NULL, *labels = NULL;
    char *label_col = NULL;
    for (char **c = cols; *c != NULL; c++) {
        g_strstrip(*c);
    }
    struct or_split split = {.cols = cols};
    /* Everything a split can refuse is refused before anything is written. */
    or_status st = or_split_values(R->ds, p->tpl, cols, &values, R->err, sizeof(R->err));
    if (st == OR_OK) {
        st = or_split_label_column(R->ds, p->tpl, cols, p->job->split_label, &label_col, R->err,
                                   sizeof(R->err));
    }
    if (st == OR_OK) {
        st = or_split_labels(R->ds, p->tpl, cols, label_col, values, &labels, R->err,
                             sizeof(R->err));
    }
    if (st == OR_OK && values->len > 0) {
        struct or_eval_input in = x->in;
        struct or_split first = {cols, g_ptr_array_index(values, 0), NULL};
        in.split = &first;
        st = or_eval_check_split(&in, R->err, sizeof(R->err));
    }
    if (st == OR_OK) {
        st = produce(R, x, &split); /* the roll-up */
    }
    for (guint i = 0; st == OR_OK && i < values->len; i++) {
        split.value = g_ptr_array_index(values, i);
        split.label = g_ptr_array_index(labels, i);
        st = produce(R, x, &split);
    }
    if (values != NULL) {
        g_ptr_array_free(values, TRUE);
    }
    if (labels != NULL) {
        g_ptr_array_free(labels, TRUE);
    }
    g_free(label_col);
    g_strfreev(cols);
    return st;
}

/* The manifest's inputs: template, config, zone, periods, sources. */
static json_t *
manifest_root(const struct or_run *R, const char *status)
{
    const struct or_plan *p = R->plan;
    char gen[40];
    json_t *sources = json_array();
    for (size_t i = 0; i < p->nsources; i++) {
        const struct or_source *s = &p->sources[i];
        const char *own = p->tpl->sources[i].period;
        json_array_append_new(sources, or_manifest_source(s->alias, s->name, s->param_text,
                                                          own != NULL   ? own
                                                          : s->previous ? "previous"
                                                                        : "current",
                                                          s->has_period ? &s->period : NULL,
                                                          s->status ? s->status : "not run",
                                                          s->detail, &s->stats));
    }
    or_time_format_iso(or_job_generated_at(), p->tz, gen, sizeof(gen));
    const char *cfg_path = or_config_path(p->cfg);
    json_t *root =
        json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:s, s:s}", "outreport", OR_VERSION, "status",
                  status, "template", "name", p->tpl->name, "path", p->tpl->path, "title",
                  p->tpl->title, "config", cfg_path != NULL ? json_string(cfg_path) : json_null(),
                  "timezone", p->tz_name, "generated_at", gen);
    json_object_set_new(root, "period",
                        p->have_period ? or_manifest_period(&p->period, p->tz) : json_null());
    json_object_set_new(root, "previous_period",
                        p->have_period ? or_manifest_period(&p->previous, p->tz) : json_null());
    json_object_set_new(root, "sources", sources);
    return root;
}

static or_status
write_manifest(struct or_run *R, char *err, size_t errlen)
{
    char *path = g_strdup_printf("%s/manifest.json", R->plan->job->out_dir);
    or_status st = or_manifest_write(R->manifest, path, err, errlen);
    g_free(path);
    return st;
}

/* --strict and a failed source: no documents, a manifest that says why. */
static int
refuse(struct or_run *R)
{
    R->manifest = manifest_root(R, "refused");
    json_object_set_new(R->manifest, "files", json_array());
    write_manifest(R, R->err, sizeof(R->err));
    or_log(OR_LOG_ERROR,
           "--strict: a source failed, so no documents were written (see %s/"
           "manifest.json)",
           R->plan->job->out_dir);
    return OR_EXIT_SOURCE;
}

/* The manifest of a run that produced (or failed to produce) its documents. */
static void
complete_manifest(struct or_run *R, or_status st)
{
    const struct or_job *job = R->plan->job;
    R->manifest = manifest_root(R, st != OR_OK ? "failed" : R->any_failed ? "partial" : "ok");
    json_object_set_new(R->manifest, "sections",
                        R->sections != NULL ? json_incref(R->sections) : json_array());
    json_object_set(R->manifest, "files", R->files);
    if (job->split_by != NULL) {
        json_object_set_new(R->manifest, "split_by", json_string(job->split_by));
        json_object_set(R->manifest, "splits", R->splits);
    }
    json_object_set(R->manifest, "mails", R->mails);
    json_object_set_new(R->manifest, "dry_run", json_boolean(job->dry_run));
    if (st != OR_OK) {
        json_object_set_new(R->manifest, "error", json_string(R->err)); /* why, for scripts */
    }
}

int
or_run_report(struct or_run *R)
{
    const struct or_job *job = R->plan->job;
    struct inputs x;
    if (R->any_failed && job->strict) {
        return refuse(R);
    }
    inputs_init(R, &x);
    or_status st = or_job_options(job->options, &x.opts, &x.nopts, R->err, sizeof(R->err));
    if (st == OR_OK) {
        st = produce_all(R, &x);
    }
    complete_manifest(R, st);
    char merr[OR_ERR_SIZE];
    if (write_manifest(R, merr, sizeof(merr)) != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", merr);
        if (st == OR_OK) {
            st = OR_ERR_IO;
            or_set_err(R->err, sizeof(R->err), "%s", merr);
        }
    }
    inputs_release(&x);
    if (st != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", R->err);
        return or_exit_code(st == OR_ERR_INVALID ? OR_ERR_CONFIG : st);
    }
    return R->any_failed ? OR_EXIT_SOURCE : OR_EXIT_OK;
}

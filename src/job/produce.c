/* SPDX-License-Identifier: MIT */
/* or_run_report(): evaluate, render and deliver a report job's roll-up and
 * splits, then say what happened in manifest.json. */
#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "base/timeutil.h"
#include "deliver/deliver.h"
#include "deliver/manifest.h"
#include "deliver/notify.h"
#include "plugin/endpoint.h"
#include "job/jobctx.h"
#include "job/pipeline.h"
#include "job/split_plan.h"
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
        x->status[i] = (struct or_source_status){
            s->alias,      s->status,           s->detail,
            s->stats.rows, s->stats.fetched_at, or_endpoint_cumulative(s->ep)};
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

/* Rows a table of a mail body shows: the documents attached hold them all. */
#define MAIL_MAX_ROWS 25

static or_status
deliver(struct or_run *R, struct or_eval *ev, size_t first, const struct or_split *split,
        const char *suffix)
{
    const struct or_plan *p = R->plan;
    if (!or_deliver_has_recipients(p->job->mail_to, split != NULL ? split->value : NULL)) {
        return OR_OK;
    }
    int skip = 0;
    char *why = NULL;
    or_status st = or_eval_mail_skip(ev, &skip, &why, R->err, sizeof(R->err));
    if (why != NULL) {
        or_log(OR_LOG_WARN, "%s%s%s", why, split != NULL ? " for " : "",
               split != NULL ? split->label : "");
    }
    if (st != OR_OK) {
        return st;
    }
    size_t n = R->docs->len - first;
    struct or_delivery_doc *docs = g_new0(struct or_delivery_doc, n + 1);
    for (size_t i = 0; i < n; i++) {
        const struct or_rendered_doc *d =
            &g_array_index(R->docs, struct or_rendered_doc, first + i);
        docs[i] = (struct or_delivery_doc){d->path, d->mime};
    }
    struct or_render_request rq = {.ev = ev,
                                   .reg = p->reg,
                                   .cfg = p->cfg,
                                   .tz = p->tz,
                                   .dir = p->job->out_dir,
                                   .name = p->tpl->name,
                                   .suffix = suffix,
                                   .loc = p->loc};
    struct or_mail_html mh = {p->tpl->mail_intro, MAIL_MAX_ROWS};
    char *html = NULL;
    if (!skip) {
        st = or_render_mail_html(&rq, &mh, &html, R->err, sizeof(R->err));
    }
    char *eml = g_strdup_printf("%s/%s%s.eml", p->job->out_dir, p->tpl->name, suffix);
    struct or_delivery dv = {
        .srv = &p->srv,
        .mail_to = p->job->mail_to,
        .mail_cc = p->job->mail_cc,
        .subject = p->job->mail_subject,
        .dry_run = p->job->dry_run,
        .report = or_eval_report(ev, "pdf"),
        .tz = p->tz,
        .loc = p->loc,
        .split = split != NULL ? split->value : NULL,
        .docs = docs,
        .ndocs = n,
        .html = html,
        .intro = p->tpl->mail_intro,
        .eml_path = eml,
        .skip = skip ? why : NULL,
    };
    if (st == OR_OK) {
        st = or_deliver_mail(&dv, R->mails, R->err, sizeof(R->err));
    }
    g_free(eml);
    g_free(html);
    g_free(why);
    g_free(docs);
    return st;
}

/* The roll-up in the team's chat, a split in its person's ([notify]): a
 * failed post is a warning. */
static void
notify(struct or_run *R, struct or_eval *ev, size_t first, const struct or_split *split,
       const char *slug)
{
    const struct or_plan *p = R->plan;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = first; i < R->docs->len; i++) {
        g_ptr_array_add(
            names, g_path_get_basename(g_array_index(R->docs, struct or_rendered_doc, i).path));
    }
    g_ptr_array_add(names, NULL);
    struct or_notice n = {
        or_eval_report(ev, "pdf"),           p->tz, (const char *const *)names->pdata,
        split != NULL ? split->value : NULL, slug,  p->loc};
    or_notify(p->cfg, &n, p->job->dry_run, R->notifications);
    g_ptr_array_free(names, TRUE);
}

/* The manifest's record of a split: its value, label, files, and whether
 * they were written ("ok"), not all of them ("failed") or none because the
 * value cannot have any ("skipped"), with why. */
static void
record_split(struct or_run *R, const struct or_split_doc *d, json_t *files, const char *status,
             const char *error)
{
    json_t *paths = json_array();
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f)
    {
        json_array_append(R->files, f);
        json_array_append(paths, json_object_get(f, "path"));
    }
    /* jansson takes only UTF-8; a value that is not was skipped for it. */
    char *value = g_utf8_make_valid(d->value, -1);
    json_array_append_new(R->splits, json_pack("{s:s, s:s, s:o, s:s, s:o}", "value", value, "label",
                                               d->label, "files", paths, "status", status, "error",
                                               error != NULL ? json_string(error) : json_null()));
    g_free(value);
}

/* One document set: the roll-up (@p split NULL or without a value) or the
 * split @p d's, evaluated (see or_eval_input.split), rendered into files
 * named with @p d's suffix, and mailed. */
static or_status
produce(struct or_run *R, const struct inputs *x, const struct or_split *split,
        const struct or_split_doc *d)
{
    const struct or_plan *p = R->plan;
    struct or_eval *ev = NULL;
    struct or_eval_input in = x->in;
    int one = split != NULL && split->value != NULL;
    size_t first = R->docs->len;
    json_t *files = one ? json_array() : json_incref(R->files);
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
            .suffix = one ? d->suffix : "",
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
        st = deliver(R, ev, first, one ? split : NULL, one ? d->suffix : "");
    }
    if (st == OR_OK) {
        /* A person's channel is named by the file suffix without its "-":
         * two people of one name never share a channel. */
        notify(R, ev, first, one ? split : NULL, one ? d->suffix + 1 : NULL);
    }
    if (one) {
        record_split(R, d, files, st == OR_OK ? "ok" : "failed", st == OR_OK ? NULL : R->err);
    }
    json_decref(files);
    or_eval_free(ev);
    return st;
}

/* " (Zoë Müller)" when a split's label says more than its value, else "". */
static char *
whom_of(const struct or_split_doc *d)
{
    if (strcmp(d->label, d->value) == 0) {
        return g_strdup("");
    }
    if (g_utf8_strlen(d->label, -1) <= 60) {
        return g_strdup_printf(" (%s)", d->label);
    }
    char *cut = g_utf8_substring(d->label, 0, 60);
    char *whom = g_strdup_printf(" (%s\xE2\x80\xA6)", cut);
    g_free(cut);
    return whom;
}

/* A split that has no documents, or not all of them: said, recorded, and
 * the run ends with @p code (the first such split's) unless a source failed. */
static void
split_failed(struct or_run *R, const char *column, const struct or_split_doc *d, const char *what,
             const char *why, int code)
{
    char *quoted = or_split_quote(d->value);
    char *whom = whom_of(d);
    or_log(OR_LOG_ERROR, "--split-by %s: %s%s %s: %s; the other splits go on", column, quoted, whom,
           what, why[0] != '\0' ? why : "no reason given");
    g_free(whom);
    g_free(quoted);
    if (R->split_exit == OR_EXIT_OK) {
        R->split_exit = code;
    }
}

/* Each split's document set, in the order of @p plan: a split that is
 * skipped or fails leaves the others alone. */
static void
produce_splits(struct or_run *R, const struct inputs *x, char **cols, GArray *plan)
{
    struct or_split split = {.cols = cols};
    for (guint i = 0; i < plan->len; i++) {
        const struct or_split_doc *d = &g_array_index(plan, struct or_split_doc, i);
        if (d->skipped != NULL) {
            split_failed(R, cols[0], d, "skipped", d->skipped, OR_EXIT_FAILURE);
            record_split(R, d, NULL, "skipped", d->skipped);
            continue;
        }
        split.value = d->value;
        split.label = d->label;
        or_status st = produce(R, x, &split, d);
        if (st != OR_OK) {
            split_failed(R, cols[0], d, "failed", R->err,
                         or_exit_code(st == OR_ERR_INVALID ? OR_ERR_CONFIG : st));
            R->err[0] = '\0';
        }
    }
}

/* The roll-up and a document set per value of the split's first column. */
static or_status
produce_all(struct or_run *R, const struct inputs *x)
{
    const struct or_plan *p = R->plan;
    if (p->job->split_by == NULL) {
        return produce(R, x, NULL, NULL);
    }
    char **cols = g_strsplit(p->job->split_by, ",", -1);
    GPtrArray *values = NULL, *labels = NULL;
    GArray *plan = NULL;
    char *label_col = NULL;
    for (char **c = cols; *c != NULL; c++) {
        g_strstrip(*c);
    }
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
        struct or_split_naming naming = {p->tpl, p->formats, p->job->mail_to};
        plan = or_split_plan_new(&naming, values, labels);
        struct or_split rollup = {.cols = cols};
        st = produce(R, x, &rollup, NULL);
    }
    if (st == OR_OK) {
        produce_splits(R, x, cols, plan);
    }
    or_split_plan_free(plan);
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
    R->manifest = manifest_root(R, st != OR_OK                           ? "failed"
                                   : R->any_failed || R->split_exit != 0 ? "partial"
                                                                         : "ok");
    json_object_set_new(R->manifest, "sections",
                        R->sections != NULL ? json_incref(R->sections) : json_array());
    json_object_set(R->manifest, "files", R->files);
    if (job->split_by != NULL) {
        json_object_set_new(R->manifest, "split_by", json_string(job->split_by));
        json_object_set(R->manifest, "splits", R->splits);
    }
    json_object_set(R->manifest, "mails", R->mails);
    json_object_set(R->manifest, "notifications", R->notifications);
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
    return R->any_failed ? OR_EXIT_SOURCE : R->split_exit;
}

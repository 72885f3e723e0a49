/* SPDX-License-Identifier: MIT */
/* The report each format gets: the sections it shows, with cursors of
 * their own when documents render at the same time. */
#include <string.h>

#include "report/eval_impl.h"

/* One format's report.  Made private (or_eval_prepare_report()), every
 * result it shows is a copy whose cursor no other report steps. */
struct format_report {
    struct or_report report; /* first: the table hands this out */
    struct or_section *sections;
    const struct or_section **secp;       /* secp[i] is &sections[i]: the ABI's list */
    const struct or_source_status **srcp; /* the sources, likewise */
    size_t *index;                        /* each shown section's index in the evaluation */
    size_t n;
    struct or_result *results;  /* private copies, or NULL */
    struct or_cursor **cursors; /* owned, NULL where the section has no result */
};

void
or_eval_free_report(gpointer p)
{
    struct format_report *r = p;
    for (size_t i = 0; r->cursors != NULL && i < r->n; i++) {
        or_cursor_free(r->cursors[i]);
    }
    g_free(r->cursors);
    g_free(r->results);
    g_free(r->index);
    g_free(r->sections);
    g_free(r->secp);
    g_free(r->srcp);
    g_free(r);
}

static struct format_report *
build_report(struct or_eval *ev, const char *format)
{
    const struct or_eval_input *in = ev->in;
    struct format_report *fr = g_new0(struct format_report, 1);
    struct or_report *r = &fr->report;
    fr->sections = g_new0(struct or_section, ev->n > 0 ? ev->n : 1);
    fr->secp = g_new0(const struct or_section *, ev->n > 0 ? ev->n : 1);
    fr->index = g_new0(size_t, ev->n > 0 ? ev->n : 1);
    for (size_t i = 0; i < ev->n; i++) {
        if (OR_EVAL_SPLIT_DOC(ev) && ev->state[i].scope == OR_SCOPE_HIDE) {
            continue; /* "scope": "hide": the roll-up shows it, a person's documents do not */
        }
        if (or_tpl_section_shows_in(&in->tpl->sections[i], format)) {
            fr->index[fr->n] = i;
            fr->secp[fr->n] = &fr->sections[fr->n];
            fr->sections[fr->n++] = ev->sections[i];
        }
    }
    fr->srcp = g_new0(const struct or_source_status *, in->nsources > 0 ? in->nsources : 1);
    for (size_t i = 0; i < in->nsources; i++) {
        fr->srcp[i] = ev->sources != NULL ? &ev->sources[i] : &in->sources[i];
    }
    r->title = in->tpl->title;
    r->description = in->tpl->description;
    r->tz = in->tz_name;
    r->period_label = in->period != NULL ? in->period->label : "all data";
    r->period_start = in->period != NULL ? in->period->start : 0;
    r->period_end = in->period != NULL ? in->period->end : 0;
    r->partial = in->period != NULL ? in->period->partial : 0;
    r->generated_at = in->generated_at;
    r->nsections = fr->n;
    r->sections = fr->secp;
    r->nsources = in->nsources;
    r->sources = fr->srcp;
    r->author = in->author;
    r->currency = in->tpl->currency;
    r->brand = in->brand;
    r->locale = in->locale != NULL ? in->locale : "en";
    if (OR_EVAL_SPLIT_DOC(ev)) {
        r->split_value = in->split->value;
        r->split_label = in->split->label != NULL ? in->split->label : in->split->value;
    }
    return fr;
}

/* Gives every result of @p fr a cursor of its own: a copy of buffered rows,
 * or the section's statement prepared once more.  In place, so pointers
 * already handed out stay valid; on failure @p fr is left as it was. */
static or_status
make_private(struct or_eval *ev, struct format_report *fr)
{
    struct or_result *results = g_new0(struct or_result, fr->n > 0 ? fr->n : 1);
    struct or_cursor **cursors = g_new0(struct or_cursor *, fr->n > 0 ? fr->n : 1);
    or_status st = OR_OK;
    for (size_t k = 0; st == OR_OK && k < fr->n; k++) {
        struct section_state *ss = &ev->state[fr->index[k]];
        if (fr->sections[k].result == NULL) {
            continue;
        }
        cursors[k] = or_cursor_share(ss->cursor);
        if (cursors[k] == NULL) {
            ev->cur = &ev->in->tpl->sections[fr->index[k]];
            st = or_eval_reprepare(ev, fr->index[k], &cursors[k]);
            ev->cur = NULL;
        }
        results[k] = ss->result;
        results[k].cursor = cursors[k];
    }
    if (st != OR_OK) {
        for (size_t k = 0; k < fr->n; k++) {
            or_cursor_free(cursors[k]);
        }
        g_free(cursors);
        g_free(results);
        return st;
    }
    for (size_t k = 0; k < fr->n; k++) {
        if (fr->sections[k].result != NULL) {
            fr->sections[k].result = &results[k];
        }
    }
    fr->results = results;
    fr->cursors = cursors;
    return OR_OK;
}

static struct format_report *
report_for(struct or_eval *ev, const char *format)
{
    struct format_report *fr = g_hash_table_lookup(ev->reports, format);
    if (fr == NULL) {
        fr = build_report(ev, format);
        g_hash_table_insert(ev->reports, g_strdup(format), fr);
    }
    return fr;
}

or_status
or_eval_prepare_report(struct or_eval *ev, const char *format, char *err, size_t errlen)
{
    struct format_report *fr = report_for(ev, format);
    if (fr->cursors != NULL) {
        return OR_OK;
    }
    char *saved_err = ev->err;
    size_t saved_len = ev->errlen;
    ev->err = err;
    ev->errlen = errlen;
    or_status st = make_private(ev, fr);
    ev->err = saved_err;
    ev->errlen = saved_len;
    return st;
}

const struct or_report *
or_eval_report(struct or_eval *ev, const char *format)
{
    return &report_for(ev, format)->report;
}

/* SPDX-License-Identifier: MIT */
/* The Summary sheet: see xlsx_summary.h. */
#include "xlsx_summary.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orr_text.h"
#include "xlsx_brand.h"
#include "xlsx_contents.h"
#include "xlsx_kpi.h"
#include "xlsx_summary_cells.h"

#define LINE_SIZE 1024

static const double width_min[XLSX_SUMMARY_COLS] = {14.0, 12.0, 12.0, 12.0};
static const double width_max[XLSX_SUMMARY_COLS] = {40.0, 40.0, 16.0, 90.0};

/* Write @p text line by line ('\n' separates), one row each. */
static or_status
lines(struct xlsx_ctx *x, struct xlsx_summary *sum, const char *text, lxw_format *format)
{
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
        char *line = malloc(n + 1);
        if (line == NULL) {
            return xlsx_ctx_nomem(x, "summary text");
        }
        memcpy(line, p, n);
        line[n] = '\0';
        or_status st = xlsx_summary_text(x, sum, 0, line, format, 0);
        free(line);
        sum->row++;
        if (st != OR_OK || nl == NULL) {
            return st;
        }
        p = nl + 1;
    }
}

static size_t
failed_sources(const struct or_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nsources; i++) {
        if (r->sources[i]->status != NULL && strcmp(r->sources[i]->status, "failed") == 0) {
            n++;
        }
    }
    return n;
}

static or_status
title_block(struct xlsx_ctx *x, struct xlsx_summary *sum)
{
    const struct or_report *r = x->report;
    char buf[LINE_SIZE];
    char from[64];
    char to[64];
    or_status st = xlsx_brand_summary_top(x, sum);
    if (st == OR_OK) {
        st = xlsx_summary_line(
            x, sum, r->title != NULL && r->title[0] != '\0' ? r->title : "Report", x->fmt.title);
    }

    if (st == OR_OK && OR_HOST_SINCE(x->h, 2) && r->split_label != NULL) {
        /* A split workbook names whom it is about. */
        if (r->split_value != NULL && strcmp(r->split_value, r->split_label) != 0) {
            char who[LINE_SIZE];
            snprintf(who, sizeof(who), "%s (%s)", r->split_label, r->split_value);
            const char *const args[] = {who};
            orr_text(x->h, "for", "For {1}", args, 1, buf, sizeof(buf));
        }
        else {
            const char *const args[] = {r->split_label};
            orr_text(x->h, "for", "For {1}", args, 1, buf, sizeof(buf));
        }
        st = xlsx_summary_line(x, sum, buf, x->fmt.heading);
    }
    if (st == OR_OK && r->description != NULL && r->description[0] != '\0') {
        st = lines(x, sum, r->description, NULL);
    }
    if (st == OR_OK && r->period_label != NULL && r->period_label[0] != '\0') {
        snprintf(buf, sizeof(buf), "Period: %s%s", r->period_label,
                 r->partial ? " (partial: the period is not over yet)" : "");
        st = xlsx_summary_line(x, sum, buf, x->fmt.bold);
    }
    if (st == OR_OK && (r->period_start != 0 || r->period_end != 0)) {
        if (x->h->format_time(x->h, r->period_start, from, sizeof(from)) == OR_OK &&
            x->h->format_time(x->h, r->period_end, to, sizeof(to)) == OR_OK) {
            snprintf(buf, sizeof(buf), "Data window: %s to %s (end exclusive)", from, to);
            st = xlsx_summary_line(x, sum, buf, NULL);
        }
    }
    if (st == OR_OK) {
        const char *zone = r->tz != NULL && r->tz[0] != '\0' ? r->tz : "UTC";
        const char *const args[] = {zone};
        orr_text(x->h, "times_in", "Times in {1}", args, 1, buf, sizeof(buf));
        st = xlsx_summary_line(x, sum, buf, NULL);
    }
    if (st == OR_OK) {
        if (x->h->format_time(x->h, r->generated_at, from, sizeof(from)) != OR_OK) {
            snprintf(from, sizeof(from), "%" PRId64 " (Unix time)", r->generated_at);
        }
        const char *const args[] = {from};
        orr_text(x->h, "generated_at", "Generated at {1}", args, 1, buf, sizeof(buf));
        st = xlsx_summary_line(x, sum, buf, NULL);
    }
    size_t failed = failed_sources(r);
    if (st == OR_OK && failed > 0) {
        snprintf(buf, sizeof(buf), "Incomplete: %zu of %zu sources failed (see Sources below)",
                 failed, r->nsources);
        st = xlsx_summary_line(x, sum, buf, x->fmt.error);
    }
    sum->row++;
    return st;
}

static or_status
text_block(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_section *sec)
{
    or_status st = OR_OK;
    if (sec->title != NULL && sec->title[0] != '\0') {
        st = xlsx_summary_line(x, sum, sec->title, x->fmt.heading);
    }
    if (st == OR_OK && sec->unavailable != NULL) {
        char buf[LINE_SIZE];
        snprintf(buf, sizeof(buf), "data unavailable: %s", sec->unavailable);
        st = xlsx_summary_line(x, sum, buf, x->fmt.error);
    }
    else if (st == OR_OK && sec->text != NULL) {
        st = lines(x, sum, sec->text, NULL);
    }
    sum->row++;
    return st;
}

static or_status
sources_block(struct xlsx_ctx *x, struct xlsx_summary *sum)
{
    static const char *const labels[] = {"Source", "Status", "Rows", "Detail"};
    const struct or_report *r = x->report;
    char heading[64];
    orr_text(x->h, "sources", "Sources", NULL, 0, heading, sizeof(heading));
    or_status st = xlsx_summary_line(x, sum, heading, x->fmt.heading);

    if (st == OR_OK && r->nsources == 0) {
        st = xlsx_summary_line(x, sum, "No sources.", x->fmt.note);
    }
    else if (st == OR_OK) {
        st = xlsx_summary_header(x, sum, labels, 4);
    }
    for (size_t i = 0; st == OR_OK && i < r->nsources; i++) {
        const struct or_source_status *s = r->sources[i];
        int failed = s->status != NULL && strcmp(s->status, "failed") == 0;
        lxw_format *tone = failed ? x->fmt.error : NULL;
        st = xlsx_summary_text(x, sum, 0, xlsx_str(s->name), NULL, 1);
        if (st == OR_OK) {
            char id[48];
            char shown[64];
            snprintf(id, sizeof(id), "status.%s", xlsx_str(s->status));
            orr_text(x->h, id, xlsx_str(s->status), NULL, 0, shown, sizeof(shown));
            st = xlsx_summary_text(x, sum, 1, shown, tone, 1);
        }
        if (st == OR_OK) {
            st = xlsx_summary_number(x, sum, 2, (double)s->rows, x->fmt.integer);
        }
        if (st == OR_OK && s->detail != NULL) {
            st = xlsx_summary_text(x, sum, 3, s->detail, tone, 1);
        }
        sum->row++;
    }
    sum->row++;
    return st;
}

or_status
xlsx_summary_write(struct xlsx_ctx *x, lxw_worksheet *ws)
{
    struct xlsx_summary sum = {.sheet = {.ws = ws, .name = "Summary"}};
    const struct or_report *r = x->report;
    or_status st = title_block(x, &sum);

    for (size_t i = 0; st == OR_OK && i < r->nsections; i++) {
        const struct or_section *sec = r->sections[i];
        if (sec->kind == OR_SECTION_KPIS) {
            st = xlsx_kpi_block(x, &sum, sec);
        }
        else if (sec->kind == OR_SECTION_TEXT) {
            st = text_block(x, &sum, sec);
        }
    }
    if (st == OR_OK) {
        st = sources_block(x, &sum);
    }
    if (st == OR_OK) {
        st = xlsx_contents_block(x, &sum);
    }
    for (int c = 0; st == OR_OK && c < XLSX_SUMMARY_COLS; c++) {
        double w = sum.widths[c];
        w = w < width_min[c] ? width_min[c] : (w > width_max[c] ? width_max[c] : w);
        lxw_error e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        if (e != LXW_NO_ERROR) {
            st = xlsx_ctx_lxw(x, e, "cannot set a Summary column width");
        }
    }
    return st;
}

/* SPDX-License-Identifier: MIT */
/* The top of page 1: see pdf_cover.h. */
#include "pdf_cover.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orr_text.h"
#include "pdf_draw.h"
#include "pdf_mirror.h"
#include "chart_fmt.h"
#include "pdf_text.h"
#include "pdf_theme.h"
#include "chart_utf8.h"

#define LINE_CAP 1024
/* A title longer than this (bytes) is cut: a cover is not the place for an essay. */
#define TITLE_CAP 400
#define SOURCE_ROW 17.0f
#define PILL_W 42.0f
#define BOX_PAD 9.0f

static int
is_status(const char *status, const char *what)
{
    return status != NULL && strcmp(status, what) == 0;
}

static void
draw_title(struct pdf_doc *d)
{
    const struct or_report *r = d->report;
    const char *raw = r->title != NULL && r->title[0] != '\0' ? r->title : "Report";
    char title[TITLE_CAP];
    int cut = 0;
    size_t n = chart_utf8_clean(title, sizeof(title) - 4, raw, strlen(raw), &cut);
    if (cut) {
        snprintf(title + n, sizeof(title) - n, "%s", PDF_ELLIPSIS);
    }
    float lead = PDF_SIZE_TITLE * 1.2f;
    float w = d->right - d->left;
    int lines = pdf_wrap_count(&d->bold, PDF_SIZE_TITLE, title, w);
    float base = d->y - PDF_SIZE_TITLE * 0.8f;
    pdf_m_text_wrapped(d, d->page, &d->bold, PDF_SIZE_TITLE, PDF_C_TEXT, d->left, base, w, lead,
                       title);
    pdf_doc_advance(d, PDF_SIZE_TITLE * 0.8f + (float)(lines - 1) * lead + 10.0f);
}

/* A split document names whom it is about: "Zoë Müller · zoe.mueller@...". */
static void
draw_person(struct pdf_doc *d)
{
    const struct or_report *r = d->report;
    if (!OR_HOST_SINCE(d->h, 2) || r->split_label == NULL || r->split_label[0] == '\0') {
        return;
    }
    char raw[LINE_CAP];
    char text[LINE_CAP];
    char fitted[LINE_CAP];
    float size = 14.0f;
    if (r->split_value != NULL && strcmp(r->split_value, r->split_label) != 0) {
        snprintf(raw, sizeof(raw), "%s  \xC2\xB7  %s", r->split_label, r->split_value);
    }
    else {
        snprintf(raw, sizeof(raw), "%s", r->split_label);
    }
    chart_utf8_clean(text, sizeof(text), raw, strlen(raw), NULL);
    pdf_fit(&d->bold, size, text, d->right - d->left, fitted, sizeof(fitted));
    pdf_m_text(d, d->page, &d->bold, size, d->accent, d->left, d->y - size * 0.8f, PDF_LEFT,
               fitted);
    pdf_doc_advance(d, size + 8.0f);
}

/* Period label, the partial badge and the data window in the report's zone. */
static void
draw_period(struct pdf_doc *d)
{
    const struct or_report *r = d->report;
    char label[LINE_CAP];
    char line[LINE_CAP];
    char a[CHART_FMT_BUFSIZE];
    char b[CHART_FMT_BUFSIZE];
    const char *tz = r->tz != NULL && r->tz[0] != '\0' ? r->tz : "UTC";
    float size = 11.0f;
    float base = d->y - size;
    float x = d->left;

    if (r->period_label != NULL && r->period_label[0] != '\0') {
        chart_utf8_clean(label, sizeof(label), r->period_label, strlen(r->period_label), NULL);
        pdf_m_text(d, d->page, &d->bold, size, PDF_C_MUTED, x, base, PDF_LEFT, label);
        x += pdf_width(&d->bold, size, label) + 10.0f;
    }
    if (r->partial) {
        char badge[128];
        orr_text(d->h, "partial", "partial period \xE2\x80\x93 not over yet", NULL, 0, badge,
                 sizeof(badge));
        float bw = pdf_width(&d->bold, 7.5f, badge) + 12.0f;
        pdf_m_round_rect(d, d->page, x, base - 3.5f, bw, 14.0f, 3.0f, PDF_C_WARN_BG,
                         PDF_C_WARN_LINE, 0.8f);
        pdf_m_text(d, d->page, &d->bold, 7.5f, PDF_C_WARN_TEXT, x + 6.0f, base + 0.5f, PDF_LEFT,
                   badge);
    }
    pdf_doc_advance(d, size + 8.0f);

    if (r->period_start != 0 && r->period_end > r->period_start) {
        chart_fmt_local(d->h, r->period_start, 1, a, sizeof(a));
        /* The end is exclusive: show the last minute inside the period. */
        chart_fmt_local(d->h, r->period_end - 60, 1, b, sizeof(b));
        const char *const wargs[] = {a, b};
        const char *const zargs[] = {tz};
        char w[LINE_CAP];
        char z[LINE_CAP];
        orr_text(d->h, "window", "Data window {1} \xE2\x80\x93 {2}", wargs, 2, w, sizeof(w));
        orr_text(d->h, "times_in", "Times in {1}", zargs, 1, z, sizeof(z));
        snprintf(line, sizeof(line), "%s  \xC2\xB7  %s", w, z);
    }
    else {
        const char *const zargs[] = {tz};
        orr_text(d->h, "times_in", "Times in {1}", zargs, 1, line, sizeof(line));
    }
    chart_utf8_clean(label, sizeof(label), line, strlen(line), NULL);
    pdf_m_text(d, d->page, &d->regular, PDF_SIZE_SMALL + 0.5f, PDF_C_MUTED, d->left,
               d->y - PDF_SIZE_SMALL, PDF_LEFT, label);
    pdf_doc_advance(d, PDF_SIZE_SMALL + 12.0f);
}

static or_status
draw_description(struct pdf_doc *d)
{
    const char *desc = d->report->description;
    if (desc == NULL || desc[0] == '\0') {
        return OR_OK;
    }
    char *text = chart_utf8_dup(desc);
    if (text == NULL) {
        d->nomem = 1;
        return OR_ERR_NOMEM;
    }
    pdf_text_flow(d, &d->regular, PDF_SIZE_BODY, PDF_C_TEXT, text);
    pdf_doc_advance(d, 8.0f);
    free(text);
    return OR_OK;
}

/* "Source NAME failed: REASON" in a red box, wrapped. */
static void
draw_failed(struct pdf_doc *d, const struct or_source_status *s)
{
    char raw[LINE_CAP];
    char text[LINE_CAP];
    float size = 9.5f;
    float lead = size * 1.4f;
    float w = d->right - d->left;

    char no_reason[128];
    orr_text(d->h, "no_reason", "no reason given", NULL, 0, no_reason, sizeof(no_reason));
    const char *const fargs[] = {s->name != NULL ? s->name : "?",
                                 s->detail != NULL && s->detail[0] != '\0' ? s->detail : no_reason};
    orr_text(d->h, "source_failed", "Source {1} failed: {2}", fargs, 2, raw, sizeof(raw));
    chart_utf8_clean(text, sizeof(text), raw, strlen(raw), NULL);
    int lines = pdf_wrap_count(&d->bold, size, text, w - 2.0f * BOX_PAD - 4.0f);
    float h = (float)(lines - 1) * lead + size + 2.0f * BOX_PAD;
    pdf_doc_need(d, h);
    float y0 = d->y - h;
    pdf_m_round_rect(d, d->page, d->left, y0, w, h, 3.0f, PDF_C_FAIL_BG, PDF_C_FAIL_LINE, 1.0f);
    pdf_m_fill_rect(d, d->page, d->left, y0, 4.0f, h, PDF_C_FAIL_LINE);
    pdf_m_text_wrapped(d, d->page, &d->bold, size, PDF_C_FAIL_TEXT, d->left + BOX_PAD + 4.0f,
                       d->y - BOX_PAD - size * 0.8f, w - 2.0f * BOX_PAD - 4.0f, lead, text);
    pdf_doc_advance(d, h + 8.0f);
}

static void
status_colors(const char *status, uint32_t *bg, uint32_t *fg)
{
    if (is_status(status, "ok")) {
        *bg = PDF_C_OK;
        *fg = 0xFFFFFFu;
    }
    else if (is_status(status, "failed")) {
        *bg = PDF_C_FAIL_LINE;
        *fg = 0xFFFFFFu;
    }
    else {
        *bg = PDF_C_WARN_LINE;
        *fg = 0x3B2600u;
    }
}

static void
draw_source_row(struct pdf_doc *d, const struct or_source_status *s, float name_w)
{
    char status[32];
    char name[LINE_CAP];
    char detail[LINE_CAP];
    char fitted[LINE_CAP];
    char rows[CHART_FMT_BUFSIZE + 8];
    char num[CHART_FMT_BUFSIZE];
    uint32_t bg;
    uint32_t fg;
    float size = 8.5f;
    float base = d->y - SOURCE_ROW + 5.5f;
    const char *st = s->status != NULL ? s->status : "unknown";
    char id[48];
    char shown[CHART_FMT_BUFSIZE];
    snprintf(id, sizeof(id), "status.%s", st);
    orr_text(d->h, id, st, NULL, 0, shown, sizeof(shown));

    chart_utf8_clean(status, sizeof(status), shown, strlen(shown), NULL);
    status_colors(st, &bg, &fg);
    pdf_m_round_rect(d, d->page, d->left, base - 3.0f, PILL_W, 11.5f, 5.75f, bg, bg, 0.0f);
    pdf_fit(&d->bold, 7.0f, status, PILL_W - 6.0f, fitted, sizeof(fitted));
    pdf_m_text(d, d->page, &d->bold, 7.0f, fg, d->left + PILL_W / 2.0f, base, PDF_CENTER, fitted);

    float x = d->left + PILL_W + 10.0f;
    const char *nm = s->name != NULL ? s->name : "?";
    chart_utf8_clean(name, sizeof(name), nm, strlen(nm), NULL);
    pdf_fit(&d->bold, size, name, name_w, fitted, sizeof(fitted));
    pdf_m_text(d, d->page, &d->bold, size, PDF_C_TEXT, x, base, PDF_LEFT, fitted);

    chart_fmt_grouped(d->h, num, sizeof(num), (double)s->rows, 0);
    const char *const nargs[] = {num};
    if (s->rows == 1) {
        orr_text(d->h, "source_row", "{1} row", nargs, 1, rows, sizeof(rows));
    }
    else {
        orr_text(d->h, "source_rows", "{1} rows", nargs, 1, rows, sizeof(rows));
    }
    pdf_m_text(d, d->page, &d->regular, size, PDF_C_TEXT, d->right, base, PDF_RIGHT, rows);

    if (s->detail != NULL && s->detail[0] != '\0') {
        float dx = x + name_w + 12.0f;
        float dw = d->right - 70.0f - dx;
        chart_utf8_clean(detail, sizeof(detail), s->detail, strlen(s->detail), NULL);
        pdf_fit(&d->regular, size, detail, dw, fitted, sizeof(fitted));
        pdf_m_text(d, d->page, &d->regular, size, PDF_C_MUTED, dx, base, PDF_LEFT, fitted);
    }
    pdf_m_line(d, d->page, d->left, d->y - SOURCE_ROW, d->right, d->y - SOURCE_ROW, PDF_C_RULE,
               0.4f);
    pdf_doc_advance(d, SOURCE_ROW);
}

static void
draw_sources(struct pdf_doc *d)
{
    const struct or_report *r = d->report;
    char name[LINE_CAP];
    float name_w = 0.0f;

    if (r->nsources == 0) {
        return;
    }
    for (size_t i = 0; i < r->nsources; i++) {
        const char *nm = r->sources[i]->name != NULL ? r->sources[i]->name : "?";
        chart_utf8_clean(name, sizeof(name), nm, strlen(nm), NULL);
        float w = pdf_width(&d->bold, 8.5f, name);
        if (w > name_w) {
            name_w = w;
        }
    }
    float max_name = (d->right - d->left) * 0.4f;
    if (name_w > max_name) {
        name_w = max_name;
    }
    pdf_doc_need(d, 14.0f + 2.0f * SOURCE_ROW);
    char heading[64];
    orr_text(d->h, "sources_heading", "DATA SOURCES", NULL, 0, heading, sizeof(heading));
    pdf_m_text(d, d->page, &d->bold, 8.0f, PDF_C_MUTED, d->left, d->y - 8.0f, PDF_LEFT, heading);
    pdf_doc_advance(d, 12.0f);
    pdf_m_line(d, d->page, d->left, d->y, d->right, d->y, PDF_C_RULE, 0.6f);
    for (size_t i = 0; i < r->nsources && pdf_doc_ok(d); i++) {
        pdf_doc_need(d, SOURCE_ROW);
        draw_source_row(d, r->sources[i], name_w);
    }
    pdf_doc_advance(d, 6.0f);
}

or_status
pdf_cover_draw(struct pdf_doc *d, char *err, size_t errlen)
{
    const struct or_report *r = d->report;

    draw_title(d);
    draw_person(d);
    draw_period(d);
    for (size_t i = 0; i < r->nsources && pdf_doc_ok(d); i++) {
        if (is_status(r->sources[i]->status, "failed")) {
            draw_failed(d, r->sources[i]);
        }
    }
    draw_description(d);
    draw_sources(d);
    if (!pdf_doc_ok(d)) {
        return pdf_doc_failure(d, err, errlen);
    }
    return OR_OK;
}

/* SPDX-License-Identifier: MIT */
/* Page furniture: see pdf_frame.h. */
#include "pdf_frame.h"

#include <stdio.h>
#include <string.h>

#include "pdf_draw.h"
#include "chart_fmt.h"
#include "pdf_theme.h"
#include "chart_utf8.h"

#define TEXT_CAP 512
#define SEPARATOR "  \xC2\xB7  "

/* The texts shared by every page, cleaned once. */
struct frame_text {
    char title[TEXT_CAP];
    char context[TEXT_CAP];
    char generated[TEXT_CAP];
};

static void
frame_text_init(const struct pdf_doc *d, struct frame_text *t)
{
    const struct or_report *r = d->report;
    const char *title = r->title != NULL && r->title[0] != '\0' ? r->title : "Report";
    char raw[TEXT_CAP * 2];
    char when[CHART_FMT_BUFSIZE];
    char zone[CHART_FMT_BUFSIZE];
    int p[6];
    int32_t off = 0;

    if (OR_HOST_SINCE(d->h, 2) && r->split_label != NULL && r->split_label[0] != '\0') {
        /* Every page says whom a split document is about. */
        snprintf(raw, sizeof(raw), "%s \xE2\x80\x94 %s", title, r->split_label);
        chart_utf8_clean(t->title, sizeof(t->title), raw, strlen(raw), NULL);
    }
    else {
        chart_utf8_clean(t->title, sizeof(t->title), title, strlen(title), NULL);
    }
    /* "<period>[ (partial period)]  ·  Times in <zone>", leaving out what is unset. */
    int has_label = r->period_label != NULL && r->period_label[0] != '\0';
    snprintf(raw, sizeof(raw), "%s%s%sTimes in %s", has_label ? r->period_label : "",
             r->partial ? (has_label ? " (partial period)" : "partial period") : "",
             has_label || r->partial ? SEPARATOR : "",
             r->tz != NULL && r->tz[0] != '\0' ? r->tz : "UTC");
    chart_utf8_clean(t->context, sizeof(t->context), raw, strlen(raw), NULL);
    chart_fmt_local(d->h, r->generated_at, 1, when, sizeof(when));
    d->h->local_time(d->h, r->generated_at, p, &off);
    chart_fmt_offset(zone, sizeof(zone), off);
    snprintf(t->generated, sizeof(t->generated), "Generated %s %s by outreport", when, zone);
}

static void
draw_page(const struct pdf_doc *d, const struct frame_text *t, HPDF_Page page, size_t index)
{
    float w = HPDF_Page_GetWidth(page);
    float h = HPDF_Page_GetHeight(page);
    float left = PDF_MARGIN_X;
    float right = w - PDF_MARGIN_X;
    float base = h - PDF_HEADER_BASE;
    char fitted[TEXT_CAP];
    char pages[64];

    float ctx_w = pdf_width(&d->regular, PDF_SIZE_FURNITURE, t->context);
    float max_ctx = (right - left) * 0.6f;
    if (ctx_w > max_ctx) {
        ctx_w = max_ctx;
    }
    pdf_fit(&d->regular, PDF_SIZE_FURNITURE, t->context, max_ctx, fitted, sizeof(fitted));
    pdf_text(page, &d->regular, PDF_SIZE_FURNITURE, PDF_C_MUTED, right, base, PDF_RIGHT, fitted);
    pdf_fit(&d->bold, PDF_SIZE_FURNITURE + 0.5f, t->title, right - left - ctx_w - 18.0f, fitted,
            sizeof(fitted));
    pdf_text(page, &d->bold, PDF_SIZE_FURNITURE + 0.5f, PDF_C_TEXT, left, base, PDF_LEFT, fitted);
    pdf_line(page, left, h - PDF_HEADER_RULE, right, h - PDF_HEADER_RULE, PDF_C_ACCENT, 0.8f);

    pdf_line(page, left, PDF_FOOTER_RULE, right, PDF_FOOTER_RULE, PDF_C_RULE, 0.5f);
    pdf_text(page, &d->regular, PDF_SIZE_FURNITURE, PDF_C_FAINT, left, PDF_FOOTER_BASE, PDF_LEFT,
             t->generated);
    snprintf(pages, sizeof(pages), "page %zu of %zu", index + 1, d->npages);
    pdf_text(page, &d->regular, PDF_SIZE_FURNITURE, PDF_C_MUTED, right, PDF_FOOTER_BASE, PDF_RIGHT,
             pages);
}

void
pdf_frame_draw(struct pdf_doc *d)
{
    struct frame_text t;
    frame_text_init(d, &t);
    for (size_t i = 0; i < d->npages && pdf_doc_ok(d); i++) {
        draw_page(d, &t, d->pages[i], i);
    }
}

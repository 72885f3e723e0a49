/* SPDX-License-Identifier: MIT */
/* Page furniture: see pdf_frame.h. */
#include "pdf_frame.h"

#include <stdio.h>
#include <string.h>

#include "orr_text.h"
#include "pdf_brand.h"
#include "pdf_draw.h"
#include "pdf_mirror.h"
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
    char footer[TEXT_CAP]; /**< the brand's footer line, or "" */
};

static void
frame_text_init(const struct pdf_doc *d, struct frame_text *t)
{
    const struct or_report *r = d->report;
    const char *title = r->title != NULL && r->title[0] != '\0' ? r->title : "Report";
    const char *company = pdf_brand_company(d);
    const char *footer = pdf_brand_footer(d);
    char raw[TEXT_CAP * 2];
    char branded[TEXT_CAP * 2];
    char when[CHART_FMT_BUFSIZE];
    char zone[CHART_FMT_BUFSIZE];
    int p[6];
    int32_t off = 0;

    if (company != NULL && company[0] != '\0') {
        /* "Acme GmbH · Weekly report" */
        snprintf(branded, sizeof(branded), "%s%s%s", company, SEPARATOR, title);
        title = branded;
    }
    chart_utf8_clean(t->footer, sizeof(t->footer), footer != NULL ? footer : "",
                     footer != NULL ? strlen(footer) : 0, NULL);
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
    const char *const zargs[] = {r->tz != NULL && r->tz[0] != '\0' ? r->tz : "UTC"};
    char zone_text[TEXT_CAP];
    orr_text(d->h, "times_in", "Times in {1}", zargs, 1, zone_text, sizeof(zone_text));
    snprintf(raw, sizeof(raw), "%s%s%s%s", has_label ? r->period_label : "",
             r->partial ? (has_label ? " (partial period)" : "partial period") : "",
             has_label || r->partial ? SEPARATOR : "", zone_text);
    chart_utf8_clean(t->context, sizeof(t->context), raw, strlen(raw), NULL);
    chart_fmt_local(d->h, r->generated_at, 1, when, sizeof(when));
    d->h->local_time(d->h, r->generated_at, p, &off);
    chart_fmt_offset(zone, sizeof(zone), off);
    char stamp[CHART_FMT_BUFSIZE * 2 + 2];
    snprintf(stamp, sizeof(stamp), "%s %s", when, zone);
    const char *const gargs[] = {stamp};
    orr_text(d->h, "generated", "Generated {1} by outreport", gargs, 1, t->generated,
             sizeof(t->generated));
}

/* Page number @p k in the report's digits, without separators. */
static void
page_number(const struct pdf_doc *d, size_t k, char *buf, size_t n)
{
    struct or_value v = {.type = OR_TYPE_INT, .i = (int64_t)k};
    if (d->h->format_value(d->h, &v, OR_FMT_TEXT, -1, buf, n) != OR_OK) {
        snprintf(buf, n, "%zu", k);
    }
}

/* "page 2 of 7" in the report's language. */
static void
page_of(const struct pdf_doc *d, size_t index, char *buf, size_t n)
{
    char a[64];
    char b[64];
    page_number(d, index + 1, a, sizeof(a));
    page_number(d, d->npages, b, sizeof(b));
    const char *const args[] = {a, b};
    orr_text(d->h, "page", "page {1} of {2}", args, 2, buf, n);
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

    if (index == 0 && d->cover_page) {
        /* The cover page has no header; its footer numbers it like every page. */
        page_of(d, index, pages, sizeof(pages));
        pdf_m_text(d, page, &d->regular, PDF_SIZE_FURNITURE, PDF_C_MUTED, right, PDF_FOOTER_BASE,
                   PDF_RIGHT, pages);
        return;
    }

    float ctx_w = pdf_width(&d->regular, PDF_SIZE_FURNITURE, t->context);
    float max_ctx = (right - left) * 0.6f;
    if (ctx_w > max_ctx) {
        ctx_w = max_ctx;
    }
    pdf_fit(&d->regular, PDF_SIZE_FURNITURE, t->context, max_ctx, fitted, sizeof(fitted));
    pdf_m_text(d, page, &d->regular, PDF_SIZE_FURNITURE, PDF_C_MUTED, right, base, PDF_RIGHT,
               fitted);
    float logo_w = pdf_brand_header_logo(d, page, left, base + PDF_SIZE_FURNITURE + 3.0f,
                                         PDF_SIZE_FURNITURE + 5.0f);
    float tx = logo_w > 0 ? left + logo_w + 8.0f : left;
    pdf_fit(&d->bold, PDF_SIZE_FURNITURE + 0.5f, t->title, right - tx - ctx_w - 18.0f, fitted,
            sizeof(fitted));
    pdf_m_text(d, page, &d->bold, PDF_SIZE_FURNITURE + 0.5f, PDF_C_TEXT, tx, base, PDF_LEFT,
               fitted);
    pdf_m_line(d, page, left, h - PDF_HEADER_RULE, right, h - PDF_HEADER_RULE, d->accent, 0.8f);

    pdf_m_line(d, page, left, PDF_FOOTER_RULE, right, PDF_FOOTER_RULE, PDF_C_RULE, 0.5f);
    pdf_m_text(d, page, &d->regular, PDF_SIZE_FURNITURE, PDF_C_FAINT, left, PDF_FOOTER_BASE,
               PDF_LEFT, t->generated);
    page_of(d, index, pages, sizeof(pages));
    pdf_m_text(d, page, &d->regular, PDF_SIZE_FURNITURE, PDF_C_MUTED, right, PDF_FOOTER_BASE,
               PDF_RIGHT, pages);
    if (t->footer[0] != '\0') {
        pdf_fit(&d->regular, PDF_SIZE_FURNITURE, t->footer, right - left, fitted, sizeof(fitted));
        pdf_m_text(d, page, &d->regular, PDF_SIZE_FURNITURE, PDF_C_FAINT, left,
                   PDF_FOOTER_BASE - PDF_SIZE_FURNITURE - 3.0f, PDF_LEFT, fitted);
    }
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

/* SPDX-License-Identifier: MIT */
/* One report section: see pdf_section.h. */
#include "pdf_section.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "pdf_chart.h"
#include "pdf_draw.h"
#include "pdf_mirror.h"
#include "pdf_kpi.h"
#include "pdf_section_heading.h"
#include "pdf_table.h"
#include "pdf_text.h"
#include "pdf_theme.h"
#include "chart_utf8.h"

#define TEXT_CAP 1024
#define UNAVAILABLE_PAD 10.0f
#define UNAVAILABLE_SIZE 9.0f

/* The reason as given, prefixed "data unavailable: " unless it says so already. */
static void
unavailable_text(const char *reason, char *out, size_t n)
{
    static const char prefix[] = "data unavailable";
    char raw[TEXT_CAP];
    if (strncasecmp(reason, prefix, sizeof(prefix) - 1) == 0) {
        snprintf(raw, sizeof(raw), "%s", reason);
    }
    else {
        snprintf(raw, sizeof(raw), "%s: %s", prefix,
                 reason[0] != '\0' ? reason : "no reason given");
    }
    chart_utf8_clean(out, n, raw, strlen(raw), NULL);
}

static void
draw_unavailable(struct pdf_doc *d, const struct or_section *sec)
{
    char text[TEXT_CAP];
    float w = d->right - d->left;
    float lead = UNAVAILABLE_SIZE * 1.4f;
    float tw = w - 2.0f * UNAVAILABLE_PAD - 16.0f;

    unavailable_text(sec->unavailable, text, sizeof(text));
    int lines = pdf_wrap_count(&d->regular, UNAVAILABLE_SIZE, text, tw);
    float h = (float)(lines - 1) * lead + UNAVAILABLE_SIZE + 2.0f * UNAVAILABLE_PAD;
    pdf_section_heading(d, sec, h);
    pdf_doc_need(d, h);
    float y0 = d->y - h;
    pdf_m_round_rect(d, d->page, d->left, y0, w, h, 3.0f, PDF_C_WARN_BG, PDF_C_WARN_LINE, 0.9f);
    /* An exclamation mark in a small disc, drawn rather than taken from the font. */
    float cy = d->y - UNAVAILABLE_PAD - UNAVAILABLE_SIZE * 0.35f;
    pdf_m_round_rect(d, d->page, d->left + UNAVAILABLE_PAD, cy - 5.5f, 11.0f, 11.0f, 5.5f,
                     PDF_C_WARN_LINE, PDF_C_WARN_LINE, 0.0f);
    pdf_m_text(d, d->page, &d->bold, 8.0f, 0xFFFFFFu, d->left + UNAVAILABLE_PAD + 5.5f, cy - 2.8f,
               PDF_CENTER, "!");
    pdf_m_text_wrapped(d, d->page, &d->regular, UNAVAILABLE_SIZE, PDF_C_WARN_TEXT,
                       d->left + UNAVAILABLE_PAD + 16.0f,
                       d->y - UNAVAILABLE_PAD - UNAVAILABLE_SIZE * 0.8f, tw, lead, text);
    pdf_doc_advance(d, h);
}

static int
wants_landscape(const struct or_section *sec)
{
    if (sec->landscape) {
        return 1;
    }
    return sec->kind == OR_SECTION_TABLE && sec->result != NULL && sec->unavailable == NULL &&
           sec->result->ncols > PDF_LANDSCAPE_COLUMNS;
}

or_status
pdf_section_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen)
{
    or_status st = OR_OK;

    if (sec->kind == OR_SECTION_PAGE_BREAK) {
        if (d->used) {
            pdf_doc_page(d, d->landscape);
        }
        return pdf_doc_ok(d) ? OR_OK : pdf_doc_failure(d, err, errlen);
    }
    int landscape = wants_landscape(sec);
    if (landscape != d->landscape) {
        pdf_doc_page(d, landscape);
    }
    if (sec->unavailable != NULL) {
        draw_unavailable(d, sec);
    }
    else {
        switch (sec->kind) {
        case OR_SECTION_TABLE: st = pdf_table_draw(d, sec, err, errlen); break;
        case OR_SECTION_KPIS: st = pdf_kpi_draw(d, sec, err, errlen); break;
        case OR_SECTION_CHART: st = pdf_chart_draw(d, sec, err, errlen); break;
        case OR_SECTION_TEXT: st = pdf_text_draw(d, sec, err, errlen); break;
        default: break;
        }
    }
    if (st == OR_OK && !pdf_doc_ok(d)) {
        st = pdf_doc_failure(d, err, errlen);
    }
    return st;
}

/* SPDX-License-Identifier: MIT */
/* A section's heading, kept with its content: see pdf_section_heading.h. */
#include "pdf_section_heading.h"

#include <string.h>

#include "pdf_draw.h"
#include "pdf_mirror.h"
#include "pdf_theme.h"
#include "chart_utf8.h"

#define TEXT_CAP 1024

static const char *
section_title(const struct or_section *sec)
{
    if (sec->title != NULL && sec->title[0] != '\0') {
        return sec->title;
    }
    return sec->id;
}

void
pdf_section_heading(struct pdf_doc *d, const struct or_section *sec, float keep)
{
    char title[TEXT_CAP];
    char desc[TEXT_CAP];
    const char *raw = section_title(sec);
    float w = d->right - d->left;
    float lead_title = PDF_SIZE_H1 * 1.25f;
    float lead_desc = PDF_SIZE_SMALL * 1.4f;
    int title_lines = 0;
    int desc_lines = 0;
    float h = 0.0f;

    title[0] = '\0';
    desc[0] = '\0';
    if (raw != NULL && raw[0] != '\0') {
        chart_utf8_clean(title, sizeof(title), raw, strlen(raw), NULL);
        title_lines = pdf_wrap_count(&d->bold, PDF_SIZE_H1, title, w);
        h += PDF_SIZE_H1 + (float)(title_lines - 1) * lead_title;
    }
    if (sec->description != NULL && sec->description[0] != '\0') {
        chart_utf8_clean(desc, sizeof(desc), sec->description, strlen(sec->description), NULL);
        desc_lines = pdf_wrap_count(&d->regular, PDF_SIZE_SMALL + 0.5f, desc, w);
        h += 5.0f + PDF_SIZE_SMALL + (float)(desc_lines - 1) * lead_desc;
    }
    if (h == 0.0f) {
        pdf_doc_need(d, PDF_GAP_SECTION + keep);
        pdf_doc_gap(d, PDF_GAP_SECTION);
        return;
    }
    pdf_doc_need(d, PDF_GAP_SECTION + h + PDF_GAP_HEADING + keep);
    pdf_doc_gap(d, PDF_GAP_SECTION);
    if (title[0] != '\0') {
        pdf_doc_bookmark(d, title);
        float base = d->y - PDF_SIZE_H1 * 0.8f;
        pdf_m_fill_rect(d, d->page, d->left - 10.0f, base - 1.5f, 3.0f, PDF_SIZE_H1 * 0.9f,
                        d->accent);
        pdf_m_text_wrapped(d, d->page, &d->bold, PDF_SIZE_H1, PDF_C_TEXT, d->left, base, w,
                           lead_title, title);
        pdf_doc_advance(d, PDF_SIZE_H1 + (float)(title_lines - 1) * lead_title);
    }
    if (desc[0] != '\0') {
        pdf_doc_advance(d, 5.0f);
        pdf_m_text_wrapped(d, d->page, &d->regular, PDF_SIZE_SMALL + 0.5f, PDF_C_MUTED, d->left,
                           d->y - PDF_SIZE_SMALL * 0.85f, w, lead_desc, desc);
        pdf_doc_advance(d, PDF_SIZE_SMALL + (float)(desc_lines - 1) * lead_desc);
    }
    pdf_doc_advance(d, PDF_GAP_HEADING);
}

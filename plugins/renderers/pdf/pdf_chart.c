/* SPDX-License-Identifier: MIT */
/* CHART sections: see pdf_chart.h. */
#include "pdf_chart.h"

#include <stdio.h>

#include "chart_data.h"
#include "pdf_chart_labels.h"
#include "pdf_chart_shapes.h"
#include "chart_fmt.h"
#include "chart_plot.h"
#include "orr_text.h"
#include "pdf_draw.h"
#include "pdf_mirror.h"
#include "pdf_section_heading.h"
#include "pdf_shape_fonts.h"
#include "pdf_theme.h"

#define HEADING_ALLOWANCE 60.0f
#define NOTE_H 14.0f

static const char *
or_str(const char *s)
{
    return s != NULL ? s : "";
}

static float
height_on_page(const struct pdf_doc *d, const struct chart_data *cd)
{
    float full = pdf_doc_full_height(d) - HEADING_ALLOWANCE;
    float h = (float)chart_height(cd, d->landscape);
    return h < full ? h : full;
}

static or_status
embed(struct pdf_doc *d, const struct or_section *sec, const struct chart_data *cd, float w,
      float h, char *err, size_t errlen)
{
    struct chart_shapes shapes = {0};
    struct chart_labels labels = {0};
    char msg[256];
    /* The labels are set by the document, which warns about its own missing glyphs; the
       chart measures them shaped, as the document will set them. */
    struct orr_shaper *shaper =
        d->fallback.shaper != NULL ? pdf_shaper_fonts(d->fallback.shaper) : NULL;
    struct chart_fallback fb = {d->fallback.path, NULL, NULL, shaper};

    or_status st = chart_vector(cd, w, h, &fb, &shapes, &labels, msg, sizeof(msg));
    if (st == OR_OK) {
        /* A right-to-left document reads its charts from the right. */
        float flip = d->rtl ? w : 0.0f;
        float x = pdf_mirror_x(d, d->page, d->left, w);
        pdf_chart_shapes_draw(d, &shapes, x, d->y, flip);
        pdf_chart_labels_draw(d, &labels, x, d->y, flip);
    }
    chart_shapes_free(&shapes);
    chart_labels_free(&labels);
    if (st != OR_OK) {
        snprintf(err, errlen, "pdf: chart of section '%s': %s", or_str(sec->id), msg);
        return st;
    }
    return pdf_doc_ok(d) ? OR_OK : pdf_doc_failure(d, err, errlen);
}

static void
truncation_note(struct pdf_doc *d, const struct chart_data *cd)
{
    char a[CHART_FMT_BUFSIZE];
    char b[CHART_FMT_BUFSIZE];
    char line[2 * CHART_FMT_BUFSIZE + 40];
    chart_fmt_grouped(d->h, a, sizeof(a), (double)cd->ncat, 0);
    chart_fmt_grouped(d->h, b, sizeof(b), (double)cd->total_rows, 0);
    const char *const args[] = {a, b};
    orr_text(d->h, "chart.truncated", "Showing the first {1} of {2} categories.", args, 2, line,
             sizeof(line));
    pdf_m_text(d, d->page, &d->regular, 7.5f, PDF_C_MUTED, d->left, d->y - 10.0f, PDF_LEFT, line);
    pdf_doc_advance(d, NOTE_H);
}

or_status
pdf_chart_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen)
{
    struct chart_data cd;
    or_status st = chart_data_load(d->h, "pdf", sec, &cd, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    cd.palette = d->has_palette ? d->palette : NULL;
    float w = d->right - d->left;
    float h = cd.ncat > 0 ? height_on_page(d, &cd) : 16.0f;
    float note = cd.truncated ? NOTE_H : 0.0f;

    pdf_section_heading(d, sec, h + note);
    pdf_doc_need(d, h + note);
    if (cd.ncat == 0) {
        char none[128];
        orr_text(d->h, "no_data", "No data in this period.", NULL, 0, none, sizeof(none));
        pdf_m_text(d, d->page, &d->regular, PDF_SIZE_SMALL, PDF_C_MUTED, d->left, d->y - 10.0f,
                   PDF_LEFT, none);
    }
    else {
        st = embed(d, sec, &cd, w, h, err, errlen);
    }
    if (st == OR_OK) {
        pdf_doc_advance(d, h);
        if (cd.truncated) {
            truncation_note(d, &cd);
        }
    }
    chart_data_free(&cd);
    if (st == OR_OK && !pdf_doc_ok(d)) {
        st = pdf_doc_failure(d, err, errlen);
    }
    return st;
}

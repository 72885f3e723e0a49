/* SPDX-License-Identifier: MIT */
/* CHART sections: see pdf_chart.h. */
#include "pdf_chart.h"

#include <stdio.h>
#include <stdlib.h>

#include "orr_text.h"
#include "pdf_chart_data.h"
#include "pdf_draw.h"
#include "pdf_format.h"
#include "pdf_plot.h"
#include "pdf_plot_util.h"
#include "pdf_section_heading.h"
#include "pdf_theme.h"

#define HEADING_ALLOWANCE 60.0f
#define NOTE_H 14.0f

static const char *
or_str(const char *s)
{
    return s != NULL ? s : "";
}

static float
chart_height(const struct pdf_doc *d, const struct pdf_chart_data *cd)
{
    float full = pdf_doc_full_height(d) - HEADING_ALLOWANCE;
    float h;
    float n = (float)(cd->ncat > 0 ? cd->ncat : 1);

    switch (cd->kind) {
    case OR_CHART_DONUT: h = 190.0f; break;
    case OR_CHART_FUNNEL:
        h = 12.0f + n * 30.0f;
        if (h < 100.0f) {
            h = 100.0f;
        }
        break;
    case OR_CHART_LINE:
    case OR_CHART_TREND: h = d->landscape ? 250.0f : 235.0f; break;
    default:
        if (cd->horizontal) {
            int grouped =
                cd->kind == OR_CHART_GROUPED_BAR || (cd->kind == OR_CHART_BAR && cd->nseries > 1);
            float per = grouped ? 7.0f * (float)cd->nseries + 8.0f : 19.0f;
            h = 30.0f + n * per + (cd->nseries > 1 ? 18.0f : 0.0f) +
                (cd->y_label != NULL ? 14.0f : 0.0f);
            if (h < 110.0f) {
                h = 110.0f;
            }
        }
        else {
            h = d->landscape ? 250.0f : 235.0f;
        }
        break;
    }
    return h < full ? h : full;
}

static or_status
embed(struct pdf_doc *d, const struct or_section *sec, const struct pdf_chart_data *cd, float w,
      float h, char *err, size_t errlen)
{
    struct pdf_raster r;
    char msg[256];

    plot_palette_use(d->has_palette ? d->palette : NULL);
    or_status st = pdf_plot_raster(cd, w, h, PDF_CHART_DPI, &d->fallback, &r, msg, sizeof(msg));
    plot_palette_use(NULL);
    if (st != OR_OK) {
        snprintf(err, errlen, "pdf: chart of section '%s': %s", or_str(sec->id), msg);
        return st;
    }
    HPDF_Image img = HPDF_LoadRawImageFromMem(d->pdf, r.rgb, (HPDF_UINT)r.width,
                                              (HPDF_UINT)r.height, HPDF_CS_DEVICE_RGB, 8);
    free(r.rgb);
    if (img != NULL) {
        HPDF_Page_DrawImage(d->page, img, d->left, d->y - h, w, h);
    }
    return pdf_doc_ok(d) ? OR_OK : pdf_doc_failure(d, err, errlen);
}

static void
truncation_note(struct pdf_doc *d, const struct pdf_chart_data *cd)
{
    char a[PDF_FMT_BUFSIZE];
    char b[PDF_FMT_BUFSIZE];
    char line[2 * PDF_FMT_BUFSIZE + 40];
    pdf_fmt_grouped(d->h, a, sizeof(a), (double)cd->ncat, 0);
    pdf_fmt_grouped(d->h, b, sizeof(b), (double)cd->total_rows, 0);
    snprintf(line, sizeof(line), "Showing the first %s of %s categories.", a, b);
    pdf_text(d->page, &d->regular, 7.5f, PDF_C_MUTED, d->left, d->y - 10.0f, PDF_LEFT, line);
    pdf_doc_advance(d, NOTE_H);
}

or_status
pdf_chart_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen)
{
    struct pdf_chart_data cd;
    or_status st = pdf_chart_data_load(d->h, sec, &cd, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    float w = d->right - d->left;
    float h = cd.ncat > 0 ? chart_height(d, &cd) : 16.0f;
    float note = cd.truncated ? NOTE_H : 0.0f;

    pdf_section_heading(d, sec, h + note);
    pdf_doc_need(d, h + note);
    if (cd.ncat == 0) {
        char none[128];
        orr_text(d->h, "no_data", "No data in this period.", NULL, 0, none, sizeof(none));
        pdf_text(d->page, &d->regular, PDF_SIZE_SMALL, PDF_C_MUTED, d->left, d->y - 10.0f, PDF_LEFT,
                 none);
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
    pdf_chart_data_free(&cd);
    if (st == OR_OK && !pdf_doc_ok(d)) {
        st = pdf_doc_failure(d, err, errlen);
    }
    return st;
}

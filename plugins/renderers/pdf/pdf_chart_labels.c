/* SPDX-License-Identifier: MIT */
/* Chart labels as PDF text: see pdf_chart_labels.h. */
#include "pdf_chart_labels.h"

#include <math.h>

#include "pdf_draw.h"

static enum pdf_align
align_of(enum chart_align a)
{
    switch (a) {
    case CHART_RIGHT: return PDF_RIGHT;
    case CHART_CENTER: return PDF_CENTER;
    default: return PDF_LEFT;
    }
}

void
pdf_chart_labels_draw(struct pdf_doc *d, const struct chart_labels *l, float left, float top)
{
    for (size_t i = 0; i < l->n && pdf_doc_ok(d); i++) {
        const struct chart_label *lb = &l->v[i];
        const struct pdf_font *font = lb->bold ? &d->bold : &d->regular;
        float x = left + (float)lb->x;
        float y = top - (float)lb->y;
        if (fabs(lb->angle) < 1e-6) {
            pdf_text(d->page, font, (float)lb->size, lb->rgb, x, y, align_of(lb->align), lb->text);
            continue;
        }
        /* Turned text: set at the origin of a rotated coordinate system. */
        float c = (float)cos(lb->angle);
        float s = (float)sin(lb->angle);
        HPDF_Page_GSave(d->page);
        HPDF_Page_Concat(d->page, c, s, -s, c, x, y);
        pdf_text(d->page, font, (float)lb->size, lb->rgb, 0.0f, 0.0f, align_of(lb->align),
                 lb->text);
        HPDF_Page_GRestore(d->page);
    }
}

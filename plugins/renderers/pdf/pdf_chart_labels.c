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

/* @p a as drawn in a chart read from the right: left and right swapped. */
static enum pdf_align
flipped(enum pdf_align a)
{
    return a == PDF_LEFT ? PDF_RIGHT : a == PDF_RIGHT ? PDF_LEFT : a;
}

void
pdf_chart_labels_draw(struct pdf_doc *d, const struct chart_labels *l, float left, float top,
                      float flip)
{
    for (size_t i = 0; i < l->n && pdf_doc_ok(d); i++) {
        const struct chart_label *lb = &l->v[i];
        const struct pdf_font *font = lb->bold ? &d->bold : &d->regular;
        float x = left + (flip > 0.0f ? flip - (float)lb->x : (float)lb->x);
        float y = top - (float)lb->y;
        enum pdf_align align = flip > 0.0f ? flipped(align_of(lb->align)) : align_of(lb->align);
        if (fabs(lb->angle) < 1e-6) {
            pdf_text(d->page, font, (float)lb->size, lb->rgb, x, y, align, lb->text);
            continue;
        }
        /* Turned text: set at the origin of a rotated coordinate system (mirrored: the
           other way round, so it still reads from its start). */
        double angle = flip > 0.0f ? -lb->angle : lb->angle;
        float c = (float)cos(angle);
        float s = (float)sin(angle);
        HPDF_Page_GSave(d->page);
        HPDF_Page_Concat(d->page, c, s, -s, c, x, y);
        pdf_text(d->page, font, (float)lb->size, lb->rgb, 0.0f, 0.0f, align, lb->text);
        HPDF_Page_GRestore(d->page);
    }
}

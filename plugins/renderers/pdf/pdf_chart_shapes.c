/* SPDX-License-Identifier: MIT */
/* Chart shapes as PDF paths: see pdf_chart_shapes.h. */
#include "pdf_chart_shapes.h"

#include "pdf_draw.h"

static HPDF_LineJoin
join_of(int join)
{
    switch (join) {
    case CAIRO_LINE_JOIN_ROUND: return HPDF_ROUND_JOIN;
    case CAIRO_LINE_JOIN_BEVEL: return HPDF_BEVEL_JOIN;
    default: return HPDF_MITER_JOIN;
    }
}

static HPDF_LineCap
cap_of(int cap)
{
    switch (cap) {
    case CAIRO_LINE_CAP_ROUND: return HPDF_ROUND_END;
    case CAIRO_LINE_CAP_SQUARE: return HPDF_PROJECTING_SCUARE_END;
    default: return HPDF_BUTT_END;
    }
}

/*
 * The path of @p sh, its y turned upwards from (@p left, @p top); @p flip:
 * the chart's width, whose x run from the right edge (a right-to-left
 * document), or 0.
 */
static void
path(HPDF_Page page, const struct chart_shapes *s, const struct chart_shape *sh, float left,
     float top, float flip)
{
    for (size_t i = sh->first; i < sh->first + sh->n; i++) {
        const struct chart_path_el *e = &s->el[i];
        float x[3];
        float y[3];
        for (int p = 0; p < 3; p++) {
            x[p] = left + (flip > 0.0f ? flip - (float)e->x[p] : (float)e->x[p]);
            y[p] = top - (float)e->y[p];
        }
        switch (e->op) {
        case CHART_PATH_MOVE: HPDF_Page_MoveTo(page, x[0], y[0]); break;
        case CHART_PATH_LINE: HPDF_Page_LineTo(page, x[0], y[0]); break;
        case CHART_PATH_CURVE: HPDF_Page_CurveTo(page, x[0], y[0], x[1], y[1], x[2], y[2]); break;
        case CHART_PATH_CLOSE: HPDF_Page_ClosePath(page); break;
        }
    }
}

void
pdf_chart_shapes_draw(struct pdf_doc *d, const struct chart_shapes *s, float left, float top,
                      float flip)
{
    HPDF_Page_GSave(d->page);
    for (size_t i = 0; i < s->n && pdf_doc_ok(d); i++) {
        const struct chart_shape *sh = &s->v[i];
        if (sh->n == 0 || s->el[sh->first].op != CHART_PATH_MOVE) {
            continue; /* cairo starts every non-empty path with a move */
        }
        if (sh->stroke) {
            pdf_set_stroke(d->page, sh->rgb, (float)sh->line_width);
            HPDF_Page_SetLineJoin(d->page, join_of(sh->join));
            HPDF_Page_SetLineCap(d->page, cap_of(sh->cap));
        }
        else {
            pdf_set_fill(d->page, sh->rgb);
        }
        path(d->page, s, sh, left, top, flip);
        if (sh->stroke) {
            HPDF_Page_Stroke(d->page);
        }
        else {
            HPDF_Page_Fill(d->page);
        }
    }
    HPDF_Page_GRestore(d->page);
}

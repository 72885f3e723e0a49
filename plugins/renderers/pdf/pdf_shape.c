/* SPDX-License-Identifier: MIT */
/* Shaped text: see pdf_shape.h. */
#include "pdf_shape.h"

#include <stdlib.h>
#include <string.h>

#include "chart_utf8.h"
#include "orr_shape.h"
#include "pdf_shape_fonts.h"

/* Stroke width of emboldened runs, per point of text size (as pdf_draw.c). */
#define FAUX_BOLD 0.04f

static void
warn(void *ud, uint32_t cp, const char *reason, const char *fix)
{
    pdf_fallback_warn(ud, cp, reason, fix);
}

/* Take @p s apart in the fonts of @p font's document. */
static int
text_make(struct orr_shape_text *t, const struct pdf_font *font, const char *s, size_t len)
{
    const struct orr_shape_warn w = {warn, font->fallback};
    return orr_shape_text_make(t, pdf_shaper_fonts(font->fallback->shaper), &w, font->bold, s, len);
}

/* Where a run's glyphs are drawn: the page's path, at a text size. */
struct outline_run {
    struct pdf_shaper *sh;
    struct pdf_outline *o;
    float size;
};

/* One run as glyph outlines, filled (and stroked when emboldened) at once. */
static void
draw_run(void *ud, int slot, const struct orr_shape_face *face, const hb_glyph_info_t *gi,
         const hb_glyph_position_t *gp, unsigned n, float x, float k)
{
    (void)slot;
    struct outline_run *r = ud;
    struct pdf_outline *o = r->o;
    float pen = 0.0f;
    if (face->faux_bold) {
        HPDF_Page_SetLineWidth(o->page, r->size * FAUX_BOLD);
    }
    for (unsigned g = 0; g < n; g++) {
        o->x = x + (pen + (float)gp[g].x_offset) * k;
        o->k = k;
        float y = o->y;
        o->y = y + (float)gp[g].y_offset * k;
        pdf_shaper_outline(r->sh, face->font, gi[g].codepoint, o);
        o->y = y;
        pen += (float)gp[g].x_advance;
    }
    if (o->any) {
        if (face->faux_bold) {
            HPDF_Page_FillStroke(o->page);
        }
        else {
            HPDF_Page_Fill(o->page);
        }
        o->any = 0;
    }
}

int
pdf_shape_width(const struct pdf_font *font, float size, const char *s, size_t len, float *w)
{
    struct orr_shape_text t;
    if (text_make(&t, font, s, len) != 0) {
        return -1;
    }
    *w = orr_shape_layout(&t, pdf_shaper_fonts(font->fallback->shaper), size, 0.0f, NULL, NULL);
    orr_shape_text_free(&t);
    return 0;
}

/*
 * The text once more, invisible, in visual order and as wide as drawn: what
 * extraction reads.  libharu's UTF-8 codes are the code points and the
 * document's ToUnicode maps are identities (pdf_tounicode.h), so a character
 * DejaVu has no glyph for still extracts as itself.
 */
static void
invisible_text(HPDF_Page page, const struct pdf_font *font, float size, float x, float y, float w,
               const struct orr_shape_text *t, char *buf)
{
    size_t n = 0;
    for (int v = 0; v < t->n; v++) {
        uint32_t cp = t->cp[t->map[v]];
        int control = (cp >= 0x200Bu && cp <= 0x200Fu) || (cp >= 0x202Au && cp <= 0x202Eu) ||
                      (cp >= 0x2066u && cp <= 0x2069u) || cp == 0xFEFFu;
        if (cp <= 0xFFFFu && !control && (cp < 0xD800u || cp > 0xDFFFu)) {
            n += chart_utf8_put(cp, buf + n);
        }
    }
    buf[n] = '\0';
    if (n == 0) {
        return;
    }
    HPDF_TextWidth tw = HPDF_Font_TextWidth(font->font, (const HPDF_BYTE *)buf, (HPDF_UINT)n);
    float plain = (float)tw.width * size / 1000.0f;
    float scale = plain > 0.0f ? 100.0f * w / plain : 100.0f;
    scale = scale < 10.0f ? 10.0f : (scale > 300.0f ? 300.0f : scale);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font->font, size);
    HPDF_Page_SetTextRenderingMode(page, HPDF_INVISIBLE);
    HPDF_Page_SetHorizontalScalling(page, scale);
    HPDF_Page_TextOut(page, x, y, buf);
    HPDF_Page_EndText(page);
}

int
pdf_shape_draw(HPDF_Page page, const struct pdf_font *font, float size, uint32_t rgb, float x,
               float y, const char *s, size_t len)
{
    struct orr_shape_text t;
    if (text_make(&t, font, s, len) != 0) {
        return -1;
    }
    char *buf = malloc(3 * (size_t)t.n + 1);
    if (buf == NULL) {
        orr_shape_text_free(&t);
        return -1;
    }
    float r = (float)((rgb >> 16) & 0xFFu) / 255.0f;
    float g = (float)((rgb >> 8) & 0xFFu) / 255.0f;
    float b = (float)(rgb & 0xFFu) / 255.0f;
    /* q/Q: the colours and line width of faux-bold runs do not leak. */
    HPDF_Page_GSave(page);
    HPDF_Page_SetRGBFill(page, r, g, b);
    HPDF_Page_SetRGBStroke(page, r, g, b);
    struct pdf_outline o = {.page = page, .x = x, .y = y, .k = 1.0f, .any = 0};
    struct outline_run run = {font->fallback->shaper, &o, size};
    float w =
        orr_shape_layout(&t, pdf_shaper_fonts(font->fallback->shaper), size, x, draw_run, &run);
    invisible_text(page, font, size, x, y, w, &t, buf);
    HPDF_Page_GRestore(page);
    free(buf);
    orr_shape_text_free(&t);
    return 0;
}

/* SPDX-License-Identifier: MIT */
/* The PDF's shaping fonts and glyph outlines: see pdf_shape_fonts.h. */
#include "pdf_shape_fonts.h"

#include <stdlib.h>

struct pdf_shaper {
    struct orr_shaper *fonts;
    hb_draw_funcs_t *draw; /* made on the first outline */
};

struct pdf_shaper *
pdf_shaper_new(const char *font_dir, const char *script_dir, const char *fallback)
{
    struct pdf_shaper *sh = calloc(1, sizeof(*sh));
    if (sh == NULL) {
        return NULL;
    }
    sh->fonts = orr_shaper_new(font_dir, script_dir, fallback);
    if (sh->fonts == NULL) {
        free(sh);
        return NULL;
    }
    return sh;
}

void
pdf_shaper_free(struct pdf_shaper *sh)
{
    if (sh == NULL) {
        return;
    }
    orr_shaper_free(sh->fonts);
    hb_draw_funcs_destroy(sh->draw);
    free(sh);
}

struct orr_shaper *
pdf_shaper_fonts(struct pdf_shaper *sh)
{
    return sh->fonts;
}

/* Outlines into libharu path operators: font units (y up) to page points. */
static void
move_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y, void *user)
{
    (void)df;
    (void)st;
    (void)user;
    struct pdf_outline *o = data;
    HPDF_Page_MoveTo(o->page, o->x + x * o->k, o->y + y * o->k);
    o->any = 1;
}

static void
line_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y, void *user)
{
    (void)df;
    (void)st;
    (void)user;
    struct pdf_outline *o = data;
    HPDF_Page_LineTo(o->page, o->x + x * o->k, o->y + y * o->k);
}

static void
cubic_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x1, float y1, float x2,
         float y2, float x, float y, void *user)
{
    (void)df;
    (void)st;
    (void)user;
    struct pdf_outline *o = data;
    HPDF_Page_CurveTo(o->page, o->x + x1 * o->k, o->y + y1 * o->k, o->x + x2 * o->k,
                      o->y + y2 * o->k, o->x + x * o->k, o->y + y * o->k);
}

static void
close_path(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, void *user)
{
    (void)df;
    (void)st;
    (void)user;
    struct pdf_outline *o = data;
    HPDF_Page_ClosePath(o->page);
}

void
pdf_shaper_outline(struct pdf_shaper *sh, hb_font_t *font, hb_codepoint_t gid,
                   struct pdf_outline *o)
{
    if (sh->draw == NULL) {
        /* Without a quadratic callback HarfBuzz hands quadratic curves over as cubic ones. */
        sh->draw = hb_draw_funcs_create();
        hb_draw_funcs_set_move_to_func(sh->draw, move_to, NULL, NULL);
        hb_draw_funcs_set_line_to_func(sh->draw, line_to, NULL, NULL);
        hb_draw_funcs_set_cubic_to_func(sh->draw, cubic_to, NULL, NULL);
        hb_draw_funcs_set_close_path_func(sh->draw, close_path, NULL, NULL);
        hb_draw_funcs_make_immutable(sh->draw);
    }
    hb_font_get_glyph_shape(font, gid, sh->draw, o);
}

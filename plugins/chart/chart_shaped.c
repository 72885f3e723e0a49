/* SPDX-License-Identifier: MIT */
/* Shaped chart text drawn as glyph runs: see chart_shaped.h. */
#include "chart_shaped.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>

/* The cairo faces of the shaper's fonts, by weight and slot, made on first need. */
struct chart_shaped_faces {
    cairo_font_face_t *face[2][ORR_SHAPE_NSLOTS];
};

cairo_font_face_t *
chart_ft_face(const char *path, int embolden)
{
    FcPattern *pat = FcPatternCreate();
    if (pat == NULL || !FcPatternAddString(pat, FC_FILE, (const FcChar8 *)path) ||
        !FcPatternAddInteger(pat, FC_INDEX, 0) ||
        !FcPatternAddBool(pat, FC_EMBOLDEN, embolden ? FcTrue : FcFalse)) {
        if (pat != NULL) {
            FcPatternDestroy(pat);
        }
        return NULL;
    }
    cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(pat);
    FcPatternDestroy(pat);
    return face;
}

cairo_scaled_font_t *
chart_scaled_font(cairo_t *cr, cairo_font_face_t *face)
{
    cairo_matrix_t font_matrix;
    cairo_matrix_t ctm;
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_get_font_matrix(cr, &font_matrix);
    cairo_get_matrix(cr, &ctm);
    cairo_get_font_options(cr, fo);
    cairo_scaled_font_t *sf = cairo_scaled_font_create(face, &font_matrix, &ctm, fo);
    cairo_font_options_destroy(fo);
    if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_scaled_font_destroy(sf);
        return NULL;
    }
    return sf;
}

void
chart_shaped_release(struct chart_shaped_faces **faces)
{
    if (*faces == NULL) {
        return;
    }
    for (size_t b = 0; b < 2; b++) {
        for (size_t i = 0; i < ORR_SHAPE_NSLOTS; i++) {
            if ((*faces)->face[b][i] != NULL) {
                cairo_font_face_destroy((*faces)->face[b][i]);
            }
        }
    }
    free(*faces);
    *faces = NULL;
}

/* The shaper tells the document's fallback about a character no font has. */
struct warn_to {
    const struct chart_fallback *fb;
};

static void
warn(void *ud, uint32_t cp, const char *reason, const char *fix)
{
    const struct warn_to *w = ud;
    if (w->fb->warn != NULL) {
        w->fb->warn(w->fb->ud, cp, reason, fix);
    }
}

int
chart_shaped_make(const struct chart_fallback *fb, int bold, const char *s,
                  struct orr_shape_text *t)
{
    if (fb == NULL || fb->shaper == NULL) {
        return -1;
    }
    size_t len = strlen(s);
    if (!orr_shape_needed(s, len)) {
        return -1;
    }
    struct warn_to to = {fb};
    const struct orr_shape_warn w = {warn, &to};
    return orr_shape_text_make(t, fb->shaper, &w, bold, s, len) == 0 ? 0 : -1;
}

/* Take @p s apart when it is shaped here; *@p size receives the font size. */
static int
make(cairo_t *cr, const struct chart_fallback *fb, int bold, const char *s,
     struct orr_shape_text *t, double *size)
{
    if (chart_shaped_make(fb, bold, s, t) != 0) {
        return -1;
    }
    cairo_matrix_t fm;
    cairo_get_font_matrix(cr, &fm);
    *size = hypot(fm.xx, fm.yx);
    return 0;
}

double
chart_shaped_width(cairo_t *cr, const struct chart_fallback *fb, int bold, const char *s)
{
    struct orr_shape_text t;
    double size = 0.0;
    if (make(cr, fb, bold, s, &t, &size) != 0) {
        return -1.0;
    }
    float w = orr_shape_layout(&t, fb->shaper, (float)size, 0.0f, NULL, NULL);
    orr_shape_text_free(&t);
    return (double)w;
}

/* Where glyph runs go: a context, the faces of its shaped text and the baseline. */
struct glyph_run {
    cairo_t *cr;
    struct orr_shaper *shaper;
    int bold;
    struct chart_shaped_faces **faces;
    double y;
};

/* The cairo face of @p slot in the run's weight, made on first need; NULL when unusable. */
static cairo_font_face_t *
face_of(struct glyph_run *r, int slot)
{
    if (*r->faces == NULL) {
        *r->faces = calloc(1, sizeof(**r->faces));
        if (*r->faces == NULL) {
            return NULL;
        }
    }
    cairo_font_face_t **f = &(*r->faces)->face[r->bold][slot];
    if (*f == NULL) {
        char path[2200];
        int faux = 0;
        orr_shaper_path(r->shaper, r->bold, slot, path, sizeof(path), &faux);
        *f = chart_ft_face(path, faux);
    }
    return *f;
}

/* One run: HarfBuzz's glyph ids are the file's, as cairo's FreeType backend numbers them. */
static void
draw_run(void *ud, int slot, const struct orr_shape_face *face, const hb_glyph_info_t *gi,
         const hb_glyph_position_t *gp, unsigned n, float x, float k)
{
    (void)face;
    struct glyph_run *r = ud;
    cairo_font_face_t *ff = face_of(r, slot);
    cairo_scaled_font_t *sf = ff != NULL ? chart_scaled_font(r->cr, ff) : NULL;
    cairo_glyph_t *g = sf != NULL && n > 0 ? cairo_glyph_allocate((int)n) : NULL;
    if (g != NULL) {
        float pen = 0.0f;
        for (unsigned i = 0; i < n; i++) {
            g[i].index = gi[i].codepoint;
            g[i].x = (double)(x + (pen + (float)gp[i].x_offset) * k);
            /* Font units grow upwards, the chart's y downwards. */
            g[i].y = r->y - (double)((float)gp[i].y_offset * k);
            pen += (float)gp[i].x_advance;
        }
        cairo_save(r->cr);
        cairo_set_scaled_font(r->cr, sf);
        cairo_show_glyphs(r->cr, g, (int)n);
        cairo_restore(r->cr);
        cairo_glyph_free(g);
    }
    if (sf != NULL) {
        cairo_scaled_font_destroy(sf);
    }
}

int
chart_shaped_show(cairo_t *cr, const struct chart_fallback *fb, int bold,
                  struct chart_shaped_faces **faces, double x, double y, enum chart_align align,
                  const char *s)
{
    struct orr_shape_text t;
    double size = 0.0;
    if (make(cr, fb, bold, s, &t, &size) != 0) {
        return -1;
    }
    if (align != CHART_LEFT) {
        double w = (double)orr_shape_layout(&t, fb->shaper, (float)size, 0.0f, NULL, NULL);
        x -= align == CHART_RIGHT ? w : w / 2.0;
    }
    struct glyph_run r = {cr, fb->shaper, bold ? 1 : 0, faces, y};
    orr_shape_layout(&t, fb->shaper, (float)size, (float)x, draw_run, &r);
    orr_shape_text_free(&t);
    return 0;
}

/* SPDX-License-Identifier: MIT */
/**
 * @file chart_shaped.h
 * @brief Chart text in scripts that need shaping or run right to left,
 *        measured and drawn through the document's shaper
 *        (::chart_fallback.shaper, orr_shape.h): FriBidi orders it,
 *        HarfBuzz shapes each run in its script's font (Noto, Nanum,
 *        DejaVu or the fallback) and cairo draws the glyph runs
 *        (cairo_show_glyphs) from the same font files through its FreeType
 *        backend.
 *
 * chart_util.c asks here first; a string that needs no shaping (ASCII
 * never does), or a context without a shaper, is answered "not mine" and
 * set with cairo's toy text API as before.  The cairo faces are made on
 * first need and kept by the caller (::chart_fonts of chart_util.h) until
 * chart_shaped_release().
 */
#ifndef OR_CHART_SHAPED_H
#define OR_CHART_SHAPED_H

#include <cairo.h>

#include "chart_fallback.h"
#include "chart_labels.h" /* enum chart_align */
#include "orr_shape.h"

/** The cairo faces of a context's shaped text, made on first need. */
struct chart_shaped_faces;

/**
 * @brief Take @p s apart (orr_shape_text_make()) in weight @p bold when it
 * needs shaping and @p fb carries a shaper; a character no font has is
 * reported through @p fb's warn.
 * @param fb the document's fallback (borrowed; may be NULL)
 * @return 0 (release @p t with orr_shape_text_free()), or -1 when @p s is
 *         not shaped (no shaper, no character that needs it, out of memory).
 */
int chart_shaped_make(const struct chart_fallback *fb, int bold, const char *s,
                      struct orr_shape_text *t);

/**
 * @brief Advance width of @p s shaped, in the current font size of @p cr and
 * weight @p bold.
 * @param fb the document's fallback (borrowed; may be NULL)
 * @return the width, or -1 when @p s is not shaped here.
 */
double chart_shaped_width(cairo_t *cr, const struct chart_fallback *fb, int bold, const char *s);

/**
 * @brief Draw @p s shaped, anchored at @p x as @p align says, baseline at
 * @p y, in the current colour and size of @p cr and weight @p bold.
 * @param faces the context's faces: NULL at first, made here on need
 * @return 0 when drawn, -1 when @p s is not shaped here (nothing drawn).
 */
int chart_shaped_show(cairo_t *cr, const struct chart_fallback *fb, int bold,
                      struct chart_shaped_faces **faces, double x, double y, enum chart_align align,
                      const char *s);

/** @brief Release *@p faces and set it to NULL; safe on NULL. */
void chart_shaped_release(struct chart_shaped_faces **faces);

/**
 * @brief A cairo FreeType face of the font file @p path (face 0),
 * emboldened when @p embolden.
 * @return an owned face (cairo_font_face_destroy()), or NULL when out of memory.
 *         A file FreeType cannot load shows only in chart_scaled_font().
 */
cairo_font_face_t *chart_ft_face(const char *path, int embolden);

/**
 * @brief @p face at the current font matrix, transformation and options of
 * @p cr, made apart from the context, so a font cairo cannot load does not
 * put it into an error state.
 * @return an owned scaled font (cairo_scaled_font_destroy()), or NULL when unusable.
 */
cairo_scaled_font_t *chart_scaled_font(cairo_t *cr, cairo_font_face_t *face);

#endif /* OR_CHART_SHAPED_H */

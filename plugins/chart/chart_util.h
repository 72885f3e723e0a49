/* SPDX-License-Identifier: MIT */
/**
 * @file chart_util.h
 * @brief What every chart kind shares: the palette (Okabe–Ito or a brand's), text set with
 *        cairo, "nice" axis ticks (1-2-5 steps), number labels, the legend.
 *
 * All coordinates are points with y growing downwards (cairo's user space
 * after the dpi scale).  Text is placed by its baseline.  Text is set in
 * DejaVu Sans; a string with characters DejaVu lacks is measured and drawn
 * in runs, those characters in the document's fallback font (::chart_fallback),
 * which the context carries from chart_fonts_attach() on.  A string in a
 * script that needs shaping is shaped when the fallback carries a shaper
 * (chart_shaped.h).
 */
#ifndef OR_CHART_UTIL_H
#define OR_CHART_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "outreport/plugin.h"
#include "chart_data.h"
#include "chart_fallback.h"
#include "chart_labels.h" /* enum chart_align */

#define CHART_C_TEXT 0x1F2328u  /**< labels */
#define CHART_C_MUTED 0x57606Au /**< tick labels, axis titles */
#define CHART_C_GRID 0xE3E7EBu  /**< gridlines */
#define CHART_C_AXIS 0x8C959Fu  /**< the zero line */
#define CHART_SIZE_TICK 7.0f    /**< tick and category labels */
#define CHART_SIZE_VALUE 6.8f   /**< value labels */
#define CHART_SIZE_LEGEND 7.5f  /**< legend entries */

/** Axis ticks from lo to hi in steps of step. */
struct chart_ticks {
    double lo;   /**< first tick (a multiple of step) */
    double hi;   /**< last tick */
    double step; /**< 1, 2 or 5 times a power of ten */
};

struct chart_shaped_faces;

/** The fallback font of one chart's cairo context, and the faces of its shaped text. */
struct chart_fonts {
    const struct chart_fallback *fallback; /**< borrowed: the document's; may be NULL */
    cairo_font_face_t *face[2];        /**< owned: the fallback, regular and emboldened, on need */
    int failed;                        /**< nonzero once cairo could not load the fallback */
    int bold;                          /**< the weight chart_font() selected last */
    struct chart_shaped_faces *shaped; /**< owned: faces of shaped text (chart_shaped.h) */
};

/**
 * @brief Let text drawn on @p cr fall back to @p fallback for what DejaVu
 * lacks.  @p pf must outlive every text call on @p cr and is released with
 * chart_fonts_release() after the drawing.
 */
void chart_fonts_attach(cairo_t *cr, struct chart_fonts *pf, const struct chart_fallback *fallback);

/** @brief Release the faces of @p pf, shaped text's too (the context no longer draws text). */
void chart_fonts_release(struct chart_fonts *pf);

/**
 * @brief Colour @p i (cycling after eight) of @p cd's palette: the brand's
 * (::chart_data.palette) or else the Okabe–Ito palette.
 */
uint32_t chart_color(const struct chart_data *cd, size_t i);

/** @brief Nonzero for palette colours too light for white text on them. */
int chart_color_is_light(uint32_t rgb);

/** @brief Set the source colour. */
void chart_rgb(cairo_t *cr, uint32_t rgb);

/** @brief Select DejaVu Sans (bold or regular) at @p size points. */
void chart_font(cairo_t *cr, double size, int bold);

/** @brief Advance width of @p s in the current font (and the fallback). */
double chart_text_w(cairo_t *cr, const char *s);

/**
 * @brief Show @p s with its baseline at @p y in the current colour and font,
 * or hand it to the caller when the context collects labels (chart_labels.h).
 */
void chart_text(cairo_t *cr, double x, double y, enum chart_align align, const char *s);

/** @brief Copy @p s to @p out, cut with "…" to fit @p maxw in the current font. */
void chart_fit(cairo_t *cr, const char *s, double maxw, char *out, size_t cap);

/**
 * @brief Ticks covering [lo, hi] with about @p target intervals.  Values are
 * clamped to ±1e300 first, so the span stays finite.
 */
void chart_nice(double lo, double hi, int target, struct chart_ticks *t);

/** @brief Number of ticks of @p t (2 to 50); tick i is at lo + i * step. */
int chart_tick_count(const struct chart_ticks *t);

/**
 * @brief Text of the tick at @p v on an axis of ticks @p t in format @p fmt,
 * written by the host's formatter @p h.
 */
void chart_tick_label(const struct or_host *h, double v, const struct chart_ticks *t,
                      enum or_format fmt, char *buf, size_t n);

/**
 * @brief Text of a data value: the full format ("12,345", "25.0 %") or,
 * with @p compact, a short form ("12.3k", "1.2M").
 */
void chart_value_label(const struct or_host *h, double v, enum or_format fmt, int compact,
                       char *buf, size_t n);

/**
 * @brief Draw a legend of the series of @p cd (coloured squares and names)
 * in rows within [x, x + w] starting at @p y (top).
 * @return the height used.
 */
double chart_legend(cairo_t *cr, const struct chart_data *cd, double x, double y, double w);

/** @brief Height chart_legend() will use, without drawing. */
double chart_legend_height(cairo_t *cr, const struct chart_data *cd, double w);

#endif /* OR_CHART_UTIL_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_plot_util.h
 * @brief What every chart kind shares: the Okabe–Ito palette, text set with
 *        cairo, "nice" axis ticks (1-2-5 steps), number labels, the legend.
 *
 * All coordinates are points with y growing downwards (cairo's user space
 * after the dpi scale).  Text is placed by its baseline.  Text is set in
 * DejaVu Sans; a string with characters DejaVu lacks is measured and drawn
 * in runs, those characters in the document's fallback font (pdf_font.h),
 * which the context carries from plot_fonts_attach() on.
 */
#ifndef OR_PDF_PLOT_UTIL_H
#define OR_PDF_PLOT_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "outreport/plugin.h"
#include "pdf_chart_data.h"
#include "pdf_font.h"

#define PLOT_C_TEXT 0x1F2328u  /**< labels */
#define PLOT_C_MUTED 0x57606Au /**< tick labels, axis titles */
#define PLOT_C_GRID 0xE3E7EBu  /**< gridlines */
#define PLOT_C_AXIS 0x8C959Fu  /**< the zero line */
#define PLOT_SIZE_TICK 7.0f    /**< tick and category labels */
#define PLOT_SIZE_VALUE 6.8f   /**< value labels */
#define PLOT_SIZE_LEGEND 7.5f  /**< legend entries */

/** Horizontal anchoring of a text at x. */
enum plot_align {
    PLOT_LEFT = 0, /**< x is the left edge */
    PLOT_RIGHT,    /**< x is the right edge */
    PLOT_CENTER    /**< x is the centre */
};

/** Axis ticks from lo to hi in steps of step. */
struct plot_ticks {
    double lo;   /**< first tick (a multiple of step) */
    double hi;   /**< last tick */
    double step; /**< 1, 2 or 5 times a power of ten */
};

/** The fallback font of one chart's cairo context. */
struct plot_fonts {
    struct pdf_fallback *fallback; /**< borrowed: the document's (file, warning); may be NULL */
    cairo_font_face_t *face[2];    /**< owned: the fallback, regular and emboldened, on need */
    int failed;                    /**< nonzero once cairo could not load the fallback */
    int bold;                      /**< the weight plot_font() selected last */
};

/**
 * @brief Let text drawn on @p cr fall back to @p fallback for what DejaVu
 * lacks.  @p pf must outlive every text call on @p cr and is released with
 * plot_fonts_release() after the drawing.
 */
void plot_fonts_attach(cairo_t *cr, struct plot_fonts *pf, struct pdf_fallback *fallback);

/** @brief Release the faces of @p pf (the context no longer draws text). */
void plot_fonts_release(struct plot_fonts *pf);

/**
 * @brief Colour @p i of the palette in use on this thread (cycles after
 * eight): the Okabe–Ito palette, or the one plot_palette_use() set.
 */
uint32_t plot_color(size_t i);

/**
 * @brief Draw this thread's charts in the eight colours of @p palette (the
 * brand's, borrowed until the next call), or NULL: the Okabe–Ito palette.
 * Per thread: documents render on several threads at once, each with its
 * own brand.
 */
void plot_palette_use(const uint32_t *palette);

/** @brief Nonzero for palette colours too light for white text on them. */
int plot_color_is_light(uint32_t rgb);

/** @brief Set the source colour. */
void plot_rgb(cairo_t *cr, uint32_t rgb);

/** @brief Select DejaVu Sans (bold or regular) at @p size points. */
void plot_font(cairo_t *cr, double size, int bold);

/** @brief Advance width of @p s in the current font (and the fallback). */
double plot_text_w(cairo_t *cr, const char *s);

/** @brief Show @p s with its baseline at @p y in the current colour and font. */
void plot_text(cairo_t *cr, double x, double y, enum plot_align align, const char *s);

/** @brief Copy @p s to @p out, cut with "…" to fit @p maxw in the current font. */
void plot_fit(cairo_t *cr, const char *s, double maxw, char *out, size_t cap);

/**
 * @brief Ticks covering [lo, hi] with about @p target intervals.  Values are
 * clamped to ±1e300 first, so the span stays finite.
 */
void plot_nice(double lo, double hi, int target, struct plot_ticks *t);

/** @brief Number of ticks of @p t (2 to 50); tick i is at lo + i * step. */
int plot_tick_count(const struct plot_ticks *t);

/**
 * @brief Text of the tick at @p v on an axis of ticks @p t in format @p fmt,
 * written by the host's formatter @p h.
 */
void plot_tick_label(const struct or_host *h, double v, const struct plot_ticks *t,
                     enum or_format fmt, char *buf, size_t n);

/**
 * @brief Text of a data value: the full format ("12,345", "25.0 %") or,
 * with @p compact, a short form ("12.3k", "1.2M").
 */
void plot_value_label(const struct or_host *h, double v, enum or_format fmt, int compact, char *buf,
                      size_t n);

/**
 * @brief Draw a legend of the series of @p cd (coloured squares and names)
 * in rows within [x, x + w] starting at @p y (top).
 * @return the height used.
 */
double plot_legend(cairo_t *cr, const struct pdf_chart_data *cd, double x, double y, double w);

/** @brief Height plot_legend() will use, without drawing. */
double plot_legend_height(cairo_t *cr, const struct pdf_chart_data *cd, double w);

#endif /* OR_PDF_PLOT_UTIL_H */

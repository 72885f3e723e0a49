/* SPDX-License-Identifier: MIT */
/**
 * @file html_doc.h
 * @brief The HTML renderer's options and the state of one document.
 *
 * Options (`--option KEY=VALUE`, and what the core passes for a mail body):
 * - `charts`: `svg` (default) puts each chart inline as SVG, vector and
 *   searchable by its title and data table; `png` embeds it as a PNG image
 *   (`data:` URI, twice the resolution of the page), which mail clients
 *   show where they strip SVG (the core turns those into CID images).
 * - `max_rows`: a table shows at most this many rows, then says "rows 1–N
 *   of M" and where the rest is; 0 (default) shows every row.
 * - `intro`: a paragraph shown above the report (a mail's greeting).
 * - `fallback_font`: the TrueType file charts take CJK from.
 * - `script_font_dir`: the folder holding `noto/` and `nanum/`, the fonts
 *   chart labels in scripts that need shaping (Arabic, Hebrew, Devanagari,
 *   Thai, Hangul...) are shaped and drawn in (orr_shape_fonts.h), as the
 *   PDF's `script_font_dir`.
 */
#ifndef OR_HTML_DOC_H
#define OR_HTML_DOC_H

#include <stddef.h>

#include "chart_data.h"
#include "chart_fallback.h"
#include "html_out.h"
#include "outreport/plugin.h"

#define HTML_OPTION_CHARTS "charts"
#define HTML_CHARTS_CHOICES "svg,png"
#define HTML_OPTION_MAX_ROWS "max_rows"
#define HTML_OPTION_INTRO "intro"
#define HTML_OPTION_FALLBACK_FONT "fallback_font"
#define HTML_DEFAULT_FALLBACK_FONT "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
#define HTML_OPTION_SCRIPT_FONT_DIR "script_font_dir"
#define HTML_DEFAULT_SCRIPT_FONT_DIR "/usr/share/fonts/truetype"
/** DejaVu Sans, the charts' font (fontconfig's), as a file for shaped text. */
#define HTML_DEJAVU_DIR "/usr/share/fonts/truetype/dejavu"

/** Width of the chart canvas in points: the column of the page. */
#define HTML_CHART_W 520.0

/** One document being written.  Lives on html_render()'s stack. */
struct html_doc {
    const struct or_host *h;              /**< borrowed */
    const struct or_report *r;            /**< borrowed */
    struct html_out out;                  /**< the file */
    int png;                              /**< charts as PNG data: URIs instead of SVG */
    long max_rows;                        /**< rows a table shows; 0: all */
    const char *intro;                    /**< borrowed option value, or NULL */
    char fallback_font[1024];             /**< the charts' fallback font file */
    char script_font_dir[1024];           /**< folder of the script fonts */
    struct chart_fallback fallback;       /**< points at fallback_font and shaper; warns once */
    int warned;                           /**< nonzero once the fallback warning was logged */
    size_t ncharts;                       /**< charts written: makes their SVG ids unique */
    uint32_t palette[CHART_PALETTE_SIZE]; /**< chart colours from the brand's accent */
    int has_palette;                      /**< nonzero: palette is set (html_brand_palette()) */
    int rtl; /**< nonzero: the locale's language is written right to left (html_doc_begin()) */
};

/**
 * @brief Read the options into @p d.
 * @return OR_OK; OR_ERR_INVALID naming the option for a bad value.
 */
or_status html_doc_options(struct html_doc *d, const struct or_option *const *options,
                           size_t noptions, char *err, size_t errlen);

/**
 * @brief Write `<!DOCTYPE html>`, the head with its stylesheet, and the cover.
 * Sets @p d->rtl from the report's locale (ICU's uloc_isRightToLeft()): a
 * right-to-left page says `dir="rtl"` and gets the mirrored rules of its
 * stylesheet.
 */
void html_doc_begin(struct html_doc *d);

/** @brief Write the footer and close the body and document. */
void html_doc_end(struct html_doc *d);

#endif /* OR_HTML_DOC_H */

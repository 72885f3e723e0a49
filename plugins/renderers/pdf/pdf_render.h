/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_render.h
 * @brief The PDF renderer's render() callback: the whole report in one PDF.
 *
 * Page 1 opens with the title, period, data window, any failed source in a
 * red box and the status of every source; the sections follow in order,
 * each with a bookmark.  Every page carries the title, the period and the
 * report's zone in its header and "Generated …" and "page X of Y" in its
 * footer.  Fonts are DejaVu Sans, embedded, and for the characters DejaVu
 * lacks a fallback font (embedded only when used); text is UTF-8 and
 * extractable.
 * The creation date is the report's generated_at, and nothing else varies
 * between runs, so the same input gives the same bytes.
 */
#ifndef OR_PDF_RENDER_H
#define OR_PDF_RENDER_H

#include "outreport/plugin.h"

/**
 * @brief Render @p report into @p path (::or_render_fn).
 *
 * Options: `paper` = `a4` (default) | `letter`; `font_dir` = folder holding
 * DejaVuSans.ttf and DejaVuSans-Bold.ttf (default /usr/share/fonts/truetype/dejavu);
 * `fallback_font` = TrueType file for the characters DejaVu lacks (default
 * /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf).  A fallback
 * that cannot be loaded is not an error: those characters show as boxes and
 * one warning per document is logged through the host.
 *
 * @return OR_OK;
 *         OR_ERR_INVALID for an unknown option or value (nothing written);
 *         OR_ERR_RENDER for a missing DejaVu font file (named), a failing cursor
 *         (section and row named), a chart naming absent columns, or a
 *         libharu or cairo error (code in hex, path named);
 *         OR_ERR_IO when the file cannot be written; OR_ERR_NOMEM.
 */
or_status pdf_render(const struct or_host *h, const struct or_report *report, const char *path,
                     const struct or_option *const *options, size_t noptions, char *err,
                     size_t errlen);

#endif /* OR_PDF_RENDER_H */

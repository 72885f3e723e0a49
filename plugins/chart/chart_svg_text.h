/* SPDX-License-Identifier: MIT */
/**
 * @file chart_svg_text.h
 * @brief A chart's labels (chart_labels.h) as SVG `<text>` elements: real
 *        text the browser shapes, orders and lets the reader select, search
 *        and copy.
 *
 * Each label becomes one `<text>` at its anchor (text-anchor start, middle
 * or end), in its size, weight and colour, turned by its angle, in DejaVu
 * Sans (then the browser's sans-serif).  A label in a script that needs
 * shaping (orr_shape.h) is split into `<tspan>`s of one font each, named
 * as the document's shaper picks them (Noto Sans Arabic, NanumGothic...),
 * so a browser with those fonts draws what the PNG and the PDF draw; its
 * direction follows its first strong letter (FriBidi), given as
 * `direction="rtl" unicode-bidi="embed"` for right-to-left labels, whose
 * anchor is then flipped so the label keeps its place.  The text is in
 * logical (reading) order and XML-escaped; control and non-characters
 * become U+FFFD.
 */
#ifndef OR_CHART_SVG_TEXT_H
#define OR_CHART_SVG_TEXT_H

#include <stddef.h>

#include "chart_fallback.h"
#include "chart_labels.h"

/** Appends @p n bytes of @p data to the caller's output; returns 0, or -1 when out of memory. */
typedef int chart_svg_write_fn(void *out, const void *data, size_t n);

/**
 * @brief Write @p l's labels as one `<g>` of `<text>` elements through @p write.
 * @param out passed to @p write
 * @param fb  the document's fallback (borrowed; may be NULL); its shaper, when
 *            set, names the fonts and direction of labels that need shaping
 * @return 0, or -1 when @p write failed (part of the group may be written).
 */
int chart_svg_text(chart_svg_write_fn *write, void *out, const struct chart_labels *l,
                   const struct chart_fallback *fb);

#endif /* OR_CHART_SVG_TEXT_H */

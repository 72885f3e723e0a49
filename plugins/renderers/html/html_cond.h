/* SPDX-License-Identifier: MIT */
/**
 * @file html_cond.h
 * @brief Conditional formatting (::or_cond, ABI 2.3) as inline CSS: the
 *        "good" and "bad" thresholds as Excel's green and red cell styles,
 *        a colour scale as the cell's background, a data bar as a gradient
 *        as long as the value's share.  Each look sets its text colour
 *        too, so it reads alike in the light and the dark scheme.
 */
#ifndef OR_HTML_COND_H
#define OR_HTML_COND_H

#include "html_doc.h"

/**
 * @brief Write ` style="..."` for value @p v under @p c (NULL, or a host
 * older than 2.3: nothing), inside an element's start tag.
 * @return nonzero when it wrote a style
 */
int html_cond_style(struct html_doc *d, const struct or_cond *c, double v);

/** @brief html_cond_style() of a cell's value (NULL, text: no number, no look). */
int html_cond_cell(struct html_doc *d, const struct or_result_column *col,
                   const struct or_value *v);

#endif /* OR_HTML_COND_H */

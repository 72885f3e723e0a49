/* SPDX-License-Identifier: MIT */
/**
 * @file html_chart.h
 * @brief A CHART section in the HTML document (html_chart.c).
 *
 * The chart module (plugins/chart/) draws the chart the PDF shows, inline
 * as SVG or as a PNG data: URI (option `charts`), an image with a title for
 * screen readers; its numbers follow in a table.  The section's heading is
 * html_section()'s.
 */
#ifndef OR_HTML_CHART_H
#define OR_HTML_CHART_H

#include "html_doc.h"

/**
 * @brief Write the chart of @p sec (borrowed) and its data table into @p d.
 * @return OR_OK; OR_ERR_RENDER naming the section when its rows cannot be
 *         read or its chart drawn; OR_ERR_NOMEM.
 */
or_status html_chart(struct html_doc *d, const struct or_section *sec, char *err, size_t errlen);

#endif /* OR_HTML_CHART_H */

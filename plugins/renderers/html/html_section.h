/* SPDX-License-Identifier: MIT */
/**
 * @file html_section.h
 * @brief The sections of the HTML document: a heading (h2) and
 *        description, then tiles, a table, a chart or paragraphs, or the
 *        reason the data is unavailable.
 *
 * html_section() writes the heading and description, then hands the
 * content to the section kind's writer: html_table.h, html_kpi.h,
 * html_chart.h (each depends on html_doc.h only, never on this file).
 */
#ifndef OR_HTML_SECTION_H
#define OR_HTML_SECTION_H

#include "html_doc.h"

/**
 * @brief Write section @p sec (index @p index in the report).
 * @return OR_OK; OR_ERR_RENDER naming the section when its rows cannot be
 *         read or its chart drawn; OR_ERR_NOMEM.
 */
or_status html_section(struct html_doc *d, const struct or_section *sec, size_t index, char *err,
                       size_t errlen);

#endif /* OR_HTML_SECTION_H */

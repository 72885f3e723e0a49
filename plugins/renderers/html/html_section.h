/* SPDX-License-Identifier: MIT */
/**
 * @file html_section.h
 * @brief The sections of the HTML document: a heading (h2) and
 *        description, then tiles, a table, a chart or paragraphs, or the
 *        reason the data is unavailable.
 *
 * Each writer below writes one section's content; html_section() adds the
 * heading and picks the writer.  Tables have a header row of
 * `<th scope="col">` and a row header `<th scope="row">` in the first
 * column; a chart is an image with a title for screen readers and its
 * numbers in a table beneath it (html_chart.c).
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

/** @brief The rows of a TABLE section (html_table.c). */
or_status html_table(struct html_doc *d, const struct or_section *sec, char *err, size_t errlen);

/** @brief The tiles of a KPIS section (html_kpi.c). */
void html_kpis(struct html_doc *d, const struct or_section *sec);

/** @brief The chart of a CHART section and its data table (html_chart.c). */
or_status html_chart(struct html_doc *d, const struct or_section *sec, char *err, size_t errlen);

#endif /* OR_HTML_SECTION_H */

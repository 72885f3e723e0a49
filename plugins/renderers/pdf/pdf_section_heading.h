/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_section_heading.h
 * @brief A section's heading (title, description, bookmark), kept on one
 *        page with the first unbreakable piece of its content.
 *
 * Every section kind (pdf_table.h, pdf_kpi.h, pdf_chart.h, pdf_text.h, and
 * the "data unavailable" box of pdf_section.c) computes the height of its
 * first piece that must not be separated from the heading and passes it
 * here, so a heading never sits alone at the bottom of a page.
 */
#ifndef OR_PDF_SECTION_HEADING_H
#define OR_PDF_SECTION_HEADING_H

#include "pdf_doc.h"

/**
 * @brief Draw the heading of @p sec (title, description) and its bookmark,
 * on a new page unless the heading and @p keep points of content fit.
 * @param d    the document; its cursor moves below the heading
 * @param sec  the section; borrowed
 * @param keep height in points of the content that must follow on the same page
 */
void pdf_section_heading(struct pdf_doc *d, const struct or_section *sec, float keep);

#endif /* OR_PDF_SECTION_HEADING_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_section.h
 * @brief One report section: the dispatcher that draws the content by
 *        kind, or the "data unavailable" box in its place.
 *
 * Every kind draws its own heading through pdf_section_heading.h, with the
 * height of its first unbreakable piece (a table's header and first rows, a
 * row of tiles, a whole chart, three lines of text), so a heading never sits
 * alone at the bottom of a page.  Sections marked `landscape`, and tables of
 * more than ::PDF_LANDSCAPE_COLUMNS columns, are set on landscape pages; the
 * section after them returns to portrait on a new page.
 */
#ifndef OR_PDF_SECTION_H
#define OR_PDF_SECTION_H

#include "pdf_doc.h"

/** A table with more columns than this goes landscape by itself. */
#define PDF_LANDSCAPE_COLUMNS 8

/**
 * @brief Draw one section at the cursor.
 * @return OR_OK; OR_ERR_RENDER when a cursor fails (naming the section) or
 *         libharu fails; OR_ERR_NOMEM.
 */
or_status pdf_section_draw(struct pdf_doc *d, const struct or_section *sec, char *err,
                           size_t errlen);

#endif /* OR_PDF_SECTION_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_table.h
 * @brief TABLE sections, streamed from the cursor (DESIGN.md §8 point 2).
 *
 * Column widths come from the first rows (pdf_colwidth.h).  Rows are then
 * read one at a time and never kept: when a page is full the part ends with
 * a "rows i–j of N" line, and the next page repeats the column headers.
 * Numbers are right-aligned, every other row is shaded, NULL shows as "–",
 * text too long for its column ends in "…".
 */
#ifndef OR_PDF_TABLE_H
#define OR_PDF_TABLE_H

#include "pdf_doc.h"

/**
 * @brief Draw the heading and rows of a TABLE section.
 * @return OR_OK; OR_ERR_RENDER when the cursor cannot be rewound or read
 *         (naming the section and row) or libharu fails; OR_ERR_NOMEM.
 */
or_status pdf_table_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen);

#endif /* OR_PDF_TABLE_H */

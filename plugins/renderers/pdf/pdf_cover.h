/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_cover.h
 * @brief The top of page 1: title, period, data window, description and the
 *        status of every source (DESIGN.md §8 points 4, 7 and 9).
 *
 * A failed source is stated in a red box above everything else on the page
 * ("Source saleshandy.team-stats failed: <reason>"); the source list under
 * it gives each source's status, rows fetched and detail.
 */
#ifndef OR_PDF_COVER_H
#define OR_PDF_COVER_H

#include "pdf_doc.h"

/**
 * @brief Draw the cover block at the cursor of the first page.
 * @return OR_OK, or the failure of the document (pdf_doc_failure()).
 */
or_status pdf_cover_draw(struct pdf_doc *d, char *err, size_t errlen);

#endif /* OR_PDF_COVER_H */

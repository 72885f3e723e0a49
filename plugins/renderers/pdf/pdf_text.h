/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_text.h
 * @brief TEXT sections: paragraphs ('\n' separates them) wrapped to the
 *        page width, flowing line by line across pages.
 */
#ifndef OR_PDF_TEXT_H
#define OR_PDF_TEXT_H

#include <stdint.h>

#include "pdf_doc.h"

/**
 * @brief Flow one clean paragraph at the cursor, line by line, each line
 * asking for its own room (so a long paragraph continues on the next page).
 */
void pdf_text_flow(struct pdf_doc *d, const struct pdf_font *font, float size, uint32_t rgb,
                   const char *text);

/**
 * @brief Draw the heading and paragraphs of a TEXT section.
 * @return OR_OK, OR_ERR_NOMEM, or the document's failure.
 */
or_status pdf_text_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen);

#endif /* OR_PDF_TEXT_H */

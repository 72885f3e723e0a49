/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_frame.h
 * @brief Page furniture: the header band and the footer of every page.
 *
 * Header: the report title on the left; the period label (with "partial
 * period" while it is not over) and "Times in <zone>" on the right; an
 * accent rule below.  Footer: "Generated <local time> <UTC offset>" on the
 * left and "page X of Y" on the right.  Drawn once every page exists.
 */
#ifndef OR_PDF_FRAME_H
#define OR_PDF_FRAME_H

#include "pdf_doc.h"

/** @brief Draw header and footer on every page of @p d. */
void pdf_frame_draw(struct pdf_doc *d);

#endif /* OR_PDF_FRAME_H */

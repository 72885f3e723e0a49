/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_brand.h
 * @brief The company's look in the PDF (::or_brand): the accent colour of
 *        headings, rules and charts, the logo and company in every page's
 *        header, the footer line, and the cover page.
 */
#ifndef OR_PDF_BRAND_H
#define OR_PDF_BRAND_H

#include <stddef.h>

#include "outreport/plugin.h"
#include "pdf_doc.h"

/**
 * @brief Take the report's brand into @p d: its accent and palette, its
 * logo loaded into the document.  No brand (or a host older than 2.3):
 * nothing changes.
 * @return OR_OK; OR_ERR_RENDER when libharu refuses the logo.
 */
or_status pdf_brand_open(struct pdf_doc *d, char *err, size_t errlen);

/**
 * @brief With `cover = true`, draw the cover page (logo, company, title,
 * whom a split document is for, period) on page 1 and continue on page 2.
 * @return OR_OK; OR_ERR_RENDER / OR_ERR_NOMEM as pdf_doc_failure().
 */
or_status pdf_brand_cover(struct pdf_doc *d, char *err, size_t errlen);

/**
 * @brief Draw the brand's part of a page's header (the logo at the left,
 * @p h points high, its top at @p top) and return the width it took
 * (0 without a logo).
 */
float pdf_brand_header_logo(const struct pdf_doc *d, HPDF_Page page, float left, float top,
                            float h);

/** @brief The brand's company, or NULL. */
const char *pdf_brand_company(const struct pdf_doc *d);

/** @brief The brand's footer line, or NULL. */
const char *pdf_brand_footer(const struct pdf_doc *d);

#endif /* OR_PDF_BRAND_H */

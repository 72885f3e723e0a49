/* SPDX-License-Identifier: MIT */
/**
 * @file html_brand.h
 * @brief The company's look in the HTML page (::or_brand, ABI 2.3): the
 *        accent colour of headings, rules and charts, the logo and company
 *        at the head of the page, the footer line.
 *
 * The logo is embedded as a `data:` URI (PNG or JPEG, as the host gives
 * it), so the page stays one self-contained file; a mail body's copy of the
 * page gets it as an inline CID image from the core (mail_inline.h).  The
 * page has no cover: its header is one.
 */
#ifndef OR_HTML_BRAND_H
#define OR_HTML_BRAND_H

#include "html_doc.h"

/** @brief The report's brand, or NULL (none, or a host older than 2.3). */
const struct or_brand *html_brand_of(const struct html_doc *d);

/** @brief Take the brand's palette into @p d (charts draw with it). */
void html_brand_open(struct html_doc *d);

/** @brief CSS that sets the accent (`--accent`) in both colour schemes, or nothing. */
void html_brand_css(struct html_doc *d);

/** @brief The logo and company at the top of the header, or nothing. */
void html_brand_header(struct html_doc *d);

/** @brief The brand's footer line (before outreport's own), or nothing. */
void html_brand_footer(struct html_doc *d);

#endif /* OR_HTML_BRAND_H */

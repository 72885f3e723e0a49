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
 * page has no cover: its header is one.  Every writer takes the brand
 * (NULL: writes nothing) and the file, not the document, so html_doc.c can
 * call them.
 */
#ifndef OR_HTML_BRAND_H
#define OR_HTML_BRAND_H

#include <stdint.h>

#include "html_out.h"
#include "outreport/plugin.h"

/** @brief The brand of @p r, or NULL (none, or a host older than 2.3). */
const struct or_brand *html_brand_of(const struct or_host *h, const struct or_report *r);

/**
 * @brief The charts' eight colours from @p b's accent into @p out.
 * @return nonzero when @p b has an accent (else @p out is untouched)
 */
int html_brand_palette(const struct or_brand *b, uint32_t out[8]);

/** @brief CSS that sets the accent (`--accent`) in both colour schemes, or nothing. */
void html_brand_css(struct html_out *o, const struct or_brand *b);

/** @brief The logo and company at the top of the header, or nothing. */
void html_brand_header(struct html_out *o, const struct or_brand *b);

/** @brief The brand's footer line (before outreport's own), or nothing. */
void html_brand_footer(struct html_out *o, const struct or_brand *b);

#endif /* OR_HTML_BRAND_H */

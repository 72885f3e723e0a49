/* SPDX-License-Identifier: MIT */
/**
 * @file mail_inline.h
 * @brief The HTML renderer's page as a mail body: its PNG charts and the
 * brand's logo (PNG or JPEG), written as `data:` URIs, become inline parts
 * the HTML names by Content-ID (core only).
 *
 * Mail clients strip SVG and many drop `data:` images; every client shows
 * `<img src="cid:...">` with a multipart/related part of that Content-ID.
 * Only `src="data:image/png;base64,..."` and `src="data:image/jpeg;base64,..."`
 * attributes are taken: report text
 * is escaped by the renderer, so no value can look like one.
 */
#ifndef OR_MAIL_INLINE_H
#define OR_MAIL_INLINE_H

#include <glib.h>

#include "deliver/mail_message.h"

/** A body with its images.  Zero it; release with or_mail_inline_release(). */
struct or_mail_inline {
    char *html;                   /**< the HTML with cid: references; owned */
    struct or_mail_image *images; /**< nimages images, members owned by @c owned */
    size_t nimages;               /**< number of images */
    GPtrArray *owned;             /**< the images' bytes and Content-IDs */
};

/**
 * @brief Turn each PNG data: URI of @p html into an image "chartN@outreport"
 * (a JPEG's: "imageN@outreport") and a `cid:` reference to it.  A data: URI that does not decode is
 * left as it is.
 */
void or_mail_inline_images(const char *html, struct or_mail_inline *out);

/** @brief Free what @p in holds and zero it. */
void or_mail_inline_release(struct or_mail_inline *in);

#endif /* OR_MAIL_INLINE_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file mail_mime.h
 * @brief The MIME document of a message, built with libcurl's curl_mime
 * (core only).
 *
 * multipart/mixed: the plain-text body, or a multipart/alternative of the
 * plain-text and HTML bodies (both UTF-8, quoted-printable, inline), then
 * one base64 part per attachment, read from its file at send time.
 */
#ifndef OR_MAIL_MIME_H
#define OR_MAIL_MIME_H

#include <stddef.h>

#include <curl/curl.h>

#include "deliver/mail_message.h"
#include "outreport/status.h"

/** The bodies of a message in MIME's line ends, and the parts' shared header. */
struct or_mail_mime {
    const struct or_mail_message *msg;     /**< borrowed */
    char *text;                            /**< CRLF; owned, g_free() */
    char *html;                            /**< CRLF, or NULL; owned, g_free() */
    struct curl_slist *inline_disposition; /**< "Content-Disposition: inline"; owned */
};

/**
 * @brief Prepare the bodies of @p msg and check the attachments and the
 * size before anything is sent.
 *
 * @param max_bytes  refuse a message estimated larger (attachments × 4/3
 *                   for base64, bodies as quoted-printable, headers); 0: no
 *                   limit
 * @return OR_OK; OR_ERR_INVALID for an attachment without a path, a name or
 *         type with a line break or quote, or a message over the limit
 *         ("message would be 27.3 MB, over the limit of 20 MB ([smtp]
 *         max_size_mb): not sent"); OR_ERR_IO for an attachment that cannot
 *         be read or is not a regular file (named); OR_ERR_NOMEM.  Release
 *         @p m with or_mail_mime_release() in every case.
 */
or_status or_mail_mime_prepare(struct or_mail_mime *m, const struct or_mail_message *msg,
                               size_t max_bytes, char *err, size_t errlen);

/**
 * @brief The MIME document for one try on @p easy.
 * @return an owned document (curl_mime_free() after the transfer), or NULL
 *         when out of memory.
 */
curl_mime *or_mail_mime_build(CURL *easy, const struct or_mail_mime *m);

/** @brief Free what @p m holds and zero it. */
void or_mail_mime_release(struct or_mail_mime *m);

#endif /* OR_MAIL_MIME_H */

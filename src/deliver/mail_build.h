/* SPDX-License-Identifier: MIT */
/**
 * @file mail_build.h
 * @brief One report e-mail as the bytes that go over SMTP (or into an .eml
 * file), built with GMime; and its SMTP envelope (core only).
 *
 * The message is multipart/mixed: a multipart/alternative of the plain text
 * and the HTML body (the HTML in a multipart/related with its inline PNG
 * images, each with a Content-ID), then one base64 part per attachment.
 * GMime writes the headers: mailboxes (display names quoted or RFC
 * 2047-encoded), the encoded subject, Date, Message-ID (the sender's domain
 * when it is a plain host name) and MIME-Version; lines end in CRLF.
 *
 * No header can be injected through a value: a line break (or any control
 * character) in a display name or the subject becomes a space, and an
 * address holding one, or that is not an address, is refused naming it.
 */
#ifndef OR_MAIL_BUILD_H
#define OR_MAIL_BUILD_H

#include <stddef.h>

#include <curl/curl.h>
#include <glib.h>

#include "deliver/mail_message.h"
#include "outreport/status.h"

/** A built message and its envelope.  Zero it before or_mail_build(). */
struct or_mail_built {
    char *mail_from;         /**< "<user@host>"; owned, g_free() */
    struct curl_slist *rcpt; /**< "<user@host>" per To and Cc; owned */
    GByteArray *bytes;       /**< the message, CRLF line ends; owned */
};

/**
 * @brief Build @p msg sent by @p from.
 * @param max_bytes refuse a message larger than this (0: no limit): "message
 *        would be 27.3 MB, over the limit of 20 MB ([smtp] max_size_mb): not sent"
 * @return OR_OK; OR_ERR_INVALID: no recipient, an address that is not one or
 *         holds a line break (naming it and whether it is From, To or Cc), an
 *         attachment without a path, or a message over the limit; OR_ERR_IO:
 *         an attachment that cannot be read or is not a regular file (named);
 *         OR_ERR_NOMEM.  Release @p b with or_mail_built_release() in every case.
 */
or_status or_mail_build(struct or_mail_built *b, const char *from,
                        const struct or_mail_message *msg, size_t max_bytes, char *err,
                        size_t errlen);

/** @brief Free what @p b holds and zero it. */
void or_mail_built_release(struct or_mail_built *b);

/**
 * @brief Write @p msg sent by @p from to @p path as an .eml file (the bytes
 * that would be sent), atomically: a temporary file renamed into place.
 * @return OR_OK; the errors of or_mail_build() (without a size limit);
 *         OR_ERR_IO naming @p path.
 */
or_status or_mail_write_eml(const char *path, const char *from, const struct or_mail_message *msg,
                            char *err, size_t errlen);

#endif /* OR_MAIL_BUILD_H */

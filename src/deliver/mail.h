/* SPDX-License-Identifier: MIT */
/**
 * @file mail.h
 * @brief Sending one report e-mail over SMTP with libcurl (core only).
 *
 * The message is built with GMime (mail_build.h): plain text and an
 * optional HTML body with inline images as alternatives, then one base64
 * part per attached file.  The server comes from the [smtp] section of the
 * configuration (mail_server.h).
 *
 * Transient failures (connection refused, timeouts, send/receive errors, an
 * SMTP 4xx reply such as 421, 450, 451, 452) are retried with exponential
 * back-off; 5xx replies (550 rejected, 535 login refused) are final.  The
 * password is registered with or_redact_add() when read and never appears
 * in a message or log line; libcurl's verbose output is never shown.
 *
 * Layout: mail.c is the SMTP session (tries, retries, what a failure
 * means); it sends the envelope and bytes of mail_build.h, for the message
 * of mail_message.h and the server of mail_server.h.
 */
#ifndef OR_MAIL_H
#define OR_MAIL_H

#include <stddef.h>

#include "deliver/mail_message.h"
#include "deliver/mail_server.h"
#include "outreport/status.h"

/**
 * @brief Send @p msg through @p srv.
 *
 * Checks everything it can before connecting: addresses present and free
 * of line breaks, every attachment readable, and the size of the built
 * message within srv->max_bytes.  Then tries up to 1 + srv->retries times.
 *
 * @param srv    server settings; borrowed.
 * @param msg    the message; borrowed.
 * @param err    receives a one-line, redacted message on failure; may be NULL.
 * @param errlen size of @p err (OR_ERR_SIZE is enough).
 * @return OR_OK once the server accepted the message;
 *         OR_ERR_INVALID: no recipient, a header with a line break, or the
 *         message is over the size limit ("message would be 27.3 MB, over
 *         the limit of 20 MB ([smtp] max_size_mb): not sent");
 *         OR_ERR_IO: an attachment cannot be read (named);
 *         OR_ERR_CONFIG: no url or no sender;
 *         OR_ERR_AUTH: the server refused the login (names [smtp] username
 *         and password_env, never the password);
 *         OR_ERR_NETWORK: "smtp host:port: <reason> (SMTP 451 ...) after N
 *         tries" for transient failures that outlasted the retries, or the
 *         server refused the message permanently (5xx, not retried);
 *         OR_ERR_NOMEM.
 */
or_status or_mail_send(const struct or_mail_server *srv, const struct or_mail_message *msg,
                       char *err, size_t errlen);

#endif /* OR_MAIL_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file mail.h
 * @brief Sending one report e-mail over SMTP with libcurl (core only).
 *
 * A message is a multipart/mixed MIME document: a multipart/alternative
 * part holding the plain-text and (optionally) the HTML body, both UTF-8 and
 * quoted-printable, followed by one base64 part per attached file.  The
 * server comes from the [smtp] section of the configuration (DESIGN.md §5):
 *
 * | key          | meaning                                              | default        |
 * |--------------|------------------------------------------------------|----------------|
 * | url          | smtp://host:port (STARTTLS) or smtps://host:465      | required       |
 * | from         | default sender address                               | required       |
 * | username     | login; when set, the password variable must be set   | no login       |
 * | password_env | environment variable holding the password            | SMTP_PASSWORD  |
 * | starttls     | smtp:// only: `try` (when offered) or `required`     | try            |
 * | max_size_mb  | refuse larger messages before connecting (10^6 bytes)| 20             |
 * | retries      | further tries after a transient failure              | 3              |
 * | timeout_s    | limit of one try (connect + transfer)                | 60             |
 * | ca_file      | CA bundle for verifying the server's certificate     | system store   |
 *
 * Transient failures (connection refused, timeouts, send/receive errors, an
 * SMTP 4xx reply such as 421, 450, 451, 452) are retried with exponential
 * back-off; 5xx replies (550 rejected, 535 login refused) are final.  The
 * password is registered with or_redact_add() when read and never appears
 * in a message or log line; libcurl's verbose output is never shown.
 */
#ifndef OR_MAIL_H
#define OR_MAIL_H

#include <stddef.h>

#include "outreport/status.h"

struct or_config;

/** A file to attach.  All members borrowed. */
struct or_mail_attachment {
    const char *path;      /**< file to read (at send time) */
    const char *filename;  /**< name shown to the recipient, e.g. "weekly.pdf" */
    const char *mime_type; /**< e.g. "application/pdf"; NULL: application/octet-stream */
};

/**
 * One message.  All members borrowed for the duration of or_mail_send().
 * Addresses are "user@example.com" or "Display Name <user@example.com>";
 * a display name may be UTF-8 (it is RFC 2047-encoded).
 */
struct or_mail_message {
    const char *from;      /**< sender; NULL: the server's default (`[smtp] from`) */
    const char *const *to; /**< NULL-terminated, at least one */
    const char *const *cc; /**< NULL-terminated, or NULL */
    const char *subject;   /**< UTF-8; RFC 2047-encoded when not ASCII */
    const char *text;      /**< plain-text body (UTF-8), NULL for empty */
    const char *html;      /**< HTML body (UTF-8) or NULL for text only */
    const struct or_mail_attachment *attachments; /**< nattachments entries, or NULL */
    size_t nattachments;                          /**< number of attachments */
};

/** Where and how to send; filled by or_mail_server_from_config(). */
struct or_mail_server {
    char *url;            /**< smtp://host:port or smtps://host:465; owned */
    char *username;       /**< login, or NULL for none; owned */
    const char *password; /**< from the environment; borrowed; registered for redaction */
    char *from;           /**< default sender; owned */
    long timeout_ms;      /**< limit of one try; 0: 60 s */
    int retries;          /**< further tries after a transient failure (0: none) */
    long backoff_ms;      /**< wait before the first retry; doubles per retry */
    size_t max_bytes;     /**< refuse larger messages (estimated) before connecting; 0: no limit */
    char *ca_file;        /**< CA bundle, or NULL for the system store; owned */
    int require_tls;      /**< nonzero: smtp:// fails unless STARTTLS succeeds */
    char *password_env;   /**< name of the password variable (for messages); owned */
};

/**
 * @brief Read the [smtp] section of @p cfg into @p out.
 *
 * Reads the password from the environment variable `[smtp] password_env`
 * names (SMTP_PASSWORD by default) when `username` is set, and registers it
 * with or_redact_add().  backoff_ms is set to 1000.
 *
 * @param cfg    configuration; borrowed (NULL behaves as empty).
 * @param out    receives the settings; release with or_mail_server_release()
 *               (also after a failure, which is harmless).
 * @param err    receives a one-line message on failure; may be NULL.
 * @param errlen size of @p err.
 * @return OR_OK; OR_ERR_CONFIG when url or from is not set ("config [smtp]
 *         url is not set"), the url is not smtp:// or smtps:// or holds a
 *         password, username is set but the password variable is not (the
 *         message names the variable), or a number or `starttls` value is
 *         malformed (the message names the key); OR_ERR_NOMEM.
 */
or_status or_mail_server_from_config(const struct or_config *cfg, struct or_mail_server *out,
                                     char *err, size_t errlen);

/** @brief Free the owned members of @p s and zero it; NULL is a no-op. */
void or_mail_server_release(struct or_mail_server *s);

/**
 * @brief Send @p msg through @p srv.
 *
 * Checks everything it can before connecting: addresses present and free
 * of line breaks, every attachment readable, and the estimated size
 * (attachments × 4/3 for base64, plus bodies and headers) within
 * srv->max_bytes.  Then tries up to 1 + srv->retries times.
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

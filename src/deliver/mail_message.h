/* SPDX-License-Identifier: MIT */
/**
 * @file mail_message.h
 * @brief What one report e-mail holds: sender, recipients, subject, bodies
 * and attachments (core only; the input of or_mail_send(), mail.h).
 */
#ifndef OR_MAIL_MESSAGE_H
#define OR_MAIL_MESSAGE_H

#include <stddef.h>

/** A file to attach.  All members borrowed. */
struct or_mail_attachment {
    const char *path;      /**< file to read (at send time) */
    const char *filename;  /**< name shown to the recipient, e.g. "weekly.pdf" */
    const char *mime_type; /**< e.g. "application/pdf"; NULL: application/octet-stream */
};

/** An image the HTML body shows inline (`<img src="cid:CID">`).  All members borrowed. */
struct or_mail_image {
    const char *cid;          /**< Content-ID without angle brackets, e.g. "chart1@outreport" */
    const unsigned char *png; /**< the image file's bytes: a PNG, or a JPEG when @c jpeg */
    size_t len;               /**< number of bytes */
    int jpeg;                 /**< nonzero: a JPEG (a brand's logo), else a PNG */
};

/**
 * One message.  All members borrowed for the duration of or_mail_send().
 * Addresses are "user@example.com" or "Display Name <user@example.com>";
 * a display name may be UTF-8 (it is RFC 2047-encoded).
 */
struct or_mail_message {
    const char *from;                   /**< sender; NULL: the server's default (`[smtp] from`) */
    const char *const *to;              /**< NULL-terminated, at least one */
    const char *const *cc;              /**< NULL-terminated, or NULL */
    const char *subject;                /**< UTF-8; RFC 2047-encoded when not ASCII */
    const char *text;                   /**< plain-text body (UTF-8), NULL for empty */
    const char *html;                   /**< HTML body (UTF-8) or NULL for text only */
    const struct or_mail_image *images; /**< nimages images @p html refers to, or NULL */
    size_t nimages;                     /**< number of images */
    const struct or_mail_attachment *attachments; /**< nattachments entries, or NULL */
    size_t nattachments;                          /**< number of attachments */
};

#endif /* OR_MAIL_MESSAGE_H */

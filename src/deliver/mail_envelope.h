/* SPDX-License-Identifier: MIT */
/**
 * @file mail_envelope.h
 * @brief The SMTP envelope (MAIL FROM, RCPT TO) and the header lines of a
 * message (core only).
 *
 * Addresses are "user@example.com" or "Display Name <user@example.com>".
 * Display names that are not plain atoms are quoted, non-ASCII ones and a
 * non-ASCII subject RFC 2047-encoded (UTF-8, base64, never splitting a
 * character); the Date is RFC 5322 in the process's zone, the Message-ID's
 * domain the sender's when it is a plain host name.
 */
#ifndef OR_MAIL_ENVELOPE_H
#define OR_MAIL_ENVELOPE_H

#include <stddef.h>

#include <curl/curl.h>

#include "deliver/mail_message.h"
#include "outreport/status.h"

/** Envelope and headers of one message.  Zero it before or_mail_envelope_build(). */
struct or_mail_envelope {
    char *mail_from;            /**< "<user@host>"; owned, g_free() */
    struct curl_slist *rcpt;    /**< "<user@host>" per To and Cc; owned */
    struct curl_slist *headers; /**< From, To, Cc, Subject, Date, Message-ID, MIME-Version,
                                     X-Mailer; owned */
};

/**
 * @brief Build the envelope and headers of @p msg sent by @p from.
 * @return OR_OK; OR_ERR_INVALID when there is no recipient, an address or
 *         the subject holds a line break, or an address is not an e-mail
 *         address (naming it and whether it is To or Cc); OR_ERR_NOMEM.
 *         Release @p env with or_mail_envelope_release() in every case.
 */
or_status or_mail_envelope_build(struct or_mail_envelope *env, const char *from,
                                 const struct or_mail_message *msg, char *err, size_t errlen);

/** @brief Free what @p env holds and zero it. */
void or_mail_envelope_release(struct or_mail_envelope *env);

#endif /* OR_MAIL_ENVELOPE_H */

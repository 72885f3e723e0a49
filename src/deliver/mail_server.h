/* SPDX-License-Identifier: MIT */
/**
 * @file mail_server.h
 * @brief The SMTP server to send through, read from the [smtp] section of
 * the configuration (DESIGN.md §5; core only):
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
 * | allow_insecure | true: a password may go without TLS (starttls = try) | false        |
 *
 * A URL holding a password is refused: a config file never holds a secret.
 * A password is sent only through TLS: with `username` set, the url must be
 * smtps:// or `starttls = required`, unless `allow_insecure = true`.
 * Strings of ::or_mail_server are GLib-allocated, released by
 * or_mail_server_release().
 */
#ifndef OR_MAIL_SERVER_H
#define OR_MAIL_SERVER_H

#include <stddef.h>

#include "outreport/status.h"

struct or_config;

/** The password variable when `[smtp] password_env` is not set. */
#define OR_MAIL_PASSWORD_ENV_DEFAULT "SMTP_PASSWORD"

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
 *         message names the variable), a password would go without TLS
 *         (see above), or a number, `starttls` or `allow_insecure` value is
 *         malformed (the message names the key); OR_ERR_NOMEM.
 */
or_status or_mail_server_from_config(const struct or_config *cfg, struct or_mail_server *out,
                                     char *err, size_t errlen);

/** @brief Free the owned members of @p s and zero it; NULL is a no-op. */
void or_mail_server_release(struct or_mail_server *s);

/**
 * @brief Whether the whole session must be encrypted: an smtps:// URL, or
 * `[smtp] starttls = required`.
 */
int or_mail_server_tls_required(const struct or_mail_server *s);

#endif /* OR_MAIL_SERVER_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file secret.h
 * @brief The value of a credential named by a `*_env` key.
 *
 * Core only.  A credential is the environment variable the config names
 * (`api_key_env = SALESFINITY_API_KEY`); under systemd it may instead be a
 * credential of the same name (`LoadCredential=SALESFINITY_API_KEY:FILE`),
 * read from $CREDENTIALS_DIRECTORY/NAME with trailing line breaks removed,
 * else $CREDENTIALS_DIRECTORY/outreport_NAME (what `LoadCredential=outreport:DIR`
 * makes of a file NAME in the folder DIR).
 * The environment wins when both are set.  Only names of letters, digits and
 * '_' are looked up as files, so a name can never point elsewhere.
 */
#ifndef OR_SECRET_H
#define OR_SECRET_H

/**
 * @brief The credential @p name, or NULL when neither the environment nor a
 * systemd credential holds a non-empty value.  Borrowed: valid until
 * or_secret_clear() (credential files are read once and kept).
 * @param from receives "environment" or "credential" when found; may be NULL.
 */
const char *or_secret_env(const char *name, const char **from);

/** @brief Forget the credentials read (wiping them); call at exit. */
void or_secret_clear(void);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file config.h
 * @brief The INI configuration (DESIGN.md §5), read with GLib's GKeyFile.
 *
 * Core only.  An explicit path (--config), else $OUTREPORT_CONFIG, is the one
 * file read.  Otherwise two layers are read, the later overriding the
 * earlier key by key: the system file, SYSCONFDIR/outreport/outreport.conf
 * (/etc for a package; $OUTREPORT_SYSCONFDIR replaces SYSCONFDIR), then the
 * user's: ./outreport.conf, else $XDG_CONFIG_HOME/outreport/outreport.conf
 * (~/.config when unset).  Each value remembers the file it came from
 * (or_config_origin()).  No file at all is fine: every key has a default.  A config file never
 * holds a secret: keys such as api_key, token or password, and URLs with a user:password@ part, are
 * refused, naming the file, section and key and the
 * *_env key to use instead.  The file is plain text of at most 1 MiB: a NUL
 * byte (GKeyFile would drop everything after it), a UTF-8 byte order mark or
 * a larger file is refused, naming the file and the byte offset.  Jobs files
 * are read by the same loader.
 */
#ifndef OR_CONFIG_H
#define OR_CONFIG_H

#include <stddef.h>

#include "outreport/status.h"

struct or_config;

/**
 * @brief Load the configuration.
 * @param explicit_path --config FILE, or NULL to search the usual places.
 * @param out receives an owned config (free with or_config_free()).
 * @return OR_OK, OR_ERR_CONFIG (syntax error, secret in file, explicit file
 *         missing, NUL byte, byte order mark, over 1 MiB) with @p err naming
 *         the file and line, key or byte offset.
 */
or_status or_config_load(const char *explicit_path, struct or_config **out, char *err,
                         size_t errlen);

/** @brief An empty configuration (all defaults).  Owned by the caller: or_config_free(). */
struct or_config *or_config_new_empty(void);

/** @brief Free; NULL is a no-op. */
void or_config_free(struct or_config *cfg);

/**
 * @brief Value of [section] key, or NULL when unset.  Borrowed; valid until
 * or_config_free().  Surrounding whitespace is trimmed.
 */
const char *or_config_get(const struct or_config *cfg, const char *section, const char *key);

/**
 * @brief A whole number in [@p min, @p max] from [section] key.
 * @param set  receives 1 when the key is set (then @p out holds it), else 0.
 * @return OR_OK (also when unset); OR_ERR_CONFIG with "config [SECTION] KEY:
 *         'VALUE' is not a number from MIN to MAX" in @p err.
 */
or_status or_config_long(const struct or_config *cfg, const char *section, const char *key,
                         long min, long max, long *out, int *set, char *err, size_t errlen);

/** @brief Set (or override) a value from the command line.  Copies both. */
void or_config_set(struct or_config *cfg, const char *section, const char *key, const char *value);

/** @brief Section names in file order.  Borrowed; @p n receives the count. */
const char *const *or_config_sections(const struct or_config *cfg, size_t *n);

/** @brief The keys of @p section, newly allocated (g_strfreev), in no order. */
char **or_config_keys(const struct or_config *cfg, const char *section);

/** @brief Path of the file loaded last (the user's), or NULL when none. Borrowed. */
const char *or_config_path(const struct or_config *cfg);

/**
 * @brief Where [section] key came from: the path of the file that set it
 * last, "command line" for or_config_set(), NULL when unset.  With @p key
 * NULL: the file that first named @p section.  Borrowed until or_config_free().
 */
const char *or_config_origin(const struct or_config *cfg, const char *section, const char *key);

/** @brief The files read, lowest precedence first.  Borrowed; @p n receives the count. */
const char *const *or_config_files(const struct or_config *cfg, size_t *n);

#endif

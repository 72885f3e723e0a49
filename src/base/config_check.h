/* SPDX-License-Identifier: MIT */
/**
 * @file config_check.h
 * @brief Finding typos in the configuration (core only).
 *
 * A misspelt key is silently a default: `timezon = Europe/Berlin` would put
 * every number in the system zone.  The core's own sections ([report],
 * [http], [smtp]) have a known set of keys, so an unknown key there is an
 * error naming the file, section and key, with the key probably meant.  Other
 * sections belong to plugins: a plugin that declares its keys (plugin ABI
 * 2.1) has its section checked the same way; the section names are checked
 * against the loaded plugins.
 */
#ifndef OR_CONFIG_CHECK_H
#define OR_CONFIG_CHECK_H

#include <stddef.h>

#include "base/config.h"
#include "base/suggest.h" /* or_edit_distance(), or_suggest() */

/** A section and the keys it may hold.  Borrowed. */
struct or_config_section {
    const char *name;        /**< section name, e.g. "salesfinity" */
    const char *const *keys; /**< NULL-terminated; NULL: any key (keys not declared) */
};

/**
 * @brief Check @p cfg against the core's keys and the plugins' sections.
 * @param plugins the sections of the loaded plugins and the keys each may hold
 * @return OR_OK; OR_ERR_CONFIG for an unknown key of a core section or of a
 *         plugin section with declared keys, or a section one or two letters
 *         away from a known name ("[salesfinty]").  A section no one reads
 *         that looks like no known name is only logged as a warning (a plugin
 *         that is not installed may read it).
 */
or_status or_config_check(const struct or_config *cfg, const struct or_config_section *plugins,
                          size_t nplugins, char *err, size_t errlen);

/** @brief The core's own sections and their keys.  Static; @p n receives the count. */
const struct or_config_section *or_config_core_sections(size_t *n);

#endif

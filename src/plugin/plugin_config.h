/* SPDX-License-Identifier: MIT */
/**
 * @file plugin_config.h
 * @brief The keys of a plugin's config section, and the check of a config
 * against them.
 *
 * Core only.  A plugin's section ([salesfinity]) may hold the keys the
 * plugin declares (::or_plugin.config_keys, ABI 2.1) and the keys the host
 * reads on its behalf: `base_url` of every provider (default
 * ::or_provider.default_base_url) and each endpoint's `instances_key`.  A
 * plugin of ABI 2.0 declares nothing, so its section is not checked and it
 * may read any key.
 */
#ifndef OR_PLUGIN_CONFIG_H
#define OR_PLUGIN_CONFIG_H

#include <stddef.h>

#include "base/config.h"
#include "outreport/plugin.h"
#include "plugin/plugin_loader.h"

/** One key of a plugin's section.  Strings are borrowed from the plugin. */
struct or_plugin_key {
    struct or_config_key key; /**< name, type, default, help, choices, secret_env */
    int host;                 /**< nonzero: read by the host, not declared by the plugin */
};

/** @brief Nonzero when @p p declares its config keys (ABI 2.1 or newer). */
int or_plugin_declares_keys(const struct or_plugin *p);

/**
 * @brief Key @p i of @p p's section: the host's keys first, then the
 * declared ones.
 * @return 1 and fills @p out; 0 when there are no more.
 */
int or_plugin_key_at(const struct or_plugin *p, size_t i, struct or_plugin_key *out);

/** @brief Find key @p name of @p p's section: 1 and fills @p out, or 0. */
int or_plugin_key_find(const struct or_plugin *p, const char *name, struct or_plugin_key *out);

/**
 * @brief Check @p cfg: every section against the core's keys or its
 * plugin's, every value of a declared typed key against its type.
 * @return OR_OK; OR_ERR_CONFIG with @p err naming the file, section and key
 *         (and the key probably meant) as or_config_check() does.
 */
or_status or_registry_check_config(const struct or_registry *reg, const struct or_config *cfg,
                                   char *err, size_t errlen);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file plugin_loader.h
 * @brief Finds, dlopen()s and checks plugins; the registry of loaded ones.
 *
 * Core only.  Every regular file ending in ".so" in each plugin directory is
 * loaded with dlopen(RTLD_NOW | RTLD_LOCAL), its ::OR_PLUGIN_ENTRY_NAME
 * symbol called, and the descriptor checked (ABI major and minor, the size of
 * every struct it declares, kind, name,
 * mandatory callbacks, unique name).  A bad plugin costs one warning line
 * naming the file and the problem; loading carries on with the rest.
 */
#ifndef OR_PLUGIN_LOADER_H
#define OR_PLUGIN_LOADER_H

#include <stddef.h>

#include "outreport/plugin.h"

/** A loaded plugin.  Owned by its registry. */
struct or_loaded_plugin {
    char *path;                   /**< file it came from */
    void *handle;                 /**< dlopen handle */
    const struct or_plugin *desc; /**< its descriptor (owned by the plugin) */
};

/** All loaded plugins, in load order. */
struct or_registry {
    struct or_loaded_plugin *plugins;
    size_t nplugins;
    size_t warnings; /**< bad plugins skipped */
};

/**
 * @brief Check a descriptor as the loader does.
 * @return OR_OK, or OR_ERR_PLUGIN with @p err saying what is wrong (without the path).
 */
or_status or_plugin_check(const struct or_plugin *p, char *err, size_t errlen);

/**
 * @brief Load every plugin in the colon-separated directory list @p dirs.
 * Warnings go to the log; a missing directory is skipped silently.
 * @param out receives an owned registry (free with or_registry_free()).
 */
or_status or_registry_load(const char *dirs, struct or_registry **out, char *err, size_t errlen);

/** @brief dlclose everything and free; NULL is a no-op. */
void or_registry_free(struct or_registry *reg);

/** @brief Find a plugin by kind and name; NULL if absent.  Borrowed. */
const struct or_loaded_plugin *or_registry_find(const struct or_registry *reg,
                                                enum or_plugin_kind kind, const char *name);

/** @brief Find the renderer for a format/extension ("csv", "xlsx"); NULL if absent. */
const struct or_loaded_plugin *or_registry_renderer(const struct or_registry *reg,
                                                    const char *format);

/**
 * @brief Resolve "provider.endpoint" to its plugin and endpoint.
 * @return OR_OK, OR_ERR_NOT_FOUND with a message listing what exists.
 */
or_status or_registry_source(const struct or_registry *reg, const char *source,
                             const struct or_loaded_plugin **plugin,
                             const struct or_endpoint **endpoint, char *err, size_t errlen);

/**
 * @brief The plugin directories to search, colon-separated, newly allocated:
 * @p explicit_dir if set, else $OUTREPORT_PLUGIN_PATH, else the folder
 * `plugins` next to or one level above the executable (a build tree), else
 * the installed plugin directory.
 */
char *or_plugin_dirs(const char *explicit_dir);

#endif

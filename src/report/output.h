/* SPDX-License-Identifier: MIT */
/**
 * @file output.h
 * @brief Writing documents atomically through renderer plugins.
 *
 * Core only.  A renderer writes to a temporary file in the destination's
 * folder; only a complete document is renamed over the destination, so a
 * failed run never leaves a half-written file behind.
 */
#ifndef OR_OUTPUT_H
#define OR_OUTPUT_H

#include <stddef.h>

#include "plugin/host.h"
#include "plugin/plugin_loader.h"

/**
 * @brief Render @p report with @p renderer into @p path atomically.
 * @return OR_OK, or the renderer's or the file system's error with @p err
 *         naming the path.
 */
or_status or_output_render(const struct or_loaded_plugin *renderer, struct or_host_ctx *ctx,
                           const struct or_report *report, const char *path,
                           const struct or_option *opts, size_t nopts, char *err, size_t errlen);

/**
 * @brief The first half of or_output_render(): render into a new temporary
 * file beside @p path, without putting it in place.  Thread-safe: documents
 * may be rendered on several threads at once (each with its own @p ctx and
 * @p report cursors).
 * @param tmp_out On OR_OK the temporary file's path, owned (g_free()); the
 *        caller passes it to or_output_commit() or or_output_discard().  On
 *        failure NULL, and no file is left behind.
 */
or_status or_output_render_tmp(const struct or_loaded_plugin *renderer, struct or_host_ctx *ctx,
                               const struct or_report *report, const char *path,
                               const struct or_option *opts, size_t nopts, char **tmp_out,
                               char *err, size_t errlen);

/**
 * @brief Rename the rendered temporary file @p tmp over @p path.  On failure
 * @p tmp is removed and @p err names @p path.
 */
or_status or_output_commit(const char *tmp, const char *path, char *err, size_t errlen);

/** @brief Remove a rendered temporary file that is not wanted after all; NULL is a no-op. */
void or_output_discard(const char *tmp);

/** @brief The lower-case extension of @p path without the dot ("" if none).  Borrowed. */
const char *or_output_extension(const char *path);

#endif

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

#include "host.h"
#include "plugin_loader.h"

/**
 * @brief Render @p report with @p renderer into @p path atomically.
 * @return OR_OK, or the renderer's or the file system's error with @p err
 *         naming the path.
 */
or_status or_output_render(const struct or_loaded_plugin *renderer, struct or_host_ctx *ctx,
                           const struct or_report *report, const char *path,
                           const struct or_option *opts, size_t nopts, char *err,
                           size_t errlen);

/** @brief The lower-case extension of @p path without the dot ("" if none).  Borrowed. */
const char *or_output_extension(const char *path);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file export.h
 * @brief A fetch job after its plan: fetch its one source and write it to
 * its output file, one table in arrival order.
 *
 * Core only.  When the renderer reads its table once from front to back
 * (::or_renderer.streams) and the endpoint's columns are fixed, the rows
 * need no dataset: pages go to the renderer through a bounded stream
 * (fetch/stream.h) while later ones still download, so memory stays flat.
 * Otherwise the source is fetched into a dataset first, then rendered from
 * it.  Either way the file appears only when every row reached it.
 */
#ifndef OR_EXPORT_H
#define OR_EXPORT_H

#include "fetch/fetch.h"
#include "http/http.h"
#include "job/plan.h"

/**
 * @brief Fetch @p plan's source through @p http and write the job's output.
 * @param stats receives what the fetch did.
 * @return OR_OK, or the fetch's or the renderer's error with @p err naming
 *         the source and page or the file.
 */
or_status or_export_run(const struct or_plan *plan, struct or_http *http,
                        struct or_fetch_stats *stats, char *err, size_t errlen);

#endif

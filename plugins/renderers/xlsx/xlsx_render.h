/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_render.h
 * @brief The XLSX renderer's render() callback.
 *
 * One workbook per report: a Summary sheet first, then one sheet per table
 * section (continued on further sheets past the row limit) and one per chart
 * section (its data plus a native chart).  Cells are typed (DESIGN.md §8
 * point 5), the workbook is streamed in libxlsxwriter's constant-memory mode
 * with temporary files beside @p path (point 8), every sheet's row count is
 * stated on the Summary (point 7).  Document properties carry the title,
 * period, author and report->generated_at as the creation time, so the same
 * input and generation time give byte-identical files.
 */
#ifndef OR_XLSX_RENDER_H
#define OR_XLSX_RENDER_H

#include "outreport/plugin.h"

/**
 * @brief Render @p report into the workbook at @p path (::or_render_fn).
 *
 * Options: `max_rows` (see xlsx_options.h).
 *
 * @return OR_OK;
 *         OR_ERR_INVALID for an unknown or malformed option (nothing written);
 *         OR_ERR_RENDER when a cursor fails, a chart names a missing column,
 *         or libxlsxwriter refuses the content;
 *         OR_ERR_IO when the file or a temporary file cannot be written;
 *         OR_ERR_NOMEM.  @p err gets one line naming the path.  On failure
 *         the file may be absent or partly written; the host removes it.
 */
or_status xlsx_render(const struct or_host *h, const struct or_report *report, const char *path,
                      const struct or_option *const *options, size_t noptions, char *err,
                      size_t errlen);

#endif /* OR_XLSX_RENDER_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file csv_render.h
 * @brief The CSV renderer's render() callback.
 *
 * A CSV file holds one table: the first OR_SECTION_TABLE section of the
 * report that has a result (or is marked unavailable).  The header row holds
 * column names, not labels, so scripts see stable names; then one line per
 * row, streamed from the cursor.  Lines end in CRLF in every profile.
 */
#ifndef OR_CSV_RENDER_H
#define OR_CSV_RENDER_H

#include "outreport/plugin.h"

/**
 * @brief Render the first table of @p report into @p path (::or_render_fn).
 *
 * Options: `profile` = `rfc4180` (default) | `excel` | `excel-eu`.
 *
 * @return OR_OK;
 *         OR_ERR_INVALID for an unknown option or profile (nothing written);
 *         OR_ERR_RENDER when the report has no table, the table is
 *         unavailable, the cursor fails or a value cannot be formatted;
 *         OR_ERR_IO when the file cannot be created, written or closed;
 *         OR_ERR_NOMEM.  @p err gets one line naming the path or option.
 *         On failure the file may be partly written; the host removes it.
 */
or_status csv_render(const struct or_host *h, const struct or_report *report, const char *path,
                     const struct or_option *const *options, size_t noptions, char *err,
                     size_t errlen);

#endif /* OR_CSV_RENDER_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_summary.h
 * @brief The Summary sheet: what the report is, its numbers, its sources, its sheets.
 *
 * Top to bottom: the title, description, period (flagged when partial),
 * data window, zone and generation time; a warning when a source failed;
 * every KPI section as a small table and every text section; the source
 * status table; and the Contents (xlsx_contents.h).
 *
 * The sheet is the first tab but is written last, once every other sheet
 * is known (constant-memory mode allows that: each sheet has its own
 * stream and Summary's rows are written in order).
 */
#ifndef OR_XLSX_SUMMARY_H
#define OR_XLSX_SUMMARY_H

#include "xlsx_ctx.h"

/**
 * @brief Write the whole Summary sheet into @p ws.
 * @return OR_OK or an error of the cell writers (message set)
 */
or_status xlsx_summary_write(struct xlsx_ctx *x, lxw_worksheet *ws);

#endif /* OR_XLSX_SUMMARY_H */

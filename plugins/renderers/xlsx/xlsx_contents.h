/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_contents.h
 * @brief The Contents table at the end of the Summary sheet.
 *
 * One row per sheet holding rows of a table or chart section: a link to
 * the sheet, the section title, the rows on that sheet and a note with the
 * rows it holds ("rows 1–100 of 250"), "continued on sheet 'X (2)'" when a
 * table goes on, the chart kind, chart rows left out (in red) and texts cut
 * to Excel's limit.  A table or chart section without a sheet gets a row
 * saying why: "data unavailable: <reason>" in red, or "no data".
 */
#ifndef OR_XLSX_CONTENTS_H
#define OR_XLSX_CONTENTS_H

#include "xlsx_summary_cells.h"

/**
 * @brief Write the Contents heading and table at the current Summary row.
 * @return OR_OK or an error of the cell writers (message set)
 */
or_status xlsx_contents_block(struct xlsx_ctx *x, struct xlsx_summary *sum);

#endif /* OR_XLSX_CONTENTS_H */

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

#include "xlsx_cell.h"
#include "xlsx_ctx.h"

/** Columns of the Summary sheet's tables. */
#define XLSX_SUMMARY_COLS 4

/** Writing position on the Summary sheet. */
struct xlsx_summary {
    struct xlsx_sheet sheet;          /**< the sheet and cell-writer state */
    lxw_row_t row;                    /**< next row to write */
    double widths[XLSX_SUMMARY_COLS]; /**< widths of table cells so far */
};

/**
 * @brief Write the whole Summary sheet into @p ws.
 * @return OR_OK or an error of the cell writers (message set)
 */
or_status xlsx_summary_write(struct xlsx_ctx *x, lxw_worksheet *ws);

/**
 * @brief Write text into column @p col of the current row.
 * @param table  nonzero: the cell belongs to a table and counts for the
 *               column width (free text may overflow to the right)
 */
or_status xlsx_summary_text(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col,
                            const char *text, lxw_format *format, int table);

/** @brief Write a number into column @p col of the current row (a table cell). */
or_status xlsx_summary_number(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col, double v,
                              lxw_format *format);

/** @brief Write free text into column A of the current row and step to the next row. */
or_status xlsx_summary_line(struct xlsx_ctx *x, struct xlsx_summary *sum, const char *text,
                            lxw_format *format);

/** @brief Write a table header row of @p n labels and step to the next row. */
or_status xlsx_summary_header(struct xlsx_ctx *x, struct xlsx_summary *sum,
                              const char *const *labels, size_t n);

#endif /* OR_XLSX_SUMMARY_H */

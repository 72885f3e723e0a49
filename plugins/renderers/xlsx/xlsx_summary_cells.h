/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_summary_cells.h
 * @brief Writing position and cell writers of the Summary sheet.
 *
 * The Summary sheet (xlsx_summary.h) and the blocks it is made of (KPI
 * tables, xlsx_kpi.h; the Contents, xlsx_contents.h) write their rows
 * through these, which keep the widest table cell of each column so the
 * sheet can fit its column widths at the end.
 */
#ifndef OR_XLSX_SUMMARY_CELLS_H
#define OR_XLSX_SUMMARY_CELLS_H

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
 * @brief Write text into column @p col of the current row.
 * @param table  nonzero: the cell belongs to a table and counts for the
 *               column width (free text may overflow to the right)
 */
or_status xlsx_summary_text(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col,
                            const char *text, lxw_format *format, int table);

/** @brief Write a number into column @p col of the current row (a table cell). */
or_status xlsx_summary_number(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col, double v,
                              lxw_format *format);

/** @brief Write a number shown as @p text (for the width) into column @p col (a table cell). */
or_status xlsx_summary_shown(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col, double v,
                             lxw_format *format, const char *text);

/** @brief Write free text into column A of the current row and step to the next row. */
or_status xlsx_summary_line(struct xlsx_ctx *x, struct xlsx_summary *sum, const char *text,
                            lxw_format *format);

/** @brief Write a table header row of @p n labels and step to the next row. */
or_status xlsx_summary_header(struct xlsx_ctx *x, struct xlsx_summary *sum,
                              const char *const *labels, size_t n);

#endif /* OR_XLSX_SUMMARY_CELLS_H */

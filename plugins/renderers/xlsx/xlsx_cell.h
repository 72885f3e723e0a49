/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_cell.h
 * @brief Typed cells: one report value into one worksheet cell.
 *
 * INT and REAL become numbers (durations as day fractions), BOOL a boolean,
 * TIME an Excel date serial of the report zone's wall clock, TEXT always a
 * string (never a formula or number; http(s) URLs become hyperlinks), NULL
 * a blank cell.  Each writer can report the display width of what it
 * wrote, for fitting column widths.
 */
#ifndef OR_XLSX_CELL_H
#define OR_XLSX_CELL_H

#include <stdint.h>

#include <xlsxwriter.h>

#include "outreport/plugin.h"
#include "xlsx_ctx.h"

/** Per-sheet state of the cell writers.  Zero-initialise with the sheet. */
struct xlsx_sheet {
    lxw_worksheet *ws;  /**< the sheet written to (borrowed) */
    const char *name;   /**< its name, for messages (borrowed) */
    size_t nurls;       /**< hyperlinks written so far (Excel allows 65,530) */
    int64_t ntruncated; /**< texts cut to Excel's limit; the first is logged */
};

/**
 * @brief Write text as a string cell (never a formula), cut to Excel's limit.
 *
 * @param links   nonzero: an http(s) URL becomes a hyperlink while the
 *                sheet has room for one
 * @param format  cell format or NULL (hyperlinks use Excel's link style)
 * @param width   if not NULL, receives the display width of the text
 * @return OR_OK; OR_ERR_NOMEM; OR_ERR_RENDER/OR_ERR_IO from libxlsxwriter
 *         with a message naming the sheet and cell
 */
or_status xlsx_cell_text(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
                         const char *text, size_t len, int links, lxw_format *format,
                         double *width);

/**
 * @brief Write number @p v with @p format (NULL: General).
 * @param width  if not NULL, receives the display width of the number
 */
or_status xlsx_cell_number(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
                           double v, lxw_format *format, double *width);

/**
 * @brief Write one result value of column @p c.
 * @param width  if not NULL, receives the display width (0 for NULL)
 */
or_status xlsx_cell_value(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
                          const struct or_result_column *c, const struct or_value *v,
                          double *width);

#endif /* OR_XLSX_CELL_H */

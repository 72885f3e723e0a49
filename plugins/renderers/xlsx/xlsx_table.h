/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_table.h
 * @brief Rows of a section onto worksheets, streamed.
 *
 * Each sheet starts with a bold, filled header row of column labels, frozen
 * below it, with an autofilter over the data.  Rows are streamed from the
 * section's cursor in order (the workbook is in constant-memory mode).  A
 * table with more rows than fit on a sheet (option max_rows, default
 * 1,048,575) continues on "<name> (2)", "<name> (3)", ... with the header
 * repeated.  Column widths are fitted to the header and the first 1000 rows
 * of each sheet, within 6 to 60 characters.
 */
#ifndef OR_XLSX_TABLE_H
#define OR_XLSX_TABLE_H

#include <stddef.h>

#include "xlsx_ctx.h"

/** Rows measured per sheet for column widths. */
#define XLSX_WIDTH_ROWS 1000

/**
 * @brief Write the rows of section @p si (which has a result).
 *
 * @param map        result columns to write, in sheet column order
 * @param nmap       number of entries of @p map
 * @param one_sheet  nonzero (chart data): keep to the first sheet; rows
 *                   that do not fit are counted in its part's left_out
 * @param first      receives the index in x->parts of the first sheet
 * @return OR_OK; OR_ERR_RENDER when the cursor fails (message names the
 *         section and row) or the sheet cannot be made; OR_ERR_IO,
 *         OR_ERR_NOMEM from libxlsxwriter
 */
or_status xlsx_table_write(struct xlsx_ctx *x, size_t si, const size_t *map, size_t nmap,
                           int one_sheet, size_t *first);

/**
 * @brief Write a table section: every result column, as many sheets as needed.
 * @return as xlsx_table_write()
 */
or_status xlsx_table_section(struct xlsx_ctx *x, size_t si);

#endif /* OR_XLSX_TABLE_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_heatmap.h
 * @brief Heatmap sections: Excel has no heatmap chart, so the section's
 *        sheet holds the grid itself under a native colour scale.
 *
 * Row 1 holds the label of the y column and then the x labels, column A the
 * y labels, and each cell the value of its (x, y) pair typed in the value
 * column's number format (empty where the query has none), laid out by
 * chart_grid.h as the PDF's heatmap is.  A three-colour scale conditional
 * format over the cells (the smallest value, the middle of the range, the
 * largest) colours them as the PDF does and keeps doing so when the
 * reader edits a value.
 */
#ifndef OR_XLSX_HEATMAP_H
#define OR_XLSX_HEATMAP_H

#include <stddef.h>

#include "xlsx_ctx.h"

/**
 * @brief Write heatmap section @p si (which has a result and a heatmap chart).
 * @return OR_OK; OR_ERR_RENDER when the chart names a column the result
 *         lacks or its rows cannot be read; errors of xlsx_table_write();
 *         OR_ERR_NOMEM
 */
or_status xlsx_heatmap_section(struct xlsx_ctx *x, size_t si);

#endif /* OR_XLSX_HEATMAP_H */

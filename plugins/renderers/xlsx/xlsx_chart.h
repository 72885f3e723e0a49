/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_chart.h
 * @brief Chart sections: the data on the section's own sheet plus a native chart.
 *
 * The sheet holds the category column and the series columns as a table at
 * A1 (header, typed cells, freeze, autofilter), and the chart to the right of
 * it, drawn by Excel from those cells.  Kinds map to Excel charts: bar and
 * grouped bar to clustered columns (bars when horizontal), stacked bar to
 * stacked columns (bars), line to lines, donut to a doughnut and funnel to
 * bars with the first stage on top.  Series use the Okabe-Ito palette.
 */
#ifndef OR_XLSX_CHART_H
#define OR_XLSX_CHART_H

#include <stddef.h>

#include "xlsx_ctx.h"

/**
 * @brief Write chart section @p si (which has a result and a chart).
 *
 * Chart data is kept to one sheet: rows beyond max_rows are left out of
 * the sheet and the chart, and the Summary says how many.  No chart is
 * drawn over zero rows.
 *
 * @return OR_OK; OR_ERR_RENDER when the chart names a column the result
 *         lacks or has no series (message names the section); errors of
 *         xlsx_table_write(); OR_ERR_NOMEM
 */
or_status xlsx_chart_section(struct xlsx_ctx *x, size_t si);

/** @brief A short English name of a chart kind ("bar", "donut", ...). */
const char *xlsx_chart_kind_name(enum or_chart_kind kind);

#endif /* OR_XLSX_CHART_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_cond.h
 * @brief Conditional formatting (::or_cond) as Excel's own conditional
 *        formats, so a rule keeps working when the reader edits a value:
 *        "good"/"bad" thresholds as cell rules with Excel's Good and Bad
 *        styles (good first, "stop if true"), a colour scale as a
 *        two-colour scale, data bars as data bars.
 */
#ifndef OR_XLSX_COND_H
#define OR_XLSX_COND_H

#include "xlsx_ctx.h"

/** @brief Add the Good and Bad cell styles to the workbook of @p x. */
or_status xlsx_cond_formats(struct xlsx_ctx *x);

/**
 * @brief Apply @p c (NULL: nothing) to rows @p first..@p last of column
 * @p col of @p ws.
 * @return OR_OK; libxlsxwriter's error as xlsx_ctx_lxw().
 */
or_status xlsx_cond_range(struct xlsx_ctx *x, lxw_worksheet *ws, const struct or_cond *c,
                          lxw_row_t first, lxw_row_t last, lxw_col_t col);

#endif /* OR_XLSX_COND_H */

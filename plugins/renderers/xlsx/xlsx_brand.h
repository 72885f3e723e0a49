/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_brand.h
 * @brief The company's look in the workbook (::or_brand): the accent in the
 *        Summary's title and headings and in the charts' colours, the logo
 *        and company at the top of the Summary sheet, and the company and
 *        footer in every sheet's printed header and footer.
 */
#ifndef OR_XLSX_BRAND_H
#define OR_XLSX_BRAND_H

#include "xlsx_ctx.h"
#include "xlsx_summary_cells.h"

/** @brief The report's brand, or NULL (none, or a host older than 2.3). */
const struct or_brand *xlsx_brand(const struct xlsx_ctx *x);

/** @brief Take the brand's accent into the formats and the chart palette of @p x. */
void xlsx_brand_apply(struct xlsx_ctx *x);

/**
 * @brief The top of the Summary sheet: the logo (beside the title, at most
 * 64 pixels high) and the company's name in the accent, one row.
 * @return OR_OK; libxlsxwriter's error as xlsx_ctx_lxw().
 */
or_status xlsx_brand_summary_top(struct xlsx_ctx *x, struct xlsx_summary *sum);

/**
 * @brief Printed header (company) and footer (the brand's footer line and
 * "Page N of M") of sheet @p ws.
 */
void xlsx_brand_sheet(struct xlsx_ctx *x, lxw_worksheet *ws);

/** @brief Chart colour @p i: the brand's palette, else Okabe–Ito. */
lxw_color_t xlsx_brand_color(const struct xlsx_ctx *x, size_t i);

#endif /* OR_XLSX_BRAND_H */

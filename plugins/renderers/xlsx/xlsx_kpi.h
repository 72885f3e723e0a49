/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_kpi.h
 * @brief A KPI section on the Summary sheet: KPI | value | previous | change.
 *
 * Values carry the KPI's number format (integer, decimal, percent, duration
 * as [h]:mm:ss).  The change is relative ("+12.5%") when the previous value
 * is nonzero, in percentage points for percent KPIs ("+2.0 pp"), and an
 * absolute difference when the previous value is zero; it is green when it
 * is good news and orange-red when bad, honouring lower_is_better.  A KPI
 * without a value shows "–".
 */
#ifndef OR_XLSX_KPI_H
#define OR_XLSX_KPI_H

#include "xlsx_summary_cells.h"

/**
 * @brief Write KPI section @p sec (heading, then the table, or the reason
 *        its data is unavailable in red) at the current Summary row.
 * @return OR_OK or an error of the cell writers
 */
or_status xlsx_kpi_block(struct xlsx_ctx *x, struct xlsx_summary *sum,
                         const struct or_section *sec);

#endif /* OR_XLSX_KPI_H */

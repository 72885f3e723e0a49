/* SPDX-License-Identifier: MIT */
/**
 * @file html_kpi.h
 * @brief A KPIS section's tiles in the HTML document (html_kpi.c).
 *
 * One tile per KPI: label, value and, where there is a comparison, the
 * change (arrow, sign and colour) and the previous value, in the texts
 * every document shows (chart_fmt_kpi).  The section's heading is
 * html_section()'s.
 */
#ifndef OR_HTML_KPI_H
#define OR_HTML_KPI_H

#include "html_doc.h"

/** @brief Write the tiles of @p sec (borrowed) into @p d. */
void html_kpis(struct html_doc *d, const struct or_section *sec);

#endif /* OR_HTML_KPI_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file cellfmt.h
 * @brief Values and KPI tiles as document cells: the text people read and
 * the typed value with the number format a spreadsheet shows it in.
 *
 * Built on valuefmt.h, so a cell's text is the text of the one formatter;
 * its number format is chosen to show that same text in Excel ("#,##0" for
 * "12,345", `0.0" "%` for "25.0 %", "[h]:mm:ss" for "1:02:03",
 * "yyyy-mm-dd hh:mm" for "2026-11-16 09:30", `"€"#,##0.00` for
 * "€1,234.50").  Plugins reach it through ::or_host.format_cell and
 * format_kpi; the core's e-mails call it directly.  See ::or_display for what
 * each kind holds.
 */
#ifndef OR_CELLFMT_H
#define OR_CELLFMT_H

#include <glib.h>

#include "base/locale.h"
#include "outreport/plugin.h"

/** What a cell is formatted in.  Borrowed members. */
struct or_cellfmt {
    GTimeZone *tz;               /**< the report's zone (NULL: UTC) */
    const char *currency;        /**< ISO 4217 code of CURRENCY values, or NULL */
    unsigned flags;              /**< OR_DISPLAY_* of plugin.h */
    const struct or_locale *loc; /**< the report's locale (separators, date patterns), or NULL */
};

/**
 * @brief @p v in display format @p fmt as a cell (see ::or_host.format_cell).
 * Writes only the members @p out->size has room for.
 * @return OR_OK; OR_ERR_INVALID for NULL arguments or an @p out smaller
 *         than the 2.2 layout.
 */
or_status or_value_cell(const struct or_value *v, enum or_format fmt, const struct or_cellfmt *c,
                        struct or_display *out);

/**
 * @brief Part @p part of KPI @p k as a cell (see ::or_host.format_kpi).
 * @param direction receives the change's direction (+1, -1, 0); may be NULL.
 */
or_status or_kpi_cell(const struct or_kpi *k, enum or_kpi_part part, const struct or_cellfmt *c,
                      struct or_display *out, int *direction);

/**
 * @brief Whether text @p s is a date "YYYY-MM-DD" or, when @p with_time,
 * also "YYYY-MM-DD HH:MM[:SS]" (or with 'T'): the wall-clock parts go to
 * @p parts (year, month, day, hour, minute, second).
 */
int or_cellfmt_parse_date(const char *s, int with_time, int parts[6]);

#endif

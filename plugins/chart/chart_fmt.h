/* SPDX-License-Identifier: MIT */
/**
 * @file chart_fmt.h
 * @brief Text of numbers, durations, instants and cells in the PDF, through
 * the host's formatter.
 *
 * Every number, duration and instant is written by ::or_host.format_value
 * (and KPI changes by ::or_host.format_change), the formatter the core's
 * e-mails use too: "12,345", "1,234.50", "25.0 %", "1:02:03",
 * "2026-11-16 09:30" in the report's zone.  What is the PDF's own here is
 * the choice of format (a standalone number drops ".00" when it is whole; a
 * REAL cell keeps two decimals so a column lines up), the cleaning of cell
 * text for the page, and the zone's label.
 */
#ifndef OR_CHART_FMT_H
#define OR_CHART_FMT_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

/** Size of a buffer that holds any number, duration or instant text. */
#define CHART_FMT_BUFSIZE 64

/** Text shown for NULL and missing values: an en dash. */
#define CHART_FMT_NULL "\xE2\x80\x93"

/**
 * @brief @p v rounded to @p decimals (0 to 6) with ',' between thousands.
 * @return the length written to @p buf (NUL-terminated).
 */
size_t chart_fmt_grouped(const struct or_host *h, char *buf, size_t n, double v, int decimals);

/** @brief Seconds as h:mm:ss ("0:02:03", "27:00:00"); rounds to whole seconds. */
size_t chart_fmt_duration(const struct or_host *h, char *buf, size_t n, double seconds);

/**
 * @brief A standalone value (KPI, chart label) in a presentation format:
 * INTEGER "12,345", DECIMAL "1,234.50", PERCENT (fraction) "25.0 %",
 * DURATION "1:02:03", CURRENCY "€1,234.50"; AUTO, DATE, DATETIME and TEXT as an integer when
 * integral, else with two decimals (instants belong in cells, not here).
 */
size_t chart_fmt_number(const struct or_host *h, char *buf, size_t n, enum or_format fmt, double v);

/**
 * @brief Part @p part of KPI tile @p k (value, previous value, change) as
 * outreport's documents and e-mails show it (::or_host.format_kpi).
 * @param direction receives the change's direction (+1, -1, 0); may be NULL
 * @return the length of the text ("" for a change without a comparison).
 */
size_t chart_fmt_kpi(const struct or_host *h, const struct or_kpi *k, enum or_kpi_part part,
                     char *buf, size_t n, int *direction);

/**
 * @brief An instant as local wall-clock time in the report's zone.
 * @param with_time nonzero: "2026-11-16 09:30", zero: "2026-11-16"
 */
size_t chart_fmt_local(const struct or_host *h, int64_t t, int with_time, char *buf, size_t n);

/** @brief A UTC offset in seconds as "UTC+01:00" ("UTC" for zero). */
size_t chart_fmt_offset(char *buf, size_t n, int32_t offset);

/**
 * @brief The text of one table cell.
 *
 * The host's text of the value in the column's format (::or_host.format_cell:
 * NULL "–", BOOL "yes"/"no", REAL in AUTO with two decimals so a column
 * lines up, instants in the report's zone, a text date in DATE as it is),
 * text cleaned with chart_utf8_clean() and cut to fit @p buf.
 *
 * @param numeric receives 1 for values shown as numbers (right-aligned),
 *        0 for text, dates and instants
 * @return the length of the text in @p buf.
 */
size_t chart_fmt_cell(const struct or_host *h, const struct or_result_column *col,
                      const struct or_value *v, char *buf, size_t n, int *numeric);

#endif /* OR_CHART_FMT_H */

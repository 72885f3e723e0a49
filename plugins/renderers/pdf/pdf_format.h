/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_format.h
 * @brief Text of numbers, durations, instants and cells as the PDF shows them.
 *
 * Numbers get thousands separators ("12,345", "1,234.50"), percentages are
 * stored as fractions and shown with one decimal and a spaced sign
 * ("25.0 %"), durations are seconds shown as h:mm:ss ("1:02:03"), instants
 * are wall-clock time in the report's zone through the host
 * ("2026-11-16 09:30").  Nothing here depends on the process locale.
 */
#ifndef OR_PDF_FORMAT_H
#define OR_PDF_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

/** Size of a buffer that holds any number, duration or instant text. */
#define PDF_FMT_BUFSIZE 64

/** Text shown for NULL and missing values: an en dash. */
#define PDF_FMT_NULL "\xE2\x80\x93"

/**
 * @brief @p v rounded to @p decimals (0 to 6) with ',' between thousands.
 * @return the length written to @p buf (NUL-terminated).
 */
size_t pdf_fmt_grouped(char *buf, size_t n, double v, int decimals);

/** @brief Seconds as h:mm:ss ("0:02:03", "27:00:00"); rounds to whole seconds. */
size_t pdf_fmt_duration(char *buf, size_t n, double seconds);

/**
 * @brief A value in a presentation format: INTEGER "12,345", DECIMAL
 * "1,234.50", PERCENT (fraction) "25.0 %", DURATION "1:02:03", AUTO as an
 * integer when integral, else with two decimals.  DATE/DATETIME/TEXT
 * values are shown like AUTO (instants belong in cells, not here).
 */
size_t pdf_fmt_number(char *buf, size_t n, enum or_format fmt, double v);

/**
 * @brief The change from a KPI's previous value to its value.
 *
 * Percent KPIs change in percentage points ("+2.1 pp"); others relative to
 * the previous value ("+3.0 %"), or by the absolute difference in the KPI's
 * format when the previous value is zero ("+5").
 *
 * @param k         the tile
 * @param buf       receives the text
 * @param n         size of @p buf
 * @param direction receives +1 (up), -1 (down) or 0 (no visible change)
 * @return nonzero when there is a change to show (value and previous set).
 */
int pdf_fmt_change(const struct or_kpi *k, char *buf, size_t n, int *direction);

/**
 * @brief An instant as local wall-clock time in the report's zone.
 * @param h         the host (its local_time knows the zone)
 * @param t         Unix seconds
 * @param with_time nonzero: "2026-11-16 09:30", zero: "2026-11-16"
 */
size_t pdf_fmt_local(const struct or_host *h, int64_t t, int with_time, char *buf, size_t n);

/** @brief A UTC offset in seconds as "UTC+01:00" ("UTC" for zero). */
size_t pdf_fmt_offset(char *buf, size_t n, int32_t offset);

/**
 * @brief The text of one table cell.
 *
 * NULL is "–", BOOL "yes"/"no", INT and REAL per the column's format (see
 * pdf_fmt_number(); REAL in AUTO keeps two decimals so a column lines up),
 * TIME as pdf_fmt_local() (DATE format: the date only), TEXT cleaned with
 * pdf_utf8_clean() and cut to fit @p buf.
 *
 * @param numeric receives 1 for INT and REAL values (right-aligned), else 0
 * @return the length of the text in @p buf.
 */
size_t pdf_fmt_cell(const struct or_host *h, const struct or_result_column *col,
                    const struct or_value *v, char *buf, size_t n, int *numeric);

#endif /* OR_PDF_FORMAT_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file valuefmt.h
 * @brief Values as text for people, per display format: the one formatter.
 *
 * The core's e-mails and text sections use it directly; plugins reach it
 * through ::or_host.format_value and ::or_host.format_change, so every
 * document shows a number the same way.  Nothing depends on the locale.
 *
 * - integer "12,345"; decimal "1,234.50"; percent from a ratio "25.0 %"
 *   (0.25); duration from seconds "1:02:03", "0:02:03" (h:mm:ss);
 * - date "2026-11-16" and datetime "2026-11-16 09:30" in the report's zone,
 *   for TIME values and for INT values shown as dates;
 * - AUTO: INT as integer, REAL as decimal, TIME as datetime, BOOL "yes"/"no",
 *   TEXT as it is (text is never read as a number); TEXT format shows a
 *   number as it is, without separators ("2026", "0.25");
 * - NULL "–"; not a number "n/a", infinities "inf"/"-inf"; magnitudes beyond
 *   what a double holds exactly (9e15) in scientific notation "1.235e+16".
 */
#ifndef OR_VALUEFMT_H
#define OR_VALUEFMT_H

#include <glib.h>
#include <stddef.h>

#include "outreport/plugin.h"

/** Text of NULL and of a missing value: an en dash. */
#define OR_VALUEFMT_NULL "\xE2\x80\x93"

/**
 * @brief Format @p v in @p fmt into @p buf (always NUL-terminated when @p n > 0).
 * @param decimals 0 to 6 digits after the point for INTEGER, DECIMAL and
 *        PERCENT (percent: of the percentage), or -1 for the format's own
 *        (0, 2 and 1); ignored by the other formats.
 * @param tz the report's zone for DATE and DATETIME (borrowed; NULL: UTC).
 * @return OR_OK; OR_ERR_INVALID when @p buf is NULL or @p n is 0, or when
 *         the text did not fit (@p buf then holds as many whole characters
 *         as fit).
 */
or_status or_value_text(const struct or_value *v, enum or_format fmt, int decimals, GTimeZone *tz,
                        char *buf, size_t n);

/** @brief or_value_text() with the format's own decimals, for callers that
 * size @p buf for any value (64 bytes hold every number, date and time). */
void or_value_format(const struct or_value *v, enum or_format fmt, GTimeZone *tz, char *buf,
                     size_t n);

/**
 * @brief The change from a KPI's previous value to its value, as tiles and
 * e-mails show it: percent KPIs in percentage points ("+2.1 pp"), others
 * relative to the previous value ("+3.0 %"), or by the difference in the
 * KPI's format when the previous value is zero ("+5"); "±" when the change
 * rounds to nothing.
 * @param direction receives +1 (up), -1 (down) or 0 (no visible change).
 * @return 1 when there is a change to show (value and previous both set and
 *         finite), else 0 with @p buf "" and *@p direction 0.
 */
int or_kpi_change(const struct or_kpi *k, char *buf, size_t n, int *direction);

#endif

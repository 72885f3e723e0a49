/* SPDX-License-Identifier: MIT */
/**
 * @file orp_civil.h
 * @brief Proleptic Gregorian dates as day numbers, and UTC date-time text.
 *
 * GLib's GDate, extended to every year by the calendar's 400-year cycle;
 * nothing depends on TZ, the C library's zone database or the locale.
 */
#ifndef ORP_CIVIL_H
#define ORP_CIVIL_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

/**
 * @brief Days since 1970-01-01 of a proleptic Gregorian date.
 * @param m month 1..12 (checked by the caller); @p d may overflow the month
 *          (linear in d: 29 February of a common year is 1 March).
 */
int64_t orp_days_from_civil(int64_t y, int m, int d);

/** @brief Year, month (1..12) and day of @p days since 1970-01-01. */
void orp_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/**
 * @brief Write instant @p t (Unix seconds) plus @p ms milliseconds as
 * "YYYY-MM-DDTHH:MM:SS.mmm" followed by @p zone (e.g. "Z" or "+00:00").
 * @return the length written, or 0 (and "" in @p buf) if @p n is too small.
 */
size_t orp_format_utc(int64_t t, int ms, const char *zone, char *buf, size_t n);

#pragma GCC visibility pop

#endif /* ORP_CIVIL_H */

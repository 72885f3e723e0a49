/* SPDX-License-Identifier: MIT */
/**
 * @file excel_serial.h
 * @brief Excel date serials from local wall-clock parts.
 *
 * Excel stores a date-time as days since 1899-12-30 (1900 date system) with
 * the time of day as the fraction, and knows nothing of zones: an instant is
 * converted to the report zone's wall clock first (cellfmt.c), then to a
 * serial here.  Self-contained (no GLib), so bench/ceiling_xlsx.c compiles it
 * too and writes the same numbers as the XLSX renderer.
 */
#ifndef OR_EXCEL_SERIAL_H
#define OR_EXCEL_SERIAL_H

/**
 * @brief Serial of a local date and time.
 * @param parts  year, month (1-12), day, hour, minute, second
 * @param out    the serial; Excel's phantom 1900-02-29 is honoured, so dates
 *               before 1900-03-01 get the numbers Excel shows
 * @return nonzero on success; zero when Excel cannot show the date (before
 *         1900-01-01 or after 9999-12-31), leaving @p out untouched
 */
int or_excel_serial(const int parts[6], double *out);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file csv_field.h
 * @brief One CSV field: RFC 4180 quoting, the formula guard, value text.
 *
 * A field holding the separator, `"`, CR or LF is enclosed in double quotes
 * with inner quotes doubled; anything else is written as is, UTF-8 untouched.
 * Text a spreadsheet would run as a formula (OWASP "CSV injection") gets a
 * leading `'`: text starting with `=`, `@`, TAB or CR, or with `+` or `-`
 * followed by anything but a plain number or phone number (digits, spaces,
 * `()./-`), so "+13886840279" and "-42" stay intact while "-1+1" and
 * "+cmd|..." are guarded.  Numbers are never prefixed.  NULL is an empty
 * field, never `""`.
 */
#ifndef OR_CSV_FIELD_H
#define OR_CSV_FIELD_H

#include <stddef.h>

#include "csv_out.h"
#include "csv_profile.h"
#include "outreport/plugin.h"

/**
 * @brief Write text as one field, guarded against formulas and quoted if needed.
 * @param o   the output
 * @param sep the dialect's separator
 * @param s   UTF-8 bytes; borrowed (may be NULL when @p len is 0)
 * @param len number of bytes of @p s
 */
void csv_field_text(struct csv_out *o, char sep, const char *s, size_t len);

/**
 * @brief Write one cell value as a field in the given dialect.
 *
 * A column without a format (@p fmt AUTO): TEXT as csv_field_text(); INT
 * in decimal; BOOL as `true`/`false`; REAL as csv_real_format(); TIME as
 * ISO 8601 with offset via @p h->format_time.  A column with a format: the
 * host's text for it (::or_host.format_cell) without thousands separators and
 * with the dialect's decimal mark: "25.0 %", "1:02:03", "2026-11-16 09:30",
 * "€1234.50", as the PDF shows them.
 *
 * @return OR_OK, or OR_ERR_RENDER when a TIME cannot be formatted or the type
 *         is unknown (the caller names the column and row).
 */
or_status csv_field_value(struct csv_out *o, const struct csv_dialect *d, const struct or_host *h,
                          enum or_format fmt, const struct or_value *v);

#endif /* OR_CSV_FIELD_H */

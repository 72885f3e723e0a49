/* SPDX-License-Identifier: MIT */
/**
 * @file valuefmt.h
 * @brief Values as text for people, per display format: the one formatter.
 *
 * The core's e-mails and text sections use it directly; plugins reach it
 * through ::or_host.format_value, format_change, format_cell and format_kpi
 * (cellfmt.h builds cells on these primitives), so every document shows a
 * number the same way.  Nothing depends on the locale.
 *
 * - integer "12,345"; decimal "1,234.50"; percent from a ratio "25.0 %"
 *   (0.25); duration from seconds "1:02:03", "0:02:03" (h:mm:ss);
 *   currency "€1,234.50", "-$5.00", "CHF 12.00" (ISO 4217 code: a symbol
 *   where one is unambiguous, else the code and a space; no code: a decimal);
 * - date "2026-11-16" and datetime "2026-11-16 09:30" in the report's zone,
 *   for TIME values and for INT and REAL values shown as dates;
 * - AUTO: INT as integer, REAL as decimal, TIME as datetime, BOOL "yes"/"no",
 *   TEXT as it is (text is never read as a number); TEXT format shows a
 *   number as it is, without separators ("2026", "0.25");
 * - NULL "–"; not a number "n/a", infinities "inf"/"-inf"; magnitudes beyond
 *   what a double holds exactly (9e15) in scientific notation "1.235e+16".
 *
 * Data files (CSV) write the same text without thousands separators and with
 * their own decimal mark (struct or_numstyle).  With a locale (locale.h),
 * documents use its separators ("12.345,67"), digits ("١٢٬٣٤٥" in ar-EG),
 * dates ("16.11.2026 09:30") and currency placement ("1.234,50 €").
 */
#ifndef OR_VALUEFMT_H
#define OR_VALUEFMT_H

#include <glib.h>
#include <stddef.h>

#include "base/locale.h"
#include "outreport/plugin.h"

/** Text of NULL and of a missing value: an en dash. */
#define OR_VALUEFMT_NULL "\xE2\x80\x93"

/** Size of a buffer that holds the text of any number, date or time. */
#define OR_VALUEFMT_SIZE 64

/** How numbers are written: documents group thousands, data files do not. */
struct or_numstyle {
    const char *group;              /**< thousands separator (UTF-8), or "" for none */
    const char *point;              /**< decimal mark (UTF-8) */
    const char *currency;           /**< ISO 4217 code for OR_FMT_CURRENCY, or NULL */
    int currency_after;             /**< nonzero: the symbol after the amount ("1.234,50 €") */
    const struct or_locale *digits; /**< write digits as this locale's (locale.h); NULL: ASCII */
};

/** Documents' style: "12,345.67", no currency. */
#define OR_NUMSTYLE_DOCUMENT                                                                       \
    {                                                                                              \
        ",", ".", NULL, 0, NULL                                                                    \
    }

/** @brief Documents' style in @p loc (NULL: OR_NUMSTYLE_DOCUMENT) with @p currency. */
struct or_numstyle or_numstyle_of(const struct or_locale *loc, const char *currency);

/**
 * @brief @p v in numeric format @p fmt (INTEGER, DECIMAL, PERCENT, DURATION,
 * CURRENCY, TEXT; anything else as DECIMAL) into @p out (OR_VALUEFMT_SIZE
 * bytes).
 * @param decimals 0 to 6, or -1 for the format's own (0, 2, 1; currency: 2,
 *        0 for currencies without minor units such as JPY).
 */
void or_number_text(double v, enum or_format fmt, int decimals, const struct or_numstyle *st,
                    char *out);

/** @brief Instant @p t as "2026-11-16 09:30" (@p with_time) or "2026-11-16" in @p tz. */
void or_instant_text(int64_t t, int with_time, GTimeZone *tz, char *out);

/** @brief or_instant_text() in @p loc's date pattern (NULL: ISO). */
void or_instant_text_loc(int64_t t, int with_time, GTimeZone *tz, const struct or_locale *loc,
                         char *out);

/**
 * @brief What an amount in currency @p code is written with: "€" for EUR,
 * "$" for USD, ...; else the code followed by a space ("CHF ").  *@p
 * decimals receives its minor-unit digits (2; JPY, KRW: 0).  Borrowed.
 */
const char *or_currency_symbol(const char *code, int *decimals);

/** @brief Whether @p code looks like an ISO 4217 code: three capital letters. */
int or_currency_valid(const char *code);

/**
 * @brief Format @p v in @p fmt into @p buf (always NUL-terminated when @p n > 0).
 * @param decimals 0 to 6 digits after the point for INTEGER, DECIMAL and
 *        PERCENT (percent: of the percentage), or -1 for the format's own
 *        (0, 2 and 1); ignored by the other formats.
 * @param tz the report's zone for DATE and DATETIME (borrowed; NULL: UTC).
 * @param currency ISO 4217 code of CURRENCY values, or NULL.
 * @return OR_OK; OR_ERR_INVALID when @p buf is NULL or @p n is 0, or when
 *         the text did not fit (@p buf then holds as many whole characters
 *         as fit).
 */
or_status or_value_text_in(const struct or_value *v, enum or_format fmt, int decimals,
                           GTimeZone *tz, const char *currency, char *buf, size_t n);

/** @brief or_value_text_in() in locale @p loc (NULL: outreport's neutral style). */
or_status or_value_text_loc(const struct or_value *v, enum or_format fmt, int decimals,
                            GTimeZone *tz, const char *currency, const struct or_locale *loc,
                            char *buf, size_t n);

/** @brief or_value_text_in() without a currency. */
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

/** @brief or_kpi_change() in locale @p loc (NULL: neutral). */
int or_kpi_change_loc(const struct or_kpi *k, const struct or_locale *loc, char *buf, size_t n,
                      int *direction);

/**
 * @brief or_kpi_change() in style @p st (the currency of a difference) with
 * the number a spreadsheet stores for it: the change rounded as the text
 * shows it (a ratio for relative changes, points for percent KPIs, the
 * difference otherwise), so that its sign agrees with the text's.
 * @param kind receives 0 relative, 1 points, 2 a difference.
 */
int or_kpi_change_in(const struct or_kpi *k, const struct or_numstyle *st, char *buf, size_t n,
                     int *direction, double *number, int *kind);

#endif

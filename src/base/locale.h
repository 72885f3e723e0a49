/* SPDX-License-Identifier: MIT */
/**
 * @file locale.h
 * @brief A report's locale ([report] locale, --locale): decimal and
 * thousands separators, digits, date and time patterns, month and weekday
 * names, from ICU's data (libicu), read once per run.
 *
 * Digits are the locale's default numbering system's: Arabic-Indic in
 * ar-EG, Bengali in bn-BD, ASCII in most; a tag's Unicode extension chooses
 * another ("ar-EG-u-nu-latn": ASCII digits, with the separators ICU gives
 * them), and documents then write numbers, dates and the period label alike.
 *
 * Core only.  The formatter (valuefmt.h, cellfmt.h) writes numbers and dates
 * with it, the period label and weekday_name() follow it, and the catalogue
 * (catalog.h) gives the built-in texts in its language.  Without a locale
 * (NULL) documents keep outreport's neutral style: "12,345.67", ISO dates
 * "2026-11-16 09:30", English names.
 */
#ifndef OR_LOCALE_H
#define OR_LOCALE_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/status.h"

/** Bytes of one separator or name, NUL included. */
#define OR_LOCALE_NAME 32

/** A loaded locale.  Owned: or_locale_free().  Read-only once loaded (threads share it). */
struct or_locale {
    char tag[OR_LOCALE_NAME];               /**< BCP 47 tag as given, e.g. "de-DE" */
    char icu[OR_LOCALE_NAME];               /**< ICU's id, e.g. "de_DE" */
    char group[8];                          /**< thousands separator ("." in de-DE), UTF-8 */
    char point[8];                          /**< decimal mark ("," in de-DE), UTF-8 */
    int currency_after;                     /**< nonzero: "1.234,50 €", else "€1,234.50" */
    char date[OR_LOCALE_NAME];              /**< ICU pattern of a date: "dd.MM.y" */
    char time[OR_LOCALE_NAME];              /**< ICU pattern of a time of day: "HH:mm" */
    char xl_date[OR_LOCALE_NAME];           /**< the same as an Excel number format: "dd.mm.yyyy" */
    char xl_datetime[OR_LOCALE_NAME * 2];   /**< "dd.mm.yyyy hh:mm" */
    char months[12][OR_LOCALE_NAME];        /**< "Januar", ... */
    char short_months[12][OR_LOCALE_NAME];  /**< "Jan.", ... */
    char weekdays[7][OR_LOCALE_NAME];       /**< Monday first: "Montag", ... */
    char short_weekdays[7][OR_LOCALE_NAME]; /**< Monday first: "Mo.", ... */
    char am[OR_LOCALE_NAME];                /**< "AM" where times have a 12-hour clock */
    char pm[OR_LOCALE_NAME];                /**< "PM" */
    char digits[10][8];                     /**< the locale's digits 0-9 in UTF-8 where they are not
                                                 ASCII ("٠".."٩" in ar-EG); all "" otherwise */
};

/**
 * @brief Load locale @p tag ("de-DE", "en_US", "fr") into *@p out.
 * @return OR_OK; OR_ERR_CONFIG with @p err "locale 'xx-YY': ICU has no such
 *         language (e.g. de-DE, en-US, fr-FR)" for a tag whose language
 *         ICU does not know; OR_ERR_NOMEM.
 */
or_status or_locale_load(const char *tag, struct or_locale **out, char *err, size_t errlen);

/** @brief Free; NULL is a no-op. */
void or_locale_free(struct or_locale *loc);

/**
 * @brief Wall-clock parts (year, month, day, hour, minute) as a date, or
 * with @p with_time a date and time, in @p loc's patterns ("16.11.2026",
 * "16.11.2026 09:30"), into @p out (at least 64 bytes).
 */
void or_locale_date(const struct or_locale *loc, const int parts[5], int with_time, char *out,
                    size_t n);

/**
 * @brief Rewrite the ASCII digits of @p s (a NUL-terminated string in a
 * buffer of @p n bytes) as @p loc's digits, in place; nothing when @p loc is
 * NULL, its digits are ASCII, or the result would not fit.
 */
void or_locale_digits(const struct or_locale *loc, char *s, size_t n);

/**
 * @brief The label of the local days [first, last] ("YYYY-MM-DD") in @p
 * loc's language, as ICU's date interval formats write it: "16.–22. Nov.
 * 2026", "November 2026" for a whole month (@p month), "Q4 2026" for a
 * quarter (@p quarter).  Leaves @p out alone when ICU fails.
 */
void or_locale_period_label(const struct or_locale *loc, const char *first, const char *last,
                            int month, int quarter, char *out, size_t n);

#endif

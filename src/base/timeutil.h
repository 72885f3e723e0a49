/* SPDX-License-Identifier: MIT */
/**
 * @file timeutil.h
 * @brief Instants, civil dates and IANA time zones.
 *
 * An instant is an `int64_t` count of seconds since 1970-01-01T00:00:00Z
 * (Unix time, UTC, no leap seconds).  Civil dates are proleptic Gregorian.
 * Zones are GLib ::GTimeZone objects opened from IANA names; every function
 * that takes a zone borrows it and accepts NULL as UTC.
 *
 * Conversions from a local wall-clock time to an instant follow GLib's
 * g_date_time_new() rules, so every module resolves ambiguous and
 * non-existent local times the same way: a local time inside a
 * spring-forward gap resolves to the first instant after the gap (so a day
 * whose midnight is skipped starts when its clocks start), and a local time
 * that occurs twice resolves to its second, standard-time occurrence.
 *
 * Civil dates are GLib's GDate, extended to every year by the calendar's
 * 400-year cycle.  The only state is per thread: the zone interval looked up
 * last (it holds a reference to that zone) and the month converted last;
 * all functions are safe to call from several threads at once.
 */
#ifndef OUTREPORT_TIMEUTIL_H
#define OUTREPORT_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "outreport/status.h"

/**
 * @brief Open an IANA time zone by name.
 *
 * @param name    IANA identifier such as "Europe/Berlin" or "UTC"; NULL
 *                means "UTC".  An empty name, a file path, a POSIX TZ rule
 *                ("UTC+5") or an offset is refused (tzname.h).  Borrowed.
 * @param out     Receives the zone on success; untouched on failure.  The
 *                caller owns it and releases it with g_time_zone_unref().
 * @param err     Receives a one-line message on failure, e.g.
 *                "unknown time zone 'Mars/Base'".  May be NULL.
 * @param errlen  Size of @p err in bytes.
 * @return OR_OK; OR_ERR_INVALID when the zone is unknown or not a zone
 *         name, or @p out is NULL.
 */
or_status or_tz_open(const char *name, GTimeZone **out, char *err, size_t errlen);

/**
 * @brief Format an instant as ISO 8601 / RFC 3339 local time with offset.
 *
 * Produces e.g. "2024-01-15T15:30:00+01:00"; the UTC zone gives "+00:00",
 * never "Z".  Historical offsets with a seconds part (local mean time
 * before ~1900) are written "+HH:MM:SS" so that the text still parses back
 * to the same instant with or_time_parse_iso8601().
 *
 * @param t    The instant.
 * @param tz   Zone to express it in; borrowed; NULL means UTC.
 * @param buf  Output buffer; always NUL-terminated when @p n > 0.
 * @param n    Size of @p buf in bytes; 26 is enough for years 0000..9999.
 * @return Length written (without the NUL); 0 if it did not fit (then
 *         @p buf holds "").
 */
size_t or_time_format_iso(int64_t t, GTimeZone *tz, char *buf, size_t n);

/**
 * @brief Format an instant with a g_date_time_format() pattern.
 *
 * A thin wrapper: the instant is converted to @p tz and formatted with the
 * strftime-like conversions GLib documents (%Y, %m, %d, %H, %M, %S, %z,
 * %:z, %Z, ...).  Locale-dependent conversions (%b, %a, %c) follow the
 * process locale.
 *
 * @param t             The instant; must lie in years 0001..9999.
 * @param tz            Zone; borrowed; NULL means UTC.
 * @param strftime_fmt  The pattern; borrowed.
 * @param buf           Output buffer; always NUL-terminated when @p n > 0.
 * @param n             Size of @p buf in bytes.
 * @return Length written (without the NUL); 0 when the pattern is invalid,
 *         the instant is out of range, the result is empty, or it did not
 *         fit (then @p buf holds "").
 */
size_t or_time_format(int64_t t, GTimeZone *tz, const char *strftime_fmt, char *buf, size_t n);

/**
 * @brief Parse an ISO 8601 / RFC 3339 timestamp or date to an instant.
 *
 * Accepted forms (date part always YYYY-MM-DD; separator 'T', 't' or ' '):
 * - "2024-01-15T14:30:00Z" (also 'z'),
 * - fractional seconds "2024-01-15T14:30:00.123Z" ('.' or ','), truncated
 *   towards the earlier second,
 * - offsets "+05:30", "+0530", "-05", and "+HH:MM:SS",
 * - seconds may be omitted: "2024-01-15T14:30Z",
 * - no offset "2024-01-15T14:30:00": local time in @p default_tz,
 * - date only "2024-01-15": local midnight in @p default_tz.
 *
 * Forms with Z or an offset are parsed by hand without allocating (this
 * runs once per row); only local forms consult the zone.
 *
 * @param s           Text to parse; borrowed.  Nothing may follow the
 *                    timestamp, not even white space.
 * @param default_tz  Zone for forms without an offset; borrowed; NULL
 *                    means UTC.
 * @param out         Receives the instant on success; untouched otherwise.
 * @return OR_OK; OR_ERR_PARSE for malformed text, trailing characters or
 *         out-of-range fields (month 13, 31 April, hour 24, offset above
 *         23:59); OR_ERR_INVALID when @p s or @p out is NULL.
 */
or_status or_time_parse_iso8601(const char *s, GTimeZone *default_tz, int64_t *out);

/**
 * @brief Parse a strict YYYY-MM-DD calendar date.
 *
 * Exactly ten characters, four-digit year 0000..9999, month 01..12 and a
 * day that exists in that month (29 February only in leap years).
 *
 * @param s  Text to parse; borrowed.
 * @param y  Receives the year on success.
 * @param m  Receives the month 1..12 on success.
 * @param d  Receives the day of month on success.
 * @return OR_OK; OR_ERR_PARSE when the text is not such a date (outputs
 *         untouched); OR_ERR_INVALID when an argument is NULL.
 */
or_status or_date_parse(const char *s, int *y, int *m, int *d);

/** Broken-down local time of an instant in a zone. */
struct or_local_time {
    int year;           /**< Gregorian year, e.g. 2026 */
    int month;          /**< 1..12 */
    int day;            /**< 1..31 */
    int hour;           /**< 0..23 */
    int minute;         /**< 0..59 */
    int second;         /**< 0..59 */
    int weekday;        /**< ISO weekday: 1 = Monday .. 7 = Sunday */
    int yday;           /**< day of the year, 1..366 */
    int32_t utc_offset; /**< offset in force, seconds east of UTC */
};

/**
 * @brief Break an instant down into local time in a zone.
 *
 * Works for every instant whose year fits an int (no GDateTime range
 * limit); the offset is the one GLib reports for that instant.
 *
 * @param t    The instant.
 * @param tz   Zone; borrowed; NULL means UTC.
 * @param out  Receives the fields; must not be NULL.
 */
void or_time_local(int64_t t, GTimeZone *tz, struct or_local_time *out);

/**
 * @brief Convert a local wall-clock time in a zone to an instant.
 *
 * Uses g_date_time_new() for years 0001..9999 and the same GLib zone rule
 * lookup outside that range.  A local time inside a spring-forward gap
 * gives the first instant after the gap (00:00 on a day whose midnight is
 * skipped gives the first instant of that day); one that occurs twice
 * gives its standard-time occurrence.
 *
 * @param tz      Zone; borrowed; NULL means UTC.
 * @param y       Year.
 * @param m       Month 1..12.
 * @param d       Day 1..days in month.
 * @param hour    0..23.
 * @param minute  0..59.
 * @param second  0..59.
 * @param out     Receives the instant on success; untouched otherwise.
 * @return OR_OK; OR_ERR_INVALID when a field is out of range or @p out is
 *         NULL.
 */
or_status or_time_from_local(GTimeZone *tz, int y, int m, int d, int hour, int minute, int second,
                             int64_t *out);

/**
 * @brief Days since 1970-01-01 of a proleptic Gregorian date.
 *
 * Valid for any year, including negative ones (year 0 = 1 BC).  The date is
 * not validated: days and months outside their range roll over, so
 * 2024-02-30 gives the same value as 2024-03-01 and month 13 is January of
 * the next year.
 *
 * @param y  Year.
 * @param m  Month (1..12, or beyond: see above).
 * @param d  Day of month (or beyond).
 * @return Day number; negative before 1970.
 */
int64_t or_days_from_civil(int y, int m, int d);

/**
 * @brief Inverse of or_days_from_civil(): the date of a day number.
 *
 * @param days  Days since 1970-01-01 (may be negative).
 * @param y     Receives the year; must not be NULL.
 * @param m     Receives the month 1..12; must not be NULL.
 * @param d     Receives the day of month; must not be NULL.
 */
void or_civil_from_days(int64_t days, int *y, int *m, int *d);

/**
 * @brief Number of days in a month of the proleptic Gregorian calendar.
 *
 * @param y  Year.
 * @param m  Month 1..12.
 * @return 28..31; 0 when @p m is out of range.
 */
int or_days_in_month(int y, int m);

/**
 * @brief "Now" for what documents show (generation and fetch times):
 * $SOURCE_DATE_EPOCH when it is set to a whole number of seconds, so that
 * documents can be reproduced byte for byte, else the clock.
 */
int64_t or_time_now_for_documents(void);

#endif /* OUTREPORT_TIMEUTIL_H */

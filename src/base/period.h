/* SPDX-License-Identifier: MIT */
/**
 * @file period.h
 * @brief Calendar-true report periods in a time zone (DESIGN.md §4, §8.3-4).
 *
 * A period is a run of whole local days in one zone, stored as the
 * half-open instant range [start, end) between the local midnight of its
 * first day and the local midnight after its last day.  Boundaries come
 * from local midnights, never from adding 86400 s, so a week containing a
 * DST change lasts 167 or 169 hours and a day 23 or 25 hours.  Named
 * periods are calendar periods (never "rolling 7 days"); one that has not
 * ended yet at `now` is flagged partial.
 *
 * Nothing here keeps state; the functions only read the zone they borrow.
 */
#ifndef OUTREPORT_PERIOD_H
#define OUTREPORT_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "outreport/status.h"

/** What calendar unit a period is; decides what its previous period is. */
enum or_period_kind {
    OR_PERIOD_RANGE = 0, /**< explicit dates: previous = as many days before */
    OR_PERIOD_DAY,       /**< today / yesterday: previous = the day before */
    OR_PERIOD_WEEK,      /**< this-week / last-week: previous = the week before */
    OR_PERIOD_MONTH,     /**< this-month / last-month: previous = whole month before */
    OR_PERIOD_QUARTER,   /**< this-quarter / last-quarter: previous = the quarter before */
};

/** A resolved period.  Plain value; no owned memory. */
struct or_period {
    int64_t start;            /**< inclusive instant: local midnight of the first day */
    int64_t end;              /**< exclusive instant: local midnight after the last day */
    int partial;              /**< 1 when now < end: the period is not over yet */
    char name[32];            /**< "last-week", "this-month", ..., "range" or "previous" */
    char first_day[11];       /**< YYYY-MM-DD, local date of start */
    char last_day[11];        /**< YYYY-MM-DD, local date of the last day inside */
    char label[96];           /**< "16–22 Nov 2026", "Nov 2026", "25 Nov 2026" (UTF-8) */
    enum or_period_kind kind; /**< calendar unit; OR_PERIOD_RANGE for ranges */
};

/**
 * @brief Parse a week-start day name.
 *
 * @param s  "monday".."sunday" or "mon".."sun", any letter case; borrowed;
 *           NULL allowed.
 * @return 1 (Monday) .. 7 (Sunday); 0 when @p s is not a day name.
 */
int or_week_start_parse(const char *s);

/**
 * @brief Resolve a --period spec to a period in a zone.
 *
 * Specs (letter case ignored for the names): last-week, this-week,
 * last-month, this-month, last-quarter, this-quarter, yesterday, today,
 * last-N-weeks (the N whole weeks before the current one, 1 <= N <= 520),
 * rolling-N-days (the N days before today, 1 <= N <= 3660), or
 * YYYY-MM-DD..YYYY-MM-DD with both dates inclusive (a one-day range is
 * allowed).  "this-week" is the week containing the local date of @p now
 * that starts on @p week_start; "last-week" the one before.  Months and
 * quarters are calendar ones (Q1 = January to March).  The previous
 * period of last-N-weeks and rolling-N-days is as many days before.
 *
 * Labels: days "25 Nov 2026"; months "Nov 2026"; quarters "Q4 2026"; weeks and ranges
 * "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027"
 * (U+2013 en dash).  Month names are English regardless of locale.
 *
 * @param spec        The spec; borrowed.
 * @param tz          Zone the calendar is read in; borrowed; NULL = UTC.
 * @param week_start  First day of a week, 1 (Monday) .. 7 (Sunday), as
 *                    returned by or_week_start_parse().
 * @param now         The current instant (pass a fixed value in tests).
 * @param out         Receives the period on success; unspecified on failure.
 * @param err         Receives one line naming the spec and the problem,
 *                    e.g. "period '2024-02-30..2024-03-01': invalid date
 *                    2024-02-30"; may be NULL.
 * @param errlen      Size of @p err in bytes.
 * @return OR_OK; OR_ERR_INVALID for an unknown spec, an invalid date, an
 *         end before the start, a bad @p week_start or a NULL argument.
 */
or_status or_period_resolve(const char *spec, GTimeZone *tz, int week_start, int64_t now,
                            struct or_period *out, char *err, size_t errlen);

/**
 * @brief Resolve --from DATE --to DATE (inclusive dates) to a range period.
 *
 * Same result as or_period_resolve() with "FROM..TO" (name "range"); error
 * messages name the option: "--from '2024-02-30': invalid date (expected
 * YYYY-MM-DD)", "--to 2024-03-01 is before --from 2024-03-05".
 *
 * @param from    First day, YYYY-MM-DD; borrowed.
 * @param to      Last day, YYYY-MM-DD; borrowed.
 * @param tz      Zone; borrowed; NULL = UTC.
 * @param now     The current instant, for the partial flag.
 * @param out     Receives the period on success; unspecified on failure.
 * @param err     Receives a one-line message on failure; may be NULL.
 * @param errlen  Size of @p err in bytes.
 * @return OR_OK; OR_ERR_INVALID when a date is missing or invalid or @p to
 *         is before @p from.
 */
or_status or_period_from_to(const char *from, const char *to, GTimeZone *tz, int64_t now,
                            struct or_period *out, char *err, size_t errlen);

/**
 * @brief The comparison period immediately before a period.
 *
 * By @p p->kind: the previous week (7 days before the first day), the whole
 * previous calendar month (even when @p p is a partial month), the previous
 * day, or for ranges the same number of days immediately before the first
 * day.  The result has name "previous", partial 0 and the kind of @p p, so
 * it can itself be passed here again.
 *
 * @param p           The period; borrowed; must have been filled by this
 *                    module (or have valid first_day/last_day).
 * @param tz          The zone @p p was resolved in; borrowed; NULL = UTC.
 * @param week_start  Accepted for symmetry with or_period_resolve(); a week
 *                    period is already aligned, so it is not needed.
 * @param prev        Receives the previous period; may be @p p itself.
 */
void or_period_previous(const struct or_period *p, GTimeZone *tz, int week_start,
                        struct or_period *prev);

#endif /* OUTREPORT_PERIOD_H */

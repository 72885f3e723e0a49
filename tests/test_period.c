/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for src/period.c.  Every expected instant is a literal that was
 * computed independently with GNU date, e.g.
 *   TZ=Europe/Berlin date -d '2026-03-23 00:00' +%s   ->  1774220400
 * and the comment next to it names the local time it stands for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/period.h"
#include "base/timeutil.h"

#define HOUR 3600
#define DAY 86400

struct zones {
    GTimeZone *utc;
    GTimeZone *berlin;
    GTimeZone *los_angeles;
    GTimeZone *kolkata;
    GTimeZone *auckland;
    GTimeZone *santiago;
};

static GTimeZone *
open_zone(const char *name)
{
    GTimeZone *tz = NULL;
    char err[OR_ERR_SIZE] = "";

    if (or_tz_open(name, &tz, err, sizeof(err)) != OR_OK) {
        fail_msg("%s", err);
    }
    return tz;
}

static int
zones_setup(void **state)
{
    struct zones *z = calloc(1, sizeof(*z));

    if (z == NULL) {
        return -1;
    }
    z->utc = open_zone("UTC");
    z->berlin = open_zone("Europe/Berlin");
    z->los_angeles = open_zone("America/Los_Angeles");
    z->kolkata = open_zone("Asia/Kolkata");
    z->auckland = open_zone("Pacific/Auckland");
    z->santiago = open_zone("America/Santiago");
    *state = z;
    return 0;
}

static int
zones_teardown(void **state)
{
    struct zones *z = *state;

    g_time_zone_unref(z->utc);
    g_time_zone_unref(z->berlin);
    g_time_zone_unref(z->los_angeles);
    g_time_zone_unref(z->kolkata);
    g_time_zone_unref(z->auckland);
    g_time_zone_unref(z->santiago);
    free(z);
    return 0;
}

static struct zones *
Z(void **state)
{
    return *state;
}

/* Resolves a spec that must succeed. */
static struct or_period
resolve(const char *spec, GTimeZone *tz, int week_start, int64_t now)
{
    struct or_period p;
    char err[OR_ERR_SIZE] = "";

    memset(&p, 0xAB, sizeof(p));
    if (or_period_resolve(spec, tz, week_start, now, &p, err, sizeof(err)) != OR_OK) {
        fail_msg("resolving '%s' failed: %s", spec, err);
    }
    return p;
}

static void
assert_days(const struct or_period *p, const char *first, const char *last, const char *label)
{
    assert_string_equal(p->first_day, first);
    assert_string_equal(p->last_day, last);
    assert_string_equal(p->label, label);
}

/* ---- week start names ---------------------------------------------------- */

static void
week_start_parse_accepts_full_and_short_names_in_any_case(void **state)
{
    (void)state;
    assert_int_equal(or_week_start_parse("monday"), 1);
    assert_int_equal(or_week_start_parse("Tuesday"), 2);
    assert_int_equal(or_week_start_parse("WEDNESDAY"), 3);
    assert_int_equal(or_week_start_parse("thu"), 4);
    assert_int_equal(or_week_start_parse("Fri"), 5);
    assert_int_equal(or_week_start_parse("saturday"), 6);
    assert_int_equal(or_week_start_parse("SUN"), 7);
}

static void
week_start_parse_rejects_other_text(void **state)
{
    (void)state;
    assert_int_equal(or_week_start_parse(NULL), 0);
    assert_int_equal(or_week_start_parse(""), 0);
    assert_int_equal(or_week_start_parse("mo"), 0);
    assert_int_equal(or_week_start_parse("mond"), 0);
    assert_int_equal(or_week_start_parse("mondays"), 0);
    assert_int_equal(or_week_start_parse("1"), 0);
    assert_int_equal(or_week_start_parse(" monday"), 0);
}

/* ---- weeks ---------------------------------------------------------------- */

static void
last_week_in_berlin_spanning_spring_dst_is_167_hours(void **state)
{
    /* now = Wed 2026-04-01 12:00 Berlin; DST began Sun 2026-03-29 02:00. */
    struct or_period p = resolve("last-week", Z(state)->berlin, 1, 1775037600);

    assert_int_equal(p.start, 1774220400); /* Mon 2026-03-23 00:00 CET */
    assert_int_equal(p.end, 1774821600);   /* Mon 2026-03-30 00:00 CEST */
    assert_int_equal(p.end - p.start, 167 * HOUR);
    assert_int_equal(p.partial, 0);
    assert_string_equal(p.name, "last-week");
    assert_int_equal(p.kind, OR_PERIOD_WEEK);
    assert_days(&p, "2026-03-23", "2026-03-29", "23–29 Mar 2026");
}

static void
this_week_is_partial_until_it_ends(void **state)
{
    /* now = Wed 2026-04-01 12:00 Berlin: this week is Mon 30 Mar .. Sun 5 Apr. */
    struct or_period p = resolve("this-week", Z(state)->berlin, 1, 1775037600);

    assert_int_equal(p.start, 1774821600); /* Mon 2026-03-30 00:00 CEST */
    assert_int_equal(p.end, 1775426400);   /* Mon 2026-04-06 00:00 CEST */
    assert_int_equal(p.partial, 1);
    assert_string_equal(p.name, "this-week");
    assert_days(&p, "2026-03-30", "2026-04-05", "30 Mar – 5 Apr 2026");

    /* One second before the week ends it is still this week, and partial. */
    p = resolve("this-week", Z(state)->berlin, 1, 1775426400 - 1);
    assert_int_equal(p.start, 1774821600);
    assert_int_equal(p.partial, 1);
}

static void
week_boundary_instant_belongs_to_the_new_week(void **state)
{
    /* now = exactly Mon 2026-03-30 00:00 Berlin: last week ended at now, so is complete. */
    struct or_period p = resolve("last-week", Z(state)->berlin, 1, 1774821600);

    assert_int_equal(p.start, 1774220400);
    assert_int_equal(p.end, 1774821600);
    assert_int_equal(p.partial, 0);

    /* now = Sun 2026-03-29 23:59:59 Berlin: still inside the week of 23 March. */
    p = resolve("this-week", Z(state)->berlin, 1, 1774821599);
    assert_int_equal(p.start, 1774220400);
    assert_int_equal(p.partial, 1);
}

static void
week_start_sunday_shifts_last_week(void **state)
{
    /* now = Wed 2026-04-01 12:00 Berlin; with Sunday weeks this week began Sun 29 Mar. */
    struct or_period p = resolve("last-week", Z(state)->berlin, 7, 1775037600);

    assert_int_equal(p.start, 1774134000); /* Sun 2026-03-22 00:00 CET */
    assert_int_equal(p.end, 1774738800);   /* Sun 2026-03-29 00:00 CET, before the switch */
    assert_int_equal(p.end - p.start, 168 * HOUR);
    assert_days(&p, "2026-03-22", "2026-03-28", "22–28 Mar 2026");
}

static void
week_starting_today_begins_at_todays_midnight(void **state)
{
    /* now = Sun 2026-03-29 12:00 Berlin, weeks start on Sunday: this week starts today. */
    struct or_period p = resolve("this-week", Z(state)->berlin, 7, 1774778400);

    assert_int_equal(p.start, 1774738800); /* Sun 2026-03-29 00:00 CET */
    assert_string_equal(p.first_day, "2026-03-29");
    assert_string_equal(p.last_day, "2026-04-04");
}

static void
los_angeles_fall_back_week_is_169_hours(void **state)
{
    /* now = Wed 2026-11-04 09:00 LA; PDT ended Sun 2026-11-01 02:00. */
    struct or_period p = resolve("last-week", Z(state)->los_angeles, 1, 1793811600);

    assert_int_equal(p.start, 1792998000); /* Mon 2026-10-26 00:00 PDT = 07:00Z */
    assert_int_equal(p.end, 1793606400);   /* Mon 2026-11-02 00:00 PST = 08:00Z */
    assert_int_equal(p.end - p.start, 169 * HOUR);
    assert_days(&p, "2026-10-26", "2026-11-01", "26 Oct – 1 Nov 2026");
}

static void
auckland_april_fall_back_week_is_169_hours_starting_previous_utc_day(void **state)
{
    /* now = Wed 2026-04-08 10:00 Auckland; NZDT ended Sun 2026-04-05 03:00. */
    struct or_period p = resolve("last-week", Z(state)->auckland, 1, 1775599200);

    assert_int_equal(p.start, 1774782000); /* Mon 2026-03-30 00:00 NZDT = Sun 29 Mar 11:00Z */
    assert_int_equal(p.end, 1775390400);   /* Mon 2026-04-06 00:00 NZST = Sun 5 Apr 12:00Z */
    assert_int_equal(p.end - p.start, 169 * HOUR);
    assert_days(&p, "2026-03-30", "2026-04-05", "30 Mar – 5 Apr 2026");
}

static void
auckland_september_with_spring_forward_is_one_hour_short(void **state)
{
    /* now = Tue 2026-09-15 12:00 Auckland; NZDT begins Sun 2026-09-27 02:00. */
    struct or_period p = resolve("this-month", Z(state)->auckland, 1, 1789430400);

    assert_int_equal(p.start, 1788177600); /* 2026-09-01 00:00 NZST */
    assert_int_equal(p.end, 1790766000);   /* 2026-10-01 00:00 NZDT */
    assert_int_equal(p.end - p.start, 30 * DAY - HOUR);
    assert_int_equal(p.partial, 1);
    assert_days(&p, "2026-09-01", "2026-09-30", "Sep 2026");
}

static void
auckland_today_starts_on_the_previous_utc_day(void **state)
{
    /* now = 2026-01-15 20:00Z, which is already Fri 16 Jan 09:00 in Auckland. */
    struct or_period p = resolve("today", Z(state)->auckland, 1, 1768507200);

    assert_int_equal(p.start, 1768474800); /* 2026-01-16 00:00 NZDT = 15 Jan 11:00Z */
    assert_int_equal(p.end, 1768561200);   /* 2026-01-17 00:00 NZDT */
    assert_days(&p, "2026-01-16", "2026-01-16", "16 Jan 2026");
}

/* ---- days ----------------------------------------------------------------- */

static void
kolkata_midnight_is_1830_utc_previous_day(void **state)
{
    /* now = 2026-11-25 03:00Z = 08:30 IST. */
    struct or_period p = resolve("today", Z(state)->kolkata, 1, 1795575600);

    assert_int_equal(p.start, 1795545000); /* 2026-11-25 00:00 IST = 24 Nov 18:30Z */
    assert_int_equal(p.end, 1795631400);   /* 2026-11-26 00:00 IST */
    assert_int_equal(p.partial, 1);
    assert_string_equal(p.name, "today");
    assert_int_equal(p.kind, OR_PERIOD_DAY);
    assert_days(&p, "2026-11-25", "2026-11-25", "25 Nov 2026");

    p = resolve("yesterday", Z(state)->kolkata, 1, 1795575600);
    assert_int_equal(p.start, 1795545000 - DAY);
    assert_int_equal(p.end, 1795545000);
    assert_int_equal(p.partial, 0);
    assert_string_equal(p.name, "yesterday");
    assert_days(&p, "2026-11-24", "2026-11-24", "24 Nov 2026");
}

static void
today_on_spring_forward_day_is_23_hours(void **state)
{
    /* now = Sun 2026-03-29 12:00 CEST in Berlin. */
    struct or_period p = resolve("today", Z(state)->berlin, 1, 1774778400);

    assert_int_equal(p.start, 1774738800); /* 2026-03-29 00:00 CET */
    assert_int_equal(p.end, 1774821600);   /* 2026-03-30 00:00 CEST */
    assert_int_equal(p.end - p.start, 23 * HOUR);

    p = resolve("yesterday", Z(state)->berlin, 1, 1774778400);
    assert_int_equal(p.start, 1774652400); /* 2026-03-28 00:00 CET */
    assert_int_equal(p.end - p.start, 24 * HOUR);
}

static void
santiago_day_without_midnight_starts_when_clocks_start(void **state)
{
    /* On 2026-09-06 Santiago clocks jump from 00:00 to 01:00: no local midnight.
     * now = 2026-09-06 12:00 -03. */
    struct or_period p = resolve("today", Z(state)->santiago, 1, 1788706800);

    assert_int_equal(p.start, 1788667200); /* 2026-09-06 01:00 -03 = 04:00Z */
    assert_int_equal(p.end, 1788750000);   /* 2026-09-07 00:00 -03 */
    assert_int_equal(p.end - p.start, 23 * HOUR);
    assert_string_equal(p.first_day, "2026-09-06");
}

/* ---- months --------------------------------------------------------------- */

static void
last_month_from_march_31_is_whole_february_in_leap_year(void **state)
{
    /* now = Sun 2024-03-31 12:00 CEST in Berlin (itself a DST day). */
    struct or_period p = resolve("last-month", Z(state)->berlin, 1, 1711879200);

    assert_int_equal(p.start, 1706742000); /* 2024-02-01 00:00 CET */
    assert_int_equal(p.end, 1709247600);   /* 2024-03-01 00:00 CET */
    assert_int_equal(p.end - p.start, 29 * DAY);
    assert_int_equal(p.partial, 0);
    assert_string_equal(p.name, "last-month");
    assert_int_equal(p.kind, OR_PERIOD_MONTH);
    assert_days(&p, "2024-02-01", "2024-02-29", "Feb 2024");
}

static void
last_month_in_january_is_december_of_previous_year(void **state)
{
    /* now = 2027-01-10 12:00Z. */
    struct or_period p = resolve("last-month", Z(state)->utc, 1, 1799582400);

    assert_int_equal(p.start, 1796083200); /* 2026-12-01 00:00Z */
    assert_int_equal(p.end, 1798761600);   /* 2027-01-01 00:00Z */
    assert_days(&p, "2026-12-01", "2026-12-31", "Dec 2026");
}

static void
this_month_is_partial_and_labelled_with_the_month(void **state)
{
    /* now = 2026-11-25 10:00 Berlin. */
    struct or_period p = resolve("this-month", Z(state)->berlin, 1, 1795597200);

    assert_int_equal(p.start, 1793487600); /* 2026-11-01 00:00 CET */
    assert_int_equal(p.end, 1796079600);   /* 2026-12-01 00:00 CET */
    assert_int_equal(p.partial, 1);
    assert_string_equal(p.name, "this-month");
    assert_days(&p, "2026-11-01", "2026-11-30", "Nov 2026");
}

static void
named_specs_ignore_letter_case(void **state)
{
    struct or_period p = resolve("Last-Week", Z(state)->berlin, 1, 1775037600);

    assert_int_equal(p.start, 1774220400);
    assert_string_equal(p.name, "last-week");
}

/* ---- ranges --------------------------------------------------------------- */

static void
range_is_inclusive_of_last_day(void **state)
{
    /* now = 2026-11-22 23:00 Berlin: still inside the last day, so the range is partial. */
    struct or_period p = resolve("2026-11-16..2026-11-22", Z(state)->berlin, 1, 1795384800);

    assert_int_equal(p.start, 1794783600); /* 2026-11-16 00:00 CET */
    assert_int_equal(p.end, 1795388400);   /* 2026-11-23 00:00 CET */
    assert_int_equal(p.end - p.start, 7 * DAY);
    assert_int_equal(p.partial, 1);
    assert_string_equal(p.name, "range");
    assert_int_equal(p.kind, OR_PERIOD_RANGE);
    assert_days(&p, "2026-11-16", "2026-11-22", "16–22 Nov 2026");

    p = resolve("2026-11-16..2026-11-22", Z(state)->berlin, 1, 1795388400);
    assert_int_equal(p.partial, 0);
}

static void
range_of_one_day_is_labelled_as_that_day(void **state)
{
    struct or_period p = resolve("2026-11-25..2026-11-25", Z(state)->berlin, 1, 1799582400);

    assert_int_equal(p.start, 1795561200); /* 2026-11-25 00:00 CET */
    assert_int_equal(p.end, 1795647600);   /* 2026-11-26 00:00 CET */
    assert_int_equal(p.partial, 0);
    assert_days(&p, "2026-11-25", "2026-11-25", "25 Nov 2026");
}

static void
range_labels_name_both_months_or_both_years_when_they_differ(void **state)
{
    struct or_period p = resolve("2026-11-30..2026-12-06", Z(state)->utc, 1, 0);

    assert_string_equal(p.label, "30 Nov – 6 Dec 2026");
    p = resolve("2026-12-28..2027-01-03", Z(state)->utc, 1, 0);
    assert_string_equal(p.label, "28 Dec 2026 – 3 Jan 2027");
    assert_int_equal(p.start, 1798416000); /* 2026-12-28 00:00Z */
    assert_int_equal(p.end, 1799020800);   /* 2027-01-04 00:00Z */
}

static void
future_range_is_partial(void **state)
{
    struct or_period p = resolve("2026-11-16..2026-11-22", Z(state)->berlin, 1, 0);

    assert_int_equal(p.partial, 1);
}

static void
from_to_gives_the_same_period_as_the_range_spec(void **state)
{
    struct or_period a = resolve("2026-03-23..2026-03-29", Z(state)->berlin, 1, 1775037600);
    struct or_period b;
    char err[OR_ERR_SIZE] = "";

    assert_int_equal(or_period_from_to("2026-03-23", "2026-03-29", Z(state)->berlin, 1775037600, &b,
                                       err, sizeof(err)),
                     OR_OK);
    assert_int_equal(b.start, 1774220400); /* Mon 2026-03-23 00:00 CET */
    assert_int_equal(b.end, 1774821600);   /* Mon 2026-03-30 00:00 CEST */
    assert_int_equal(a.start, b.start);
    assert_int_equal(a.end, b.end);
    assert_int_equal(a.partial, b.partial);
    assert_int_equal(a.kind, b.kind);
    assert_string_equal(a.name, b.name);
    assert_string_equal(a.label, b.label);
    assert_string_equal(a.first_day, b.first_day);
    assert_string_equal(a.last_day, b.last_day);
}

static void expect_resolve_error(GTimeZone *tz, const char *spec, int week_start,
                                 const char *message);

/* ---- trends: N weeks, quarters, rolling days ------------------------------ */

static void
last_12_weeks_ends_with_last_week_and_compares_with_the_12_before(void **state)
{
    /* now = Wed 2026-04-01 12:00 Berlin: this week began Mon 30 Mar. */
    struct or_period p = resolve("last-12-weeks", Z(state)->berlin, 1, 1775037600);
    assert_days(&p, "2026-01-05", "2026-03-29", "5 Jan – 29 Mar 2026");
    assert_int_equal(p.end, 1774821600); /* Mon 2026-03-30 00:00 CEST */
    assert_string_equal(p.name, "last-12-weeks");
    struct or_period prev;
    or_period_previous(&p, Z(state)->berlin, 1, &prev);
    assert_string_equal(prev.first_day, "2025-10-13");
    assert_string_equal(prev.last_day, "2026-01-04");
    struct or_period one = resolve("last-1-weeks", Z(state)->berlin, 1, 1775037600);
    assert_days(&one, "2026-03-23", "2026-03-29", "23–29 Mar 2026");
}

static void
quarters_are_calendar_quarters(void **state)
{
    /* now = Wed 2026-04-01 12:00 Berlin: Q2 has just begun. */
    struct or_period q = resolve("last-quarter", Z(state)->berlin, 1, 1775037600);
    assert_days(&q, "2026-01-01", "2026-03-31", "Q1 2026");
    assert_int_equal(q.kind, OR_PERIOD_QUARTER);
    assert_int_equal(q.partial, 0);
    struct or_period t = resolve("this-quarter", Z(state)->berlin, 1, 1775037600);
    assert_days(&t, "2026-04-01", "2026-06-30", "Q2 2026");
    assert_int_equal(t.partial, 1);
    struct or_period prev;
    or_period_previous(&q, Z(state)->berlin, 1, &prev);
    assert_days(&prev, "2025-10-01", "2025-12-31", "Q4 2025");
}

static void
rolling_days_end_yesterday(void **state)
{
    struct or_period p = resolve("rolling-28-days", Z(state)->berlin, 1, 1775037600);
    assert_days(&p, "2026-03-04", "2026-03-31", "4–31 Mar 2026");
    assert_int_equal(p.partial, 0);
    expect_resolve_error(Z(state)->berlin, "rolling-0-days", 1,
                         "unknown period 'rolling-0-days' (expected last-week, this-week, "
                         "last-month, this-month, last-quarter, this-quarter, yesterday, today, "
                         "last-N-weeks, rolling-N-days or YYYY-MM-DD..YYYY-MM-DD)");
}

/* ---- errors --------------------------------------------------------------- */

static void
expect_resolve_error(GTimeZone *tz, const char *spec, int week_start, const char *message)
{
    struct or_period p;
    char err[OR_ERR_SIZE] = "";

    assert_int_equal(or_period_resolve(spec, tz, week_start, 0, &p, err, sizeof(err)),
                     OR_ERR_INVALID);
    assert_string_equal(err, message);
}

static void
invalid_specs_give_messages_naming_the_spec(void **state)
{
    GTimeZone *tz = Z(state)->berlin;

    expect_resolve_error(tz, "lastweek", 1,
                         "unknown period 'lastweek' (expected last-week, this-week, "
                         "last-month, this-month, last-quarter, this-quarter, yesterday, today, "
                         "last-N-weeks, rolling-N-days or YYYY-MM-DD..YYYY-MM-DD)");
    expect_resolve_error(tz, "2024-02-30..2024-03-01", 1,
                         "period '2024-02-30..2024-03-01': invalid date 2024-02-30");
    expect_resolve_error(tz, "2023-01-01..2023-02-29", 1,
                         "period '2023-01-01..2023-02-29': invalid date 2023-02-29");
    expect_resolve_error(tz, "2024-03-05..2024-03-01", 1,
                         "period '2024-03-05..2024-03-01': end before start");
    expect_resolve_error(tz, "2024-1-1..2024-01-31", 1,
                         "period '2024-1-1..2024-01-31': invalid date '2024-1-1' "
                         "(expected YYYY-MM-DD)");
    expect_resolve_error(tz, "2024-01-01..2024-01-31x", 1,
                         "period '2024-01-01..2024-01-31x': invalid date '2024-01-31x' "
                         "(expected YYYY-MM-DD)");
    expect_resolve_error(tz, "2024-01-01..", 1,
                         "period '2024-01-01..': missing end date "
                         "(expected YYYY-MM-DD..YYYY-MM-DD)");
    expect_resolve_error(tz, "..2024-01-01", 1,
                         "period '..2024-01-01': missing start date "
                         "(expected YYYY-MM-DD..YYYY-MM-DD)");
    expect_resolve_error(tz, "last-week", 8,
                         "period 'last-week': week start 8 out of range "
                         "(1 = Monday .. 7 = Sunday)");
    expect_resolve_error(tz, "", 1,
                         "empty period (expected last-week, this-week, last-month, "
                         "this-month, yesterday, today or YYYY-MM-DD..YYYY-MM-DD)");
}

static void
from_to_errors_name_the_option(void **state)
{
    struct or_period p;
    char err[OR_ERR_SIZE] = "";
    GTimeZone *tz = Z(state)->berlin;

    assert_int_equal(or_period_from_to("2024-02-30", "2024-03-01", tz, 0, &p, err, sizeof(err)),
                     OR_ERR_INVALID);
    assert_string_equal(err, "--from '2024-02-30': invalid date (expected YYYY-MM-DD)");
    assert_int_equal(or_period_from_to("2024-03-01", "03/05/2024", tz, 0, &p, err, sizeof(err)),
                     OR_ERR_INVALID);
    assert_string_equal(err, "--to '03/05/2024': invalid date (expected YYYY-MM-DD)");
    assert_int_equal(or_period_from_to("2024-03-05", "2024-03-01", tz, 0, &p, err, sizeof(err)),
                     OR_ERR_INVALID);
    assert_string_equal(err, "--to 2024-03-01 is before --from 2024-03-05");
    assert_int_equal(or_period_from_to("2024-03-05", NULL, tz, 0, &p, err, sizeof(err)),
                     OR_ERR_INVALID);
    assert_string_equal(err, "--to is missing (use --from DATE --to DATE, dates YYYY-MM-DD)");
}

/* An API is asked for year 0000 or 9999 only by mistake: refused, naming
 * the year and the range, before any request. */
static void
years_outside_1970_to_2100_are_refused(void **state)
{
    struct or_period p;
    char err[OR_ERR_SIZE] = "";
    GTimeZone *tz = Z(state)->utc;

    expect_resolve_error(tz, "0000-01-01..9999-12-31", 1,
                         "period '0000-01-01..9999-12-31': year 0000 is outside 1970-2100");
    expect_resolve_error(tz, "2024-01-01..9999-12-31", 1,
                         "period '2024-01-01..9999-12-31': year 9999 is outside 1970-2100");
    expect_resolve_error(tz, "1969-12-31..1970-01-02", 1,
                         "period '1969-12-31..1970-01-02': year 1969 is outside 1970-2100");
    assert_int_equal(or_period_from_to("2101-01-01", "2101-01-02", tz, 0, &p, err, sizeof(err)),
                     OR_ERR_INVALID);
    assert_string_equal(err, "--from '2101-01-01': year 2101 is outside 1970-2100");
    /* The edges are fine. */
    assert_int_equal(or_period_resolve("1970-01-01..2100-12-31", tz, 1, 0, &p, err, sizeof(err)),
                     OR_OK);
    /* A named period needs a clock inside the range. */
    int64_t year_9999 = INT64_C(253370764800);
    assert_int_equal(or_period_resolve("last-week", tz, 1, year_9999, &p, err, sizeof(err)),
                     OR_ERR_INVALID);
    assert_string_equal(err, "period 'last-week': the clock says 9999-01-01, outside 1971-2100");
}

static void
error_message_is_truncated_to_the_buffer_and_null_buffer_is_allowed(void **state)
{
    struct or_period p;
    char err[16];

    assert_int_equal(or_period_resolve("bogus", Z(state)->utc, 1, 0, &p, err, sizeof(err)),
                     OR_ERR_INVALID);
    assert_string_equal(err, "unknown period ");
    assert_int_equal(or_period_resolve("bogus", Z(state)->utc, 1, 0, &p, NULL, 0), OR_ERR_INVALID);
}

/* ---- previous periods ----------------------------------------------------- */

static void
previous_of_last_week_is_the_week_before(void **state)
{
    struct or_period p = resolve("last-week", Z(state)->berlin, 1, 1775037600);
    struct or_period prev;

    or_period_previous(&p, Z(state)->berlin, 1, &prev);
    assert_int_equal(prev.start, 1773615600); /* Mon 2026-03-16 00:00 CET */
    assert_int_equal(prev.end, 1774220400);   /* Mon 2026-03-23 00:00 CET */
    assert_int_equal(prev.partial, 0);
    assert_string_equal(prev.name, "previous");
    assert_int_equal(prev.kind, OR_PERIOD_WEEK);
    assert_days(&prev, "2026-03-16", "2026-03-22", "16–22 Mar 2026");
}

static void
previous_of_partial_this_month_is_the_whole_previous_month(void **state)
{
    /* now = 2026-03-10 09:00 Berlin. */
    struct or_period p = resolve("this-month", Z(state)->berlin, 1, 1773129600);
    struct or_period prev;

    assert_int_equal(p.partial, 1);
    or_period_previous(&p, Z(state)->berlin, 1, &prev);
    assert_int_equal(prev.start, 1769900400); /* 2026-02-01 00:00 CET */
    assert_int_equal(prev.end, 1772319600);   /* 2026-03-01 00:00 CET */
    assert_int_equal(prev.end - prev.start, 28 * DAY);
    assert_int_equal(prev.partial, 0);
    assert_int_equal(prev.kind, OR_PERIOD_MONTH);
    assert_days(&prev, "2026-02-01", "2026-02-28", "Feb 2026");
}

static void
previous_of_previous_month_stays_a_calendar_month_across_the_year(void **state)
{
    /* last-month from 2024-03-31 is February 2024 (29 days); then January (31), December. */
    struct or_period p = resolve("last-month", Z(state)->berlin, 1, 1711879200);

    or_period_previous(&p, Z(state)->berlin, 1, &p);
    assert_int_equal(p.start, 1704063600); /* 2024-01-01 00:00 CET */
    assert_int_equal(p.end, 1706742000);   /* 2024-02-01 00:00 CET */
    assert_days(&p, "2024-01-01", "2024-01-31", "Jan 2024");

    or_period_previous(&p, Z(state)->berlin, 1, &p);
    assert_int_equal(p.start, 1701385200); /* 2023-12-01 00:00 CET */
    assert_int_equal(p.end, 1704063600);   /* 2024-01-01 00:00 CET */
    assert_days(&p, "2023-12-01", "2023-12-31", "Dec 2023");
}

static void
previous_of_range_is_the_same_number_of_days_immediately_before(void **state)
{
    struct or_period p = resolve("2026-11-16..2026-11-22", Z(state)->berlin, 1, 0);
    struct or_period prev;

    or_period_previous(&p, Z(state)->berlin, 1, &prev);
    assert_int_equal(prev.start, 1794178800); /* 2026-11-09 00:00 CET */
    assert_int_equal(prev.end, 1794783600);   /* 2026-11-16 00:00 CET */
    assert_int_equal(prev.kind, OR_PERIOD_RANGE);
    assert_int_equal(prev.partial, 0);
    assert_days(&prev, "2026-11-09", "2026-11-15", "9–15 Nov 2026");

    /* Ten days from 1 March: the ten days before run back into February. */
    p = resolve("2026-03-01..2026-03-10", Z(state)->berlin, 1, 0);
    or_period_previous(&p, Z(state)->berlin, 1, &prev);
    assert_int_equal(prev.start, 1771455600); /* 2026-02-19 00:00 CET */
    assert_int_equal(prev.end, 1772319600);   /* 2026-03-01 00:00 CET */
    assert_days(&prev, "2026-02-19", "2026-02-28", "19–28 Feb 2026");
}

static void
previous_of_today_is_yesterday(void **state)
{
    /* today = Mon 2026-03-30 in Berlin; the day before is the 23-hour DST day. */
    struct or_period p = resolve("today", Z(state)->berlin, 1, 1774821600 + 10 * HOUR);
    struct or_period prev;

    or_period_previous(&p, Z(state)->berlin, 1, &prev);
    assert_int_equal(prev.start, 1774738800); /* 2026-03-29 00:00 CET */
    assert_int_equal(prev.end, 1774821600);   /* 2026-03-30 00:00 CEST */
    assert_int_equal(prev.end - prev.start, 23 * HOUR);
    assert_int_equal(prev.partial, 0);
    assert_days(&prev, "2026-03-29", "2026-03-29", "29 Mar 2026");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(week_start_parse_accepts_full_and_short_names_in_any_case),
        cmocka_unit_test(week_start_parse_rejects_other_text),
        cmocka_unit_test(last_week_in_berlin_spanning_spring_dst_is_167_hours),
        cmocka_unit_test(this_week_is_partial_until_it_ends),
        cmocka_unit_test(week_boundary_instant_belongs_to_the_new_week),
        cmocka_unit_test(week_start_sunday_shifts_last_week),
        cmocka_unit_test(week_starting_today_begins_at_todays_midnight),
        cmocka_unit_test(los_angeles_fall_back_week_is_169_hours),
        cmocka_unit_test(auckland_april_fall_back_week_is_169_hours_starting_previous_utc_day),
        cmocka_unit_test(auckland_september_with_spring_forward_is_one_hour_short),
        cmocka_unit_test(auckland_today_starts_on_the_previous_utc_day),
        cmocka_unit_test(kolkata_midnight_is_1830_utc_previous_day),
        cmocka_unit_test(today_on_spring_forward_day_is_23_hours),
        cmocka_unit_test(santiago_day_without_midnight_starts_when_clocks_start),
        cmocka_unit_test(last_month_from_march_31_is_whole_february_in_leap_year),
        cmocka_unit_test(last_month_in_january_is_december_of_previous_year),
        cmocka_unit_test(this_month_is_partial_and_labelled_with_the_month),
        cmocka_unit_test(named_specs_ignore_letter_case),
        cmocka_unit_test(range_is_inclusive_of_last_day),
        cmocka_unit_test(range_of_one_day_is_labelled_as_that_day),
        cmocka_unit_test(range_labels_name_both_months_or_both_years_when_they_differ),
        cmocka_unit_test(future_range_is_partial),
        cmocka_unit_test(from_to_gives_the_same_period_as_the_range_spec),
        cmocka_unit_test(invalid_specs_give_messages_naming_the_spec),
        cmocka_unit_test(from_to_errors_name_the_option),
        cmocka_unit_test(years_outside_1970_to_2100_are_refused),
        cmocka_unit_test(error_message_is_truncated_to_the_buffer_and_null_buffer_is_allowed),
        cmocka_unit_test(previous_of_last_week_is_the_week_before),
        cmocka_unit_test(previous_of_partial_this_month_is_the_whole_previous_month),
        cmocka_unit_test(previous_of_previous_month_stays_a_calendar_month_across_the_year),
        cmocka_unit_test(previous_of_range_is_the_same_number_of_days_immediately_before),
        cmocka_unit_test(previous_of_today_is_yesterday),
        cmocka_unit_test(last_12_weeks_ends_with_last_week_and_compares_with_the_12_before),
        cmocka_unit_test(quarters_are_calendar_quarters),
        cmocka_unit_test(rolling_days_end_yesterday),
    };

    return cmocka_run_group_tests_name("period", tests, zones_setup, zones_teardown);
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for src/timeutil.c.  Expected instants are literals computed
 * independently with GNU date, e.g.
 *   TZ=UTC date -d '2024-01-15 14:30' +%s   ->  1705329000
 * and expected texts with e.g. TZ=Asia/Kolkata date -d @1705329000 '+%FT%T%:z'.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/timeutil.h"

/* 2024-01-15 14:30:00 UTC, the instant most parse tests expect. */
#define T_20240115_1430Z 1705329000

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

static int64_t
parse_ok(const char *s, GTimeZone *tz)
{
    int64_t t = 0;

    if (or_time_parse_iso8601(s, tz, &t) != OR_OK) {
        fail_msg("'%s' did not parse", s);
    }
    return t;
}

/* ---- civil day numbers ---------------------------------------------------- */

static void
days_from_civil_matches_known_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(or_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(or_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(or_days_from_civil(2000, 3, 1), 11017);  /* date -ud 2000-03-01 +%s / 86400 */
    assert_int_equal(or_days_from_civil(2024, 2, 29), 19782); /* leap day */
    assert_int_equal(or_days_from_civil(0, 3, 1), -719468);
    assert_int_equal(or_days_from_civil(0, 1, 1), -719528);
    assert_int_equal(or_days_from_civil(-1, 12, 31), -719529);
}

static void
civil_from_days_inverts_days_from_civil_over_ten_thousand_years(void **state)
{
    int64_t expected = or_days_from_civil(-2000, 1, 1);

    (void)state;
    for (int y = -2000; y <= 8000; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= or_days_in_month(y, m); d++) {
                int yy;
                int mm;
                int dd;
                int64_t days = or_days_from_civil(y, m, d);

                /* consecutive dates are consecutive day numbers */
                if (days != expected) {
                    fail_msg("%d-%d-%d gave %lld, expected %lld", y, m, d, (long long)days,
                             (long long)expected);
                }
                expected++;
                or_civil_from_days(days, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d) {
                    fail_msg("%lld gave %d-%d-%d, expected %d-%d-%d", (long long)days, yy, mm, dd,
                             y, m, d);
                }
            }
        }
    }
}

static void
days_in_month_knows_gregorian_leap_years(void **state)
{
    (void)state;
    assert_int_equal(or_days_in_month(2024, 2), 29);
    assert_int_equal(or_days_in_month(2023, 2), 28);
    assert_int_equal(or_days_in_month(1900, 2), 28);
    assert_int_equal(or_days_in_month(2000, 2), 29);
    assert_int_equal(or_days_in_month(2024, 4), 30);
    assert_int_equal(or_days_in_month(2024, 12), 31);
    assert_int_equal(or_days_in_month(2024, 13), 0);
}

/* Dates outside a month roll over, as callers that add days or years rely
 * on (29 February of a common year is 1 March). */
static void
days_from_civil_rolls_days_and_months_over(void **state)
{
    (void)state;
    assert_int_equal(or_days_from_civil(2023, 2, 29), or_days_from_civil(2023, 3, 1));
    assert_int_equal(or_days_from_civil(2024, 3, 0), or_days_from_civil(2024, 2, 29));
    assert_int_equal(or_days_from_civil(2024, 1, 366), or_days_from_civil(2024, 12, 31));
    assert_int_equal(or_days_from_civil(2024, 13, 1), or_days_from_civil(2025, 1, 1));
    assert_int_equal(or_days_from_civil(2024, 0, 31), or_days_from_civil(2023, 12, 31));
    assert_int_equal(or_days_from_civil(2024, 25, 1), or_days_from_civil(2026, 1, 1));
    assert_int_equal(or_days_from_civil(2024, -11, 1), or_days_from_civil(2023, 1, 1));
    /* Far from GDate's years 1..65535, by the 400-year cycle. */
    assert_int_equal(or_days_from_civil(70000, 1, 1) - or_days_from_civil(69600, 1, 1), 146097);
    int y;
    int m;
    int d;
    or_civil_from_days(or_days_from_civil(-40000, 2, 29), &y, &m, &d);
    assert_int_equal(y, -40000);
    assert_int_equal(m, 2);
    assert_int_equal(d, 29);
}

struct civil_thread {
    int64_t first;
    int failures;
};

/* Each thread walks its own years: a conversion cached by another thread
 * must never answer for this one. */
static gpointer
civil_walk(gpointer data)
{
    struct civil_thread *t = data;
    for (int64_t days = t->first; days < t->first + 3 * 146097; days++) {
        int y;
        int m;
        int d;
        or_civil_from_days(days, &y, &m, &d);
        if (or_days_from_civil(y, m, d) != days || d < 1 || d > or_days_in_month(y, m)) {
            t->failures++;
        }
    }
    return NULL;
}

static void
civil_conversions_are_per_thread(void **state)
{
    (void)state;
    struct civil_thread t[4] = {
        {.first = -800000}, {.first = -3}, {.first = 400000}, {.first = 9000000}};
    GThread *threads[4];
    for (int i = 0; i < 4; i++) {
        threads[i] = g_thread_new("civil", civil_walk, &t[i]);
    }
    for (int i = 0; i < 4; i++) {
        g_thread_join(threads[i]);
        assert_int_equal(t[i].failures, 0);
    }
}

/* ---- strict dates --------------------------------------------------------- */

static void
date_parse_accepts_leap_day_only_in_leap_years(void **state)
{
    int y = 0;
    int m = 0;
    int d = 0;

    (void)state;
    assert_int_equal(or_date_parse("2024-02-29", &y, &m, &d), OR_OK);
    assert_int_equal(y, 2024);
    assert_int_equal(m, 2);
    assert_int_equal(d, 29);
    assert_int_equal(or_date_parse("2000-02-29", &y, &m, &d), OR_OK);
    assert_int_equal(or_date_parse("2023-02-29", &y, &m, &d), OR_ERR_PARSE);
    assert_int_equal(or_date_parse("1900-02-29", &y, &m, &d), OR_ERR_PARSE);
    assert_int_equal(y, 2000); /* outputs untouched on failure */
}

static void
date_parse_rejects_malformed_dates(void **state)
{
    static const char *const bad[] = {
        "",           "2024-1-15",  "2024-01-5",  "24-01-15",    "2024-13-01",
        "2024-00-10", "2024-04-31", "2024-01-00", "2024-01-15x", " 2024-01-15",
        "2024/01/15", "+024-01-15", "2024-01-1a", "20240115",    "2024-01-15T00:00:00Z",
    };
    int y;
    int m;
    int d;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (or_date_parse(bad[i], &y, &m, &d) != OR_ERR_PARSE) {
            fail_msg("'%s' was accepted", bad[i]);
        }
    }
    assert_int_equal(or_date_parse(NULL, &y, &m, &d), OR_ERR_INVALID);
}

/* ---- ISO 8601 parsing ----------------------------------------------------- */

static void
iso_parse_z_form(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2024-01-15T14:30:00Z", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15t14:30:00z", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15 14:30:00Z", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T14:30Z", NULL), T_20240115_1430Z);
}

static void
iso_parse_truncates_fractional_seconds(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2024-01-15T14:30:00.000Z", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T14:30:00.999Z", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T14:30:00,5Z", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T14:30:01.123456789Z", NULL), T_20240115_1430Z + 1);
    /* before 1970 truncation still goes to the earlier second */
    assert_int_equal(parse_ok("1969-12-31T23:59:59.9Z", NULL), -1);
}

static void
iso_parse_colon_offset_plus_0530(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2024-01-15T20:00:00+05:30", NULL), T_20240115_1430Z);
}

static void
iso_parse_compact_offset_plus_0530(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2024-01-15T20:00:00+0530", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T20:00:00.250+0530", NULL), T_20240115_1430Z);
}

static void
iso_parse_hour_only_and_negative_offsets(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2024-01-15T09:30:00-05", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T11:00:00-03:30", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T14:30:00+00:00", NULL), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T14:30:00-00:00", NULL), T_20240115_1430Z);
}

static void
iso_parse_offset_form_ignores_default_zone(void **state)
{
    GTimeZone *berlin = open_zone("Europe/Berlin");

    (void)state;
    assert_int_equal(parse_ok("2024-01-15T14:30:00Z", berlin), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T20:00:00+05:30", berlin), T_20240115_1430Z);
    g_time_zone_unref(berlin);
}

static void
iso_parse_local_time_uses_default_zone(void **state)
{
    GTimeZone *berlin = open_zone("Europe/Berlin");
    GTimeZone *la = open_zone("America/Los_Angeles");

    (void)state;
    assert_int_equal(parse_ok("2024-01-15T15:30:00", berlin), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T06:30:00", la), T_20240115_1430Z);
    assert_int_equal(parse_ok("2024-01-15T14:30:00.75", NULL), T_20240115_1430Z);
    g_time_zone_unref(la);
    g_time_zone_unref(berlin);
}

static void
iso_parse_date_only_is_midnight_in_default_zone(void **state)
{
    GTimeZone *kolkata = open_zone("Asia/Kolkata");

    (void)state;
    /* TZ=Asia/Kolkata date -d '2024-01-15 00:00' +%s = 2024-01-14 18:30Z */
    assert_int_equal(parse_ok("2024-01-15", kolkata), 1705257000);
    assert_int_equal(parse_ok("2024-01-15", NULL), 1705276800); /* 2024-01-15 00:00Z */
    g_time_zone_unref(kolkata);
}

static void
iso_parse_local_time_in_dst_gap_and_overlap_follows_glib(void **state)
{
    GTimeZone *berlin = open_zone("Europe/Berlin");

    (void)state;
    /* 02:30 does not exist on 2026-03-29: the first instant after the gap, 03:00 CEST. */
    assert_int_equal(parse_ok("2026-03-29T02:30:00", berlin), 1774746000);
    /* 02:30 happens twice on 2026-10-25: the standard-time (CET) one, 01:30Z. */
    assert_int_equal(parse_ok("2026-10-25T02:30:00", berlin), 1792891800);
    g_time_zone_unref(berlin);
}

static void
iso_parse_handles_dates_far_from_1970(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("1900-01-01T00:00:00Z", NULL), -2208988800LL);
    assert_int_equal(parse_ok("0000-03-01T00:00:00Z", NULL), -62162035200LL);
    assert_int_equal(parse_ok("9999-12-31T23:59:59Z", NULL), 253402300799LL);
}

static void
iso_parse_rejects_garbage_and_trailing_junk(void **state)
{
    static const char *const bad[] = {
        "",
        "garbage",
        "2024-01-15T",
        "2024-01-15T14",
        "2024-01-15T14:3",
        "2024-01-15T14:30:0Z",
        "2024-01-15T14:30:00ZZ",
        "2024-01-15T14:30:00Z ",
        " 2024-01-15T14:30:00Z",
        "2024-01-15T14:30:00.Z",
        "2024-01-15T14:30:00+5:30",
        "2024-01-15T14:30:00+05:3",
        "2024-01-15T14:30:00+053",
        "2024-01-15T14:30:00+",
        "2024-01-15T14:30:00 UTC",
        "2024-01-15X14:30:00Z",
        "2024-01-15 ",
        "20240115T143000Z",
        "Mon, 15 Jan 2024 14:30:00 GMT",
    };
    int64_t t = 42;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (or_time_parse_iso8601(bad[i], NULL, &t) != OR_ERR_PARSE) {
            fail_msg("'%s' was accepted", bad[i]);
        }
    }
    assert_int_equal(t, 42); /* untouched on failure */
    assert_int_equal(or_time_parse_iso8601(NULL, NULL, &t), OR_ERR_INVALID);
}

static void
iso_parse_rejects_out_of_range_fields(void **state)
{
    static const char *const bad[] = {
        "2024-13-15T14:30:00Z",      "2024-00-15T14:30:00Z", "2024-02-30T14:30:00Z",
        "2023-02-29T14:30:00Z",      "2024-01-32",           "2024-01-15T24:00:00Z",
        "2024-01-15T14:60:00Z",      "2024-01-15T14:30:60Z", "2024-01-15T14:30:00+24:00",
        "2024-01-15T14:30:00+05:60", "2024-04-31",
    };
    int64_t t;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (or_time_parse_iso8601(bad[i], NULL, &t) != OR_ERR_PARSE) {
            fail_msg("'%s' was accepted", bad[i]);
        }
    }
}

/* ---- formatting ----------------------------------------------------------- */

static void
format_iso_in_utc_gives_plus_00_00(void **state)
{
    char buf[64];
    GTimeZone *utc = open_zone("UTC");

    (void)state;
    assert_int_equal(or_time_format_iso(T_20240115_1430Z, utc, buf, sizeof(buf)), 25);
    assert_string_equal(buf, "2024-01-15T14:30:00+00:00");
    assert_int_equal(or_time_format_iso(T_20240115_1430Z, NULL, buf, sizeof(buf)), 25);
    assert_string_equal(buf, "2024-01-15T14:30:00+00:00");
    assert_int_equal(or_time_format_iso(-1, NULL, buf, sizeof(buf)), 25);
    assert_string_equal(buf, "1969-12-31T23:59:59+00:00");
    g_time_zone_unref(utc);
}

static void
format_iso_uses_the_offset_in_force_at_the_instant(void **state)
{
    static const struct {
        const char *zone;
        int64_t t;
        const char *text; /* TZ=zone date -d @t '+%FT%T%:z' */
    } cases[] = {
        {"Europe/Berlin", T_20240115_1430Z, "2024-01-15T15:30:00+01:00"},
        {"Europe/Berlin", 1719835200, "2024-07-01T14:00:00+02:00"},
        {"Asia/Kolkata", T_20240115_1430Z, "2024-01-15T20:00:00+05:30"},
        {"Asia/Kathmandu", T_20240115_1430Z, "2024-01-15T20:15:00+05:45"},
        {"America/Los_Angeles", T_20240115_1430Z, "2024-01-15T06:30:00-08:00"},
        {"America/St_Johns", T_20240115_1430Z, "2024-01-15T11:00:00-03:30"},
        {"Pacific/Auckland", T_20240115_1430Z, "2024-01-16T03:30:00+13:00"},
        {"Australia/Lord_Howe", T_20240115_1430Z, "2024-01-16T01:30:00+11:00"},
        {"Europe/Berlin", -5000000000LL, "1811-07-23T16:00:08+00:53:28"}, /* LMT */
    };
    char buf[64];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        GTimeZone *tz = open_zone(cases[i].zone);
        size_t len = or_time_format_iso(cases[i].t, tz, buf, sizeof(buf));

        g_time_zone_unref(tz);
        assert_string_equal(buf, cases[i].text);
        assert_int_equal(len, strlen(cases[i].text));
    }
}

/* The per-thread interval cache must never carry an offset across a DST
 * change or from one zone to another: walk instants back and forth over
 * Berlin's 2024 transitions, interleaved with New York and UTC, and compare
 * every offset with GDateTime's. */
static void
offsets_stay_right_when_instants_jump_across_transitions_and_zones(void **state)
{
    static const char *const zones[] = {"Europe/Berlin", "America/New_York", "UTC"};
    /* 2024-03-31T01:00:00Z (Berlin springs forward) and 2024-10-27T01:00:00Z (back). */
    static const int64_t edges[] = {1711846800, 1729990800};
    GTimeZone *tz[3];
    char buf[64];

    (void)state;
    for (size_t z = 0; z < 3; z++) {
        tz[z] = open_zone(zones[z]);
    }
    for (int round = 0; round < 400; round++) {
        int64_t t = edges[round % 2] + ((round * 7919) % 14401) - 7200;
        GTimeZone *zone = tz[(round / 3) % 3];
        struct or_local_time lt;
        or_time_local(t, zone, &lt);
        GDateTime *dt = g_date_time_new_from_unix_utc(t);
        GDateTime *local = g_date_time_to_timezone(dt, zone);
        assert_int_equal(lt.utc_offset,
                         (int32_t)(g_date_time_get_utc_offset(local) / G_USEC_PER_SEC));
        gchar *want = g_date_time_format(local, "%Y-%m-%dT%H:%M:%S%:z");
        assert_true(or_time_format_iso(t, zone, buf, sizeof(buf)) > 0);
        assert_string_equal(buf, want);
        g_free(want);
        g_date_time_unref(local);
        g_date_time_unref(dt);
    }
    for (size_t z = 0; z < 3; z++) {
        g_time_zone_unref(tz[z]);
    }
}

static void
format_iso_round_trips_through_parse(void **state)
{
    static const char *const zones[] = {
        "UTC",
        "Europe/Berlin",
        "America/Los_Angeles",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Pacific/Auckland",
        "America/St_Johns",
        "Pacific/Chatham",
        "America/Santiago",
        "Australia/Lord_Howe",
    };
    char buf[64];

    (void)state;
    for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
        GTimeZone *tz = open_zone(zones[z]);

        /* from 1811 to 2128 in steps of a little over 3 days, hitting all clock times */
        for (int64_t t = -5000000000LL; t < 5000000000LL; t += 277777 + 7) {
            int64_t back = 0;

            assert_true(or_time_format_iso(t, tz, buf, sizeof(buf)) > 0);
            if (or_time_parse_iso8601(buf, NULL, &back) != OR_OK || back != t) {
                g_time_zone_unref(tz);
                fail_msg("%s: %lld -> '%s' -> %lld", zones[z], (long long)t, buf, (long long)back);
            }
        }
        g_time_zone_unref(tz);
    }
}

static void
format_iso_returns_zero_when_buffer_too_small(void **state)
{
    char buf[26];

    (void)state;
    memset(buf, 'x', sizeof(buf));
    assert_int_equal(or_time_format_iso(T_20240115_1430Z, NULL, buf, 25), 0);
    assert_string_equal(buf, "");
    assert_int_equal(or_time_format_iso(T_20240115_1430Z, NULL, buf, 26), 25);
    assert_string_equal(buf, "2024-01-15T14:30:00+00:00");
    assert_int_equal(or_time_format_iso(T_20240115_1430Z, NULL, buf, 0), 0);
}

static void
format_with_pattern_renders_in_the_zone(void **state)
{
    char buf[64];
    GTimeZone *berlin = open_zone("Europe/Berlin");

    (void)state;
    assert_int_equal(or_time_format(1719835200, berlin, "%Y-%m-%d %H:%M %Z", buf, sizeof(buf)),
                     strlen("2024-07-01 14:00 CEST"));
    assert_string_equal(buf, "2024-07-01 14:00 CEST");
    assert_int_equal(or_time_format(1719835200, NULL, "%H:%M%:z", buf, sizeof(buf)), 11);
    assert_string_equal(buf, "12:00+00:00");
    /* too small: 0 and an empty string */
    assert_int_equal(or_time_format(1719835200, berlin, "%Y-%m-%d", buf, 10), 0);
    assert_string_equal(buf, "");
    assert_int_equal(or_time_format(1719835200, berlin, "%Y-%m-%d", buf, 11), 10);
    assert_string_equal(buf, "2024-07-01");
    g_time_zone_unref(berlin);
}

/* ---- local time ----------------------------------------------------------- */

static void
kolkata_midnight_is_1830_utc_previous_day(void **state)
{
    struct or_local_time lt;
    GTimeZone *kolkata = open_zone("Asia/Kolkata");

    (void)state;
    /* 2026-11-24 18:30Z; TZ=Asia/Kolkata date -d @1795545000 '+%F %T %u %j' */
    or_time_local(1795545000, kolkata, &lt);
    g_time_zone_unref(kolkata);
    assert_int_equal(lt.year, 2026);
    assert_int_equal(lt.month, 11);
    assert_int_equal(lt.day, 25);
    assert_int_equal(lt.hour, 0);
    assert_int_equal(lt.minute, 0);
    assert_int_equal(lt.second, 0);
    assert_int_equal(lt.weekday, 3); /* Wednesday */
    assert_int_equal(lt.yday, 329);
    assert_int_equal(lt.utc_offset, 19800);
}

static void
local_time_of_auckland_summer_is_next_day(void **state)
{
    struct or_local_time lt;
    GTimeZone *auckland = open_zone("Pacific/Auckland");

    (void)state;
    or_time_local(T_20240115_1430Z, auckland, &lt);
    g_time_zone_unref(auckland);
    assert_int_equal(lt.day, 16);
    assert_int_equal(lt.hour, 3);
    assert_int_equal(lt.minute, 30);
    assert_int_equal(lt.weekday, 2); /* Tuesday */
    assert_int_equal(lt.yday, 16);
    assert_int_equal(lt.utc_offset, 13 * 3600);
}

static void
local_time_before_1970_has_correct_weekday(void **state)
{
    struct or_local_time lt;

    (void)state;
    or_time_local(-1, NULL, &lt); /* Wed 1969-12-31 23:59:59Z */
    assert_int_equal(lt.year, 1969);
    assert_int_equal(lt.month, 12);
    assert_int_equal(lt.day, 31);
    assert_int_equal(lt.hour, 23);
    assert_int_equal(lt.second, 59);
    assert_int_equal(lt.weekday, 3);
    assert_int_equal(lt.yday, 365);
}

static void
local_time_agrees_with_gdatetime_across_zones(void **state)
{
    static const char *const zones[] = {
        "UTC",
        "Europe/Berlin",
        "America/Los_Angeles",
        "Asia/Kolkata",
        "Pacific/Auckland",
        "America/Santiago",
        "Pacific/Chatham",
        "Europe/Dublin",
    };

    (void)state;
    for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
        GTimeZone *tz = open_zone(zones[z]);

        for (int64_t t = -3000000000LL; t < 4200000000LL; t += 86399 * 13 + 1777) {
            struct or_local_time lt;
            GDateTime *utc = g_date_time_new_from_unix_utc(t);
            GDateTime *loc = g_date_time_to_timezone(utc, tz);

            or_time_local(t, tz, &lt);
            int ok =
                lt.year == g_date_time_get_year(loc) && lt.month == g_date_time_get_month(loc) &&
                lt.day == g_date_time_get_day_of_month(loc) &&
                lt.hour == g_date_time_get_hour(loc) && lt.minute == g_date_time_get_minute(loc) &&
                lt.second == g_date_time_get_second(loc) &&
                lt.weekday == g_date_time_get_day_of_week(loc) &&
                lt.yday == g_date_time_get_day_of_year(loc) &&
                lt.utc_offset == g_date_time_get_utc_offset(loc) / G_TIME_SPAN_SECOND;
            g_date_time_unref(loc);
            g_date_time_unref(utc);
            if (!ok) {
                g_time_zone_unref(tz);
                fail_msg("%s: instant %lld differs from GDateTime", zones[z], (long long)t);
            }
        }
        g_time_zone_unref(tz);
    }
}

static void
from_local_rejects_impossible_fields(void **state)
{
    int64_t t = 7;

    (void)state;
    assert_int_equal(or_time_from_local(NULL, 2023, 2, 29, 0, 0, 0, &t), OR_ERR_INVALID);
    assert_int_equal(or_time_from_local(NULL, 2024, 1, 1, 24, 0, 0, &t), OR_ERR_INVALID);
    assert_int_equal(or_time_from_local(NULL, 2024, 0, 1, 0, 0, 0, &t), OR_ERR_INVALID);
    assert_int_equal(t, 7);
    assert_int_equal(or_time_from_local(NULL, 2024, 1, 15, 14, 30, 0, &t), OR_OK);
    assert_int_equal(t, T_20240115_1430Z);
}

/* ---- zones ---------------------------------------------------------------- */

static void
tz_open_rejects_unknown_zone_with_message(void **state)
{
    GTimeZone *tz = NULL;
    char err[OR_ERR_SIZE] = "";

    (void)state;
    assert_int_equal(or_tz_open("Mars/Base", &tz, err, sizeof(err)), OR_ERR_INVALID);
    assert_null(tz);
    assert_string_equal(err, "unknown time zone 'Mars/Base'");
    assert_int_equal(or_tz_open("europe/berlin", &tz, err, sizeof(err)), OR_ERR_INVALID);
    assert_string_equal(err, "unknown time zone 'europe/berlin'");
    assert_int_equal(or_tz_open("Berlin", &tz, NULL, 0), OR_ERR_INVALID);
}

static void
tz_open_null_means_utc(void **state)
{
    GTimeZone *tz = NULL;
    struct or_local_time lt;

    (void)state;
    assert_int_equal(or_tz_open(NULL, &tz, NULL, 0), OR_OK);
    assert_non_null(tz);
    assert_string_equal(g_time_zone_get_identifier(tz), "UTC");
    or_time_local(1719835200, tz, &lt);
    assert_int_equal(lt.utc_offset, 0);
    g_time_zone_unref(tz);
}

/* GLib takes all of these as zones: "" as UTC, "UTC+5" as 5 hours *behind*
 * UTC, paths as zone files.  None is a report's zone. */
static void
expect_not_a_zone(const char *name, const char *reason)
{
    GTimeZone *tz = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_tz_open(name, &tz, err, sizeof(err)), OR_ERR_INVALID);
    assert_null(tz);
    if (strstr(err, reason) == NULL) {
        fail_msg("'%s': expected '%s' in: %s", name, reason, err);
    }
}

static void
tz_open_refuses_empty_posix_rules_offsets_and_paths(void **state)
{
    (void)state;
    expect_not_a_zone("", "empty time zone name");
    expect_not_a_zone("UTC+5", "'UTC+5' is a POSIX TZ rule");
    expect_not_a_zone("EST5EDT,M3.2.0,M11.1.0", "POSIX TZ rule");
    expect_not_a_zone("<+05>-5", "POSIX TZ rule");
    expect_not_a_zone("+05:00", "POSIX TZ rule or an offset");
    expect_not_a_zone("/etc/localtime", "'/etc/localtime' is a file path");
    expect_not_a_zone("/usr/share/zoneinfo/UTC", "is a file path");
    expect_not_a_zone("../x", "'../x' is a file path");
    expect_not_a_zone("Europe/../Europe/Berlin", "is a file path");
    expect_not_a_zone("./UTC", "is a file path");
    expect_not_a_zone("localtime", "is a file path");
    expect_not_a_zone("Europe//Berlin", "is a file path");
}

static void
tz_open_accepts_database_names_with_signs_and_digits(void **state)
{
    GTimeZone *tz = NULL;
    struct or_local_time lt;

    (void)state;
    /* The zone database's fixed zones keep POSIX's sign: Etc/GMT-5 is UTC+05:00. */
    assert_int_equal(or_tz_open("Etc/GMT-5", &tz, NULL, 0), OR_OK);
    or_time_local(1719835200, tz, &lt);
    assert_int_equal(lt.utc_offset, 5 * 3600);
    g_time_zone_unref(tz);
    assert_int_equal(or_tz_open("EST5EDT", &tz, NULL, 0), OR_OK);
    g_time_zone_unref(tz);
    assert_int_equal(or_tz_open("America/Argentina/Buenos_Aires", &tz, NULL, 0), OR_OK);
    g_time_zone_unref(tz);
    assert_int_equal(or_tz_open("UTC", &tz, NULL, 0), OR_OK);
    g_time_zone_unref(tz);
}

static void
tz_open_accepts_iana_names(void **state)
{
    GTimeZone *tz = NULL;
    struct or_local_time lt;

    (void)state;
    assert_int_equal(or_tz_open("America/Los_Angeles", &tz, NULL, 0), OR_OK);
    or_time_local(1719835200, tz, &lt); /* July: PDT */
    assert_int_equal(lt.utc_offset, -7 * 3600);
    g_time_zone_unref(tz);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(days_from_civil_matches_known_day_numbers),
        cmocka_unit_test(civil_from_days_inverts_days_from_civil_over_ten_thousand_years),
        cmocka_unit_test(days_from_civil_rolls_days_and_months_over),
        cmocka_unit_test(civil_conversions_are_per_thread),
        cmocka_unit_test(days_in_month_knows_gregorian_leap_years),
        cmocka_unit_test(date_parse_accepts_leap_day_only_in_leap_years),
        cmocka_unit_test(date_parse_rejects_malformed_dates),
        cmocka_unit_test(iso_parse_z_form),
        cmocka_unit_test(iso_parse_truncates_fractional_seconds),
        cmocka_unit_test(iso_parse_colon_offset_plus_0530),
        cmocka_unit_test(iso_parse_compact_offset_plus_0530),
        cmocka_unit_test(iso_parse_hour_only_and_negative_offsets),
        cmocka_unit_test(iso_parse_offset_form_ignores_default_zone),
        cmocka_unit_test(iso_parse_local_time_uses_default_zone),
        cmocka_unit_test(iso_parse_date_only_is_midnight_in_default_zone),
        cmocka_unit_test(iso_parse_local_time_in_dst_gap_and_overlap_follows_glib),
        cmocka_unit_test(iso_parse_handles_dates_far_from_1970),
        cmocka_unit_test(iso_parse_rejects_garbage_and_trailing_junk),
        cmocka_unit_test(iso_parse_rejects_out_of_range_fields),
        cmocka_unit_test(format_iso_in_utc_gives_plus_00_00),
        cmocka_unit_test(format_iso_uses_the_offset_in_force_at_the_instant),
        cmocka_unit_test(format_iso_round_trips_through_parse),
        cmocka_unit_test(offsets_stay_right_when_instants_jump_across_transitions_and_zones),
        cmocka_unit_test(format_iso_returns_zero_when_buffer_too_small),
        cmocka_unit_test(format_with_pattern_renders_in_the_zone),
        cmocka_unit_test(kolkata_midnight_is_1830_utc_previous_day),
        cmocka_unit_test(local_time_of_auckland_summer_is_next_day),
        cmocka_unit_test(local_time_before_1970_has_correct_weekday),
        cmocka_unit_test(local_time_agrees_with_gdatetime_across_zones),
        cmocka_unit_test(from_local_rejects_impossible_fields),
        cmocka_unit_test(tz_open_rejects_unknown_zone_with_message),
        cmocka_unit_test(tz_open_null_means_utc),
        cmocka_unit_test(tz_open_refuses_empty_posix_rules_offsets_and_paths),
        cmocka_unit_test(tz_open_accepts_database_names_with_signs_and_digits),
        cmocka_unit_test(tz_open_accepts_iana_names),
    };

    return cmocka_run_group_tests_name("timeutil", tests, NULL, NULL);
}

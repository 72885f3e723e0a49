/* SPDX-License-Identifier: MIT */
/*
 * The one formatter of values (valuefmt.c), as plugins reach it through the
 * host table (or_host.format_value, format_change) and as the core's
 * e-mails use it: every format, the edge values, the report's zone, and the
 * KPI change texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include "base/valuefmt.h"
#include "plugin/host.h"

static struct or_host host;
static struct or_host_ctx ctx;

static int
setup(void **state)
{
    (void)state;
    ctx = (struct or_host_ctx){.plugin_name = "test",
                               .tz = g_time_zone_new_identifier("Europe/Berlin")};
    assert_non_null(ctx.tz);
    or_host_init(&host, &ctx);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    g_time_zone_unref(ctx.tz);
    return 0;
}

/* Fails unless @p v in @p fmt (with @p decimals) reads @p want. */
static void
expect(struct or_value v, enum or_format fmt, int decimals, const char *want)
{
    char buf[64];
    memset(buf, 'x', sizeof(buf));
    assert_int_equal(host.format_value(&host, &v, fmt, decimals, buf, sizeof(buf)), OR_OK);
    if (strcmp(buf, want) != 0) {
        fail_msg("format %d, decimals %d: got \"%s\", want \"%s\"", (int)fmt, decimals, buf, want);
    }
}

static struct or_value
i64(int64_t i)
{
    return (struct or_value){.type = OR_TYPE_INT, .i = i};
}

static struct or_value
real(double r)
{
    return (struct or_value){.type = OR_TYPE_REAL, .r = r};
}

static void
numbers_are_grouped_per_format(void **state)
{
    (void)state;
    expect(i64(12345), OR_FMT_AUTO, -1, "12,345");
    expect(i64(-1234567), OR_FMT_INTEGER, -1, "-1,234,567");
    expect(real(1234.5), OR_FMT_AUTO, -1, "1,234.50");
    expect(real(1234.5), OR_FMT_INTEGER, -1, "1,235");
    expect(real(-0.004), OR_FMT_DECIMAL, -1, "0.00"); /* no "-0.00" */
    expect(real(0.25), OR_FMT_PERCENT, -1, "25.0 %");
    expect(real(12.3456), OR_FMT_PERCENT, -1, "1,234.6 %");
    expect(real(2.5), OR_FMT_DECIMAL, 0, "3");
    expect(real(0.125), OR_FMT_PERCENT, 2, "12.50 %");
    expect(real(1.23456789), OR_FMT_DECIMAL, 9, "1.234568"); /* at most 6 */
    expect(i64(2026), OR_FMT_TEXT, -1, "2026");              /* as it is */
    expect(real(0.25), OR_FMT_TEXT, -1, "0.25");
}

static void
durations_are_hours_minutes_seconds(void **state)
{
    (void)state;
    expect(i64(3723), OR_FMT_DURATION, -1, "1:02:03");
    expect(i64(123), OR_FMT_DURATION, -1, "0:02:03");
    expect(real(97200.4), OR_FMT_DURATION, -1, "27:00:00");
    expect(i64(-59), OR_FMT_DURATION, -1, "-0:00:59");
}

static void
odd_values_have_plain_texts(void **state)
{
    (void)state;
    expect((struct or_value){.type = OR_TYPE_INT, .is_null = 1}, OR_FMT_INTEGER, -1,
           "\xE2\x80\x93");
    expect(real(NAN), OR_FMT_DECIMAL, -1, "n/a");
    expect(real(-INFINITY), OR_FMT_INTEGER, -1, "-inf");
    expect(real(1.23456e16), OR_FMT_INTEGER, -1, "1.235e+16");
    expect(real(NAN), OR_FMT_DURATION, -1, "n/a");
    expect((struct or_value){.type = OR_TYPE_BOOL, .i = 1}, OR_FMT_AUTO, -1, "yes");
    expect((struct or_value){.type = OR_TYPE_BOOL, .i = 0}, OR_FMT_INTEGER, -1, "no");
    /* Text is never read as a number. */
    expect((struct or_value){.type = OR_TYPE_TEXT, .s = "0012", .len = 4}, OR_FMT_INTEGER, -1,
           "0012");
}

static void
instants_are_shown_in_the_reports_zone(void **state)
{
    (void)state;
    struct or_value summer = {.type = OR_TYPE_TIME, .i = 1784534400}; /* 2026-07-20T08:00Z */
    struct or_value winter = {.type = OR_TYPE_TIME, .i = 1795021800}; /* 2026-11-18T17:10Z */
    expect(summer, OR_FMT_AUTO, -1, "2026-07-20 10:00");              /* CEST */
    expect(winter, OR_FMT_DATETIME, -1, "2026-11-18 18:10");          /* CET */
    expect(winter, OR_FMT_DATE, -1, "2026-11-18");
    expect(winter, OR_FMT_INTEGER, -1, "2026-11-18 18:10"); /* an instant stays one */
    expect(i64(1795021800), OR_FMT_DATE, -1, "2026-11-18");
}

static void
text_that_does_not_fit_is_cut_between_characters(void **state)
{
    (void)state;
    struct or_value v = {.type = OR_TYPE_TEXT, .s = "Zoë", .len = 4};
    char buf[4];
    assert_int_equal(host.format_value(&host, &v, OR_FMT_AUTO, -1, buf, sizeof(buf)),
                     OR_ERR_INVALID);
    assert_string_equal(buf, "Zo"); /* not half of the ë */
    struct or_value n = i64(1234567);
    char small[6];
    assert_int_equal(host.format_value(&host, &n, OR_FMT_INTEGER, -1, small, sizeof(small)),
                     OR_ERR_INVALID);
    assert_string_equal(small, "1,234");
    assert_int_equal(host.format_value(&host, &n, OR_FMT_INTEGER, -1, small, 0), OR_ERR_INVALID);
    assert_int_equal(host.format_value(&host, NULL, OR_FMT_INTEGER, -1, small, 6), OR_ERR_INVALID);
}

/* The change text of a KPI through the host; "" when there is none. */
static const char *
change_of(struct or_kpi k, int *direction)
{
    static char buf[64];
    assert_int_equal(host.format_change(&host, &k, buf, sizeof(buf), direction), OR_OK);
    return buf;
}

static void
kpi_changes_are_points_percent_or_difference(void **state)
{
    (void)state;
    int dir = 9;
    struct or_kpi calls = {.format = OR_FMT_INTEGER,
                           .has_value = 1,
                           .value = 12345,
                           .has_previous = 1,
                           .previous = 11980};
    assert_string_equal(change_of(calls, &dir), "+3.0 %");
    assert_int_equal(dir, 1);
    struct or_kpi rate = {.format = OR_FMT_PERCENT,
                          .has_value = 1,
                          .value = 0.25,
                          .has_previous = 1,
                          .previous = 0.229};
    assert_string_equal(change_of(rate, &dir), "+2.1 pp");
    struct or_kpi from_zero = {
        .format = OR_FMT_DURATION, .has_value = 1, .value = 65, .has_previous = 1, .previous = 0};
    assert_string_equal(change_of(from_zero, &dir), "+0:01:05");
    struct or_kpi flat = {.format = OR_FMT_AUTO,
                          .has_value = 1,
                          .value = 1000.2,
                          .has_previous = 1,
                          .previous = 1000};
    assert_string_equal(change_of(flat, &dir), "\xC2\xB1"
                                               "0.0 %");
    assert_int_equal(dir, 0);
    struct or_kpi fell = {.format = OR_FMT_INTEGER,
                          .has_value = 1,
                          .value = 10,
                          .has_previous = 1,
                          .previous = 10000};
    assert_string_equal(change_of(fell, &dir), "-99.9 %");
    assert_int_equal(dir, -1);
    struct or_kpi alone = {.format = OR_FMT_INTEGER, .has_value = 1, .value = 10};
    assert_string_equal(change_of(alone, &dir), "");
    assert_int_equal(dir, 0);
}

/* The core's own callers (e-mails, text sections) get the same text. */
static void
core_and_plugins_share_one_formatter(void **state)
{
    (void)state;
    struct or_value vals[] = {i64(40211), real(0.281), real(184250.5)};
    enum or_format fmts[] = {OR_FMT_DURATION, OR_FMT_PERCENT, OR_FMT_AUTO};
    for (size_t i = 0; i < 3; i++) {
        char a[64], b[64];
        or_value_format(&vals[i], fmts[i], ctx.tz, a, sizeof(a));
        assert_int_equal(host.format_value(&host, &vals[i], fmts[i], -1, b, sizeof(b)), OR_OK);
        assert_string_equal(a, b);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_are_grouped_per_format),
        cmocka_unit_test(durations_are_hours_minutes_seconds),
        cmocka_unit_test(odd_values_have_plain_texts),
        cmocka_unit_test(instants_are_shown_in_the_reports_zone),
        cmocka_unit_test(text_that_does_not_fit_is_cut_between_characters),
        cmocka_unit_test(kpi_changes_are_points_percent_or_difference),
        cmocka_unit_test(core_and_plugins_share_one_formatter),
    };
    return cmocka_run_group_tests_name("valuefmt", tests, setup, teardown);
}

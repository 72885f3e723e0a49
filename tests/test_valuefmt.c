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

#include "base/locale.h"
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

/* @p v as integer and as percent, and 16 Nov 2026 09:30, in locale @p tag. */
static void
expect_locale(const char *tag, double v, const char *integer, const char *percent, const char *date)
{
    struct or_locale *loc = NULL;
    char err[256];
    char buf[OR_VALUEFMT_SIZE];
    assert_int_equal(or_locale_load(tag, &loc, err, sizeof(err)), OR_OK);
    struct or_value iv = real(v);
    assert_int_equal(
        or_value_text_loc(&iv, OR_FMT_INTEGER, -1, ctx.tz, NULL, loc, buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, integer);
    struct or_value pv = real(0.253);
    assert_int_equal(
        or_value_text_loc(&pv, OR_FMT_PERCENT, -1, ctx.tz, NULL, loc, buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, percent);
    const int parts[5] = {2026, 11, 16, 9, 30};
    or_locale_date(loc, parts, 0, buf, sizeof(buf));
    if (strstr(buf, date) == NULL) {
        fail_msg("%s: date \"%s\" lacks \"%s\"", tag, buf, date);
    }
    or_locale_free(loc);
}

static void
locale_digits_follow_its_numbering_system_or_the_u_nu_extension(void **state)
{
    (void)state;
    expect_locale("de-DE", 12345, "12.345", "25,3 %", "16.11.2026");
    /* a whole number shown as it is (a page number, an ID) takes the digits too */
    struct or_locale *ar = NULL;
    char err[256];
    char buf[OR_VALUEFMT_SIZE];
    assert_int_equal(or_locale_load("ar-EG", &ar, err, sizeof(err)), OR_OK);
    struct or_value page = i64(12);
    assert_int_equal(or_value_text_loc(&page, OR_FMT_TEXT, -1, ctx.tz, NULL, ar, buf, sizeof(buf)),
                     OR_OK);
    assert_string_equal(buf, "\u0661\u0662");
    or_locale_free(ar);
    /* Arabic-Indic digits, Arabic separators: numbers and dates alike */
    expect_locale("ar-EG", 12345, "\u0661\u0662\u066C\u0663\u0664\u0665",
                  "\u0662\u0665\u066B\u0663 %", "\u0662\u0660\u0662\u0666");
    /* the tag asks for Latin digits: no Arabic-Indic digit anywhere */
    expect_locale("ar-EG-u-nu-latn", 12345, "12,345", "25.3 %", "2026");
    expect_locale("bn-BD", 12345, "\u09E7\u09E8,\u09E9\u09EA\u09EB", "\u09E8\u09EB.\u09E9 %",
                  "\u09E8\u09E6\u09E8\u09EC");
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
    expect(real(1234567.0), OR_FMT_TEXT, -1, "1234567"); /* not "1.23457e+06" */
    expect(real(-9007199254740.0), OR_FMT_TEXT, -1, "-9007199254740");
    expect(real(0.1 + 0.2), OR_FMT_TEXT, -1, "0.3");
    expect(real(1234.5678), OR_FMT_TEXT, -1, "1234.5678");
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

/* A cell through the host: kind, number, number format and text. */
static struct or_display
cell(struct or_value v, enum or_format fmt, unsigned flags)
{
    struct or_display d = {.size = sizeof(d)};
    assert_int_equal(host.format_cell(&host, &v, fmt, flags, &d), OR_OK);
    return d;
}

static void
expect_cell(struct or_value v, enum or_format fmt, unsigned flags, enum or_display_kind kind,
            double number, const char *code, const char *text)
{
    struct or_display d = cell(v, fmt, flags);
    if (d.kind != kind || strcmp(d.num_format, code) != 0 || strcmp(d.text, text) != 0 ||
        fabs(d.number - number) > 1e-9) {
        fail_msg("format %d: got kind %d, %.10g, \"%s\", \"%s\"; want kind %d, %.10g, \"%s\", "
                 "\"%s\"",
                 (int)fmt, (int)d.kind, d.number, d.num_format, d.text, (int)kind, number, code,
                 text);
    }
}

/* Each format's cell: the text documents show and the typed value with the
 * Excel format that shows the same text. */
static void
cells_carry_the_text_and_a_number_format_that_shows_it(void **state)
{
    (void)state;
    ctx.currency = "EUR";
    expect_cell(i64(12345), OR_FMT_INTEGER, 0, OR_DISPLAY_NUMBER, 12345, "#,##0", "12,345");
    expect_cell(real(1234.5), OR_FMT_DECIMAL, 0, OR_DISPLAY_NUMBER, 1234.5, "#,##0.00", "1,234.50");
    expect_cell(real(0.25), OR_FMT_PERCENT, 0, OR_DISPLAY_NUMBER, 0.25, "0.0\" \"%", "25.0 %");
    expect_cell(i64(3723), OR_FMT_DURATION, 0, OR_DISPLAY_NUMBER, 3723 / 86400.0, "[h]:mm:ss",
                "1:02:03");
    expect_cell(real(-1234.5), OR_FMT_CURRENCY, 0, OR_DISPLAY_NUMBER, -1234.5,
                "\"\xE2\x82\xAC\"#,##0.00",
                "-\xE2\x82\xAC"
                "1,234.50");
    /* min(started_at) is an INT: an instant in the report's zone (CET) */
    expect_cell(i64(1795021800), OR_FMT_DATETIME, 0, OR_DISPLAY_NUMBER,
                46344 + 18 / 24.0 + 10 / 1440.0, "yyyy-mm-dd hh:mm", "2026-11-18 18:10");
    expect_cell(i64(1795021800), OR_FMT_DATE, 0, OR_DISPLAY_NUMBER, 46344, "yyyy-mm-dd",
                "2026-11-18");
    /* local_date() is text: a date cell of that day */
    struct or_value day = {.type = OR_TYPE_TEXT, .s = "2026-11-16", .len = 10};
    expect_cell(day, OR_FMT_DATE, 0, OR_DISPLAY_NUMBER, 46342, "yyyy-mm-dd", "2026-11-16");
    struct or_value mon = {.type = OR_TYPE_TEXT, .s = "Mon", .len = 3};
    expect_cell(mon, OR_FMT_DATE, 0, OR_DISPLAY_TEXT, 0, "", "");
    struct or_value n = {.type = OR_TYPE_TEXT, .s = "25", .len = 2};
    expect_cell(n, OR_FMT_INTEGER, 0, OR_DISPLAY_NUMBER, 25, "#,##0", "25");
    /* before Excel's calendar: the text, as a text cell */
    expect_cell((struct or_value){.type = OR_TYPE_TIME, .i = -2209075200LL - 3600}, OR_FMT_AUTO, 0,
                OR_DISPLAY_STRING, 0, "", "1899-12-31 00:00");
    expect_cell((struct or_value){.type = OR_TYPE_BOOL, .i = 1}, OR_FMT_AUTO, 0, OR_DISPLAY_BOOL, 1,
                "", "yes");
    expect_cell((struct or_value){.type = OR_TYPE_INT, .is_null = 1}, OR_FMT_INTEGER, 0,
                OR_DISPLAY_BLANK, 0, "", "\xE2\x80\x93");
    /* data files: no thousands separators, the profile's decimal mark */
    expect_cell(real(1234.5), OR_FMT_CURRENCY, OR_DISPLAY_PLAIN | OR_DISPLAY_DECIMAL_COMMA,
                OR_DISPLAY_NUMBER, 1234.5, "\"\xE2\x82\xAC\"#,##0.00",
                "\xE2\x82\xAC"
                "1234,50");
    expect_cell(real(0.25), OR_FMT_PERCENT, OR_DISPLAY_NO_TEXT, OR_DISPLAY_NUMBER, 0.25,
                "0.0\" \"%", "");
    ctx.currency = "JPY";
    expect_cell(real(1234.5), OR_FMT_CURRENCY, 0, OR_DISPLAY_NUMBER, 1234.5, "\"\xC2\xA5\"#,##0",
                "\xC2\xA5"
                "1,235");
    ctx.currency = "CHF";
    expect_cell(real(12), OR_FMT_CURRENCY, 0, OR_DISPLAY_NUMBER, 12, "\"CHF \"#,##0.00",
                "CHF 12.00");
    ctx.currency = NULL;
    struct or_display small = {.size = 8};
    struct or_value one = i64(1);
    assert_int_equal(host.format_cell(&host, &one, OR_FMT_INTEGER, 0, &small), OR_ERR_INVALID);
}

/* A KPI's parts as cells: the change stored rounded as its text, so that
 * Excel's sign section agrees with the text. */
static void
kpi_cells_round_the_change_as_the_text_does(void **state)
{
    (void)state;
    struct or_display d = {.size = sizeof(d)};
    int dir = 9;
    struct or_kpi flat = {.format = OR_FMT_INTEGER,
                          .has_value = 1,
                          .value = 1000.2,
                          .has_previous = 1,
                          .previous = 1000};
    assert_int_equal(host.format_kpi(&host, &flat, OR_KPI_CHANGE, 0, &d, &dir), OR_OK);
    assert_string_equal(d.text, "\xC2\xB1"
                                "0.0 %");
    assert_true(d.number == 0.0 && dir == 0);
    assert_string_equal(d.num_format, "+0.0\" \"%;-0.0\" \"%;\"\xC2\xB1\"0.0\" \"%");
    assert_int_equal(host.format_kpi(&host, &flat, OR_KPI_VALUE, 0, &d, NULL), OR_OK);
    assert_string_equal(d.text, "1,000");
    struct or_kpi rate = {.format = OR_FMT_PERCENT,
                          .has_value = 1,
                          .value = 0.25,
                          .has_previous = 1,
                          .previous = 0.229};
    assert_int_equal(host.format_kpi(&host, &rate, OR_KPI_CHANGE, 0, &d, &dir), OR_OK);
    assert_string_equal(d.text, "+2.1 pp");
    assert_true(fabs(d.number - 2.1) < 1e-12 && dir == 1);
    struct or_kpi first = {.format = OR_FMT_DATETIME, .has_value = 1, .value = 1795021800};
    assert_int_equal(host.format_kpi(&host, &first, OR_KPI_VALUE, 0, &d, NULL), OR_OK);
    assert_string_equal(d.text, "2026-11-18 18:10");
    assert_string_equal(d.num_format, "yyyy-mm-dd hh:mm");
    assert_int_equal(host.format_kpi(&host, &first, OR_KPI_PREVIOUS, 0, &d, NULL), OR_OK);
    assert_int_equal(d.kind, OR_DISPLAY_BLANK);
    assert_int_equal(host.format_kpi(&host, &first, OR_KPI_CHANGE, 0, &d, &dir), OR_OK);
    assert_int_equal(d.kind, OR_DISPLAY_BLANK);
    assert_string_equal(d.text, "");
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
        cmocka_unit_test(locale_digits_follow_its_numbering_system_or_the_u_nu_extension),
        cmocka_unit_test(cells_carry_the_text_and_a_number_format_that_shows_it),
        cmocka_unit_test(kpi_cells_round_the_change_as_the_text_does),
    };
    return cmocka_run_group_tests_name("valuefmt", tests, setup, teardown);
}

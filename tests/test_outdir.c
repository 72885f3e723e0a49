/* SPDX-License-Identifier: MIT */
/* Placeholders in an output folder (job/outdir.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

#include "job/outdir.h"

static char *
expand(const char *pattern, const char *first, const char *last, const char *tpl)
{
    struct or_period p;
    memset(&p, 0, sizeof(p));
    g_strlcpy(p.first_day, first, sizeof(p.first_day));
    g_strlcpy(p.last_day, last, sizeof(p.last_day));
    struct or_out_vars v = {&p, tpl};
    char *out = NULL;
    char err[OR_ERR_SIZE] = "";
    if (or_out_expand(pattern, &v, "--out", &out, err, sizeof(err)) != OR_OK) {
        return g_strdup(err);
    }
    return out;
}

static void
assert_expands(const char *pattern, const char *first, const char *last, const char *want)
{
    char *got = expand(pattern, first, last, "weekly-manager");
    assert_string_equal(got, want);
    g_free(got);
}

static void
every_placeholder_is_filled_and_other_text_kept(void **state)
{
    (void)state;
    assert_expands("/var/lib/outreport/{iso_week}", "2026-11-16", "2026-11-22",
                   "/var/lib/outreport/2026-W47");
    assert_expands("r/{template}/{period_start}..{period_end}/x", "2026-11-16", "2026-11-22",
                   "r/weekly-manager/2026-11-16..2026-11-22/x");
    assert_expands("{template}{template}", "2026-11-16", "2026-11-22",
                   "weekly-managerweekly-manager");
    assert_expands("plain/folder", "2026-11-16", "2026-11-22", "plain/folder");
    assert_expands("", "2026-11-16", "2026-11-22", "");
}

/* The ISO week belongs to the ISO year: late December may be week 1 of the
 * next year, early January week 52 or 53 of the last. */
static void
iso_week_is_that_of_the_first_day_in_its_iso_year(void **state)
{
    (void)state;
    assert_expands("{iso_week}", "2024-12-30", "2025-01-05", "2025-W01");
    assert_expands("{iso_week}", "2027-01-01", "2027-01-03", "2026-W53");
    assert_expands("{iso_week}", "2021-01-03", "2021-01-03", "2020-W53");
    assert_expands("{iso_week}", "2026-01-05", "2026-01-11", "2026-W02");
    /* a month reports the week of its first day */
    assert_expands("{iso_week}", "2026-11-01", "2026-11-30", "2026-W44");
}

static void
unknown_or_unclosed_placeholders_are_errors_naming_them(void **state)
{
    (void)state;
    char *e = expand("reports/{week}", "2026-11-16", "2026-11-22", "t");
    assert_non_null(strstr(e, "--out reports/{week}: unknown placeholder {week}"));
    assert_non_null(strstr(e, "{period_start}, {period_end}, {iso_week}, {template}"));
    g_free(e);
    e = expand("reports/{iso_week", "2026-11-16", "2026-11-22", "t");
    assert_non_null(strstr(e, "a '{' left open"));
    g_free(e);
    e = expand("reports/iso_week}", "2026-11-16", "2026-11-22", "t");
    assert_non_null(strstr(e, "a '}' without its '{'"));
    g_free(e);
    e = expand("reports/{}", "2026-11-16", "2026-11-22", "t");
    assert_non_null(strstr(e, "unknown placeholder {}"));
    g_free(e);
    /* without a period, the period's placeholders have no value */
    struct or_out_vars v = {NULL, "t"};
    char *out = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_out_expand("x/{period_end}", &v, "out", &out, err, sizeof(err)),
                     OR_ERR_CONFIG);
    assert_null(out);
    assert_non_null(strstr(err, "out x/{period_end}: placeholder {period_end} has no value"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_placeholder_is_filled_and_other_text_kept),
        cmocka_unit_test(iso_week_is_that_of_the_first_day_in_its_iso_year),
        cmocka_unit_test(unknown_or_unclosed_placeholders_are_errors_naming_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

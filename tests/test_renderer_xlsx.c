/* SPDX-License-Identifier: MIT */
/*
 * Tests of the XLSX renderer plugin.  The real renderer_xlsx.so is dlopen()ed
 * from $OUTREPORT_PLUGIN_PATH and driven through the fake host of
 * fake_renderer_host.h: a cursor over static rows (or rows generated on the
 * fly), local_time and format_time in a fixed +01:00 zone, a log that counts
 * warnings.  Every workbook is read back by an independent reader,
 * tests/check_xlsx.py (openpyxl), whose printed facts the tests look for.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "outreport/plugin.h"
#include "fake_renderer_host.h"
#include "proc.h"

#define PYTHON "/usr/bin/python3"

static struct fake_renderer_state host_state;
static struct or_host fake_host;

/* Generated rows: (i, "row number i", i - 0.75) for i from 1. */
static void
numbered_row(struct or_cursor *c, struct or_value *row)
{
    int64_t i = (int64_t)c->pos;
    int len = snprintf(c->text[0], sizeof(c->text[0]), "row number %lld", (long long)i + 1);
    row[0] = (struct or_value){.type = OR_TYPE_INT, .i = i + 1};
    row[1] = (struct or_value){.type = OR_TYPE_TEXT, .s = c->text[0], .len = (size_t)len};
    row[2] = (struct or_value){.type = OR_TYPE_REAL, .r = (double)i + 0.25};
}

/* ------------------------------------------------------------------------- */
/* Report building                                                            */
/* ------------------------------------------------------------------------- */

#define COL(n, t)                                                                                  \
    {                                                                                              \
        .name = (n), .label = "Label of " n, .type = (t)                                           \
    }
#define COLF(n, t, f)                                                                              \
    {                                                                                              \
        .name = (n), .label = (n), .type = (t), .format = (f)                                      \
    }

/* 2026-11-09T23:30:00Z, 00:30 on the 10th in the +01:00 report zone. */
#define LATE_EVENING 1794267000LL
/* 2026-11-23T08:00:00Z, when the reports of these tests were generated. */
#define GENERATED_AT 1795420800LL

/* One result set: rows behind a cursor. */
struct data {
    struct or_cursor cursor;
    struct or_result result;
};

static void
data_init(struct data *d, const struct or_result_column *cols, size_t ncols,
          const struct or_value *rows, size_t nrows)
{
    memset(d, 0, sizeof(*d));
    fake_renderer_result(&d->cursor, &d->result, cols, ncols, rows, nrows);
    d->cursor.gen = numbered_row;
}

static struct or_section
table_section(const char *id, const char *title, struct data *d)
{
    return (struct or_section){
        .kind = OR_SECTION_TABLE, .id = id, .title = title, .result = &d->result};
}

static struct or_report
report_of(const struct or_section *sections, size_t n)
{
    return (struct or_report){.title = "Weekly",
                              .tz = "Etc/GMT-1",
                              .generated_at = GENERATED_AT,
                              .nsections = n,
                              .sections = fake_sections(sections, n)};
}

/* ------------------------------------------------------------------------- */
/* Suite, rendering and the reader                                            */
/* ------------------------------------------------------------------------- */

/* The reader, and its output of the last check (malloc'd). */
static char check_script[1024];
static char *check_out;

static int
suite_setup(void **state)
{
    static struct fake_renderer_suite s;
    const char *src = getenv("OR_SOURCE_ROOT");

    if (src == NULL) {
        fprintf(stderr, "OR_SOURCE_ROOT must be set\n");
        return -1;
    }
    snprintf(check_script, sizeof(check_script), "%s/tests/check_xlsx.py", src);
    return fake_renderer_suite_setup(state, &s, "xlsx", &fake_host, &host_state);
}

static int
suite_teardown(void **state)
{
    free(check_out);
    check_out = NULL;
    return fake_renderer_suite_teardown(state);
}

static int
test_setup(void **state)
{
    return fake_renderer_test_setup(state);
}

/* Render @p report into <dir>/<name>.xlsx; the path is left in s->path. */
static or_status
render(struct fake_renderer_suite *s, const struct or_report *report, const char *name,
       const struct or_option *opts, size_t nopts)
{
    or_status st = fake_renderer_render(s, report, name, opts, nopts);
    if (st != OR_OK) {
        fprintf(stderr, "render: %s\n", s->err);
    }
    return st;
}

/* Run check_xlsx.py on s->path; its output is left in check_out. */
static const char *
check(struct fake_renderer_suite *s, const char *command, const char *arg)
{
    const char *argv[] = {PYTHON, check_script, s->path, command, arg, NULL};
    struct proc_result r;

    free(check_out);
    check_out = NULL;
    if (proc_run(argv, NULL, 120, &r) != 0) {
        fail_msg("cannot run %s", check_script);
    }
    if (r.status != 0) {
        fprintf(stderr, "%s", r.err);
        proc_result_free(&r);
        fail_msg("check_xlsx.py %s %s failed on %s", command, arg != NULL ? arg : "", s->path);
    }
    check_out = r.out;
    r.out = NULL;
    proc_result_free(&r);
    return check_out;
}

/* Nonzero when @p text has a line equal to @p want or starting with it and a space. */
static int
has_line(const char *text, const char *want)
{
    size_t n = strlen(want);
    const char *line = text;
    while (line != NULL && *line != '\0') {
        if (strncmp(line, want, n) == 0 && (line[n] == '\n' || line[n] == ' ' || line[n] == '\0')) {
            return 1;
        }
        line = strchr(line, '\n');
        line = line != NULL ? line + 1 : NULL;
    }
    return 0;
}

static void
assert_line_(const char *text, const char *want, const char *file, int lineno)
{
    if (!has_line(text, want)) {
        fprintf(stderr, "--- reader output ---\n%s--- end ---\n", text);
        _fail(file, lineno);
        fail_msg("no line \"%s\"", want);
    }
}

static void
assert_no_line_(const char *text, const char *want, const char *file, int lineno)
{
    if (has_line(text, want)) {
        fprintf(stderr, "--- reader output ---\n%s--- end ---\n", text);
        _fail(file, lineno);
        fail_msg("unexpected line \"%s\"", want);
    }
}

static void
assert_contains_(const char *text, const char *want, const char *file, int lineno)
{
    if (strstr(text, want) == NULL) {
        fprintf(stderr, "--- text ---\n%s\n--- end ---\n", text);
        _fail(file, lineno);
        fail_msg("\"%s\" not found", want);
    }
}

#define assert_line(t, w) assert_line_((t), (w), __FILE__, __LINE__)
#define assert_no_line(t, w) assert_no_line_((t), (w), __FILE__, __LINE__)
#define assert_contains(t, w) assert_contains_((t), (w), __FILE__, __LINE__)

static char *
read_all(const char *path, size_t *len)
{
    char *buf = test_read_file(path, len);
    if (buf == NULL) {
        fail_msg("cannot read %s: %s", path, strerror(errno));
    }
    return buf;
}

/* Names in s->dir other than the rendered files (temporary files left behind). */
static int
stray_files(const struct fake_renderer_suite *s)
{
    int n = 0;
    DIR *d = opendir(s->dir);
    const struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] != '.' && (len < 5 || strcmp(e->d_name + len - 5, ".xlsx") != 0)) {
            fprintf(stderr, "stray file %s\n", e->d_name);
            n++;
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

/* ------------------------------------------------------------------------- */
/* Tests                                                                      */
/* ------------------------------------------------------------------------- */

static void
descriptor_is_xlsx_renderer_with_max_rows_option(void **state)
{
    const struct fake_renderer_suite *s = *state;
    const struct or_plugin *p = s->plugin;

    assert_non_null(p);
    assert_int_equal(p->abi_major, OR_ABI_MAJOR);
    assert_int_equal(p->abi_minor, OR_ABI_MINOR);
    assert_int_equal(p->kind, OR_PLUGIN_RENDERER);
    assert_string_equal(p->name, "xlsx");
    assert_non_null(p->version);
    assert_non_null(p->description);
    assert_null(p->provider);
    assert_non_null(p->renderer);
    assert_string_equal(p->renderer->format, "xlsx");
    assert_string_equal(p->renderer->mime_type,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_non_null(p->renderer->render);
    assert_int_equal(p->renderer->noptions, 1);
    assert_string_equal(p->renderer->options[0]->name, "max_rows");
    assert_int_equal(p->renderer->options[0]->type, OR_PARAM_INT);
    assert_int_equal(p->renderer->options[0]->required, 0);
    assert_non_null(strstr(p->renderer->options[0]->description, "1048575"));
}

static void
only_the_entry_symbol_is_exported(void **state)
{
    const struct fake_renderer_suite *s = *state;
    assert_null(dlsym(s->dl, "xlsx_render"));
    assert_null(dlsym(s->dl, "xlsx_names_add"));
    assert_null(dlsym(s->dl, "xlsx_cell_value"));
    assert_null(dlsym(s->dl, "xlsx_summary_write"));
    assert_non_null(dlsym(s->dl, "outreport_plugin"));
}

static void
summary_sheet_lists_title_period_zone_kpis_and_sources(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {COL("rep", OR_TYPE_TEXT)};
    static const struct or_value rows[] = {V_TEXT("Ann"), V_TEXT("Bob")};
    static const struct or_kpi kpis[] = {
        {.label = "Calls",
         .format = OR_FMT_INTEGER,
         .has_value = 1,
         .value = 1250,
         .has_previous = 1,
         .previous = 1000},
        {.label = "Connect rate",
         .format = OR_FMT_PERCENT,
         .has_value = 1,
         .value = 0.25,
         .has_previous = 1,
         .previous = 0.2},
        {.label = "Talk time",
         .format = OR_FMT_DURATION,
         .has_value = 1,
         .value = 5400,
         .has_previous = 1,
         .previous = 7200},
        {.label = "Bounce rate",
         .format = OR_FMT_PERCENT,
         .has_value = 1,
         .value = 0.1,
         .has_previous = 1,
         .previous = 0.05,
         .lower_is_better = 1},
        {.label = "Meetings", .format = OR_FMT_INTEGER, .has_value = 0},
    };
    static const struct or_source_status sources[] = {
        {.name = "salesfinity.call-log", .status = "ok", .rows = 1250},
        {.name = "unpod.calls",
         .status = "retried",
         .detail = "2 retries after HTTP 503",
         .rows = 40},
    };
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, COUNT(rows));
    struct or_section sections[] = {
        {.kind = OR_SECTION_KPIS,
         .id = "headline",
         .title = "Headline",
         .nkpis = COUNT(kpis),
         .kpis = fake_kpis(kpis, COUNT(kpis))},
        table_section("Calls", "Calls", &d),
    };
    struct or_report report = report_of(sections, COUNT(sections));
    report.title = "Weekly calls";
    report.description = "Calls of the sales team.";
    report.period_label = "2026-11-16 to 2026-11-22";
    report.partial = 1;
    report.period_start = 1794783600LL; /* 2026-11-16T00:00:00+01:00 */
    report.period_end = 1795388400LL;   /* 2026-11-23T00:00:00+01:00 */
    report.tz = "Europe/Berlin";
    report.nsources = COUNT(sources);
    report.sources = fake_sources(sources, COUNT(sources));

    assert_int_equal(render(s, &report, "summary", NULL, 0), OR_OK);
    const char *out = check(s, "sheets", NULL);
    assert_contains(out, "sheet 0 \"Summary\" ");
    assert_contains(out, "sheet 1 \"Calls\" ");

    out = check(s, "rows", "Summary");
    assert_line(out, "row 1 [\"Weekly calls\"]");
    assert_line(out, "row 2 [\"Calls of the sales team.\"]");
    assert_line(out, "row 3 [\"Period: 2026-11-16 to 2026-11-22 (partial: the period is not "
                     "over yet)\"]");
    assert_line(out, "row 4 [\"Data window: 2026-11-16T00:00:00+01:00 to "
                     "2026-11-23T00:00:00+01:00 (end exclusive)\"]");
    assert_line(out, "row 5 [\"Times in Europe/Berlin\"]");
    assert_line(out, "row 6 [\"Generated at 2026-11-23T09:00:00+01:00\"]");
    assert_line(out, "row 8 [\"Headline\"]");
    assert_line(out, "row 9 [\"KPI\", \"Value\", \"Previous\", \"Change\"]");
    assert_line(out, "row 10 [\"Calls\", 1250, 1000, 0.25]");
    assert_line(out, "row 11 [\"Connect rate\", 0.25, 0.2, 5]");
    assert_line(out, "row 12 [\"Talk time\", 0.0625, 0.08333333333333333, -0.25]");
    assert_line(out, "row 13 [\"Bounce rate\", 0.1, 0.05, 5]");
    assert_line(out, "row 14 [\"Meetings\", \"\xE2\x80\x93\"]");
    assert_line(out, "row 16 [\"Sources\"]");
    assert_line(out, "row 17 [\"Source\", \"Status\", \"Rows\", \"Detail\"]");
    assert_line(out, "row 18 [\"salesfinity.call-log\", \"ok\", 1250]");
    assert_line(out, "row 19 [\"unpod.calls\", \"retried\", 40, \"2 retries after HTTP 503\"]");
    assert_line(out, "row 21 [\"Contents\"]");
    assert_line(out, "row 22 [\"Sheet\", \"Section\", \"Rows\", \"Note\"]");
    assert_line(out, "row 23 [\"Calls\", \"Calls\", 2, \"rows 1\xE2\x80\x93"
                     "2 of 2\"]");

    out = check(s, "cells", "Summary");
    assert_contains(out, "cell A1 t=s f=General v=\"Weekly calls\" bold");
    assert_line(out, "cell B10 t=n f=#,##0 v=1250");
    assert_line(out,
                "cell D10 t=n f=+0.0\" \"%;-0.0\" \"%;\"\xC2\xB1\"0.0\" \"% v=0.25 color=009E73");
    assert_line(out, "cell B11 t=n f=0.0\" \"% v=0.25");
    assert_line(out,
                "cell D11 t=n f=+0.0\" pp\";-0.0\" pp\";\"\xC2\xB1\"0.0\" pp\" v=5 color=009E73");
    assert_line(out, "cell B12 t=d f=[h]:mm:ss v=0.0625");
    assert_line(out,
                "cell D12 t=n f=+0.0\" \"%;-0.0\" \"%;\"\xC2\xB1\"0.0\" \"% v=-0.25 color=D55E00");
    /* A rising bounce rate is bad news. */
    assert_line(out,
                "cell D13 t=n f=+0.0\" pp\";-0.0\" pp\";\"\xC2\xB1\"0.0\" pp\" v=5 color=D55E00");
    assert_line(out, "cell A23 t=s f=General v=\"Calls\" location='Calls'!A1");
}

static void
numbers_are_numbers_with_column_formats(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COLF("calls", OR_TYPE_INT, OR_FMT_INTEGER), COLF("rate", OR_TYPE_REAL, OR_FMT_PERCENT),
        COLF("talk", OR_TYPE_INT, OR_FMT_DURATION), COLF("amount", OR_TYPE_REAL, OR_FMT_DECIMAL),
        COLF("id", OR_TYPE_INT, OR_FMT_AUTO),       COLF("avg_talk", OR_TYPE_REAL, OR_FMT_DURATION),
        COLF("ratio", OR_TYPE_REAL, OR_FMT_AUTO),
    };
    static const struct or_value rows[] = {
        V_INT(1234567), V_REAL(0.256),
        V_INT(5400),    V_REAL(1234.5),
        V_INT(42),      V_REAL(90.0),
        V_REAL(0.1),    V_INT(-3),
        V_REAL(1.0),    V_INT(0),
        V_REAL(-0.01),  V_INT(9007199254740993LL),
        V_REAL(0.5),    V_REAL(1e300 * 1e300),
    };
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, 2);
    struct or_section sections[] = {table_section("Numbers", "Numbers", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "numbers", NULL, 0), OR_OK);
    const char *out = check(s, "cells", "Numbers");
    assert_line(out, "cell A2 t=n f=#,##0 v=1234567");
    assert_line(out, "cell B2 t=n f=0.0\" \"% v=0.256");
    assert_line(out, "cell C2 t=d f=[h]:mm:ss v=0.0625");
    assert_line(out, "cell D2 t=n f=#,##0.00 v=1234.5");
    assert_line(out, "cell E2 t=n f=General v=42");
    assert_line(out, "cell F2 t=d f=[h]:mm:ss v=0.0010416666666666667");
    assert_line(out, "cell G2 t=n f=General v=0.1");
    assert_line(out, "cell A3 t=n f=#,##0 v=-3");
    assert_line(out, "cell B3 t=n f=0.0\" \"% v=1");
    assert_line(out, "cell C3 t=d f=[h]:mm:ss v=0.0");
    assert_line(out, "cell D3 t=n f=#,##0.00 v=-0.01");
    /* Beyond 2^53 a double would change the digits: kept exact, as text. */
    assert_line(out, "cell E3 t=s f=General v=\"9007199254740993\"");
    /* Excel has no infinity: the cell says so instead of dropping the value. */
    assert_line(out, "cell G3 t=s f=General v=\"Infinity\"");
}

static void
times_are_excel_dates_in_report_zone(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COLF("started_at", OR_TYPE_TIME, OR_FMT_AUTO),
        COLF("day", OR_TYPE_TIME, OR_FMT_DATE),
        COLF("at", OR_TYPE_TIME, OR_FMT_DATETIME),
    };
    static const struct or_value rows[] = {
        V_TIME(LATE_EVENING), V_TIME(LATE_EVENING),        V_TIME(0),
        V_NULL(OR_TYPE_TIME), V_TIME(LATE_EVENING + 3600), V_TIME(-2209075200LL - 3600),
    };
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, 2);
    struct or_section sections[] = {table_section("Times", "Times", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "times", NULL, 0), OR_OK);
    const char *out = check(s, "cells", "Times");
    /* 23:30Z is 00:30 on the next day at +01:00; Excel gets that wall clock. */
    assert_line(out, "cell A2 t=d f=yyyy-mm-dd hh:mm v=2026-11-10T00:30:00 "
                     "serial=46336.020833");
    assert_line(out, "cell B2 t=d f=yyyy-mm-dd v=2026-11-10T00:00:00 serial=46336.000000");
    assert_line(out, "cell C2 t=d f=yyyy-mm-dd hh:mm v=1970-01-01T01:00:00");
    assert_no_line(out, "cell A3");
    assert_line(out, "cell B3 t=d f=yyyy-mm-dd v=2026-11-10T00:00:00");
    /* 1899-12-31 local: before Excel's calendar, so the text the PDF shows instead. */
    assert_line(out, "cell C3 t=s f=General v=\"1899-12-31 00:00\"");
}

static void
booleans_are_booleans_and_nulls_are_blank(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COL("replied", OR_TYPE_BOOL), COL("n", OR_TYPE_INT),   COL("t", OR_TYPE_TEXT),
        COL("r", OR_TYPE_REAL),       COL("ts", OR_TYPE_TIME),
    };
    static const struct or_value rows[] = {
        V_BOOL(1),
        V_INT(0),
        V_TEXT("x"),
        V_REAL(0.0),
        V_TIME(0),
        V_BOOL(0),
        V_NULL(OR_TYPE_INT),
        V_NULL(OR_TYPE_TEXT),
        V_NULL(OR_TYPE_REAL),
        V_NULL(OR_TYPE_TIME),
        V_NULL(OR_TYPE_BOOL),
        V_INT(1),
        V_TEXT(""),
        V_REAL(2.5),
        V_NULL(OR_TYPE_TIME),
    };
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, 3);
    struct or_section sections[] = {table_section("Flags", "Flags", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "bools", NULL, 0), OR_OK);
    const char *out = check(s, "cells", "Flags");
    assert_line(out, "cell A2 t=b f=General v=true");
    assert_line(out, "cell A3 t=b f=General v=false");
    assert_line(out, "cell B2 t=n f=General v=0");
    assert_no_line(out, "cell B3");
    assert_no_line(out, "cell C3");
    assert_no_line(out, "cell D3");
    assert_no_line(out, "cell E3");
    assert_no_line(out, "cell A4");
    assert_no_line(out, "cell E4");
    assert_line(out, "cell D4 t=n f=General v=2.5");
}

static void
formula_like_text_stays_text(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {COL("note", OR_TYPE_TEXT)};
    static const struct or_value rows[] = {
        V_TEXT("=SUM(A1)"), V_TEXT("+1"),  V_TEXT("-2"),   V_TEXT("@cmd"),
        V_TEXT("0123"),     V_TEXT("1e5"), V_TEXT("TRUE"), V_TEXT("=HYPERLINK(\"http://evil\")"),
    };
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, COUNT(rows));
    struct or_section sections[] = {table_section("Notes", "Notes", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "formula", NULL, 0), OR_OK);
    const char *out = check(s, "cells", "Notes");
    assert_line(out, "cell A2 t=s f=General v=\"=SUM(A1)\"");
    assert_line(out, "cell A3 t=s f=General v=\"+1\"");
    assert_line(out, "cell A4 t=s f=General v=\"-2\"");
    assert_line(out, "cell A5 t=s f=General v=\"@cmd\"");
    assert_line(out, "cell A6 t=s f=General v=\"0123\"");
    assert_line(out, "cell A7 t=s f=General v=\"1e5\"");
    assert_line(out, "cell A8 t=s f=General v=\"TRUE\"");
    assert_line(out, "cell A9 t=s f=General v=\"=HYPERLINK(\\\"http://evil\\\")\"");
}

static void
header_is_bold_frozen_with_autofilter(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COL("rep", OR_TYPE_TEXT),
        COL("calls", OR_TYPE_INT),
        COL("rate", OR_TYPE_REAL),
    };
    static const struct or_value rows[] = {
        V_TEXT("Ann"), V_INT(3), V_REAL(0.5), V_TEXT("Bob"), V_INT(4), V_REAL(0.25),
    };
    struct data d[2];
    data_init(&d[0], cols, COUNT(cols), rows, 2);
    data_init(&d[1], cols, COUNT(cols), rows, 2);
    struct or_section sections[] = {
        table_section("Calls", "Calls", &d[0]),
        table_section("Wide", "Wide", &d[1]),
    };
    sections[1].landscape = 1;
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "header", NULL, 0), OR_OK);
    const char *out = check(s, "sheets", NULL);
    /* Printed, the header repeats on every page; a wide section prints landscape. */
    assert_line(out, "sheet 1 \"Calls\" rows=3 cols=3 freeze=A2 filter=A1:C3 charts=0 "
                     "print_rows=$1:$1 orientation=None");
    assert_line(out, "sheet 2 \"Wide\" rows=3 cols=3 freeze=A2 filter=A1:C3 charts=0 "
                     "print_rows=$1:$1 orientation=landscape");
    out = check(s, "cells", "Calls");
    /* Labels, not names: the sheet is for people. */
    assert_line(out, "cell A1 t=s f=General v=\"Label of rep\" bold fill=DCE6F1");
    assert_line(out, "cell C1 t=s f=General v=\"Label of rate\" bold fill=DCE6F1");
    assert_line(out, "cell A2 t=s f=General v=\"Ann\"");
}

static void
empty_table_keeps_its_header_and_says_no_rows(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {COL("rep", OR_TYPE_TEXT)};
    struct data d;
    data_init(&d, cols, COUNT(cols), NULL, 0);
    struct or_section sections[] = {table_section("Calls", "Calls", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "empty", NULL, 0), OR_OK);
    const char *out = check(s, "sheets", NULL);
    assert_line(out, "sheet 1 \"Calls\" rows=1 cols=1 freeze=A2 filter=A1 charts=0");
    out = check(s, "rows", "Summary");
    assert_contains(out, "[\"Calls\", \"Calls\", 0, \"no rows\"]");
}

static void
sheet_names_are_made_valid_and_unique(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {COL("n", OR_TYPE_INT)};
    static const struct or_value rows[] = {V_INT(1)};
    static const char *const titles[] = {
        "Calls/Week [draft]: a*b?",
        "calls week draft A B",
        "'quoted'",
        "",
        "A title that is much longer than thirty-one characters",
        "A title that is much longer than thirty-one characters, again",
        "Summary",
        "history",
        "Zo\xC3\xAB \xE6\x97\xA5\xE6\x9C\xAC \\ back",
    };
    enum { N = COUNT(titles) };
    struct data d[N];
    struct or_section sections[N];
    for (size_t i = 0; i < N; i++) {
        data_init(&d[i], cols, COUNT(cols), rows, COUNT(rows));
        /* Sheets are named by id; an id that cleans to nothing falls back to the title. */
        sections[i] = table_section(titles[i], i == 3 ? "fallback title" : "x", &d[i]);
    }
    struct or_report report = report_of(sections, N);

    assert_int_equal(render(s, &report, "names", NULL, 0), OR_OK);
    const char *out = check(s, "sheets", NULL);
    assert_contains(out, "sheet 0 \"Summary\" ");
    assert_contains(out, "sheet 1 \"Calls Week draft a b\" ");
    assert_contains(out, "sheet 2 \"calls week draft A B (2)\" ");
    assert_contains(out, "sheet 3 \"quoted\" ");
    assert_contains(out, "sheet 4 \"fallback title\" ");
    assert_contains(out, "sheet 5 \"A title that is much longer tha\" ");
    assert_contains(out, "sheet 6 \"A title that is much longer (2)\" ");
    assert_contains(out, "sheet 7 \"Summary (2)\" ");
    assert_contains(out, "sheet 8 \"history (2)\" ");
    assert_contains(out, "sheet 9 \"Zo\xC3\xAB \xE6\x97\xA5\xE6\x9C\xAC back\" ");
}

static void
urls_become_hyperlinks(void **state)
{
    struct fake_renderer_suite *s = *state;
    static char long_url[3000];
    static struct or_value rows[7];
    static const struct or_result_column cols[] = {COL("link", OR_TYPE_TEXT)};
    int n = snprintf(long_url, sizeof(long_url), "https://example.com/");
    memset(long_url + n, 'a', sizeof(long_url) - (size_t)n - 1);
    long_url[sizeof(long_url) - 1] = '\0';
    rows[0] = (struct or_value)V_TEXT("https://example.com/call/42?x=1");
    rows[1] = (struct or_value)V_TEXT("HTTP://example.org");
    rows[2] = (struct or_value)V_TEXT("ftp://example.com/file");
    rows[3] = (struct or_value)V_TEXT("see https://example.com");
    rows[4] = (struct or_value)V_TEXT("https://");
    rows[5] = (struct or_value){.type = OR_TYPE_TEXT, .s = long_url, .len = sizeof(long_url) - 1};
    rows[6] = (struct or_value)V_TEXT("https://example.com/has space");
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, COUNT(rows));
    struct or_section sections[] = {table_section("Links", "Links", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "urls", NULL, 0), OR_OK);
    const char *out = check(s, "cells", "Links");
    assert_line(out, "cell A2 t=s f=General v=\"https://example.com/call/42?x=1\" "
                     "link=https://example.com/call/42?x=1");
    assert_line(out, "cell A3 t=s f=General v=\"HTTP://example.org\" "
                     "link=HTTP://example.org");
    assert_line(out, "cell A4 t=s f=General v=\"ftp://example.com/file\"");
    assert_line(out, "cell A5 t=s f=General v=\"see https://example.com\"");
    assert_line(out, "cell A6 t=s f=General v=\"https://\"");
    /* Too long for an Excel link: still the whole text. */
    assert_contains(out, "cell A7 t=s f=General v=\"https://example.com/aaaa");
    assert_no_line(out, "cell A7 t=s f=General v=\"https://example.com/aaaa\"");
    assert_null(strstr(out, "link=https://example.com/aaaa"));
    assert_line(out, "cell A8 t=s f=General v=\"https://example.com/has space\"");
}

static void
charts_are_native_excel_charts(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COLF("stage", OR_TYPE_TEXT, OR_FMT_AUTO),
        COLF("calls", OR_TYPE_INT, OR_FMT_INTEGER),
        COLF("emails", OR_TYPE_INT, OR_FMT_INTEGER),
        COLF("unused", OR_TYPE_TEXT, OR_FMT_AUTO),
    };
    static const struct or_value rows[] = {
        V_TEXT("Dialled"),   V_INT(100), V_INT(80), V_TEXT("u"),
        V_TEXT("Connected"), V_INT(40),  V_INT(30), V_TEXT("u"),
        V_TEXT("Meeting"),   V_INT(10),  V_INT(5),  V_TEXT("u"),
    };
    static const size_t one[] = {1};
    static const size_t two[] = {1, 2};
    static const struct or_chart charts[] = {
        {.kind = OR_CHART_BAR,
         .x_col = 0,
         .nseries = 1,
         .series_cols = one,
         .x_label = "Stage",
         .y_label = "Calls"},
        {.kind = OR_CHART_GROUPED_BAR, .x_col = 0, .nseries = 2, .series_cols = two},
        {.kind = OR_CHART_STACKED_BAR,
         .x_col = 0,
         .nseries = 2,
         .series_cols = two,
         .horizontal = 1,
         .x_label = "Stage",
         .y_label = "Contacts"},
        {.kind = OR_CHART_LINE, .x_col = 0, .nseries = 2, .series_cols = two},
        {.kind = OR_CHART_DONUT, .x_col = 0, .nseries = 1, .series_cols = one},
        {.kind = OR_CHART_FUNNEL, .x_col = 0, .nseries = 1, .series_cols = one},
    };
    static const char *const titles[] = {"Bar",        "Grouped", "Stacked",
                                         "Rep's line", "Donut",   "Funnel"};
    enum { N = COUNT(charts) };
    struct data d[N];
    struct or_section sections[N];
    for (size_t i = 0; i < N; i++) {
        data_init(&d[i], cols, COUNT(cols), rows, 3);
        sections[i] = (struct or_section){.kind = OR_SECTION_CHART,
                                          .id = titles[i],
                                          .title = titles[i],
                                          .result = &d[i].result,
                                          .chart = &charts[i]};
    }
    struct or_report report = report_of(sections, N);

    assert_int_equal(render(s, &report, "charts", NULL, 0), OR_OK);
    const char *out = check(s, "sheets", NULL);
    /* The chart's data only: category and series columns. */
    assert_line(out, "sheet 1 \"Bar\" rows=4 cols=2 freeze=A2 filter=A1:B4 charts=1");
    assert_line(out, "sheet 2 \"Grouped\" rows=4 cols=3 freeze=A2 filter=A1:C4 charts=1");
    assert_line(out, "sheet 5 \"Donut\" rows=4 cols=2 freeze=A2 filter=A1:B4 charts=1");

    out = check(s, "charts", "Bar");
    assert_line(out, "chart type=BarChart dir=col grouping=clustered series=1 title=\"Bar\" "
                     "x_title=\"Stage\" y_title=\"Calls\" legend=none cat_orientation=minMax "
                     "colors=0072B2 cats=Bar!$A$2:$A$4 vals=Bar!$B$2:$B$4 "
                     "names=Bar!$B$1");
    out = check(s, "charts", "Grouped");
    assert_contains(out, "chart type=BarChart dir=col grouping=clustered series=2 ");
    assert_contains(out, " legend=b ");
    assert_contains(out, " colors=0072B2,E69F00 ");
    assert_contains(out, " vals=Grouped!$B$2:$B$4,Grouped!$C$2:$C$4 ");
    out = check(s, "charts", "Stacked");
    assert_contains(out, "chart type=BarChart dir=bar grouping=stacked series=2 ");
    /* Horizontal bars: the category axis is vertical and lists from the top. */
    assert_contains(out, " x_title=\"Stage\" y_title=\"Contacts\" legend=b "
                         "cat_orientation=maxMin ");
    out = check(s, "charts", "Rep's line");
    assert_contains(out, "chart type=LineChart ");
    assert_contains(out, " series=2 ");
    assert_contains(out, " colors=0072B2,E69F00 ");
    /* References to a sheet whose name needs quoting. */
    assert_contains(out, " cats='Rep''s line'!$A$2:$A$4 ");
    out = check(s, "charts", "Donut");
    assert_contains(out, "chart type=DoughnutChart ");
    assert_contains(out, " series=1 ");
    assert_contains(out, " legend=r ");
    assert_contains(out, " points=0072B2,E69F00,009E73 ");
    out = check(s, "charts", "Funnel");
    assert_contains(out, "chart type=BarChart dir=bar grouping=clustered series=1 ");
    assert_contains(out, " legend=none cat_orientation=maxMin ");

    out = check(s, "rows", "Summary");
    assert_contains(out, "[\"Funnel\", \"Funnel\", 3, \"rows 1\xE2\x80\x93"
                         "3 of 3; "
                         "funnel chart\"]");
}

static void
chart_data_beyond_one_sheet_is_stated(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COLF("day", OR_TYPE_TEXT, OR_FMT_AUTO),
        COLF("calls", OR_TYPE_INT, OR_FMT_INTEGER),
    };
    static const struct or_value rows[] = {
        V_TEXT("Mon"), V_INT(1), V_TEXT("Tue"), V_INT(2), V_TEXT("Wed"), V_INT(3),
    };
    static const size_t one[] = {1};
    static const struct or_chart chart = {
        .kind = OR_CHART_LINE, .x_col = 0, .nseries = 1, .series_cols = one};
    static const struct or_option opts[] = {{.name = "max_rows", .value = "2"}};
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, 3);
    struct or_section sections[] = {
        {.kind = OR_SECTION_CHART,
         .id = "daily",
         .title = "Daily",
         .result = &d.result,
         .chart = &chart},
    };
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "chartcut", opts, COUNT(opts)), OR_OK);
    const char *out = check(s, "sheets", NULL);
    /* A chart stays on one sheet: no "Daily (2)". */
    assert_line(out, "sheet 1 \"daily\" rows=3 cols=2 freeze=A2 filter=A1:B3 charts=1");
    assert_null(strstr(out, "daily (2)"));
    out = check(s, "charts", "daily");
    assert_contains(out, " vals=daily!$B$2:$B$3 ");
    out = check(s, "cells", "Summary");
    assert_contains(out, "v=\"rows 1\xE2\x80\x93"
                         "2 of 3; line chart; chart data holds the "
                         "first 2 rows, 1 row left out\" color=C00000");
}

/* " (2)" means the second sheet of a long table in this workbook: a chart that
 * shares its title with a table must not look like the table's continuation. */
static void
chart_titled_like_a_table_is_named_as_a_chart_not_a_part(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COLF("rep", OR_TYPE_TEXT, OR_FMT_AUTO),
        COLF("calls", OR_TYPE_INT, OR_FMT_INTEGER),
    };
    static const struct or_value rows[] = {
        V_TEXT("Ana"),
        V_INT(5),
        V_TEXT("Ben"),
        V_INT(3),
    };
    static const size_t one[] = {1};
    static const struct or_chart chart = {
        .kind = OR_CHART_BAR, .x_col = 0, .nseries = 1, .series_cols = one};
    struct data t, c, l;
    data_init(&t, cols, COUNT(cols), rows, 2);
    data_init(&c, cols, COUNT(cols), rows, 2);
    data_init(&l, cols, COUNT(cols), rows, 2);
    /* Ids are unique in a template, but another host may repeat one. */
    struct or_section sections[] = {
        {.kind = OR_SECTION_TABLE,
         .id = "calls_and_meetings_by_rep",
         .title = "Calls and meetings by rep",
         .result = &t.result},
        {.kind = OR_SECTION_CHART,
         .id = "calls_and_meetings_by_rep",
         .title = "Calls and meetings by rep",
         .result = &c.result,
         .chart = &chart},
        {.kind = OR_SECTION_CHART,
         .id = "calls_and_meetings_by_rep",
         .title = "Calls and meetings by rep",
         .result = &l.result,
         .chart = &chart},
    };
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "chartname", NULL, 0), OR_OK);
    const char *out = check(s, "sheets", NULL);
    /* cut so the suffix fits in Excel's 31 characters */
    assert_contains(out, "sheet 1 \"calls_and_meetings_by_rep\" ");
    assert_contains(out, "sheet 2 \"calls_and_meetings_by_r (chart)\" ");
    /* a third of the same id falls back to a number */
    assert_contains(out, "sheet 3 \"calls_and_meetings_by_rep (2)\" ");
}

/* A report with a bit of everything, for byte comparisons. */
static void
full_report(struct data *d, struct or_section *sections, struct or_report *report)
{
    static const struct or_result_column cols[] = {
        COLF("rep", OR_TYPE_TEXT, OR_FMT_AUTO),
        COLF("calls", OR_TYPE_INT, OR_FMT_INTEGER),
        COLF("at", OR_TYPE_TIME, OR_FMT_AUTO),
        COLF("link", OR_TYPE_TEXT, OR_FMT_AUTO),
    };
    static const struct or_value rows[] = {
        V_TEXT("Ann"), V_INT(3), V_TIME(LATE_EVENING),      V_TEXT("https://example.com/1"),
        V_TEXT("Bob"), V_INT(4), V_TIME(LATE_EVENING + 60), V_TEXT("https://example.com/2"),
    };
    static const struct or_kpi kpis[] = {
        {.label = "Calls",
         .format = OR_FMT_INTEGER,
         .has_value = 1,
         .value = 7,
         .has_previous = 1,
         .previous = 5},
    };
    static const size_t series[] = {1};
    static const struct or_chart chart = {
        .kind = OR_CHART_BAR, .x_col = 0, .nseries = 1, .series_cols = series};
    static const struct or_source_status sources[] = {
        {.name = "salesfinity.call-log", .status = "ok", .rows = 2},
    };
    data_init(&d[0], cols, COUNT(cols), rows, 2);
    data_init(&d[1], cols, COUNT(cols), rows, 2);
    sections[0] = (struct or_section){.kind = OR_SECTION_KPIS,
                                      .id = "kpis",
                                      .title = "KPIs",
                                      .nkpis = 1,
                                      .kpis = fake_kpis(kpis, COUNT(kpis))};
    sections[1] = table_section("Calls", "Calls", &d[0]);
    sections[2] = (struct or_section){.kind = OR_SECTION_CHART,
                                      .id = "chart",
                                      .title = "Calls per rep",
                                      .result = &d[1].result,
                                      .chart = &chart};
    *report = report_of(sections, 3);
    report->period_label = "2026-11-09 to 2026-11-22";
    report->nsources = COUNT(sources);
    report->sources = fake_sources(sources, COUNT(sources));
    report->author = "Sales Ops";
}

static void
same_input_and_generated_at_give_identical_bytes(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct data d[2];
    struct or_section sections[3];
    struct or_report report;
    size_t len_a = 0;
    size_t len_b = 0;
    size_t len_c = 0;

    full_report(d, sections, &report);
    assert_int_equal(render(s, &report, "same_a", NULL, 0), OR_OK);
    char *a = read_all(s->path, &len_a);
    const char *out = check(s, "props", NULL);
    assert_line(out, "title=\"Weekly\"");
    assert_line(out, "subject=\"2026-11-09 to 2026-11-22\"");
    assert_line(out, "creator=\"Sales Ops\"");
    assert_line(out, "description=\"Generated by outreport\"");
    assert_line(out, "created=2026-11-23T08:00:00");
    sleep(1); /* a clock leaking into the file would now differ */
    assert_int_equal(render(s, &report, "same_b", NULL, 0), OR_OK);
    char *b = read_all(s->path, &len_b);
    report.generated_at += 3600;
    assert_int_equal(render(s, &report, "same_c", NULL, 0), OR_OK);
    char *c = read_all(s->path, &len_c);

    assert_true(len_a > 0);
    assert_int_equal(len_a, len_b);
    assert_memory_equal(a, b, len_a);
    /* The generation time is what the bytes depend on. */
    assert_true(len_a != len_c || memcmp(a, c, len_a) != 0);
    free(a);
    free(b);
    free(c);
}

static void
unavailable_section_is_stated_on_summary(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {COL("rep", OR_TYPE_TEXT)};
    static const struct or_value rows[] = {V_TEXT("Ann")};
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, 1);
    struct or_section sections[] = {
        {.kind = OR_SECTION_KPIS,
         .id = "kpis",
         .title = "Headline",
         .unavailable = "unpod.calls failed: HTTP 500"},
        {.kind = OR_SECTION_TABLE,
         .id = "emails",
         .title = "E-mails",
         .unavailable = "saleshandy.emails failed: HTTP 401",
         .result = &d.result},
        table_section("Calls", "Calls", &d),
    };
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "unavailable", NULL, 0), OR_OK);
    const char *out = check(s, "sheets", NULL);
    assert_contains(out, "sheet 1 \"Calls\" ");
    assert_null(strstr(out, "E-mails"));
    out = check(s, "cells", "Summary");
    assert_contains(out, "v=\"data unavailable: unpod.calls failed: HTTP 500\" color=C00000");
    assert_contains(out, "v=\"data unavailable: saleshandy.emails failed: HTTP 401\" "
                         "color=C00000");
    out = check(s, "rows", "Summary");
    assert_contains(out, "[\"\xE2\x80\x93\", \"E-mails\", null, \"data unavailable: "
                         "saleshandy.emails failed: HTTP 401\"]");
}

static void
failed_source_is_shown_on_summary(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_source_status sources[] = {
        {.name = "salesfinity.call-log", .status = "ok", .rows = 12},
        {.name = "unpod.calls",
         .status = "failed",
         .detail = "HTTP 401: check UNPOD_API_KEY",
         .rows = 0},
    };
    struct or_report report = report_of(NULL, 0);
    report.nsources = COUNT(sources);
    report.sources = fake_sources(sources, COUNT(sources));

    assert_int_equal(render(s, &report, "failed", NULL, 0), OR_OK);
    const char *out = check(s, "cells", "Summary");
    assert_contains(out, "v=\"Incomplete: 1 of 2 sources failed (see Sources below)\" "
                         "color=C00000");
    assert_contains(out, "v=\"failed\" color=C00000");
    assert_contains(out, "v=\"HTTP 401: check UNPOD_API_KEY\" color=C00000");
    assert_null(strstr(out, "v=\"ok\" color=C00000"));
    out = check(s, "rows", "Summary");
    assert_contains(out, "[\"unpod.calls\", \"failed\", 0, \"HTTP 401: check UNPOD_API_KEY\"]");
    assert_contains(out, "[\"No other sheets: this report has no tables or charts.\"]");
}

static void
unicode_text_round_trips(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        {.name = "name", .label = "N\xC3\xA4me", .type = OR_TYPE_TEXT},
    };
    static const struct or_value rows[] = {
        V_TEXT("Zo\xC3\xAB"),
        V_TEXT("\xC5\x81ukasz"),
        V_TEXT("\xE6\x97\xA5\xE6\x9C\xAC"),
        V_TEXT("emoji \xF0\x9F\x98\x80"),
        V_TEXT("bad \xFF byte"),
    };
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, COUNT(rows));
    struct or_section sections[] = {
        table_section("Reps \xE6\x97\xA5\xE6\x9C\xAC", "Reps", &d),
    };
    struct or_report report = report_of(sections, COUNT(sections));
    report.title = "Z\xC3\xBCrich \xC5\x81\xC3\xB3\x64\xC5\xBA";

    assert_int_equal(render(s, &report, "unicode", NULL, 0), OR_OK);
    const char *out = check(s, "cells", "Reps \xE6\x97\xA5\xE6\x9C\xAC");
    assert_line(out, "cell A1 t=s f=General v=\"N\xC3\xA4me\" bold fill=DCE6F1");
    assert_line(out, "cell A2 t=s f=General v=\"Zo\xC3\xAB\"");
    assert_line(out, "cell A3 t=s f=General v=\"\xC5\x81ukasz\"");
    assert_line(out, "cell A4 t=s f=General v=\"\xE6\x97\xA5\xE6\x9C\xAC\"");
    assert_line(out, "cell A5 t=s f=General v=\"emoji \xF0\x9F\x98\x80\"");
    /* Invalid UTF-8 would make the file unreadable: the byte becomes U+FFFD. */
    assert_line(out, "cell A6 t=s f=General v=\"bad \xEF\xBF\xBD byte\"");
    out = check(s, "rows", "Summary");
    assert_line(out, "row 1 [\"Z\xC3\xBCrich \xC5\x81\xC3\xB3\x64\xC5\xBA\"]");
}

/* Sanitizers and valgrind keep freed memory aside: RSS then says nothing about the renderer. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 0
#endif

static int
rss_is_meaningful(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return !UNDER_SANITIZER && (preload == NULL || strstr(preload, "vgpreload") == NULL);
}

static long
peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void
large_table_streams_in_constant_memory(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COLF("id", OR_TYPE_INT, OR_FMT_INTEGER),
        COLF("text", OR_TYPE_TEXT, OR_FMT_AUTO),
        COLF("score", OR_TYPE_REAL, OR_FMT_DECIMAL),
    };
    struct data d;
    data_init(&d, cols, COUNT(cols), NULL, 0);
    d.cursor.generate = 200000;
    d.result.nrows = 200000;
    struct or_section sections[] = {table_section("Big", "Big", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    long before = peak_rss_kb();
    assert_int_equal(render(s, &report, "large", NULL, 0), OR_OK);
    long growth = peak_rss_kb() - before;
    fprintf(stderr, "peak RSS grew by %ld KiB for 600,000 cells\n", growth);
    if (rss_is_meaningful()) {
        /* Kept in memory (no constant_memory), these cells take about 100 MiB. */
        assert_true(growth < 16 * 1024);
    }
    else {
        fprintf(stderr, "(memory bound not checked under a sanitizer or valgrind)\n");
    }
    /* Temporary files (one per sheet, beside the output) are gone. */
    assert_int_equal(stray_files(s), 0);

    const char *out = check(s, "count", NULL);
    assert_line(out, "sheet \"Big\" rows=200000 header=[\"id\", \"text\", \"score\"] "
                     "last=[200000, \"row number 200000\", 199999.25]");
}

static void
row_limit_splits_onto_second_sheet(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        COLF("id", OR_TYPE_INT, OR_FMT_AUTO),
        COLF("text", OR_TYPE_TEXT, OR_FMT_AUTO),
        COLF("score", OR_TYPE_REAL, OR_FMT_AUTO),
    };
    static const struct or_option opts[] = {{.name = "max_rows", .value = "100"}};
    struct data d;
    data_init(&d, cols, COUNT(cols), NULL, 0);
    d.cursor.generate = 250;
    d.result.nrows = 250;
    struct or_section sections[] = {table_section("Calls", "Calls", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "split", opts, COUNT(opts)), OR_OK);
    const char *out = check(s, "count", NULL);
    assert_line(out, "sheet \"Calls\" rows=100 header=[\"id\", \"text\", \"score\"] "
                     "last=[100, \"row number 100\", 99.25]");
    assert_line(out, "sheet \"Calls (2)\" rows=100 header=[\"id\", \"text\", \"score\"] "
                     "last=[200, \"row number 200\", 199.25]");
    assert_line(out, "sheet \"Calls (3)\" rows=50 header=[\"id\", \"text\", \"score\"] "
                     "last=[250, \"row number 250\", 249.25]");
    out = check(s, "sheets", NULL);
    assert_line(out, "sheet 2 \"Calls (2)\" rows=101 cols=3 freeze=A2 filter=A1:C101 charts=0");
    out = check(s, "rows", "Summary");
    assert_contains(out, "[\"Calls\", \"Calls\", 100, \"rows 1\xE2\x80\x93"
                         "100 of 250; "
                         "continued on sheet 'Calls (2)'\"]");
    assert_contains(out, "[\"Calls (2)\", \"Calls\", 100, \"rows 101\xE2\x80\x93"
                         "200 of 250; "
                         "continued on sheet 'Calls (3)'\"]");
    assert_contains(out, "[\"Calls (3)\", \"Calls\", 50, \"rows 201\xE2\x80\x93"
                         "250 of 250\"]");
}

static void
unknown_option_is_refused(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_option opts[] = {
        {.name = "colour", .value = "red"},
        {.name = "max_rows", .value = "10"},
        {.name = "zoom", .value = "2"},
    };
    static const struct or_option zero[] = {{.name = "max_rows", .value = "0"}};
    static const struct or_option junk[] = {{.name = "max_rows", .value = "12abc"}};
    static const struct or_option huge[] = {{.name = "max_rows", .value = "1048576"}};
    struct or_report report = report_of(NULL, 0);

    assert_int_equal(render(s, &report, "options", opts, COUNT(opts)), OR_ERR_INVALID);
    assert_contains(s->err, "'colour'");
    assert_contains(s->err, "'zoom'");
    assert_int_equal(access(s->path, F_OK), -1);
    assert_int_equal(render(s, &report, "options", zero, 1), OR_ERR_INVALID);
    assert_contains(s->err, "max_rows='0'");
    assert_int_equal(render(s, &report, "options", junk, 1), OR_ERR_INVALID);
    assert_int_equal(render(s, &report, "options", huge, 1), OR_ERR_INVALID);
    assert_int_equal(access(s->path, F_OK), -1);
}

static void
long_text_is_cut_with_ellipsis_and_one_warning(void **state)
{
    struct fake_renderer_suite *s = *state;
    static char big[40001];
    static struct or_value rows[3];
    static const struct or_result_column cols[] = {COL("body", OR_TYPE_TEXT)};
    memset(big, 'x', sizeof(big) - 1);
    rows[0] = (struct or_value){.type = OR_TYPE_TEXT, .s = big, .len = sizeof(big) - 1};
    rows[1] = rows[0];
    rows[2] = (struct or_value)V_TEXT("short");
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, COUNT(rows));
    struct or_section sections[] = {table_section("Mails", "Mails", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "long", NULL, 0), OR_OK);
    assert_int_equal(host_state.warnings, 1);
    assert_contains(host_state.last_warning, "sheet 'Mails'");
    const char *out = check(s, "cells", "Mails");
    /* 32,766 x and the ellipsis: Excel's 32,767 characters. */
    char want[64];
    snprintf(want, sizeof(want), "xxxxxxxx\xE2\x80\xA6\"");
    assert_contains(out, want);
    assert_line(out, "cell A4 t=s f=General v=\"short\"");
    const char *a2 = strstr(out, "cell A2 t=s f=General v=\"");
    assert_non_null(a2);
    const char *end = strstr(a2, "\xE2\x80\xA6\"");
    assert_non_null(end);
    assert_int_equal(end - (a2 + strlen("cell A2 t=s f=General v=\"")), 32766);
    out = check(s, "rows", "Summary");
    assert_contains(out, "of 3; 2 texts cut to 32767 characters\"]");
}

static void
column_widths_fit_content_within_6_to_60(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {
        {.name = "a", .label = "a", .type = OR_TYPE_INT},
        {.name = "b", .label = "b", .type = OR_TYPE_TEXT},
        {.name = "c", .label = "c", .type = OR_TYPE_TEXT},
        {.name = "d", .label = "d", .type = OR_TYPE_TIME},
    };
    static char wide[201];
    static struct or_value rows[4];
    memset(wide, 'w', sizeof(wide) - 1);
    rows[0] = (struct or_value)V_INT(1);
    rows[1] = (struct or_value)V_TEXT("Anna Karenina, the rep");
    rows[2] = (struct or_value){.type = OR_TYPE_TEXT, .s = wide, .len = sizeof(wide) - 1};
    rows[3] = (struct or_value)V_TIME(LATE_EVENING);
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, 1);
    struct or_section sections[] = {table_section("widths", "Widths", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "widths", NULL, 0), OR_OK);
    const char *out = check(s, "widths", "widths");
    /* Stored with Excel's padding: 6 -> 6.71 (the minimum), 22 characters + 1.5 -> 24.29,
     * 200 characters -> 60.71 (the maximum), a date-time as the PDF shows it
     * ("2026-11-10 00:30", 16) + 1.5 -> 18.29. */
    assert_line(out, "width A=6.71");
    assert_line(out, "width B=24.29");
    assert_line(out, "width C=60.71");
    assert_line(out, "width D=18.29");
}

static void
cursor_failure_is_a_render_error(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {COL("n", OR_TYPE_INT)};
    static const struct or_value rows[] = {V_INT(1), V_INT(2), V_INT(3)};
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, COUNT(rows));
    d.cursor.fail_at = 1;
    struct or_section sections[] = {table_section("calls", "Calls", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "cursor", NULL, 0), OR_ERR_RENDER);
    assert_contains(s->err, "cannot read row 2 of section 'calls'");
    assert_int_equal(stray_files(s), 0);
}

static void
cursor_is_rewound_before_reading(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_result_column cols[] = {COL("n", OR_TYPE_INT)};
    static const struct or_value rows[] = {V_INT(1), V_INT(2)};
    struct data d;
    data_init(&d, cols, COUNT(cols), rows, COUNT(rows));
    d.cursor.pos = 2; /* another renderer read it to the end */
    struct or_section sections[] = {table_section("Calls", "Calls", &d)};
    struct or_report report = report_of(sections, COUNT(sections));

    assert_int_equal(render(s, &report, "rewind", NULL, 0), OR_OK);
    const char *out = check(s, "rows", "Calls");
    assert_line(out, "row 2 [1]");
    assert_line(out, "row 3 [2]");
}

static void
unwritable_path_is_an_io_error_naming_it(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct or_report report = report_of(NULL, 0);
    const char *path = "/nonexistent-outreport-dir/report.xlsx";

    or_status st =
        s->plugin->renderer->render(&fake_host, &report, path, NULL, 0, s->err, sizeof(s->err));
    assert_int_equal(st, OR_ERR_IO);
    assert_contains(s->err, path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(descriptor_is_xlsx_renderer_with_max_rows_option, test_setup),
        cmocka_unit_test_setup(only_the_entry_symbol_is_exported, test_setup),
        cmocka_unit_test_setup(summary_sheet_lists_title_period_zone_kpis_and_sources, test_setup),
        cmocka_unit_test_setup(numbers_are_numbers_with_column_formats, test_setup),
        cmocka_unit_test_setup(times_are_excel_dates_in_report_zone, test_setup),
        cmocka_unit_test_setup(booleans_are_booleans_and_nulls_are_blank, test_setup),
        cmocka_unit_test_setup(formula_like_text_stays_text, test_setup),
        cmocka_unit_test_setup(header_is_bold_frozen_with_autofilter, test_setup),
        cmocka_unit_test_setup(empty_table_keeps_its_header_and_says_no_rows, test_setup),
        cmocka_unit_test_setup(sheet_names_are_made_valid_and_unique, test_setup),
        cmocka_unit_test_setup(urls_become_hyperlinks, test_setup),
        cmocka_unit_test_setup(charts_are_native_excel_charts, test_setup),
        cmocka_unit_test_setup(chart_titled_like_a_table_is_named_as_a_chart_not_a_part,
                               test_setup),
        cmocka_unit_test_setup(chart_data_beyond_one_sheet_is_stated, test_setup),
        cmocka_unit_test_setup(same_input_and_generated_at_give_identical_bytes, test_setup),
        cmocka_unit_test_setup(unavailable_section_is_stated_on_summary, test_setup),
        cmocka_unit_test_setup(failed_source_is_shown_on_summary, test_setup),
        cmocka_unit_test_setup(unicode_text_round_trips, test_setup),
        cmocka_unit_test_setup(large_table_streams_in_constant_memory, test_setup),
        cmocka_unit_test_setup(row_limit_splits_onto_second_sheet, test_setup),
        cmocka_unit_test_setup(unknown_option_is_refused, test_setup),
        cmocka_unit_test_setup(long_text_is_cut_with_ellipsis_and_one_warning, test_setup),
        cmocka_unit_test_setup(column_widths_fit_content_within_6_to_60, test_setup),
        cmocka_unit_test_setup(cursor_failure_is_a_render_error, test_setup),
        cmocka_unit_test_setup(cursor_is_rewound_before_reading, test_setup),
        cmocka_unit_test_setup(unwritable_path_is_an_io_error_naming_it, test_setup),
    };
    return cmocka_run_group_tests_name("renderer_xlsx", tests, suite_setup, suite_teardown);
}

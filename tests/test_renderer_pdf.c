/* SPDX-License-Identifier: MIT */
/*
 * Tests of the PDF renderer plugin.  The real renderer_pdf.so is dlopen()ed
 * from $OUTREPORT_PLUGIN_PATH and driven through the fake host of
 * fake_renderer_host.h (a cursor over static or generated rows, local time in
 * a fixed UTC+01:00 "Europe/Berlin" November).  Documents are checked with
 * real readers: qpdf --check, pdffonts, pdftotext, pdfimages, pdfinfo and
 * pdftoppm, partly through tests/check_pdf.py, and page 1 is compared with a
 * reviewed reference image in tests/fixtures/pdf/.
 *
 * OR_PDF_KEEP=DIR keeps every rendered PDF in DIR for a look;
 * OR_UPDATE_REFERENCE=1 rewrites the reference image instead of comparing;
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "outreport/plugin.h"
#include "fake_renderer_host.h"
#include "proc.h"

/* ------------------------------------------------------------------------- */
/* Fake host                                                                  */
/* ------------------------------------------------------------------------- */

static struct fake_renderer_state host_state;
static struct or_host fake_host;

/* Kinds of generated rows. */
enum gen {
    GEN_NONE = 0,
    GEN_CALL_LOG, /* id, rep, started, duration, outcome, connected, score */
    GEN_WIDE      /* ten columns */
};

static const char *const rep_names[] = {
    "Zoë Müller",  "Łukasz Kowalski", "Ingrid Ødegaard", "Anders Ångström",
    "Tanaka 日本", "José Peña",       "Chloé Dubois",    "Søren Kierkegaard",
};

static const char *const outcomes[] = {"connected", "voicemail", "no answer", "busy"};

#define T_PERIOD_START INT64_C(1794783600) /* 2026-11-16 00:00 +01:00 */
#define T_PERIOD_END INT64_C(1795388400)   /* 2026-11-23 00:00 +01:00 */
#define T_GENERATED INT64_C(1795415400)    /* 2026-11-23 07:30 +01:00 */

/* Makes row c->pos of the kind c->kind (an enum gen). */
static void
generate_row(struct or_cursor *c, struct or_value *row)
{
    size_t i = c->pos;
    if (c->kind == GEN_CALL_LOG) {
        int n0 = snprintf(c->text[0], sizeof(c->text[0]), "C-%04zu", i + 1);
        const char *rep = rep_names[i % COUNT(rep_names)];
        const char *outcome = outcomes[(i * 7) % COUNT(outcomes)];
        row[0] = (struct or_value){.type = OR_TYPE_TEXT, .s = c->text[0], .len = (size_t)n0};
        row[1] = (struct or_value){.type = OR_TYPE_TEXT, .s = rep, .len = strlen(rep)};
        row[2] = (struct or_value){.type = OR_TYPE_TIME,
                                   .i = T_PERIOD_START + 8 * 3600 + (int64_t)i * 1500};
        row[3] = (struct or_value){.type = OR_TYPE_INT, .i = (int64_t)(30 + (i * 37) % 900)};
        row[4] = (struct or_value){.type = OR_TYPE_TEXT, .s = outcome, .len = strlen(outcome)};
        row[5] = (struct or_value){.type = OR_TYPE_BOOL, .i = (i * 7) % 4 == 0};
        row[6] = (struct or_value){
            .type = OR_TYPE_REAL, .r = (double)((i * 13) % 100) / 10.0, .is_null = i % 9 == 4};
        return;
    }
    for (size_t k = 0; k < 10; k++) {
        if (k == 0) {
            const char *rep = rep_names[i % COUNT(rep_names)];
            row[k] = (struct or_value){.type = OR_TYPE_TEXT, .s = rep, .len = strlen(rep)};
        }
        else {
            row[k] = (struct or_value){.type = OR_TYPE_INT, .i = (int64_t)((i + 3) * k * 17)};
        }
    }
}

/* ------------------------------------------------------------------------- */
/* Report fixtures                                                            */
/* ------------------------------------------------------------------------- */

static const struct or_kpi demo_kpis[] = {
    {.label = "Calls",
     .format = OR_FMT_INTEGER,
     .has_value = 1,
     .value = 12345,
     .has_previous = 1,
     .previous = 11980},
    {.label = "Connect rate",
     .format = OR_FMT_PERCENT,
     .has_value = 1,
     .value = 0.25,
     .has_previous = 1,
     .previous = 0.229},
    {.label = "Avg talk time",
     .format = OR_FMT_DURATION,
     .has_value = 1,
     .value = 3723,
     .has_previous = 1,
     .previous = 3900},
    {.label = "Bounce rate",
     .format = OR_FMT_PERCENT,
     .has_value = 1,
     .value = 0.031,
     .has_previous = 1,
     .previous = 0.026,
     .lower_is_better = 1},
    {.label = "Emails sent", .format = OR_FMT_INTEGER, .has_value = 1, .value = 4821},
    {.label = "Meetings booked",
     .format = OR_FMT_INTEGER,
     .has_value = 1,
     .value = 42,
     .has_previous = 1,
     .previous = 50},
    {.label = "Pipeline value (EUR)",
     .format = OR_FMT_DECIMAL,
     .has_value = 1,
     .value = 184250.5,
     .has_previous = 1,
     .previous = 171900},
    {.label = "Open tickets",
     .format = OR_FMT_INTEGER,
     .has_value = 0,
     .has_previous = 1,
     .previous = 12,
     .lower_is_better = 1},
};

static const struct or_result_column rep_cols[] = {
    {.name = "rep", .label = "Rep", .type = OR_TYPE_TEXT},
    {.name = "calls", .label = "Calls", .type = OR_TYPE_INT},
    {.name = "connect_rate",
     .label = "Connect rate",
     .type = OR_TYPE_REAL,
     .format = OR_FMT_PERCENT},
    {.name = "talk_time", .label = "Talk time", .type = OR_TYPE_INT, .format = OR_FMT_DURATION},
    {.name = "last_call", .label = "Last call", .type = OR_TYPE_TIME},
    {.name = "active", .label = "Active", .type = OR_TYPE_BOOL},
    {.name = "note", .label = "Note", .type = OR_TYPE_TEXT},
};

static const struct or_value rep_rows[] = {
    V_TEXT("Zoë Müller"),
    V_INT(2104),
    V_REAL(0.281),
    V_INT(40211),
    V_TIME(1795021800),
    V_BOOL(1),
    V_TEXT("Top of the board for the third week running, mostly inbound leads "
           "from the November campaign"),
    V_TEXT("Łukasz Kowalski"),
    V_INT(1876),
    V_REAL(0.264),
    V_INT(35120),
    V_TIME(1795109400),
    V_BOOL(1),
    V_NULL(OR_TYPE_TEXT),
    V_TEXT("Ingrid Ødegaard"),
    V_INT(1702),
    V_REAL(0.243),
    V_INT(33874),
    V_TIME(1795196700),
    V_BOOL(1),
    V_TEXT("Back from leave on Tuesday"),
    V_TEXT("Anders Ångström"),
    V_INT(1533),
    V_REAL(0.231),
    V_INT(30012),
    V_TIME(1795107000),
    V_BOOL(1),
    V_NULL(OR_TYPE_TEXT),
    V_TEXT("Tanaka 日本"),
    V_INT(1320),
    V_REAL(0.219),
    V_INT(26544),
    V_TIME(1795200300),
    V_BOOL(0),
    V_TEXT("Part-time"),
    V_TEXT("José Peña"),
    V_INT(1288),
    V_REAL(0.212),
    V_INT(25001),
    V_TIME(1795190000),
    V_BOOL(1),
    V_NULL(OR_TYPE_TEXT),
    V_TEXT("Chloé Dubois"),
    V_INT(1301),
    V_REAL(0.205),
    V_INT(24210),
    V_TIME(1795201000),
    V_BOOL(1),
    V_TEXT("Onboarding"),
    V_TEXT("Søren Kierkegaard"),
    V_INT(1221),
    V_NULL(OR_TYPE_REAL),
    V_NULL(OR_TYPE_INT),
    V_NULL(OR_TYPE_TIME),
    V_NULL(OR_TYPE_BOOL),
    V_NULL(OR_TYPE_TEXT),
};

static const struct or_result_column day_cols[] = {
    {.name = "day", .label = "Day", .type = OR_TYPE_TEXT},
    {.name = "calls", .label = "Calls", .type = OR_TYPE_INT},
    {.name = "emails", .label = "Emails", .type = OR_TYPE_INT},
    {.name = "ai_calls", .label = "AI-agent calls", .type = OR_TYPE_INT},
};

static const struct or_value day_rows[] = {
    V_TEXT("Mon 16"), V_INT(2210), V_INT(812),       V_INT(301),  V_TEXT("Tue 17"), V_INT(2480),
    V_INT(901),       V_INT(344),  V_TEXT("Wed 18"), V_INT(2395), V_INT(1033),      V_INT(362),
    V_TEXT("Thu 19"), V_INT(2602), V_INT(954),       V_INT(410),  V_TEXT("Fri 20"), V_INT(1988),
    V_INT(720),       V_INT(398),  V_TEXT("Sat 21"), V_INT(412),  V_INT(201),       V_INT(122),
    V_TEXT("Sun 22"), V_INT(258),  V_INT(200),       V_INT(97),
};

static const struct or_result_column outcome_cols[] = {
    {.name = "outcome", .label = "Outcome", .type = OR_TYPE_TEXT},
    {.name = "calls", .label = "Calls", .type = OR_TYPE_INT},
};

static const struct or_value outcome_rows[] = {
    V_TEXT("Connected"),    V_INT(3086), V_TEXT("Voicemail"),   V_INT(4120),
    V_TEXT("No answer"),    V_INT(3544), V_TEXT("Busy"),        V_INT(902),
    V_TEXT("Wrong number"), V_INT(431),  V_TEXT("Do not call"), V_INT(262),
};

static const struct or_result_column funnel_cols[] = {
    {.name = "stage", .label = "Stage", .type = OR_TYPE_TEXT},
    {.name = "leads", .label = "Leads", .type = OR_TYPE_INT},
};

static const struct or_value funnel_rows[] = {
    V_TEXT("Dialled"),
    V_INT(12345),
    V_TEXT("Connected"),
    V_INT(3086),
    V_TEXT("Conversation > 2 min"),
    V_INT(1290),
    V_TEXT("Meeting booked"),
    V_INT(42 * 5),
    V_TEXT("Opportunity"),
    V_INT(58),
};

static const struct or_result_column call_log_cols[] = {
    {.name = "id", .label = "Call", .type = OR_TYPE_TEXT},
    {.name = "rep", .label = "Rep", .type = OR_TYPE_TEXT},
    {.name = "started", .label = "Started", .type = OR_TYPE_TIME},
    {.name = "duration", .label = "Duration", .type = OR_TYPE_INT, .format = OR_FMT_DURATION},
    {.name = "outcome", .label = "Outcome", .type = OR_TYPE_TEXT},
    {.name = "connected", .label = "Connected", .type = OR_TYPE_BOOL},
    {.name = "score", .label = "Lead score", .type = OR_TYPE_REAL},
};

static const struct or_result_column wide_cols[] = {
    {.name = "rep", .label = "Rep", .type = OR_TYPE_TEXT},
    {.name = "w1", .label = "Week 38", .type = OR_TYPE_INT},
    {.name = "w2", .label = "Week 39", .type = OR_TYPE_INT},
    {.name = "w3", .label = "Week 40", .type = OR_TYPE_INT},
    {.name = "w4", .label = "Week 41", .type = OR_TYPE_INT},
    {.name = "w5", .label = "Week 42", .type = OR_TYPE_INT},
    {.name = "w6", .label = "Week 43", .type = OR_TYPE_INT},
    {.name = "w7", .label = "Week 44", .type = OR_TYPE_INT},
    {.name = "w8", .label = "Week 45", .type = OR_TYPE_INT},
    {.name = "w9", .label = "Week 46", .type = OR_TYPE_INT},
};

static const size_t one_series[] = {1};
static const size_t three_series[] = {1, 2, 3};

static const struct or_chart chart_bar = {
    .kind = OR_CHART_BAR,
    .x_col = 0,
    .nseries = 1,
    .series_cols = one_series,
    .y_label = "Calls",
};
static const struct or_chart chart_grouped = {
    .kind = OR_CHART_GROUPED_BAR,
    .x_col = 0,
    .nseries = 3,
    .series_cols = three_series,
};
static const struct or_chart chart_stacked_h = {
    .kind = OR_CHART_STACKED_BAR,
    .x_col = 0,
    .nseries = 3,
    .series_cols = three_series,
    .horizontal = 1,
    .y_label = "Activities",
};
static const struct or_chart chart_line = {
    .kind = OR_CHART_LINE,
    .x_col = 0,
    .nseries = 3,
    .series_cols = three_series,
    .x_label = "Day of week 47",
};
static const struct or_chart chart_donut = {
    .kind = OR_CHART_DONUT,
    .x_col = 0,
    .nseries = 1,
    .series_cols = one_series,
};
static const struct or_chart chart_funnel = {
    .kind = OR_CHART_FUNNEL,
    .x_col = 0,
    .nseries = 1,
    .series_cols = one_series,
};
static const struct or_chart chart_line1 = {
    .kind = OR_CHART_LINE,
    .x_col = 0,
    .nseries = 1,
    .series_cols = one_series,
};
static const struct or_chart chart_hbar = {
    .kind = OR_CHART_BAR,
    .x_col = 0,
    .nseries = 1,
    .series_cols = one_series,
    .horizontal = 1,
};

static const char demo_text[] =
    "Call volume rose 3.0 % week on week, driven by the Tuesday and Thursday blitz "
    "sessions. The connect rate improved by 2.1 percentage points after the new local "
    "presence numbers went live on Monday.\n"
    "Team stats from Saleshandy are missing this week: the API answered HTTP 503 for every "
    "request, so e-mail replies are not part of the scorecard. They will be back in next "
    "week's report once the vendor has resolved the outage.";

static const struct or_source_status demo_sources[] = {
    {.name = "salesfinity.call-log", .status = "ok", .rows = 12345},
    {.name = "saleshandy.team-stats",
     .status = "failed",
     .detail = "HTTP 503 Service Unavailable after 3 retries"},
    {.name = "unpod.analytics",
     .status = "retried",
     .detail = "2 retries after HTTP 429",
     .rows = 57},
};

/* A report with every kind of section; its storage lives here. */
struct demo {
    struct or_cursor cur[12];
    struct or_result res[12];
    struct or_section sec[16];
    const struct or_section *secp[16]; /* secp[i] is &sec[i]: the ABI's list */
    struct or_report report;
};

static struct or_result *
static_result(struct demo *dm, size_t i, const struct or_result_column *cols, size_t ncols,
              const struct or_value *rows, size_t nrows)
{
    fake_renderer_result(&dm->cur[i], &dm->res[i], cols, ncols, rows, nrows);
    return &dm->res[i];
}

static struct or_result *
generated_result(struct demo *dm, size_t i, enum gen gen, size_t n)
{
    const struct or_result_column *cols = gen == GEN_CALL_LOG ? call_log_cols : wide_cols;
    size_t ncols = gen == GEN_CALL_LOG ? COUNT(call_log_cols) : COUNT(wide_cols);
    fake_renderer_result(&dm->cur[i], &dm->res[i], cols, ncols, NULL, 0);
    dm->cur[i].gen = generate_row;
    dm->cur[i].kind = (int)gen;
    dm->cur[i].generate = n;
    dm->res[i].nrows = (int64_t)n;
    return &dm->res[i];
}

static void
report_init(struct demo *dm)
{
    memset(dm, 0, sizeof(*dm));
    dm->report = (struct or_report){
        .title = "Weekly sales activity",
        .tz = "Europe/Berlin",
        .period_label = "Week 47, 16\xE2\x80\x93"
                        "22 Nov 2026",
        .period_start = T_PERIOD_START,
        .period_end = T_PERIOD_END,
        .generated_at = T_GENERATED,
        .sections = dm->secp,
        .sources = fake_sources(demo_sources, COUNT(demo_sources)),
        .nsources = COUNT(demo_sources),
        .description = "Calls, e-mails and AI-agent calls of the inside sales team, joined "
                       "by rep e-mail. Figures compare with week 46.",
        .author = "Sales Operations",
    };
}

static struct or_section *
add_section(struct demo *dm, enum or_section_kind kind, const char *id, const char *title)
{
    dm->secp[dm->report.nsections] = &dm->sec[dm->report.nsections];
    struct or_section *s = &dm->sec[dm->report.nsections++];
    *s = (struct or_section){.kind = kind, .id = id, .title = title};
    return s;
}

/* The full demo: every kind of section, 200-row and wide tables included. */
static void
demo_init(struct demo *dm)
{
    struct or_section *s;
    report_init(dm);
    s = add_section(dm, OR_SECTION_KPIS, "headline", "Headline figures");
    s->kpis = fake_kpis(demo_kpis, COUNT(demo_kpis));
    s->nkpis = COUNT(demo_kpis);
    s->description = "This week against week 46.";
    s = add_section(dm, OR_SECTION_CHART, "calls_per_day", "Calls per day");
    s->result = static_result(dm, 0, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    s->chart = &chart_bar;
    s = add_section(dm, OR_SECTION_TABLE, "reps", "Calls by rep");
    s->result = static_result(dm, 1, rep_cols, COUNT(rep_cols), rep_rows, COUNT(rep_rows) / 7);
    s = add_section(dm, OR_SECTION_CHART, "channels", "Activities per day and channel");
    s->result = static_result(dm, 2, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    s->chart = &chart_grouped;
    s = add_section(dm, OR_SECTION_CHART, "trend", "Daily trend");
    s->result = static_result(dm, 3, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    s->chart = &chart_line;
    s = add_section(dm, OR_SECTION_CHART, "outcomes", "Call outcomes");
    s->result = static_result(dm, 4, outcome_cols, COUNT(outcome_cols), outcome_rows,
                              COUNT(outcome_rows) / 2);
    s->chart = &chart_donut;
    s = add_section(dm, OR_SECTION_CHART, "funnel", "From dial to opportunity");
    s->result =
        static_result(dm, 5, funnel_cols, COUNT(funnel_cols), funnel_rows, COUNT(funnel_rows) / 2);
    s->chart = &chart_funnel;
    s = add_section(dm, OR_SECTION_CHART, "mix", "Channel mix per day");
    s->result = static_result(dm, 6, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    s->chart = &chart_stacked_h;
    s = add_section(dm, OR_SECTION_TEXT, "notes", "Notes");
    s->text = demo_text;
    s = add_section(dm, OR_SECTION_TABLE, "team_stats", "E-mail replies by rep");
    s->unavailable = "saleshandy.team-stats failed (HTTP 503 Service Unavailable)";
    s = add_section(dm, OR_SECTION_TABLE, "call_log", "Call log");
    s->result = generated_result(dm, 7, GEN_CALL_LOG, 200);
    s->description = "Every call of the week, in order.";
    s = add_section(dm, OR_SECTION_TABLE, "weekly", "Calls per rep and week");
    s->result = generated_result(dm, 8, GEN_WIDE, 8);
    s = add_section(dm, OR_SECTION_CHART, "reps_chart", "Calls per rep");
    s->result = static_result(dm, 9, rep_cols, COUNT(rep_cols), rep_rows, COUNT(rep_rows) / 7);
    s->chart = &chart_hbar;
}

/* ------------------------------------------------------------------------- */
/* Suite, rendering and reading documents back                                */
/* ------------------------------------------------------------------------- */

static int
suite_setup(void **state)
{
    static struct fake_renderer_suite s;
    return fake_renderer_suite_setup(state, &s, "pdf", &fake_host, &host_state);
}

static int
suite_teardown(void **state)
{
    return fake_renderer_suite_teardown(state);
}

static int
test_setup(void **state)
{
    return fake_renderer_test_setup(state);
}

/* Copy a rendered file to $OR_PDF_KEEP for a look, when set. */
static void
keep_copy(const char *path, const char *name)
{
    const char *keep = getenv("OR_PDF_KEEP");
    if (keep == NULL || keep[0] == '\0') {
        return;
    }
    char dst[1024];
    snprintf(dst, sizeof(dst), "%s/%s.pdf", keep, name);
    const char *argv[] = {"/bin/cp", path, dst, NULL};
    struct proc_result r;
    if (proc_run(argv, NULL, 30, &r) == 0) {
        proc_result_free(&r);
    }
}

static or_status
render_to(struct fake_renderer_suite *s, const struct or_report *report, const char *name,
          const struct or_option *opts, size_t nopts)
{
    or_status st = fake_renderer_render(s, report, name, opts, nopts);
    if (st == OR_OK) {
        keep_copy(s->path, name);
    }
    return st;
}

static void
render_ok(struct fake_renderer_suite *s, const struct or_report *report, const char *name,
          const struct or_option *opts, size_t nopts)
{
    or_status st = render_to(s, report, name, opts, nopts);
    if (st != OR_OK) {
        fail_msg("render of %s failed (%d): %s", name, (int)st, s->err);
    }
}

/* Absolute path of a program on $PATH (one of a few static buffers). */
static const char *
tool(const char *name)
{
    static char found[8][512];
    static int next;
    const char *path = getenv("PATH");
    const char *p = path != NULL ? path : "/usr/bin:/bin";
    while (*p != '\0') {
        const char *end = strchr(p, ':');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        char *slot = found[next++ % 8];
        snprintf(slot, sizeof(found[0]), "%.*s/%s", (int)len, p, name);
        if (len > 0 && access(slot, X_OK) == 0) {
            return slot;
        }
        p += len;
        if (*p == ':') {
            p++;
        }
    }
    fail_msg("%s is not installed (poppler-utils, qpdf)", name);
    return NULL;
}

/* Run a command; fails the test if it cannot be started. */
static void
run(const char *const *argv, struct proc_result *r)
{
    if (proc_run(argv, NULL, 120, r) != 0) {
        fail_msg("cannot run %s", argv[0]);
    }
}

/* pdftotext -layout of the whole document; pages end with '\f'.  Owned. */
static char *
pdf_text_of(const char *path)
{
    struct proc_result r;
    const char *argv[] = {tool("pdftotext"), "-layout", "-enc", "UTF-8", path, "-", NULL};
    run(argv, &r);
    if (r.status != 0) {
        fprintf(stderr, "%s", r.err);
        proc_result_free(&r);
        fail_msg("pdftotext failed on %s", path);
    }
    free(r.err);
    return r.out;
}

static int
page_count(const char *text)
{
    int n = 0;
    for (const char *p = text; *p != '\0'; p++) {
        n += *p == '\f';
    }
    return n;
}

/* Copy page @p page (1-based) of a pdftotext result into a new string. */
static char *
page_text(const char *text, int page)
{
    const char *p = text;
    for (int i = 1; i < page && p != NULL; i++) {
        p = strchr(p, '\f');
        if (p != NULL) {
            p++;
        }
    }
    if (p == NULL) {
        return strdup("");
    }
    const char *end = strchr(p, '\f');
    return strndup(p, end != NULL ? (size_t)(end - p) : strlen(p));
}

/* Page (1-based) of the first occurrence of @p needle, or 0. */
static int
page_of(const char *text, const char *needle)
{
    const char *hit = strstr(text, needle);
    if (hit == NULL) {
        return 0;
    }
    int page = 1;
    for (const char *p = text; p < hit; p++) {
        page += *p == '\f';
    }
    return page;
}

static void
assert_contains(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle) == NULL) {
        fprintf(stderr, "---- text ----\n%s\n---- end ----\n", haystack);
        fail_msg("text does not contain \"%s\"", needle);
    }
}

static void
assert_not_contains(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle) != NULL) {
        fail_msg("text contains \"%s\" but should not", needle);
    }
}

static void
assert_no_file(const char *path)
{
    if (access(path, F_OK) == 0) {
        fail_msg("%s was created although the render was refused", path);
    }
}

/* Run tests/check_pdf.py on a file with extra arguments; returns its result. */
static int
check_pdf(const char *path, const char *const *args, struct proc_result *r)
{
    const char *src = getenv("OR_SOURCE_ROOT");
    char script[1024];
    const char *argv[32];
    size_t n = 0;
    snprintf(script, sizeof(script), "%s/tests/check_pdf.py", src != NULL ? src : ".");
    argv[n++] = tool("python3");
    argv[n++] = script;
    argv[n++] = path;
    for (size_t i = 0; args != NULL && args[i] != NULL && n < COUNT(argv) - 1; i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    run(argv, r);
    return r->status;
}

static void
assert_check_pdf_passes(const char *path, const char *const *args)
{
    struct proc_result r;
    if (check_pdf(path, args, &r) != 0) {
        fprintf(stderr, "%s%s", r.out, r.err);
        proc_result_free(&r);
        fail_msg("check_pdf.py failed on %s", path);
    }
    proc_result_free(&r);
}

/* ------------------------------------------------------------------------- */
/* Tests                                                                      */
/* ------------------------------------------------------------------------- */

static void
descriptor_is_pdf_renderer_with_paper_font_dir_fallback_font_and_script_font_dir_options(
    void **state)
{
    const struct fake_renderer_suite *s = *state;
    const struct or_plugin *p = s->plugin;

    assert_int_equal(p->abi_major, OR_ABI_MAJOR);
    assert_int_equal(p->abi_minor, OR_ABI_MINOR);
    assert_int_equal(p->kind, OR_PLUGIN_RENDERER);
    assert_string_equal(p->name, "pdf");
    assert_null(p->provider);
    assert_non_null(p->renderer);
    assert_string_equal(p->renderer->format, "pdf");
    assert_string_equal(p->renderer->mime_type, "application/pdf");
    assert_non_null(p->renderer->render);
    assert_int_equal(p->renderer->noptions, 4);
    assert_string_equal(p->renderer->options[0]->name, "paper");
    assert_int_equal(p->renderer->options[0]->type, OR_PARAM_ENUM);
    assert_string_equal(p->renderer->options[0]->choices, "a4,letter");
    assert_string_equal(p->renderer->options[1]->name, "font_dir");
    assert_int_equal(p->renderer->options[1]->type, OR_PARAM_STRING);
    assert_string_equal(p->renderer->options[2]->name, "fallback_font");
    assert_int_equal(p->renderer->options[2]->type, OR_PARAM_STRING);
    assert_string_equal(p->renderer->options[3]->name, "script_font_dir");
    assert_int_equal(p->renderer->options[3]->type, OR_PARAM_STRING);
    /* Only the entry symbol is exported. */
    assert_null(dlsym(s->dl, "pdf_render"));
    assert_null(dlsym(s->dl, "pdf_doc_open"));
    assert_non_null(dlsym(s->dl, OR_PLUGIN_ENTRY_NAME));
}

static void
every_page_has_header_period_zone_and_page_x_of_y(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    demo_init(&dm);
    render_ok(s, &dm.report, "demo", NULL, 0);

    const char *args[] = {
        "--min-pages",
        "5",
        "--every-page",
        "Weekly sales activity",
        "--every-page",
        "Week 47, 16\xE2\x80\x93"
        "22 Nov 2026",
        "--every-page",
        "Times in Europe/Berlin",
        "--every-page",
        "Generated 2026-11-23 07:30 UTC+01:00",
        NULL,
    };
    assert_check_pdf_passes(s->path, args);

    /* The same, read directly: page i of N on every page, nothing else. */
    char *text = pdf_text_of(s->path);
    int n = page_count(text);
    assert_true(n >= 5);
    for (int i = 1; i <= n; i++) {
        char want[64];
        char *page = page_text(text, i);
        snprintf(want, sizeof(want), "page %d of %d", i, n);
        assert_contains(page, want);
        assert_contains(page, "Times in Europe/Berlin");
        free(page);
    }
    free(text);
}

static void
every_section_has_a_bookmark_to_its_page(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    demo_init(&dm);
    render_ok(s, &dm.report, "outline", NULL, 0);

    const char *args[32];
    size_t n = 0;
    for (size_t i = 0; i < dm.report.nsections && n < COUNT(args) - 3; i++) {
        args[n++] = "--outline";
        args[n++] = dm.sec[i].title;
    }
    args[n] = NULL;
    assert_check_pdf_passes(s->path, args);

    /* The checker fails on a bookmark that does not exist. */
    const char *missing[] = {"--outline", "No such section", NULL};
    struct proc_result r;
    assert_int_not_equal(check_pdf(s->path, missing, &r), 0);
    assert_contains(r.out, "no bookmark titled");
    proc_result_free(&r);
}

static void
kpi_tiles_show_value_previous_and_change(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    struct or_section *k = add_section(&dm, OR_SECTION_KPIS, "kpis", "Headline figures");
    k->kpis = fake_kpis(demo_kpis, COUNT(demo_kpis));
    k->nkpis = COUNT(demo_kpis);
    render_ok(s, &dm.report, "kpis", NULL, 0);

    char *text = pdf_text_of(s->path);
    /* Values in their formats, previous values, changes. */
    assert_contains(text, "12,345");
    assert_contains(text, "prev 11,980");
    assert_contains(text, "+3.0 %"); /* 12,345 against 11,980 */
    assert_contains(text, "25.0 %");
    assert_contains(text, "+2.1 pp"); /* 25.0 % against 22.9 %: points, not percent */
    assert_contains(text, "1:02:03"); /* 3,723 s */
    assert_contains(text, "prev 1:05:00");
    assert_contains(text, "-4.5 %");
    assert_contains(text, "+0.5 pp"); /* bounce rate */
    assert_contains(text, "4,821");
    assert_contains(text, "no previous period");
    assert_contains(text, "-16.0 %"); /* meetings 42 against 50 */
    assert_contains(text, "184,250.50");
    assert_contains(text, "prev 171,900.00");
    free(text);
}

/* The host's formatters of this suite, and markers around what they write. */
static or_status (*host_format_cell)(const struct or_host *, const struct or_value *,
                                     enum or_format, unsigned, struct or_display *);
static or_status (*host_format_kpi)(const struct or_host *, const struct or_kpi *, enum or_kpi_part,
                                    unsigned, struct or_display *, int *);

/* The host's text in <>, so the document shows what came from the host. */
static void
mark(struct or_display *out)
{
    char inner[OR_DISPLAY_SIZE];
    snprintf(inner, sizeof(inner), "%s", out->text);
    snprintf(out->text, sizeof(out->text), "<%.60s>", inner);
}

static or_status
marked_cell(const struct or_host *h, const struct or_value *v, enum or_format fmt, unsigned flags,
            struct or_display *out)
{
    or_status st = host_format_cell(h, v, fmt, flags, out);
    if (out->kind != OR_DISPLAY_TEXT) {
        mark(out);
    }
    return st;
}

static or_status
marked_kpi(const struct or_host *h, const struct or_kpi *k, enum or_kpi_part part, unsigned flags,
           struct or_display *out, int *dir)
{
    or_status st = host_format_kpi(h, k, part, flags, out, dir);
    if (part == OR_KPI_CHANGE) {
        snprintf(out->text, sizeof(out->text), "%s", out->text[0] != '\0' ? "<chg>" : "");
    }
    else {
        mark(out);
    }
    return st;
}

/* Every number, instant and change of the document is written by the host's
 * formatter (or_host.format_cell, format_kpi), not by the renderer. */
static void
numbers_and_changes_come_from_the_hosts_formatter(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    struct or_section *k = add_section(&dm, OR_SECTION_KPIS, "kpis", "Headline figures");
    k->kpis = fake_kpis(demo_kpis, 2);
    k->nkpis = 2;
    struct or_section *t = add_section(&dm, OR_SECTION_TABLE, "reps", "Reps");
    t->result = static_result(&dm, 0, rep_cols, COUNT(rep_cols), rep_rows, 1);
    host_format_cell = fake_host.format_cell;
    host_format_kpi = fake_host.format_kpi;
    fake_host.format_cell = marked_cell;
    fake_host.format_kpi = marked_kpi;
    or_status st = render_to(s, &dm.report, "marked", NULL, 0);
    fake_host.format_cell = host_format_cell;
    fake_host.format_kpi = host_format_kpi;
    assert_int_equal(st, OR_OK);

    char *text = pdf_text_of(s->path);
    assert_contains(text, "<12,345>");      /* KPI value */
    assert_contains(text, "prev <11,980>"); /* its previous value */
    assert_contains(text, "<chg>");         /* its change */
    assert_contains(text, "<2,104>");       /* INT cell */
    assert_contains(text, "<28.1 %>");      /* REAL cell in percent */
    assert_contains(text, "<11:10:11>");    /* duration cell: 40,211 s */
    assert_contains(text, "<yes>");         /* BOOL cell */
    assert_contains(text, "<2026-11-18");   /* TIME cell, in the report's zone */
    assert_not_contains(text, "Zo<");       /* text is the renderer's to clean, not to format */
    free(text);
}

/* The content streams of a document, uncompressed (qpdf --qdf). */
static char *
content_of(const char *path)
{
    char out[600];
    snprintf(out, sizeof(out), "%s.qdf", path);
    const char *argv[] = {tool("qpdf"), "--qdf", "--object-streams=disable", path, out, NULL};
    struct proc_result r;
    run(argv, &r);
    proc_result_free(&r);
    char *data = test_read_file(out, NULL);
    unlink(out);
    if (data == NULL) {
        fail_msg("qpdf --qdf produced nothing for %s", path);
    }
    return data;
}

/* Fill operators of the change colours in pdf_theme.h (green 0x00855F, red 0xC24F00). */
#define GREEN_FILL "0 0.52157 0.37255 rg"
#define RED_FILL "0.76078 0.3098 0 rg"

static void
kpi_arrows_are_green_for_good_red_for_bad_and_honour_lower_is_better(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct or_kpi up = {.label = "Calls",
                        .format = OR_FMT_INTEGER,
                        .has_value = 1,
                        .value = 120,
                        .has_previous = 1,
                        .previous = 100};
    struct demo dm;
    report_init(&dm);
    dm.report.nsources = 0;
    struct or_section *k = add_section(&dm, OR_SECTION_KPIS, "kpis", "Figures");
    k->kpis = fake_kpis(&up, 1);
    k->nkpis = 1;

    render_ok(s, &dm.report, "kpi_good", NULL, 0);
    char *c = content_of(s->path);
    assert_contains(c, GREEN_FILL);
    assert_not_contains(c, RED_FILL);
    free(c);

    up.lower_is_better = 1; /* the same rise is now bad news */
    render_ok(s, &dm.report, "kpi_bad", NULL, 0);
    c = content_of(s->path);
    assert_contains(c, RED_FILL);
    assert_not_contains(c, GREEN_FILL);
    free(c);

    up.has_previous = 0; /* no comparison: no arrow, no colour */
    render_ok(s, &dm.report, "kpi_none", NULL, 0);
    c = content_of(s->path);
    assert_not_contains(c, RED_FILL);
    assert_not_contains(c, GREEN_FILL);
    free(c);
    char *text = pdf_text_of(s->path);
    assert_contains(text, "no previous period");
    free(text);
}

static void
dejavu_is_embedded_and_unicode_names_extract(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    struct or_section *t = add_section(&dm, OR_SECTION_TABLE, "reps", "Calls by rep");
    t->result = static_result(&dm, 0, rep_cols, COUNT(rep_cols), rep_rows, COUNT(rep_rows) / 7);
    render_ok(s, &dm.report, "unicode", NULL, 0);

    const char *args[] = {
        "--font", "DejaVuSans,Book",
        "--font", "DejaVuSans-Bold",
        "--text", "Zoë Müller",
        "--text", "Łukasz Kowalski",
        "--text", "Ingrid Ødegaard",
        "--text", "Anders Ångström",
        "--text", "Søren Kierkegaard",
        "--text", "日本", /* no glyph in DejaVu: drawn with the fallback, extracted */
        NULL,
    };
    assert_check_pdf_passes(s->path, args);

    struct proc_result r;
    const char *argv[] = {tool("pdffonts"), s->path, NULL};
    run(argv, &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines_with(r.out, "DejaVuSans"), 2);
    assert_int_equal(test_count_lines_with(r.out, " no "), 0);
    proc_result_free(&r);
}

static void
long_table_repeats_header_on_every_page_with_row_ranges(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    struct or_section *t = add_section(&dm, OR_SECTION_TABLE, "call_log", "Call log");
    t->result = generated_result(&dm, 0, GEN_CALL_LOG, 200);
    dm.cur[0].pos = 57; /* as if another renderer had read part of it */
    render_ok(s, &dm.report, "long_table", NULL, 0);

    char *text = pdf_text_of(s->path);
    int n = page_count(text);
    assert_true(n >= 3);
    int expect_first = 1;
    for (int i = 1; i <= n; i++) {
        char *page = page_text(text, i);
        int first = 0;
        int last = 0;
        int total = 0;
        const char *range = strstr(page, "rows ");
        assert_non_null(range);
        if (sscanf(range, "rows %d\xE2\x80\x93%d of %d", &first, &last, &total) != 3) {
            fail_msg("page %d: unreadable range line \"%.40s\"", i, range);
        }
        /* Headers on every page, ranges contiguous. */
        assert_contains(page, "Started");
        assert_contains(page, "Outcome");
        assert_contains(page, "Lead score");
        assert_int_equal(first, expect_first);
        assert_int_equal(total, 200);
        expect_first = last + 1;
        free(page);
    }
    assert_int_equal(expect_first, 201);
    /* Every row is there, once, from the first: the cursor was rewound. */
    for (int id = 1; id <= 200; id++) {
        char want[16];
        snprintf(want, sizeof(want), "C-%04d ", id);
        const char *hit = strstr(text, want);
        if (hit == NULL || strstr(hit + 1, want) != NULL) {
            fail_msg("row %s is %s", want, hit == NULL ? "missing" : "repeated");
        }
    }
    /* Times in the report's zone, booleans, NULL. */
    assert_contains(text, "2026-11-16 08:00");
    assert_contains(text, "yes");
    assert_contains(text, "no");
    assert_contains(text, "\xE2\x80\x93"); /* the NULL score of row 5 */
    assert_true(dm.cur[0].rewinds >= 1);
    free(text);
}

/*
 * What page @p page of @p path paints, per tests/pdf_graphics.py (qpdf):
 * "page N images I fills F strokes S fill-colours RRGGBB:K,... stroke-colours ...".
 * Owned by the caller (free()).
 */
static char *
graphics_of_page(const char *path, int page)
{
    const char *src = getenv("OR_SOURCE_ROOT");
    char script[1024];
    char want[32];
    snprintf(script, sizeof(script), "%s/tests/pdf_graphics.py", src != NULL ? src : ".");
    snprintf(want, sizeof(want), "page %d ", page);
    const char *argv[] = {tool("python3"), script, path, NULL};
    struct proc_result r;
    run(argv, &r);
    if (r.status != 0) {
        fprintf(stderr, "%s%s", r.out, r.err);
        proc_result_free(&r);
        fail_msg("pdf_graphics.py failed on %s", path);
    }
    char *line = NULL;
    for (char *l = r.out; l != NULL && *l != '\0';
         l = strchr(l, '\n') != NULL ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, want, strlen(want)) == 0) {
            size_t len = strcspn(l, "\n");
            line = strndup(l, len);
            break;
        }
    }
    proc_result_free(&r);
    if (line == NULL) {
        fail_msg("%s has no page %d", path, page);
    }
    return line;
}

/* The decimal number at @p p. */
static int
leading_int(const char *p)
{
    char *end = NULL;
    long v = strtol(p, &end, 10);
    assert_true(end != p);
    return (int)v;
}

/* The number after @p key ("images", "fills", "strokes") in a graphics_of_page() line. */
static int
graphics_count(const char *line, const char *key)
{
    char k[32];
    snprintf(k, sizeof(k), " %s ", key);
    const char *hit = strstr(line, k);
    assert_non_null(hit);
    return leading_int(hit + strlen(k));
}

/*
 * How many paths a graphics_of_page() line paints in colour @p rrggbb (lower case), in its
 * list @p which ("fill-colours" or "stroke-colours").
 */
static int
graphics_painted_in(const char *line, const char *which, const char *rrggbb)
{
    char k[40];
    snprintf(k, sizeof(k), " %s ", which);
    const char *list = strstr(line, k);
    assert_non_null(list);
    list += strlen(k);
    size_t len = strcspn(list, " ");
    snprintf(k, sizeof(k), "%s:", rrggbb);
    const char *hit = strstr(list, k);
    return hit != NULL && (size_t)(hit - list) < len ? leading_int(hit + strlen(k)) : 0;
}

static int
graphics_fills_in(const char *line, const char *rrggbb)
{
    return graphics_painted_in(line, "fill-colours", rrggbb);
}

static int
graphics_strokes_in(const char *line, const char *rrggbb)
{
    return graphics_painted_in(line, "stroke-colours", rrggbb);
}

/* Pages of the call log with @p rows rows after the cover: the last one's number. */
static int
table_last_page(struct fake_renderer_suite *s, size_t rows)
{
    struct demo dm;
    char needle[64];
    report_init(&dm);
    struct or_section *t = add_section(&dm, OR_SECTION_TABLE, "call_log", "Call log");
    t->result = generated_result(&dm, 0, GEN_CALL_LOG, rows);
    render_ok(s, &dm.report, "probe", NULL, 0);
    char *text = pdf_text_of(s->path);
    snprintf(needle, sizeof(needle), "%zu of %zu", rows, rows);
    int page = page_of(text, needle);
    free(text);
    return page;
}

/* The largest call log that still ends on page 1: it fills it to the bottom. */
static size_t
rows_filling_page_one(struct fake_renderer_suite *s)
{
    size_t lo = 1;
    size_t hi = 120;
    assert_int_equal(table_last_page(s, lo), 1);
    assert_true(table_last_page(s, hi) >= 2);
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (table_last_page(s, mid) == 1) {
            lo = mid;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

static void
charts_and_tiles_are_never_split_across_pages(void **state)
{
    struct fake_renderer_suite *s = *state;
    size_t lo = rows_filling_page_one(s);

    struct demo dm;
    report_init(&dm);
    struct or_section *t = add_section(&dm, OR_SECTION_TABLE, "call_log", "Call log");
    t->result = generated_result(&dm, 0, GEN_CALL_LOG, lo);
    struct or_section *c = add_section(&dm, OR_SECTION_CHART, "per_day", "Calls per day");
    c->result = static_result(&dm, 1, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    c->chart = &chart_bar;
    struct or_section *k = add_section(&dm, OR_SECTION_KPIS, "kpis", "Headline figures");
    k->kpis = fake_kpis(demo_kpis, COUNT(demo_kpis));
    k->nkpis = COUNT(demo_kpis);
    struct or_section *t2 = add_section(&dm, OR_SECTION_TABLE, "call_log2", "Call log again");
    t2->result = generated_result(&dm, 2, GEN_CALL_LOG, 33);
    struct or_section *c2 = add_section(&dm, OR_SECTION_CHART, "outcomes", "Call outcomes");
    c2->result = static_result(&dm, 3, outcome_cols, COUNT(outcome_cols), outcome_rows,
                               COUNT(outcome_rows) / 2);
    c2->chart = &chart_donut;
    k = add_section(&dm, OR_SECTION_KPIS, "kpis2", "More figures");
    k->kpis = fake_kpis(demo_kpis, COUNT(demo_kpis));
    k->nkpis = COUNT(demo_kpis);
    render_ok(s, &dm.report, "keep_together", NULL, 0);

    char *text = pdf_text_of(s->path);
    char needle[64];
    snprintf(needle, sizeof(needle), "%zu of %zu", lo, lo);
    int table_end = page_of(text, needle);
    assert_int_equal(table_end, 1);
    /* The chart does not fit under the table: heading and chart move on together. */
    int chart_page = page_of(text, "Calls per day");
    assert_int_equal(chart_page, 2);
    /* Page 1 paints exactly what the table alone paints there: nothing of the chart. */
    char *alone = NULL;
    {
        struct demo probe;
        report_init(&probe);
        struct or_section *pt = add_section(&probe, OR_SECTION_TABLE, "call_log", "Call log");
        pt->result = generated_result(&probe, 0, GEN_CALL_LOG, lo);
        render_ok(s, &probe.report, "table_alone", NULL, 0);
        alone = graphics_of_page(s->path, 1);
    }
    render_ok(s, &dm.report, "keep_together", NULL, 0);
    char *page1 = graphics_of_page(s->path, 1);
    assert_string_equal(page1, alone);
    /* Page 2: the heading's mark and the seven bars in the first series colour. */
    char *page2 = graphics_of_page(s->path, 2);
    assert_int_equal(graphics_count(page2, "images"), 0);
    assert_true(graphics_fills_in(page2, "0072b2") >= 1 + 7);
    int donut_page = page_of(text, "Call outcomes");
    assert_true(donut_page >= 2);
    /* The donut's slices (six outcomes, six colours) are on its heading's page. */
    char *donut = graphics_of_page(s->path, donut_page);
    assert_true(graphics_fills_in(donut, "e69f00") >= 1);
    assert_true(graphics_fills_in(donut, "56b4e9") >= 1);
    free(alone);
    free(page1);
    free(page2);
    free(donut);

    /* Each tile's label, value and comparison are on one page, with its heading. */
    static const char *const tiles[][2] = {
        {"Calls", "prev 11,980"},
        {"Connect rate", "+2.1 pp"},
        {"Avg talk time", "1:02:03"},
        {"Bounce rate", "+0.5 pp"},
        {"Emails sent", "4,821"},
        {"Meetings booked", "prev 50"},
        {"Pipeline value (EUR)", "184,250.50"},
        {"Open tickets", "prev 12"},
    };
    int n = page_count(text);
    for (int p = 1; p <= n; p++) {
        char *page = page_text(text, p);
        for (size_t i = 0; i < COUNT(tiles); i++) {
            if (strstr(page, tiles[i][0]) != NULL && strstr(page, "Headline figures") != NULL) {
                assert_contains(page, tiles[i][1]);
            }
        }
        free(page);
    }
    assert_int_equal(page_of(text, "Headline figures"), page_of(text, "Pipeline value (EUR)"));
    free(text);
}

/* The parts of the table with @p total rows, from its "rows a-b of total"
 * lines: how many, and the fewest rows one holds. */
static void
table_parts(const char *text, int total, int *nparts, int *fewest)
{
    *nparts = 0;
    *fewest = total;
    int expect = 1;
    for (const char *p = strstr(text, "rows "); p != NULL; p = strstr(p + 1, "rows ")) {
        int a = 0, b = 0, n = 0;
        if (sscanf(p, "rows %d\xE2\x80\x93%d of %d", &a, &b, &n) != 3 || n != total) {
            continue;
        }
        assert_int_equal(a, expect);
        expect = b + 1;
        (*nparts)++;
        *fewest = b - a + 1 < *fewest ? b - a + 1 : *fewest;
    }
    assert_int_equal(expect, total + 1);
}

static void
render_tables(struct fake_renderer_suite *s, size_t first_rows, size_t second_rows)
{
    struct demo dm;
    report_init(&dm);
    struct or_section *t = add_section(&dm, OR_SECTION_TABLE, "call_log", "Call log");
    t->result = generated_result(&dm, 0, GEN_CALL_LOG, first_rows);
    if (second_rows > 0) {
        t = add_section(&dm, OR_SECTION_TABLE, "short", "Short table");
        t->result = generated_result(&dm, 1, GEN_CALL_LOG, second_rows);
    }
    render_ok(s, &dm.report, "parts", NULL, 0);
}

/* A 5-row table cut 3 + 2 across two pages, or a long one whose last page
 * holds one or two rows, is hard to read: short tables move over whole, and
 * the last rows of a long one go over in threes at least. */
static void
short_tables_stay_whole_and_no_page_holds_a_table_s_last_one_or_two_rows(void **state)
{
    struct fake_renderer_suite *s = *state;
    size_t lo = rows_filling_page_one(s);
    int nparts = 0;
    int fewest = 0;

    for (size_t extra = 1; extra <= 2; extra++) {
        render_tables(s, lo + extra, 0);
        char *text = pdf_text_of(s->path);
        table_parts(text, (int)(lo + extra), &nparts, &fewest);
        assert_int_equal(nparts, 2);
        assert_int_equal(fewest, 3);
        free(text);
    }
    /* After a long table ending anywhere on page 1's last dozen rows. */
    for (size_t a = lo - 12; a <= lo; a++) {
        render_tables(s, a, 5);
        char *text = pdf_text_of(s->path);
        table_parts(text, 5, &nparts, &fewest);
        if (nparts != 1) {
            fail_msg("a 5-row table after %zu rows is cut in %d parts", a, nparts);
        }
        free(text);
    }
}

static void
failed_source_is_stated_on_first_page(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    demo_init(&dm);
    render_ok(s, &dm.report, "failed_source", NULL, 0);

    const char *args[] = {
        "--page1",
        "Source saleshandy.team-stats failed: HTTP 503 Service Unavailable after 3 retries",
        "--page1",
        "salesfinity.call-log",
        "--page1",
        "12,345 rows",
        "--page1",
        "unpod.analytics",
        "--page1",
        "2 retries after HTTP 429",
        NULL,
    };
    assert_check_pdf_passes(s->path, args);
    /* Only failed sources get the statement. */
    char *text = pdf_text_of(s->path);
    assert_not_contains(text, "Source salesfinity.call-log failed");
    assert_not_contains(text, "Source unpod.analytics failed");
    free(text);
    /* And it is red. */
    char *c = content_of(s->path);
    assert_contains(c, "0.85098 0.18824 0.1451 rg"); /* 0xD93025 */
    free(c);
}

static void
unavailable_section_shows_reason_box(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    struct or_section *a = add_section(&dm, OR_SECTION_TABLE, "team", "E-mail replies by rep");
    a->unavailable = "saleshandy.team-stats failed (HTTP 503 Service Unavailable)";
    a->result = static_result(&dm, 0, rep_cols, COUNT(rep_cols), rep_rows, COUNT(rep_rows) / 7);
    struct or_section *b = add_section(&dm, OR_SECTION_CHART, "chart", "Replies per day");
    b->unavailable = "data unavailable: no rows for this period";
    struct or_section *c = add_section(&dm, OR_SECTION_KPIS, "kpis", "Reply figures");
    c->unavailable = "source failed";
    render_ok(s, &dm.report, "unavailable", NULL, 0);

    char *text = pdf_text_of(s->path);
    assert_contains(text, "E-mail replies by rep");
    assert_contains(text, "data unavailable: saleshandy.team-stats failed "
                          "(HTTP 503 Service Unavailable)");
    assert_contains(text, "data unavailable: no rows for this period");
    assert_not_contains(text, "data unavailable: data unavailable");
    assert_contains(text, "Reply figures");
    assert_contains(text, "data unavailable: source failed");
    /* Its data is not shown in place of the box. */
    assert_not_contains(text, "Zoë Müller");
    free(text);
    /* A box: the amber border colour 0xE69F00 is stroked. */
    char *cs = content_of(s->path);
    assert_contains(cs, "0.90196 0.62353 0 RG");
    free(cs);
}

static void
qpdf_check_passes(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    demo_init(&dm);
    render_ok(s, &dm.report, "qpdf", NULL, 0);

    struct proc_result r;
    const char *argv[] = {tool("qpdf"), "--check", s->path, NULL};
    run(argv, &r);
    if (r.status != 0) {
        fprintf(stderr, "%s%s", r.out, r.err);
    }
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "No syntax or stream encoding errors found");
    proc_result_free(&r);
    /* The checker also insists that readers see no warnings (valid ToUnicode maps). */
    assert_check_pdf_passes(s->path, NULL);
}

static void
same_input_and_generated_at_give_identical_bytes(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    size_t la = 0;
    size_t lb = 0;
    size_t lc = 0;

    demo_init(&dm);
    render_ok(s, &dm.report, "same_a", NULL, 0);
    char *a = test_read_file(s->path, &la);
    demo_init(&dm);
    render_ok(s, &dm.report, "same_b", NULL, 0);
    char *b = test_read_file(s->path, &lb);
    demo_init(&dm);
    dm.report.generated_at += 3600;
    render_ok(s, &dm.report, "same_c", NULL, 0);
    char *c = test_read_file(s->path, &lc);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(la > 10000);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    /* generated_at is what varies the bytes: the creation date in the report's zone. */
    assert_true(lc != la || memcmp(a, c, la) != 0);
    free(a);
    free(b);
    free(c);

    struct proc_result r;
    snprintf(s->path, sizeof(s->path), "%s/same_a.pdf", s->dir);
    const char *argv[] = {tool("pdfinfo"), "-isodates", s->path, NULL};
    run(argv, &r);
    assert_contains(r.out, "2026-11-23T07:30:00+01");
    assert_contains(r.out, "Creator:         outreport");
    assert_contains(r.out, "Author:          Sales Operations");
    assert_contains(r.out, "Subject:         Week 47, 16\xE2\x80\x93"
                           "22 Nov 2026");
    assert_contains(r.out, "Title:           Weekly sales activity");
    proc_result_free(&r);
}

static void
first_page_matches_reviewed_reference_image(void **state)
{
    struct fake_renderer_suite *s = *state;
    const char *src = getenv("OR_SOURCE_ROOT");
    char ref[1024];
    struct demo dm;

    snprintf(ref, sizeof(ref), "%s/tests/fixtures/pdf/first_page.pgm", src != NULL ? src : ".");
    demo_init(&dm);
    render_ok(s, &dm.report, "reference", NULL, 0);
    const char *update = getenv("OR_UPDATE_REFERENCE");
    if (update != NULL && strcmp(update, "1") == 0) {
        const char *args[] = {"--write-reference", ref, NULL};
        assert_check_pdf_passes(s->path, args);
        return;
    }
    const char *args[] = {"--reference", ref, "--max-diff", "0.75", NULL};
    assert_check_pdf_passes(s->path, args);

    /* The comparison can fail: another page 1 differs from the reference. */
    struct demo other;
    report_init(&other);
    other.report.title = "Monthly finance digest with a different cover";
    other.report.nsources = 0;
    render_ok(s, &other.report, "not_reference", NULL, 0);
    struct proc_result r;
    assert_int_not_equal(check_pdf(s->path, args, &r), 0);
    assert_contains(r.out, "differs from");
    proc_result_free(&r);
}

/* Width and height of page @p page per pdfinfo. */
static void
page_size(const char *path, int page, double *w, double *h)
{
    char p[16];
    char key[32];
    snprintf(p, sizeof(p), "%d", page);
    const char *argv[] = {tool("pdfinfo"), "-f", p, "-l", p, path, NULL};
    struct proc_result r;
    run(argv, &r);
    snprintf(key, sizeof(key), "Page %4d size:", page);
    const char *hit = strstr(r.out, key);
    if (hit == NULL || sscanf(hit + strlen(key), " %lf x %lf", w, h) != 2) {
        fprintf(stderr, "%s", r.out);
        proc_result_free(&r);
        fail_msg("no size of page %d in pdfinfo output", page);
    }
    proc_result_free(&r);
}

static void
wide_table_goes_landscape(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    double w;
    double h;

    report_init(&dm);
    struct or_section *narrow = add_section(&dm, OR_SECTION_TABLE, "reps", "Calls by rep");
    narrow->result =
        static_result(&dm, 0, rep_cols, COUNT(rep_cols), rep_rows, COUNT(rep_rows) / 7);
    struct or_section *wide =
        add_section(&dm, OR_SECTION_TABLE, "weekly", "Calls per rep and week");
    wide->result = generated_result(&dm, 1, GEN_WIDE, 40);
    struct or_section *after = add_section(&dm, OR_SECTION_TEXT, "after", "Afterword");
    after->text = "Back to portrait.";
    struct or_section *flagged = add_section(&dm, OR_SECTION_TEXT, "flagged", "Flagged wide");
    flagged->text = "This section asked for landscape itself.";
    flagged->landscape = 1;
    render_ok(s, &dm.report, "landscape", NULL, 0);

    char *text = pdf_text_of(s->path);
    int n = page_count(text);
    int wide_page = page_of(text, "Calls per rep and week");
    int after_page = page_of(text, "Back to portrait.");
    int flagged_page = page_of(text, "asked for landscape");
    free(text);
    assert_int_equal(wide_page, 2);
    page_size(s->path, 1, &w, &h);
    assert_true(w < h);
    page_size(s->path, wide_page, &w, &h);
    assert_true(w > h);
    assert_true(w > 841.0 && w < 842.0);
    page_size(s->path, after_page, &w, &h);
    assert_true(w < h);
    assert_true(after_page > wide_page);
    page_size(s->path, flagged_page, &w, &h);
    assert_true(w > h);
    assert_int_equal(flagged_page, n);
}

static void
letter_paper_option(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    double w;
    double h;
    demo_init(&dm);

    const struct or_option letter[] = {{"paper", "letter"}};
    render_ok(s, &dm.report, "letter", letter, 1);
    page_size(s->path, 1, &w, &h);
    assert_true(w == 612.0 && h == 792.0);
    assert_check_pdf_passes(s->path, NULL);

    const struct or_option a4[] = {{"paper", "a4"}};
    render_ok(s, &dm.report, "a4", a4, 1);
    page_size(s->path, 1, &w, &h);
    assert_true(w > 595.0 && w < 596.0 && h > 841.0 && h < 842.0);

    render_ok(s, &dm.report, "default", NULL, 0);
    page_size(s->path, 1, &w, &h);
    assert_true(w > 595.0 && w < 596.0);

    const struct or_option a5[] = {{"paper", "a5"}};
    assert_int_equal(render_to(s, &dm.report, "a5", a5, 1), OR_ERR_INVALID);
    assert_contains(s->err, "paper");
    assert_contains(s->err, "a5");
    assert_no_file(s->path);
}

static void
unknown_option_is_refused(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    demo_init(&dm);
    const struct or_option opts[] = {{"paper", "a4"}, {"colour", "red"}};
    assert_int_equal(render_to(s, &dm.report, "unknown_option", opts, 2), OR_ERR_INVALID);
    assert_contains(s->err, "colour");
    assert_no_file(s->path);
}

static void
missing_font_is_a_clear_error(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    demo_init(&dm);

    const struct or_option none[] = {{"font_dir", "/nonexistent/fonts"}};
    assert_int_equal(render_to(s, &dm.report, "nofont", none, 1), OR_ERR_RENDER);
    assert_contains(s->err, "/nonexistent/fonts/DejaVuSans.ttf");
    assert_contains(s->err, "No such file or directory");
    assert_no_file(s->path);

    /* A file that is not a font: libharu's code in hex, and the file. */
    char dir[600];
    char bad[700];
    snprintf(dir, sizeof(dir), "%s/badfonts", s->dir);
    mkdir(dir, 0700);
    snprintf(bad, sizeof(bad), "%s/DejaVuSans.ttf", dir);
    FILE *f = fopen(bad, "wb");
    assert_non_null(f);
    fputs("this is not a TrueType font\n", f);
    fclose(f);
    const struct or_option broken[] = {{"font_dir", dir}};
    assert_int_equal(render_to(s, &dm.report, "badfont", broken, 1), OR_ERR_RENDER);
    assert_contains(s->err, bad);
    assert_contains(s->err, "libharu error 0x");
    assert_no_file(s->path);
}

static void
every_chart_kind_is_drawn_as_vector_paths_not_an_image(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    demo_init(&dm);
    render_ok(s, &dm.report, "charts", NULL, 0);

    /* Bar, grouped, line, donut, funnel, stacked horizontal, horizontal bar: no raster at all. */
    struct proc_result r;
    const char *argv[] = {tool("pdfimages"), "-list", s->path, NULL};
    run(argv, &r);
    assert_int_equal(test_count_lines_with(r.out, " image "), 0);
    proc_result_free(&r);
    char *text = pdf_text_of(s->path);
    int pages[] = {page_of(text, "Calls per day"), page_of(text, "Daily trend"),
                   page_of(text, "Call outcomes"), page_of(text, "From dial to opportunity")};
    /* Bars and slices are filled paths, the trend's lines stroked paths, in series colours. */
    char *bars = graphics_of_page(s->path, pages[0]);
    assert_true(graphics_fills_in(bars, "0072b2") >= 1 + 7);
    char *trend = graphics_of_page(s->path, pages[1]);
    assert_true(graphics_strokes_in(trend, "0072b2") >= 1);
    char *donut = graphics_of_page(s->path, pages[2]);
    assert_true(graphics_fills_in(donut, "e69f00") >= 1);
    char *funnel = graphics_of_page(s->path, pages[3]);
    assert_true(graphics_count(funnel, "fills") >= 4);
    free(bars);
    free(trend);
    free(donut);
    free(funnel);
    assert_contains(text, "Calls per day");
    assert_contains(text, "Call outcomes");
    assert_contains(text, "From dial to opportunity");
    free(text);
}

static void
line_series_legend_keys_are_strokes_with_markers_not_swatches(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    /* Page 1 holds the sources' status pills (one is orange): the chart goes on page 2. */
    add_section(&dm, OR_SECTION_PAGE_BREAK, "break", NULL);
    struct or_section *c = add_section(&dm, OR_SECTION_CHART, "trend", "Daily trend");
    c->result = static_result(&dm, 0, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    c->chart = &chart_line;
    render_ok(s, &dm.report, "legend", NULL, 0);
    char *page = graphics_of_page(s->path, 2);
    /* The second series (orange): its line, seven marker rings, the key's stroke and ring;
       nothing filled in its colour (the markers are filled white). */
    assert_int_equal(graphics_fills_in(page, "e69f00"), 0);
    assert_int_equal(graphics_strokes_in(page, "e69f00"), 1 + 7 + 2);
    free(page);
}

static void
text_section_wraps_paragraphs(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    struct or_section *t = add_section(&dm, OR_SECTION_TEXT, "notes", "Notes");
    t->text = demo_text;
    render_ok(s, &dm.report, "text", NULL, 0);
    char *text = pdf_text_of(s->path);
    assert_contains(text, "Call volume rose 3.0 % week on week");
    assert_contains(text, "resolved the outage.");
    /* Wrapped: the paragraph is longer than a line. */
    assert_true(test_count_lines_with(text, "the") >= 3);
    free(text);
}

static void
page_break_section_starts_a_new_page(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    struct or_section *a = add_section(&dm, OR_SECTION_TEXT, "a", "Before");
    a->text = "First part.";
    add_section(&dm, OR_SECTION_PAGE_BREAK, "break", NULL);
    add_section(&dm, OR_SECTION_PAGE_BREAK, "break2", NULL); /* no empty page */
    struct or_section *b = add_section(&dm, OR_SECTION_TEXT, "b", "After");
    b->text = "Second part.";
    render_ok(s, &dm.report, "page_break", NULL, 0);
    char *text = pdf_text_of(s->path);
    assert_int_equal(page_of(text, "First part."), 1);
    assert_int_equal(page_of(text, "Second part."), 2);
    assert_int_equal(page_count(text), 2);
    free(text);
}

static void
cursor_errors_name_section_and_row(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    report_init(&dm);
    struct or_section *t = add_section(&dm, OR_SECTION_TABLE, "call_log", "Call log");
    t->result = generated_result(&dm, 0, GEN_CALL_LOG, 200);
    dm.cur[0].fail_at = 120;
    assert_int_equal(render_to(s, &dm.report, "cursor_fail", NULL, 0), OR_ERR_RENDER);
    assert_contains(s->err, "row 121");
    assert_contains(s->err, "call_log");

    report_init(&dm);
    t = add_section(&dm, OR_SECTION_CHART, "per_day", "Calls per day");
    t->result = static_result(&dm, 0, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    t->chart = &chart_bar;
    dm.cur[0].fail_rewind = 1;
    assert_int_equal(render_to(s, &dm.report, "rewind_fail", NULL, 0), OR_ERR_RENDER);
    assert_contains(s->err, "per_day");

    /* A chart naming a column its result lacks. */
    static const size_t bad_series[] = {9};
    static const struct or_chart bad = {
        .kind = OR_CHART_BAR, .nseries = 1, .series_cols = bad_series};
    report_init(&dm);
    t = add_section(&dm, OR_SECTION_CHART, "bad_chart", "Broken");
    t->result = static_result(&dm, 0, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    t->chart = &bad;
    assert_int_equal(render_to(s, &dm.report, "bad_chart", NULL, 0), OR_ERR_RENDER);
    assert_contains(s->err, "bad_chart");
}

static void
unwritable_path_is_an_io_error_naming_it(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    char path[600];
    demo_init(&dm);
    snprintf(path, sizeof(path), "%s/no/such/dir/out.pdf", s->dir);
    or_status st =
        s->plugin->renderer->render(&fake_host, &dm.report, path, NULL, 0, s->err, sizeof(s->err));
    assert_int_equal(st, OR_ERR_IO);
    assert_contains(s->err, path);
}

static void
hostile_text_and_empty_reports_do_not_crash(void **state)
{
    struct fake_renderer_suite *s = *state;
    static const struct or_value odd_rows[] = {
        V_TEXT("bad \xff\xfe bytes"),
        V_INT(1),
        V_TEXT("cut \xe2\x82"),
        V_INT(-2),
        V_TEXT("emoji \xF0\x9F\x98\x80 and tab\there"),
        V_INT(INT64_MAX),
        V_TEXT("Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword"),
        V_INT(INT64_MIN),
        V_TEXT(""),
        V_NULL(OR_TYPE_INT),
    };
    static const struct or_result_column odd_cols[] = {
        {.name = "label", .type = OR_TYPE_TEXT},
        {.name = "n", .type = OR_TYPE_INT},
    };
    static const struct or_result_column real_cols[] = {
        {.name = "label", .type = OR_TYPE_TEXT},
        {.name = "x", .type = OR_TYPE_REAL},
    };
    static const struct or_value real_rows[] = {
        V_TEXT("inf"),  V_REAL(1.0 / 0.0), V_TEXT("nan"),  V_REAL(0.0 / 0.0),
        V_TEXT("huge"), V_REAL(1e308),     V_TEXT("tiny"), V_REAL(-1e308),
    };
    static const struct or_kpi odd_kpis[] = {
        {.label = "\xff",
         .format = OR_FMT_PERCENT,
         .has_value = 1,
         .value = 1e300,
         .has_previous = 1,
         .previous = 0},
        {.label = NULL,
         .format = OR_FMT_DURATION,
         .has_value = 1,
         .value = -5,
         .has_previous = 1,
         .previous = -5},
    };
    struct demo dm;
    size_t big = 20000;
    char *essay = malloc(big + 1);
    assert_non_null(essay);
    for (size_t i = 0; i < big; i++) {
        essay[i] = i % 7 == 6 ? ' ' : (char)('a' + (int)(i % 26));
    }
    essay[big] = '\0';

    report_init(&dm);
    dm.report.title = "\xF0\x9F\x93\x88 Report \xc3";
    dm.report.period_label = NULL;
    dm.report.tz = NULL;
    dm.report.description = "";
    dm.report.partial = 1;
    struct or_section *t = add_section(&dm, OR_SECTION_TABLE, "odd", NULL);
    t->result = static_result(&dm, 0, odd_cols, COUNT(odd_cols), odd_rows, COUNT(odd_rows) / 2);
    t = add_section(&dm, OR_SECTION_CHART, "odd_chart", "Odd chart");
    t->result = static_result(&dm, 1, odd_cols, COUNT(odd_cols), odd_rows, COUNT(odd_rows) / 2);
    t->chart = &chart_bar;
    t = add_section(&dm, OR_SECTION_CHART, "odd_donut", "Odd donut");
    t->result = static_result(&dm, 2, odd_cols, COUNT(odd_cols), odd_rows, COUNT(odd_rows) / 2);
    t->chart = &chart_donut;
    t = add_section(&dm, OR_SECTION_CHART, "empty_chart", "Empty chart");
    t->result = static_result(&dm, 3, odd_cols, COUNT(odd_cols), odd_rows, 0);
    t->chart = &chart_line1;
    t = add_section(&dm, OR_SECTION_TABLE, "empty_table", "Empty table");
    t->result = static_result(&dm, 4, odd_cols, COUNT(odd_cols), odd_rows, 0);
    t = add_section(&dm, OR_SECTION_KPIS, "odd_kpis", "Odd figures");
    t->kpis = fake_kpis(odd_kpis, COUNT(odd_kpis));
    t->nkpis = COUNT(odd_kpis);
    t = add_section(&dm, OR_SECTION_TEXT, "odd_text", "");
    t->text = "\n\n\xff\n";
    t = add_section(&dm, OR_SECTION_CHART, "inf_chart", "Infinite values");
    t->result = static_result(&dm, 5, real_cols, COUNT(real_cols), real_rows, COUNT(real_rows) / 2);
    t->chart = &chart_line1;
    t = add_section(&dm, OR_SECTION_CHART, "inf_funnel", "Infinite funnel");
    t->result = static_result(&dm, 6, real_cols, COUNT(real_cols), real_rows, COUNT(real_rows) / 2);
    t->chart = &chart_funnel;
    t = add_section(&dm, OR_SECTION_TEXT, "essay", "A very long paragraph");
    t->text = essay;
    render_ok(s, &dm.report, "hostile", NULL, 0);
    assert_check_pdf_passes(s->path, NULL);
    char *text = pdf_text_of(s->path);
    assert_contains(text, "Report");
    assert_contains(text, "partial period");
    assert_contains(text, "No rows in this period.");
    assert_contains(text, "0 rows");
    assert_contains(text, "No data in this period.");
    free(text);

    /* A description and title of essay length flow, or are cut. */
    report_init(&dm);
    dm.report.description = essay;
    dm.report.title = essay;
    render_ok(s, &dm.report, "essay", NULL, 0);
    assert_check_pdf_passes(s->path, NULL);
    free(essay);

    /* No sections, no sources, nothing but a title. */
    report_init(&dm);
    dm.report.nsources = 0;
    dm.report.title = NULL;
    render_ok(s, &dm.report, "empty", NULL, 0);
    assert_check_pdf_passes(s->path, NULL);
}

/* ------------------------------------------------------------------------- */
/* The fallback font for what DejaVu lacks (CJK, Hangul)                      */
/* ------------------------------------------------------------------------- */

/* The name of the sample data's Japanese rep, and the one the CJK reports vary. */
#define CJK_NAME "ハルト 田中"
#define CJK_OTHER "ハルト 山本"
/* U+30CF, the first character of CJK_NAME. */
#define CJK_FIRST "U+30CF"

static const struct or_result_column cjk_cols[] = {
    {.name = "rep", .label = "Rep", .type = OR_TYPE_TEXT},
    {.name = "calls", .label = "Calls", .type = OR_TYPE_INT},
};

/* Storage of a report whose rep names are @p table, @p chart and @p title. */
struct cjk_report {
    struct demo dm;
    struct or_value rows[4];
    struct or_value chart_rows[4];
    char title[64];
};

static void
cjk_value(struct or_value *v, const char *name)
{
    *v = (struct or_value){.type = OR_TYPE_TEXT, .s = name, .len = strlen(name)};
}

/*
 * One page: a section whose (bold) title names @p title, a table with the rep
 * @p table and a horizontal bar chart with the category @p chart; nothing else
 * differs between two such reports.
 */
static void
cjk_init(struct cjk_report *c, const char *title, const char *table, const char *chart)
{
    report_init(&c->dm);
    c->dm.report.nsources = 0;
    snprintf(c->title, sizeof(c->title), "Calls of %s", title);
    cjk_value(&c->rows[0], table);
    c->rows[1] = (struct or_value)V_INT(65);
    cjk_value(&c->rows[2], "Priya Raghunathan");
    c->rows[3] = (struct or_value)V_INT(161);
    cjk_value(&c->chart_rows[0], chart);
    c->chart_rows[1] = (struct or_value)V_INT(65);
    cjk_value(&c->chart_rows[2], "Priya Raghunathan");
    c->chart_rows[3] = (struct or_value)V_INT(161);
    struct or_section *t = add_section(&c->dm, OR_SECTION_TABLE, "reps", c->title);
    t->result = static_result(&c->dm, 0, cjk_cols, COUNT(cjk_cols), c->rows, 2);
    struct or_section *ch = add_section(&c->dm, OR_SECTION_CHART, "reps_chart", "Calls per rep");
    ch->result = static_result(&c->dm, 1, cjk_cols, COUNT(cjk_cols), c->chart_rows, 2);
    ch->chart = &chart_hbar;
}

/* pdffonts of a document.  Owned. */
static char *
fonts_of(const char *path)
{
    struct proc_result r;
    const char *argv[] = {tool("pdffonts"), path, NULL};
    run(argv, &r);
    assert_int_equal(r.status, 0);
    free(r.err);
    return r.out;
}

/* Page 1 of a document as a grey PGM image at 100 dpi.  Owned; *len set. */
static char *
page1_image(struct fake_renderer_suite *s, const char *path, size_t *len)
{
    char prefix[600];
    char pgm[700];
    snprintf(prefix, sizeof(prefix), "%s/page1", s->dir);
    snprintf(pgm, sizeof(pgm), "%s.pgm", prefix);
    unlink(pgm);
    const char *argv[] = {tool("pdftoppm"), "-gray", "-r",   "100", "-f", "1", "-l", "1",
                          "-singlefile",    path,    prefix, NULL};
    struct proc_result r;
    run(argv, &r);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    char *data = test_read_file(pgm, len);
    unlink(pgm);
    if (data == NULL) {
        fail_msg("pdftoppm made no image of %s", path);
    }
    return data;
}

/* Render @p c as @p name and return its page 1 image; the report is one page. */
static char *
cjk_render_page1(struct fake_renderer_suite *s, struct cjk_report *c, const char *name, size_t *len)
{
    render_ok(s, &c->dm.report, name, NULL, 0);
    char *text = pdf_text_of(s->path);
    assert_int_equal(page_count(text), 1);
    free(text);
    return page1_image(s, s->path, len);
}

static int
same_image(const char *a, size_t la, const char *b, size_t lb)
{
    return la == lb && memcmp(a, b, la) == 0;
}

static void
cjk_name_in_table_embeds_fallback_font_subset_and_still_extracts(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct cjk_report c;
    cjk_init(&c, CJK_NAME, CJK_NAME, CJK_NAME);
    render_ok(s, &c.dm.report, "cjk", NULL, 0);

    /* Embedded, subset, with a ToUnicode map; readers see no warnings. */
    const char *args[] = {
        "--font", "DejaVuSans,Book", "--font", "DejaVuSans-Bold",    "--font", "DroidSansFallback",
        "--text", CJK_NAME,          "--text", "Calls of " CJK_NAME, NULL,
    };
    assert_check_pdf_passes(s->path, args);
    char *fonts = fonts_of(s->path);
    const char *droid = strstr(fonts, "+DroidSansFallback ");
    if (droid == NULL) {
        fail_msg("no subset of DroidSansFallback in:\n%s", fonts);
    }
    char name[64];
    char type[16];
    char type2[16];
    char enc[32];
    char emb[8];
    char sub[8];
    char uni[8];
    while (droid > fonts && droid[-1] != '\n') {
        droid--;
    }
    assert_int_equal(
        sscanf(droid, "%63s %15s %15s %31s %7s %7s %7s", name, type, type2, enc, emb, sub, uni), 7);
    assert_string_equal(emb, "yes");
    assert_string_equal(sub, "yes");
    assert_string_equal(uni, "yes");
    assert_int_equal(test_count_lines_with(fonts, "DroidSansFallback"), 1);
    free(fonts);
    assert_int_equal(host_state.warnings, 0);
}

static void
cjk_glyphs_are_drawn_in_tables_bold_titles_and_chart_labels_not_boxes(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct cjk_report c;
    size_t la = 0;
    size_t lb = 0;

    /* With boxes for both names, two renders that differ only in the name look the same. */
    cjk_init(&c, CJK_NAME, CJK_NAME, CJK_NAME);
    char *base = cjk_render_page1(s, &c, "cjk_base", &la);
    static const char *const where[] = {"table", "title", "chart"};
    for (size_t i = 0; i < COUNT(where); i++) {
        cjk_init(&c, i == 1 ? CJK_OTHER : CJK_NAME, i == 0 ? CJK_OTHER : CJK_NAME,
                 i == 2 ? CJK_OTHER : CJK_NAME);
        char name[32];
        snprintf(name, sizeof(name), "cjk_other_%s", where[i]);
        char *other = cjk_render_page1(s, &c, name, &lb);
        if (same_image(base, la, other, lb)) {
            fail_msg("田中 and 山本 look the same in the %s: no glyphs drawn", where[i]);
        }
        free(other);
    }
    free(base);
    assert_int_equal(host_state.warnings, 0);
}

/* A table, a chart and text in Latin letters with accents and dashes only. */
static void
latin_init(struct demo *dm)
{
    report_init(dm);
    struct or_section *t = add_section(dm, OR_SECTION_TABLE, "days", "Calls per day");
    t->result = static_result(dm, 0, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    struct or_section *c = add_section(dm, OR_SECTION_CHART, "chart", "Calls per day");
    c->result = static_result(dm, 1, day_cols, COUNT(day_cols), day_rows, COUNT(day_rows) / 4);
    c->chart = &chart_bar;
    struct or_section *x = add_section(dm, OR_SECTION_TEXT, "notes", "Notes, accentuées");
    x->text = "Zoë Müller, Łukasz Kowalski and Søren Kierkegaard \xE2\x80\x93 all DejaVu Sans.";
}

static void
latin_only_report_has_no_fallback_font_and_never_opens_it(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    size_t la = 0;
    size_t lb = 0;

    latin_init(&dm);
    render_ok(s, &dm.report, "latin", NULL, 0);
    char *fonts = fonts_of(s->path);
    assert_int_equal(test_count_lines_with(fonts, "DejaVuSans"), 2);
    assert_int_equal(test_count_lines_with(fonts, "Droid"), 0);
    free(fonts);
    char *a = test_read_file(s->path, &la);

    /* A fallback that does not exist changes nothing: it is not even looked for. */
    latin_init(&dm);
    const struct or_option none[] = {{"fallback_font", "/nonexistent.ttf"}};
    render_ok(s, &dm.report, "latin_nofallback", none, 1);
    char *b = test_read_file(s->path, &lb);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    assert_int_equal(host_state.warnings, 0);
}

/* Renders the CJK report with @p font as fallback: written, boxes, one warning. */
static void
assert_unusable_fallback_warns_once(struct fake_renderer_suite *s, const char *font,
                                    const char *name, const char *reason)
{
    struct cjk_report c;
    cjk_init(&c, CJK_NAME, CJK_NAME, CJK_NAME);
    fake_renderer_state_reset(&host_state);
    const struct or_option opts[] = {{"fallback_font", font}};
    render_ok(s, &c.dm.report, name, opts, 1);
    assert_check_pdf_passes(s->path, NULL);
    char *text = pdf_text_of(s->path);
    assert_contains(text, CJK_NAME);
    free(text);
    char *fonts = fonts_of(s->path);
    assert_int_equal(test_count_lines_with(fonts, "Droid"), 0);
    free(fonts);
    /* One warning for the document (table, title and chart all lack the glyphs). */
    assert_int_equal(host_state.warnings, 1);
    assert_contains(host_state.last_warning, CJK_FIRST);
    assert_contains(host_state.last_warning, font);
    assert_contains(host_state.last_warning, reason);
    assert_contains(host_state.last_warning, "install fonts-droid-fallback");
    assert_contains(host_state.last_warning, "--option fallback_font=FILE");
}

static void
unusable_fallback_font_still_writes_pdf_and_warns_once_naming_char_and_file(void **state)
{
    struct fake_renderer_suite *s = *state;
    assert_unusable_fallback_warns_once(s, "/nonexistent.ttf", "cjk_missing",
                                        "No such file or directory");

    /* A file that is not a font: libharu's error does not fail the document. */
    char bad[600];
    snprintf(bad, sizeof(bad), "%s/not_a_font.ttf", s->dir);
    FILE *f = fopen(bad, "wb");
    assert_non_null(f);
    fputs("this is not a TrueType font\n", f);
    fclose(f);
    assert_unusable_fallback_warns_once(s, bad, "cjk_broken", "cannot be loaded");

    /* The chart alone needs it: cairo cannot load it either, and says so once. */
    struct demo dm;
    report_init(&dm);
    dm.report.nsources = 0;
    struct or_value rows[2];
    cjk_value(&rows[0], CJK_NAME);
    rows[1] = (struct or_value)V_INT(65);
    struct or_section *ch = add_section(&dm, OR_SECTION_CHART, "chart", "Calls per rep");
    ch->result = static_result(&dm, 0, cjk_cols, COUNT(cjk_cols), rows, 1);
    ch->chart = &chart_hbar;
    fake_renderer_state_reset(&host_state);
    const struct or_option opts[] = {{"fallback_font", bad}};
    render_ok(s, &dm.report, "cjk_chart_broken", opts, 1);
    assert_int_equal(host_state.warnings, 1);
    assert_contains(host_state.last_warning, CJK_FIRST);
    assert_contains(host_state.last_warning, bad);
}

static void
empty_fallback_font_option_is_refused(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    demo_init(&dm);
    const struct or_option empty[] = {{"fallback_font", ""}};
    assert_int_equal(render_to(s, &dm.report, "empty_fallback", empty, 1), OR_ERR_INVALID);
    assert_contains(s->err, "fallback_font");
    assert_no_file(s->path);
}

static void
ten_section_report_renders_quickly(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct demo dm;
    struct timespec t0;
    struct timespec t1;
    demo_init(&dm);
    assert_true(dm.report.nsections >= 10);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    render_ok(s, &dm.report, "timing", NULL, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    struct stat st;
    assert_int_equal(stat(s->path, &st), 0);
    fprintf(stderr, "[renderer_pdf] %zu sections, %lld bytes in %.0f ms\n", dm.report.nsections,
            (long long)st.st_size, ms);
    /* Generous for sanitizer and valgrind builds. */
    assert_true(ms < 60000.0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(
            descriptor_is_pdf_renderer_with_paper_font_dir_fallback_font_and_script_font_dir_options,
            test_setup),
        cmocka_unit_test_setup(every_page_has_header_period_zone_and_page_x_of_y, test_setup),
        cmocka_unit_test_setup(every_section_has_a_bookmark_to_its_page, test_setup),
        cmocka_unit_test_setup(kpi_tiles_show_value_previous_and_change, test_setup),
        cmocka_unit_test_setup(numbers_and_changes_come_from_the_hosts_formatter, test_setup),
        cmocka_unit_test_setup(kpi_arrows_are_green_for_good_red_for_bad_and_honour_lower_is_better,
                               test_setup),
        cmocka_unit_test_setup(dejavu_is_embedded_and_unicode_names_extract, test_setup),
        cmocka_unit_test_setup(long_table_repeats_header_on_every_page_with_row_ranges, test_setup),
        cmocka_unit_test_setup(charts_and_tiles_are_never_split_across_pages, test_setup),
        cmocka_unit_test_setup(
            short_tables_stay_whole_and_no_page_holds_a_table_s_last_one_or_two_rows, test_setup),
        cmocka_unit_test_setup(failed_source_is_stated_on_first_page, test_setup),
        cmocka_unit_test_setup(unavailable_section_shows_reason_box, test_setup),
        cmocka_unit_test_setup(qpdf_check_passes, test_setup),
        cmocka_unit_test_setup(same_input_and_generated_at_give_identical_bytes, test_setup),
        cmocka_unit_test_setup(first_page_matches_reviewed_reference_image, test_setup),
        cmocka_unit_test_setup(wide_table_goes_landscape, test_setup),
        cmocka_unit_test_setup(letter_paper_option, test_setup),
        cmocka_unit_test_setup(unknown_option_is_refused, test_setup),
        cmocka_unit_test_setup(missing_font_is_a_clear_error, test_setup),
        cmocka_unit_test_setup(every_chart_kind_is_drawn_as_vector_paths_not_an_image, test_setup),
        cmocka_unit_test_setup(line_series_legend_keys_are_strokes_with_markers_not_swatches,
                               test_setup),
        cmocka_unit_test_setup(text_section_wraps_paragraphs, test_setup),
        cmocka_unit_test_setup(page_break_section_starts_a_new_page, test_setup),
        cmocka_unit_test_setup(cursor_errors_name_section_and_row, test_setup),
        cmocka_unit_test_setup(unwritable_path_is_an_io_error_naming_it, test_setup),
        cmocka_unit_test_setup(hostile_text_and_empty_reports_do_not_crash, test_setup),
        cmocka_unit_test_setup(cjk_name_in_table_embeds_fallback_font_subset_and_still_extracts,
                               test_setup),
        cmocka_unit_test_setup(
            cjk_glyphs_are_drawn_in_tables_bold_titles_and_chart_labels_not_boxes, test_setup),
        cmocka_unit_test_setup(latin_only_report_has_no_fallback_font_and_never_opens_it,
                               test_setup),
        cmocka_unit_test_setup(
            unusable_fallback_font_still_writes_pdf_and_warns_once_naming_char_and_file,
            test_setup),
        cmocka_unit_test_setup(empty_fallback_font_option_is_refused, test_setup),
        cmocka_unit_test_setup(ten_section_report_renders_quickly, test_setup),
    };
    return cmocka_run_group_tests_name("renderer_pdf", tests, suite_setup, suite_teardown);
}

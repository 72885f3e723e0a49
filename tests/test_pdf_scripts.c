/* SPDX-License-Identifier: MIT */
/*
 * Rep names in every script a sales team has, through the real
 * renderer_pdf.so (dlopen()ed from $OUTREPORT_PLUGIN_PATH, driven by the
 * fake host of fake_renderer_host.h): Hangul (김민준), Arabic (محمد العلي),
 * Hebrew (דוד כהן), Devanagari (अर्जुन शर्मा) and Thai (สมชาย ใจดี).
 *
 * - pdftotext finds each name in a paragraph, a table, a KPI tile, a section
 *   heading and the page header, and in the labels of charts;
 * - each name's table cell, rendered by pdftoppm, matches a reviewed
 *   reference crop in tests/fixtures/scripts/ (mean grey difference within
 *   a tolerance); OR_UPDATE_REFERENCE=1 rewrites the crops instead;
 * - a character no font has gives one warning naming it as U+XXXX;
 * - a Latin-only document does not even look for the script fonts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outreport/plugin.h"
#include "fake_renderer_host.h"
#include "proc.h"

static struct fake_renderer_state host_state;
static struct or_host fake_host;

#define T_PERIOD_START INT64_C(1794783600) /* 2026-11-16 00:00 +01:00 */
#define T_PERIOD_END INT64_C(1795388400)   /* 2026-11-23 00:00 +01:00 */
#define T_GENERATED INT64_C(1795415400)    /* 2026-11-23 07:30 +01:00 */

/* One rep per script; calls are unique, so a table row can be found by its number. */
static const struct script_rep {
    const char *script; /* name of the reference crop */
    const char *name;
    int64_t calls;
    const char *shown; /* calls as the table shows them */
    const char *city;
} reps[] = {
    {"hangul", "김민준", 4101, "4,101", "Seoul"},
    {"arabic", "محمد العلي", 4102, "4,102", "Dubai"},
    {"hebrew", "דוד כהן", 4103, "4,103", "Tel Aviv"},
    {"devanagari", "अर्जुन शर्मा", 4104, "4,104", "Pune"},
    {"thai", "สมชาย ใจดี", 4105, "4,105", "Bangkok"},
};
#define NREPS COUNT(reps)

static const struct or_result_column cols[] = {
    {.name = "rep", .label = "Rep", .type = OR_TYPE_TEXT},
    {.name = "calls", .label = "Calls", .type = OR_TYPE_INT},
};

static const size_t one_series[] = {1};
static const struct or_chart chart_hbar = {
    .kind = OR_CHART_BAR,
    .x_col = 0,
    .nseries = 1,
    .series_cols = one_series,
    .horizontal = 1,
};
/* Vertical bars with long names: category labels turned by 45 degrees. */
static const struct or_chart chart_vbar = {
    .kind = OR_CHART_BAR,
    .x_col = 0,
    .nseries = 1,
    .series_cols = one_series,
    .y_label = "Calls",
};
static const struct or_chart chart_donut = {
    .kind = OR_CHART_DONUT,
    .x_col = 0,
    .nseries = 1,
    .series_cols = one_series,
};

/* Storage of a test report. */
struct fixture {
    struct or_cursor cur[4];
    struct or_result res[4];
    struct or_section sec[6];
    const struct or_section *secp[6];
    struct or_kpi kpi[NREPS];
    const struct or_kpi *kpip[NREPS];
    struct or_value rows[2 * NREPS + 2];
    struct or_value long_rows[2 * NREPS];
    char long_names[NREPS][128];
    char text[1024];
    char title[128];
    struct or_report report;
};

static struct or_section *
add_section(struct fixture *f, enum or_section_kind kind, const char *id, const char *title)
{
    size_t i = f->report.nsections++;
    f->secp[i] = &f->sec[i];
    f->sec[i] = (struct or_section){.kind = kind, .id = id, .title = title};
    return &f->sec[i];
}

/* The rows: every rep, then @p extra (a name) when not NULL. */
static size_t
fill_rows(struct fixture *f, const char *extra)
{
    size_t n = 0;
    for (size_t i = 0; i < NREPS; i++) {
        f->rows[2 * n] =
            (struct or_value){.type = OR_TYPE_TEXT, .s = reps[i].name, .len = strlen(reps[i].name)};
        f->rows[2 * n + 1] = (struct or_value){.type = OR_TYPE_INT, .i = reps[i].calls};
        n++;
    }
    if (extra != NULL) {
        f->rows[2 * n] = (struct or_value){.type = OR_TYPE_TEXT, .s = extra, .len = strlen(extra)};
        f->rows[2 * n + 1] = (struct or_value){.type = OR_TYPE_INT, .i = 4199};
        n++;
    }
    return n;
}

static void
report_init(struct fixture *f, const char *title)
{
    memset(f, 0, sizeof(*f));
    snprintf(f->title, sizeof(f->title), "%s", title);
    f->report = (struct or_report){
        .title = f->title,
        .tz = "Europe/Berlin",
        .period_label = "Week 47, 16\xE2\x80\x93"
                        "22 Nov 2026",
        .period_start = T_PERIOD_START,
        .period_end = T_PERIOD_END,
        .generated_at = T_GENERATED,
        .sections = f->secp,
        .author = "Sales Operations",
    };
}

/* A table section of every rep (and @p extra), as section @p slot. */
static void
add_table(struct fixture *f, size_t slot, const char *title, const char *extra)
{
    size_t n = fill_rows(f, extra);
    struct or_section *t = add_section(f, OR_SECTION_TABLE, "reps", title);
    fake_renderer_result(&f->cur[slot], &f->res[slot], cols, COUNT(cols), f->rows, n);
    t->result = &f->res[slot];
}

static void
add_chart(struct fixture *f, size_t slot, const char *id, const struct or_chart *chart,
          const char *extra)
{
    size_t n = fill_rows(f, extra);
    struct or_section *c = add_section(f, OR_SECTION_CHART, id, "Calls per rep");
    fake_renderer_result(&f->cur[slot], &f->res[slot], cols, COUNT(cols), f->rows, n);
    c->result = &f->res[slot];
    c->chart = chart;
}

/*
 * Page 1: a page header and title naming the Hangul rep, KPI tiles labelled
 * with every name, a table of every rep and a paragraph naming them all.
 */
static void
everywhere_init(struct fixture *f)
{
    report_init(f, "Team of 김민준");
    for (size_t i = 0; i < NREPS; i++) {
        f->kpi[i] = (struct or_kpi){.label = reps[i].name,
                                    .format = OR_FMT_INTEGER,
                                    .has_value = 1,
                                    .value = (double)reps[i].calls};
        f->kpip[i] = &f->kpi[i];
    }
    struct or_section *k = add_section(f, OR_SECTION_KPIS, "tiles", "Calls of דוד כהן and all");
    k->kpis = f->kpip;
    k->nkpis = NREPS;
    add_table(f, 0, "Calls per rep", NULL);
    /* Two right-to-left names in a row would be one right-to-left run: a city between. */
    snprintf(f->text, sizeof(f->text),
             "Top callers: %s in %s, %s in %s, %s in %s, %s in %s and %s in %s.", reps[0].name,
             reps[0].city, reps[1].name, reps[1].city, reps[2].name, reps[2].city, reps[3].name,
             reps[3].city, reps[4].name, reps[4].city);
    struct or_section *t = add_section(f, OR_SECTION_TEXT, "notes", "Notes");
    t->text = f->text;
}

/* Charts only: the names can only come from chart labels. */
static void
charts_init(struct fixture *f)
{
    report_init(f, "Charts");
    add_chart(f, 0, "hbar", &chart_hbar, NULL);
    add_chart(f, 1, "donut", &chart_donut, NULL);
    add_chart(f, 3, "vbar_short", &chart_vbar, NULL);
    /* Names wider than their bars: the category labels are turned by 45 degrees. */
    for (size_t i = 0; i < NREPS; i++) {
        int n = snprintf(f->long_names[i], sizeof(f->long_names[i]), "%s, inside sales, EMEA north",
                         reps[i].name);
        f->long_rows[2 * i] =
            (struct or_value){.type = OR_TYPE_TEXT, .s = f->long_names[i], .len = (size_t)n};
        f->long_rows[2 * i + 1] = (struct or_value){.type = OR_TYPE_INT, .i = reps[i].calls};
    }
    struct or_section *c = add_section(f, OR_SECTION_CHART, "vbar", "Calls per rep and team");
    fake_renderer_result(&f->cur[2], &f->res[2], cols, COUNT(cols), f->long_rows, NREPS);
    c->result = &f->res[2];
    c->chart = &chart_vbar;
}

/* ------------------------------------------------------------------------- */
/* Rendering and reading back                                                 */
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

static void
render_ok(struct fake_renderer_suite *s, const struct or_report *report, const char *name,
          const struct or_option *opts, size_t nopts)
{
    or_status st = fake_renderer_render(s, report, name, opts, nopts);
    if (st != OR_OK) {
        fail_msg("render of %s failed (%d): %s", name, (int)st, s->err);
    }
}

/* Output of a poppler tool, which must succeed.  Owned. */
static char *
output_of(const char *const *argv)
{
    struct proc_result r;
    if (proc_run(argv, NULL, 120, &r) != 0) {
        fail_msg("cannot run %s", argv[0]);
    }
    if (r.status != 0) {
        fprintf(stderr, "%s", r.err);
        proc_result_free(&r);
        fail_msg("%s failed", argv[0]);
    }
    free(r.err);
    return r.out;
}

/*
 * pdftotext of the document, with the bidi embedding marks poppler puts
 * around right-to-left runs (U+202A..U+202E) taken out.  Owned.
 */
static char *
text_of(const char *path)
{
    const char *argv[] = {"/usr/bin/pdftotext", "-enc", "UTF-8", path, "-", NULL};
    char *t = output_of(argv);
    size_t o = 0;
    for (size_t i = 0; t[i] != '\0'; i++) {
        unsigned char b2 = (unsigned char)t[i + 1];
        unsigned char b3 = b2 != 0 ? (unsigned char)t[i + 2] : 0;
        if ((unsigned char)t[i] == 0xE2 && b2 == 0x80 && b3 >= 0xAA && b3 <= 0xAE) {
            i += 2;
            continue;
        }
        t[o++] = t[i];
    }
    t[o] = '\0';
    return t;
}

static int
count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

static void
assert_found(const char *text, const char *name, int at_least, const char *where)
{
    int n = count_of(text, name);
    if (n < at_least) {
        fprintf(stderr, "---- text ----\n%s\n---- end ----\n", text);
        fail_msg("\"%s\" found %d times in the %s, expected at least %d", name, n, where, at_least);
    }
}

/* Content streams of @p path, decompressed (qpdf --qdf).  Owned; *len set. */
static char *
content_of(struct fake_renderer_suite *s, const char *path, size_t *len)
{
    char out[700];
    snprintf(out, sizeof(out), "%s/qdf.pdf", s->dir);
    const char *argv[] = {"/usr/bin/qpdf", "--qdf", "--object-streams=disable", path, out, NULL};
    free(output_of(argv));
    char *data = test_read_file(out, len);
    assert_non_null(data);
    unlink(out);
    return data;
}

/* Nonzero when some text of @p path is set in rendering mode 3 (invisible). */
static int
has_invisible_text(struct fake_renderer_suite *s, const char *path)
{
    size_t len = 0;
    char *data = content_of(s, path, &len);
    int found = memmem(data, len, "\n3 Tr\n", 6) != NULL;
    free(data);
    return found;
}

static int
count_in(const char *data, size_t len, const char *needle)
{
    int n = 0;
    size_t nl = strlen(needle);
    const char *p = data;
    const char *hit;
    while ((size_t)(p - data) < len) {
        hit = memmem(p, len - (size_t)(p - data), needle, nl);
        if (hit == NULL) {
            break;
        }
        n++;
        p = hit + 1;
    }
    return n;
}

/* @p s as libharu writes it in a content stream: <xxxx...>, 2 bytes per code point. */
static void
hex_of(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    out[o++] = '<';
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0' && o + 6 < cap) {
        unsigned cp = *p;
        int more = cp >= 0xE0 ? 2 : (cp >= 0xC0 ? 1 : 0);
        cp &= more == 2 ? 0x0Fu : (more == 1 ? 0x1Fu : 0x7Fu);
        p++;
        for (int k = 0; k < more && *p != '\0'; k++, p++) {
            cp = (cp << 6) | (*p & 0x3Fu);
        }
        o += (size_t)snprintf(out + o, cap - o, "%04x", cp);
    }
    out[o] = '\0';
}

/* ------------------------------------------------------------------------- */
/* Reference crops                                                            */
/* ------------------------------------------------------------------------- */

#define CROP_DPI 150
/* The crop: the table's name column of one row, in points. */
#define CROP_X 42.0
#define CROP_W 110.0
#define CROP_H 15.0
/*
 * Mean absolute grey difference (0..255) a crop may have from its reference,
 * over the pixels where either has ink (darker than INK): the white around
 * a name would otherwise water any difference down.
 */
#define CROP_MAX_DIFF 12.0
#define INK 224

struct pgm {
    int w;
    int h;
    unsigned char *px; /* owned */
    char *data;        /* owned file bytes */
};

static int
pgm_read(const char *path, struct pgm *p)
{
    size_t len = 0;
    memset(p, 0, sizeof(*p));
    p->data = test_read_file(path, &len);
    int maxv = 0;
    int off = 0;
    if (p->data == NULL || sscanf(p->data, "P5 %d %d %d%n", &p->w, &p->h, &maxv, &off) != 3 ||
        maxv != 255 || p->w <= 0 || p->h <= 0 ||
        (size_t)off + 1 + (size_t)p->w * (size_t)p->h > len) {
        free(p->data);
        p->data = NULL;
        return -1;
    }
    p->px = (unsigned char *)p->data + off + 1;
    return 0;
}

/* Top of the table row showing @p calls, in points from the top of page 1. */
static double
row_top(const char *path, const char *shown)
{
    const char *argv[] = {"/usr/bin/pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-", NULL};
    char *xml = output_of(argv);
    char needle[64];
    snprintf(needle, sizeof(needle), ">%s</word>", shown);
    /* The KPI tiles show the number too: the table, below them, has the last one. */
    const char *hit = NULL;
    for (const char *p = strstr(xml, needle); p != NULL; p = strstr(p + 1, needle)) {
        hit = p;
    }
    double top = -1.0;
    if (hit != NULL) {
        while (hit > xml && strncmp(hit, "<word ", 6) != 0) {
            hit--;
        }
        const char *y = strstr(hit, "yMin=\"");
        top = y != NULL ? strtod(y + 6, NULL) : -1.0;
    }
    free(xml);
    if (top < 0.0) {
        fail_msg("no table row with %s calls on page 1 of %s", shown, path);
    }
    return top;
}

/* Render the name cell of the row with @p calls into @p out (a PGM path). */
static void
crop_row(struct fake_renderer_suite *s, const char *shown, const char *out)
{
    double top = row_top(s->path, shown);
    char x[16];
    char y[16];
    char w[16];
    char h[16];
    char stem[700];
    snprintf(x, sizeof(x), "%d", (int)(CROP_X * CROP_DPI / 72.0));
    snprintf(y, sizeof(y), "%d", (int)((top - 3.0) * CROP_DPI / 72.0));
    snprintf(w, sizeof(w), "%d", (int)(CROP_W * CROP_DPI / 72.0));
    snprintf(h, sizeof(h), "%d", (int)(CROP_H * CROP_DPI / 72.0));
    snprintf(stem, sizeof(stem), "%s/crop", s->dir);
    const char *argv[] = {"/usr/bin/pdftoppm",
                          "-gray",
                          "-r",
                          "150",
                          "-f",
                          "1",
                          "-l",
                          "1",
                          "-x",
                          x,
                          "-y",
                          y,
                          "-W",
                          w,
                          "-H",
                          h,
                          "-singlefile",
                          s->path,
                          stem,
                          NULL};
    free(output_of(argv));
    char pgm[720];
    snprintf(pgm, sizeof(pgm), "%s.pgm", stem);
    assert_int_equal(test_copy_file(pgm, out), 0);
    unlink(pgm);
}

/* Mean absolute difference over the inked pixels of two crops of equal size; fails the test
 * otherwise. */
static double
crop_diff(const char *a_path, const char *b_path)
{
    struct pgm a;
    struct pgm b;
    if (pgm_read(a_path, &a) != 0) {
        fail_msg("cannot read %s as an 8-bit PGM (OR_UPDATE_REFERENCE=1 writes it)", a_path);
    }
    if (pgm_read(b_path, &b) != 0) {
        fail_msg("cannot read %s as an 8-bit PGM", b_path);
    }
    assert_int_equal(a.w, b.w);
    assert_int_equal(a.h, b.h);
    double sum = 0.0;
    int dark = 0;
    int inked = 0;
    for (size_t i = 0; i < (size_t)a.w * (size_t)a.h; i++) {
        if (a.px[i] < INK || b.px[i] < INK) {
            sum += abs((int)a.px[i] - (int)b.px[i]);
            inked++;
        }
        dark += b.px[i] < 128;
    }
    /* A blank crop would match a blank reference: the name must be drawn. */
    assert_true(dark > 20);
    double diff = sum / (double)inked;
    free(a.data);
    free(b.data);
    return diff;
}

static void
reference_path(char *out, size_t n, const char *script)
{
    const char *src = getenv("OR_SOURCE_ROOT");
    snprintf(out, n, "%s/tests/fixtures/scripts/%s.pgm", src != NULL ? src : ".", script);
}

/* ------------------------------------------------------------------------- */
/* Tests                                                                      */
/* ------------------------------------------------------------------------- */

static void
names_in_every_script_extract_from_text_table_kpi_tiles_headings_and_headers(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct fixture f;
    everywhere_init(&f);
    render_ok(s, &f.report, "everywhere", NULL, 0);
    char *text = text_of(s->path);
    /* Tile, table, paragraph; the title and the page header name 김민준, a heading דוד כהן. */
    for (size_t i = 0; i < NREPS; i++) {
        assert_found(text, reps[i].name, 3, "document");
    }
    assert_found(text, reps[0].name, 5, "document (title, page header)");
    assert_found(text, reps[2].name, 4, "document (section heading)");
    assert_found(text, "Top callers:", 1, "paragraph");
    free(text);
    /* Every glyph came from a font that has it: no warning. */
    assert_int_equal(host_state.warnings, 0);
}

static void
chart_labels_are_searchable_text_in_every_script(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct fixture f;
    charts_init(&f);
    render_ok(s, &f.report, "charts", NULL, 0);
    char *text = text_of(s->path);
    /* Category labels of the horizontal and the turned vertical bars, donut legend. */
    for (size_t i = 0; i < NREPS; i++) {
        assert_found(text, reps[i].name, 3, "charts");
    }
    /* Labels turned by 45 degrees are text too; pdftotext cannot read diagonal text, so
     * the content stream is read: five labels set under a turned matrix, 김민준's among them. */
    size_t len = 0;
    char *data = content_of(s, s->path, &len);
    assert_int_equal(count_in(data, len, "0.70711 0.70711 -0.70711 0.70711 "), (int)NREPS);
    char hex[256];
    hex_of("김민준, inside sales", hex, sizeof(hex));
    assert_int_equal(count_in(data, len, hex), 1);
    free(data);
    /* Value labels, the axis title and the donut's centre are text too. */
    assert_found(text, "4,101", 1, "charts' value labels");
    assert_found(text, "Calls", 2, "charts (headings, axis title)");
    assert_found(text, "total", 1, "donut");
    free(text);
    assert_int_equal(host_state.warnings, 0);
}

static void
names_in_every_script_match_reviewed_reference_crops(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct fixture f;
    char ref[1024];
    char got[1024];
    everywhere_init(&f);
    render_ok(s, &f.report, "crops", NULL, 0);
    const char *update = getenv("OR_UPDATE_REFERENCE");
    for (size_t i = 0; i < NREPS; i++) {
        reference_path(ref, sizeof(ref), reps[i].script);
        if (update != NULL && strcmp(update, "1") == 0) {
            crop_row(s, reps[i].shown, ref);
            fprintf(stderr, "wrote %s\n", ref);
            continue;
        }
        snprintf(got, sizeof(got), "%s/%s.pgm", s->dir, reps[i].script);
        crop_row(s, reps[i].shown, got);
        double d = crop_diff(ref, got);
        fprintf(stderr, "[pdf_scripts] %s: mean difference %.3f\n", reps[i].script, d);
        if (d > CROP_MAX_DIFF) {
            fail_msg("the %s name differs from %s: mean difference %.3f > %.1f (kept %s)",
                     reps[i].script, ref, d, CROP_MAX_DIFF, got);
        }
    }
    if (update != NULL && strcmp(update, "1") == 0) {
        return;
    }
    /* The comparison can fail: another script's row does not match. */
    reference_path(ref, sizeof(ref), reps[0].script);
    snprintf(got, sizeof(got), "%s/other.pgm", s->dir);
    crop_row(s, reps[1].shown, got);
    double other = crop_diff(ref, got);
    fprintf(stderr, "[pdf_scripts] hangul reference against the arabic row: %.3f\n", other);
    assert_true(other > CROP_MAX_DIFF);
}

static void
character_no_font_has_gives_one_warning_naming_it(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct fixture f;
    /* Tibetan: neither DejaVu, the fallback nor any script font has it. */
    static const char tibetan[] = "བཀྲ་ཤིས";
    report_init(&f, "Tibetan");
    add_table(&f, 0, "Calls per rep", tibetan);
    add_chart(&f, 1, "hbar", &chart_hbar, tibetan);
    render_ok(s, &f.report, "tibetan", NULL, 0);
    /* Written all the same; one warning for the document, naming the first such character. */
    assert_int_equal(host_state.warnings, 1);
    if (strstr(host_state.last_warning, "U+0F56") == NULL ||
        strstr(host_state.last_warning, "drawn as a box") == NULL ||
        strstr(host_state.last_warning, "script_font_dir") == NULL) {
        fail_msg("warning: %s", host_state.last_warning);
    }
    char *text = text_of(s->path);
    assert_found(text, tibetan, 2, "document");
    for (size_t i = 0; i < NREPS; i++) {
        assert_found(text, reps[i].name, 2, "document");
    }
    free(text);

    /* Without the script fonts the names fall back to boxes: one warning, naming the folder. */
    fake_renderer_state_reset(&host_state);
    everywhere_init(&f);
    const struct or_option none[] = {{"script_font_dir", "/nonexistent"}};
    render_ok(s, &f.report, "no_script_fonts", none, 1);
    assert_int_equal(host_state.warnings, 1);
    if (strstr(host_state.last_warning, "/nonexistent/") == NULL) {
        fail_msg("warning: %s", host_state.last_warning);
    }
}

/* A table, a chart and text in Latin letters with accents and dashes only. */
static void
latin_init(struct fixture *f)
{
    static const char *const latin[] = {"Zoë Müller", "Łukasz Kowalski", "Søren Kierkegaard"};
    report_init(f, "Latin only");
    for (size_t i = 0; i < COUNT(latin); i++) {
        f->rows[2 * i] =
            (struct or_value){.type = OR_TYPE_TEXT, .s = latin[i], .len = strlen(latin[i])};
        f->rows[2 * i + 1] = (struct or_value){.type = OR_TYPE_INT, .i = (int64_t)(10 + i)};
    }
    struct or_section *t = add_section(f, OR_SECTION_TABLE, "reps", "Calls \xE2\x80\x93 per rep");
    fake_renderer_result(&f->cur[0], &f->res[0], cols, COUNT(cols), f->rows, COUNT(latin));
    t->result = &f->res[0];
    struct or_section *c = add_section(f, OR_SECTION_CHART, "chart", "Calls per rep");
    fake_renderer_result(&f->cur[1], &f->res[1], cols, COUNT(cols), f->rows, COUNT(latin));
    c->result = &f->res[1];
    c->chart = &chart_hbar;
}

static void
latin_only_document_keeps_plain_text_and_never_looks_for_script_fonts(void **state)
{
    struct fake_renderer_suite *s = *state;
    struct fixture f;
    size_t la = 0;
    size_t lb = 0;
    latin_init(&f);
    render_ok(s, &f.report, "latin", NULL, 0);
    char *a = test_read_file(s->path, &la);
    /* Latin text is set as text, as before: nothing drawn as outlines under invisible text. */
    assert_false(has_invisible_text(s, s->path));
    latin_init(&f);
    const struct or_option none[] = {{"script_font_dir", "/nonexistent"}};
    render_ok(s, &f.report, "latin_no_script_fonts", none, 1);
    char *b = test_read_file(s->path, &lb);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    assert_int_equal(host_state.warnings, 0);

    /* The check can fail: shaped names are laid over as invisible text. */
    everywhere_init(&f);
    render_ok(s, &f.report, "shaped", NULL, 0);
    assert_true(has_invisible_text(s, s->path));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(
            names_in_every_script_extract_from_text_table_kpi_tiles_headings_and_headers,
            test_setup),
        cmocka_unit_test_setup(chart_labels_are_searchable_text_in_every_script, test_setup),
        cmocka_unit_test_setup(names_in_every_script_match_reviewed_reference_crops, test_setup),
        cmocka_unit_test_setup(character_no_font_has_gives_one_warning_naming_it, test_setup),
        cmocka_unit_test_setup(
            latin_only_document_keeps_plain_text_and_never_looks_for_script_fonts, test_setup),
    };
    return cmocka_run_group_tests_name("pdf_scripts", tests, suite_setup, suite_teardown);
}

/* SPDX-License-Identifier: MIT */
/* The Contents of the Summary sheet: see xlsx_contents.h. */
#include "xlsx_contents.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "xlsx_chart.h"
#include "xlsx_text.h"

#define NOTE_SIZE 1024

/* "1,234,567" */
static void
count_text(char *buf, size_t n, int64_t v)
{
    char digits[32];
    int len = snprintf(digits, sizeof(digits), "%" PRId64, v < 0 ? -v : v);
    size_t k = 0;
    if (v < 0 && k + 1 < n) {
        buf[k++] = '-';
    }
    for (int i = 0; i < len && k + 1 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0 && k + 1 < n) {
            buf[k++] = ',';
        }
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
}

static const char *
plural(int64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Rows of section @p si over all its sheets, and what the chart left out. */
static int64_t
section_rows(const struct xlsx_ctx *x, size_t si)
{
    int64_t n = 0;
    for (size_t i = 0; i < x->nparts; i++) {
        if (x->parts[i].section == si) {
            n += x->parts[i].nrows + x->parts[i].left_out;
        }
    }
    return n;
}

static void
part_note(const struct xlsx_ctx *x, size_t i, char *buf, size_t n)
{
    const struct xlsx_part *p = &x->parts[i];
    const struct or_section *sec = x->report->sections[p->section];
    int64_t total = section_rows(x, p->section);
    char a[32];
    char b[32];
    char c[32];
    size_t len;

    if (p->nrows == 0) {
        len = (size_t)snprintf(buf, n, "no rows");
    }
    else {
        count_text(a, sizeof(a), p->first_row);
        count_text(b, sizeof(b), p->first_row + p->nrows - 1);
        count_text(c, sizeof(c), total);
        len = (size_t)snprintf(buf, n, "rows %s\xE2\x80\x93%s of %s", a, b, c);
    }
    if (i + 1 < x->nparts && x->parts[i + 1].section == p->section && len < n) {
        len += (size_t)snprintf(buf + len, n - len, "; continued on sheet '%s'",
                                x->parts[i + 1].sheet);
    }
    if (p->chart && len < n) {
        len += (size_t)snprintf(buf + len, n - len, "; %s chart",
                                xlsx_chart_kind_name(sec->chart->kind));
    }
    if (p->left_out > 0 && len < n) {
        count_text(a, sizeof(a), p->nrows);
        count_text(b, sizeof(b), p->left_out);
        len += (size_t)snprintf(
            buf + len, n - len, "; chart data holds the first %s %s, %s %s left out", a,
            plural(p->nrows, "row", "rows"), b, plural(p->left_out, "row", "rows"));
    }
    if (p->ntruncated > 0 && len < n) {
        count_text(a, sizeof(a), p->ntruncated);
        snprintf(buf + len, n - len, "; %s %s cut to %d characters", a,
                 plural(p->ntruncated, "text", "texts"), XLSX_TEXT_MAX);
    }
}

/* "internal:'It''s'!A1": a link to cell A1 of a sheet. */
static void
sheet_link(const char *sheet, char *buf, size_t n)
{
    size_t k = (size_t)snprintf(buf, n, "internal:'");
    for (const char *p = sheet; *p != '\0' && k + 8 < n; p++) {
        if (*p == '\'') {
            buf[k++] = '\'';
        }
        buf[k++] = *p;
    }
    snprintf(buf + k, n - k, "'!A1");
}

static or_status
part_row(struct xlsx_ctx *x, struct xlsx_summary *sum, size_t i)
{
    const struct xlsx_part *p = &x->parts[i];
    const struct or_section *sec = x->report->sections[p->section];
    char link[2 * XLSX_SHEETNAME_SIZE + 32];
    char note[NOTE_SIZE];
    double width = 0.0;

    sheet_link(p->sheet, link, sizeof(link));
    lxw_error e = worksheet_write_url_opt(sum->sheet.ws, sum->row, 0, link, NULL, p->sheet, NULL);
    if (e != LXW_NO_ERROR) {
        return xlsx_ctx_lxw(x, e, "cannot link a sheet from the Summary");
    }
    width = xlsx_text_width(p->sheet, strlen(p->sheet)) + 2.0;
    sum->widths[0] = width > sum->widths[0] ? width : sum->widths[0];
    or_status st = xlsx_summary_text(x, sum, 1, xlsx_str(sec->title), NULL, 1);
    if (st == OR_OK) {
        st = xlsx_summary_number(x, sum, 2, (double)p->nrows, x->fmt.integer);
    }
    if (st == OR_OK) {
        part_note(x, i, note, sizeof(note));
        st = xlsx_summary_text(x, sum, 3, note, p->left_out > 0 ? x->fmt.error : NULL, 1);
    }
    sum->row++;
    return st;
}

static or_status
missing_row(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_section *sec)
{
    char note[NOTE_SIZE];
    or_status st = xlsx_summary_text(x, sum, 0, "\xE2\x80\x93", NULL, 1);
    if (st == OR_OK) {
        st = xlsx_summary_text(x, sum, 1, xlsx_str(sec->title), NULL, 1);
    }
    if (st == OR_OK) {
        if (sec->unavailable != NULL) {
            snprintf(note, sizeof(note), "data unavailable: %s", sec->unavailable);
            st = xlsx_summary_text(x, sum, 3, note, x->fmt.error, 1);
        }
        else {
            st = xlsx_summary_text(x, sum, 3, "no data", NULL, 1);
        }
    }
    sum->row++;
    return st;
}

or_status
xlsx_contents_block(struct xlsx_ctx *x, struct xlsx_summary *sum)
{
    static const char *const labels[] = {"Sheet", "Section", "Rows", "Note"};
    const struct or_report *r = x->report;
    size_t shown = 0;
    or_status st = xlsx_summary_line(x, sum, "Contents", x->fmt.heading);

    if (st == OR_OK) {
        st = xlsx_summary_header(x, sum, labels, 4);
    }
    for (size_t si = 0; st == OR_OK && si < r->nsections; si++) {
        const struct or_section *sec = r->sections[si];
        if (sec->kind != OR_SECTION_TABLE && sec->kind != OR_SECTION_CHART) {
            continue;
        }
        int any = 0;
        for (size_t i = 0; st == OR_OK && i < x->nparts; i++) {
            if (x->parts[i].section == si) {
                st = part_row(x, sum, i);
                any = 1;
            }
        }
        if (st == OR_OK && !any) {
            st = missing_row(x, sum, sec);
        }
        shown++;
    }
    if (st == OR_OK && shown == 0) {
        st = xlsx_summary_line(x, sum, "No other sheets: this report has no tables or charts.",
                               x->fmt.note);
    }
    return st;
}

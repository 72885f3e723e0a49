/* SPDX-License-Identifier: MIT */
/* KPIS sections: see pdf_kpi.h. */
#include "pdf_kpi.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "orr_style.h"
#include "orr_text.h"
#include "pdf_draw.h"
#include "pdf_mirror.h"
#include "chart_fmt.h"
#include "pdf_section_heading.h"
#include "pdf_theme.h"
#include "chart_utf8.h"

#define TILE_H 74.0f
#define TILE_PAD 11.0f
#define VALUE_SIZE 21.0f
#define VALUE_MIN 11.0f
#define LABEL_SIZE 8.0f
#define CHANGE_SIZE 8.0f
#define TEXT_CAP 512
#define PREV_SIZE 7.5f
#define PREV_GAP 7.0f
#define ARROW_ROOM 10.0f

/* Tiles per row: balanced rows, at most 4 (5 on a landscape page); one or
 * two tiles keep the width they would have in a row of three. */
static size_t
per_row(const struct pdf_doc *d, size_t n)
{
    size_t max = d->right - d->left > 700.0f ? 5 : 4;
    if (n < 3) {
        return 3;
    }
    if (n <= max) {
        return n;
    }
    if (n == 5 || n == 6 || n == 9) {
        return 3;
    }
    return max;
}

static uint32_t
change_color(const struct or_kpi *k, int direction)
{
    if (direction == 0) {
        return PDF_C_FLAT;
    }
    int good = k->lower_is_better ? direction < 0 : direction > 0;
    return good ? PDF_C_GOOD : PDF_C_BAD;
}

static void
value_text(const struct or_host *h, const struct or_kpi *k, char *buf, size_t n)
{
    chart_fmt_kpi(h, k, OR_KPI_VALUE, buf, n, NULL);
}

/* One size for every value of the section: the largest at which all fit. */
static float
value_size(const struct pdf_doc *d, const struct or_section *sec, float inner)
{
    char text[CHART_FMT_BUFSIZE];
    float size = VALUE_SIZE;
    for (size_t i = 0; i < sec->nkpis; i++) {
        value_text(d->h, sec->kpis[i], text, sizeof(text));
        while (size > VALUE_MIN && pdf_width(&d->bold, size, text) > inner) {
            size -= 0.5f;
        }
    }
    return size;
}

static void
draw_value(struct pdf_doc *d, const struct or_kpi *k, float x, float base, float w, float size)
{
    char text[CHART_FMT_BUFSIZE];
    char fitted[CHART_FMT_BUFSIZE * 2];
    value_text(d->h, k, text, sizeof(text));
    pdf_fit(&d->bold, size, text, w, fitted, sizeof(fitted));
    /* A KPI's "good" and "bad" thresholds colour its value. */
    struct orr_cond_look look;
    orr_cond_look(OR_HOST_SINCE(d->h, 3) && k->has_value ? k->cond : NULL, k->value, &look);
    pdf_m_text(d, d->page, &d->bold, size, look.text_set ? look.text : PDF_C_TEXT, x, base,
               PDF_LEFT, fitted);
}

/* "prev 11,980" in the KPI's format. */
static void
prev_text(const struct or_host *h, const struct or_kpi *k, char *buf, size_t n)
{
    char num[CHART_FMT_BUFSIZE];
    chart_fmt_kpi(h, k, OR_KPI_PREVIOUS, num, sizeof(num), NULL);
    const char *const args[] = {num};
    orr_text(h, "previous", "prev {1}", args, 1, buf, n);
}

/* Width of the arrow and change text; 0 when there is no change to show. */
static float
change_width(const struct pdf_doc *d, const struct or_kpi *k)
{
    char change[CHART_FMT_BUFSIZE];
    int direction = 0;
    if (!k->has_previous ||
        chart_fmt_kpi(d->h, k, OR_KPI_CHANGE, change, sizeof(change), &direction) == 0) {
        return 0.0f;
    }
    return (direction != 0 ? ARROW_ROOM : 0.0f) + pdf_width(&d->bold, CHANGE_SIZE, change);
}

/* Nonzero when change and previous value share one line in every tile of the section. */
static int
one_line(const struct pdf_doc *d, const struct or_section *sec, float inner)
{
    char prev[CHART_FMT_BUFSIZE + 8];
    for (size_t i = 0; i < sec->nkpis; i++) {
        const struct or_kpi *k = sec->kpis[i];
        if (!k->has_previous) {
            continue;
        }
        prev_text(d->h, k, prev, sizeof(prev));
        float w = change_width(d, k);
        if (w > 0.0f) {
            w += PREV_GAP;
        }
        if (w + pdf_width(&d->regular, PREV_SIZE, prev) > inner) {
            return 0;
        }
    }
    return 1;
}

/* Triangle and change, then the previous value in grey, on one line or two. */
static void
draw_change(struct pdf_doc *d, const struct or_kpi *k, float x, float base, float w, int single)
{
    char change[CHART_FMT_BUFSIZE];
    char prev[CHART_FMT_BUFSIZE + 8];
    char fitted[CHART_FMT_BUFSIZE * 2];
    int direction = 0;
    float change_base = single ? base : base + PREV_SIZE + 4.5f;

    if (!k->has_previous) {
        pdf_m_text(d, d->page, &d->regular, PREV_SIZE, PDF_C_FAINT, x, change_base, PDF_LEFT,
                   "no previous period");
        return;
    }
    prev_text(d->h, k, prev, sizeof(prev));
    float cx = x;
    if (chart_fmt_kpi(d->h, k, OR_KPI_CHANGE, change, sizeof(change), &direction) > 0) {
        uint32_t color = change_color(k, direction);
        if (direction != 0) {
            pdf_m_triangle(d, d->page, cx, change_base - 0.5f, 7.0f, direction > 0, color);
            cx += ARROW_ROOM;
        }
        pdf_m_text(d, d->page, &d->bold, CHANGE_SIZE, color, cx, change_base, PDF_LEFT, change);
        cx += pdf_width(&d->bold, CHANGE_SIZE, change) + PREV_GAP;
    }
    if (!single) {
        cx = x;
    }
    pdf_fit(&d->regular, PREV_SIZE, prev, x + w - cx, fitted, sizeof(fitted));
    pdf_m_text(d, d->page, &d->regular, PREV_SIZE, PDF_C_MUTED, cx, base, PDF_LEFT, fitted);
}

/* The KPI's last periods as a small line in the tile's top right corner
 * (ABI 2.2); a period without data leaves a gap. */
static int
draw_spark(struct pdf_doc *d, const struct or_kpi *k, float x, float top, float w)
{
    if (!OR_HOST_SINCE(d->h, 2) || k->nspark < 2 || k->spark == NULL) {
        return 0;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < k->nspark; i++) {
        if (isfinite(k->spark[i])) {
            lo = fmin(lo, k->spark[i]);
            hi = fmax(hi, k->spark[i]);
        }
    }
    if (!isfinite(lo)) {
        return 0;
    }
    float sw = w * 0.3f, sh = 18.0f, sx = x + w - TILE_PAD - sw, sy = top - 40.0f;
    float step = sw / (float)(k->nspark - 1);
    double span = hi > lo ? hi - lo : 1.0;
    for (size_t i = 0; i + 1 < k->nspark; i++) {
        if (!isfinite(k->spark[i]) || !isfinite(k->spark[i + 1])) {
            continue;
        }
        float y1 = sy + (float)((k->spark[i] - lo) / span) * sh;
        float y2 = sy + (float)((k->spark[i + 1] - lo) / span) * sh;
        pdf_m_line(d, d->page, sx + step * (float)i, y1, sx + step * (float)(i + 1), y2, d->accent,
                   1.0f);
    }
    double last = k->spark[k->nspark - 1];
    if (isfinite(last)) {
        float ly = sy + (float)((last - lo) / span) * sh;
        pdf_m_line(d, d->page, sx + sw - 1.0f, ly, sx + sw + 1.0f, ly, d->accent, 2.5f);
    }
    return 1;
}

static void
draw_tile(struct pdf_doc *d, const struct or_kpi *k, float x, float w, float h, int single,
          float size)
{
    char label[TEXT_CAP];
    char fitted[TEXT_CAP];
    float top = d->y;
    float inner = w - 2.0f * TILE_PAD;
    const char *raw = k->label != NULL ? k->label : "";

    pdf_m_round_rect(d, d->page, x, top - h, w, h, 4.0f, PDF_C_PANEL, PDF_C_RULE, 0.6f);
    chart_utf8_clean(label, sizeof(label), raw, strlen(raw), NULL);
    pdf_fit(&d->regular, LABEL_SIZE, label, inner, fitted, sizeof(fitted));
    pdf_m_text(d, d->page, &d->regular, LABEL_SIZE, PDF_C_MUTED, x + TILE_PAD,
               top - TILE_PAD - 6.5f, PDF_LEFT, fitted);
    int spark = draw_spark(d, k, x, top, w);
    draw_value(d, k, x + TILE_PAD, top - 43.0f, spark ? inner * 0.66f : inner, size);
    draw_change(d, k, x + TILE_PAD, top - h + TILE_PAD + 2.0f, inner, single);
}

or_status
pdf_kpi_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen)
{
    pdf_section_heading(d, sec, TILE_H + PREV_SIZE + 4.5f);
    if (sec->nkpis == 0 || sec->kpis == NULL) {
        pdf_m_text(d, d->page, &d->regular, PDF_SIZE_SMALL, PDF_C_MUTED, d->left, d->y - 10.0f,
                   PDF_LEFT, "No figures in this section.");
        pdf_doc_advance(d, 14.0f);
        return pdf_doc_ok(d) ? OR_OK : pdf_doc_failure(d, err, errlen);
    }
    size_t cols = per_row(d, sec->nkpis);
    float w = (d->right - d->left - (float)(cols - 1) * PDF_GAP) / (float)cols;
    int single = one_line(d, sec, w - 2.0f * TILE_PAD);
    float size = value_size(d, sec, w - 2.0f * TILE_PAD);
    float h = single ? TILE_H : TILE_H + PREV_SIZE + 4.5f;
    for (size_t i = 0; i < sec->nkpis && pdf_doc_ok(d); i += cols) {
        if (i > 0) {
            pdf_doc_need(d, PDF_GAP + h);
            pdf_doc_gap(d, PDF_GAP);
        }
        pdf_doc_need(d, h);
        for (size_t c = 0; c < cols && i + c < sec->nkpis; c++) {
            draw_tile(d, sec->kpis[i + c], d->left + (float)c * (w + PDF_GAP), w, h, single, size);
        }
        pdf_doc_advance(d, h);
    }
    return pdf_doc_ok(d) ? OR_OK : pdf_doc_failure(d, err, errlen);
}

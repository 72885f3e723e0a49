/* SPDX-License-Identifier: MIT */
/* Drawing primitives on a libharu page: see pdf_draw.h. */
#include "pdf_draw.h"

#include <stdlib.h>
#include <string.h>

#include "chart_utf8.h"
#include "orr_shape.h"
#include "pdf_shape.h"

/* A Bézier circle-quadrant control distance. */
#define KAPPA 0.5523f
/* Stroke width of emboldened fallback runs, per point of text size. */
#define PDF_FAUX_BOLD 0.04f

static float
red(uint32_t rgb)
{
    return (float)((rgb >> 16) & 0xFFu) / 255.0f;
}

static float
green(uint32_t rgb)
{
    return (float)((rgb >> 8) & 0xFFu) / 255.0f;
}

static float
blue(uint32_t rgb)
{
    return (float)(rgb & 0xFFu) / 255.0f;
}

/* Width of @p len bytes of @p s set in the one libharu font @p font. */
static float
run_width(HPDF_Font font, float size, const char *s, size_t len)
{
    if (len == 0) {
        return 0.0f;
    }
    HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return (float)tw.width * size / 1000.0f;
}

float
pdf_width_n(const struct pdf_font *font, float size, const char *s, size_t len)
{
    if (chart_utf8_ascii(s, len)) {
        return run_width(font->font, size, s, len);
    }
    float shaped = 0.0f;
    if (orr_shape_needed(s, len) && pdf_shape_width(font, size, s, len, &shaped) == 0) {
        return shaped;
    }
    /* A string DejaVu sets alone is measured in one piece, as it is drawn. */
    float w = 0.0f;
    size_t start = 0;
    size_t i = 0;
    HPDF_Font cur = font->font;
    while (i < len) {
        size_t at = i;
        HPDF_Font f = pdf_font_for(font, chart_utf8_next(s, len, &i));
        if (f != cur) {
            w += run_width(cur, size, s + start, at - start);
            start = at;
            cur = f;
        }
    }
    return w + run_width(cur, size, s + start, len - start);
}

float
pdf_width(const struct pdf_font *font, float size, const char *s)
{
    return pdf_width_n(font, size, s, strlen(s));
}

/* Nonzero when some code point of @p s is set in the fallback font. */
static int
needs_fallback(const struct pdf_font *font, const char *s, size_t len)
{
    if (chart_utf8_ascii(s, len)) {
        return 0;
    }
    size_t i = 0;
    while (i < len) {
        if (pdf_font_for(font, chart_utf8_next(s, len, &i)) != font->font) {
            return 1;
        }
    }
    return 0;
}

/*
 * Draw @p s in runs of one font each.  The fallback has no bold face: in bold
 * text its runs are filled and then stroked with a thin line of the fill
 * colour; q/Q around the text object restore the rendering mode, the stroke
 * colour and the line width.
 * Returns -1, having drawn nothing, when out of memory for a long string.
 */
static int
text_runs(HPDF_Page page, const struct pdf_font *font, float size, uint32_t rgb, float x, float y,
          const char *s, size_t len)
{
    char small[512];
    char *buf = len < sizeof(small) ? small : malloc(len + 1);
    if (buf == NULL) {
        return -1;
    }
    memcpy(buf, s, len + 1);
    if (font->bold) {
        HPDF_Page_GSave(page);
    }
    HPDF_Page_BeginText(page);
    HPDF_Page_SetRGBFill(page, red(rgb), green(rgb), blue(rgb));
    if (font->bold) {
        HPDF_Page_SetRGBStroke(page, red(rgb), green(rgb), blue(rgb));
        HPDF_Page_SetLineWidth(page, size * PDF_FAUX_BOLD);
    }
    size_t start = 0;
    size_t i = 0;
    while (start < len) {
        HPDF_Font cur = pdf_font_for(font, chart_utf8_next(buf, len, &i));
        size_t end = i;
        while (end < len) {
            size_t next = end;
            if (pdf_font_for(font, chart_utf8_next(buf, len, &next)) != cur) {
                break;
            }
            end = next;
        }
        char keep = buf[end];
        buf[end] = '\0';
        HPDF_Page_SetFontAndSize(page, cur, size);
        if (font->bold) {
            HPDF_Page_SetTextRenderingMode(page,
                                           cur == font->font ? HPDF_FILL : HPDF_FILL_THEN_STROKE);
        }
        HPDF_Page_TextOut(page, x, y, buf + start);
        x += run_width(cur, size, buf + start, end - start);
        buf[end] = keep;
        start = end;
        i = end;
    }
    HPDF_Page_EndText(page);
    if (font->bold) {
        HPDF_Page_GRestore(page);
    }
    if (buf != small) {
        free(buf);
    }
    return 0;
}

void
pdf_text(HPDF_Page page, const struct pdf_font *font, float size, uint32_t rgb, float x, float y,
         enum pdf_align align, const char *s)
{
    if (s[0] == '\0') {
        return;
    }
    if (align != PDF_LEFT) {
        float w = pdf_width(font, size, s);
        x -= align == PDF_RIGHT ? w : w / 2.0f;
    }
    size_t len = strlen(s);
    if (orr_shape_needed(s, len) && pdf_shape_draw(page, font, size, rgb, x, y, s, len) == 0) {
        return;
    }
    if (needs_fallback(font, s, len) && text_runs(page, font, size, rgb, x, y, s, len) == 0) {
        return;
    }
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font->font, size);
    HPDF_Page_SetRGBFill(page, red(rgb), green(rgb), blue(rgb));
    HPDF_Page_TextOut(page, x, y, s);
    HPDF_Page_EndText(page);
}

int
pdf_fit(const struct pdf_font *font, float size, const char *s, float maxw, char *out, size_t cap)
{
    size_t len = strlen(s);
    if (pdf_width_n(font, size, s, len) <= maxw && len < cap) {
        memcpy(out, s, len + 1);
        return 0;
    }
    float room = maxw - pdf_width(font, size, PDF_ELLIPSIS);
    float w = 0.0f;
    size_t keep = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        chart_utf8_next(s, len, &i);
        w += pdf_width_n(font, size, s + start, i - start);
        if (w > room || i + sizeof(PDF_ELLIPSIS) > cap) {
            break;
        }
        keep = i;
    }
    while (keep > 0 && s[keep - 1] == ' ') {
        keep--;
    }
    memcpy(out, s, keep);
    memcpy(out + keep, PDF_ELLIPSIS, sizeof(PDF_ELLIPSIS));
    return 1;
}

size_t
pdf_wrap(const struct pdf_font *font, float size, const char *s, float maxw, size_t *next)
{
    size_t len = strlen(s);
    size_t i = 0;
    size_t last_space = 0;
    int have_space = 0;
    float w = 0.0f;

    while (i < len) {
        size_t start = i;
        chart_utf8_next(s, len, &i);
        w += pdf_width_n(font, size, s + start, i - start);
        if (w > maxw && start > 0) {
            size_t end = have_space ? last_space : start;
            size_t resume = have_space ? last_space : start;
            while (resume < len && s[resume] == ' ') {
                resume++;
            }
            while (end > 0 && s[end - 1] == ' ') {
                end--;
            }
            *next = resume;
            return end;
        }
        if (s[start] == ' ' && start > 0) {
            last_space = start;
            have_space = 1;
        }
    }
    *next = len;
    while (len > 0 && s[len - 1] == ' ') {
        len--;
    }
    return len;
}

int
pdf_wrap_count(const struct pdf_font *font, float size, const char *s, float maxw)
{
    int lines = 0;
    size_t off = 0;
    do {
        size_t next = 0;
        pdf_wrap(font, size, s + off, maxw, &next);
        off += next;
        lines++;
    } while (s[off] != '\0');
    return lines;
}

float
pdf_text_wrapped_at(HPDF_Page page, const struct pdf_font *font, float size, uint32_t rgb, float x,
                    float y, float maxw, float leading, enum pdf_align align, const char *s)
{
    char line[1024];
    size_t off = 0;
    float base = y;
    int first = 1;

    do {
        size_t next = 0;
        size_t n = pdf_wrap(font, size, s + off, maxw, &next);
        if (!first) {
            base -= leading;
        }
        first = 0;
        if (n >= sizeof(line)) {
            n = chart_utf8_floor(s + off, sizeof(line) - 1);
        }
        memcpy(line, s + off, n);
        line[n] = '\0';
        pdf_text(page, font, size, rgb, x, base, align, line);
        off += next;
    } while (s[off] != '\0');
    return base;
}

void
pdf_set_fill(HPDF_Page page, uint32_t rgb)
{
    HPDF_Page_SetRGBFill(page, red(rgb), green(rgb), blue(rgb));
}

void
pdf_set_stroke(HPDF_Page page, uint32_t rgb, float lw)
{
    HPDF_Page_SetRGBStroke(page, red(rgb), green(rgb), blue(rgb));
    HPDF_Page_SetLineWidth(page, lw);
}

void
pdf_fill_rect(HPDF_Page page, float x, float y, float w, float h, uint32_t rgb)
{
    pdf_set_fill(page, rgb);
    HPDF_Page_Rectangle(page, x, y, w, h);
    HPDF_Page_Fill(page);
}

void
pdf_stroke_rect(HPDF_Page page, float x, float y, float w, float h, uint32_t rgb, float lw)
{
    pdf_set_stroke(page, rgb, lw);
    HPDF_Page_Rectangle(page, x, y, w, h);
    HPDF_Page_Stroke(page);
}

static void
round_rect_path(HPDF_Page page, float x, float y, float w, float h, float r)
{
    float k = r * KAPPA;
    HPDF_Page_MoveTo(page, x + r, y);
    HPDF_Page_LineTo(page, x + w - r, y);
    HPDF_Page_CurveTo(page, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
    HPDF_Page_LineTo(page, x + w, y + h - r);
    HPDF_Page_CurveTo(page, x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
    HPDF_Page_LineTo(page, x + r, y + h);
    HPDF_Page_CurveTo(page, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
    HPDF_Page_LineTo(page, x, y + r);
    HPDF_Page_CurveTo(page, x, y + r - k, x + r - k, y, x + r, y);
    HPDF_Page_ClosePath(page);
}

void
pdf_round_rect(HPDF_Page page, float x, float y, float w, float h, float r, uint32_t fill,
               uint32_t stroke, float lw)
{
    if (r * 2.0f > h) {
        r = h / 2.0f;
    }
    if (r * 2.0f > w) {
        r = w / 2.0f;
    }
    pdf_set_fill(page, fill);
    if (lw > 0.0f) {
        pdf_set_stroke(page, stroke, lw);
    }
    round_rect_path(page, x, y, w, h, r);
    if (lw > 0.0f) {
        HPDF_Page_FillStroke(page);
    }
    else {
        HPDF_Page_Fill(page);
    }
}

void
pdf_line(HPDF_Page page, float x1, float y1, float x2, float y2, uint32_t rgb, float lw)
{
    pdf_set_stroke(page, rgb, lw);
    HPDF_Page_MoveTo(page, x1, y1);
    HPDF_Page_LineTo(page, x2, y2);
    HPDF_Page_Stroke(page);
}

void
pdf_triangle(HPDF_Page page, float x, float y, float size, int up, uint32_t rgb)
{
    float h = size * 0.866f;
    float y0 = y + (size - h) / 2.0f;
    pdf_set_fill(page, rgb);
    if (up) {
        HPDF_Page_MoveTo(page, x, y0);
        HPDF_Page_LineTo(page, x + size, y0);
        HPDF_Page_LineTo(page, x + size / 2.0f, y0 + h);
    }
    else {
        HPDF_Page_MoveTo(page, x, y0 + h);
        HPDF_Page_LineTo(page, x + size, y0 + h);
        HPDF_Page_LineTo(page, x + size / 2.0f, y0);
    }
    HPDF_Page_ClosePath(page);
    HPDF_Page_Fill(page);
}

/* SPDX-License-Identifier: MIT */
/* Chart labels as SVG text: see chart_svg_text.h. */
#include "chart_svg_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_shaped.h"
#include "chart_utf8.h"

/* What a label falls back to when its font is missing on the reader's machine. */
#define FAMILIES "'DejaVu Sans', sans-serif"

/* Where the text goes. */
struct sink {
    chart_svg_write_fn *write;
    void *out;
};

static int
put(struct sink *b, const char *s)
{
    return b->write(b->out, s, strlen(s));
}

static int putf(struct sink *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
putf(struct sink *b, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0) {
        return -1;
    }
    return b->write(b->out, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* @p v with two decimals at most and a '.' whatever the locale: "12.5", "-3", "0.25". */
static void
num(char *buf, size_t n, double v)
{
    long c = isfinite(v) ? lround(v * 100.0) : 0;
    const char *sign = c < 0 ? "-" : "";
    c = labs(c);
    if (c % 100 == 0) {
        snprintf(buf, n, "%s%ld", sign, c / 100);
    }
    else if (c % 10 == 0) {
        snprintf(buf, n, "%s%ld.%ld", sign, c / 100, (c % 100) / 10);
    }
    else {
        snprintf(buf, n, "%s%ld.%02ld", sign, c / 100, c % 100);
    }
}

/* Bytes [from, to) of clean UTF-8 @p s, escaped for XML text and attributes. */
static int
escaped(struct sink *b, const char *s, size_t from, size_t to)
{
    size_t i = from;
    int rc = 0;
    while (i < to && rc == 0) {
        size_t at = i;
        uint32_t cp = chart_utf8_next(s, to, &i);
        switch (cp) {
        case '&': rc = put(b, "&amp;"); break;
        case '<': rc = put(b, "&lt;"); break;
        case '>': rc = put(b, "&gt;"); break;
        case '"': rc = put(b, "&quot;"); break;
        case '\'': rc = put(b, "&#39;"); break;
        default:
            /* XML and HTML refuse controls and non-characters: the replacement character. */
            if (cp < 0x20u || (cp >= 0x7Fu && cp <= 0x9Fu) || (cp >= 0xFDD0u && cp <= 0xFDEFu) ||
                (cp & 0xFFFEu) == 0xFFFEu) {
                rc = put(b, CHART_UTF8_REPLACEMENT);
            }
            else {
                rc = b->write(b->out, s + at, i - at);
            }
        }
    }
    return rc;
}

/* A font-family list naming @p family first; quotes and markup in the name are dropped. */
static int
family_attr(struct sink *b, const char *family)
{
    char clean[128];
    size_t o = 0;
    for (size_t i = 0; family[i] != '\0' && o + 1 < sizeof(clean); i++) {
        unsigned char c = (unsigned char)family[i];
        if (c >= 0x20u && c < 0x7Fu && strchr("'\"\\<>&;", c) == NULL) {
            clean[o++] = (char)c;
        }
    }
    clean[o] = '\0';
    if (o == 0 || strcmp(clean, "DejaVu Sans") == 0) {
        return put(b, " font-family=\"" FAMILIES "\"");
    }
    return putf(b, " font-family=\"'%s', " FAMILIES "\"", clean);
}

/* The label's characters in logical order, one tspan per run of one font. */
static int
tspans(struct sink *b, const char *s, const struct orr_shape_text *t, struct orr_shaper *sh)
{
    size_t len = strlen(s);
    size_t i = 0;
    int k = 0;
    int rc = 0;
    while (k < t->n && rc == 0) {
        int slot = t->slot[k];
        size_t from = i;
        while (k < t->n && t->slot[k] == slot) {
            chart_utf8_next(s, len, &i);
            k++;
        }
        char family[128];
        orr_shaper_family(sh, slot, family, sizeof(family));
        rc = put(b, "<tspan");
        rc = rc != 0 ? rc : family_attr(b, family);
        rc = rc != 0 ? rc : put(b, ">");
        rc = rc != 0 ? rc : escaped(b, s, from, i);
        rc = rc != 0 ? rc : put(b, "</tspan>");
    }
    return rc;
}

static const char *
anchor_of(enum chart_align a, int rtl)
{
    /* text-anchor counts from the start of the text: the right edge of right-to-left text. */
    switch (a) {
    case CHART_CENTER: return "middle";
    case CHART_RIGHT: return rtl ? "start" : "end";
    default: return rtl ? "end" : "start";
    }
}

static int
one(struct sink *b, const struct chart_label *lb, const struct chart_fallback *fb)
{
    struct orr_shape_text t;
    int shaped = chart_shaped_make(fb, lb->bold, lb->text, &t) == 0;
    int rtl = shaped && t.rtl;
    char x[32];
    char y[32];
    char size[32];
    num(x, sizeof(x), lb->x);
    num(y, sizeof(y), lb->y);
    num(size, sizeof(size), lb->size);
    int rc = putf(b, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" fill=\"#%06X\"", x, y, size,
                  (unsigned)(lb->rgb & 0xFFFFFFu));
    if (rc == 0 && lb->bold) {
        rc = put(b, " font-weight=\"bold\"");
    }
    const char *anchor = anchor_of(lb->align, rtl);
    if (rc == 0 && strcmp(anchor, "start") != 0) {
        rc = putf(b, " text-anchor=\"%s\"", anchor);
    }
    if (rc == 0 && rtl) {
        rc = put(b, " direction=\"rtl\" unicode-bidi=\"embed\"");
    }
    if (rc == 0 && fabs(lb->angle) > 1e-6) {
        char deg[32];
        /* The label's angle turns counter-clockwise on the page; SVG's rotate() clockwise. */
        num(deg, sizeof(deg), -lb->angle * 180.0 / M_PI);
        rc = putf(b, " transform=\"rotate(%s %s %s)\"", deg, x, y);
    }
    rc = rc != 0 ? rc : put(b, ">");
    if (shaped) {
        rc = rc != 0 ? rc : tspans(b, lb->text, &t, fb->shaper);
        orr_shape_text_free(&t);
    }
    else {
        rc = rc != 0 ? rc : escaped(b, lb->text, 0, strlen(lb->text));
    }
    return rc != 0 ? rc : put(b, "</text>\n");
}

int
chart_svg_text(chart_svg_write_fn *write, void *out, const struct chart_labels *l,
               const struct chart_fallback *fb)
{
    struct sink b = {write, out};
    int rc = put(&b, "<g font-family=\"" FAMILIES "\">\n");
    for (size_t i = 0; i < l->n && rc == 0; i++) {
        rc = one(&b, &l->v[i], fb);
    }
    return rc != 0 ? rc : put(&b, "</g>\n");
}

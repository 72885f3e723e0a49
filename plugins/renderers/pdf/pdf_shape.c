/* SPDX-License-Identifier: MIT */
/* Shaped text: see pdf_shape.h. */
#include "pdf_shape.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <hb.h>

#include "chart_utf8.h"
#include "pdf_shape_fonts.h"

/* Stroke width of emboldened runs, per point of text size (as pdf_draw.c). */
#define FAUX_BOLD 0.04f

/* Code point ranges of the scripts that need shaping or run right to left. */
static const uint32_t complex_ranges[][2] = {
    {0x0590u, 0x08FFu}, /* Hebrew, Arabic, Syriac, Thaana, NKo... */
    {0x0900u, 0x0DFFu}, /* Devanagari and the other Indic scripts, Sinhala */
    {0x0E00u, 0x0EFFu}, /* Thai, Lao */
    {0x0F00u, 0x11FFu}, /* Tibetan, Myanmar, Georgian, Hangul Jamo */
    {0x1780u, 0x18AFu}, /* Khmer, Mongolian */
    {0x200Eu, 0x200Fu}, /* LRM, RLM */
    {0x202Au, 0x202Eu}, /* bidi embeddings */
    {0x2066u, 0x2069u}, /* bidi isolates */
    {0x3130u, 0x318Fu}, /* Hangul compatibility Jamo */
    {0xA960u, 0xA97Fu}, /* Hangul Jamo extended A */
    {0xAC00u, 0xD7FFu}, /* Hangul syllables, Jamo extended B */
    {0xFB1Du, 0xFDFFu}, /* Hebrew and Arabic presentation forms A */
    {0xFE70u, 0xFEFEu}, /* Arabic presentation forms B */
};

static int
is_complex(uint32_t cp)
{
    if (cp > 0xFFFFu) {
        return 1; /* libharu's UTF-8 text stops at U+FFFF */
    }
    for (size_t i = 0; i < sizeof(complex_ranges) / sizeof(complex_ranges[0]); i++) {
        if (cp >= complex_ranges[i][0] && cp <= complex_ranges[i][1]) {
            return 1;
        }
    }
    return 0;
}

int
pdf_shape_needed(const char *s, size_t len)
{
    if (chart_utf8_ascii(s, len)) {
        return 0;
    }
    size_t i = 0;
    while (i < len) {
        if (is_complex(chart_utf8_next(s, len, &i))) {
            return 1;
        }
    }
    return 0;
}

/* A string taken apart: characters, bidi levels, visual order and font runs. */
struct text {
    FriBidiChar *cp;       /* logical order */
    FriBidiCharType *type; /* bidi types */
    FriBidiBracketType *bracket;
    FriBidiLevel *level;  /* resolved embedding levels */
    FriBidiStrIndex *map; /* visual position -> logical index */
    int *slot;            /* font slot of each character */
    int *run;             /* run of each character */
    int n;
};

static void
text_free(struct text *t)
{
    free(t->cp);
    memset(t, 0, sizeof(*t));
}

/* One allocation holds every array; returns -1 when out of memory. */
static int
text_alloc(struct text *t, size_t n)
{
    size_t each = sizeof(FriBidiChar) + sizeof(FriBidiCharType) + sizeof(FriBidiBracketType) +
                  sizeof(FriBidiLevel) + sizeof(FriBidiStrIndex) + 2 * sizeof(int);
    unsigned char *p = malloc(n * each + 1);
    if (p == NULL) {
        return -1;
    }
    t->cp = (FriBidiChar *)(void *)p;
    t->type = (FriBidiCharType *)(void *)(t->cp + n);
    t->bracket = (FriBidiBracketType *)(void *)(t->type + n);
    t->map = (FriBidiStrIndex *)(void *)(t->bracket + n);
    t->slot = (int *)(void *)(t->map + n);
    t->run = t->slot + n;
    t->level = (FriBidiLevel *)(void *)(t->run + n);
    return 0;
}

/* Characters of no script of their own (spaces, digits, marks) follow their neighbours. */
static void
pick_fonts(struct text *t, struct pdf_shaper *sh, struct pdf_fallback *fb, int bold)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    int prev = -1;
    for (int i = 0; i < t->n; i++) {
        hb_script_t sc = hb_unicode_script(uf, t->cp[i]);
        t->slot[i] = -1;
        if (sc == HB_SCRIPT_INHERITED && prev >= 0) {
            t->slot[i] = prev;
        }
        else if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN) {
            if (prev >= 0 && pdf_shaper_has(sh, bold, prev, t->cp[i])) {
                t->slot[i] = prev;
            }
        }
        else {
            t->slot[i] = pdf_shaper_pick(sh, fb, bold, sc, t->cp[i]);
            prev = t->slot[i];
        }
    }
    int next = -1;
    for (int i = t->n - 1; i >= 0; i--) {
        if (t->slot[i] >= 0) {
            next = t->slot[i];
        }
        else if (next >= 0 && pdf_shaper_has(sh, bold, next, t->cp[i])) {
            t->slot[i] = next;
        }
        else {
            t->slot[i] = pdf_shaper_pick(sh, fb, bold, HB_SCRIPT_COMMON, t->cp[i]);
        }
    }
}

/* Decode, resolve levels and visual order, choose fonts and split into runs. */
static int
text_make(struct text *t, const struct pdf_font *font, const char *s, size_t len)
{
    memset(t, 0, sizeof(*t));
    if (text_alloc(t, len + 1) != 0) {
        return -1;
    }
    size_t i = 0;
    while (i < len) {
        t->cp[t->n++] = chart_utf8_next(s, len, &i);
    }
    fribidi_get_bidi_types(t->cp, t->n, t->type);
    fribidi_get_bracket_types(t->cp, t->n, t->type, t->bracket);
    FriBidiParType base = FRIBIDI_PAR_ON;
    for (int k = 0; k < t->n; k++) {
        t->map[k] = k;
    }
    /* Marks stay where they are: a right-to-left run is simply reversed. */
    FriBidiFlags flags = FRIBIDI_FLAGS_DEFAULT & ~(FriBidiFlags)FRIBIDI_FLAG_REORDER_NSM;
    if (fribidi_get_par_embedding_levels_ex(t->type, t->bracket, t->n, &base, t->level) == 0 ||
        fribidi_reorder_line(flags, t->type, t->n, 0, base, t->level, NULL, t->map) == 0) {
        text_free(t);
        return -1;
    }
    pick_fonts(t, font->fallback->shaper, font->fallback, font->bold);
    int run = 0;
    for (int k = 0; k < t->n; k++) {
        if (k > 0 && (t->slot[k] != t->slot[k - 1] || t->level[k] != t->level[k - 1])) {
            run++;
        }
        t->run[k] = run;
    }
    return 0;
}

/* Shape run @p r (logical [start, end)); returns its advance in points, drawing it when @p o. */
static float
run_layout(const struct text *t, const struct pdf_font *font, int start, int end, float size,
           float x, struct pdf_outline *o)
{
    struct pdf_shaper *sh = font->fallback->shaper;
    const struct pdf_shape_face *face = pdf_shaper_face(sh, font->bold, t->slot[start]);
    hb_buffer_t *buf = pdf_shaper_buffer(sh);
    if (face->font == NULL || buf == NULL) {
        return 0.0f;
    }
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf32(buf, t->cp, t->n, (unsigned)start, end - start);
    hb_buffer_set_direction(buf, (t->level[start] & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(face->font, buf, NULL, 0);
    unsigned ng = 0;
    const hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &ng);
    const hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(buf, &ng);
    float k = size / face->upem;
    float pen = 0.0f;
    if (o != NULL && face->faux_bold) {
        HPDF_Page_SetLineWidth(o->page, size * FAUX_BOLD);
    }
    for (unsigned g = 0; g < ng; g++) {
        if (o != NULL) {
            o->x = x + (pen + (float)gp[g].x_offset) * k;
            o->k = k;
            float y = o->y;
            o->y = y + (float)gp[g].y_offset * k;
            pdf_shaper_outline(sh, face->font, gi[g].codepoint, o);
            o->y = y;
        }
        pen += (float)gp[g].x_advance;
    }
    if (o != NULL && o->any) {
        if (face->faux_bold) {
            HPDF_Page_FillStroke(o->page);
        }
        else {
            HPDF_Page_Fill(o->page);
        }
        o->any = 0;
    }
    return pen * k;
}

/* Lay the runs out in visual order from @p x; returns the width, drawing when @p o. */
static float
layout(const struct text *t, const struct pdf_font *font, float size, float x,
       struct pdf_outline *o)
{
    float w = 0.0f;
    int v = 0;
    while (v < t->n) {
        int r = t->run[t->map[v]];
        int count = 0;
        while (v + count < t->n && t->run[t->map[v + count]] == r) {
            count++;
        }
        /* A run is contiguous in both orders: find its logical start. */
        int start = t->map[v];
        for (int c = 1; c < count; c++) {
            start = t->map[v + c] < start ? t->map[v + c] : start;
        }
        w += run_layout(t, font, start, start + count, size, x + w, o);
        v += count;
    }
    return w;
}

int
pdf_shape_width(const struct pdf_font *font, float size, const char *s, size_t len, float *w)
{
    struct text t;
    if (text_make(&t, font, s, len) != 0) {
        return -1;
    }
    *w = layout(&t, font, size, 0.0f, NULL);
    text_free(&t);
    return 0;
}

/*
 * The text once more, invisible, in visual order and as wide as drawn: what
 * extraction reads.  libharu's UTF-8 codes are the code points and the
 * document's ToUnicode maps are identities (pdf_tounicode.h), so a character
 * DejaVu has no glyph for still extracts as itself.
 */
static void
invisible_text(HPDF_Page page, const struct pdf_font *font, float size, float x, float y, float w,
               const struct text *t, char *buf)
{
    size_t n = 0;
    for (int v = 0; v < t->n; v++) {
        uint32_t cp = t->cp[t->map[v]];
        int control = (cp >= 0x200Bu && cp <= 0x200Fu) || (cp >= 0x202Au && cp <= 0x202Eu) ||
                      (cp >= 0x2066u && cp <= 0x2069u) || cp == 0xFEFFu;
        if (cp <= 0xFFFFu && !control && (cp < 0xD800u || cp > 0xDFFFu)) {
            n += chart_utf8_put(cp, buf + n);
        }
    }
    buf[n] = '\0';
    if (n == 0) {
        return;
    }
    HPDF_TextWidth tw = HPDF_Font_TextWidth(font->font, (const HPDF_BYTE *)buf, (HPDF_UINT)n);
    float plain = (float)tw.width * size / 1000.0f;
    float scale = plain > 0.0f ? 100.0f * w / plain : 100.0f;
    scale = scale < 10.0f ? 10.0f : (scale > 300.0f ? 300.0f : scale);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font->font, size);
    HPDF_Page_SetTextRenderingMode(page, HPDF_INVISIBLE);
    HPDF_Page_SetHorizontalScalling(page, scale);
    HPDF_Page_TextOut(page, x, y, buf);
    HPDF_Page_EndText(page);
}

int
pdf_shape_draw(HPDF_Page page, const struct pdf_font *font, float size, uint32_t rgb, float x,
               float y, const char *s, size_t len)
{
    struct text t;
    if (text_make(&t, font, s, len) != 0) {
        return -1;
    }
    char *buf = malloc(3 * (size_t)t.n + 1);
    if (buf == NULL) {
        text_free(&t);
        return -1;
    }
    float r = (float)((rgb >> 16) & 0xFFu) / 255.0f;
    float g = (float)((rgb >> 8) & 0xFFu) / 255.0f;
    float b = (float)(rgb & 0xFFu) / 255.0f;
    /* q/Q: the colours and line width of faux-bold runs do not leak. */
    HPDF_Page_GSave(page);
    HPDF_Page_SetRGBFill(page, r, g, b);
    HPDF_Page_SetRGBStroke(page, r, g, b);
    struct pdf_outline o = {.page = page, .x = x, .y = y, .k = 1.0f, .any = 0};
    float w = layout(&t, font, size, x, &o);
    invisible_text(page, font, size, x, y, w, &t, buf);
    HPDF_Page_GRestore(page);
    free(buf);
    text_free(&t);
    return 0;
}

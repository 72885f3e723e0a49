/* SPDX-License-Identifier: MIT */
/* Bidi, font runs and shaping: see orr_shape.h. */
#include "orr_shape.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

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

/* The code point at byte *@p i of @p s, advancing *@p i; U+FFFD for an invalid byte. */
static uint32_t
next_cp(const char *s, size_t len, size_t *i)
{
    gunichar c = g_utf8_get_char_validated(s + *i, (gssize)(len - *i));
    if (c == (gunichar)-1 || c == (gunichar)-2) {
        *i += 1;
        return 0xFFFDu;
    }
    *i += (size_t)g_utf8_skip[(unsigned char)s[*i]];
    return c;
}

int
orr_shape_needed(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80u) {
        i++;
    }
    while (i < len) {
        if (is_complex(next_cp(s, len, &i))) {
            return 1;
        }
    }
    return 0;
}

void
orr_shape_text_free(struct orr_shape_text *t)
{
    free(t->cp);
    memset(t, 0, sizeof(*t));
}

/* One allocation holds every array; returns -1 when out of memory. */
static int
text_alloc(struct orr_shape_text *t, size_t n)
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
pick_fonts(struct orr_shape_text *t, struct orr_shaper *sh, const struct orr_shape_warn *w,
           int bold)
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
            if (prev >= 0 && orr_shaper_has(sh, bold, prev, t->cp[i])) {
                t->slot[i] = prev;
            }
        }
        else {
            t->slot[i] = orr_shaper_pick(sh, w, bold, sc, t->cp[i]);
            prev = t->slot[i];
        }
    }
    int next = -1;
    for (int i = t->n - 1; i >= 0; i--) {
        if (t->slot[i] >= 0) {
            next = t->slot[i];
        }
        else if (next >= 0 && orr_shaper_has(sh, bold, next, t->cp[i])) {
            t->slot[i] = next;
        }
        else {
            t->slot[i] = orr_shaper_pick(sh, w, bold, HB_SCRIPT_COMMON, t->cp[i]);
        }
    }
}

int
orr_shape_text_make(struct orr_shape_text *t, struct orr_shaper *sh, const struct orr_shape_warn *w,
                    int bold, const char *s, size_t len)
{
    memset(t, 0, sizeof(*t));
    if (text_alloc(t, len + 1) != 0) {
        return -1;
    }
    size_t i = 0;
    while (i < len) {
        t->cp[t->n++] = next_cp(s, len, &i);
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
        orr_shape_text_free(t);
        return -1;
    }
    t->rtl = FRIBIDI_IS_RTL(base) ? 1 : 0;
    t->bold = bold ? 1 : 0;
    pick_fonts(t, sh, w, t->bold);
    int run = 0;
    for (int k = 0; k < t->n; k++) {
        if (k > 0 && (t->slot[k] != t->slot[k - 1] || t->level[k] != t->level[k - 1])) {
            run++;
        }
        t->run[k] = run;
    }
    return 0;
}

/* Shape the run of logical [start, end); returns its advance, drawing it through @p draw. */
static float
run_layout(const struct orr_shape_text *t, struct orr_shaper *sh, int start, int end, float size,
           float x, orr_shape_run_fn *draw, void *ud)
{
    int slot = t->slot[start];
    const struct orr_shape_face *face = orr_shaper_face(sh, t->bold, slot);
    hb_buffer_t *buf = orr_shaper_buffer(sh);
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
    if (draw != NULL) {
        draw(ud, slot, face, gi, gp, ng, x, k);
    }
    float pen = 0.0f;
    for (unsigned g = 0; g < ng; g++) {
        pen += (float)gp[g].x_advance;
    }
    return pen * k;
}

float
orr_shape_layout(const struct orr_shape_text *t, struct orr_shaper *sh, float size, float x,
                 orr_shape_run_fn *draw, void *ud)
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
        w += run_layout(t, sh, start, start + count, size, x + w, draw, ud);
        v += count;
    }
    return w;
}

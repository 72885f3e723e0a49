/* SPDX-License-Identifier: MIT */
/* The fonts complex text is shaped in: see pdf_shape_fonts.h. */
#include "pdf_shape_fonts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One font per script, relative to script_font_dir; NULL bold: emboldened regular. */
static const struct script_font {
    hb_script_t script;
    const char *regular;
    const char *bold;
} script_fonts[] = {
    {HB_SCRIPT_ARABIC, "noto/NotoSansArabic-Regular.ttf", "noto/NotoSansArabic-Bold.ttf"},
    {HB_SCRIPT_HEBREW, "noto/NotoSansHebrew-Regular.ttf", "noto/NotoSansHebrew-Bold.ttf"},
    {HB_SCRIPT_DEVANAGARI, "noto/NotoSansDevanagari-Regular.ttf",
     "noto/NotoSansDevanagari-Bold.ttf"},
    {HB_SCRIPT_THAI, "noto/NotoSansThai-Regular.ttf", "noto/NotoSansThai-Bold.ttf"},
    {HB_SCRIPT_HANGUL, "nanum/NanumGothic.ttf", "nanum/NanumGothicBold.ttf"},
    {HB_SCRIPT_BENGALI, "noto/NotoSansBengali-Regular.ttf", "noto/NotoSansBengali-Bold.ttf"},
    {HB_SCRIPT_GUJARATI, "noto/NotoSansGujarati-Regular.ttf", "noto/NotoSansGujarati-Bold.ttf"},
    {HB_SCRIPT_GURMUKHI, "noto/NotoSansGurmukhi-Regular.ttf", "noto/NotoSansGurmukhi-Bold.ttf"},
    {HB_SCRIPT_KANNADA, "noto/NotoSansKannada-Regular.ttf", "noto/NotoSansKannada-Bold.ttf"},
    {HB_SCRIPT_MALAYALAM, "noto/NotoSansMalayalam-Regular.ttf", "noto/NotoSansMalayalam-Bold.ttf"},
    {HB_SCRIPT_TAMIL, "noto/NotoSansTamil-Regular.ttf", "noto/NotoSansTamil-Bold.ttf"},
    {HB_SCRIPT_TELUGU, "noto/NotoSansTelugu-Regular.ttf", "noto/NotoSansTelugu-Bold.ttf"},
    {HB_SCRIPT_SINHALA, "noto/NotoSansSinhala-Regular.ttf", "noto/NotoSansSinhala-Bold.ttf"},
    {HB_SCRIPT_LAO, "noto/NotoSansLao-Regular.ttf", "noto/NotoSansLao-Bold.ttf"},
    {HB_SCRIPT_KHMER, "noto/NotoSansKhmer-Regular.ttf", "noto/NotoSansKhmer-Bold.ttf"},
    {HB_SCRIPT_MYANMAR, "noto/NotoSansMyanmar-Regular.ttf", "noto/NotoSansMyanmar-Bold.ttf"},
    {HB_SCRIPT_THAANA, "noto/NotoSansThaana-Regular.ttf", "noto/NotoSansThaana-Bold.ttf"},
    {HB_SCRIPT_SYRIAC, "noto/NotoSansSyriac-Regular.ttf", NULL},
};

#define FIRST_SCRIPT 2
#define NFACES (FIRST_SCRIPT + COUNT(script_fonts))

struct pdf_shaper {
    struct pdf_shape_face face[2][NFACES]; /* [bold][slot] */
    hb_buffer_t *buf;
    hb_draw_funcs_t *draw;
    char font_dir[1024];
    char script_dir[1024];
    char fallback[1024];
};

struct pdf_shaper *
pdf_shaper_new(const char *font_dir, const char *script_dir, const char *fallback)
{
    struct pdf_shaper *sh = calloc(1, sizeof(*sh));
    if (sh == NULL) {
        return NULL;
    }
    snprintf(sh->font_dir, sizeof(sh->font_dir), "%s", font_dir);
    snprintf(sh->script_dir, sizeof(sh->script_dir), "%s", script_dir);
    snprintf(sh->fallback, sizeof(sh->fallback), "%s", fallback);
    return sh;
}

void
pdf_shaper_free(struct pdf_shaper *sh)
{
    if (sh == NULL) {
        return;
    }
    for (size_t b = 0; b < 2; b++) {
        for (size_t i = 0; i < NFACES; i++) {
            hb_font_destroy(sh->face[b][i].font);
        }
    }
    hb_buffer_destroy(sh->buf);
    hb_draw_funcs_destroy(sh->draw);
    free(sh);
}

hb_buffer_t *
pdf_shaper_buffer(struct pdf_shaper *sh)
{
    if (sh->buf == NULL) {
        hb_buffer_t *b = hb_buffer_create();
        if (!hb_buffer_allocation_successful(b)) {
            hb_buffer_destroy(b);
            return NULL;
        }
        sh->buf = b;
    }
    return sh->buf;
}

/* The file of @p slot in weight @p bold; *faux set when it is a regular file emboldened. */
static void
face_path(const struct pdf_shaper *sh, int bold, size_t slot, char *out, size_t n, int *faux)
{
    *faux = 0;
    if (slot == PDF_SHAPE_DEJAVU) {
        snprintf(out, n, "%s/%s", sh->font_dir, bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
        return;
    }
    if (slot == PDF_SHAPE_FALLBACK) {
        *faux = bold;
        snprintf(out, n, "%s", sh->fallback);
        return;
    }
    const struct script_font *sf = &script_fonts[slot - FIRST_SCRIPT];
    *faux = bold && sf->bold == NULL;
    snprintf(out, n, "%s/%s", sh->script_dir, bold && sf->bold != NULL ? sf->bold : sf->regular);
}

static void
load(struct pdf_shaper *sh, int bold, size_t slot)
{
    struct pdf_shape_face *f = &sh->face[bold][slot];
    char path[2200];
    f->tried = 1;
    face_path(sh, bold, slot, path, sizeof(path), &f->faux_bold);
    /* HarfBuzz says nothing about a missing file: check first, for the reason. */
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        snprintf(f->why, sizeof(f->why), "%s cannot be read (%s)", path, strerror(errno));
        return;
    }
    fclose(fp);
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    hb_face_t *face = blob != NULL ? hb_face_create(blob, 0) : NULL;
    hb_blob_destroy(blob);
    if (face == NULL || hb_face_get_glyph_count(face) == 0) {
        hb_face_destroy(face);
        snprintf(f->why, sizeof(f->why), "%s is not a font HarfBuzz can read", path);
        return;
    }
    f->upem = (float)hb_face_get_upem(face);
    f->font = hb_font_create(face);
    hb_face_destroy(face);
    int upem = (int)f->upem;
    hb_font_set_scale(f->font, upem, upem);
}

const struct pdf_shape_face *
pdf_shaper_face(struct pdf_shaper *sh, int bold, int slot)
{
    int b = bold ? 1 : 0;
    if (!sh->face[b][slot].tried) {
        load(sh, b, (size_t)slot);
    }
    return &sh->face[b][slot];
}

int
pdf_shaper_has(struct pdf_shaper *sh, int bold, int slot, uint32_t cp)
{
    const struct pdf_shape_face *f = pdf_shaper_face(sh, bold, slot);
    hb_codepoint_t g = 0;
    return f->font != NULL && hb_font_get_nominal_glyph(f->font, cp, &g) && g != 0;
}

/* Invisible format and bidi controls: no font needs a glyph for them. */
static int
is_ignorable(uint32_t cp)
{
    return (cp >= 0x200Bu && cp <= 0x200Fu) || (cp >= 0x202Au && cp <= 0x202Eu) ||
           (cp >= 0x2060u && cp <= 0x206Fu) || (cp >= 0xFE00u && cp <= 0xFE0Fu) || cp == 0xFEFFu;
}

static int
script_slot(hb_script_t script)
{
    for (size_t i = 0; i < COUNT(script_fonts); i++) {
        if (script_fonts[i].script == script) {
            return (int)(FIRST_SCRIPT + i);
        }
    }
    return -1;
}

int
pdf_shaper_pick(struct pdf_shaper *sh, struct pdf_fallback *fb, int bold, hb_script_t script,
                uint32_t cp)
{
    int own = script_slot(script);
    if (own >= 0 && pdf_shaper_has(sh, bold, own, cp)) {
        return own;
    }
    if (pdf_shaper_has(sh, bold, PDF_SHAPE_DEJAVU, cp)) {
        return PDF_SHAPE_DEJAVU;
    }
    if (pdf_shaper_has(sh, bold, PDF_SHAPE_FALLBACK, cp) || is_ignorable(cp) || fb->warned) {
        return pdf_shaper_has(sh, bold, PDF_SHAPE_FALLBACK, cp) ? PDF_SHAPE_FALLBACK
                                                                : PDF_SHAPE_DEJAVU;
    }
    char reason[600];
    const struct pdf_shape_face *fall = pdf_shaper_face(sh, bold, PDF_SHAPE_FALLBACK);
    const struct pdf_shape_face *mine = own >= 0 ? pdf_shaper_face(sh, bold, own) : NULL;
    if (mine != NULL && mine->font == NULL) {
        snprintf(reason, sizeof(reason), "has none either, and the script font %s", mine->why);
    }
    else if (fall->font == NULL) {
        snprintf(reason, sizeof(reason), "cannot be used either (%s)", fall->why);
    }
    else {
        snprintf(reason, sizeof(reason), "has none either, nor has any script font under %s",
                 sh->script_dir);
    }
    pdf_fallback_warn(fb, cp, reason,
                      "install fonts-noto-core and fonts-nanum, or set --option "
                      "script_font_dir=DIR or --option fallback_font=FILE to fonts that have it");
    return PDF_SHAPE_DEJAVU;
}

/* Outlines into libharu path operators: font units (y up) to page points. */
static void
move_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y, void *user)
{
    (void)df;
    (void)st;
    (void)user;
    struct pdf_outline *o = data;
    HPDF_Page_MoveTo(o->page, o->x + x * o->k, o->y + y * o->k);
    o->any = 1;
}

static void
line_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y, void *user)
{
    (void)df;
    (void)st;
    (void)user;
    struct pdf_outline *o = data;
    HPDF_Page_LineTo(o->page, o->x + x * o->k, o->y + y * o->k);
}

static void
cubic_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x1, float y1, float x2,
         float y2, float x, float y, void *user)
{
    (void)df;
    (void)st;
    (void)user;
    struct pdf_outline *o = data;
    HPDF_Page_CurveTo(o->page, o->x + x1 * o->k, o->y + y1 * o->k, o->x + x2 * o->k,
                      o->y + y2 * o->k, o->x + x * o->k, o->y + y * o->k);
}

static void
close_path(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, void *user)
{
    (void)df;
    (void)st;
    (void)user;
    struct pdf_outline *o = data;
    HPDF_Page_ClosePath(o->page);
}

void
pdf_shaper_outline(struct pdf_shaper *sh, hb_font_t *font, hb_codepoint_t gid,
                   struct pdf_outline *o)
{
    if (sh->draw == NULL) {
        /* Without a quadratic callback HarfBuzz hands quadratic curves over as cubic ones. */
        sh->draw = hb_draw_funcs_create();
        hb_draw_funcs_set_move_to_func(sh->draw, move_to, NULL, NULL);
        hb_draw_funcs_set_line_to_func(sh->draw, line_to, NULL, NULL);
        hb_draw_funcs_set_cubic_to_func(sh->draw, cubic_to, NULL, NULL);
        hb_draw_funcs_set_close_path_func(sh->draw, close_path, NULL, NULL);
        hb_draw_funcs_make_immutable(sh->draw);
    }
    hb_font_get_glyph_shape(font, gid, sh->draw, o);
}

/* SPDX-License-Identifier: MIT */
/* The fonts complex text is shaped in: see orr_shape_fonts.h. */
#include "orr_shape_fonts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

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
_Static_assert(NFACES == ORR_SHAPE_NSLOTS, "ORR_SHAPE_NSLOTS counts the slots");

struct orr_shaper {
    struct orr_shape_face face[2][NFACES]; /* [bold][slot] */
    hb_buffer_t *buf;
    char font_dir[1024];
    char script_dir[1024];
    char fallback[1024];
};

struct orr_shaper *
orr_shaper_new(const char *font_dir, const char *script_dir, const char *fallback)
{
    struct orr_shaper *sh = calloc(1, sizeof(*sh));
    if (sh == NULL) {
        return NULL;
    }
    snprintf(sh->font_dir, sizeof(sh->font_dir), "%s", font_dir);
    snprintf(sh->script_dir, sizeof(sh->script_dir), "%s", script_dir);
    snprintf(sh->fallback, sizeof(sh->fallback), "%s", fallback);
    return sh;
}

void
orr_shaper_free(struct orr_shaper *sh)
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
    free(sh);
}

hb_buffer_t *
orr_shaper_buffer(struct orr_shaper *sh)
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

void
orr_shaper_path(const struct orr_shaper *sh, int bold, int slot, char *out, size_t n, int *faux)
{
    *faux = 0;
    if (slot == ORR_SHAPE_DEJAVU) {
        snprintf(out, n, "%s/%s", sh->font_dir, bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
        return;
    }
    if (slot == ORR_SHAPE_FALLBACK) {
        *faux = bold;
        snprintf(out, n, "%s", sh->fallback);
        return;
    }
    const struct script_font *sf = &script_fonts[slot - FIRST_SCRIPT];
    *faux = bold && sf->bold == NULL;
    snprintf(out, n, "%s/%s", sh->script_dir, bold && sf->bold != NULL ? sf->bold : sf->regular);
}

static void
load(struct orr_shaper *sh, int bold, size_t slot)
{
    struct orr_shape_face *f = &sh->face[bold][slot];
    char path[2200];
    f->tried = 1;
    orr_shaper_path(sh, bold, (int)slot, path, sizeof(path), &f->faux_bold);
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

const struct orr_shape_face *
orr_shaper_face(struct orr_shaper *sh, int bold, int slot)
{
    int b = bold ? 1 : 0;
    if (!sh->face[b][slot].tried) {
        load(sh, b, (size_t)slot);
    }
    return &sh->face[b][slot];
}

int
orr_shaper_has(struct orr_shaper *sh, int bold, int slot, uint32_t cp)
{
    const struct orr_shape_face *f = orr_shaper_face(sh, bold, slot);
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
orr_shaper_pick(struct orr_shaper *sh, const struct orr_shape_warn *w, int bold, hb_script_t script,
                uint32_t cp)
{
    int own = script_slot(script);
    if (own >= 0 && orr_shaper_has(sh, bold, own, cp)) {
        return own;
    }
    if (orr_shaper_has(sh, bold, ORR_SHAPE_DEJAVU, cp)) {
        return ORR_SHAPE_DEJAVU;
    }
    if (orr_shaper_has(sh, bold, ORR_SHAPE_FALLBACK, cp) || is_ignorable(cp)) {
        return orr_shaper_has(sh, bold, ORR_SHAPE_FALLBACK, cp) ? ORR_SHAPE_FALLBACK
                                                                : ORR_SHAPE_DEJAVU;
    }
    char reason[600];
    const struct orr_shape_face *fall = orr_shaper_face(sh, bold, ORR_SHAPE_FALLBACK);
    const struct orr_shape_face *mine = own >= 0 ? orr_shaper_face(sh, bold, own) : NULL;
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
    w->fn(w->ud, cp, reason,
          "install fonts-noto-core and fonts-nanum, or set --option "
          "script_font_dir=DIR or --option fallback_font=FILE to fonts that have it");
    return ORR_SHAPE_DEJAVU;
}

void
orr_shaper_family(struct orr_shaper *sh, int slot, char *out, size_t n)
{
    const struct orr_shape_face *f = orr_shaper_face(sh, 0, slot);
    out[0] = '\0';
    if (f->font == NULL || n == 0) {
        return;
    }
    /* The typographic family first: a file of one weight may name its weight in the other. */
    hb_face_t *face = hb_font_get_face(f->font);
    unsigned size = (unsigned)n;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_LANGUAGE_INVALID, &size, out);
    if (out[0] == '\0') {
        size = (unsigned)n;
        hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID, &size, out);
    }
}

/* SPDX-License-Identifier: MIT */
/* DejaVu plus a lazily loaded fallback font: see pdf_font.h. */
#include "pdf_font.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>

#include "pdf_tounicode.h"

/* The first libharu error raised while the fallback is loaded. */
struct load_error {
    HPDF_STATUS code;
    HPDF_STATUS detail;
};

static void HPDF_STDCALL
record_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    struct load_error *le = user;
    if (le->code == 0) {
        le->code = code;
        le->detail = detail;
    }
}

/*
 * Loading the fallback may fail without failing the document: its errors go
 * to a handler of ours instead of the document's, and libharu's error state
 * is cleared afterwards (libharu refuses every call while it is set).
 */
static void
errors_to(struct pdf_fallback *fb, HPDF_Error_Handler *fn, void **user, struct load_error *le)
{
    *fn = fb->pdf->error.error_fn;
    *user = fb->pdf->error.user_data;
    fb->pdf->error.error_fn = record_error;
    fb->pdf->error.user_data = le;
}

static void
errors_back(struct pdf_fallback *fb, HPDF_Error_Handler fn, void *user, const struct load_error *le)
{
    fb->pdf->error.error_fn = fn;
    fb->pdf->error.user_data = user;
    if (le->code != 0) {
        HPDF_ResetError(fb->pdf);
    }
}

void
pdf_fallback_init(struct pdf_fallback *fb, HPDF_Doc pdf, const struct or_host *h, const char *path)
{
    memset(fb, 0, sizeof(*fb));
    fb->pdf = pdf;
    fb->h = h;
    snprintf(fb->path, sizeof(fb->path), "%s", path);
}

void
pdf_fallback_warn(struct pdf_fallback *fb, uint32_t cp, const char *reason, const char *fix)
{
    if (fb->warned) {
        return;
    }
    fb->warned = 1;
    fb->h->log(fb->h, OR_LOG_WARN,
               "pdf: U+%04X has no glyph in DejaVu Sans and the fallback font %s %s; "
               "it is drawn as a box: %s",
               (unsigned)cp, fb->path, reason, fix);
}

/* Load the fallback's definition; @p cp is the code point that needs it. */
static void
load(struct pdf_fallback *fb, uint32_t cp)
{
    char reason[256];
    fb->tried = 1;
    if (fb->pdf->error.error_no != HPDF_OK) {
        return; /* the document failed already and says so */
    }
    /* libharu's message for a missing file is a bare code: check first. */
    FILE *f = fopen(fb->path, "rb");
    if (f == NULL) {
        snprintf(reason, sizeof(reason), "cannot be read (%s)", strerror(errno));
        pdf_fallback_warn(fb, cp, reason, PDF_FALLBACK_FIX);
        return;
    }
    fclose(f);

    struct load_error le = {0};
    HPDF_Error_Handler fn;
    void *user;
    errors_to(fb, &fn, &user, &le);
    const char *name = HPDF_LoadTTFontFromFile(fb->pdf, fb->path, HPDF_TRUE);
    HPDF_FontDef def = name != NULL && le.code == 0 ? HPDF_Doc_FindFontDef(fb->pdf, name) : NULL;
    errors_back(fb, fn, user, &le);
    if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE) {
        snprintf(reason, sizeof(reason), "cannot be loaded (libharu error 0x%04X, detail %u)",
                 (unsigned)le.code, (unsigned)le.detail);
        pdf_fallback_warn(fb, cp, reason, PDF_FALLBACK_FIX);
        return;
    }
    fb->def = def;
}

/* Make the fallback's PDF font, on the first glyph it draws. */
static int
make_font(struct pdf_fallback *fb, uint32_t cp)
{
    char reason[256];
    struct load_error le = {0};
    HPDF_Error_Handler fn;
    void *user;

    errors_to(fb, &fn, &user, &le);
    HPDF_Font font = HPDF_GetFont(fb->pdf, fb->def->base_font, "UTF-8");
    if (font != NULL && le.code == 0) {
        HPDF_STATUS st = pdf_tounicode_fix(fb->pdf, font);
        if (st != HPDF_OK && le.code == 0) {
            le.code = st;
        }
    }
    errors_back(fb, fn, user, &le);
    if (font == NULL || le.code != 0) {
        fb->def = NULL; /* no second attempt */
        snprintf(reason, sizeof(reason), "cannot be used (libharu error 0x%04X, detail %u)",
                 (unsigned)le.code, (unsigned)le.detail);
        pdf_fallback_warn(fb, cp, reason, PDF_FALLBACK_FIX);
        return -1;
    }
    fb->font = font;
    return 0;
}

void
pdf_font_init(struct pdf_font *f, HPDF_Font font, int bold, struct pdf_fallback *fallback)
{
    f->font = font;
    f->def = ((HPDF_FontAttr)font->attr)->fontdef;
    f->bold = bold;
    f->fallback = fallback;
}

HPDF_Font
pdf_font_for(const struct pdf_font *f, uint32_t cp)
{
    if (cp < 0x80u || cp > 0xFFFFu || HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) != 0) {
        return f->font;
    }
    struct pdf_fallback *fb = f->fallback;
    if (!fb->tried) {
        load(fb, cp);
    }
    if (fb->def == NULL) {
        return f->font;
    }
    if (HPDF_TTFontDef_GetGlyphid(fb->def, (HPDF_UINT16)cp) == 0) {
        pdf_fallback_warn(fb, cp, "has none either",
                          "set --option fallback_font=FILE to a font that has it");
        return f->font;
    }
    if (fb->font == NULL && make_font(fb, cp) != 0) {
        return f->font;
    }
    return fb->font;
}

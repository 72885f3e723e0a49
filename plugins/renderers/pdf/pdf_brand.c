/* SPDX-License-Identifier: MIT */
/* The company's look in the PDF: see pdf_brand.h. */
#include "pdf_brand.h"

#include <stdio.h>
#include <string.h>

#include "orr_style.h"
#include "pdf_draw.h"
#include "pdf_mirror.h"
#include "pdf_theme.h"
#include "chart_utf8.h"

#define LINE_CAP 1024
#define COVER_LOGO_W 220.0f
#define COVER_LOGO_H 110.0f
#define COVER_BAND 14.0f

static const struct or_brand *
brand_of(const struct pdf_doc *d)
{
    return OR_HOST_SINCE(d->h, 3) ? d->report->brand : NULL;
}

or_status
pdf_brand_open(struct pdf_doc *d, char *err, size_t errlen)
{
    const struct or_brand *b = brand_of(d);
    if (b == NULL) {
        return OR_OK;
    }
    if (b->has_accent) {
        d->accent = b->accent;
        orr_palette(b->accent, d->palette);
        d->has_palette = 1;
    }
    if (b->logo != NULL && b->logo_size > 0) {
        d->logo = b->logo_jpeg ? HPDF_LoadJpegImageFromMem(d->pdf, b->logo, (HPDF_UINT)b->logo_size)
                               : HPDF_LoadPngImageFromMem(d->pdf, b->logo, (HPDF_UINT)b->logo_size);
        if (d->logo == NULL) {
            snprintf(err, errlen,
                     "pdf: the brand's logo (%s, %d x %d) cannot be embedded: "
                     "libharu error 0x%04X",
                     b->logo_jpeg ? "JPEG" : "PNG", b->logo_width, b->logo_height,
                     (unsigned)d->error);
            return OR_ERR_RENDER;
        }
    }
    d->cover_page = b->cover;
    return OR_OK;
}

/* Draw the logo fitted into w x h points, its top-left corner at (x, top). */
static float
draw_logo(const struct pdf_doc *d, HPDF_Page page, float x, float top, float w, float h)
{
    float iw = (float)HPDF_Image_GetWidth(d->logo);
    float ih = (float)HPDF_Image_GetHeight(d->logo);
    if (iw <= 0 || ih <= 0) {
        return 0.0f;
    }
    float scale = w / iw < h / ih ? w / iw : h / ih;
    HPDF_Page_DrawImage(page, d->logo, pdf_mirror_x(d, page, x, iw * scale), top - ih * scale,
                        iw * scale, ih * scale);
    return iw * scale;
}

float
pdf_brand_header_logo(const struct pdf_doc *d, HPDF_Page page, float left, float top, float h)
{
    if (d->logo == NULL) {
        return 0.0f;
    }
    return draw_logo(d, page, left, top, h * 5.0f, h);
}

const char *
pdf_brand_company(const struct pdf_doc *d)
{
    const struct or_brand *b = brand_of(d);
    return b != NULL ? b->company : NULL;
}

const char *
pdf_brand_footer(const struct pdf_doc *d)
{
    const struct or_brand *b = brand_of(d);
    return b != NULL ? b->footer : NULL;
}

/* One cleaned line of text at the cursor, wrapped to the content width. */
static void
cover_line(struct pdf_doc *d, const struct pdf_font *font, float size, uint32_t rgb,
           const char *raw, float gap)
{
    if (raw == NULL || raw[0] == '\0') {
        return;
    }
    char text[LINE_CAP];
    chart_utf8_clean(text, sizeof(text), raw, strlen(raw), NULL);
    float w = d->right - d->left;
    float lead = size * 1.2f;
    int lines = pdf_wrap_count(font, size, text, w);
    pdf_m_text_wrapped(d, d->page, font, size, rgb, d->left, d->y - size * 0.8f, w, lead, text);
    pdf_doc_advance(d, size * 0.8f + (float)(lines - 1) * lead + gap);
}

or_status
pdf_brand_cover(struct pdf_doc *d, char *err, size_t errlen)
{
    if (!d->cover_page) {
        return OR_OK;
    }
    const struct or_brand *b = brand_of(d);
    const struct or_report *r = d->report;
    pdf_m_fill_rect(d, d->page, 0, d->page_h - COVER_BAND, d->page_w, COVER_BAND, d->accent);
    pdf_doc_advance(d, d->page_h * 0.12f);
    if (d->logo != NULL) {
        float lw = draw_logo(d, d->page, d->left, d->y, COVER_LOGO_W, COVER_LOGO_H);
        (void)lw;
        pdf_doc_advance(d, COVER_LOGO_H + 24.0f);
    }
    cover_line(d, &d->bold, 16.0f, d->accent, b->company, 40.0f);
    cover_line(d, &d->bold, 30.0f, PDF_C_TEXT, r->title != NULL ? r->title : "Report", 18.0f);
    if (r->split_label != NULL) {
        cover_line(d, &d->bold, 16.0f, PDF_C_MUTED, r->split_label, 12.0f);
    }
    cover_line(d, &d->regular, 13.0f, PDF_C_MUTED, r->period_label, 12.0f);
    cover_line(d, &d->regular, 11.0f, PDF_C_MUTED, r->description, 12.0f);
    pdf_m_fill_rect(d, d->page, d->left, d->y - 3.0f, 80.0f, 3.0f, d->accent);
    if (!pdf_doc_ok(d) || pdf_doc_page(d, 0) != 0) {
        return pdf_doc_failure(d, err, errlen);
    }
    return OR_OK;
}

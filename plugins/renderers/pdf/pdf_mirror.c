/* SPDX-License-Identifier: MIT */
/* The right-to-left layout: see pdf_mirror.h. */
#include "pdf_mirror.h"

float
pdf_mirror_x(const struct pdf_doc *d, HPDF_Page page, float x, float w)
{
    return d->rtl ? HPDF_Page_GetWidth(page) - x - w : x;
}

enum pdf_align
pdf_mirror_align(const struct pdf_doc *d, enum pdf_align a)
{
    if (!d->rtl || a == PDF_CENTER) {
        return a;
    }
    return a == PDF_LEFT ? PDF_RIGHT : PDF_LEFT;
}

void
pdf_m_text(const struct pdf_doc *d, HPDF_Page page, const struct pdf_font *font, float size,
           uint32_t rgb, float x, float y, enum pdf_align align, const char *s)
{
    pdf_text(page, font, size, rgb, pdf_mirror_x(d, page, x, 0.0f), y, pdf_mirror_align(d, align),
             s);
}

float
pdf_m_text_wrapped(const struct pdf_doc *d, HPDF_Page page, const struct pdf_font *font, float size,
                   uint32_t rgb, float x, float y, float maxw, float leading, const char *s)
{
    return pdf_text_wrapped_at(page, font, size, rgb, pdf_mirror_x(d, page, x, 0.0f), y, maxw,
                               leading, pdf_mirror_align(d, PDF_LEFT), s);
}

void
pdf_m_fill_rect(const struct pdf_doc *d, HPDF_Page page, float x, float y, float w, float h,
                uint32_t rgb)
{
    pdf_fill_rect(page, pdf_mirror_x(d, page, x, w), y, w, h, rgb);
}

void
pdf_m_round_rect(const struct pdf_doc *d, HPDF_Page page, float x, float y, float w, float h,
                 float r, uint32_t fill, uint32_t stroke, float lw)
{
    pdf_round_rect(page, pdf_mirror_x(d, page, x, w), y, w, h, r, fill, stroke, lw);
}

void
pdf_m_line(const struct pdf_doc *d, HPDF_Page page, float x1, float y1, float x2, float y2,
           uint32_t rgb, float lw)
{
    pdf_line(page, pdf_mirror_x(d, page, x1, 0.0f), y1, pdf_mirror_x(d, page, x2, 0.0f), y2, rgb,
             lw);
}

void
pdf_m_triangle(const struct pdf_doc *d, HPDF_Page page, float x, float y, float size, int up,
               uint32_t rgb)
{
    pdf_triangle(page, pdf_mirror_x(d, page, x, size), y, size, up, rgb);
}

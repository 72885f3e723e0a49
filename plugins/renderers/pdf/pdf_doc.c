/* SPDX-License-Identifier: MIT */
/* The document being written: see pdf_doc.h. */
#include "pdf_doc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orr_text.h"
#include "pdf_shape_fonts.h"
#include "pdf_theme.h"
#include "pdf_tounicode.h"
#include "chart_utf8.h"

#define A4_W 595.276f
#define A4_H 841.890f
#define LETTER_W 612.0f
#define LETTER_H 792.0f

static void
on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    struct pdf_doc *d = user;
    if (d->error == 0) {
        d->error = code;
        d->detail = detail;
    }
}

int
pdf_doc_ok(const struct pdf_doc *d)
{
    return d->error == 0 && !d->nomem;
}

or_status
pdf_doc_failure(const struct pdf_doc *d, char *err, size_t errlen)
{
    if (d->nomem) {
        snprintf(err, errlen, "pdf: out of memory while writing %s", d->path);
        return OR_ERR_NOMEM;
    }
    snprintf(err, errlen, "pdf: libharu error 0x%04X (detail %u) while writing %s",
             (unsigned)d->error, (unsigned)d->detail, d->path);
    return d->error == HPDF_FAILD_TO_ALLOC_MEM ? OR_ERR_NOMEM : OR_ERR_RENDER;
}

static or_status
load_font(struct pdf_doc *d, const char *dir, const char *file, HPDF_Font *out, char *err,
          size_t errlen)
{
    char path[1200];
    snprintf(path, sizeof(path), "%s/%s", dir, file);

    /* libharu's message for a missing file is a bare code: check first. */
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "pdf: cannot read font file %s: %s (see option %s)", path,
                 strerror(errno), PDF_OPTION_FONT_DIR);
        return OR_ERR_RENDER;
    }
    fclose(f);
    const char *name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
    HPDF_Font font = name != NULL ? HPDF_GetFont(d->pdf, name, "UTF-8") : NULL;
    if (font != NULL && pdf_doc_ok(d)) {
        HPDF_STATUS st = pdf_tounicode_fix(d->pdf, font);
        if (st != HPDF_OK && d->error == 0) {
            d->error = st;
        }
    }
    if (font == NULL || !pdf_doc_ok(d)) {
        snprintf(err, errlen, "pdf: cannot load font file %s: libharu error 0x%04X (detail %u)",
                 path, (unsigned)d->error, (unsigned)d->detail);
        return OR_ERR_RENDER;
    }
    *out = font;
    return OR_OK;
}

/* Document creation date: generated_at in the report's zone. */
static void
set_date(struct pdf_doc *d)
{
    int p[6];
    int32_t off = 0;
    d->h->local_time(d->h, d->report->generated_at, p, &off);
    if (p[0] < 1 || p[1] < 1 || p[1] > 12 || p[2] < 1 || p[2] > 31 || p[3] < 0 || p[3] > 23 ||
        p[4] < 0 || p[4] > 59 || p[5] < 0 || p[5] > 59 || off <= -86400 || off >= 86400) {
        return; /* a host without a usable clock: leave the date out */
    }
    int32_t a = off < 0 ? -off : off;
    HPDF_Date date = {
        .year = p[0],
        .month = p[1],
        .day = p[2],
        .hour = p[3],
        .minutes = p[4],
        .seconds = p[5],
        .ind = off == 0 ? 'Z' : (off < 0 ? '-' : '+'),
        .off_hour = (HPDF_INT)(a / 3600),
        .off_minutes = (HPDF_INT)((a / 60) % 60),
    };
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
}

static void
set_info_text(struct pdf_doc *d, HPDF_InfoType type, const char *value)
{
    char *clean = chart_utf8_dup(value);
    if (clean == NULL) {
        d->nomem = 1;
        return;
    }
    if (clean[0] != '\0') {
        HPDF_SetInfoAttr(d->pdf, type, clean);
    }
    free(clean);
}

static void
set_info(struct pdf_doc *d)
{
    const struct or_report *r = d->report;
    set_info_text(d, HPDF_INFO_TITLE, r->title != NULL ? r->title : "Report");
    set_info_text(d, HPDF_INFO_AUTHOR,
                  r->author != NULL && r->author[0] != '\0' ? r->author : "outreport");
    set_info_text(d, HPDF_INFO_SUBJECT, r->period_label);
    set_info_text(d, HPDF_INFO_CREATOR, "outreport");
    set_date(d);
}

or_status
pdf_doc_open(struct pdf_doc *d, const struct or_host *h, const struct or_report *report,
             const struct pdf_options *o, const char *path, char *err, size_t errlen)
{
    or_status st;

    memset(d, 0, sizeof(*d));
    d->h = h;
    d->accent = PDF_C_ACCENT;
    d->report = report;
    /* A language written right to left (he, ar, fa, ur...): the layout is mirrored. */
    d->rtl = orr_report_rtl(h, report);
    d->path = path;
    d->paper_w = o->paper == PDF_PAPER_LETTER ? LETTER_W : A4_W;
    d->paper_h = o->paper == PDF_PAPER_LETTER ? LETTER_H : A4_H;
    d->pdf = HPDF_New(on_hpdf_error, d);
    if (d->pdf == NULL) {
        snprintf(err, errlen, "pdf: out of memory creating %s", path);
        return OR_ERR_NOMEM;
    }
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(d->pdf);
    HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
    HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    HPDF_Font regular = NULL;
    HPDF_Font bold = NULL;
    st = load_font(d, o->font_dir, "DejaVuSans.ttf", &regular, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    st = load_font(d, o->font_dir, "DejaVuSans-Bold.ttf", &bold, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    pdf_fallback_init(&d->fallback, d->pdf, h, o->fallback_font);
    d->fallback.shaper = pdf_shaper_new(o->font_dir, o->script_font_dir, o->fallback_font);
    if (d->fallback.shaper == NULL) {
        snprintf(err, errlen, "pdf: out of memory creating %s", path);
        st = OR_ERR_NOMEM;
        goto fail;
    }
    pdf_font_init(&d->regular, regular, 0, &d->fallback);
    pdf_font_init(&d->bold, bold, 1, &d->fallback);
    set_info(d);
    if (pdf_doc_page(d, 0) != 0 || !pdf_doc_ok(d)) {
        st = pdf_doc_failure(d, err, errlen);
        goto fail;
    }
    return OR_OK;

fail:
    pdf_doc_close(d);
    return st;
}

static void
layout(struct pdf_doc *d, int landscape)
{
    d->landscape = landscape;
    d->page_w = landscape ? d->paper_h : d->paper_w;
    d->page_h = landscape ? d->paper_w : d->paper_h;
    HPDF_Page_SetWidth(d->page, d->page_w);
    HPDF_Page_SetHeight(d->page, d->page_h);
    d->left = PDF_MARGIN_X;
    d->right = d->page_w - PDF_MARGIN_X;
    d->top = d->page_h - PDF_CONTENT_TOP;
    d->bottom = PDF_CONTENT_BOTTOM;
    d->y = d->top;
    d->used = 0;
}

int
pdf_doc_page(struct pdf_doc *d, int landscape)
{
    if (!pdf_doc_ok(d)) {
        return -1;
    }
    if (d->page != NULL && !d->used) {
        if (landscape != d->landscape) {
            layout(d, landscape);
        }
        return pdf_doc_ok(d) ? 0 : -1;
    }
    if (d->npages == d->cap) {
        size_t cap = d->cap == 0 ? 16 : d->cap * 2;
        HPDF_Page *bigger = realloc(d->pages, cap * sizeof(*bigger));
        if (bigger == NULL) {
            d->nomem = 1;
            return -1;
        }
        d->pages = bigger;
        d->cap = cap;
    }
    HPDF_Page page = HPDF_AddPage(d->pdf);
    if (page == NULL) {
        return -1;
    }
    d->pages[d->npages++] = page;
    d->page = page;
    layout(d, landscape);
    return pdf_doc_ok(d) ? 0 : -1;
}

int
pdf_doc_need(struct pdf_doc *d, float h)
{
    if (d->y - h < d->bottom && d->used) {
        return pdf_doc_page(d, d->landscape);
    }
    return pdf_doc_ok(d) ? 0 : -1;
}

float
pdf_doc_room(const struct pdf_doc *d)
{
    return d->y - d->bottom;
}

float
pdf_doc_full_height(const struct pdf_doc *d)
{
    return d->top - d->bottom;
}

void
pdf_doc_advance(struct pdf_doc *d, float dy)
{
    d->y -= dy;
    d->used = 1;
}

void
pdf_doc_gap(struct pdf_doc *d, float dy)
{
    if (d->used) {
        d->y -= dy;
    }
}

void
pdf_doc_bookmark(struct pdf_doc *d, const char *title)
{
    HPDF_Outline o = HPDF_CreateOutline(d->pdf, NULL, title, HPDF_GetEncoder(d->pdf, "UTF-8"));
    if (o == NULL) {
        return;
    }
    HPDF_Destination dst = HPDF_Page_CreateDestination(d->page);
    if (dst == NULL) {
        return;
    }
    HPDF_Destination_SetFitH(dst, d->y + PDF_GAP_SECTION);
    HPDF_Outline_SetDestination(o, dst);
}

or_status
pdf_doc_save(struct pdf_doc *d, char *err, size_t errlen)
{
    if (!pdf_doc_ok(d)) {
        return pdf_doc_failure(d, err, errlen);
    }
    errno = 0;
    if (HPDF_SaveToFile(d->pdf, d->path) != HPDF_OK || !pdf_doc_ok(d)) {
        int e = errno;
        if (d->error == HPDF_FILE_OPEN_ERROR || d->error == HPDF_FILE_IO_ERROR) {
            snprintf(err, errlen, "pdf: cannot write %s: %s (libharu error 0x%04X)", d->path,
                     e != 0 ? strerror(e) : "I/O error", (unsigned)d->error);
            return OR_ERR_IO;
        }
        return pdf_doc_failure(d, err, errlen);
    }
    return OR_OK;
}

void
pdf_doc_close(struct pdf_doc *d)
{
    if (d->pdf != NULL) {
        HPDF_Free(d->pdf);
    }
    free(d->pages);
    pdf_shaper_free(d->fallback.shaper);
    d->fallback.shaper = NULL;
    d->pdf = NULL;
    d->pages = NULL;
    d->npages = 0;
    d->cap = 0;
    d->page = NULL;
}

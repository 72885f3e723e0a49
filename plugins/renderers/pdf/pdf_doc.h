/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_doc.h
 * @brief The document being written: libharu handle, fonts, pages and the
 *        flow cursor that places blocks from top to bottom.
 *
 * Blocks (headings, table parts, tile rows, charts) ask pdf_doc_need() for
 * their height first: when the free space of the page is smaller, the flow
 * continues on a new page, so no block is ever cut.  Page headers and
 * footers (pdf_frame.h) are drawn by the renderer once every page exists,
 * before pdf_doc_save() ("page X of Y").  libharu reports errors through a
 * handler that keeps the first one; callers test pdf_doc_ok() at block
 * boundaries and stop.
 */
#ifndef OR_PDF_DOC_H
#define OR_PDF_DOC_H

#include <stddef.h>

#include <hpdf.h>

#include "outreport/plugin.h"
#include "pdf_font.h"
#include "pdf_options.h"

/** A document being written.  Owned by the caller; pdf_doc_close() releases it. */
struct pdf_doc {
    HPDF_Doc pdf;                   /**< owned libharu document */
    struct pdf_font regular;        /**< DejaVu Sans, UTF-8 (owned by pdf) */
    struct pdf_font bold;           /**< DejaVu Sans Bold, UTF-8 (owned by pdf) */
    struct pdf_fallback fallback;   /**< the fallback of both, loaded on first need */
    const struct or_host *h;        /**< borrowed host */
    const struct or_report *report; /**< borrowed report */
    const char *path;               /**< borrowed output path */
    float paper_w;                  /**< portrait paper width in points */
    float paper_h;                  /**< portrait paper height in points */
    HPDF_Page page;                 /**< current page, NULL before the first */
    int landscape;                  /**< orientation of the current page */
    float page_w;                   /**< current page width */
    float page_h;                   /**< current page height */
    float left;                     /**< content box of the current page: left edge */
    float right;                    /**< right edge */
    float top;                      /**< top edge */
    float bottom;                   /**< bottom edge */
    float y;                        /**< top of the free space on the current page */
    int used;                       /**< nonzero once a block was placed on the page */
    HPDF_Page *pages;               /**< owned array of every page, in order */
    size_t npages;                  /**< number of pages */
    size_t cap;                     /**< capacity of pages */
    HPDF_STATUS error;              /**< first libharu error code, 0 while all is well */
    HPDF_STATUS detail;             /**< its detail code */
    int nomem;                      /**< nonzero after a failed allocation of ours */
    uint32_t accent;                /**< headings, rules: the brand's accent or PDF_C_ACCENT */
    uint32_t palette[8];            /**< chart colours: from the brand's accent, or zero */
    int has_palette;                /**< nonzero: palette is set (a brand accent) */
    HPDF_Image logo;                /**< the brand's logo (owned by pdf), or NULL */
    int cover_page;                 /**< nonzero: page 1 is the brand's cover page */
    int rtl;                        /**< nonzero: laid out right to left (pdf_mirror.h) */
};

/**
 * @brief Create the document: load the fonts from @p o->font_dir, set the
 * document information and the first (portrait) page.  The fallback font
 * @p o->fallback_font is only loaded when text needs it (pdf_font.h).
 * @return OR_OK; OR_ERR_RENDER naming the font file that is missing or
 *         unreadable, or the libharu error in hex; OR_ERR_NOMEM.  On failure
 *         @p d is released already.
 */
or_status pdf_doc_open(struct pdf_doc *d, const struct or_host *h, const struct or_report *report,
                       const struct pdf_options *o, const char *path, char *err, size_t errlen);

/**
 * @brief Continue on a new page in the given orientation.  An unused current
 * page is reused (and turned when the orientation differs).
 * @return 0, or -1 when libharu or an allocation failed.
 */
int pdf_doc_page(struct pdf_doc *d, int landscape);

/**
 * @brief Make sure @p h points are free below the cursor: start a new page
 * of the same orientation when they are not (unless the page is still unused,
 * in which case the block simply does not fit any page and is placed anyway).
 * @return 0, or -1 on failure.
 */
int pdf_doc_need(struct pdf_doc *d, float h);

/** @brief Free space left on the current page, in points. */
float pdf_doc_room(const struct pdf_doc *d);

/** @brief Height of the content box of a page in the current orientation. */
float pdf_doc_full_height(const struct pdf_doc *d);

/** @brief Move the cursor down by @p dy and mark the page used. */
void pdf_doc_advance(struct pdf_doc *d, float dy);

/** @brief Move the cursor down by @p dy unless it is at the top of a page. */
void pdf_doc_gap(struct pdf_doc *d, float dy);

/** @brief Add a bookmark titled @p title (clean UTF-8) pointing at the cursor. */
void pdf_doc_bookmark(struct pdf_doc *d, const char *title);

/** @brief Nonzero while neither libharu nor an allocation has failed. */
int pdf_doc_ok(const struct pdf_doc *d);

/**
 * @brief Describe the failure that made pdf_doc_ok() false.
 * @return OR_ERR_NOMEM or OR_ERR_RENDER ("pdf: libharu error 0x1025 (detail 0)
 *         while writing PATH"), with @p err filled.
 */
or_status pdf_doc_failure(const struct pdf_doc *d, char *err, size_t errlen);

/**
 * @brief Write the file (the pages are complete: pdf_frame_draw() has run).
 * @return OR_OK; OR_ERR_IO when the file cannot be written (naming the path
 *         and the libharu code); OR_ERR_RENDER or OR_ERR_NOMEM as pdf_doc_failure().
 */
or_status pdf_doc_save(struct pdf_doc *d, char *err, size_t errlen);

/** @brief Release everything @p d holds; safe on a zeroed or closed document. */
void pdf_doc_close(struct pdf_doc *d);

#endif /* OR_PDF_DOC_H */

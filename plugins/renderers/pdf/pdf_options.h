/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_options.h
 * @brief The PDF renderer's options: `paper`, `font_dir`, `fallback_font`
 *        and `script_font_dir`.
 */
#ifndef OR_PDF_OPTIONS_H
#define OR_PDF_OPTIONS_H

#include <stddef.h>

#include "outreport/plugin.h"

/** Option naming the paper size. */
#define PDF_OPTION_PAPER "paper"
/** Accepted values of ::PDF_OPTION_PAPER; the first is the default. */
#define PDF_PAPER_CHOICES "a4,letter"
/** Option naming the folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf. */
#define PDF_OPTION_FONT_DIR "font_dir"
/** Default of ::PDF_OPTION_FONT_DIR (Debian's fonts-dejavu-core). */
#define PDF_DEFAULT_FONT_DIR "/usr/share/fonts/truetype/dejavu"
/** Option naming the TrueType file for the characters DejaVu Sans lacks (Chinese, Japanese). */
#define PDF_OPTION_FALLBACK_FONT "fallback_font"
/** Default of ::PDF_OPTION_FALLBACK_FONT (Debian's fonts-droid-fallback). */
#define PDF_DEFAULT_FALLBACK_FONT "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

/** Option naming the folder the script fonts (Noto Sans Arabic, NanumGothic...) are found under. */
#define PDF_OPTION_SCRIPT_FONT_DIR "script_font_dir"
/** Default of ::PDF_OPTION_SCRIPT_FONT_DIR: noto/ (fonts-noto-core), nanum/ (fonts-nanum). */
#define PDF_DEFAULT_SCRIPT_FONT_DIR "/usr/share/fonts/truetype"

/** Paper sizes. */
enum pdf_paper {
    PDF_PAPER_A4 = 0, /**< 210 x 297 mm */
    PDF_PAPER_LETTER  /**< 8.5 x 11 in */
};

/** Options after validation. */
struct pdf_options {
    enum pdf_paper paper;     /**< the paper */
    char font_dir[1024];      /**< folder of the DejaVu fonts, no trailing slash needed */
    char fallback_font[1024]; /**< TrueType file for what DejaVu lacks, loaded on need */
    /** Folder holding noto/ and nanum/, the fonts of shaped scripts, loaded on need. */
    char script_font_dir[1024];
};

/**
 * @brief Validate renderer options.
 * @param options  as passed to render(); borrowed
 * @param noptions number of @p options
 * @param out      receives the options (defaults where not given)
 * @param err      receives one line naming the offending option
 * @param errlen   size of @p err
 * @return OR_OK, or OR_ERR_INVALID for an unknown option, an unknown paper or
 *         an empty or over-long font_dir, fallback_font or script_font_dir.
 */
or_status pdf_options_parse(const struct or_option *const *options, size_t noptions,
                            struct pdf_options *out, char *err, size_t errlen);

#endif /* OR_PDF_OPTIONS_H */

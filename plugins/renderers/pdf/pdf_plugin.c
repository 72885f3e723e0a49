/* SPDX-License-Identifier: MIT */
/*
 * The PDF renderer plugin: one document per report with page furniture,
 * KPI tiles, streamed tables and cairo charts (DESIGN.md §8).  This file
 * holds only the descriptor and the one exported symbol.
 */
#include "outreport/plugin.h"

#include "pdf_options.h"
#include "pdf_render.h"

static const struct or_param *const pdf_params[] = {
    OR_PARAM(.name = PDF_OPTION_PAPER, .type = OR_PARAM_ENUM, .required = 0,
             .description = "paper size: a4 (default) or letter; wide sections turn landscape",
             .choices = PDF_PAPER_CHOICES, ),
    OR_PARAM(.name = PDF_OPTION_FONT_DIR, .type = OR_PARAM_STRING, .required = 0,
             .description = "folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf "
                            "(default " PDF_DEFAULT_FONT_DIR ")", ),
    OR_PARAM(.name = PDF_OPTION_FALLBACK_FONT, .type = OR_PARAM_STRING, .required = 0,
             .description =
                 "TrueType file for the characters DejaVu Sans lacks, such as Chinese and "
                 "Japanese; embedded only when the document uses it "
                 "(default " PDF_DEFAULT_FALLBACK_FONT ")", ),
    OR_PARAM(.name = PDF_OPTION_SCRIPT_FONT_DIR, .type = OR_PARAM_STRING, .required = 0,
             .description = "folder holding noto/ (Noto Sans Arabic, Hebrew, Devanagari, Thai...) "
                            "and nanum/ (NanumGothic, Hangul): the fonts of text that is shaped "
                            "(default " PDF_DEFAULT_SCRIPT_FONT_DIR ")", ),
};

static const struct or_renderer pdf_renderer = {
    .size = sizeof(struct or_renderer),
    .format = "pdf",
    .mime_type = "application/pdf",
    .options = pdf_params,
    .noptions = sizeof(pdf_params) / sizeof(pdf_params[0]),
    .render = pdf_render,
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = "pdf", .version = "0.1.0",
                 .description =
                     "PDF documents: KPI tiles, tables across pages, charts, embedded DejaVu Sans "
                     "with a fallback font for CJK, shaped Arabic, Hebrew, Indic, Thai and Hangul",
                 .renderer = &pdf_renderer);

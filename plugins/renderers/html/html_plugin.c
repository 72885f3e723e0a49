/* SPDX-License-Identifier: MIT */
/* The HTML renderer's descriptor: one self-contained page per report. */
#include "html_doc.h"
#include "outreport/plugin.h"

or_render_fn html_render;

static const struct or_param *const html_params[] = {
    OR_PARAM(.name = HTML_OPTION_CHARTS, .type = OR_PARAM_ENUM, .required = 0,
             .description = "charts as inline SVG (default) or as PNG images, which mail "
                            "clients show",
             .choices = HTML_CHARTS_CHOICES, ),
    OR_PARAM(.name = HTML_OPTION_MAX_ROWS, .type = OR_PARAM_INT, .required = 0,
             .description = "rows a table shows at most, then says how many it has; "
                            "0 (default): every row", ),
    OR_PARAM(.name = HTML_OPTION_INTRO, .type = OR_PARAM_STRING, .required = 0,
             .description = "a paragraph above the report", ),
    OR_PARAM(.name = HTML_OPTION_FALLBACK_FONT, .type = OR_PARAM_STRING, .required = 0,
             .description = "TrueType file for the characters DejaVu Sans lacks in charts "
                            "(default " HTML_DEFAULT_FALLBACK_FONT ")", ),
    OR_PARAM(.name = HTML_OPTION_SCRIPT_FONT_DIR, .type = OR_PARAM_STRING, .required = 0,
             .description = "folder holding noto/ (Noto Sans Arabic, Hebrew, Devanagari, Thai...) "
                            "and nanum/ (NanumGothic, Hangul): the fonts chart labels that need "
                            "shaping are drawn in (default " HTML_DEFAULT_SCRIPT_FONT_DIR ")", ),
};

static const struct or_renderer html_renderer = {
    .size = sizeof(struct or_renderer),
    .format = "html",
    .mime_type = "text/html",
    .options = html_params,
    .noptions = sizeof(html_params) / sizeof(html_params[0]),
    .render = html_render,
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = "html", .version = "0.1.0",
                 .description = "HTML pages: one self-contained file, inline CSS and SVG charts, "
                                "readable on a phone and in dark mode",
                 .renderer = &html_renderer);

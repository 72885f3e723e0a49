/* SPDX-License-Identifier: MIT */
/* The PDF renderer's options: see pdf_options.h. */
#include "pdf_options.h"

#include <stdio.h>
#include <string.h>

or_status
pdf_options_parse(const struct or_option *const *options, size_t noptions, struct pdf_options *out,
                  char *err, size_t errlen)
{
    out->paper = PDF_PAPER_A4;
    snprintf(out->font_dir, sizeof(out->font_dir), "%s", PDF_DEFAULT_FONT_DIR);
    snprintf(out->fallback_font, sizeof(out->fallback_font), "%s", PDF_DEFAULT_FALLBACK_FONT);
    snprintf(out->script_font_dir, sizeof(out->script_font_dir), "%s", PDF_DEFAULT_SCRIPT_FONT_DIR);
    for (size_t i = 0; i < noptions; i++) {
        const char *name = options[i]->name != NULL ? options[i]->name : "";
        const char *value = options[i]->value != NULL ? options[i]->value : "";
        if (strcmp(name, PDF_OPTION_PAPER) == 0) {
            if (strcmp(value, "a4") == 0) {
                out->paper = PDF_PAPER_A4;
            }
            else if (strcmp(value, "letter") == 0) {
                out->paper = PDF_PAPER_LETTER;
            }
            else {
                snprintf(err, errlen, "pdf option %s: unknown value '%s' (expected a4, letter)",
                         PDF_OPTION_PAPER, value);
                return OR_ERR_INVALID;
            }
        }
        else if (strcmp(name, PDF_OPTION_FONT_DIR) == 0) {
            size_t len = strlen(value);
            if (len == 0 || len >= sizeof(out->font_dir) - 32) {
                snprintf(err, errlen, "pdf option %s: %s", PDF_OPTION_FONT_DIR,
                         len == 0 ? "empty folder name" : "folder name too long");
                return OR_ERR_INVALID;
            }
            snprintf(out->font_dir, sizeof(out->font_dir), "%s", value);
        }
        else if (strcmp(name, PDF_OPTION_FALLBACK_FONT) == 0) {
            size_t len = strlen(value);
            if (len == 0 || len >= sizeof(out->fallback_font)) {
                snprintf(err, errlen, "pdf option %s: %s", PDF_OPTION_FALLBACK_FONT,
                         len == 0 ? "empty file name" : "file name too long");
                return OR_ERR_INVALID;
            }
            snprintf(out->fallback_font, sizeof(out->fallback_font), "%s", value);
        }
        else if (strcmp(name, PDF_OPTION_SCRIPT_FONT_DIR) == 0) {
            size_t len = strlen(value);
            if (len == 0 || len >= sizeof(out->script_font_dir) - 64) {
                snprintf(err, errlen, "pdf option %s: %s", PDF_OPTION_SCRIPT_FONT_DIR,
                         len == 0 ? "empty folder name" : "folder name too long");
                return OR_ERR_INVALID;
            }
            snprintf(out->script_font_dir, sizeof(out->script_font_dir), "%s", value);
        }
        else {
            snprintf(err, errlen, "pdf: unknown option '%s' (expected %s, %s, %s, %s)", name,
                     PDF_OPTION_PAPER, PDF_OPTION_FONT_DIR, PDF_OPTION_FALLBACK_FONT,
                     PDF_OPTION_SCRIPT_FONT_DIR);
            return OR_ERR_INVALID;
        }
    }
    return OR_OK;
}

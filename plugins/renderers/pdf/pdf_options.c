/* SPDX-License-Identifier: MIT */
/* The PDF renderer's options: see pdf_options.h. */
#include "pdf_options.h"

#include <stdio.h>
#include <string.h>

/* Copy the path @p value of option @p name into @p buf (@p size bytes), keeping
 * @p reserve bytes free for the file names joined to a folder later; @p what is
 * "folder" or "file", for the message. */
static or_status
path_option(const char *name, const char *value, const char *what, char *buf, size_t size,
            size_t reserve, char *err, size_t errlen)
{
    size_t len = strlen(value);
    if (len == 0) {
        snprintf(err, errlen, "pdf option %s: empty %s name", name, what);
        return OR_ERR_INVALID;
    }
    if (len >= size - reserve) {
        snprintf(err, errlen, "pdf option %s: %s name too long", name, what);
        return OR_ERR_INVALID;
    }
    snprintf(buf, size, "%s", value);
    return OR_OK;
}

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
            or_status st = path_option(name, value, "folder", out->font_dir, sizeof(out->font_dir),
                                       32, err, errlen);
            if (st != OR_OK) {
                return st;
            }
        }
        else if (strcmp(name, PDF_OPTION_FALLBACK_FONT) == 0) {
            or_status st = path_option(name, value, "file", out->fallback_font,
                                       sizeof(out->fallback_font), 0, err, errlen);
            if (st != OR_OK) {
                return st;
            }
        }
        else if (strcmp(name, PDF_OPTION_SCRIPT_FONT_DIR) == 0) {
            or_status st = path_option(name, value, "folder", out->script_font_dir,
                                       sizeof(out->script_font_dir), 64, err, errlen);
            if (st != OR_OK) {
                return st;
            }
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

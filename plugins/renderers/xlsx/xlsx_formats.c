/* SPDX-License-Identifier: MIT */
/* Cell formats: see xlsx_formats.h. */
#include "xlsx_formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLOR_ERROR 0xC00000
#define COLOR_GOOD 0x009E73
#define COLOR_BAD 0xD55E00
#define COLOR_NOTE 0x595959
#define COLOR_HEADER_FILL 0xDCE6F1

static const lxw_color_t tone_colors[XLSX_TONE_COUNT] = {
    [XLSX_TONE_PLAIN] = LXW_COLOR_BLACK,
    [XLSX_TONE_GOOD] = COLOR_GOOD,
    [XLSX_TONE_BAD] = COLOR_BAD,
};

or_status
xlsx_formats_init(struct xlsx_formats *f, lxw_workbook *wb)
{
    memset(f, 0, sizeof(*f));
    f->wb = wb;
    f->title = workbook_add_format(wb);
    f->heading = workbook_add_format(wb);
    f->bold = workbook_add_format(wb);
    f->error = workbook_add_format(wb);
    f->note = workbook_add_format(wb);
    f->header = workbook_add_format(wb);
    f->integer = workbook_add_format(wb);
    if (f->title == NULL || f->heading == NULL || f->bold == NULL || f->error == NULL ||
        f->note == NULL || f->header == NULL || f->integer == NULL) {
        return OR_ERR_NOMEM;
    }
    format_set_bold(f->title);
    format_set_font_size(f->title, 18);
    format_set_bold(f->heading);
    format_set_font_size(f->heading, 13);
    format_set_bold(f->bold);
    format_set_font_color(f->error, COLOR_ERROR);
    format_set_italic(f->note);
    format_set_font_color(f->note, COLOR_NOTE);
    format_set_bold(f->header);
    format_set_bg_color(f->header, COLOR_HEADER_FILL);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    format_set_num_format(f->integer, "#,##0");
    return OR_OK;
}

void
xlsx_formats_free(struct xlsx_formats *f)
{
    free(f->coded);
    f->coded = NULL;
    f->ncoded = f->capcoded = 0;
}

lxw_format *
xlsx_formats_code(struct xlsx_formats *f, const char *code, enum xlsx_tone tone, int *nomem)
{
    *nomem = 0;
    if (code[0] == '\0' && tone == XLSX_TONE_PLAIN) {
        return NULL;
    }
    for (size_t i = 0; i < f->ncoded; i++) {
        if (f->coded[i].tone == tone && strcmp(f->coded[i].code, code) == 0) {
            return f->coded[i].format;
        }
    }
    if (f->ncoded == f->capcoded) {
        size_t cap = f->capcoded > 0 ? f->capcoded * 2 : 16;
        struct xlsx_coded *grown = realloc(f->coded, cap * sizeof(*grown));
        if (grown == NULL) {
            *nomem = 1;
            return NULL;
        }
        f->coded = grown;
        f->capcoded = cap;
    }
    lxw_format *fmt = workbook_add_format(f->wb);
    if (fmt == NULL) {
        *nomem = 1;
        return NULL;
    }
    if (code[0] != '\0') {
        format_set_num_format(fmt, code);
    }
    if (tone != XLSX_TONE_PLAIN) {
        format_set_font_color(fmt, tone_colors[tone]);
    }
    struct xlsx_coded *c = &f->coded[f->ncoded++];
    snprintf(c->code, sizeof(c->code), "%s", code);
    c->tone = tone;
    c->format = fmt;
    return fmt;
}

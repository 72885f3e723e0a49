/* SPDX-License-Identifier: MIT */
/* Cell formats: see xlsx_formats.h. */
#include "xlsx_formats.h"

#define COLOR_ERROR 0xC00000
#define COLOR_GOOD 0x009E73
#define COLOR_BAD 0xD55E00
#define COLOR_NOTE 0x595959
#define COLOR_HEADER_FILL 0xDCE6F1

static const char *const change_formats[XLSX_CHANGE_COUNT] = {
    [XLSX_CHANGE_RELATIVE] = "+0.0%;-0.0%;0.0%",
    [XLSX_CHANGE_POINTS] = "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"",
    [XLSX_CHANGE_INTEGER] = "+#,##0;-#,##0;0",
    [XLSX_CHANGE_DECIMAL] = "+#,##0.00;-#,##0.00;0.00",
    [XLSX_CHANGE_DURATION] = "+[h]:mm:ss;-[h]:mm:ss;[h]:mm:ss",
};

static const lxw_color_t tone_colors[XLSX_TONE_COUNT] = {
    [XLSX_TONE_PLAIN] = LXW_COLOR_BLACK,
    [XLSX_TONE_GOOD] = COLOR_GOOD,
    [XLSX_TONE_BAD] = COLOR_BAD,
};

static lxw_format *
numeric(lxw_workbook *wb, const char *num_format)
{
    lxw_format *f = workbook_add_format(wb);
    if (f != NULL) {
        format_set_num_format(f, num_format);
    }
    return f;
}

or_status
xlsx_formats_init(struct xlsx_formats *f, lxw_workbook *wb)
{
    f->title = workbook_add_format(wb);
    f->heading = workbook_add_format(wb);
    f->bold = workbook_add_format(wb);
    f->error = workbook_add_format(wb);
    f->note = workbook_add_format(wb);
    f->header = workbook_add_format(wb);
    f->integer = numeric(wb, "#,##0");
    f->decimal = numeric(wb, "#,##0.00");
    f->percent = numeric(wb, "0.0%");
    f->duration = numeric(wb, "[h]:mm:ss");
    f->date = numeric(wb, "yyyy-mm-dd");
    f->datetime = numeric(wb, "yyyy-mm-dd hh:mm:ss");
    if (f->title == NULL || f->heading == NULL || f->bold == NULL || f->error == NULL ||
        f->note == NULL || f->header == NULL || f->integer == NULL || f->decimal == NULL ||
        f->percent == NULL || f->duration == NULL || f->date == NULL || f->datetime == NULL) {
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

    for (int c = 0; c < XLSX_CHANGE_COUNT; c++) {
        for (int t = 0; t < XLSX_TONE_COUNT; t++) {
            lxw_format *x = numeric(wb, change_formats[c]);
            if (x == NULL) {
                return OR_ERR_NOMEM;
            }
            if (t != XLSX_TONE_PLAIN) {
                format_set_font_color(x, tone_colors[t]);
            }
            f->change[c][t] = x;
        }
    }
    return OR_OK;
}

lxw_format *
xlsx_formats_number(const struct xlsx_formats *f, enum or_type type, enum or_format fmt)
{
    if (type == OR_TYPE_TIME) {
        return fmt == OR_FMT_DATE ? f->date : f->datetime;
    }
    switch (fmt) {
    case OR_FMT_INTEGER: return f->integer;
    case OR_FMT_DECIMAL: return f->decimal;
    case OR_FMT_PERCENT: return f->percent;
    case OR_FMT_DURATION: return f->duration;
    default: return NULL;
    }
}

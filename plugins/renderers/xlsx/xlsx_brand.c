/* SPDX-License-Identifier: MIT */
/* The company's look in the workbook: see xlsx_brand.h. */
#include "xlsx_brand.h"

#include <stdio.h>
#include <string.h>

#include "orr_style.h"

#define LOGO_MAX_H 64.0
#define LOGO_COL 3
/* Excel's limit of a header or footer, in characters. */
#define HEADER_CAP 255

/* Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
static const lxw_color_t okabe_ito[ORR_PALETTE_SIZE] = {
    0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x000000,
};

const struct or_brand *
xlsx_brand(const struct xlsx_ctx *x)
{
    return OR_HOST_SINCE(x->h, 3) ? x->report->brand : NULL;
}

void
xlsx_brand_apply(struct xlsx_ctx *x)
{
    const struct or_brand *b = xlsx_brand(x);
    if (b == NULL || !b->has_accent) {
        return;
    }
    orr_palette(b->accent, x->palette);
    x->has_palette = 1;
    format_set_font_color(x->fmt.title, b->accent);
    format_set_font_color(x->fmt.heading, b->accent);
}

lxw_color_t
xlsx_brand_color(const struct xlsx_ctx *x, size_t i)
{
    return x->has_palette ? x->palette[i % ORR_PALETTE_SIZE] : okabe_ito[i % ORR_PALETTE_SIZE];
}

or_status
xlsx_brand_summary_top(struct xlsx_ctx *x, struct xlsx_summary *sum)
{
    const struct or_brand *b = xlsx_brand(x);
    if (b == NULL) {
        return OR_OK;
    }
    if (b->logo != NULL && b->logo_size > 0 && b->logo_height > 0) {
        double scale = b->logo_height > LOGO_MAX_H ? LOGO_MAX_H / b->logo_height : 1.0;
        lxw_image_options o = {.x_scale = scale,
                               .y_scale = scale,
                               .x_offset = 4,
                               .y_offset = 2,
                               .description = (char *)"logo"};
        lxw_error e = worksheet_insert_image_buffer_opt(sum->sheet.ws, sum->row, LOGO_COL, b->logo,
                                                        b->logo_size, &o);
        if (e != LXW_NO_ERROR) {
            return xlsx_ctx_lxw(x, e, "cannot insert the brand's logo into the Summary");
        }
    }
    if (b->company != NULL) {
        return xlsx_summary_line(x, sum, b->company, x->fmt.heading);
    }
    return OR_OK;
}

/* Append @p s to @p out with '&' doubled (Excel's header codes start with '&'). */
static void
append_escaped(char *out, size_t cap, const char *s)
{
    size_t n = strlen(out);
    for (; s != NULL && *s != '\0' && n + 2 < cap; s++) {
        if (*s == '&') {
            out[n++] = '&';
        }
        out[n++] = *s;
    }
    out[n] = '\0';
}

void
xlsx_brand_sheet(struct xlsx_ctx *x, lxw_worksheet *ws)
{
    const struct or_brand *b = xlsx_brand(x);
    if (b == NULL || ws == NULL) {
        return;
    }
    char text[HEADER_CAP + 1];
    if (b->company != NULL) {
        snprintf(text, sizeof(text), "&L");
        append_escaped(text, sizeof(text) - 1, b->company);
        worksheet_set_header(ws, text);
    }
    /* Room is kept for the page number, so a long footer line never cuts it off. */
    static const char page[] = "&RPage &P of &N";
    snprintf(text, sizeof(text), "&L");
    append_escaped(text, sizeof(text) - sizeof(page), b->footer);
    strncat(text, page, sizeof(text) - strlen(text) - 1);
    worksheet_set_footer(ws, text);
}

/* SPDX-License-Identifier: MIT */
/* Conditional formatting as inline CSS: see html_cond.h. */
#include "html_cond.h"

#include "chart_util.h"
#include "orr_style.h"

int
html_cond_style(struct html_doc *d, const struct or_cond *c, double v)
{
    if (c == NULL || !OR_HOST_SINCE(d->h, 3)) {
        return 0;
    }
    struct orr_cond_look look;
    orr_cond_look(c, v, &look);
    if (look.bar > 0) {
        /* Text on the light bar and on white: dark in either scheme. */
        double pct = look.bar * 100.0;
        html_rawf(&d->out,
                  " style=\"color:#1F2328;background:linear-gradient(%ddeg,#%06X %.1f%%,"
                  "#FFFFFF %.1f%%)\"",
                  d->rtl ? 270 : 90, (unsigned)look.bar_rgb, pct, pct);
        return 1;
    }
    if (!look.filled) {
        return 0;
    }
    uint32_t ink = look.text_set                     ? look.text
                   : chart_color_is_light(look.fill) ? 0x1F2328u
                                                     : 0xFFFFFFu;
    html_rawf(&d->out, " style=\"background:#%06X;color:#%06X\"", (unsigned)look.fill,
              (unsigned)ink);
    return 1;
}

int
html_cond_cell(struct html_doc *d, const struct or_result_column *col, const struct or_value *v)
{
    if (!OR_HOST_SINCE(d->h, 3) || col->cond == NULL) {
        return 0;
    }
    return html_cond_style(d, col->cond, orr_cond_number(v));
}

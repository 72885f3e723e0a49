/* SPDX-License-Identifier: MIT */
/* The company's look in the HTML page: see html_brand.h. */
#include "html_brand.h"

#include <glib.h>

#include "orr_style.h"

/* Height of the logo in CSS pixels; its width follows its proportions. */
#define LOGO_H 48

const struct or_brand *
html_brand_of(const struct or_host *h, const struct or_report *r)
{
    return OR_HOST_SINCE(h, 3) ? r->brand : NULL;
}

int
html_brand_palette(const struct or_brand *b, uint32_t out[8])
{
    if (b == NULL || !b->has_accent) {
        return 0;
    }
    orr_palette(b->accent, out);
    return 1;
}

void
html_brand_css(struct html_out *o, const struct or_brand *b)
{
    if (b != NULL && b->has_accent) {
        /* After the stylesheet's own rules, so it wins in the dark scheme too. */
        html_rawf(o,
                  ":root{--accent:#%06X}\n@media (prefers-color-scheme:dark){:root{"
                  "--accent:#%06X}}\n",
                  (unsigned)(b->accent & 0xFFFFFFu), (unsigned)(b->accent & 0xFFFFFFu));
    }
}

void
html_brand_header(struct html_out *o, const struct or_brand *b)
{
    if (b == NULL ||
        ((b->logo == NULL || b->logo_size == 0) && (b->company == NULL || b->company[0] == '\0'))) {
        return;
    }
    html_raw(o, "<div class=\"brand\">");
    if (b->logo != NULL && b->logo_size > 0) {
        int h = LOGO_H;
        int w = b->logo_height > 0 ? (int)((long)b->logo_width * LOGO_H / b->logo_height) : LOGO_H;
        gchar *b64 = g_base64_encode(b->logo, b->logo_size);
        html_rawf(o, "<img class=\"logo\" width=\"%d\" height=\"%d\" alt=\"", w, h);
        html_text(o, b->company != NULL && b->company[0] != '\0' ? b->company : "Logo");
        html_rawf(o, "\" src=\"data:image/%s;base64,%s\">", b->logo_jpeg ? "jpeg" : "png", b64);
        g_free(b64);
    }
    if (b->company != NULL && b->company[0] != '\0') {
        html_raw(o, "<span class=\"company\">");
        html_text(o, b->company);
        html_raw(o, "</span>");
    }
    html_raw(o, "</div>\n");
}

void
html_brand_footer(struct html_out *o, const struct or_brand *b)
{
    if (b != NULL && b->footer != NULL && b->footer[0] != '\0') {
        html_raw(o, "<span class=\"brand-footer\">");
        html_text(o, b->footer);
        html_raw(o, "</span><br>");
    }
}

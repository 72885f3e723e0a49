/* SPDX-License-Identifier: MIT */
/* The HTML renderer's render(): one self-contained file per report, the
 * cover (title, person, period, failed sources, source status) then every
 * section in order.  Nothing in it is fetched from elsewhere. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "html_brand.h"
#include "html_doc.h"
#include "html_section.h"
#include "orr_shape_fonts.h"
#include "outreport/plugin.h"

or_render_fn html_render;

/* The charts' fallback font: one warning per document, naming the fix. */
static void
fallback_warn(void *ud, uint32_t cp, const char *reason, const char *fix)
{
    struct html_doc *d = ud;
    if (d->warned) {
        return;
    }
    d->warned = 1;
    d->h->log(d->h, OR_LOG_WARN,
              "html: U+%04X is drawn as a box in charts: the fallback font %s %s; %s", (unsigned)cp,
              d->fallback_font, reason, fix);
}

or_status
html_render(const struct or_host *h, const struct or_report *report, const char *path,
            const struct or_option *const *options, size_t noptions, char *err, size_t errlen)
{
    char scratch[1];
    struct html_doc d;
    if (err == NULL || errlen == 0) {
        err = scratch;
        errlen = sizeof(scratch);
    }
    if (h == NULL || report == NULL || path == NULL ||
        (report->nsections > 0 && report->sections == NULL)) {
        snprintf(err, errlen, "html: render called without host, report, path or sections");
        return OR_ERR_INVALID;
    }
    memset(&d, 0, sizeof(d));
    d.h = h;
    d.r = report;
    or_status st = html_doc_options(&d, options, noptions, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    /* Chart labels in scripts that need shaping are shaped in the PDF's fonts. */
    struct orr_shaper *shaper = orr_shaper_new(HTML_DEJAVU_DIR, d.script_font_dir, d.fallback_font);
    if (shaper == NULL) {
        snprintf(err, errlen, "html: out of memory");
        return OR_ERR_NOMEM;
    }
    d.fallback = (struct chart_fallback){d.fallback_font, fallback_warn, &d, shaper};
    d.has_palette = html_brand_palette(html_brand_of(h, report), d.palette);
    d.out.f = fopen(path, "w");
    if (d.out.f == NULL) {
        snprintf(err, errlen, "html: cannot create %s: %s", path, strerror(errno));
        orr_shaper_free(shaper);
        return OR_ERR_IO;
    }
    html_doc_begin(&d);
    for (size_t i = 0; i < report->nsections && st == OR_OK; i++) {
        st = html_section(&d, report->sections[i], i + 1, err, errlen);
    }
    if (st == OR_OK) {
        html_doc_end(&d);
    }
    orr_shaper_free(shaper);
    char cerr[256];
    or_status cst = html_out_close(&d.out, path, cerr, sizeof(cerr));
    if (st == OR_OK && cst != OR_OK) {
        snprintf(err, errlen, "%s", cerr);
        st = cst;
    }
    return st;
}

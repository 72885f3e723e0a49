/* SPDX-License-Identifier: MIT */
/* The PDF renderer's render(): see pdf_render.h. */
#include "pdf_render.h"

#include <stdio.h>

#include "pdf_brand.h"
#include "pdf_cover.h"
#include "pdf_doc.h"
#include "pdf_frame.h"
#include "pdf_options.h"
#include "pdf_section.h"

or_status
pdf_render(const struct or_host *h, const struct or_report *report, const char *path,
           const struct or_option *const *options, size_t noptions, char *err, size_t errlen)
{
    char scratch[1];
    struct pdf_options opts;
    struct pdf_doc doc;
    or_status st;

    if (err == NULL || errlen == 0) {
        err = scratch;
        errlen = sizeof(scratch);
    }
    if (h == NULL || report == NULL || path == NULL) {
        snprintf(err, errlen, "pdf: render called without host, report or path");
        return OR_ERR_INVALID;
    }
    if (report->nsections > 0 && report->sections == NULL) {
        snprintf(err, errlen, "pdf: report has %zu sections but no section array",
                 report->nsections);
        return OR_ERR_INVALID;
    }
    st = pdf_options_parse(options, noptions, &opts, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = pdf_doc_open(&doc, h, report, &opts, path, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = pdf_brand_open(&doc, err, errlen);
    if (st == OR_OK) {
        st = pdf_brand_cover(&doc, err, errlen);
    }
    if (st == OR_OK) {
        st = pdf_cover_draw(&doc, err, errlen);
    }
    for (size_t i = 0; i < report->nsections && st == OR_OK; i++) {
        st = pdf_section_draw(&doc, report->sections[i], err, errlen);
    }
    if (st == OR_OK && pdf_doc_ok(&doc)) {
        /* "page X of Y" needs every page: the furniture goes on last. */
        pdf_frame_draw(&doc);
    }
    if (st == OR_OK) {
        st = pdf_doc_save(&doc, err, errlen);
    }
    pdf_doc_close(&doc);
    return st;
}

/* SPDX-License-Identifier: MIT */
/* TEXT sections: see pdf_text.h. */
#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_draw.h"
#include "pdf_mirror.h"
#include "pdf_section_heading.h"
#include "pdf_theme.h"
#include "chart_utf8.h"

#define LINE_CAP 2048
#define PARAGRAPH_GAP 6.0f

void
pdf_text_flow(struct pdf_doc *d, const struct pdf_font *font, float size, uint32_t rgb,
              const char *text)
{
    char line[LINE_CAP];
    float lead = size * PDF_LEADING;
    float w = d->right - d->left;
    size_t off = 0;

    while (text[off] != '\0' && pdf_doc_ok(d)) {
        size_t next = 0;
        size_t n = pdf_wrap(font, size, text + off, w, &next);
        if (n >= sizeof(line)) {
            n = chart_utf8_floor(text + off, sizeof(line) - 1);
        }
        memcpy(line, text + off, n);
        line[n] = '\0';
        pdf_doc_need(d, lead);
        pdf_m_text(d, d->page, font, size, rgb, d->left, d->y - size, PDF_LEFT, line);
        pdf_doc_advance(d, lead);
        off += next;
    }
}

or_status
pdf_text_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen)
{
    const char *text = sec->text != NULL ? sec->text : "";
    float lead = PDF_SIZE_BODY * PDF_LEADING;

    pdf_section_heading(d, sec, 3.0f * lead);
    const char *p = text;
    int first = 1;
    while (pdf_doc_ok(d)) {
        const char *nl = strchr(p, '\n');
        size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
        char *para = malloc(len * 3 + 1);
        if (para == NULL) {
            snprintf(err, errlen, "pdf: out of memory in section '%s'",
                     sec->id != NULL ? sec->id : "?");
            return OR_ERR_NOMEM;
        }
        chart_utf8_clean(para, len * 3 + 1, p, len, NULL);
        if (para[0] != '\0') {
            if (!first) {
                pdf_doc_gap(d, PARAGRAPH_GAP);
            }
            pdf_text_flow(d, &d->regular, PDF_SIZE_BODY, PDF_C_TEXT, para);
            first = 0;
        }
        free(para);
        if (nl == NULL) {
            break;
        }
        p = nl + 1;
    }
    return pdf_doc_ok(d) ? OR_OK : pdf_doc_failure(d, err, errlen);
}

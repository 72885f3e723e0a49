/* SPDX-License-Identifier: MIT */
/* CHART sections: see html_chart.h.  The chart module (plugins/chart/)
 * draws the chart the PDF shows, as SVG inline or as a PNG data: URI; its
 * numbers follow in a table, for screen readers and for copying. */
#include "html_chart.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "chart_data.h"
#include "chart_fmt.h"
#include "chart_plot.h"
#include "orr_text.h"

/* Dots per inch of PNG charts: twice a page's 96, sharp on phones. */
#define PNG_DPI 192.0

static const char *
name_of(const struct or_section *sec)
{
    return sec->title != NULL && sec->title[0] != '\0' ? sec->title : sec->id;
}

/*
 * Cairo's SVG document as an element of the page: its XML declaration and
 * root tag replaced by our own (a viewBox that scales, a role and a name),
 * and every id it defines (glyphs, clips) made unique to this chart, since
 * all charts share the page's one id space.
 */
static void
write_svg(struct html_doc *d, const struct or_section *sec, const char *svg, double w, double h)
{
    const char *root = strstr(svg, "<svg");
    const char *body = root != NULL ? strchr(root, '>') : NULL;
    if (body == NULL) {
        return;
    }
    html_rawf(&d->out,
              "<svg xmlns=\"http://www.w3.org/2000/svg\" "
              "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 %.0f %.0f\" "
              "width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"",
              w, h, w, h);
    html_text(&d->out, name_of(sec));
    html_raw(&d->out, "\">");
    static const struct {
        const char *from;
        const char *to;
    } ids[] = {{"id=\"", "id=\"c%zu-"}, {"href=\"#", "href=\"#c%zu-"}, {"url(#", "url(#c%zu-"}};
    GString *out = g_string_sized_new(strlen(body));
    for (const char *p = body + 1; *p != '\0';) {
        size_t k = 0;
        while (k < G_N_ELEMENTS(ids) && strncmp(p, ids[k].from, strlen(ids[k].from)) != 0) {
            k++;
        }
        if (k < G_N_ELEMENTS(ids)) {
            g_string_append_printf(out, ids[k].to, d->ncharts);
            p += strlen(ids[k].from);
        }
        else {
            g_string_append_c(out, *p++);
        }
    }
    html_raw(&d->out, out->str);
    g_string_free(out, TRUE);
}

static void
write_png(struct html_doc *d, const struct or_section *sec, const struct chart_bytes *png, double w)
{
    gchar *b64 = g_base64_encode(png->data, png->len);
    html_rawf(&d->out, "<img width=\"%.0f\" alt=\"", w);
    char alt[512];
    const char *const args[] = {name_of(sec)};
    orr_text(d->h, "chart.alt", "Chart: {1}", args, 1, alt, sizeof(alt));
    html_text(&d->out, alt);
    html_rawf(&d->out, "\" src=\"data:image/png;base64,%s\">", b64);
    g_free(b64);
}

/* The chart's numbers: a row per category, a column per series. */
static void
data_table(struct html_doc *d, const struct chart_data *cd)
{
    char num[CHART_FMT_BUFSIZE];
    char summary[256];
    orr_text(d->h, "chart.numbers", "The numbers", NULL, 0, summary, sizeof(summary));
    html_raw(&d->out, "<details><summary>");
    html_text(&d->out, summary);
    html_raw(&d->out, "</summary><div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">");
    /* A heatmap's rows are its y categories, its columns the x ones. */
    const char *corner = cd->kind == OR_CHART_HEATMAP ? cd->y_label : cd->x_label;
    html_text(&d->out, corner != NULL ? corner : "");
    html_raw(&d->out, "</th>");
    for (size_t s = 0; s < cd->nseries; s++) {
        html_raw(&d->out, "<th scope=\"col\" class=\"num\">");
        html_text(&d->out, cd->series[s]);
        html_raw(&d->out, "</th>");
    }
    html_raw(&d->out, "</tr></thead>\n<tbody>\n");
    for (size_t c = 0; c < cd->ncat; c++) {
        html_raw(&d->out, "<tr><th scope=\"row\">");
        html_text(&d->out, cd->cat[c]);
        html_raw(&d->out, "</th>");
        for (size_t s = 0; s < cd->nseries; s++) {
            if (chart_missing(cd, s, c)) {
                snprintf(num, sizeof(num), "%s", CHART_FMT_NULL);
            }
            else {
                chart_fmt_number(d->h, num, sizeof(num), cd->format[s], chart_value(cd, s, c));
            }
            html_rawf(&d->out, "<td class=\"num\">%s</td>", num);
        }
        html_raw(&d->out, "</tr>\n");
    }
    html_raw(&d->out, "</tbody>\n</table></div></details>\n");
}

static void
truncation_note(struct html_doc *d, const struct chart_data *cd)
{
    char a[CHART_FMT_BUFSIZE];
    char b[CHART_FMT_BUFSIZE];
    char line[256];
    chart_fmt_grouped(d->h, a, sizeof(a), (double)cd->ncat, 0);
    chart_fmt_grouped(d->h, b, sizeof(b), (double)cd->total_rows, 0);
    const char *const args[] = {a, b};
    orr_text(d->h, "chart.truncated", "Showing the first {1} of {2} categories.", args, 2, line,
             sizeof(line));
    html_raw(&d->out, "<p class=\"note\">");
    html_text(&d->out, line);
    html_raw(&d->out, "</p>\n");
}

or_status
html_chart(struct html_doc *d, const struct or_section *sec, char *err, size_t errlen)
{
    struct chart_data cd;
    struct chart_bytes pic;
    char msg[256];
    or_status st = chart_data_load(d->h, "html", sec, &cd, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    cd.palette = d->has_palette ? d->palette : NULL;
    if (cd.ncat == 0) {
        char none[256];
        orr_text(d->h, "no_data", "No data in this period.", NULL, 0, none, sizeof(none));
        html_raw(&d->out, "<p class=\"note\">");
        html_text(&d->out, none);
        html_raw(&d->out, "</p>\n");
        chart_data_free(&cd);
        return OR_OK;
    }
    double w = HTML_CHART_W;
    double h = chart_height(&cd, 0);
    st = d->png ? chart_png(&cd, w, h, PNG_DPI, &d->fallback, &pic, msg, sizeof(msg))
                : chart_svg(&cd, w, h, &d->fallback, &pic, msg, sizeof(msg));
    if (st != OR_OK) {
        snprintf(err, errlen, "html: chart of section '%s': %s", sec->id, msg);
        chart_data_free(&cd);
        return st;
    }
    d->ncharts++;
    html_raw(&d->out, "<figure class=\"chart\">");
    if (d->png) {
        write_png(d, sec, &pic, w);
    }
    else {
        write_svg(d, sec, (const char *)pic.data, w, h);
    }
    html_raw(&d->out, "</figure>\n");
    if (cd.truncated) {
        truncation_note(d, &cd);
    }
    data_table(d, &cd);
    chart_bytes_free(&pic);
    chart_data_free(&cd);
    return OR_OK;
}

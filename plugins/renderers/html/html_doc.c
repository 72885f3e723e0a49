/* SPDX-License-Identifier: MIT */
/* Options, head, cover and footer of the HTML document: see html_doc.h. */
#include "html_doc.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "chart_fmt.h"
#include "html_brand.h"
#include "orr_text.h"

#define LINE_CAP 512

/*
 * One stylesheet, inline: no request leaves the file.  A single column of at
 * most 960 px that narrows to a phone's 375 px (tiles wrap, wide tables
 * scroll sideways inside their box), colours as CSS variables with a dark
 * scheme, charts on a white card in both (their palette is made for white).
 */
static const char css[] =
    ":root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#57606a;--faint:#8c959f;"
    "--rule:#d0d7de;--panel:#f6f8fa;--head:#e9eef3;--zebra:#f5f7f9;--accent:#0072b2;"
    "--good:#00855f;--bad:#c24f00;--flat:#6e7781;--fail-fg:#9b1c1c;--fail-bg:#fdecea;"
    "--fail-line:#d93025;--warn-fg:#7a4b00;--warn-bg:#fff4de;--warn-line:#e69f00;--ok:#009e73}\n"
    "@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;"
    "--faint:#7d8590;--rule:#30363d;--panel:#161b22;--head:#21262d;--zebra:#11161d;"
    "--accent:#58a6ff;--good:#3fb950;--bad:#ff7b54;--flat:#9da7b3;--fail-fg:#ffb4a9;"
    "--fail-bg:#3b1412;--fail-line:#f85149;--warn-fg:#f2cc60;--warn-bg:#2d2208;"
    "--warn-line:#d29922}}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 'DejaVu Sans',"
    "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;-webkit-text-size-adjust:100%}\n"
    "main{max-width:960px;margin:0 auto;padding:16px}\n"
    "h1{font-size:26px;line-height:1.2;margin:8px 0 6px}\n"
    "h2{font-size:18px;margin:0 0 4px;padding-left:8px;border-left:3px solid var(--accent)}\n"
    "section{margin:26px 0 0}\n"
    ".person{color:var(--accent);font-weight:bold;font-size:17px;margin:0 0 6px}\n"
    ".period{color:var(--muted);font-weight:bold;margin:0}\n"
    ".window,.desc,.note,footer{color:var(--muted);font-size:13px;margin:4px 0}\n"
    ".badge{display:inline-block;font-size:11px;font-weight:bold;padding:1px 7px;"
    "border-radius:9px;margin-left:6px;color:var(--warn-fg);background:var(--warn-bg);"
    "border:1px solid var(--warn-line)}\n"
    ".alert{margin:10px 0;padding:9px 12px;border-radius:4px;font-weight:bold}\n"
    ".fail{color:var(--fail-fg);background:var(--fail-bg);border:1px solid var(--fail-line);"
    "border-left-width:5px}\n"
    ".warn{color:var(--warn-fg);background:var(--warn-bg);border:1px solid var(--warn-line)}\n"
    ".intro{font-size:15px;margin:12px 0}\n"
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin-top:8px}\n"
    "table{border-collapse:collapse;font-size:13px;min-width:100%}\n"
    "th,td{padding:5px 8px;text-align:left;border-bottom:1px solid var(--rule);"
    "vertical-align:top}\n"
    "thead th{background:var(--head);font-weight:bold;white-space:nowrap}\n"
    "tbody tr:nth-child(even) td,tbody tr:nth-child(even) th{background:var(--zebra)}\n"
    "tbody th{font-weight:normal}\n"
    ".num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    ".center{text-align:center}\n"
    ".pill{display:inline-block;min-width:46px;text-align:center;font-size:11px;"
    "font-weight:bold;border-radius:8px;padding:0 6px;color:#fff;background:var(--warn-line)}\n"
    ".pill.ok{background:var(--ok)}\n.pill.failed{background:var(--fail-line)}\n"
    ".tiles{display:flex;flex-wrap:wrap;gap:10px;margin-top:8px}\n"
    ".tile{flex:1 1 150px;background:var(--panel);border:1px solid var(--rule);"
    "border-radius:6px;padding:10px 12px;min-width:140px}\n"
    ".tile .label{color:var(--muted);font-size:12px;margin:0}\n"
    ".tile .value{font-size:24px;font-weight:bold;margin:2px 0;white-space:nowrap}\n"
    ".tile .change{font-size:12px;margin:0}\n"
    ".tile .value span[style]{padding:0 6px;border-radius:4px}\n"
    ".up,.down,.flat{font-weight:bold}\n.good{color:var(--good)}\n.bad{color:var(--bad)}\n"
    ".flat{color:var(--flat)}\n.prev{color:var(--muted)}\n"
    "figure{margin:8px 0 0}\n"
    ".chart{background:#ffffff;border-radius:6px;padding:6px;border:1px solid var(--rule)}\n"
    ".chart svg,.chart img{display:block;width:100%;height:auto;max-width:100%}\n"
    "details{margin-top:6px;font-size:13px}\nsummary{cursor:pointer;color:var(--muted)}\n"
    "footer{margin:32px 0 8px;border-top:1px solid var(--rule);padding-top:8px}\n"
    ".brand{display:flex;align-items:center;gap:12px;margin:0 0 6px}\n"
    ".brand .logo{display:block;max-width:50%;height:48px;width:auto}\n"
    ".company{font-weight:bold;font-size:17px;color:var(--accent)}\n"
    "@media print{.scroll{overflow:visible}.break{break-after:page}}\n";

/*
 * A right-to-left page (dir="rtl": the tiles and the brand line flow from the
 * right) mirrors the rules that name a side, in physical properties (mail
 * readers know them better than the logical ones).  Each paragraph and cell
 * takes its direction from its own text, as the PDF sets every line, so an
 * English sentence keeps its full stop and "-2.2 %" its minus; the charts
 * keep the left-to-right layout they were drawn in.
 */
static const char css_rtl[] =
    "h1,h2,p,th,td,summary,footer{unicode-bidi:plaintext;text-align:right}\n"
    ".num{text-align:left}\n.center{text-align:center}\n"
    ".tile .change{unicode-bidi:isolate}\n"
    ".change .good,.change .bad,.change .flat,.badge{unicode-bidi:plaintext}\n"
    ".chart{direction:ltr}\n"
    "h2{padding-left:0;border-left:0;padding-right:8px;border-right:3px solid var(--accent)}\n"
    ".badge{margin-left:0;margin-right:6px}\n"
    ".fail{border-left-width:1px;border-right-width:5px}\n";

static const char *
or_empty(const char *s)
{
    return s != NULL ? s : "";
}

or_status
html_doc_options(struct html_doc *d, const struct or_option *const *options, size_t noptions,
                 char *err, size_t errlen)
{
    snprintf(d->fallback_font, sizeof(d->fallback_font), "%s", HTML_DEFAULT_FALLBACK_FONT);
    snprintf(d->script_font_dir, sizeof(d->script_font_dir), "%s", HTML_DEFAULT_SCRIPT_FONT_DIR);
    for (size_t i = 0; i < noptions; i++) {
        const char *name = or_empty(options[i]->name);
        const char *value = or_empty(options[i]->value);
        if (strcmp(name, HTML_OPTION_CHARTS) == 0) {
            if (strcmp(value, "svg") != 0 && strcmp(value, "png") != 0) {
                snprintf(err, errlen, "html: option charts=%s: expected svg or png", value);
                return OR_ERR_INVALID;
            }
            d->png = strcmp(value, "png") == 0;
        }
        else if (strcmp(name, HTML_OPTION_MAX_ROWS) == 0) {
            char *end = NULL;
            errno = 0;
            long n = strtol(value, &end, 10);
            if (errno != 0 || end == value || *end != '\0' || n < 0) {
                snprintf(err, errlen, "html: option max_rows=%s: expected a whole number >= 0",
                         value);
                return OR_ERR_INVALID;
            }
            d->max_rows = n;
        }
        else if (strcmp(name, HTML_OPTION_INTRO) == 0) {
            d->intro = value[0] != '\0' ? value : NULL;
        }
        else if (strcmp(name, HTML_OPTION_FALLBACK_FONT) == 0) {
            snprintf(d->fallback_font, sizeof(d->fallback_font), "%s", value);
        }
        else if (strcmp(name, HTML_OPTION_SCRIPT_FONT_DIR) == 0) {
            if (value[0] == '\0' || strlen(value) >= sizeof(d->script_font_dir)) {
                snprintf(err, errlen, "html: option script_font_dir: %s folder name",
                         value[0] == '\0' ? "empty" : "too long a");
                return OR_ERR_INVALID;
            }
            snprintf(d->script_font_dir, sizeof(d->script_font_dir), "%s", value);
        }
        else {
            snprintf(err, errlen, "html: unknown option '%s'", name);
            return OR_ERR_INVALID;
        }
    }
    return OR_OK;
}

/* Whom a split document is for, or NULL (the roll-up, or a host before 2.2). */
static const char *
person(const struct html_doc *d)
{
    const char *label = OR_HOST_SINCE(d->h, 2) ? d->r->split_label : NULL;
    return label != NULL && label[0] != '\0' ? label : NULL;
}

/* The page's language: the report locale's BCP 47 tag (a host before 2.3: English). */
static const char *
lang_of(const struct html_doc *d)
{
    const char *tag = OR_HOST_SINCE(d->h, 3) ? d->r->locale : NULL;
    return tag != NULL && tag[0] != '\0' ? tag : "en";
}

static void
head(struct html_doc *d)
{
    const struct or_report *r = d->r;
    html_raw(&d->out, "<!DOCTYPE html>\n<html lang=\"");
    html_text(&d->out, lang_of(d));
    html_raw(&d->out, d->rtl ? "\" dir=\"rtl\">\n<head>" : "\">\n<head>");
    html_raw(&d->out, "\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"color-scheme\" content=\"light dark\">\n"
                      "<meta name=\"generator\" content=\"outreport\">\n<title>");
    html_text(&d->out, r->title != NULL && r->title[0] != '\0' ? r->title : "Report");
    if (person(d) != NULL) {
        html_raw(&d->out, " \xE2\x80\x93 ");
        html_text(&d->out, person(d));
    }
    if (r->period_label != NULL && r->period_label[0] != '\0') {
        html_raw(&d->out, " \xE2\x80\x93 ");
        html_text(&d->out, r->period_label);
    }
    html_raw(&d->out, "</title>\n");
    if (r->author != NULL && r->author[0] != '\0') {
        html_raw(&d->out, "<meta name=\"author\" content=\"");
        html_text(&d->out, r->author);
        html_raw(&d->out, "\">\n");
    }
    html_rawf(&d->out, "<style>\n%s%s", css, d->rtl ? css_rtl : "");
    html_brand_css(&d->out, html_brand_of(d->h, d->r));
    html_raw(&d->out, "</style>\n</head>\n<body>\n<main>\n");
}

static void
period(struct html_doc *d)
{
    const struct or_report *r = d->r;
    char a[CHART_FMT_BUFSIZE];
    char b[CHART_FMT_BUFSIZE];
    const char *tz = r->tz != NULL && r->tz[0] != '\0' ? r->tz : "UTC";
    if ((r->period_label != NULL && r->period_label[0] != '\0') || r->partial) {
        html_raw(&d->out, "<p class=\"period\">");
        html_text(&d->out, r->period_label);
        if (r->partial) {
            char partial[LINE_CAP];
            orr_text(d->h, "partial", "partial period \xE2\x80\x93 not over yet", NULL, 0, partial,
                     sizeof(partial));
            html_raw(&d->out, "<span class=\"badge\">");
            html_text(&d->out, partial);
            html_raw(&d->out, "</span>");
        }
        html_raw(&d->out, "</p>\n");
    }
    char line[LINE_CAP];
    html_raw(&d->out, "<p class=\"window\">");
    if (r->period_start != 0 && r->period_end > r->period_start) {
        chart_fmt_local(d->h, r->period_start, 1, a, sizeof(a));
        /* The end is exclusive: show the last minute inside the period. */
        chart_fmt_local(d->h, r->period_end - 60, 1, b, sizeof(b));
        const char *const wargs[] = {a, b};
        orr_text(d->h, "window", "Data window {1} \xE2\x80\x93 {2}", wargs, 2, line, sizeof(line));
        html_text(&d->out, line);
        html_raw(&d->out, " \xC2\xB7 ");
    }
    const char *const zargs[] = {tz};
    orr_text(d->h, "times_in", "Times in {1}", zargs, 1, line, sizeof(line));
    html_text(&d->out, line);
    html_raw(&d->out, "</p>\n");
}

static int
is_status(const char *status, const char *what)
{
    return status != NULL && strcmp(status, what) == 0;
}

static void
sources(struct html_doc *d)
{
    const struct or_report *r = d->r;
    char num[CHART_FMT_BUFSIZE];
    char text[LINE_CAP];
    if (r->nsources == 0) {
        return;
    }
    static const char *const heads[][3] = {{"col.source", "Source", ""},
                                           {"col.status", "Status", ""},
                                           {"col.rows", "Rows", " class=\"num\""},
                                           {"col.detail", "Detail", ""}};
    orr_text(d->h, "data_sources", "Data sources", NULL, 0, text, sizeof(text));
    html_raw(&d->out, "<section aria-labelledby=\"data-sources\">\n<h2 id=\"data-sources\">");
    html_text(&d->out, text);
    html_raw(&d->out, "</h2>\n<div class=\"scroll\"><table>\n<thead><tr>");
    for (size_t i = 0; i < G_N_ELEMENTS(heads); i++) {
        orr_text(d->h, heads[i][0], heads[i][1], NULL, 0, text, sizeof(text));
        html_rawf(&d->out, "<th scope=\"col\"%s>", heads[i][2]);
        html_text(&d->out, text);
        html_raw(&d->out, "</th>");
    }
    html_raw(&d->out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->nsources; i++) {
        const struct or_source_status *s = r->sources[i];
        const char *st = s->status != NULL ? s->status : "unknown";
        char id[48];
        snprintf(id, sizeof(id), "status.%s", st);
        orr_text(d->h, id, st, NULL, 0, text, sizeof(text));
        html_raw(&d->out, "<tr><th scope=\"row\">");
        html_text(&d->out, s->name != NULL ? s->name : "?");
        html_rawf(&d->out, "</th><td><span class=\"pill%s\">",
                  is_status(st, "ok")       ? " ok"
                  : is_status(st, "failed") ? " failed"
                                            : "");
        html_text(&d->out, text);
        html_raw(&d->out, "</span></td>");
        chart_fmt_grouped(d->h, num, sizeof(num), (double)s->rows, 0);
        html_rawf(&d->out, "<td class=\"num\">%s</td><td>", num);
        html_text(&d->out, s->detail);
        html_raw(&d->out, "</td></tr>\n");
    }
    html_raw(&d->out, "</tbody>\n</table></div>\n</section>\n");
}

void
html_doc_begin(struct html_doc *d)
{
    const struct or_report *r = d->r;
    d->rtl = orr_report_rtl(d->h, r);
    head(d);
    html_raw(&d->out, "<header>\n");
    html_brand_header(&d->out, html_brand_of(d->h, d->r));
    html_raw(&d->out, "<h1>");
    html_text(&d->out, r->title != NULL && r->title[0] != '\0' ? r->title : "Report");
    html_raw(&d->out, "</h1>\n");
    if (person(d) != NULL) {
        html_raw(&d->out, "<p class=\"person\">");
        html_text(&d->out, r->split_label);
        if (r->split_value != NULL && strcmp(r->split_value, r->split_label) != 0) {
            html_raw(&d->out, " \xC2\xB7 ");
            html_text(&d->out, r->split_value);
        }
        html_raw(&d->out, "</p>\n");
    }
    period(d);
    html_raw(&d->out, "</header>\n");
    for (size_t i = 0; i < r->nsources; i++) {
        const struct or_source_status *s = r->sources[i];
        if (is_status(s->status, "failed")) {
            char none[LINE_CAP];
            char line[LINE_CAP * 2];
            orr_text(d->h, "no_reason", "no reason given", NULL, 0, none, sizeof(none));
            const char *const args[] = {s->name != NULL ? s->name : "?",
                                        s->detail != NULL && s->detail[0] != '\0' ? s->detail
                                                                                  : none};
            orr_text(d->h, "source_failed", "Source {1} failed: {2}", args, 2, line, sizeof(line));
            html_raw(&d->out, "<p class=\"alert fail\" role=\"alert\">");
            html_text(&d->out, line);
            html_raw(&d->out, "</p>\n");
        }
    }
    html_para(&d->out, "intro", d->intro);
    html_para(&d->out, "desc", r->description);
    sources(d);
}

void
html_doc_end(struct html_doc *d)
{
    char at[CHART_FMT_BUFSIZE];
    char line[LINE_CAP];
    html_raw(&d->out, "<footer>");
    html_brand_footer(&d->out, html_brand_of(d->h, d->r));
    if (d->r->generated_at > 0) {
        chart_fmt_local(d->h, d->r->generated_at, 1, at, sizeof(at));
        const char *const args[] = {at};
        orr_text(d->h, "generated", "Generated {1} by outreport", args, 1, line, sizeof(line));
    }
    else {
        orr_text(d->h, "generated_plain", "Generated by outreport", NULL, 0, line, sizeof(line));
    }
    html_text(&d->out, line);
    html_raw(&d->out, ".</footer>\n</main>\n</body>\n</html>\n");
}

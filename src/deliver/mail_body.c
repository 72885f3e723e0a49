/* SPDX-License-Identifier: MIT */
/* The report e-mail's subject and its plain-text and HTML bodies.  The HTML
 * sticks to what mail clients render alike: nested tables, inline styles,
 * no CSS classes, images or scripts. */
#include "deliver/mail_body.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/catalog.h"
#include "base/cellfmt.h"
#include "base/locale.h"
#include "base/timeutil.h"
#include "base/valuefmt.h"
#include "deliver/mail_text.h"

#define COLOUR_GOOD "#1a7f37"
#define COLOUR_BAD "#c62828"
#define COLOUR_MUTED "#52606d"
#define COLOUR_TEXT "#1f2933"
#define COLOUR_RULE "#dde1e6"
#define ARROW_UP "\xE2\x96\xB2"   /* ▲ */
#define ARROW_DOWN "\xE2\x96\xBC" /* ▼ */
#define EN_DASH "\xE2\x80\x93"    /* – */

/* A tile as every document shows it (cellfmt.h: the PDF and the workbook
 * get the same text from the host). */
void
or_kpi_text(const struct or_kpi *k, const struct or_cellfmt *c, struct or_kpi_text *out)
{
    struct or_display d = {.size = sizeof(d)};
    memset(out, 0, sizeof(*out));
    or_kpi_cell(k, OR_KPI_VALUE, c, &d, NULL);
    snprintf(out->value, sizeof(out->value), "%s", d.text);
    if (!k->has_previous || !isfinite(k->previous)) {
        return;
    }
    or_kpi_cell(k, OR_KPI_PREVIOUS, c, &d, NULL);
    snprintf(out->previous, sizeof(out->previous), "%s", d.text);
    or_kpi_cell(k, OR_KPI_CHANGE, c, &d, &out->direction);
    snprintf(out->change, sizeof(out->change), "%s", d.text);
    if (out->direction != 0) {
        out->good = (out->direction > 0) != (k->lower_is_better != 0) ? 1 : -1;
    }
}

/* Built-in text @p id in the report's language (i18n/, catalog.h). */
static void
tr(const struct or_report *r, const char *id, const char *english, const char *const *args,
   size_t nargs, char *buf, size_t n)
{
    or_catalog_text_or(r->locale, id, english, args, nargs, buf, n);
}

/* Built-in text @p id with one argument, appended to @p out (HTML-escaped
 * when @p html). */
static void esc(GString *out, const char *s);

static void
tr_append(GString *out, const struct or_report *r, const char *id, const char *english,
          const char *arg, int html)
{
    char buf[512];
    const char *const args[] = {arg};
    tr(r, id, english, args, arg != NULL ? 1 : 0, buf, sizeof(buf));
    if (html) {
        esc(out, buf);
    }
    else {
        g_string_append(out, buf);
    }
}

static const char *
arrow_of(int direction)
{
    return direction > 0 ? ARROW_UP " " : direction < 0 ? ARROW_DOWN " " : "";
}

static int
is_failed(const struct or_source_status *s)
{
    return s->status != NULL && g_ascii_strcasecmp(s->status, "failed") == 0;
}

static size_t
count_failed(const struct or_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nsources; i++) {
        n += is_failed(r->sources[i]) ? 1 : 0;
    }
    return n;
}

/* The period label, or the dates when the model has none; owned. */
static char *
period_text(const struct or_report *r, GTimeZone *tz)
{
    if (r->period_label != NULL && *r->period_label != '\0') {
        return g_strdup(r->period_label);
    }
    if (r->period_end > r->period_start) {
        struct or_local_time a;
        struct or_local_time b;
        or_time_local(r->period_start, tz, &a);
        or_time_local(r->period_end - 1, tz, &b);
        return g_strdup_printf("%04d-%02d-%02d " EN_DASH " %04d-%02d-%02d", a.year, a.month, a.day,
                               b.year, b.month, b.day);
    }
    return g_strdup("all data");
}

static const char *
title_of(const struct or_report *r)
{
    return r->title != NULL && *r->title != '\0' ? r->title : "Report";
}

static void
generated_text(const struct or_report *r, const struct or_cellfmt *c, char *buf, size_t n)
{
    buf[0] = '\0';
    if (r->generated_at > 0) {
        struct or_local_time lt;
        or_time_local(r->generated_at, c->tz, &lt);
        const int parts[5] = {lt.year, lt.month, lt.day, lt.hour, lt.minute};
        if (c->loc != NULL) {
            or_locale_date(c->loc, parts, 1, buf, n);
            return;
        }
        snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.day, lt.hour, lt.minute);
    }
}

/* ------------------------------------------------------------------------- */
/* Plain text                                                                 */
/* ------------------------------------------------------------------------- */

static void
text_kpis(GString *out, const struct or_report *r, const struct or_cellfmt *c)
{
    for (size_t s = 0; s < r->nsections; s++) {
        const struct or_section *sec = r->sections[s];
        if (sec->kind != OR_SECTION_KPIS) {
            continue;
        }
        g_string_append_c(out, '\n');
        if (sec->title != NULL) {
            g_string_append(out, sec->title);
        }
        else {
            tr_append(out, r, "key_figures", "Key figures", NULL, 0);
        }
        g_string_append_c(out, '\n');
        if (sec->unavailable != NULL) {
            g_string_append(out, "  ");
            tr_append(out, r, "unavailable", "data unavailable: {1}", sec->unavailable, 0);
            g_string_append_c(out, '\n');
            continue;
        }
        for (size_t i = 0; i < sec->nkpis; i++) {
            const struct or_kpi *k = sec->kpis[i];
            struct or_kpi_text t;
            or_kpi_text(k, c, &t);
            g_string_append_printf(out, "  %s: %s", k->label != NULL ? k->label : "", t.value);
            if (t.previous[0] != '\0') {
                g_string_append(out, " (");
                tr_append(out, r, "mail.previous", "previous {1}", t.previous, 0);
                if (t.change[0] != '\0') {
                    g_string_append_printf(out, ", %s%s", arrow_of(t.direction), t.change);
                }
                g_string_append_c(out, ')');
            }
            g_string_append_c(out, '\n');
        }
    }
}

/* "ok" in the report's language. */
static void
status_text(const struct or_report *r, const char *status, char *buf, size_t n)
{
    char id[48];
    snprintf(id, sizeof(id), "status.%s", status != NULL ? status : "?");
    tr(r, id, status != NULL ? status : "?", NULL, 0, buf, n);
}

/* "1,234" in the report's number style. */
static void
count_text(const struct or_cellfmt *c, int64_t count, char *buf, size_t n)
{
    struct or_value v = {.type = OR_TYPE_INT, .i = count};
    if (or_value_text_loc(&v, OR_FMT_INTEGER, -1, NULL, NULL, c->loc, buf, n) != OR_OK) {
        snprintf(buf, n, "%lld", (long long)count);
    }
}

/* "1,234 rows" in the report's language and number style. */
static void
rows_text(const struct or_report *r, const struct or_cellfmt *c, int64_t rows, char *buf, size_t n)
{
    char num[64];
    count_text(c, rows, num, sizeof(num));
    const char *const args[] = {num};
    if (rows == 1) {
        tr(r, "source_row", "{1} row", args, 1, buf, n);
    }
    else {
        tr(r, "source_rows", "{1} rows", args, 1, buf, n);
    }
}

static void
text_sources(GString *out, const struct or_report *r, const struct or_cellfmt *c)
{
    if (r->nsources == 0) {
        return;
    }
    g_string_append_c(out, '\n');
    tr_append(out, r, "sources", "Sources", NULL, 0);
    g_string_append_c(out, '\n');
    /* Failed first: they are what the reader must not miss. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < r->nsources; i++) {
            const struct or_source_status *s = r->sources[i];
            if (is_failed(s) != (pass == 0)) {
                continue;
            }
            const char *name = s->name != NULL ? s->name : "?";
            int has_detail = s->detail != NULL && *s->detail != '\0';
            char status[64];
            status_text(r, s->status, status, sizeof(status));
            if (pass == 0) {
                char *upper = g_utf8_strup(status, -1);
                char none[128];
                tr(r, "mail.no_detail", "no data", NULL, 0, none, sizeof(none));
                g_string_append_printf(out, "  %-8s %s: %s\n", upper, name,
                                       has_detail ? s->detail : none);
                g_free(upper);
                continue;
            }
            char rows[96];
            rows_text(r, c, s->rows, rows, sizeof(rows));
            g_string_append_printf(out, "  %-8s %s: %s", status, name, rows);
            if (has_detail) {
                g_string_append_printf(out, " (%s)", s->detail);
            }
            g_string_append_c(out, '\n');
        }
    }
}

static char *
text_body(const struct or_report *r, const struct or_cellfmt *c, const char *const *names)
{
    GString *out = g_string_new(NULL);
    char *period = period_text(r, c->tz);
    size_t failed = count_failed(r);

    g_string_append_printf(out, "%s\n", title_of(r));
    if (r->split_label != NULL) {
        tr_append(out, r, "mail.for", "For: {1}", r->split_label, 0);
        g_string_append_c(out, '\n');
    }
    if (r->partial) {
        tr_append(out, r, "mail.period_partial",
                  "Period: {1} (partial: the period is not over yet)", period, 0);
    }
    else {
        tr_append(out, r, "mail.period", "Period: {1}", period, 0);
    }
    g_string_append_c(out, '\n');
    tr_append(out, r, "mail.zone", "Time zone: {1}", r->tz != NULL ? r->tz : "UTC", 0);
    g_string_append_c(out, '\n');
    if (r->description != NULL && *r->description != '\0') {
        g_string_append_printf(out, "\n%s\n", r->description);
    }
    if (failed > 0) {
        char a[24];
        char b[24];
        char warning[512];
        snprintf(a, sizeof(a), "%zu", failed);
        snprintf(b, sizeof(b), "%zu", r->nsources);
        const char *const args[] = {a, b};
        tr(r, "mail.failed_sources",
           "WARNING: {1} of {2} sources failed; figures that depend on them are missing or "
           "incomplete:",
           args, 2, warning, sizeof(warning));
        g_string_append_printf(out, "\n%s\n", warning);
        for (size_t i = 0; i < r->nsources; i++) {
            const struct or_source_status *s = r->sources[i];
            if (is_failed(s)) {
                g_string_append_printf(out, "  - %s: %s\n", s->name != NULL ? s->name : "?",
                                       s->detail != NULL ? s->detail : "failed");
            }
        }
    }
    text_kpis(out, r, c);
    or_mail_text_tables(out, r, c, OR_MAIL_TEXT_ROWS);
    text_sources(out, r, c);
    if (names != NULL && names[0] != NULL) {
        g_string_append_c(out, '\n');
        tr_append(out, r, "mail.attached", "Attached", NULL, 0);
        g_string_append_c(out, '\n');
        for (size_t i = 0; names[i] != NULL; i++) {
            g_string_append_printf(out, "  - %s\n", names[i]);
        }
    }
    char gen[64];
    generated_text(r, c, gen, sizeof(gen));
    if (gen[0] != '\0') {
        char line[256];
        const char *const args[] = {gen, r->tz != NULL ? r->tz : "UTC"};
        tr(r, "mail.generated", "Generated {1} ({2}) by outreport.", args, 2, line, sizeof(line));
        g_string_append_printf(out, "\n%s\n", line);
    }
    g_free(period);
    return g_string_free(out, FALSE);
}

/* ------------------------------------------------------------------------- */
/* HTML                                                                       */
/* ------------------------------------------------------------------------- */

/* HTML-escaped @p s (g_markup_escape_text()).  GLib spells the apostrophe
 * &apos;, an XML entity HTML 4 mail clients such as Outlook show as it is,
 * so apostrophes are written &#39; between the escaped pieces.  Text that
 * is not UTF-8 gets U+FFFD in place of its bad bytes first: the document
 * declares UTF-8, and GLib's escaping expects it. */
static void
esc(GString *out, const char *s)
{
    if (s == NULL) {
        return;
    }
    char *valid = g_utf8_validate(s, -1, NULL) ? NULL : g_utf8_make_valid(s, -1);
    const char *p = valid != NULL ? valid : s;
    for (;;) {
        const char *quote = strchr(p, '\'');
        gssize n = quote != NULL ? (gssize)(quote - p) : -1;
        char *escaped = g_markup_escape_text(p, n);
        g_string_append(out, escaped);
        g_free(escaped);
        if (quote == NULL) {
            break;
        }
        g_string_append(out, "&#39;");
        p = quote + 1;
    }
    g_free(valid);
}

/* Text with its line breaks kept. */
static void
esc_lines(GString *out, const char *s)
{
    char **lines = g_strsplit(s, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        if (l != lines) {
            g_string_append(out, "<br>");
        }
        esc(out, *l);
    }
    g_strfreev(lines);
}

#define TABLE_OPEN                                                                                 \
    "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "             \
    "border=\"0\" style=\"border-collapse:collapse;font-size:14px;\">"
#define TH_STYLE                                                                                   \
    "padding:6px 8px;border-bottom:2px solid " COLOUR_RULE ";color:" COLOUR_MUTED                  \
    ";font-weight:bold;font-size:12px;"
#define TD_STYLE "padding:6px 8px;border-bottom:1px solid #eef0f2;"
#define H2_STYLE "margin:0 0 8px 0;font-size:16px;color:" COLOUR_TEXT ";"

static void
html_kpis(GString *out, const struct or_report *r, const struct or_cellfmt *c)
{
    for (size_t s = 0; s < r->nsections; s++) {
        const struct or_section *sec = r->sections[s];
        if (sec->kind != OR_SECTION_KPIS) {
            continue;
        }
        g_string_append(out, "<tr><td style=\"padding:12px 24px;\"><h2 style=\"" H2_STYLE "\">");
        esc(out, sec->title != NULL ? sec->title : "Key figures");
        g_string_append(out, "</h2>");
        if (sec->unavailable != NULL) {
            g_string_append(out, "<p style=\"margin:0;color:" COLOUR_BAD
                                 ";font-size:14px;\">Data unavailable: ");
            esc(out, sec->unavailable);
            g_string_append(out, "</p></td></tr>\n");
            continue;
        }
        g_string_append(out,
                        TABLE_OPEN "<tr>"
                                   "<th align=\"left\" style=\"" TH_STYLE "\">Measure</th>"
                                   "<th align=\"right\" style=\"" TH_STYLE "\">Value</th>"
                                   "<th align=\"right\" style=\"" TH_STYLE "\">Previous</th>"
                                   "<th align=\"right\" style=\"" TH_STYLE "\">Change</th></tr>\n");
        for (size_t i = 0; i < sec->nkpis; i++) {
            const struct or_kpi *k = sec->kpis[i];
            struct or_kpi_text t;
            or_kpi_text(k, c, &t);
            const char *colour = t.good > 0 ? COLOUR_GOOD : t.good < 0 ? COLOUR_BAD : COLOUR_MUTED;
            g_string_append(out, "<tr><td style=\"" TD_STYLE "\">");
            esc(out, k->label);
            g_string_append(out, "</td><td align=\"right\" style=\"" TD_STYLE
                                 "font-weight:bold;white-space:nowrap;\">");
            esc(out, t.value);
            g_string_append(out, "</td><td align=\"right\" style=\"" TD_STYLE "color:" COLOUR_MUTED
                                 ";white-space:nowrap;\">");
            esc(out, t.previous[0] != '\0' ? t.previous : EN_DASH);
            g_string_append_printf(
                out, "</td><td align=\"right\" style=\"" TD_STYLE "color:%s;white-space:nowrap;\">",
                colour);
            if (t.change[0] != '\0') {
                g_string_append(out, arrow_of(t.direction));
                esc(out, t.change);
            }
            else {
                g_string_append(out, EN_DASH);
            }
            g_string_append(out, "</td></tr>\n");
        }
        g_string_append(out, "</table></td></tr>\n");
    }
}

static void
html_failed_banner(GString *out, const struct or_report *r, size_t failed)
{
    g_string_append_printf(out,
                           "<tr><td style=\"padding:4px 24px 8px 24px;\">"
                           "<table role=\"presentation\" width=\"100%%\" cellpadding=\"0\" "
                           "cellspacing=\"0\" border=\"0\"><tr><td style=\"background:#fdecea;"
                           "border-left:4px solid " COLOUR_BAD ";padding:10px 12px;"
                           "font-size:14px;color:#7f1d1d;\"><strong>%zu of %zu sources "
                           "failed</strong> " EN_DASH " figures that depend on them are missing "
                           "or incomplete.",
                           failed, r->nsources);
    for (size_t i = 0; i < r->nsources; i++) {
        const struct or_source_status *s = r->sources[i];
        if (!is_failed(s)) {
            continue;
        }
        g_string_append(out, "<br><strong>");
        esc(out, s->name != NULL ? s->name : "?");
        g_string_append(out, "</strong>: ");
        esc(out, s->detail != NULL ? s->detail : "failed");
    }
    g_string_append(out, "</td></tr></table></td></tr>\n");
}

static void
html_sources(GString *out, const struct or_report *r, const struct or_cellfmt *c)
{
    if (r->nsources == 0) {
        return;
    }
    g_string_append(out, "<tr><td style=\"padding:12px 24px;\"><h2 style=\"" H2_STYLE
                         "\">Sources</h2>" TABLE_OPEN "<tr>"
                         "<th align=\"left\" style=\"" TH_STYLE "\">Source</th>"
                         "<th align=\"left\" style=\"" TH_STYLE "\">Status</th>"
                         "<th align=\"right\" style=\"" TH_STYLE "\">Rows</th>"
                         "<th align=\"left\" style=\"" TH_STYLE "\">Detail</th></tr>\n");
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < r->nsources; i++) {
            const struct or_source_status *s = r->sources[i];
            int failed = is_failed(s);
            if (failed != (pass == 0)) {
                continue;
            }
            char rows[64];
            char status[64];
            count_text(c, s->rows, rows, sizeof(rows));
            status_text(r, s->status, status, sizeof(status));
            g_string_append(out, "<tr><td style=\"" TD_STYLE "\">");
            esc(out, s->name != NULL ? s->name : "?");
            g_string_append_printf(out, "</td><td style=\"" TD_STYLE "%s\">",
                                   failed ? "color:" COLOUR_BAD ";font-weight:bold;" : "");
            esc(out, status);
            g_string_append(out, "</td><td align=\"right\" style=\"" TD_STYLE "\">");
            esc(out, rows);
            g_string_append(out, "</td><td style=\"" TD_STYLE "color:" COLOUR_MUTED ";\">");
            esc(out, s->detail != NULL ? s->detail : "");
            g_string_append(out, "</td></tr>\n");
        }
    }
    g_string_append(out, "</table></td></tr>\n");
}

static char *
html_body(const struct or_report *r, const struct or_cellfmt *c, const char *const *names)
{
    GString *out = g_string_new(NULL);
    char *period = period_text(r, c->tz);
    size_t failed = count_failed(r);

    g_string_append(out, "<!DOCTYPE html>\n<html lang=\"");
    esc(out, r->locale != NULL ? r->locale : "en");
    g_string_append(out, "\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width\"><title>");
    esc(out, title_of(r));
    g_string_append(out,
                    "</title></head>\n<body style=\"margin:0;padding:0;background:#f4f5f7;\">\n"
                    "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" "
                    "cellspacing=\"0\" border=\"0\" style=\"background:#f4f5f7;\"><tr>"
                    "<td align=\"center\" style=\"padding:24px 12px;\">\n"
                    "<table role=\"presentation\" width=\"600\" cellpadding=\"0\" "
                    "cellspacing=\"0\" border=\"0\" style=\"width:100%;max-width:600px;"
                    "background:#ffffff;border:1px solid " COLOUR_RULE ";font-family:Arial,"
                    "Helvetica,sans-serif;color:" COLOUR_TEXT ";text-align:left;\">\n"
                    "<tr><td style=\"padding:20px 24px 8px 24px;\">"
                    "<h1 style=\"margin:0;font-size:20px;color:" COLOUR_TEXT ";\">");
    esc(out, title_of(r));
    if (r->split_label != NULL) {
        g_string_append(out, " &mdash; ");
        esc(out, r->split_label);
    }
    g_string_append(out,
                    "</h1><p style=\"margin:4px 0 0 0;font-size:14px;color:" COLOUR_MUTED ";\">");
    esc(out, period);
    if (r->partial) {
        g_string_append(out, " <span style=\"color:#9a6700;font-weight:bold;\">(partial: the "
                             "period is not over yet)</span>");
    }
    g_string_append(out, " &middot; ");
    esc(out, r->tz != NULL ? r->tz : "UTC");
    g_string_append(out, "</p>");
    if (r->description != NULL && *r->description != '\0') {
        g_string_append(out, "<p style=\"margin:8px 0 0 0;font-size:14px;\">");
        esc_lines(out, r->description);
        g_string_append(out, "</p>");
    }
    g_string_append(out, "</td></tr>\n");
    if (failed > 0) {
        html_failed_banner(out, r, failed);
    }
    html_kpis(out, r, c);
    html_sources(out, r, c);
    if (names != NULL && names[0] != NULL) {
        g_string_append(out, "<tr><td style=\"padding:12px 24px;\"><h2 style=\"" H2_STYLE
                             "\">Attached</h2><p style=\"margin:0;font-size:14px;\">");
        for (size_t i = 0; names[i] != NULL; i++) {
            if (i > 0) {
                g_string_append(out, "<br>");
            }
            g_string_append(out, "&#128206; ");
            esc(out, names[i]);
        }
        g_string_append(out, "</p></td></tr>\n");
    }
    char gen[64];
    generated_text(r, c, gen, sizeof(gen));
    g_string_append(out, "<tr><td style=\"padding:12px 24px 20px 24px;font-size:12px;"
                         "color:" COLOUR_MUTED ";\">");
    if (gen[0] != '\0') {
        g_string_append(out, "Generated ");
        esc(out, gen);
        g_string_append(out, " (");
        esc(out, r->tz != NULL ? r->tz : "UTC");
        g_string_append(out, ") by outreport.");
    }
    else {
        g_string_append(out, "Generated by outreport.");
    }
    g_string_append(out, "</td></tr>\n</table>\n</td></tr></table>\n</body></html>\n");
    g_free(period);
    return g_string_free(out, FALSE);
}

/* The report's own zone when the caller has none at hand; NULL is UTC. */
static GTimeZone *
zone_of(const struct or_report *r)
{
    GTimeZone *zone = NULL;
    if (or_tz_open(r->tz, &zone, NULL, 0) != OR_OK) {
        return NULL;
    }
    return zone;
}

void
or_mail_body(const struct or_report *r, GTimeZone *tz, const struct or_locale *loc,
             const char *const *attachment_names, char **text, char **html)
{
    GTimeZone *own = tz == NULL ? zone_of(r) : NULL;
    if (own != NULL) {
        tz = own;
    }
    const struct or_cellfmt c = {tz, r->currency, 0, loc};
    if (text != NULL) {
        *text = text_body(r, &c, attachment_names);
    }
    if (html != NULL) {
        *html = html_body(r, &c, attachment_names);
    }
    if (own != NULL) {
        g_time_zone_unref(own);
    }
}

char *
or_mail_subject(const char *pattern, const struct or_report *r)
{
    if (pattern == NULL) {
        pattern = OR_MAIL_SUBJECT_DEFAULT;
    }
    GString *out = g_string_new(NULL);
    for (const char *p = pattern; *p != '\0';) {
        if (strncmp(p, "{title}", 7) == 0) {
            g_string_append(out, title_of(r));
            p += 7;
        }
        else if (strncmp(p, "{split_label}", 13) == 0 || strncmp(p, "{split_value}", 13) == 0) {
            /* Whom a split's mail is about; empty in the roll-up's. */
            const char *v = p[7] == 'l' ? r->split_label : r->split_value;
            g_string_append(out, v != NULL ? v : "");
            p += 13;
        }
        else if (strncmp(p, "{period}", 8) == 0) {
            GTimeZone *zone = zone_of(r);
            char *period = period_text(r, zone);
            g_string_append(out, period);
            g_free(period);
            if (zone != NULL) {
                g_time_zone_unref(zone);
            }
            if (r->partial) {
                char partial[128];
                tr(r, "mail.subject_partial", "(partial)", NULL, 0, partial, sizeof(partial));
                g_string_append_printf(out, " %s", partial);
            }
            p += 8;
        }
        else {
            g_string_append_c(out, *p);
            p++;
        }
    }
    /* A subject is one header line. */
    for (char *c = out->str; *c != '\0'; c++) {
        if (*c == '\r' || *c == '\n' || *c == '\t') {
            *c = ' ';
        }
    }
    return g_string_free(out, FALSE);
}

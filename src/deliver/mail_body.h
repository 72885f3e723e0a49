/* SPDX-License-Identifier: MIT */
/**
 * @file mail_body.h
 * @brief The report e-mail's subject and bodies, summarising a report model.
 *
 * Core only.  The bodies carry what a reader needs without opening the
 * attachments: the title, the period (and whether it is partial), the time
 * zone, every KPI tile of every KPI section (value, previous value, change
 * with ▲/▼), in the plain text the first rows of every table and the
 * numbers of every chart, the status of each source with failed sources
 * called out first, and the names of the attached files.
 *
 * Changes follow the documents: percent KPIs change in percentage points
 * ("+2.1 pp"), others relative to the previous value ("+3.0 %"), or by the
 * absolute difference when the previous value is zero ("+5"); "±0.0 %" when
 * nothing changed.  In HTML a change is green when it is good news and red
 * when bad, honouring lower_is_better.
 *
 * Built-in texts ("Period:", "Sources", a source's status, ...) come from
 * the catalogue of the report's language (i18n/, base/catalog.h), numbers
 * and dates follow its locale.
 *
 * The HTML is a table layout with inline styles only (no external CSS, no
 * images, no scripts), so mail clients render it as intended; every value
 * is HTML-escaped.
 */
#ifndef OR_MAIL_BODY_H
#define OR_MAIL_BODY_H

#include <glib.h>

#include "base/cellfmt.h"
#include "base/locale.h"
#include "outreport/plugin.h"

/** A KPI tile as text, as every document shows it. */
struct or_kpi_text {
    char value[64];
    char previous[64]; /**< "" when there is no comparison */
    char change[96];   /**< "+3.0 %", "" when there is no comparison */
    int direction;     /**< +1 up, -1 down, 0 no visible change */
    int good;          /**< +1 good news, -1 bad news, 0 neither (lower_is_better honoured) */
};

/**
 * @brief The texts of KPI @p k in @p c's style: the report's zone (of
 * date-formatted values), currency and locale (numbers, dates).
 */
void or_kpi_text(const struct or_kpi *k, const struct or_cellfmt *c, struct or_kpi_text *out);

/** Default subject pattern of or_mail_subject(). */
#define OR_MAIL_SUBJECT_DEFAULT "{title} — {period}"

/**
 * @brief Plain-text and HTML bodies summarising @p r.
 *
 * @param r                the evaluated report; borrowed.
 * @param tz               the report's zone for date-formatted values and the
 *                         generation time; borrowed; NULL opens the report's own
 *                         zone (r->tz), UTC when that is unknown.
 * @param loc              the report's locale (numbers, dates; the built-in
 *                         texts follow r->locale), or NULL: neutral style.
 * @param attachment_names NULL-terminated file names listed as attached, or
 *                         NULL for none; borrowed.
 * @param text             receives the plain-text body; owned, g_free().
 * @param html             receives the HTML document; owned, g_free().
 */
void or_mail_body(const struct or_report *r, GTimeZone *tz, const struct or_locale *loc,
                  const char *const *attachment_names, char **text, char **html);

/**
 * @brief A subject line from @p pattern.
 *
 * `{title}` becomes the report title ("Report" when it has none),
 * `{period}` the period label, followed by " (partial)" when the period is
 * not over yet, and in a split's mail `{split_label}` and `{split_value}`
 * whom it is about ("Zoë Müller", "zoe.mueller@acme.example"; empty in the
 * roll-up's).  Other text, unknown placeholders included, is kept as is;
 * line breaks become spaces so the result is one header line.
 *
 * @param pattern the pattern; NULL uses ::OR_MAIL_SUBJECT_DEFAULT.
 * @param r       the report; borrowed.
 * @return an owned string (g_free()).
 */
char *or_mail_subject(const char *pattern, const struct or_report *r);

#endif /* OR_MAIL_BODY_H */

/* SPDX-License-Identifier: MIT */
/**
 * @file notify_payload.h
 * @brief The messages of chat notifications (notify_payload.c): what a
 * notification is about, as a Slack or a Teams message.
 *
 * Core only.  Each message says the report's title (with the split's
 * person), period (and whether it is partial), the headline KPIs (the
 * first KPI section's tiles, at most eight, with their change, in the
 * texts every document shows), the status of each source (failed ones with
 * the reason) and the files written: Slack as Block Kit blocks with a
 * plain-text fallback, Teams as an Adaptive Card 1.4.  KPI values follow the
 * report's locale, "prev" and "Times in" its language (i18n/); the heading
 * starts with the [brand] company.  (A chat message takes images only by
 * URL, so the logo and accent stay in the documents and the mail.)  Posting them is
 * notify.h's.
 */
#ifndef OR_NOTIFY_PAYLOAD_H
#define OR_NOTIFY_PAYLOAD_H

#include <glib.h>
#include <jansson.h>

#include "base/locale.h"
#include "outreport/plugin.h"

/** What a notification is about.  All borrowed. */
struct or_notice {
    const struct or_report *report; /**< title, period, KPIs, sources */
    GTimeZone *tz;                  /**< the report zone */
    const char *const *files;       /**< NULL-terminated file names written */
    const char *split;              /**< a split's value, or NULL: the roll-up */
    const char *split_slug;         /**< the split's file-name suffix without its "-"
                                         ("zoe-muller", "zoe-muller-f187f44c"), or NULL */
    const struct or_locale *loc;    /**< the report's locale (KPI numbers), or NULL */
};

/** @brief The Slack message of @p n (Block Kit); owned, json_decref(). */
json_t *or_notify_slack_payload(const struct or_notice *n);

/** @brief The Teams message of @p n (an Adaptive Card); owned, json_decref(). */
json_t *or_notify_teams_payload(const struct or_notice *n);

#endif /* OR_NOTIFY_PAYLOAD_H */

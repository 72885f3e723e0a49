/* SPDX-License-Identifier: MIT */
/**
 * @file notify.h
 * @brief Chat notifications of a finished report: Slack and Microsoft Teams
 * incoming webhooks, from `[notify]` (core only).
 *
 * ```ini
 * [notify]
 * slack_webhook_env = SLACK_WEBHOOK_URL   ; the variable holding the webhook's URL
 * teams_webhook_env = TEAMS_WEBHOOK_URL
 * slack_split_prefix = SLACK_WEBHOOK_     ; a split's channel: SLACK_WEBHOOK_ZOE_MULLER
 * teams_split_prefix = TEAMS_WEBHOOK_
 * retries = 3                             ; on 429, 5xx and connection errors
 * timeout_s = 30
 * ```
 *
 * A webhook URL is a secret (whoever has it can post to the channel): it
 * lives in the environment variable the config names, never in a file, is
 * registered for redaction, and messages name the variable instead.  Only
 * https:// URLs are used, or http:// to this machine (tests).
 *
 * Each message says the report's title, period (and whether it is
 * partial), the headline KPIs (the first KPI section's tiles, at most
 * eight, with their change), the status of each source (failed ones with
 * the reason) and the files written: Slack as Block Kit blocks with a
 * plain-text fallback, Teams as an Adaptive Card.  A post that still fails
 * after its retries is a warning: the report itself is never lost.
 *
 * The roll-up goes to the `*_webhook_env` channels.  In a split run each
 * person's document set goes to its own channel where one is configured:
 * the variable named by `*_split_prefix` followed by the split's file-name
 * slug in upper case with `_` for `-` (`zoe-muller` → `SLACK_WEBHOOK_ZOE_MULLER`);
 * a split whose variable is unset posts nothing.
 */
#ifndef OR_NOTIFY_H
#define OR_NOTIFY_H

#include <glib.h>
#include <jansson.h>

#include "base/config.h"
#include "outreport/plugin.h"

/** What a notification is about.  All borrowed. */
struct or_notice {
    const struct or_report *report; /**< title, period, KPIs, sources */
    GTimeZone *tz;                  /**< the report zone */
    const char *const *files;       /**< NULL-terminated file names written */
    const char *split;              /**< a split's value (its channel), or NULL: the roll-up */
    const char *split_slug;         /**< the split's file-name slug ("zoe-muller"), or NULL */
};

/** @brief The Slack message of @p n (Block Kit); owned, json_decref(). */
json_t *or_notify_slack_payload(const struct or_notice *n);

/** @brief The Teams message of @p n (an Adaptive Card); owned, json_decref(). */
json_t *or_notify_teams_payload(const struct or_notice *n);

/**
 * @brief Post @p n to every webhook `[notify]` configures for it (the
 * roll-up's, or the split's own), and append one record per target to
 * @p records: target, status ("sent", "failed", "skipped" when the roll-up's
 * variable is unset), error, split.  Failures are logged as warnings, never
 * returned.
 * @param dry_run nonzero: say what would be posted, post nothing
 */
void or_notify(const struct or_config *cfg, const struct or_notice *n, int dry_run,
               json_t *records);

#endif /* OR_NOTIFY_H */

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
 * What each message says is notify_payload.h's.  A post that still fails
 * after its retries is a warning: the report itself is never lost.
 *
 * The roll-up goes to the `*_webhook_env` channels.  In a split run each
 * person's document set goes to its own channel where one is configured:
 * the variable named by `*_split_prefix` followed by the split's file-name
 * suffix (split_plan.h) without its leading "-", in upper case with `_` for
 * `-` (`zoe-muller` → `SLACK_WEBHOOK_ZOE_MULLER`; two people whose names
 * come out the same have their files' hash suffix in it too,
 * `SLACK_WEBHOOK_ZOE_MULLER_F187F44C`, so neither posts to the other's
 * channel); a split whose variable is unset posts nothing.
 */
#ifndef OR_NOTIFY_H
#define OR_NOTIFY_H

#include <jansson.h>

#include "base/config.h"
#include "deliver/notify_payload.h"

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

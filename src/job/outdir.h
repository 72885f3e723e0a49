/* SPDX-License-Identifier: MIT */
/**
 * @file outdir.h
 * @brief Placeholders in an output folder: `--out` and a JOBS.ini `out =`.
 *
 * Core only.  A cron line or a timer names one folder for every run;
 * `reports/{iso_week}` gives each run the folder of the week it reports on
 * (not the week it runs in).  Placeholders: `{period_start}` (the period's
 * first day, YYYY-MM-DD), `{period_end}` (its last day, included),
 * `{iso_week}` (the ISO 8601 week of the first day, 2026-W47) and
 * `{template}` (the template's name without .json).  Anything else in braces,
 * or a brace left open, is an error naming the placeholder; text without
 * braces is used as it is.
 */
#ifndef OR_OUTDIR_H
#define OR_OUTDIR_H

#include <stddef.h>

#include "base/period.h"
#include "job/job.h"
#include "outreport/status.h"

/** The values of the placeholders.  Borrowed. */
struct or_out_vars {
    const struct or_period *period; /**< NULL: the period placeholders are errors */
    const char *template_name;      /**< NULL: {template} is an error */
};

/**
 * @brief @p pattern with its placeholders filled in.
 * @param what names the setting in messages ("--out", "[job] out").
 * @param out receives an owned string (g_free).
 * @return OR_OK; OR_ERR_CONFIG for an unknown placeholder, a brace left
 *         open or a placeholder without a value, with @p err naming it and
 *         the known ones.
 */
or_status or_out_expand(const char *pattern, const struct or_out_vars *v, const char *what,
                        char **out, char *err, size_t errlen);

/**
 * @brief Fill the placeholders of @p job's out_dir in place, for a report
 * of @p period (NULL: none) from the template called @p template_name.
 * @return as or_out_expand(); @p job is unchanged on failure.
 */
or_status or_out_fill(struct or_job *job, const struct or_period *period, const char *template_name,
                      char *err, size_t errlen);

#endif

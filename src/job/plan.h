/* SPDX-License-Identifier: MIT */
/**
 * @file plan.h
 * @brief The plan stage: what a job will fetch, for which period, and what
 * it will write and mail, checked before anything is fetched.
 *
 * Core only.  A report's plan loads its template, resolves every source to
 * its plugin and endpoint and checks its parameters, resolves the zone, the
 * period and the comparison period, picks the formats, checks the mail
 * settings when it mails and creates the output folder.  A fetch's plan
 * resolves its one source and checks that the output file can be written
 * by a loaded renderer.  A failing plan names what is wrong; nothing has
 * been fetched or written yet.
 */
#ifndef OR_PLAN_H
#define OR_PLAN_H

#include <glib.h>

#include "base/config.h"
#include "base/locale.h"
#include "base/period.h"
#include "deliver/mail.h"
#include "fetch/sources.h"
#include "job/job.h"
#include "plugin/plugin_loader.h"
#include "report/brand.h"
#include "report/template.h"

/** A job planned.  Fill with an or_plan_*() function; or_plan_release() frees what it owns. */
struct or_plan {
    const struct or_job *job;      /**< borrowed */
    const struct or_config *cfg;   /**< borrowed */
    const struct or_registry *reg; /**< borrowed */
    struct or_template *tpl;       /**< REPORT: the template (owned) */
    GTimeZone *tz;                 /**< the report zone (a reference) */
    char *tz_name;                 /**< its name (owned) */
    struct or_period period;       /**< valid when have_period */
    struct or_period previous;     /**< REPORT: the comparison period, when have_period */
    int have_period;               /**< 0: no period (fetch everything) */
    struct or_source *sources;     /**< one per template source, or FETCH's one (owned) */
    size_t nsources;
    char **formats;            /**< REPORT: formats to write (owned, NULL-terminated) */
    struct or_mail_server srv; /**< REPORT: when have_srv */
    int have_srv;              /**< the job mails (or says what it would mail) */
    const struct or_loaded_plugin *renderer; /**< FETCH: the renderer for -o's extension */
    GPtrArray *owned; /**< REPORT: sources' parameters with variables filled in (strv each) */
    char **vars;      /**< REPORT: --var KEY=VALUE, NULL-terminated (in owned) */
    struct or_sql_limits limits; /**< REPORT: what template SQL may cost */
    struct or_brand_data *brand; /**< REPORT: [brand], or NULL (owned) */
    struct or_locale *loc;       /**< REPORT: --locale / [report] locale, or NULL (owned) */
};

/**
 * @brief The part of a report's plan `validate` needs: the template, its
 * sources resolved and their parameters checked, and the zone.
 * @return OR_OK; OR_ERR_CONFIG for a template or source problem (a usage
 *         error); the zone's error.  @p err says what.  Release @p p either way.
 */
or_status or_plan_template(struct or_plan *p, const struct or_job *job, const struct or_config *cfg,
                           const struct or_registry *reg, char *err, size_t errlen);

/**
 * @brief Plan a report job: or_plan_template(), then the formats, the
 * period (the template's, else last week) and comparison period, the mail
 * server (a --dry-run goes on without one, with a warning), the output folder
 * (its placeholders filled in, in @p job->out_dir: outdir.h).
 * Release @p p either way.
 */
or_status or_plan_report(struct or_plan *p, struct or_job *job, const struct or_config *cfg,
                         const struct or_registry *reg, char *err, size_t errlen);

/**
 * @brief Plan a fetch job: its source and parameters, the output's renderer
 * and folder, the zone and period (none unless given).  Release @p p either way.
 */
or_status or_plan_fetch(struct or_plan *p, const struct or_job *job, const struct or_config *cfg,
                        const struct or_registry *reg, char *err, size_t errlen);

/** @brief Free what @p p owns (not @p p itself). */
void or_plan_release(struct or_plan *p);

#endif

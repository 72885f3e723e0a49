/* SPDX-License-Identifier: MIT */
/**
 * @file job.h
 * @brief One job: a report (`run`, a JOBS.ini entry) or one source into one
 * file (`fetch`), and the exit codes jobs end with.
 *
 * Core only.  The command line builds a job from argv (cli/), a batch one
 * per JOBS.ini section (jobs_file.h); every job then goes through the same
 * pipeline: plan (plan.h), fetch (fetch/sources.h), evaluate
 * (report/evaluate.h), render (report/render.h), deliver
 * (deliver/deliver.h).
 *
 * Exit codes (stable, documented in README): 0 success; 1 any other failure
 * (files, renderers); 2 usage, configuration or template error; 3 a source
 * failed (HTTP, network, malformed data, paging), or in a batch a job failed.
 */
#ifndef OR_JOB_H
#define OR_JOB_H

#include <glib.h>

#include "outreport/status.h"

enum { OR_EXIT_OK = 0, OR_EXIT_FAILURE = 1, OR_EXIT_USAGE = 2, OR_EXIT_SOURCE = 3 };

/** @brief The documented exit code of a status. */
int or_exit_code(or_status st);

/** What a job makes. */
enum or_job_kind {
    OR_JOB_REPORT = 0, /**< a template's documents (run, batch) */
    OR_JOB_FETCH,      /**< one source into one file (fetch) */
};

/**
 * A job.  Strings are borrowed from argv or the jobs file (both outlive the
 * job); the lists and out_dir are owned: or_job_init() makes them,
 * or_job_clear() frees them.
 */
struct or_job {
    enum or_job_kind kind;
    const char *name;         /**< a batch's job name ("weekly"), else NULL */
    const char *target;       /**< REPORT: the template (name or path); FETCH: the SOURCE */
    const char *output;       /**< FETCH: -o FILE */
    const char *period;       /**< --period, or NULL */
    const char *from, *to;    /**< --from / --to, or NULL */
    const char *tz;           /**< --tz, or NULL: [report] timezone */
    GPtrArray *params;        /**< FETCH: endpoint parameters "KEY=VALUE" (owned strings) */
    GPtrArray *options;       /**< renderer options "KEY=VALUE" (owned strings) */
    const char *formats;      /**< REPORT: "pdf,xlsx,csv", or NULL: every available */
    char *out_dir;            /**< REPORT: output folder (owned; "." when not given) */
    int strict;               /**< REPORT: a failed source fails the job, no documents */
    const char *split_by;     /**< REPORT: COLUMN[,COLUMN...], or NULL */
    const char *split_label;  /**< REPORT: the column naming a split's person, or NULL: the
                                   matching name column (rep_email -> rep_name) */
    GPtrArray *mail_to;       /**< REPORT: recipients, {COLUMN} for splits (owned strings) */
    GPtrArray *mail_cc;       /**< REPORT: copies of the roll-up (owned strings) */
    const char *mail_subject; /**< REPORT: subject pattern, or NULL */
    const char *locale;       /**< REPORT: --locale (or a jobs file's locale), or NULL */
    int dry_run;              /**< REPORT: write files, send nothing */
    const char *replay_dir;   /**< serve HTTP from this recording, or NULL */
    const char *record_dir;   /**< save HTTP into this recording, or NULL */
    int no_cache;             /**< do not use the HTTP response cache */
    int progress;             /**< a progress line on stderr while fetching */
    int threads;              /**< threads to parse and render on; 0: one per processor */
    const char *store; /**< --store URL, or NULL: $OUTREPORT_STORE, [store] url (jobstore.h) */
    GPtrArray *vars;   /**< REPORT: template variables "KEY=VALUE" (owned strings) */
};

/** @brief An empty job of @p kind, its lists allocated.  Release with or_job_clear(). */
void or_job_init(struct or_job *j, enum or_job_kind kind);

/** @brief Free what the job owns (not @p j itself). */
void or_job_clear(struct or_job *j);

/** @brief Add every non-empty item of the comma-separated @p csv (NULL: none) to @p list. */
void or_job_add_list(GPtrArray *list, const char *csv);

/** @brief Add a copy of every string of @p from to @p to. */
void or_job_add_all(GPtrArray *to, const GPtrArray *from);

/** @brief A copy of @p from's settings into @p to (initialised): lists copied. */
void or_job_copy(struct or_job *to, const struct or_job *from);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file pipeline.h
 * @brief A report job after its plan: fetch, evaluate, render, deliver.
 *
 * Core only.  `run` and every job of a batch go through the same stages:
 *
 *   or_plan_report()      plan (plan.h): template, sources, period, formats
 *   or_run_open()         the job's own dataset, with the zone's SQL functions
 *   or_run_fetch()        fetch (fetch/sources.h) each distinct source once;
 *     or or_run_sync()    or bring the store up to date and read from it (job/sync.h);
 *     or or_run_take()    or copy the tables a batch fetched for every job
 *   or_run_report()       evaluate (report/evaluate.h), render
 *                         (report/render.h) and deliver (deliver/deliver.h)
 *                         the roll-up and every split; write manifest.json
 *
 * The result is the exit code and the manifest (or_run.manifest), which
 * `--json` prints and a batch job hands to its parent.
 */
#ifndef OR_PIPELINE_H
#define OR_PIPELINE_H

#include <glib.h>
#include <jansson.h>

#include "dataset/dataset.h"
#include "fetch/sources.h"
#include "job/plan.h"

/** A report job on its way through the stages.  or_run_release() frees what it owns. */
struct or_run {
    struct or_plan *plan;  /**< the job's plan (borrowed; its sources hold the fetch results) */
    struct or_dataset *ds; /**< the job's dataset (owned) */
    GArray *docs;          /**< struct or_rendered_doc, every document written (owned) */
    json_t *files;         /**< manifest "files" (owned) */
    json_t *splits;        /**< manifest "splits" (owned) */
    json_t *mails;         /**< manifest "mails" (owned) */
    json_t *notifications; /**< manifest "notifications": chat posts ([notify]) (owned) */
    json_t *sections;      /**< manifest "sections" of the roll-up, or NULL (owned) */
    json_t *manifest;      /**< after or_run_report(): what manifest.json holds (owned) */
    int any_failed;        /**< a source failed */
    int split_exit;        /**< the exit code of the first split skipped or failed, or 0 */
    char err[OR_ERR_SIZE]; /**< or_run_report()'s first error */
};

/**
 * @brief Start the run of @p plan: a new dataset with the zone's SQL functions.
 * @return OR_OK, or OR_ERR_DATASET with @p err set.  Release @p R either way.
 */
or_status or_run_open(struct or_run *R, struct or_plan *plan, char *err, size_t errlen);

/**
 * @brief The fetch stage of one job: every distinct source of the plan
 * once, into the job's dataset (a source the same as another one gets a
 * copy of its table).  A failed source leaves an empty table and is
 * recorded in the plan and in R->any_failed; the others go on.
 * @return OR_OK, or OR_ERR_DATASET (@p err) when a table cannot be copied.
 */
or_status or_run_fetch(struct or_run *R, const struct or_fetch_env *env, char *err, size_t errlen);

struct or_sync_env;

/**
 * @brief Instead of or_run_fetch() when a store is configured: bring the
 * store up to date for every distinct source (job/sync.h), under the
 * store's writer lock, then read each source's table from the store.
 * @return OR_OK (a failed source is recorded as with or_run_fetch()), or
 *         the store's error (OR_ERR_DATASET) with @p err set.
 */
or_status or_run_sync(struct or_run *R, const struct or_sync_env *env, char *err, size_t errlen);

/**
 * @brief Instead of or_run_fetch() in a batch: copy every source's table
 * from the dataset file @p path, where the batch fetched every job's
 * sources (or_sources_share(): each source's origin says which table).
 * @return OR_OK, or OR_ERR_DATASET with @p err set.
 */
or_status or_run_take(struct or_run *R, const char *path, char *err, size_t errlen);

/**
 * @brief `--keep-dataset FILE`: write the job's dataset, every source's table
 * with its declared types, to the SQLite database @p path (atomically:
 * written beside it, then renamed), with a table outreport_sources saying
 * what each table is (source, parameters, period, zone, status, rows).
 * @return OR_OK, or OR_ERR_IO with @p err naming the file.
 */
or_status or_run_keep(struct or_run *R, const char *path, char *err, size_t errlen);

/**
 * @brief Evaluate, render and deliver the roll-up and every split, and
 * write manifest.json; with --strict and a failed source, refuse instead
 * (manifest "refused", no documents).  Logs the failure.
 * @return The job's exit code.
 */
int or_run_report(struct or_run *R);

/**
 * @brief What `--json` and a batch report for a job: its manifest, or when
 * it never got that far {"status": "failed", "error": ...} with @p err.
 * @return A new reference.
 */
json_t *or_run_summary(const struct or_run *R, const char *err);

/** @brief Free what @p R owns (not the plan). */
void or_run_release(struct or_run *R);

#endif

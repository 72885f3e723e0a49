/* SPDX-License-Identifier: MIT */
/**
 * @file batch.h
 * @brief Many report jobs in one run: fetches shared as data, jobs in parallel.
 *
 * Core only.  Every job is planned first (a job whose plan fails ends
 * there, with its message).  The sources of all jobs are then fetched into
 * one dataset file in a private folder under $TMPDIR, each distinct source
 * (endpoint, parameters, period, zone) once (fetch/sources.h).  Then every
 * job evaluates, renders and mails in a child process of its own, at most
 * one per processor at once, each on its share of the processors: it
 * copies the tables it reads from that file into a dataset of its own
 * (attached read-only: no process writes a page another one reads) and
 * hands its manifest back to the batch through a pipe.  A failing job
 * never stops the others.  Stopped by a signal, the batch stops its
 * children and removes the folder (base/cleanup.h).
 */
#ifndef OR_BATCH_H
#define OR_BATCH_H

#include <jansson.h>

#include "base/config.h"
#include "job/job.h"
#include "plugin/plugin_loader.h"

/** What became of one job. */
struct or_batch_result {
    int exit_code;    /**< the job's exit code (job.h) */
    json_t *manifest; /**< its manifest, or its failure, or NULL (owned: json_decref()) */
};

/**
 * @brief Run the @p n jobs of @p jobs.  Their HTTP settings (--replay,
 * --record, --no-cache) are the first job's: a batch has one command line.
 * @param results receives one result per job (caller-allocated, @p n entries).
 */
void or_batch_run(struct or_job *jobs, size_t n, const struct or_config *cfg,
                  const struct or_registry *reg, struct or_batch_result *results);

#endif

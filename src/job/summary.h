/* SPDX-License-Identifier: MIT */
/**
 * @file summary.h
 * @brief What `run --json` and `batch --json` print: one JSON document of
 * one shape, written down in docs/run-summary.schema.json.
 *
 * Core only.  {"outreport", "status", "exit_code", "jobs_ok", "jobs_failed",
 * "jobs": [{"job", "exit_code", "out", "manifest"}]}: `run` is a batch of one
 * job named after its template.  A job's manifest is what its manifest.json
 * holds, or {"status": "failed", "error"} when it stopped before it had one.
 */
#ifndef OR_SUMMARY_H
#define OR_SUMMARY_H

#include <jansson.h>
#include <stdio.h>

/** @brief An empty summary (json_decref()). */
json_t *or_summary_new(void);

/**
 * @brief Add a job: its name, exit code, output folder and manifest (a
 * reference is taken; NULL: {"status": "failed", "error": @p error}).
 */
void or_summary_add(json_t *summary, const char *job, int exit_code, const char *out,
                    json_t *manifest, const char *error);

/**
 * @brief Set the totals ("status" ok when @p exit_code is 0) and print the
 * summary to @p to as the one document on it, followed by a newline, whole
 * or not at all also when a signal stops the process meanwhile
 * (or_write_whole(), base/cleanup.h).
 */
void or_summary_print(json_t *summary, int exit_code, FILE *to);

#endif

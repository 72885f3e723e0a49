/* SPDX-License-Identifier: MIT */
/**
 * @file jobs_file.h
 * @brief JOBS.ini: the jobs of a batch, one [section] each.
 *
 * Core only.  Keys: template (required), period, from, to, tz, formats, out
 * (default ROOT/FOLDER, FOLDER the job's name made safe: see job_folder() in
 * jobs_file.c), mail_to, mail_cc, mail_subject, split_by, strict,
 * options (KEY=VALUE,...).  [defaults] holds keys the jobs share; a job's
 * own key wins.  Every job starts as a copy of the command line's settings:
 * its keys replace them, except that recipients and renderer options on the
 * command line are kept besides the job's own.  A section "job NAME" is job
 * NAME.
 */
#ifndef OR_JOBS_FILE_H
#define OR_JOBS_FILE_H

#include <glib.h>

#include "base/config.h"
#include "job/job.h"

/**
 * @brief Read @p path into jobs.
 * @param base the command line's settings (borrowed).
 * @param out_root the folder jobs write to unless they say `out` (JOB below it).
 * @param file receives the loaded file, owned (or_config_free()), also on
 *        failure: the jobs borrow its strings, so free it after them.
 * @param jobs receives an owned array of struct or_job: or_job_clear() each,
 *        then g_array_free(jobs, TRUE); also on failure (the jobs read so far).
 * @return OR_OK; OR_ERR_CONFIG naming the file, section and key (unknown key,
 *         no template, two jobs writing to one folder, no jobs at all).  A
 *         template that does not exist fails its job when it is planned.
 */
or_status or_jobs_load(const char *path, const struct or_job *base, const char *out_root,
                       struct or_config **file, GArray **jobs, char *err, size_t errlen);

#endif

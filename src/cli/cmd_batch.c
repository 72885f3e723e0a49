/* SPDX-License-Identifier: MIT */
/* `outreport batch JOBS.ini`: the jobs of the file (job/jobs_file.h), run
 * with fetches shared as data and jobs in parallel (job/batch.h). */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "cli/cli.h"
#include "job/batch.h"
#include "job/jobs_file.h"
#include "job/summary.h"

/* One line per job on stderr, or with --json one document on stdout. */
static int
report(const struct or_cli *cli, const GArray *jobs, struct or_batch_result *results)
{
    json_t *summary = or_summary_new();
    int failed = 0;
    for (guint i = 0; i < jobs->len; i++) {
        const struct or_job *j = &g_array_index(jobs, struct or_job, i);
        int rc = results[i].exit_code;
        failed += rc != 0;
        or_summary_add(summary, j->name, rc, j->out_dir, results[i].manifest, NULL);
        json_decref(results[i].manifest);
        results[i].manifest = NULL;
        if (!cli->json && cli->verbosity >= 0) {
            /* A usage or configuration error stops a job before it writes anything. */
            fprintf(stderr, "job %s: %s (exit %d), %s%s\n", j->name, rc == 0 ? "ok" : "FAILED", rc,
                    rc == OR_EXIT_USAGE ? "nothing written" : "documents in ",
                    rc == OR_EXIT_USAGE ? "" : j->out_dir);
        }
    }
    int rc = failed > 0 ? OR_EXIT_SOURCE : OR_EXIT_OK;
    if (cli->json) {
        or_summary_print(summary, rc, stdout);
    }
    json_decref(summary);
    return rc;
}

int
or_cmd_batch(struct or_app *app)
{
    const struct or_cli *cli = app->cli;
    struct or_config *file = NULL;
    GArray *jobs = NULL;
    char err[OR_ERR_SIZE] = "";
    int rc;

    if (cli->nargs != 1) {
        or_log(OR_LOG_ERROR, "batch needs exactly one JOBS.ini file");
        return OR_EXIT_USAGE;
    }
    if (!g_file_test(cli->args[0], G_FILE_TEST_IS_REGULAR)) {
        or_log(OR_LOG_ERROR, "batch: %s: no such file", cli->args[0]);
        return OR_EXIT_USAGE;
    }
    struct or_job base;
    or_cli_job(cli, OR_JOB_REPORT, &base);
    const char *out_root = cli->out_dir != NULL ? cli->out_dir : ".";
    if (or_jobs_load(cli->args[0], &base, out_root, &file, &jobs, err, sizeof(err)) != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
        rc = OR_EXIT_USAGE;
    }
    else {
        struct or_batch_result *results = g_new0(struct or_batch_result, jobs->len);
        or_batch_run((struct or_job *)(void *)jobs->data, jobs->len, app->cfg, app->reg, results);
        rc = report(cli, jobs, results);
        g_free(results);
    }
    g_array_free(jobs, TRUE);
    or_config_free(file);
    or_job_clear(&base);
    return rc;
}

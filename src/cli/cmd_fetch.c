/* SPDX-License-Identifier: MIT */
/* `outreport fetch SOURCE -o FILE`: one endpoint, one table, one file.  A
 * composition of the pipeline's stages: plan (job/plan.h), then fetch and
 * render in one (job/export.h). */
#include <stdio.h>

#include "base/log.h"
#include "base/status_str.h"
#include "cli/cli.h"
#include "job/export.h"
#include "job/jobctx.h"
#include "job/plan.h"
#include "job/replay_hint.h"

static or_status
check_args(const struct or_cli *cli, char *err, size_t errlen)
{
    if (cli->nargs != 1) {
        or_set_err(err, errlen, "fetch needs exactly one SOURCE (e.g. salesfinity.call-log)");
        return OR_ERR_INVALID;
    }
    if (cli->output == NULL) {
        or_set_err(err, errlen, "fetch needs -o FILE (e.g. -o calls.csv)");
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

/* "wrote FILE: N rows from M pages ...", on the terminal or with -v. */
static void
say_written(const struct or_cli *cli, const struct or_fetch_stats *stats)
{
    char what[160];
    or_fetch_stats_describe(stats, what, sizeof(what));
    if (cli->progress) {
        fprintf(stderr, "wrote %s: %s\n", cli->output, what);
    }
    else {
        or_log(OR_LOG_INFO, "wrote %s: %s", cli->output, what);
    }
}

/* A replay that lacks the request says which periods the recording has, as
 * `run --replay` does. */
static void
say_coverage(const struct or_plan *plan)
{
    char *covers = or_replay_coverage(plan->job->replay_dir, plan->tz);
    char *asked = or_replay_asked(&plan->sources[0]);
    or_replay_say(plan->job->replay_dir, covers, asked, "--period");
    g_free(asked);
    g_free(covers);
}

int
or_cmd_fetch(struct or_app *app)
{
    struct or_job job;
    struct or_plan plan = {0};
    struct or_http *http = NULL;
    struct or_fetch_stats stats = {0};
    char err[OR_ERR_SIZE] = "";

    or_cli_job(app->cli, OR_JOB_FETCH, &job);
    or_status st = check_args(app->cli, err, sizeof(err));
    if (st == OR_OK) {
        st = or_plan_fetch(&plan, &job, app->cfg, app->reg, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = or_job_http(&job, app->cfg, &http, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = or_export_run(&plan, http, &stats, err, sizeof(err));
    }
    if (st == OR_OK) {
        say_written(app->cli, &stats);
    }
    else {
        or_log(OR_LOG_ERROR, "%s", err);
    }
    if (st == OR_ERR_REPLAY && job.replay_dir != NULL) {
        say_coverage(&plan);
    }
    or_http_free(http);
    or_plan_release(&plan);
    or_job_clear(&job);
    return or_exit_code(st);
}

/* SPDX-License-Identifier: MIT */
/* `outreport run TEMPLATE` and `outreport validate TEMPLATE`: compositions
 * of the pipeline's stages (job/pipeline.h). */
#include <stdio.h>

#include "base/log.h"
#include "base/status_str.h"
#include "cli/cli.h"
#include "job/jobctx.h"
#include "job/jobstore.h"
#include "job/pipeline.h"
#include "job/summary.h"
#include "job/sync.h"
#include "report/evaluate.h"

static or_status
one_template(const struct or_cli *cli, char *err, size_t errlen)
{
    if (cli->nargs != 1) {
        or_set_err(err, errlen, "expected exactly one TEMPLATE (a file or a shipped name)");
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

/* The fetch stage: the job's HTTP client, then every distinct source once,
 * through the store when there is one. */
static or_status
fetch(struct or_run *R, const struct or_job *job, const struct or_config *cfg, char *err,
      size_t errlen)
{
    struct or_http *http = NULL;
    struct or_job_store js;
    or_status st = or_job_store_open(job, cfg, &js, err, errlen);
    if (st == OR_OK) {
        st = or_job_http(job, cfg, &http, err, errlen);
    }
    struct or_fetch_env env = {cfg, http, job->progress, job->replay_dir != NULL, job->threads};
    if (st == OR_OK && js.store == NULL) {
        st = or_run_fetch(R, &env, err, errlen);
    }
    else if (st == OR_OK) {
        struct or_sync_env se;
        st = or_job_store_env(&js, cfg, R->plan->tz, &env, &se, err, errlen);
        if (st == OR_OK) {
            st = or_run_sync(R, &se, err, errlen);
        }
    }
    or_http_free(http);
    or_job_store_close(&js);
    return st;
}

int
or_cmd_run(struct or_app *app)
{
    struct or_job job;
    struct or_plan plan = {0};
    struct or_run R = {0};
    char err[OR_ERR_SIZE] = "";
    int rc;

    or_cli_job(app->cli, OR_JOB_REPORT, &job);
    or_status st = one_template(app->cli, err, sizeof(err));
    if (st == OR_OK) {
        st = or_plan_report(&plan, &job, app->cfg, app->reg, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = or_run_open(&R, &plan, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = fetch(&R, &job, app->cfg, err, sizeof(err));
    }
    if (st == OR_OK && app->cli->keep_dataset != NULL) {
        /* Before the template runs: its author can look at what it failed on. */
        st = or_run_keep(&R, app->cli->keep_dataset, err, sizeof(err));
    }
    if (st == OR_OK) {
        rc = or_run_report(&R);
    }
    else {
        or_log(OR_LOG_ERROR, "%s", err);
        rc = or_exit_code(st);
    }
    if (app->cli->json) {
        json_t *sum = or_summary_new();
        json_t *m = or_run_summary(&R, err);
        or_summary_add(sum, plan.tpl != NULL ? plan.tpl->name : job.target, rc, job.out_dir, m,
                       err);
        json_decref(m);
        or_summary_print(sum, rc, stdout);
        json_decref(sum);
    }
    or_run_release(&R);
    or_plan_release(&plan);
    or_job_clear(&job);
    return rc;
}

int
or_cmd_validate(struct or_app *app)
{
    struct or_job job;
    struct or_plan plan = {0};
    struct or_run R = {0};
    char err[OR_ERR_SIZE] = "";
    GPtrArray *lenient = g_ptr_array_new();

    or_cli_job(app->cli, OR_JOB_REPORT, &job);
    or_status st = one_template(app->cli, err, sizeof(err));
    if (st == OR_OK) {
        st = or_plan_template(&plan, &job, app->cfg, app->reg, err, sizeof(err));
    }
    if (st == OR_OK) {
        st = or_run_open(&R, &plan, err, sizeof(err));
    }
    /* Every source's table, empty: the SQL is checked against their columns. */
    for (size_t i = 0; st == OR_OK && i < plan.nsources; i++) {
        const struct or_source *s = &plan.sources[i];
        st = or_source_create_empty(R.ds, s, s->alias, err, sizeof(err));
        if (s->ep->dynamic_columns) {
            g_ptr_array_add(lenient, (gpointer)s->alias);
        }
    }
    g_ptr_array_add(lenient, NULL);
    if (st == OR_OK) {
        st = or_sync_coverage_table(NULL, 0, R.ds, 1, err, sizeof(err));
    }
    char **cols = job.split_by != NULL ? g_strsplit(job.split_by, ",", -1) : NULL;
    for (char **c = cols; c != NULL && *c != NULL; c++) {
        g_strstrip(*c);
    }
    /* A split's views filter on a value: any will do over empty tables. */
    struct or_split split = {.cols = cols, .value = "validate", .label = "validate"};
    if (st == OR_OK) {
        struct or_eval_input in = {.tpl = plan.tpl,
                                   .ds = R.ds,
                                   .tz = plan.tz,
                                   .vars = (const char *const *)plan.vars,
                                   .split = cols != NULL ? &split : NULL};
        st = or_eval_check(&in, (const char *const *)lenient->pdata, err, sizeof(err));
    }
    g_strfreev(cols);
    if (st == OR_OK) {
        printf("%s: ok: %zu sources, %zu sections\n", plan.tpl->path, plan.tpl->nsources,
               plan.tpl->nsections);
    }
    else {
        or_log(OR_LOG_ERROR, "%s", err);
    }
    g_ptr_array_free(lenient, TRUE);
    or_run_release(&R);
    or_plan_release(&plan);
    or_job_clear(&job);
    return or_exit_code(st == OR_ERR_INVALID ? OR_ERR_CONFIG : st);
}

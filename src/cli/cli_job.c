/* SPDX-License-Identifier: MIT */
/* The job the command line describes. */
#include "cli/cli.h"

void
or_cli_job(const struct or_cli *cli, enum or_job_kind kind, struct or_job *job)
{
    or_job_init(job, kind);
    job->target = cli->nargs > 0 ? cli->args[0] : NULL;
    job->output = cli->output;
    job->period = cli->period;
    job->from = cli->from;
    job->to = cli->to;
    job->tz = cli->tz;
    or_job_add_all(job->params, cli->params);
    or_job_add_all(job->options, cli->options);
    job->formats = cli->formats;
    if (cli->out_dir != NULL) {
        g_free(job->out_dir);
        job->out_dir = g_strdup(cli->out_dir);
    }
    job->strict = cli->strict;
    job->split_by = cli->split_by;
    job->split_label = cli->split_label;
    job->locale = cli->locale;
    or_job_add_all(job->mail_to, cli->mail_to);
    or_job_add_all(job->mail_cc, cli->mail_cc);
    job->mail_subject = cli->mail_subject;
    job->dry_run = cli->dry_run;
    job->replay_dir = cli->replay_dir;
    job->record_dir = cli->record_dir;
    job->no_cache = cli->no_cache;
    job->progress = cli->progress;
    job->store = cli->store;
    or_job_add_all(job->vars, cli->vars);
}

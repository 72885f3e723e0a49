/* SPDX-License-Identifier: MIT */
/* The job the command line describes. */
#include "cli/cli.h"

static void
copy_list(GPtrArray *to, const GPtrArray *from)
{
    for (guint i = 0; i < from->len; i++) {
        g_ptr_array_add(to, g_strdup(g_ptr_array_index(from, i)));
    }
}

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
    copy_list(job->params, cli->params);
    copy_list(job->options, cli->options);
    job->formats = cli->formats;
    if (cli->out_dir != NULL) {
        g_free(job->out_dir);
        job->out_dir = g_strdup(cli->out_dir);
    }
    job->strict = cli->strict;
    job->split_by = cli->split_by;
    copy_list(job->mail_to, cli->mail_to);
    copy_list(job->mail_cc, cli->mail_cc);
    job->mail_subject = cli->mail_subject;
    job->dry_run = cli->dry_run;
    job->replay_dir = cli->replay_dir;
    job->record_dir = cli->record_dir;
    job->no_cache = cli->no_cache;
    job->progress = cli->progress;
}

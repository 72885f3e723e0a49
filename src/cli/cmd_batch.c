/* SPDX-License-Identifier: MIT */
/*
 * `outreport batch JOBS.ini`: many report jobs in one run.
 *
 * Phase 1 fetches every job's sources one job after another through a
 * private response cache, so a source with the same endpoint, parameters and
 * period is requested from the vendor once and shared.  Phase 2 renders the
 * jobs in parallel, one child process per job (at most one per core), all
 * served from that cache; a failing job never stops the others.
 */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cli/cli.h"
#include "base/log.h"
#include "base/tmpfile.h"
#include "report/template.h"

static const char *const job_keys[] = {"template", "period", "from",    "to",      "tz",
                                       "formats",  "out",    "mail_to", "mail_cc", "mail_subject",
                                       "split_by", "strict", "options", NULL};

struct job {
    char *name;
    struct or_cli cli; /* the command line's, with this job's settings */
    char *out_dir;
    GPtrArray *options; /* "KEY=VALUE", owned */
    pid_t pid;
    int exit_code;
    int done; /* failed for good in phase 1: not run again */
};

static const char *
job_value(const struct or_config *jobs, const char *section, const char *key)
{
    const char *v = or_config_get(jobs, section, key);
    return v != NULL ? v : or_config_get(jobs, "defaults", key);
}

static or_status
check_keys(const struct or_config *jobs, const char *section, char *err, size_t errlen)
{
    char **keys = or_config_keys(jobs, section);
    or_status st = OR_OK;
    for (char **k = keys; *k != NULL && st == OR_OK; k++) {
        int ok = 0;
        for (const char *const *a = job_keys; *a != NULL; a++) {
            ok = ok || strcmp(*a, *k) == 0;
        }
        if (!ok) {
            snprintf(err, errlen,
                     "%s: [%s] %s: unknown key (jobs take: template, period, from, "
                     "to, tz, formats, out, mail_to, mail_cc, mail_subject, split_by, "
                     "strict, options)",
                     or_config_path(jobs), section, *k);
            st = OR_ERR_CONFIG;
        }
    }
    g_strfreev(keys);
    return st;
}

static void
add_list(GPtrArray *list, const char *csv)
{
    if (csv == NULL) {
        return;
    }
    char **parts = g_strsplit(csv, ",", -1);
    for (char **p = parts; *p != NULL; p++) {
        g_strstrip(*p);
        if (**p != '\0') {
            g_ptr_array_add(list, g_strdup(*p));
        }
    }
    g_strfreev(parts);
}

/* Builds a job from its section: the command line's settings, overridden. */
static gpointer
copy_string(gconstpointer s, gpointer unused)
{
    (void)unused;
    return g_strdup(s);
}

static or_status
make_job(const struct or_config *jobs, const char *section, const struct or_cli *base,
         const char *out_root, struct job *j, char *err, size_t errlen)
{
    memset(j, 0, sizeof(*j));
    j->name = g_strdup(g_str_has_prefix(section, "job ") ? section + 4 : section);
    j->cli = *base;
    j->cli.args = NULL; /* set below; never the command line's own */
    j->cli.nargs = 0;
    j->cli.json = 0;
    j->cli.progress = 0;
    /* Recipients on the command line get every job's documents, besides the
     * job's own. */
    j->cli.mail_to = g_ptr_array_copy(base->mail_to, copy_string, NULL);
    j->cli.mail_cc = g_ptr_array_copy(base->mail_cc, copy_string, NULL);
    g_ptr_array_set_free_func(j->cli.mail_to, g_free);
    g_ptr_array_set_free_func(j->cli.mail_cc, g_free);
    j->options = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < base->options->len; i++) {
        g_ptr_array_add(j->options, g_strdup(g_ptr_array_index(base->options, i)));
    }
    j->cli.options = j->options;
    or_status st = check_keys(jobs, section, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    const char *tpl = job_value(jobs, section, "template");
    if (tpl == NULL) {
        snprintf(err, errlen, "%s: [%s]: missing 'template'", or_config_path(jobs), section);
        return OR_ERR_CONFIG;
    }
    char *found = or_template_find(tpl);
    if (found == NULL) {
        snprintf(err, errlen, "%s: [%s] template: '%s' not found", or_config_path(jobs), section,
                 tpl);
        return OR_ERR_CONFIG;
    }
    g_free(found);
    /* Positional argument of `run`: borrowed from the jobs config, which outlives the job. */
    j->cli.args = (char **)g_new0(char *, 2);
    j->cli.args[0] = (char *)tpl;
    j->cli.nargs = 1;
    if (job_value(jobs, section, "period") != NULL) {
        j->cli.period = job_value(jobs, section, "period");
    }
    if (job_value(jobs, section, "from") != NULL) {
        j->cli.from = job_value(jobs, section, "from");
        j->cli.to = job_value(jobs, section, "to");
    }
    if (job_value(jobs, section, "tz") != NULL) {
        j->cli.tz = job_value(jobs, section, "tz");
    }
    if (job_value(jobs, section, "formats") != NULL) {
        j->cli.formats = job_value(jobs, section, "formats");
    }
    if (job_value(jobs, section, "split_by") != NULL) {
        j->cli.split_by = job_value(jobs, section, "split_by");
    }
    if (job_value(jobs, section, "mail_subject") != NULL) {
        j->cli.mail_subject = job_value(jobs, section, "mail_subject");
    }
    const char *strict = job_value(jobs, section, "strict");
    if (strict != NULL) {
        j->cli.strict = g_ascii_strcasecmp(strict, "true") == 0 || strcmp(strict, "1") == 0 ||
                        g_ascii_strcasecmp(strict, "yes") == 0;
    }
    add_list(j->cli.mail_to, job_value(jobs, section, "mail_to"));
    add_list(j->cli.mail_cc, job_value(jobs, section, "mail_cc"));
    add_list(j->options, job_value(jobs, section, "options"));
    const char *out = or_config_get(jobs, section, "out");
    j->out_dir = out != NULL ? g_strdup(out) : g_build_filename(out_root, j->name, NULL);
    j->cli.out_dir = j->out_dir;
    return OR_OK;
}

static void
job_free(struct job *j)
{
    g_free(j->name);
    g_free(j->out_dir);
    g_free(j->cli.args);
    g_ptr_array_free(j->cli.mail_to, TRUE);
    g_ptr_array_free(j->cli.mail_cc, TRUE);
    g_ptr_array_free(j->options, TRUE);
}

static int
run_job(struct or_app *app, struct job *j)
{
    struct or_app a = *app;
    a.cli = &j->cli;
    char ctx[96];
    snprintf(ctx, sizeof(ctx), "job %s", j->name);
    or_log_set_context(ctx);
    int rc = or_cmd_run(&a);
    or_log_set_context(NULL);
    return rc;
}

/* Runs every job in a child process, at most @p parallel at once. */
static void
run_parallel(struct or_app *app, struct job *jobs, size_t n, int parallel)
{
    size_t next = 0, running = 0;
    fflush(stdout);
    fflush(stderr);
    while (next < n || running > 0) {
        while (next < n && running < (size_t)parallel) {
            if (jobs[next].done) {
                next++;
                continue;
            }
            pid_t pid = fork();
            if (pid == 0) {
                or_cleanup_after_fork();
                int rc = run_job(app, &jobs[next]);
                fflush(stdout);
                fflush(stderr);
                _exit(rc);
            }
            if (pid < 0) {
                or_log(OR_LOG_ERROR, "job %s: cannot start a process: %s", jobs[next].name,
                       strerror(errno));
                jobs[next].exit_code = OR_EXIT_FAILURE;
            }
            else {
                jobs[next].pid = pid;
                or_cleanup_add_child(pid);
                running++;
            }
            next++;
        }
        int st = 0;
        pid_t done = wait(&st);
        if (done < 0) {
            break;
        }
        for (size_t i = 0; i < n; i++) {
            if (jobs[i].pid == done) {
                or_cleanup_forget_child(done);
                jobs[i].exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : OR_EXIT_FAILURE;
                jobs[i].pid = 0;
                running--;
            }
        }
    }
}

static json_t *
job_summary(const struct job *j)
{
    char *mpath = g_build_filename(j->out_dir, "manifest.json", NULL);
    json_error_t jerr;
    json_t *manifest = json_load_file(mpath, 0, &jerr);
    g_free(mpath);
    json_t *o =
        json_pack("{s:s, s:i, s:s}", "job", j->name, "exit_code", j->exit_code, "out", j->out_dir);
    json_object_set_new(o, "manifest", manifest != NULL ? manifest : json_null());
    return o;
}

int
or_cmd_batch(struct or_app *app)
{
    struct or_cli *cli = app->cli;
    struct or_config *jobs_cfg = NULL;
    char err[OR_ERR_SIZE] = "";
    GArray *jobs = g_array_new(FALSE, TRUE, sizeof(struct job));
    char *cache = NULL;
    int rc = OR_EXIT_OK;

    if (cli->nargs != 1) {
        or_log(OR_LOG_ERROR, "batch needs exactly one JOBS.ini file");
        g_array_free(jobs, TRUE);
        return OR_EXIT_USAGE;
    }
    if (!g_file_test(cli->args[0], G_FILE_TEST_IS_REGULAR)) {
        or_log(OR_LOG_ERROR, "batch: %s: no such file", cli->args[0]);
        g_array_free(jobs, TRUE);
        return OR_EXIT_USAGE;
    }
    if (or_config_load(cli->args[0], &jobs_cfg, err, sizeof(err)) != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
        g_array_free(jobs, TRUE);
        return OR_EXIT_USAGE;
    }
    size_t nsec = 0;
    const char *const *sections = or_config_sections(jobs_cfg, &nsec);
    const char *out_root = cli->out_dir != NULL ? cli->out_dir : ".";
    for (size_t i = 0; i < nsec && rc == OR_EXIT_OK; i++) {
        if (strcmp(sections[i], "defaults") == 0) {
            continue;
        }
        struct job j;
        if (make_job(jobs_cfg, sections[i], cli, out_root, &j, err, sizeof(err)) != OR_OK) {
            rc = OR_EXIT_USAGE;
        }
        g_array_append_val(jobs, j);
        for (guint k = 0; rc == OR_EXIT_OK && k + 1 < jobs->len; k++) {
            struct job *other = &g_array_index(jobs, struct job, k);
            if (strcmp(other->out_dir, j.out_dir) == 0) {
                snprintf(err, sizeof(err), "%s: jobs '%s' and '%s' write to the same folder %s",
                         cli->args[0], other->name, j.name, j.out_dir);
                rc = OR_EXIT_USAGE;
            }
        }
    }
    if (rc == OR_EXIT_OK && jobs->len == 0) {
        snprintf(err, sizeof(err), "%s: no jobs (one [section] per job, with template = ...)",
                 cli->args[0]);
        rc = OR_EXIT_USAGE;
    }
    if (rc != OR_EXIT_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
        goto done;
    }

    /* Phase 1: fetch, sharing identical requests through a private cache. */
    cache = or_tmpdir_make("outreport-batch-");
    if (cache != NULL) {
        or_cleanup_add_dir(cache);
    }
    for (guint i = 0; i < jobs->len; i++) {
        struct job *j = &g_array_index(jobs, struct job, i);
        j->cli.cache_dir = cache;
        j->cli.fetch_only = 1;
        int fetched = run_job(app, j);
        j->cli.fetch_only = 0;
        /* A template, configuration or usage error would only be found and
         * reported again; a failed source still gets its documents (with the
         * source's sections marked unavailable) in phase 2. */
        if (fetched == OR_EXIT_USAGE) {
            j->exit_code = fetched;
            j->done = 1;
        }
    }
    /* Phase 2: render (and mail) in parallel, one process per core; each job
     * parses and renders on its share of the cores only, so that the
     * processes do not fight for them. */
    int cores = MAX((int)g_get_num_processors(), 1);
    int parallel = MIN(cores, MAX((int)jobs->len, 1));
    for (guint i = 0; i < jobs->len; i++) {
        g_array_index(jobs, struct job, i).cli.threads = MAX(cores / parallel, 1);
    }
    run_parallel(app, (struct job *)(void *)jobs->data, jobs->len, parallel);

    json_t *summary = json_array();
    int failed = 0;
    for (guint i = 0; i < jobs->len; i++) {
        struct job *j = &g_array_index(jobs, struct job, i);
        failed += j->exit_code != 0;
        json_array_append_new(summary, job_summary(j));
        if (!cli->json && cli->verbosity >= 0) {
            /* A usage or configuration error stops a job before it writes anything. */
            fprintf(stderr, "job %s: %s (exit %d), %s%s\n", j->name,
                    j->exit_code == 0 ? "ok" : "FAILED", j->exit_code,
                    j->exit_code == OR_EXIT_USAGE ? "nothing written" : "documents in ",
                    j->exit_code == OR_EXIT_USAGE ? "" : j->out_dir);
        }
    }
    rc = failed > 0 ? OR_EXIT_SOURCE : OR_EXIT_OK;
    if (cli->json) {
        json_t *root = json_pack("{s:s, s:i, s:i, s:i, s:o}", "status",
                                 failed == 0 ? "ok" : "failed", "exit_code", rc, "jobs_ok",
                                 (int)jobs->len - failed, "jobs_failed", failed, "jobs", summary);
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        fputc('\n', stdout);
        json_decref(root);
    }
    else {
        json_decref(summary);
    }

done:
    if (cache != NULL) {
        or_cleanup_forget(cache);
        or_remove_tree(cache);
        g_free(cache);
    }
    for (guint i = 0; i < jobs->len; i++) {
        job_free(&g_array_index(jobs, struct job, i));
    }
    g_array_free(jobs, TRUE);
    or_config_free(jobs_cfg);
    return rc;
}

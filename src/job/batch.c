/* SPDX-License-Identifier: MIT */
#include "job/batch.h"

#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "base/status_str.h"
#include "base/tmpfile.h"
#include "job/jobctx.h"
#include "job/jobstore.h"
#include "job/pipeline.h"
#include "job/sync.h"
#include "job/plan.h"

struct batch {
    struct or_job *jobs;
    size_t n;
    const struct or_config *cfg;
    const struct or_registry *reg;
    struct or_batch_result *results;
    struct or_plan *plans;
    int *planned;  /* the job's plan succeeded: it goes on */
    char *dir;     /* the private folder, or NULL */
    char *sources; /* the dataset file every source was fetched into */
};

/* A job running in a child process. */
struct child {
    pid_t pid;
    int fd;       /* the read end of its pipe; -1 once it closed */
    GString *out; /* what it wrote: its summary */
    size_t job;
};

static void
set_context(const struct or_job *j)
{
    char ctx[96];
    snprintf(ctx, sizeof(ctx), "job %s", j->name);
    or_log_set_context(ctx);
}

/* Plans every job; a job whose plan fails ends there (it said why). */
static size_t
plan_all(struct batch *B)
{
    size_t planned = 0;
    for (size_t i = 0; i < B->n; i++) {
        char err[OR_ERR_SIZE] = "";
        set_context(&B->jobs[i]);
        or_status st = or_plan_report(&B->plans[i], &B->jobs[i], B->cfg, B->reg, err, sizeof(err));
        for (size_t k = 0; k < i && st == OR_OK; k++) {
            /* Placeholders filled in (outdir.h) may make two folders one. */
            if (B->planned[k] && strcmp(B->jobs[k].out_dir, B->jobs[i].out_dir) == 0) {
                or_set_err(err, sizeof(err), "jobs '%s' and '%s' write to the same folder %s",
                           B->jobs[k].name, B->jobs[i].name, B->jobs[i].out_dir);
                st = OR_ERR_CONFIG;
            }
        }
        or_log_set_context(NULL);
        B->planned[i] = st == OR_OK;
        planned += st == OR_OK;
        if (st != OR_OK) {
            set_context(&B->jobs[i]);
            or_log(OR_LOG_ERROR, "%s", err);
            or_log_set_context(NULL);
            B->results[i].exit_code = or_exit_code(st);
            B->results[i].manifest = json_pack("{s:s, s:s}", "status", "failed", "error", err);
        }
    }
    return planned;
}

/* Ends every planned job with @p st (the fetch could not even start). */
static void
fail_planned(struct batch *B, or_status st, const char *err)
{
    or_log(OR_LOG_ERROR, "%s", err);
    for (size_t i = 0; i < B->n; i++) {
        if (B->planned[i]) {
            B->planned[i] = 0;
            B->results[i].exit_code = or_exit_code(st);
            B->results[i].manifest = json_pack("{s:s, s:s}", "status", "failed", "error", err);
        }
    }
}

/* Every distinct source of every planned job, fetched once into one file. */
static or_status
fetch_shared(struct batch *B, char *err, size_t errlen)
{
    GPtrArray *all = g_ptr_array_new();
    for (size_t i = 0; i < B->n; i++) {
        for (size_t k = 0; B->planned[i] && k < B->plans[i].nsources; k++) {
            g_ptr_array_add(all, &B->plans[i].sources[k]);
        }
    }
    GPtrArray *fetch = or_sources_share((struct or_source *const *)all->pdata, all->len);
    for (guint i = 0; i < fetch->len; i++) {
        struct or_source *s = g_ptr_array_index(fetch, i);
        s->table = g_strdup_printf("source_%u", i + 1);
    }
    struct or_http *http = NULL;
    struct or_dataset *ds = NULL;
    struct or_job_store js = {0};
    const struct or_job *cmd = &B->jobs[0];
    or_status st = or_job_store_open(cmd, B->cfg, &js, err, errlen);
    if (st == OR_OK) {
        st = or_job_http(cmd, B->cfg, &http, err, errlen);
    }
    if (st == OR_OK) {
        st = or_dataset_open(B->sources, &ds, err, errlen);
    }
    struct or_fetch_env env = {B->cfg, http, 0, cmd->replay_dir != NULL, 0};
    if (st == OR_OK && js.store == NULL) {
        or_fetch_sources((struct or_source *const *)fetch->pdata, fetch->len, &env, ds);
    }
    else if (st == OR_OK) {
        struct or_sync_env se;
        GTimeZone *tz = fetch->len > 0 ? ((struct or_source *)fetch->pdata[0])->tz : NULL;
        st = or_job_store_env(&js, B->cfg, tz, &env, &se, err, errlen);
        if (st == OR_OK) {
            st = or_sync_sources((struct or_source *const *)fetch->pdata, fetch->len, &se, ds, err,
                                 errlen);
        }
    }
    /* Closed before any job starts: no connection crosses a fork. */
    or_dataset_free(ds);
    or_http_free(http);
    or_job_store_close(&js);
    g_ptr_array_free(fetch, TRUE);
    g_ptr_array_free(all, TRUE);
    return st;
}

/* In the child: the job's own dataset from the shared file, its documents
 * and mails, its summary into @p fd.  Never returns. */
G_GNUC_NORETURN static void
child_main(struct batch *B, size_t i, int fd)
{
    struct or_run R = {0};
    char err[OR_ERR_SIZE] = "";
    int rc;
    or_cleanup_after_fork();
    set_context(&B->jobs[i]);
    or_status st = or_run_open(&R, &B->plans[i], err, sizeof(err));
    if (st == OR_OK) {
        st = or_run_take(&R, B->sources, err, sizeof(err));
    }
    if (st == OR_OK) {
        rc = or_run_report(&R);
    }
    else {
        or_log(OR_LOG_ERROR, "%s", err);
        rc = or_exit_code(st);
    }
    json_t *summary = or_run_summary(&R, err);
    char *text = json_dumps(summary, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    if (text != NULL) {
        or_write_all(fd, text, strlen(text)); /* else the batch is gone; the exit code tells */
    }
    close(fd);
    fflush(stdout);
    fflush(stderr);
    _exit(rc);
}

static void
start_child(struct batch *B, size_t i, GArray *running)
{
    int fds[2];
    if (pipe(fds) != 0) {
        or_log(OR_LOG_ERROR, "job %s: cannot start a process: %s", B->jobs[i].name,
               g_strerror(errno));
        B->results[i].exit_code = OR_EXIT_FAILURE;
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        child_main(B, i, fds[1]);
    }
    close(fds[1]);
    if (pid < 0) {
        or_log(OR_LOG_ERROR, "job %s: cannot start a process: %s", B->jobs[i].name,
               g_strerror(errno));
        B->results[i].exit_code = OR_EXIT_FAILURE;
        close(fds[0]);
        return;
    }
    or_cleanup_add_child(pid);
    struct child c = {pid, fds[0], g_string_new(NULL), i};
    g_array_append_val(running, c);
}

/* The child closed its pipe: it is ending; its exit code and summary. */
static void
finish_child(struct batch *B, struct child *c)
{
    int status = 0;
    close(c->fd);
    while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR) {
    }
    or_cleanup_forget_child(c->pid);
    struct or_batch_result *r = &B->results[c->job];
    r->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : OR_EXIT_FAILURE;
    r->manifest = c->out->len > 0 ? json_loads(c->out->str, 0, NULL) : NULL;
    g_string_free(c->out, TRUE);
}

/* Reads what the running children wrote; finishes those that closed. */
static void
collect(struct batch *B, GArray *running)
{
    struct pollfd *pfd = g_new0(struct pollfd, running->len);
    for (guint k = 0; k < running->len; k++) {
        pfd[k].fd = g_array_index(running, struct child, k).fd;
        pfd[k].events = POLLIN;
    }
    if (poll(pfd, running->len, -1) < 0 && errno != EINTR) {
        or_log(OR_LOG_ERROR, "batch: waiting for jobs: %s", g_strerror(errno));
    }
    for (guint k = running->len; k-- > 0;) {
        struct child *c = &g_array_index(running, struct child, k);
        if (pfd[k].revents == 0) {
            continue;
        }
        char buf[65536];
        ssize_t got = read(c->fd, buf, sizeof(buf));
        if (got > 0) {
            g_string_append_len(c->out, buf, got);
        }
        else if (got == 0 || errno != EINTR) {
            finish_child(B, c);
            g_array_remove_index(running, k);
        }
    }
    g_free(pfd);
}

/* Every planned job in a child process, at most @p parallel at once. */
static void
run_children(struct batch *B, size_t parallel)
{
    GArray *running = g_array_new(FALSE, TRUE, sizeof(struct child));
    size_t next = 0;
    fflush(stdout);
    fflush(stderr);
    while (next < B->n || running->len > 0) {
        while (next < B->n && running->len < parallel) {
            if (B->planned[next]) {
                start_child(B, next, running);
            }
            next++;
        }
        if (running->len > 0) {
            collect(B, running);
        }
    }
    g_array_free(running, TRUE);
}

void
or_batch_run(struct or_job *jobs, size_t n, const struct or_config *cfg,
             const struct or_registry *reg, struct or_batch_result *results)
{
    struct batch B = {jobs,           n,    cfg, reg, results, g_new0(struct or_plan, n),
                      g_new0(int, n), NULL, NULL};
    char err[OR_ERR_SIZE] = "";
    memset(results, 0, n * sizeof(*results));
    size_t planned = plan_all(&B);
    if (planned > 0) {
        B.dir = or_tmpdir_make("outreport-batch-");
        or_status st = OR_OK;
        if (B.dir == NULL) {
            or_set_err(err, sizeof(err), "batch: cannot create a folder for the fetched data: %s",
                       g_strerror(errno));
            st = OR_ERR_IO;
        }
        else {
            or_cleanup_add_dir(B.dir);
            B.sources = g_build_filename(B.dir, "sources.db", NULL);
            st = fetch_shared(&B, err, sizeof(err));
        }
        if (st != OR_OK) {
            fail_planned(&B, st, err);
        }
    }
    /* Render and mail in parallel, one process per core; each job parses and
     * renders on its share of the cores only, so that they do not fight. */
    size_t cores = MAX(g_get_num_processors(), 1);
    size_t parallel = MIN(cores, MAX(planned, (size_t)1));
    for (size_t i = 0; i < n; i++) {
        jobs[i].threads = (int)MAX(cores / parallel, 1);
    }
    run_children(&B, parallel);
    if (B.dir != NULL) {
        or_cleanup_forget(B.dir);
        or_remove_tree(B.dir);
    }
    for (size_t i = 0; i < n; i++) {
        or_plan_release(&B.plans[i]);
    }
    g_free(B.plans);
    g_free(B.planned);
    g_free(B.sources);
    g_free(B.dir);
}

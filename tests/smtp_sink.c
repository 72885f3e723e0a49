/* SPDX-License-Identifier: MIT */
/* A real SMTP server for tests: tests/smtp_sink.py (aiosmtpd on loopback). */
#include "smtp_sink.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "proc.h"

#define PYTHON "/usr/bin/python3"

static const char *
source_root(void)
{
    const char *s = getenv("OR_SOURCE_ROOT");
    return s != NULL ? s : ".";
}

const char *
sink_script(void)
{
    static char path[1024];
    snprintf(path, sizeof(path), "%s/tests/smtp_sink.py", source_root());
    return path;
}

/* Sinks still running, so a failed assertion (which leaves the test
 * function early) cannot leave one behind: the teardown stops them. */
#define MAX_LIVE_SINKS 8
static struct sink live_sinks[MAX_LIVE_SINKS];

static void
live_forget(pid_t pid)
{
    for (size_t i = 0; i < MAX_LIVE_SINKS; i++) {
        if (live_sinks[i].pid == pid) {
            memset(&live_sinks[i], 0, sizeof(live_sinks[i]));
        }
    }
}

static void
live_remember(const struct sink *s)
{
    for (size_t i = 0; i < MAX_LIVE_SINKS; i++) {
        if (live_sinks[i].pid == 0) {
            live_sinks[i] = *s;
            return;
        }
    }
}

void
sink_stop(struct sink *s)
{
    if (s->pid > 0) {
        live_forget(s->pid);
        kill(s->pid, SIGTERM);
        int st;
        waitpid(s->pid, &st, 0);
        s->pid = 0;
    }
    if (s->dir[0] != '\0') {
        test_rmtree(s->dir);
        s->dir[0] = '\0';
    }
}

/* Start the sink with extra arguments (NULL-terminated, may be NULL) and
 * wait until it listens; fails the test when it does not come up. */
void
sink_start(struct sink *s, const char *const *args)
{
    char portfile[300];
    char logfile[300];
    const char *argv[32];
    size_t n = 0;
    char *dir = test_tmpdir();

    memset(s, 0, sizeof(*s));
    assert_non_null(dir);
    snprintf(s->dir, sizeof(s->dir), "%s", dir);
    free(dir);
    snprintf(portfile, sizeof(portfile), "%s/port", s->dir);
    snprintf(logfile, sizeof(logfile), "%s/sink.log", s->dir);
    argv[n++] = PYTHON;
    argv[n++] = sink_script();
    argv[n++] = "--port-file";
    argv[n++] = portfile;
    argv[n++] = "--dir";
    argv[n++] = s->dir;
    for (size_t i = 0; args != NULL && args[i] != NULL && n < 31; i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int log = open(logfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in >= 0) {
            dup2(in, 0);
        }
        if (log >= 0) {
            dup2(log, 1);
            dup2(log, 2);
        }
        execv(PYTHON, (char *const *)argv);
        _exit(127);
    }
    s->pid = pid;
    live_remember(s);
    for (int i = 0; i < 400; i++) {
        char *txt = test_read_file(portfile, NULL);
        if (txt != NULL) {
            s->port = (int)strtol(txt, NULL, 10);
            free(txt);
            if (s->port > 0) {
                snprintf(s->url, sizeof(s->url), "smtp://127.0.0.1:%d", s->port);
                return;
            }
        }
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            live_forget(pid);
            s->pid = 0;
            break;
        }
        usleep(25000);
    }
    char *log = test_read_file(logfile, NULL);
    fprintf(stderr, "smtp sink did not start:\n%s\n", log != NULL ? log : "");
    free(log);
    sink_stop(s);
    fail_msg("the SMTP sink did not start");
}

int
stop_sinks(void **state)
{
    (void)state;
    for (size_t i = 0; i < MAX_LIVE_SINKS; i++) {
        if (live_sinks[i].pid > 0) {
            struct sink s = live_sinks[i];
            sink_stop(&s);
        }
    }
    return 0;
}

long
sink_stat(const struct sink *s, const char *key)
{
    char path[320];
    snprintf(path, sizeof(path), "%s/stats.json", s->dir);
    json_t *root = json_load_file(path, 0, NULL);
    assert_non_null(root);
    json_t *v = json_object_get(root, key);
    assert_true(json_is_integer(v));
    long n = (long)json_integer_value(v);
    json_decref(root);
    return n;
}

char *
sink_message_path(const struct sink *s, int n)
{
    return g_strdup_printf("%s/msg-%04d.eml", s->dir, n);
}

/* Message n parsed by smtp_sink.py --parse. */
json_t *
sink_parsed(const struct sink *s, int n)
{
    char *path = sink_message_path(s, n);
    const char *argv[] = {PYTHON, sink_script(), "--parse", path, NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 30, &r), 0);
    if (r.status != 0) {
        fprintf(stderr, "parse failed: %s\n", r.err);
    }
    assert_int_equal(r.status, 0);
    json_error_t jerr;
    json_t *root = json_loads(r.out, 0, &jerr);
    if (root == NULL) {
        fprintf(stderr, "bad JSON from --parse: %s\n%s\n", jerr.text, r.out);
    }
    assert_non_null(root);
    proc_result_free(&r);
    g_free(path);
    return root;
}

/* The envelope the sink recorded for message n. */
json_t *
sink_envelope(const struct sink *s, int n)
{
    char *path = g_strdup_printf("%s/msg-%04d.json", s->dir, n);
    json_t *root = json_load_file(path, 0, NULL);
    assert_non_null(root);
    g_free(path);
    return root;
}

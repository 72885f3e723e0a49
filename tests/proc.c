/* SPDX-License-Identifier: MIT */
#include "proc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dataset/cursor.h"

extern char **environ;

static char *
slurp_fd_pair(int fd_out, int fd_err, pid_t pid, int timeout_s, char **err_out, int *killed)
{
    size_t cap[2] = {4096, 4096}, len[2] = {0, 0};
    char *buf[2] = {malloc(cap[0]), malloc(cap[1])};
    int fds[2] = {fd_out, fd_err};
    int open_n = 2;
    time_t deadline = time(NULL) + timeout_s;

    *killed = 0;
    while (open_n > 0) {
        struct pollfd p[2];
        int n = 0, idx[2];
        for (int i = 0; i < 2; i++) {
            if (fds[i] >= 0) {
                p[n].fd = fds[i];
                p[n].events = POLLIN;
                idx[n++] = i;
            }
        }
        int left = (int)(deadline - time(NULL));
        if (left <= 0) {
            kill(pid, SIGKILL);
            *killed = 1;
            break;
        }
        int r = poll(p, (nfds_t)n, left * 1000);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        for (int k = 0; k < n; k++) {
            if (!(p[k].revents & (POLLIN | POLLHUP | POLLERR))) {
                continue;
            }
            int i = idx[k];
            if (cap[i] - len[i] < 4096) {
                cap[i] *= 2;
                buf[i] = realloc(buf[i], cap[i]);
            }
            ssize_t got = read(fds[i], buf[i] + len[i], cap[i] - len[i] - 1);
            if (got <= 0) {
                close(fds[i]);
                fds[i] = -1;
                open_n--;
            }
            else {
                len[i] += (size_t)got;
            }
        }
    }
    for (int i = 0; i < 2; i++) {
        if (fds[i] >= 0) {
            close(fds[i]);
        }
        buf[i][len[i]] = '\0';
    }
    *err_out = buf[1];
    return buf[0];
}

int
proc_run(const char *const *argv, const char *const *env, int timeout_s, struct proc_result *res)
{
    return proc_run_setup(argv, env, timeout_s, NULL, NULL, res);
}

int
proc_run_setup(const char *const *argv, const char *const *env, int timeout_s, proc_setup_fn *setup,
               void *ud, struct proc_result *res)
{
    int po[2], pe[2];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(res, 0, sizeof(*res));
    if (pipe(po) != 0 || pipe(pe) != 0) {
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        dup2(po[1], 1);
        dup2(pe[1], 2);
        close(po[0]);
        close(po[1]);
        close(pe[0]);
        close(pe[1]);
        int fd = open("/dev/null", O_RDONLY);
        if (fd >= 0) {
            dup2(fd, 0);
            close(fd);
        }
        for (size_t i = 0; env != NULL && env[i] != NULL; i++) {
            putenv((char *)env[i]);
        }
        if (setup != NULL) {
            setup(ud);
        }
        execv(argv[0], (char *const *)argv);
        fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    int killed = 0;
    res->out = slurp_fd_pair(po[0], pe[0], pid, timeout_s, &res->err, &killed);
    int st = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof(ru));
    wait4(pid, &st, 0, &ru);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    res->maxrss_kb = ru.ru_maxrss;
    res->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    res->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (killed) {
        res->status = 124;
    }
    return 0;
}

void
proc_result_free(struct proc_result *res)
{
    free(res->out);
    free(res->err);
    res->out = res->err = NULL;
}

static const char *
build_root(void)
{
    const char *b = getenv("OR_BUILD_ROOT");
    return b != NULL ? b : "build";
}

const char *
proc_outreport(void)
{
    static char path[1024];
    snprintf(path, sizeof(path), "%s/src/outreport", build_root());
    return path;
}

void
samples_open(struct samples *s)
{
    const char *root = getenv("OR_SOURCE_ROOT");
    snprintf(s->conf, sizeof(s->conf), "%s/samples/outreport.conf", root != NULL ? root : ".");
    snprintf(s->rec, sizeof(s->rec), "%s/samples/recording", root != NULL ? root : ".");
    s->dir = test_tmpdir();
}

void
samples_close(struct samples *s)
{
    test_rmtree(s->dir);
    free(s->dir);
    s->dir = NULL;
}

int
samples_run(const struct samples *s, const char *const *args, const char *const *env, int timeout_s,
            struct proc_result *res)
{
    return samples_run_setup(s, args, env, timeout_s, NULL, NULL, res);
}

int
samples_run_setup(const struct samples *s, const char *const *args, const char *const *env,
                  int timeout_s, proc_setup_fn *setup, void *ud, struct proc_result *res)
{
    const char *argv[48];
    size_t n = 0;
    argv[n++] = proc_outreport();
    argv[n++] = "--config";
    argv[n++] = s->conf;
    for (size_t i = 0; args[i] != NULL; i++) {
        if (n >= 40) {
            return -1;
        }
        argv[n++] = args[i];
    }
    argv[n++] = "--replay";
    argv[n++] = s->rec;
    argv[n++] = "--period";
    argv[n++] = SAMPLES_PERIOD;
    argv[n] = NULL;
    return proc_run_setup(argv, env, timeout_s, setup, ud, res);
}

char *
test_tmpdir(void)
{
    char tmpl[] = "/tmp/outreport-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    return d != NULL ? strdup(d) : NULL;
}

void
test_rmtree(const char *dir)
{
    if (dir == NULL || strncmp(dir, "/tmp/", 5) != 0) {
        return;
    }
    const char *argv[] = {"/bin/rm", "-rf", dir, NULL};
    struct proc_result r;
    if (proc_run(argv, NULL, 30, &r) == 0) {
        proc_result_free(&r);
    }
}

char *
test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL) {
        *len = n;
    }
    return buf;
}

int
test_count_lines_with(const char *text, const char *needle)
{
    int n = 0;
    const char *line = text;
    while (line != NULL && *line != '\0') {
        const char *end = strchr(line, '\n');
        size_t l = end ? (size_t)(end - line) : strlen(line);
        char *copy = strndup(line, l);
        if (strstr(copy, needle) != NULL) {
            n++;
        }
        free(copy);
        line = end ? end + 1 : NULL;
    }
    return n;
}

int
test_copy_file(const char *from, const char *to)
{
    size_t len = 0;
    char *data = test_read_file(from, &len);
    FILE *f = data != NULL ? fopen(to, "wb") : NULL;
    int ok = f != NULL && fwrite(data, 1, len, f) == len;
    if (f != NULL && fclose(f) != 0) {
        ok = 0;
    }
    free(data);
    return ok ? 0 : -1;
}

/* The lists test_pointer_list() made, for test_pointer_lists_free(). */
static void **pointer_lists;
static size_t npointer_lists;

const void *const *
test_pointer_list(const void *base, size_t size, size_t n)
{
    const void **l = calloc(n > 0 ? n : 1, sizeof(*l));
    void **more = realloc(pointer_lists, (npointer_lists + 1) * sizeof(*pointer_lists));
    if (l == NULL || more == NULL) {
        fprintf(stderr, "test_pointer_list: out of memory\n");
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        l[i] = (const char *)base + i * size;
    }
    pointer_lists = more;
    pointer_lists[npointer_lists++] = l;
    return l;
}

void
test_pointer_lists_free(void)
{
    for (size_t i = 0; i < npointer_lists; i++) {
        free(pointer_lists[i]);
    }
    free(pointer_lists);
    pointer_lists = NULL;
    npointer_lists = 0;
}

int
mockapi_start(struct mockapi *m, const char *const *args)
{
    char exe[1024], portfile[300];
    const char *argv[64];
    size_t n = 0;
    char *dir = test_tmpdir();

    memset(m, 0, sizeof(*m));
    if (dir == NULL) {
        return -1;
    }
    snprintf(m->dir, sizeof(m->dir), "%s", dir);
    free(dir);
    snprintf(exe, sizeof(exe), "%s/tests/mockapi/mockapi", build_root());
    snprintf(portfile, sizeof(portfile), "%s/port", m->dir);
    argv[n++] = exe;
    argv[n++] = "--port-file";
    argv[n++] = portfile;
    for (size_t i = 0; args != NULL && args[i] != NULL && n < 62; i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            close(fd);
        }
        execv(exe, (char *const *)argv);
        _exit(127);
    }
    m->pid = pid;
    for (int i = 0; i < 400; i++) { /* up to 20 s: 1M-call servers take a moment */
        char *txt = test_read_file(portfile, NULL);
        if (txt != NULL) {
            m->port = (int)strtol(txt, NULL, 10);
            free(txt);
            if (m->port > 0) {
                snprintf(m->base, sizeof(m->base), "http://127.0.0.1:%d", m->port);
                return 0;
            }
        }
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            m->pid = 0;
            return -1;
        }
        usleep(50000);
    }
    mockapi_stop(m);
    return -1;
}

void
mockapi_stop(struct mockapi *m)
{
    if (m->pid > 0) {
        kill(m->pid, SIGTERM);
        int st;
        waitpid(m->pid, &st, 0);
        m->pid = 0;
    }
    if (m->dir[0] != '\0') {
        test_rmtree(m->dir);
        m->dir[0] = '\0';
    }
}

long
mockapi_requests(const struct mockapi *m)
{
    char url[128];
    snprintf(url, sizeof(url), "%s/__stats", m->base);
    const char *argv[] = {"/usr/bin/curl", "-s", url, NULL};
    struct proc_result r;
    long n = -1;
    if (proc_run(argv, NULL, 10, &r) == 0 && r.status == 0) {
        const char *p = strstr(r.out, "\"requests\"");
        if (p != NULL) {
            p = strchr(p, ':');
            if (p != NULL) {
                n = strtol(p + 1, NULL, 10);
            }
        }
    }
    proc_result_free(&r);
    return n;
}

int
test_next_row(struct or_cursor *c, struct or_value *row)
{
    int has_row = 0;
    assert_int_equal(or_cursor_next(c, row, &has_row), OR_OK);
    return has_row;
}

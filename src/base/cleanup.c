/* SPDX-License-Identifier: MIT */
/* Removing unfinished files when a signal stops the process: see cleanup.h. */
#include "base/cleanup.h"

#include <glib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* How long the children get to remove their own files. */
#define CHILD_WAIT_MS 5000
/* How long a whole output being written gets to come out. */
#define OUTPUT_WAIT_MS 5000

struct registry {
    GMutex lock;
    GPtrArray *files; /* char *, owned */
    GPtrArray *dirs;  /* char *, owned */
    GArray *children; /* pid_t */
    GCond written;    /* signalled when writing drops */
    int writing;      /* whole outputs being written (or_write_whole()) */
    int stopping;     /* a signal is stopping the process: no output starts */
};

static struct registry *current;
static sigset_t stop_signals;
static int signals_on; /* set once, before any other thread starts */

static struct registry *
registry_new(void)
{
    struct registry *r = g_new0(struct registry, 1);
    g_mutex_init(&r->lock);
    g_cond_init(&r->written);
    r->files = g_ptr_array_new_with_free_func(g_free);
    r->dirs = g_ptr_array_new_with_free_func(g_free);
    r->children = g_array_new(FALSE, FALSE, sizeof(pid_t));
    return r;
}

/* The registry lives as long as the process: files may be registered from
 * any thread until the very end, so it is never freed. */
static struct registry *
registry(void)
{
    static gsize once;
    if (g_once_init_enter(&once)) {
        current = registry_new();
        g_once_init_leave(&once, 1);
    }
    return current;
}

static void
add_path(GPtrArray *list, const char *path)
{
    struct registry *r = registry();
    g_mutex_lock(&r->lock);
    g_ptr_array_add(list, g_strdup(path));
    g_mutex_unlock(&r->lock);
}

void
or_cleanup_add_file(const char *path)
{
    add_path(registry()->files, path);
}

int
or_cleanup_create_file(char *tmpl, int (*create)(char *tmpl))
{
    struct registry *r = registry();
    g_mutex_lock(&r->lock); /* stop() takes it first and keeps it */
    int fd = create(tmpl);
    if (fd >= 0) {
        g_ptr_array_add(r->files, g_strdup(tmpl));
    }
    g_mutex_unlock(&r->lock);
    return fd;
}

void
or_cleanup_add_dir(const char *dir)
{
    add_path(registry()->dirs, dir);
}

static int
drop_path(GPtrArray *list, const char *path)
{
    for (guint i = list->len; i > 0; i--) {
        if (strcmp(g_ptr_array_index(list, i - 1), path) == 0) {
            g_ptr_array_remove_index_fast(list, i - 1);
            return 1;
        }
    }
    return 0;
}

int
or_cleanup_forget(const char *path)
{
    struct registry *r = registry();
    g_mutex_lock(&r->lock);
    int found = drop_path(r->files, path);
    found = drop_path(r->dirs, path) || found;
    g_mutex_unlock(&r->lock);
    return found;
}

void
or_cleanup_add_child(pid_t pid)
{
    struct registry *r = registry();
    g_mutex_lock(&r->lock);
    g_array_append_val(r->children, pid);
    g_mutex_unlock(&r->lock);
}

void
or_cleanup_forget_child(pid_t pid)
{
    struct registry *r = registry();
    g_mutex_lock(&r->lock);
    for (guint i = 0; i < r->children->len; i++) {
        if (g_array_index(r->children, pid_t, i) == pid) {
            g_array_remove_index_fast(r->children, i);
            break;
        }
    }
    g_mutex_unlock(&r->lock);
}

void
or_remove_tree(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        char *p = g_build_filename(dir, name, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK)) {
            or_remove_tree(p);
        }
        else {
            g_unlink(p);
        }
        g_free(p);
    }
    if (d != NULL) {
        g_dir_close(d);
    }
    g_rmdir(dir);
}

int
or_write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, text, len);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return -1;
        }
        text += w;
        len -= (size_t)w;
    }
    return 0;
}

int
or_write_whole(FILE *f, const char *text, size_t len)
{
    struct registry *r = registry();
    fflush(f);
    g_mutex_lock(&r->lock);
    int go = !r->stopping;
    r->writing += go;
    g_mutex_unlock(&r->lock);
    if (!go) {
        return -1;
    }
    int rc = or_write_all(fileno(f), text, len);
    g_mutex_lock(&r->lock);
    r->writing--;
    g_cond_broadcast(&r->written);
    g_mutex_unlock(&r->lock);
    return rc;
}

/* With the lock held: no whole output starts from now on, and one being
 * written is waited for, at most OUTPUT_WAIT_MS (a reader that never reads
 * must not keep the process from stopping). */
static void
end_output(struct registry *r)
{
    r->stopping = 1;
    gint64 until = g_get_monotonic_time() + (gint64)OUTPUT_WAIT_MS * 1000;
    while (r->writing > 0 && g_cond_wait_until(&r->written, &r->lock, until)) {
    }
}

/* Passes @p sig on to the children and waits until they have ended (they
 * remove their own files), at most CHILD_WAIT_MS in all. */
static void
stop_children(const struct registry *r, int sig)
{
    for (guint i = 0; i < r->children->len; i++) {
        kill(g_array_index(r->children, pid_t, i), sig);
    }
    gint64 deadline = g_get_monotonic_time() + (gint64)CHILD_WAIT_MS * 1000;
    for (guint i = 0; i < r->children->len; i++) {
        pid_t pid = g_array_index(r->children, pid_t, i);
        /* ECHILD: the main thread has reaped it already. */
        while (waitpid(pid, NULL, WNOHANG) == 0 && g_get_monotonic_time() < deadline) {
            g_usleep(20 * 1000);
        }
    }
}

/* Runs on the signal thread: everything unfinished goes, then the process
 * ends by @p sig.  The lock is kept: nothing is registered or put in place
 * after this point. */
static G_GNUC_NORETURN void
stop(int sig)
{
    struct registry *r = registry();
    g_mutex_lock(&r->lock);
    end_output(r);
    stop_children(r, sig);
    guint nfiles = 0;
    for (guint i = 0; i < r->files->len; i++) {
        nfiles += unlink(g_ptr_array_index(r->files, i)) == 0;
    }
    for (guint i = 0; i < r->dirs->len; i++) {
        or_remove_tree(g_ptr_array_index(r->dirs, i));
    }
    char msg[160];
    int len = snprintf(msg, sizeof(msg), "outreport: stopped by %s%s\n",
                       sig == SIGINT   ? "SIGINT"
                       : sig == SIGHUP ? "SIGHUP"
                                       : "SIGTERM",
                       nfiles > 0 ? "; unfinished files removed" : "");
    if (len > 0 && write(STDERR_FILENO, msg, (size_t)MIN(len, (int)sizeof(msg) - 1)) < 0) {
        /* nothing left to tell it to */
    }
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    _exit(128 + sig);
}

static gpointer
signal_thread(gpointer unused)
{
    (void)unused;
    int sig = 0;
    while (sigwait(&stop_signals, &sig) != 0) {
    }
    stop(sig);
}

static void
start_thread(void)
{
    GThread *t = g_thread_try_new("or-signal", signal_thread, NULL, NULL);
    if (t == NULL) {
        pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
        return;
    }
    g_thread_unref(t);
}

void
or_cleanup_signals_start(void)
{
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGHUP);
    if (pthread_sigmask(SIG_BLOCK, &stop_signals, NULL) != 0) {
        return;
    }
    registry();
    signals_on = 1;
    start_thread();
}

void
or_cleanup_after_fork(void)
{
    /* The parent's copy may even be locked: a fresh one, never the old. */
    current = registry_new();
    if (signals_on) {
        start_thread();
    }
}

/* SPDX-License-Identifier: MIT */
/* Private temporaries and stale ones: see tmpfile.h. */
#include "base/tmpfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "base/cleanup.h"

#define SUFFIX ".tmp-"
#define RANDOM_LEN 6

char *
or_tmpfile_template(const char *dir, const char *name)
{
    return g_strdup_printf("%s/.%s" SUFFIX "XXXXXX", dir, name);
}

/* Six characters of mkstemp's alphabet at the end of @p name. */
static int
random_tail(const char *name, size_t len)
{
    if (len < RANDOM_LEN) {
        return 0;
    }
    for (size_t i = len - RANDOM_LEN; i < len; i++) {
        if (!g_ascii_isalnum(name[i])) {
            return 0;
        }
    }
    return 1;
}

static int
is_tmp_name(const char *name)
{
    size_t len = strlen(name);
    size_t tail = sizeof(SUFFIX) - 1 + RANDOM_LEN;
    return name[0] == '.' && len > tail + 1 && random_tail(name, len) &&
           memcmp(name + len - tail, SUFFIX, sizeof(SUFFIX) - 1) == 0;
}

static int
stale(const struct stat *sb, long max_age_s)
{
    return sb->st_uid == geteuid() && (long long)time(NULL) - (long long)sb->st_mtime >= max_age_s;
}

int
or_tmpfile_sweep(const char *dir, long max_age_s)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    int removed = 0;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        if (!is_tmp_name(name)) {
            continue;
        }
        char *p = g_build_filename(dir, name, NULL);
        struct stat sb;
        if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && stale(&sb, max_age_s) &&
            g_unlink(p) == 0) {
            removed++;
        }
        g_free(p);
    }
    if (d != NULL) {
        g_dir_close(d);
    }
    return removed;
}

/* Folders swept in this process, so that a run writing many files into one
 * folder reads it once. */
static int
first_time_in(const char *dir)
{
    static GMutex lock;
    static GHashTable *seen;
    g_mutex_lock(&lock);
    if (seen == NULL) {
        seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    int first = !g_hash_table_contains(seen, dir);
    if (first) {
        g_hash_table_add(seen, g_strdup(dir));
    }
    g_mutex_unlock(&lock);
    return first;
}

static void
sweep_once(const char *tmpl)
{
    char *dir = g_path_get_dirname(tmpl);
    if (first_time_in(dir)) {
        or_tmpfile_sweep(dir, OR_TMP_STALE_S);
    }
    g_free(dir);
}

/* mkostemp makes the file 0600 whatever the umask. */
static int
make_private(char *tmpl)
{
    return mkostemp(tmpl, O_CLOEXEC);
}

int
or_tmpfile_create(char *tmpl)
{
    sweep_once(tmpl);
    return make_private(tmpl);
}

int
or_tmpfile_create_registered(char *tmpl)
{
    sweep_once(tmpl); /* not while the registry is held */
    return or_cleanup_create_file(tmpl, make_private);
}

/* A folder of an earlier run: ours, untouched for an hour and held by no
 * process (a live run holds its folder with flock()). */
static void
sweep_dir(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISDIR(sb.st_mode) || !stale(&sb, OR_TMP_STALE_S)) {
        return;
    }
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
        or_remove_tree(path);
    }
    close(fd);
}

char *
or_tmpdir_make(const char *prefix)
{
    const char *tmp = g_get_tmp_dir();
    size_t plen = strlen(prefix);
    GDir *d = g_dir_open(tmp, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        if (strncmp(name, prefix, plen) == 0 && strlen(name) == plen + RANDOM_LEN &&
            random_tail(name, plen + RANDOM_LEN)) {
            char *p = g_build_filename(tmp, name, NULL);
            sweep_dir(p);
            g_free(p);
        }
    }
    if (d != NULL) {
        g_dir_close(d);
    }
    char *path = g_strdup_printf("%s/%sXXXXXX", tmp, prefix);
    if (g_mkdtemp_full(path, 0700) == NULL) {
        int e = errno;
        g_free(path);
        errno = e;
        return NULL;
    }
    /* Held until the process ends: the descriptor is never closed. */
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
    }
    return path;
}

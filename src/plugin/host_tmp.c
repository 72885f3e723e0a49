/* SPDX-License-Identifier: MIT */
/* Temporary files for plugins: see host_tmp.h. */
#include "plugin/host_tmp.h"

#include <errno.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/status_str.h"
#include "base/tmpfile.h"

/* The files tmp_create made and tmp_done has not had yet, process-wide:
 * renderers run on several threads at once.  Never freed. */
static GMutex made_lock;
static GHashTable *made;

static void
remember(const char *path)
{
    g_mutex_lock(&made_lock);
    if (made == NULL) {
        made = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    g_hash_table_add(made, g_strdup(path));
    g_mutex_unlock(&made_lock);
}

static int
forget(const char *path)
{
    g_mutex_lock(&made_lock);
    int found = made != NULL && g_hash_table_remove(made, path);
    g_mutex_unlock(&made_lock);
    return found;
}

static or_status
host_tmp_create(const struct or_host *h, const char *beside, char *path, size_t n, char *err,
                size_t errlen)
{
    (void)h;
    if (beside == NULL || path == NULL || n == 0) {
        return OR_ERR_INVALID;
    }
    char *dir = g_path_get_dirname(beside);
    char *base = g_path_get_basename(beside);
    char *tmp = or_tmpfile_template(dir, base);
    or_status st = OR_OK;
    if (strlen(tmp) >= n) {
        st = OR_ERR_INVALID;
        goto done;
    }
    int fd = or_tmpfile_create_registered(tmp);
    if (fd < 0) {
        or_set_err(err, errlen, "cannot create a temporary file in %s: %s", dir, g_strerror(errno));
        st = OR_ERR_IO;
        goto done;
    }
    remember(tmp);
    close(fd);
    memcpy(path, tmp, strlen(tmp) + 1);

done:
    g_free(tmp);
    g_free(base);
    g_free(dir);
    return st;
}

static or_status
host_tmp_done(const struct or_host *h, const char *path)
{
    (void)h;
    if (path == NULL || !forget(path)) {
        return OR_ERR_INVALID;
    }
    unlink(path);
    or_cleanup_forget(path);
    return OR_OK;
}

void
or_host_bind_tmp(struct or_host *h)
{
    h->tmp_create = host_tmp_create;
    h->tmp_done = host_tmp_done;
}

/* SPDX-License-Identifier: MIT */
/* Files of a recording or of the response cache: see http_files.h. */
#include "http/http_files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "base/cleanup.h"
#include "base/status_str.h"

char *
or_http_entry_path(const char *dir, const char *name, const char *suffix)
{
    return g_strdup_printf("%s/%s%s", dir, name, suffix);
}

/* Nonzero once all of @p data is written; errno tells why not. */
static int
write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return 0;
        }
        data += w;
        len -= (size_t)w;
    }
    return 1;
}

/* Readers of a recording or cache never see a half-written file: the data
 * goes to a temporary file in the same directory, renamed over the final
 * name.  Not g_file_set_contents(): its temporary file could not be
 * registered for removal on a signal. */
or_status
or_http_write_atomic(const char *dir, const char *name, const char *suffix, const char *data,
                     size_t len, char *err, size_t errlen)
{
    char *final_path = or_http_entry_path(dir, name, suffix);
    char *tmp_path = g_strdup_printf("%s/.%s%s.XXXXXX", dir, name, suffix);
    or_status st = OR_ERR_IO;
    int fd = mkstemp(tmp_path);
    if (fd < 0) {
        or_set_err(err, errlen, "cannot create a file in %s: %s", dir, g_strerror(errno));
        goto done;
    }
    or_cleanup_add_file(tmp_path);
    if (!write_all(fd, data, len)) {
        or_set_err(err, errlen, "cannot write %s: %s", tmp_path, g_strerror(errno));
        close(fd);
        goto unlink_tmp;
    }
    if (close(fd) != 0) {
        or_set_err(err, errlen, "cannot write %s: %s", tmp_path, g_strerror(errno));
        goto unlink_tmp;
    }
    if (rename(tmp_path, final_path) != 0) {
        or_set_err(err, errlen, "cannot rename %s to %s: %s", tmp_path, final_path,
                   g_strerror(errno));
        goto unlink_tmp;
    }
    or_cleanup_forget(tmp_path);
    st = OR_OK;
    goto done;

unlink_tmp:
    unlink(tmp_path);
    or_cleanup_forget(tmp_path);
done:
    g_free(tmp_path);
    g_free(final_path);
    return st;
}

or_status
or_http_read_file(const char *path, char **out, size_t *out_len, char *err, size_t errlen)
{
    GError *gerr = NULL;
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        or_status st =
            g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? OR_ERR_NOT_FOUND : OR_ERR_IO;
        if (st != OR_ERR_NOT_FOUND) {
            or_set_err(err, errlen, "%s", gerr->message);
        }
        g_error_free(gerr);
        return st;
    }
    *out = data;
    *out_len = len;
    return OR_OK;
}

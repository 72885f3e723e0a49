/* SPDX-License-Identifier: MIT */
/* Files of a recording or of the response cache: see http_files.h. */
#include "http/http_files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <jansson.h>

#include "base/cleanup.h"
#include "base/readfile.h"
#include "base/status_str.h"
#include "base/tmpfile.h"

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
    char *base = g_strconcat(name, suffix, NULL);
    char *tmp_path = or_tmpfile_template(dir, base);
    g_free(base);
    or_status st = OR_ERR_IO;
    int fd = or_tmpfile_create_registered(tmp_path);
    if (fd < 0) {
        or_set_err(err, errlen, "cannot create a file in %s: %s", dir, g_strerror(errno));
        goto done;
    }
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
or_http_read_file(const char *path, size_t max, char **out, size_t *out_len, char *err,
                  size_t errlen)
{
    return or_read_file_max(path, max, out, out_len, err, errlen);
}

json_t *
or_http_read_meta(const char *path, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    or_status st = or_read_file_max(path, OR_HTTP_META_MAX, &text, &len, err, errlen);
    if (st == OR_ERR_NOT_FOUND) {
        or_set_err(err, errlen, "%s: no such file", path);
    }
    if (st != OR_OK) {
        return NULL;
    }
    json_error_t jerr;
    json_t *meta = json_loadb(text, len, 0, &jerr);
    g_free(text);
    if (meta == NULL) {
        or_set_err(err, errlen, "%s: %s", path, jerr.text);
    }
    return meta;
}

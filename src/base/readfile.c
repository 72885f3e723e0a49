/* SPDX-License-Identifier: MIT */
/* Reading a whole file with a size limit: see readfile.h. */
#include "base/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "base/status_str.h"

/* Reads until end of file or until more than @p max bytes arrived. */
static or_status
read_bounded(int fd, const char *path, size_t max, GByteArray *buf, char *err, size_t errlen)
{
    guint8 chunk[65536];
    for (;;) {
        /* One byte beyond the limit is enough to know the file is over it. */
        size_t left = max - buf->len + 1;
        size_t want = left < sizeof(chunk) ? left : sizeof(chunk);
        ssize_t got = read(fd, chunk, want);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            or_set_err(err, errlen, "%s: %s", path, g_strerror(errno));
            return OR_ERR_IO;
        }
        if (got == 0) {
            return OR_OK;
        }
        g_byte_array_append(buf, chunk, (guint)got);
        if (buf->len > max) {
            or_set_err(err, errlen, "%s: larger than %zu bytes", path, max);
            return OR_ERR_INVALID;
        }
    }
}

or_status
or_read_file_max(const char *path, size_t max, char **out, size_t *out_len, char *err,
                 size_t errlen)
{
    *out = NULL;
    *out_len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT) {
            return OR_ERR_NOT_FOUND;
        }
        or_set_err(err, errlen, "%s: %s", path, g_strerror(errno));
        return OR_ERR_IO;
    }
    struct stat sb;
    or_status st = OR_OK;
    if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
        or_set_err(err, errlen, "%s: %s", path,
                   S_ISDIR(sb.st_mode) ? "is a folder" : "cannot stat");
        close(fd);
        return OR_ERR_IO;
    }
    /* The size a regular file admits to is refused before any byte is read. */
    if (S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > (unsigned long long)max) {
        or_set_err(err, errlen, "%s: larger than %zu bytes (%lld)", path, max,
                   (long long)sb.st_size);
        close(fd);
        return OR_ERR_INVALID;
    }
    GByteArray *buf = g_byte_array_sized_new(S_ISREG(sb.st_mode) ? (guint)sb.st_size + 1 : 4096);
    st = read_bounded(fd, path, max, buf, err, errlen);
    close(fd);
    if (st != OR_OK) {
        g_byte_array_free(buf, TRUE);
        return st;
    }
    *out_len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1);
    *out = (char *)g_byte_array_free(buf, FALSE);
    return OR_OK;
}

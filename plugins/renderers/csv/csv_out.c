/* SPDX-License-Identifier: MIT */
/* Buffered output file of the CSV renderer: see csv_out.h. */
#include "csv_out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Write all of p, retrying short writes and EINTR; returns 0 or an errno. */
static int
write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        if (w == 0) {
            return EIO;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

or_status
csv_out_open(struct csv_out *o, const char *path, char *err, size_t errlen)
{
    o->path = path;
    o->len = 0;
    o->error = 0;
    o->buf = malloc(CSV_OUT_BUFSIZE);
    if (o->buf == NULL) {
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return OR_ERR_NOMEM;
    }
    o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (o->fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        free(o->buf);
        o->buf = NULL;
        return OR_ERR_IO;
    }
    return OR_OK;
}

void
csv_out_flush(struct csv_out *o)
{
    if (o->len > 0 && o->error == 0) {
        o->error = write_all(o->fd, o->buf, o->len);
    }
    o->len = 0;
}

void
csv_out_write_slow(struct csv_out *o, const char *p, size_t n)
{
    csv_out_flush(o);
    if (n >= CSV_OUT_BUFSIZE) {
        if (o->error == 0) {
            o->error = write_all(o->fd, p, n);
        }
        return;
    }
    memcpy(o->buf, p, n);
    o->len = n;
}

or_status
csv_out_status(const struct csv_out *o, char *err, size_t errlen)
{
    if (o->error != 0) {
        snprintf(err, errlen, "cannot write %s: %s", o->path, strerror(o->error));
        return OR_ERR_IO;
    }
    return OR_OK;
}

or_status
csv_out_close(struct csv_out *o, char *err, size_t errlen)
{
    csv_out_flush(o);
    or_status st = csv_out_status(o, err, errlen);
    if (o->fd >= 0 && close(o->fd) != 0 && st == OR_OK) {
        snprintf(err, errlen, "cannot close %s: %s", o->path, strerror(errno));
        st = OR_ERR_IO;
    }
    o->fd = -1;
    free(o->buf);
    o->buf = NULL;
    o->len = 0;
    return st;
}

void
csv_out_discard(struct csv_out *o)
{
    if (o->fd >= 0) {
        close(o->fd);
    }
    o->fd = -1;
    free(o->buf);
    o->buf = NULL;
    o->len = 0;
}

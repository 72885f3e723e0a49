/* SPDX-License-Identifier: MIT */
/**
 * @file csv_out.h
 * @brief Buffered, error-checked output file of the CSV renderer.
 *
 * Tables of a million rows are written through one 1 MiB buffer that is
 * handed to write(2) when full, so no byte costs an allocation or a stdio
 * lock.  Write errors are sticky: the first failure's errno is kept, later
 * writes are dropped, and csv_out_status() / csv_out_close() turn it into an
 * OR_ERR_IO message naming the path.
 */
#ifndef OR_CSV_OUT_H
#define OR_CSV_OUT_H

#include <stddef.h>
#include <string.h>

#include "outreport/status.h"

/** Size of the output buffer in bytes. */
#define CSV_OUT_BUFSIZE ((size_t)1024 * 1024)

/** An output file being written.  Start with ::CSV_OUT_INIT. */
struct csv_out {
    int fd;           /**< open descriptor, or -1 */
    const char *path; /**< borrowed from the caller; used in messages */
    char *buf;        /**< owned; CSV_OUT_BUFSIZE bytes, or NULL */
    size_t len;       /**< bytes pending in buf */
    int error;        /**< errno of the first failed write; 0 while all is well */
};

/** Initialiser of a ::csv_out that holds nothing (safe to discard). */
#define CSV_OUT_INIT                                                                               \
    {                                                                                              \
        .fd = -1, .path = NULL, .buf = NULL, .len = 0, .error = 0                                  \
    }

/**
 * @brief Create or truncate @p path and allocate the buffer.
 * @param o      an object set to ::CSV_OUT_INIT
 * @param path   file to write; borrowed, must outlive @p o
 * @param err    message buffer, filled on failure ("cannot create PATH: reason")
 * @param errlen size of @p err
 * @return OR_OK, OR_ERR_IO or OR_ERR_NOMEM.  On failure @p o holds nothing.
 */
or_status csv_out_open(struct csv_out *o, const char *path, char *err, size_t errlen);

/**
 * @brief Hand the pending bytes to the file.  Failures are recorded in
 * @p o->error; the buffer is empty afterwards either way.
 */
void csv_out_flush(struct csv_out *o);

/**
 * @brief Append @p n bytes that do not fit the buffer's free space.
 * Used by csv_out_write(); not meant to be called directly.
 */
void csv_out_write_slow(struct csv_out *o, const char *p, size_t n);

/** @brief Append @p n bytes of @p p. */
static inline void
csv_out_write(struct csv_out *o, const char *p, size_t n)
{
    if (n > CSV_OUT_BUFSIZE - o->len) {
        csv_out_write_slow(o, p, n);
        return;
    }
    memcpy(o->buf + o->len, p, n);
    o->len += n;
}

/** @brief Append one byte. */
static inline void
csv_out_putc(struct csv_out *o, char c)
{
    if (o->len == CSV_OUT_BUFSIZE) {
        csv_out_flush(o);
    }
    o->buf[o->len++] = c;
}

/**
 * @brief Report a write failure recorded so far.
 * @return OR_OK, or OR_ERR_IO with @p err = "cannot write PATH: reason".
 */
or_status csv_out_status(const struct csv_out *o, char *err, size_t errlen);

/**
 * @brief Flush, close and release everything.
 * @return OR_OK, or OR_ERR_IO naming the path and the first error met
 *         (write, flush or close).  @p o holds nothing afterwards.
 */
or_status csv_out_close(struct csv_out *o, char *err, size_t errlen);

/**
 * @brief Close and release without flushing (the render failed; the host
 * removes the file).  Safe on an object that holds nothing.
 */
void csv_out_discard(struct csv_out *o);

#endif /* OR_CSV_OUT_H */

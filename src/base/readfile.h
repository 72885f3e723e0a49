/* SPDX-License-Identifier: MIT */
/**
 * @file readfile.h
 * @brief Reading a whole file with a size limit (core only).
 *
 * A file read into memory whole (a configuration, a recorded or cached
 * response) is read only up to a limit: a 2 GB file, /dev/zero or a FIFO
 * that never ends costs at most the limit, never all the memory there is.
 */
#ifndef OR_READFILE_H
#define OR_READFILE_H

#include <stddef.h>

#include "outreport/status.h"

/**
 * @brief Read the file at @p path, refusing it once it holds more than
 * @p max bytes.
 *
 * @param path     The file; borrowed.
 * @param max      The largest size accepted, in bytes.
 * @param out      Receives the bytes on OR_OK, NUL-terminated after
 *                 @p out_len bytes; owned by the caller: g_free().
 * @param out_len  Receives the length, without the NUL.
 * @param err      Receives "PATH: reason" on errors other than
 *                 OR_ERR_NOT_FOUND (for OR_ERR_INVALID: "PATH: larger than
 *                 N bytes"); may be NULL.
 * @param errlen   Size of @p err.
 * @return OR_OK; OR_ERR_NOT_FOUND when it does not exist; OR_ERR_INVALID
 *         when it holds more than @p max bytes (nothing beyond max + 1
 *         bytes is read); OR_ERR_IO when it cannot be read (a folder, say).
 */
or_status or_read_file_max(const char *path, size_t max, char **out, size_t *out_len, char *err,
                           size_t errlen);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file http_files.h
 * @brief Files of a recording or of the response cache: entry paths,
 * atomic writes and whole-file reads (src/http only).
 *
 * Everything returned is GLib-allocated: release it with g_free().
 */
#ifndef OR_HTTP_FILES_H
#define OR_HTTP_FILES_H

#include <stddef.h>

#include "outreport/status.h"

/** @brief `<dir>/<name><suffix>`; owned, g_free(). */
char *or_http_entry_path(const char *dir, const char *name, const char *suffix);

/**
 * @brief Write @p len bytes to `<dir>/<name><suffix>` through a temporary
 * file (mode 0600, from mkstemp) in the same directory, renamed into place,
 * so that readers never see a half-written file.  The temporary file is
 * removed if the process is stopped by a signal meanwhile (cleanup.h).
 *
 * @return OR_OK; OR_ERR_IO with @p err naming the file and the reason.
 */
or_status or_http_write_atomic(const char *dir, const char *name, const char *suffix,
                               const char *data, size_t len, char *err, size_t errlen);

/**
 * @brief Read a whole file (g_file_get_contents()).
 *
 * @param out      Receives the bytes, NUL-terminated after @p out_len bytes,
 *                 on OR_OK; owned, g_free().
 * @param out_len  Receives the length, without the NUL.
 * @param err      Receives "PATH: reason" on errors other than
 *                 OR_ERR_NOT_FOUND; may be NULL.
 * @return OR_OK; OR_ERR_NOT_FOUND when the file does not exist; OR_ERR_IO
 *         when it cannot be read.
 */
or_status or_http_read_file(const char *path, char **out, size_t *out_len, char *err,
                            size_t errlen);

#endif /* OR_HTTP_FILES_H */

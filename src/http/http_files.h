/* SPDX-License-Identifier: MIT */
/**
 * @file http_files.h
 * @brief Files of a recording or of the response cache: entry paths,
 * atomic writes and whole-file reads (src/http only).
 *
 * Everything returned is GLib-allocated (release it with g_free()), except
 * JSON values (json_decref()).
 */
#ifndef OR_HTTP_FILES_H
#define OR_HTTP_FILES_H

#include <stddef.h>

#include <jansson.h>

#include "outreport/status.h"

/** @brief `<dir>/<name><suffix>`; owned, g_free(). */
char *or_http_entry_path(const char *dir, const char *name, const char *suffix);

/**
 * @brief Write @p len bytes to `<dir>/<name><suffix>` through a temporary
 * file (mode 0600, `.<name><suffix>.tmp-XXXXXX`, tmpfile.h) in the same
 * directory, renamed into place, so that readers never see a half-written
 * file.  Temporaries that a killed run left in @p dir are removed first.  The temporary file is
 * removed if the process is stopped by a signal meanwhile (cleanup.h).
 *
 * @return OR_OK; OR_ERR_IO with @p err naming the file and the reason.
 */
or_status or_http_write_atomic(const char *dir, const char *name, const char *suffix,
                               const char *data, size_t len, char *err, size_t errlen);

/** Largest metadata file (`.json`, `.meta`) of an entry that is read. */
#define OR_HTTP_META_MAX (1024 * 1024)

/**
 * @brief Read a whole file of at most @p max bytes (or_read_file_max()).
 *
 * @param max      The largest size accepted, in bytes.
 * @param out      Receives the bytes, NUL-terminated after @p out_len bytes,
 *                 on OR_OK; owned, g_free().
 * @param out_len  Receives the length, without the NUL.
 * @param err      Receives "PATH: reason" on errors other than
 *                 OR_ERR_NOT_FOUND; may be NULL.
 * @return OR_OK; OR_ERR_NOT_FOUND when the file does not exist;
 *         OR_ERR_INVALID when it is larger than @p max; OR_ERR_IO when it
 *         cannot be read.
 */
or_status or_http_read_file(const char *path, size_t max, char **out, size_t *out_len, char *err,
                            size_t errlen);

/**
 * @brief Read and decode an entry's metadata, a JSON object of at most
 * OR_HTTP_META_MAX bytes.
 * @return The object (json_decref()), or NULL when it is missing, too large
 *         or not JSON; then @p err says why ("PATH: reason").
 */
json_t *or_http_read_meta(const char *path, char *err, size_t errlen);

#endif /* OR_HTTP_FILES_H */

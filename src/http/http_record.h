/* SPDX-License-Identifier: MIT */
/**
 * @file http_record.h
 * @brief Recording HTTP exchanges and reading them back (src/http only).
 *
 * A recording is a folder of `<key>.body` (the response bytes) and
 * `<key>.json` (method, path and query, body, status, content type) per
 * exchange, the key being or_http_request_key().  Registered secrets never
 * reach the files and headers are never saved.
 */
#ifndef OR_HTTP_RECORD_H
#define OR_HTTP_RECORD_H

#include <stddef.h>

#include "http/http_types.h"

/**
 * @brief Save one successful exchange under @p dir as `<key>.body` and
 * `<key>.json`, each written to a temporary file and renamed into place.
 *
 * Registered secrets are replaced by "***" in the metadata and, when the
 * body is text, in the saved body.
 *
 * @return OR_OK; OR_ERR_IO or OR_ERR_NOMEM with @p err filled.
 */
or_status or_http_record_save(const char *dir, const struct or_http_request *req, const char *key,
                              long status, const char *content_type, const char *body, size_t len,
                              char *err, size_t errlen);

/**
 * @brief Load a recorded exchange from @p dir.
 *
 * @param max   The largest body accepted, in bytes.
 * @param body  Receives the NUL-terminated body on OR_OK; owned, g_free().
 * @return OR_OK; OR_ERR_NOT_FOUND when `<key>.json` does not exist (the
 *         caller names the request); OR_ERR_INVALID when the body is larger
 *         than @p max (not read); OR_ERR_REPLAY when the entry is broken;
 *         @p err filled on errors other than OR_ERR_NOT_FOUND.
 */
or_status or_http_replay_load(const char *dir, const char *key, size_t max, long *status,
                              char **body, size_t *len, char *err, size_t errlen);

#endif /* OR_HTTP_RECORD_H */

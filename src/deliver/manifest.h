/* SPDX-License-Identifier: MIT */
/**
 * @file manifest.h
 * @brief manifest.json: what a run did, for people and scripts (core only).
 *
 * Inputs (template, config, period, zone), every source with its status,
 * pages, rows, requests, retries and time, and every output file with its
 * size and SHA-256.  Written atomically.
 *
 * Every json_t * returned here is a new reference the caller owns: release
 * it with json_decref(), or hand it to json_object_set_new() or
 * json_array_append_new(), which take it over.  Arguments are borrowed.
 */
#ifndef OR_MANIFEST_H
#define OR_MANIFEST_H

#include <glib.h>
#include <jansson.h>

#include "fetch/fetch.h"
#include "outreport/plugin.h"
#include "outreport/status.h"
#include "base/period.h"

/**
 * @brief A JSON object describing @p p in @p tz (label, first/last day,
 * start/end ISO, partial); a new reference.
 */
json_t *or_manifest_period(const struct or_period *p, GTimeZone *tz);

/**
 * @brief A JSON object for one fetched source; a new reference.  @p period
 * names its period ("current", "previous", or its own, e.g.
 * "last-12-weeks"); @p days is that period (its first and last day), or
 * NULL when the source has none.
 */
json_t *or_manifest_source(const char *alias, const char *source, char *const *params,
                           const char *period, const struct or_period *days, const char *status,
                           const char *detail, const struct or_fetch_stats *st);

/** @brief A JSON object for an output file: path, format, bytes, sha256; a new reference. */
json_t *or_manifest_file(const char *path, const char *format);

/** An output file's size and SHA-256, as or_manifest_hash_file() found them. */
struct or_file_hash {
    int ok;          /**< nonzero: the file was read whole, bytes and sha256 are set */
    int64_t bytes;   /**< size */
    char sha256[65]; /**< lower-case hex, NUL-terminated */
};

/**
 * @brief Hash the file at @p path in 64 KiB chunks.  Thread-safe, and no JSON
 * involved: documents are hashed on the thread that rendered them.
 * @return OR_OK, or OR_ERR_IO (@p out->ok is 0) when it cannot be read.
 */
or_status or_manifest_hash_file(const char *path, struct or_file_hash *out);

/**
 * @brief Like or_manifest_file(), with the size and hash already known (from
 * the file's temporary name, before it was renamed to @p path).  @p h NULL or
 * not ok: path and format only, as for a file that cannot be read.
 */
json_t *or_manifest_file_hashed(const char *path, const char *format, const struct or_file_hash *h);

/**
 * @brief A JSON array describing evaluated sections: id, kind, status
 * ("ok" or "unavailable"), reason, rows, and for KPI sections every tile's
 * label, value and previous value (the headline numbers, for scripts); a
 * new reference.
 */
json_t *or_manifest_sections(const struct or_section *secs, size_t n);

/**
 * @brief Write @p root (borrowed) as pretty JSON to @p path atomically.
 * @return OR_OK; OR_ERR_IO naming the path and the reason; OR_ERR_NOMEM.
 */
or_status or_manifest_write(json_t *root, const char *path, char *err, size_t errlen);

#endif

/* SPDX-License-Identifier: MIT */
/**
 * @file jobctx.h
 * @brief What every job sets up the same way: its zone, period, renderer
 * options and HTTP client options (core only).
 */
#ifndef OR_JOBCTX_H
#define OR_JOBCTX_H

#include <glib.h>
#include <stdint.h>

#include "base/config.h"
#include "base/period.h"
#include "dataset/sqllimit.h"
#include "http/http.h"
#include "job/job.h"
#include "outreport/plugin.h"

/**
 * @brief The report zone: --tz, [report] timezone, the system zone, UTC.
 * @param tz receives a reference (g_time_zone_unref), @p name an owned copy (g_free).
 */
or_status or_job_zone(const struct or_job *job, const struct or_config *cfg, GTimeZone **tz,
                      char **name, char *err, size_t errlen);

/**
 * @brief The period from --period / --from --to, else @p default_spec (may be
 * NULL: no period).  "now" is the clock or $OUTREPORT_NOW (ISO 8601).
 * @param have set to 1 when a period was resolved.
 */
or_status or_job_period(const struct or_job *job, const struct or_config *cfg, GTimeZone *tz,
                        const char *default_spec, struct or_period *p, int *have, char *err,
                        size_t errlen);

/** @brief "now" for periods and the store: the clock or $OUTREPORT_NOW (ISO 8601). */
or_status or_job_now(GTimeZone *tz, int64_t *now, char *err, size_t errlen);

/** @brief "now" for documents: $SOURCE_DATE_EPOCH when set, else the clock. */
int64_t or_job_generated_at(void);

/**
 * @brief Split --option KEY=VALUE strings.  Names owned (free with
 * or_job_options_free(), also after a failure), values borrowed from @p raw.
 */
or_status or_job_options(const GPtrArray *raw, struct or_option **out, size_t *n, char *err,
                         size_t errlen);

/** @brief Free what or_job_options() made. */
void or_job_options_free(struct or_option *opts, size_t n);

/**
 * @brief The limits of template SQL: [report] sql_timeout_s (seconds a
 * statement may run, default OR_SQL_TIMEOUT_S_DEFAULT) and max_section_rows
 * (rows a section may have, default OR_SQL_MAX_ROWS_DEFAULT); 0 turns
 * either off.
 * @return OR_OK, or OR_ERR_CONFIG naming the key.
 */
or_status or_job_sql_limits(const struct or_config *cfg, struct or_sql_limits *lim, char *err,
                            size_t errlen);

/** @brief Fill HTTP options from [http] config keys. */
or_status or_job_http_options(const struct or_config *cfg, struct or_http_options *ho, char *err,
                              size_t errlen);

/**
 * @brief Turn the HTTP response cache on unless --no-cache,
 * $OUTREPORT_NO_CACHE, --record/--replay or [http] cache = off say otherwise:
 * folder $XDG_CACHE_HOME/outreport/http, TTL [http] cache_ttl_s (default 900).
 * Sets ho->cache_dir to an owned string (g_free) or leaves it NULL.
 */
void or_job_cache_options(const struct or_job *job, const struct or_config *cfg,
                          struct or_http_options *ho);

/**
 * @brief The job's HTTP client: [http] settings, the cache, --record/--replay.
 * @param out receives an owned client (or_http_free()).
 */
or_status or_job_http(const struct or_job *job, const struct or_config *cfg, struct or_http **out,
                      char *err, size_t errlen);

#endif

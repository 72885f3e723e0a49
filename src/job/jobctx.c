/* SPDX-License-Identifier: MIT */
/* What every job sets up the same way: zone, period, HTTP options,
 * renderer options. */
#include "job/jobctx.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/period.h"
#include "base/status_str.h"
#include "base/timeutil.h"
#include "http/http_config.h"

/* "now": the clock, or OUTREPORT_NOW (ISO 8601) so runs can be pinned. */
static or_status
current_time(GTimeZone *tz, int64_t *now, char *err, size_t errlen)
{
    const char *pin = getenv("OUTREPORT_NOW");
    if (pin == NULL || *pin == '\0') {
        *now = (int64_t)time(NULL);
        return OR_OK;
    }
    if (or_time_parse_iso8601(pin, tz, now) != OR_OK) {
        or_set_err(err, errlen, "OUTREPORT_NOW '%s': not an ISO 8601 date-time", pin);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

or_status
or_job_now(GTimeZone *tz, int64_t *now, char *err, size_t errlen)
{
    return current_time(tz, now, err, errlen);
}

/* The report zone: --tz, [report] timezone, the system zone, UTC. */
or_status
or_job_zone(const struct or_job *job, const struct or_config *cfg, GTimeZone **tz, char **name,
            char *err, size_t errlen)
{
    const char *n = job->tz;
    const char *what = "--tz";
    if (n == NULL) {
        n = or_config_get(cfg, "report", "timezone");
        what = "[report] timezone";
    }
    if (n == NULL) {
        GTimeZone *local = g_time_zone_new_local();
        *name = g_strdup(g_time_zone_get_identifier(local));
        g_time_zone_unref(local);
        if (or_tz_open(*name, tz, err, errlen) != OR_OK) {
            g_free(*name);
            *name = g_strdup("UTC");
            return or_tz_open("UTC", tz, err, errlen);
        }
        return OR_OK;
    }
    char inner[OR_ERR_SIZE];
    if (or_tz_open(n, tz, inner, sizeof(inner)) != OR_OK) {
        or_set_err(err, errlen, "%s: %s", what, inner);
        return OR_ERR_CONFIG;
    }
    *name = g_strdup(n);
    return OR_OK;
}

or_status
or_job_period(const struct or_job *job, const struct or_config *cfg, GTimeZone *tz,
              const char *default_spec, struct or_period *p, int *have, char *err, size_t errlen)
{
    const char *ws = or_config_get(cfg, "report", "week_start");
    int week_start = or_week_start_parse(ws != NULL ? ws : "monday");
    int64_t now;
    or_status st;

    *have = 0;
    if (week_start == 0) {
        or_set_err(err, errlen, "config [report] week_start: '%s' is not a weekday", ws);
        return OR_ERR_CONFIG;
    }
    if ((job->from != NULL) != (job->to != NULL)) {
        or_set_err(err, errlen, "--from and --to go together");
        return OR_ERR_INVALID;
    }
    if (job->period != NULL && job->from != NULL) {
        or_set_err(err, errlen, "give either --period or --from/--to, not both");
        return OR_ERR_INVALID;
    }
    const char *spec = job->period != NULL ? job->period : default_spec;
    if (spec == NULL && job->from == NULL) {
        return OR_OK;
    }
    st = current_time(tz, &now, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    if (job->from == NULL) {
        st = or_period_resolve(spec, tz, week_start, now, p, err, errlen);
    }
    else {
        st = or_period_from_to(job->from, job->to, tz, now, p, err, errlen);
    }
    *have = st == OR_OK;
    return st;
}

int64_t
or_job_generated_at(void)
{
    return or_time_now_for_documents();
}

or_status
or_job_options(const GPtrArray *raw, struct or_option **out, size_t *n, char *err, size_t errlen)
{
    *out = g_new0(struct or_option, raw->len + 1);
    *n = 0;
    for (guint i = 0; i < raw->len; i++) {
        const char *kv = g_ptr_array_index(raw, i);
        const char *eq = strchr(kv, '=');
        if (eq == NULL || eq == kv) {
            or_set_err(err, errlen, "--option '%s': expected KEY=VALUE", kv);
            return OR_ERR_INVALID;
        }
        (*out)[*n].name = g_strndup(kv, (gsize)(eq - kv));
        (*out)[*n].value = eq + 1;
        (*n)++;
    }
    return OR_OK;
}

void
or_job_options_free(struct or_option *opts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free((char *)opts[i].name);
    }
    g_free(opts);
}

static or_status
config_long(const struct or_config *cfg, const char *key, long min, long max, long scale, long *out,
            char *err, size_t errlen)
{
    long n = 0;
    int set = 0;
    or_status st = or_config_long(cfg, "http", key, min, max, &n, &set, err, errlen);
    *out = set ? n * scale : *out;
    return st;
}

or_status
or_job_sql_limits(const struct or_config *cfg, struct or_sql_limits *lim, char *err, size_t errlen)
{
    long timeout = OR_SQL_TIMEOUT_S_DEFAULT, rows = OR_SQL_MAX_ROWS_DEFAULT, n = 0;
    int set = 0;
    or_status st =
        or_config_long(cfg, "report", "sql_timeout_s", 0, 30 * 86400, &n, &set, err, errlen);
    timeout = set ? n : timeout;
    if (st == OR_OK) {
        st = or_config_long(cfg, "report", "max_section_rows", 0, LONG_MAX, &n, &set, err, errlen);
        rows = set ? n : rows;
    }
    lim->timeout_s = timeout;
    lim->max_rows = rows;
    return st;
}

/* [http] retries, backoff_ms, backoff_max_ms, timeout_s, connect_timeout_s,
 * parallel, ca_file. */
or_status
or_job_http_options(const struct or_config *cfg, struct or_http_options *ho, char *err,
                    size_t errlen)
{
    long retries = -1, parallel = 0;
    or_status st = config_long(cfg, "retries", 0, 20, 1, &retries, err, errlen);
    if (st == OR_OK) {
        st = config_long(cfg, "backoff_ms", 1, 600000, 1, &ho->backoff_base_ms, err, errlen);
    }
    if (st == OR_OK) {
        st = config_long(cfg, "backoff_max_ms", 1, 3600000, 1, &ho->backoff_max_ms, err, errlen);
    }
    if (st == OR_OK) {
        st = config_long(cfg, "timeout_s", 1, 86400, 1000, &ho->timeout_ms, err, errlen);
    }
    if (st == OR_OK) {
        st = config_long(cfg, "connect_timeout_s", 1, 600, 1000, &ho->connect_timeout_ms, err,
                         errlen);
    }
    if (st == OR_OK) {
        st = config_long(cfg, "parallel", 1, 64, 1, &parallel, err, errlen);
    }
    if (retries >= 0) {
        /* 0 retries is meaningful, so it cannot ride on the zero-means-default rule. */
        ho->max_retries = retries == 0 ? -1 : (int)retries;
    }
    ho->max_parallel = (int)parallel;
    ho->ca_file = or_config_get(cfg, "http", "ca_file");
    return st == OR_OK ? or_http_limits_from_config(cfg, ho, err, errlen) : st;
}

void
or_job_cache_options(const struct or_job *job, const struct or_config *cfg,
                     struct or_http_options *ho)
{
    const char *off = or_config_get(cfg, "http", "cache");
    const char *env = getenv("OUTREPORT_NO_CACHE");
    ho->cache_dir = NULL;
    if (job->no_cache || (env != NULL && *env != '\0' && strcmp(env, "0") != 0) ||
        job->record_dir != NULL || job->replay_dir != NULL ||
        (off != NULL &&
         (g_ascii_strcasecmp(off, "off") == 0 || g_ascii_strcasecmp(off, "no") == 0 ||
          g_ascii_strcasecmp(off, "false") == 0))) {
        return;
    }
    long ttl = 900;
    char err[OR_ERR_SIZE];
    if (config_long(cfg, "cache_ttl_s", 1, 86400 * 30, 1, &ttl, err, sizeof(err)) != OR_OK) {
        or_log(OR_LOG_WARN, "%s; using 900", err);
        ttl = 900;
    }
    ho->cache_ttl_s = ttl;
    ho->cache_dir = g_build_filename(g_get_user_cache_dir(), "outreport", "http", NULL);
}

or_status
or_job_http(const struct or_job *job, const struct or_config *cfg, struct or_http **out, char *err,
            size_t errlen)
{
    struct or_http_options ho = {.record_dir = job->record_dir, .replay_dir = job->replay_dir};
    *out = NULL;
    or_status st = or_job_http_options(cfg, &ho, err, errlen);
    if (st == OR_OK) {
        or_job_cache_options(job, cfg, &ho);
        st = or_http_new(&ho, out, err, errlen);
        g_free((char *)ho.cache_dir);
    }
    return st;
}

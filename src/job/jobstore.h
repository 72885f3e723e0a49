/* SPDX-License-Identifier: MIT */
/**
 * @file jobstore.h
 * @brief Which store a job uses: --store, $OUTREPORT_STORE, [store] url,
 * else `sqlite:$XDG_DATA_HOME/outreport/store.sqlite`; `none` for none.
 *
 * Core only.  A run that records or replays HTTP (--record, --replay) and
 * names no store (or `none`) uses a private temporary one, removed when the
 * job ends: a recording must hold every request a sync makes, a replay
 * must make the same ones, and replayed data must not mix with what the
 * user's own store holds.
 *
 * When the default store's folder cannot be created ($HOME is /nonexistent
 * for a service user), the run goes on without a store after one warning
 * (js->default_unusable says so); a store the user named is opened or fails.
 */
#ifndef OR_JOBSTORE_H
#define OR_JOBSTORE_H

#include "base/config.h"
#include "job/job.h"
#include "store/store.h"

/** The store of a job.  Fill with or_job_store_open(); or_job_store_close() frees it. */
struct or_job_store {
    struct or_store *store; /**< NULL: no store (`none`) */
    char *tmpdir;           /**< the temporary store's folder (owned), or NULL */
    int refetch_days;       /**< [store] refetch_days (default 3) */
    int default_unusable;   /**< no store: the default one's folder could not be made */
};

/**
 * @brief Open the job's store (see above) into @p js.
 * @return OR_OK (also for `none`: js->store NULL); OR_ERR_CONFIG for a bad
 *         key; the store's error.  Close @p js either way.
 */
or_status or_job_store_open(const struct or_job *job, const struct or_config *cfg,
                            struct or_job_store *js, char *err, size_t errlen);

struct or_fetch_env;
struct or_sync_env;

/**
 * @brief The sync environment of @p js: its store and refetch days, @p fe,
 * [report] week_start, and "now" (the clock or $OUTREPORT_NOW) in @p tz.
 */
or_status or_job_store_env(const struct or_job_store *js, const struct or_config *cfg,
                           GTimeZone *tz, const struct or_fetch_env *fe, struct or_sync_env *se,
                           char *err, size_t errlen);

/** @brief Close the store and remove a temporary one. */
void or_job_store_close(struct or_job_store *js);

#endif

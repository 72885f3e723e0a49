/* SPDX-License-Identifier: MIT */
/* The store a job uses (jobstore.h). */
#include "job/jobstore.h"

#include <errno.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "base/log.h"
#include "base/period.h"
#include "base/status_str.h"
#include "job/jobctx.h"
#include "job/sync.h"

static or_status
refetch_days(const struct or_config *cfg, int *days, char *err, size_t errlen)
{
    const char *v = or_config_get(cfg, "store", "refetch_days");
    char *end = NULL;
    *days = 3;
    if (v == NULL) {
        return OR_OK;
    }
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < 0 || n > 3650) {
        or_set_err(err, errlen, "[store] refetch_days = %s: expected a number of days, 0 to 3650",
                   v);
        return OR_ERR_CONFIG;
    }
    *days = (int)n;
    return OR_OK;
}

/* The default store, sqlite:$XDG_DATA_HOME/outreport/store.sqlite, or
 * "none" when its folder cannot be made: a service user whose $HOME is
 * /nonexistent gets a run without history and one warning, not a failure.
 * A store the user named is never replaced like this. */
static char *
default_url(struct or_job_store *js)
{
    char *dir = g_build_filename(g_get_user_data_dir(), "outreport", NULL);
    char *url = NULL;
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        or_log(OR_LOG_WARN,
               "cannot create the default store folder %s: %s; this run keeps no history "
               "(name a store: [store] url, --store or $OUTREPORT_STORE; or set XDG_DATA_HOME)",
               dir, g_strerror(errno));
        js->default_unusable = 1;
        url = g_strdup("none");
    }
    else {
        url = g_strdup_printf("sqlite:%s/store.sqlite", dir);
    }
    g_free(dir);
    return url;
}

or_status
or_job_store_open(const struct or_job *job, const struct or_config *cfg, struct or_job_store *js,
                  char *err, size_t errlen)
{
    memset(js, 0, sizeof(*js));
    or_status st = refetch_days(cfg, &js->refetch_days, err, errlen);
    const char *url = job->store;
    if (url == NULL) {
        url = getenv("OUTREPORT_STORE");
    }
    if (url == NULL || *url == '\0') {
        url = or_config_get(cfg, "store", "url");
    }
    char *owned = NULL;
    int replay = job->replay_dir != NULL || job->record_dir != NULL;
    if (st == OR_OK && replay && url != NULL && g_ascii_strcasecmp(url, "none") == 0) {
        url = NULL; /* recordings are made and replayed through a store */
    }
    if (st == OR_OK && (url == NULL || *url == '\0')) {
        if (replay) {
            js->tmpdir = g_dir_make_tmp("outreport-store-XXXXXX", NULL);
            if (js->tmpdir == NULL) {
                or_set_err(err, errlen, "cannot create a temporary store: %s", g_strerror(errno));
                return OR_ERR_IO;
            }
            owned = g_strdup_printf("sqlite:%s/store.sqlite", js->tmpdir);
            or_log(OR_LOG_DEBUG, "--record/--replay: a temporary store in %s", js->tmpdir);
        }
        else {
            owned = default_url(js);
        }
        url = owned;
    }
    if (st == OR_OK && g_ascii_strcasecmp(url, "none") != 0) {
        st = or_store_open(url, &js->store, err, errlen);
    }
    g_free(owned);
    return st;
}

or_status
or_job_store_env(const struct or_job_store *js, const struct or_config *cfg, GTimeZone *tz,
                 const struct or_fetch_env *fe, struct or_sync_env *se, char *err, size_t errlen)
{
    const char *ws = or_config_get(cfg, "report", "week_start");
    *se = (struct or_sync_env){.store = js->store,
                               .fetch = fe,
                               .refetch_days = js->refetch_days,
                               .week_start = or_week_start_parse(ws != NULL ? ws : "monday")};
    return or_job_now(tz, &se->now, err, errlen);
}

void
or_job_store_close(struct or_job_store *js)
{
    or_store_close(js->store);
    js->store = NULL;
    if (js->tmpdir != NULL) {
        const char *const files[] = {"store.sqlite", "store.sqlite-wal", "store.sqlite-shm",
                                     "store.sqlite.lock"};
        for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
            char *p = g_build_filename(js->tmpdir, files[i], NULL);
            g_remove(p);
            g_free(p);
        }
        g_rmdir(js->tmpdir);
        g_free(js->tmpdir);
        js->tmpdir = NULL;
    }
}

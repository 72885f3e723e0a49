/* SPDX-License-Identifier: MIT */
/* The time limit of template statements: see sqllimit.h. */
#include "dataset/sqllimit.h"

#include <stdio.h>

/* SQLite calls the handler every this many virtual machine instructions:
 * about every few microseconds, so a deadline passes by little. */
#define PROGRESS_OPS 1000

struct or_sql_clock {
    sqlite3 *db;
    struct or_sql_limits lim;
    gint64 deadline; /* monotonic µs; 0 while no cursor's statement is stepped */
};

/* Written and read only with the connection's mutex held: deadline is armed
 * around a cursor's step, and the handler runs inside a step. */
static int
progress(void *ud)
{
    const struct or_sql_clock *k = ud;
    return k->deadline != 0 && g_get_monotonic_time() >= k->deadline;
}

struct or_sql_clock *
or_sql_clock_new(sqlite3 *db)
{
    struct or_sql_clock *k = g_new0(struct or_sql_clock, 1);
    k->db = db;
    return k;
}

void
or_sql_clock_free(struct or_sql_clock *k)
{
    if (k != NULL && k->db != NULL) {
        sqlite3_progress_handler(k->db, 0, NULL, NULL);
    }
    g_free(k);
}

void
or_sql_clock_set(struct or_sql_clock *k, const struct or_sql_limits *lim)
{
    k->lim = *lim;
    if (k->lim.timeout_s > 0) {
        sqlite3_progress_handler(k->db, PROGRESS_OPS, progress, k);
    }
    else {
        sqlite3_progress_handler(k->db, 0, NULL, NULL);
    }
}

const struct or_sql_limits *
or_sql_clock_limits(const struct or_sql_clock *k)
{
    return &k->lim;
}

gint64
or_sql_clock_start(struct or_sql_clock *k, gint64 spent_us)
{
    gint64 now = g_get_monotonic_time();
    if (k != NULL && k->lim.timeout_s > 0) {
        gint64 left = k->lim.timeout_s * G_USEC_PER_SEC - spent_us;
        k->deadline = now + MAX(left, 1);
    }
    return now;
}

int
or_sql_clock_stop(struct or_sql_clock *k, gint64 t0, gint64 *spent_us)
{
    if (k == NULL || k->lim.timeout_s <= 0) {
        return 0;
    }
    k->deadline = 0;
    *spent_us += g_get_monotonic_time() - t0;
    return *spent_us >= k->lim.timeout_s * G_USEC_PER_SEC;
}

void
or_sql_clock_message(const struct or_sql_clock *k, char *buf, size_t len)
{
    snprintf(buf, len, "the statement ran longer than %ld s ([report] sql_timeout_s)",
             k->lim.timeout_s);
}

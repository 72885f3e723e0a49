/* SPDX-License-Identifier: MIT */
/*
 * The store (src/store) against both backends: every test runs once on an
 * SQLite file and once on a database of a throwaway PostgreSQL server
 * (pgtest.h, one server for the whole executable).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "pgtest.h"
#include "proc.h"
#include "plugin/endpoint.h"
#include "store/store.h"
#include "store/store_profile.h"

struct backend {
    const char *kind; /* "sqlite" or "postgresql" */
    char url[512];
    char path[512]; /* sqlite: the file */
    char *dir;
};

static struct backend sqlite_backend = {.kind = "sqlite"};
static struct backend pg_backend = {.kind = "postgresql"};

static int
setup(void **state)
{
    struct backend *b = *state;
    static int n;
    if (strcmp(b->kind, "sqlite") == 0) {
        b->dir = test_tmpdir();
        snprintf(b->path, sizeof(b->path), "%s/store.sqlite", b->dir);
        snprintf(b->url, sizeof(b->url), "sqlite:%s", b->path);
        return 0;
    }
    char name[32];
    snprintf(name, sizeof(name), "store_%d", ++n);
    return pgtest_up && pgtest_createdb(&pgtest_server, name, b->url, sizeof(b->url)) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
    struct backend *b = *state;
    if (b->dir != NULL) {
        test_rmtree(b->dir);
        free(b->dir);
        b->dir = NULL;
    }
    return 0;
}

/* SQL straight to the backend, past the store: one text result or NULL (malloc'd). */
static char *
raw(const struct backend *b, const char *sql)
{
    char *out = NULL;
    if (strcmp(b->kind, "sqlite") == 0) {
        sqlite3 *db = NULL;
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_open(b->path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        int rc = sqlite3_step(st);
        assert_true(rc == SQLITE_ROW || rc == SQLITE_DONE);
        if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL) {
            out = strdup((const char *)sqlite3_column_text(st, 0));
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
        return out;
    }
    PGconn *c = PQconnectdb(b->url);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    ExecStatusType t = PQresultStatus(r);
    if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    }
    if (t == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) {
        out = strdup(PQgetvalue(r, 0, 0));
    }
    PQclear(r);
    PQfinish(c);
    return out;
}

static void
assert_raw(const struct backend *b, const char *sql, const char *want)
{
    char *got = raw(b, sql);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static struct or_store *
open_ok(const struct backend *b)
{
    struct or_store *s = NULL;
    char err[OR_ERR_SIZE] = "";
    or_status st = or_store_open(b->url, &s, err, sizeof(err));
    if (st != OR_OK) {
        fail_msg("open %s: %s", b->url, err);
    }
    return s;
}

static const char *const call_key[] = {"id", NULL};
static const struct or_store_profile records = {"test.records", OR_STORE_RECORDS, call_key,
                                                "started_at", 0};
/* records whose duration_s counts up like Saleshandy's opens */
static const struct or_store_profile counted = {"test.counted", OR_STORE_RECORDS, call_key,
                                                "started_at", 1};
static const char *const space_key[] = {"space", NULL};
static const struct or_store_profile snapshots = {"test.snapshot", OR_STORE_SNAPSHOT, space_key,
                                                  NULL, 0};

static const struct or_column *const call_cols[] = {
    OR_COLUMN("id", OR_TYPE_TEXT, NULL),          OR_COLUMN("started_at", OR_TYPE_TIME, NULL),
    OR_COLUMN("disposition", OR_TYPE_TEXT, NULL), OR_COLUMN("duration_s", OR_TYPE_INT, NULL),
    OR_COLUMN("answered", OR_TYPE_BOOL, NULL),    OR_COLUMN("score", OR_TYPE_REAL, NULL),
};

/* 2026-11-16 09:00 and 2026-11-17 09:00 in Berlin (UTC+1). */
#define MON_9 "1794816000"
#define TUE_9 "1794902400"

/* A dataset with table chunk holding @p rows (SQL VALUES lists). */
static struct or_dataset *
fetched(const char *values)
{
    struct or_dataset *ds = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_dataset_new(&ds, err, sizeof(err)), OR_OK);
    char sql[2048];
    snprintf(sql, sizeof(sql),
             "CREATE TABLE chunk (id TEXT, started_at TIME, disposition TEXT, duration_s INTEGER, "
             "answered BOOL, score REAL); INSERT INTO chunk VALUES %s",
             values);
    assert_int_equal(sqlite3_exec(or_dataset_db(ds), sql, NULL, NULL, NULL), SQLITE_OK);
    return ds;
}

static GTimeZone *
berlin(void)
{
    GTimeZone *tz = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_tz_open("Europe/Berlin", &tz, err, sizeof(err)), OR_OK);
    return tz;
}

static int64_t
put(struct or_store *s, int64_t stream, const struct or_store_profile *prof, const char *values,
    const char *first, const char *last, int64_t at)
{
    struct or_dataset *ds = fetched(values);
    GTimeZone *tz = berlin();
    struct or_store_put p = {stream, prof, "calls", ds, "chunk", tz, first, last, at};
    char err[OR_ERR_SIZE] = "";
    int64_t rows = -1;
    or_status st = or_store_put(s, &p, &rows, err, sizeof(err));
    if (st != OR_OK) {
        fail_msg("put: %s", err);
    }
    g_time_zone_unref(tz);
    or_dataset_free(ds);
    return rows;
}

/* Loads into a fresh dataset and returns the result of @p sql over table t
 * (with load_history set: every dated snapshot, or_store_get.history). */
static int load_history;

static char *
load(struct or_store *s, int64_t stream, const struct or_store_profile *prof, const char *first,
     const char *last, int64_t end, const char *sql, char as_of[11])
{
    struct or_dataset *ds = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_dataset_new(&ds, err, sizeof(err)), OR_OK);
    struct or_schema *schema = or_schema_new(call_cols, G_N_ELEMENTS(call_cols), 0);
    struct or_store_get g = {stream, prof, "calls", first, last, end, load_history};
    int64_t rows = 0;
    char day[11];
    or_status st =
        or_store_load(s, &g, schema, ds, "t", &rows, as_of != NULL ? as_of : day, err, sizeof(err));
    if (st != OR_OK) {
        fail_msg("load: %s", err);
    }
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(or_dataset_db(ds), sql, -1, &q, NULL), SQLITE_OK);
    char *out = NULL;
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0) != NULL) {
        out = strdup((const char *)sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    or_schema_free(schema);
    or_dataset_free(ds);
    return out;
}

static void
assert_load(struct or_store *s, int64_t stream, const struct or_store_profile *prof,
            const char *first, const char *last, const char *sql, const char *want)
{
    char *got = load(s, stream, prof, first, last, 0, sql, NULL);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static int64_t
stream(struct or_store *s, const char *source)
{
    int64_t id = -1;
    char err[OR_ERR_SIZE];
    assert_int_equal(
        or_store_stream(s, source, "", "Europe/Berlin", "calls", &id, err, sizeof(err)), OR_OK);
    return id;
}

/* A record fetched twice is stored once, in its newest version; one listed
 * twice in one fetch (paging while data changes) once, the later listing. */
static void
test_upsert_newest_version_wins(void **state)
{
    const struct backend *b = *state;
    struct or_store *s = open_ok(b);
    int64_t id = stream(s, "test.records");
    put(s, id, &records,
        "('a', " MON_9 ", 'No Answer', 10, 0, 0.5), ('b', " MON_9 ", 'Gatekeeper', 20, 1, 1.5), "
        "('a', " MON_9 ", 'Call back later', 10, 1, 0.5)",
        "2026-11-16", "2026-11-16", 1000);
    assert_load(s, id, &records, "2026-11-16", "2026-11-16", "SELECT count(*) FROM t", "2");
    assert_load(s, id, &records, "2026-11-16", "2026-11-16",
                "SELECT disposition FROM t WHERE id = 'a'", "Call back later");
    put(s, id, &records,
        "('a', " MON_9 ", 'Meeting Set', 10, 1, 0.5), ('b', " MON_9 ", 'Gatekeeper', 20, 1, 1.5)",
        "2026-11-16", "2026-11-16", 2000);
    assert_load(s, id, &records, "2026-11-16", "2026-11-16", "SELECT count(*) FROM t", "2");
    assert_load(s, id, &records, "2026-11-16", "2026-11-16",
                "SELECT disposition FROM t WHERE id = 'a'", "Meeting Set");
    assert_raw(b, "SELECT count(*) FROM calls", "2");
    assert_raw(b, "SELECT fetched_at FROM or_coverage WHERE day_first = '2026-11-16'", "2000");
    or_store_close(s);
}

/* Records are stored under the local day of their time column, one
 * coverage entry per day with its rows, and loaded by day. */
static void
test_records_by_local_day(void **state)
{
    const struct backend *b = *state;
    struct or_store *s = open_ok(b);
    int64_t id = stream(s, "test.records");
    /* 1794870000 = 2026-11-16 23:40 UTC = 2026-11-17 00:40 in Berlin */
    put(s, id, &records,
        "('a', " MON_9 ", NULL, 1, 0, NULL), ('b', 1794870000, NULL, 2, 0, NULL), ('c', " TUE_9
        ", NULL, 3, 0, NULL)",
        "2026-11-16", "2026-11-18", 5000);
    assert_load(s, id, &records, "2026-11-16", "2026-11-16", "SELECT group_concat(id) FROM t", "a");
    assert_load(s, id, &records, "2026-11-17", "2026-11-17",
                "SELECT group_concat(id, ',') FROM (SELECT id FROM t ORDER BY id)", "b,c");
    assert_raw(b, "SELECT row_count FROM or_coverage WHERE day_first = '2026-11-17'", "2");
    assert_raw(b, "SELECT row_count FROM or_coverage WHERE day_first = '2026-11-18'", "0");
    GArray *cover = g_array_new(FALSE, TRUE, sizeof(struct or_store_cover));
    char err[OR_ERR_SIZE];
    assert_int_equal(or_store_coverage(s, id, "2026-11-01", "2026-11-30", cover, err, sizeof(err)),
                     OR_OK);
    assert_int_equal(cover->len, 3);
    assert_string_equal(g_array_index(cover, struct or_store_cover, 2).first, "2026-11-18");
    g_array_free(cover, TRUE);
    /* another stream (other parameters) of the same table sees none of it */
    int64_t other = -1;
    assert_int_equal(or_store_stream(s, "test.records", "direction=inbound", "Europe/Berlin",
                                     "calls", &other, err, sizeof(err)),
                     OR_OK);
    assert_int_not_equal(other, id);
    assert_load(s, other, &records, "2026-11-16", "2026-11-18", "SELECT count(*) FROM t", "0");
    or_store_close(s);
}

/* Values come back with their types, NULL stays NULL; PostgreSQL gets
 * types BI tools understand. */
static void
test_types_round_trip(void **state)
{
    const struct backend *b = *state;
    struct or_store *s = open_ok(b);
    int64_t id = stream(s, "test.records");
    put(s, id, &records,
        "('a', " MON_9 ", 'Zoë \t\\ \"x\"\n', 125, 1, 0.25), ('b', " MON_9
        ", NULL, NULL, NULL, NULL)",
        "2026-11-16", "2026-11-16", 1);
    assert_load(s, id, &records, "2026-11-16", "2026-11-16",
                "SELECT started_at || '|' || disposition || '|' || duration_s || '|' || answered "
                "|| '|' || score FROM t WHERE id = 'a'",
                MON_9 "|Zoë \t\\ \"x\"\n|125|1|0.25");
    assert_load(s, id, &records, "2026-11-16", "2026-11-16",
                "SELECT count(*) FROM t WHERE id = 'b' AND disposition IS NULL AND duration_s IS "
                "NULL AND answered IS NULL AND score IS NULL",
                "1");
    if (strcmp(b->kind, "postgresql") == 0) {
        assert_raw(b,
                   "SELECT data_type FROM information_schema.columns WHERE table_name = 'calls' "
                   "AND column_name = 'started_at'",
                   "timestamp with time zone");
        assert_raw(b, "SELECT started_at FROM calls WHERE id = 'a'", "2026-11-16 08:00:00+00");
    }
    or_store_close(s);
}

/* Cumulative totals: one snapshot per day; a period reads the first taken
 * after it ended, else the newest before. */
static void
test_snapshots_dated(void **state)
{
    const struct backend *b = *state;
    struct or_store *s = open_ok(b);
    int64_t id = stream(s, "test.snapshot");
    const char *sql = "SELECT duration_s FROM t";
    put(s, id, &snapshots, "('s1', NULL, NULL, 100, NULL, NULL)", "2026-11-16", "2026-11-16",
        1794816000);
    put(s, id, &snapshots, "('s1', NULL, NULL, 130, NULL, NULL)", "2026-11-23", "2026-11-23",
        1795420800);
    put(s, id, &snapshots, "('s1', NULL, NULL, 131, NULL, NULL)", "2026-11-23", "2026-11-23",
        1795424400); /* same day again: replaces */
    assert_raw(b, "SELECT count(*) FROM calls", "2");
    char as_of[11];
    char *v = load(s, id, &snapshots, NULL, NULL, 1795392000 /* 2026-11-23 00:00 */, sql, as_of);
    assert_string_equal(v, "131");
    assert_string_equal(as_of, "2026-11-23");
    free(v);
    v = load(s, id, &snapshots, NULL, NULL, 1794787200 /* 2026-11-16 00:00 */, sql, as_of);
    assert_string_equal(v, "100");
    free(v);
    v = load(s, id, &snapshots, NULL, NULL, 1796000000, sql, as_of); /* after both */
    assert_string_equal(v, "131");
    free(v);
    or_store_close(s);
}

/* Instants in Berlin (UTC+1): Tuesday 2026-11-17 08:00 and 12:00, Tuesday
 * 2026-11-24 08:00, Wednesday 2026-11-25 08:00. */
#define TUE17_8 1794898800
#define TUE17_12 1794913200
#define TUE24_8 1795503600
#define WED25_8 1795590000

/* Each sync's reading of a record's counters is the snapshot of its day:
 * two syncs on one day keep one (the later), another day adds one; a
 * report reads each record as of its period's end (the first snapshot taken
 * on a later day, else the newest); the history gives every snapshot, whose
 * differences are what happened between them. */
static void
test_counter_snapshots_dated(void **state)
{
    const struct backend *b = *state;
    struct or_store *s = open_ok(b);
    int64_t id = stream(s, "test.counted");
    put(s, id, &counted,
        "('c1', " MON_9 ", NULL, 1, NULL, NULL), ('c2', " MON_9 ", NULL, 0, "
        "NULL, NULL)",
        "2026-11-16", "2026-11-16", TUE17_8);
    put(s, id, &counted,
        "('c1', " MON_9 ", NULL, 2, NULL, NULL), ('c2', " MON_9 ", NULL, 1, "
        "NULL, NULL)",
        "2026-11-16", "2026-11-16", TUE17_12); /* same day: replaces */
    put(s, id, &counted,
        "('c1', " MON_9 ", NULL, 5, NULL, NULL), ('c2', " MON_9 ", NULL, 1, "
        "NULL, NULL)",
        "2026-11-16", "2026-11-16", TUE24_8);
    assert_raw(b, "SELECT count(*) FROM calls", "2");
    assert_raw(b, "SELECT count(*) FROM calls_snapshots", "4");
    assert_raw(b,
               "SELECT duration_s FROM calls_snapshots WHERE or_key = 'c1' AND or_snap = "
               "'2026-11-17'",
               "2");
    assert_raw(b,
               "SELECT duration_s FROM calls_snapshots WHERE or_key = 'c1' AND or_snap = "
               "'2026-11-24'",
               "5");
    const char *sum = "SELECT sum(duration_s) FROM t";
    assert_load(s, id, &counted, "2026-11-16", "2026-11-16", sum, "3"); /* as of 11-17 */
    assert_load(s, id, &counted, "2026-11-16", "2026-11-22", sum, "6"); /* as of 11-24 */
    assert_load(s, id, &counted, "2026-11-16", "2026-11-30", sum, "6"); /* not over: newest */
    assert_load(s, id, &counted, "2026-11-17", "2026-11-22", "SELECT count(*) FROM t", "0");
    struct or_store_get g = {id, &counted, "calls", "2026-11-16", "2026-11-16", 0, 0};
    int64_t at = 0;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_store_fetched_at(s, &g, "", &at, err, sizeof(err)), OR_OK);
    assert_int_equal(at, TUE17_12);

    load_history = 1;
    assert_load(s, id, &counted, "2026-11-16", "2026-11-22",
                "WITH d AS (SELECT as_of, duration_s - coalesce(lag(duration_s) OVER (PARTITION "
                "BY record ORDER BY as_of), 0) AS more FROM t) SELECT group_concat(as_of || '+' "
                "|| n, ',') FROM (SELECT as_of, sum(more) AS n FROM d GROUP BY as_of ORDER BY "
                "as_of)",
                "2026-11-17+3,2026-11-24+3");
    load_history = 0;

    /* c2 is gone at the vendor: a refetch of its day drops it, snapshots too */
    put(s, id, &counted, "('c1', " MON_9 ", NULL, 6, NULL, NULL)", "2026-11-16", "2026-11-16",
        WED25_8);
    assert_raw(b, "SELECT count(*) FROM calls_snapshots WHERE or_key = 'c2'", "0");
    assert_raw(b, "SELECT count(*) FROM calls_snapshots WHERE or_key = 'c1'", "3");
    or_store_close(s);
}

/* A store of version 2 holding records with counters: opened, it is
 * version 3 and reads as before; its next sync seeds the snapshots with
 * those rows (as of the day they were fetched), so a trend's difference
 * starts from them instead of counting everything up to the first sync. */
static void
test_counters_of_a_version_2_store(void **state)
{
    const struct backend *b = *state;
    struct or_store *s = open_ok(b);
    int64_t id = stream(s, "test.counted");
    put(s, id, &records, "('c1', " MON_9 ", NULL, 2, NULL, NULL)", "2026-11-16", "2026-11-16",
        TUE17_8); /* as version 2 stored them: no snapshots */
    or_store_close(s);
    free(raw(b, "ALTER TABLE or_streams DROP COLUMN snapshots"));
    free(raw(b, "UPDATE or_meta SET value = '2' WHERE key = 'schema_version'"));

    s = open_ok(b);
    assert_raw(b, "SELECT value FROM or_meta WHERE key = 'schema_version'", "3");
    const char *sum = "SELECT sum(duration_s) FROM t";
    assert_load(s, id, &counted, "2026-11-16", "2026-11-22", sum, "2");
    GTimeZone *tz = berlin();
    char err[OR_ERR_SIZE] = "";
    if (or_store_counters_ready(s, id, "calls", tz, err, sizeof(err)) != OR_OK) {
        fail_msg("ready: %s", err);
    }
    g_time_zone_unref(tz);
    assert_raw(b, "SELECT or_snap || '=' || duration_s FROM calls_snapshots", "2026-11-17=2");
    put(s, id, &counted, "('c1', " MON_9 ", NULL, 7, NULL, NULL)", "2026-11-16", "2026-11-16",
        TUE24_8);
    load_history = 1;
    assert_load(s, id, &counted, "2026-11-16", "2026-11-22",
                "SELECT group_concat(as_of || '=' || duration_s, ',') FROM (SELECT * FROM t "
                "ORDER BY as_of)",
                "2026-11-17=2,2026-11-24=7");
    load_history = 0;
    assert_load(s, id, &counted, "2026-11-16", "2026-11-16", sum, "2");
    or_store_close(s);
}

/* A store of schema version 1 is migrated; a newer one is refused and left alone. */
static void
test_migrates_old_refuses_newer(void **state)
{
    const struct backend *b = *state;
    int pgsql = strcmp(b->kind, "postgresql") == 0;
    char *v1 = g_strdup_printf(
        "CREATE TABLE or_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE or_streams (id %s, source TEXT NOT NULL, params TEXT NOT NULL,"
        " tz TEXT NOT NULL, tbl TEXT NOT NULL, UNIQUE (source, params, tz));"
        "CREATE TABLE or_coverage (stream BIGINT NOT NULL, day_first TEXT NOT NULL,"
        " day_last TEXT NOT NULL, fetched_at BIGINT NOT NULL,"
        " PRIMARY KEY (stream, day_first, day_last));"
        "INSERT INTO or_coverage VALUES (1, '2026-11-16', '2026-11-16', 7);"
        "INSERT INTO or_meta (key, value) VALUES ('schema_version', '1')",
        pgsql ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY");
    if (pgsql) {
        free(raw(b, v1));
    }
    else {
        sqlite3 *db = NULL;
        assert_int_equal(sqlite3_open(b->path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }
    g_free(v1);
    struct or_store *s = open_ok(b);
    or_store_close(s);
    assert_raw(b, "SELECT value FROM or_meta WHERE key = 'schema_version'", "3");
    assert_raw(b, "SELECT fetched_at || ':' || row_count FROM or_coverage", "7:0");
    assert_raw(b, "SELECT count(*) FROM or_streams WHERE snapshots IS NULL", "0");

    free(raw(b, "UPDATE or_meta SET value = '99' WHERE key = 'schema_version'"));
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_store_open(b->url, &s, err, sizeof(err)), OR_ERR_DATASET);
    assert_null(s);
    assert_non_null(strstr(err, "schema version 99, newer than this outreport knows (3)"));
    assert_raw(b, "SELECT value FROM or_meta WHERE key = 'schema_version'", "99");
}

/* A damaged file or someone else's database is an error; never recreated. */
static void
test_sqlite_damaged_or_foreign_refused(void **state)
{
    const struct backend *b = *state;
    const char junk[] = "this is not a database, but a user's file that must survive\n";
    FILE *f = fopen(b->path, "w");
    assert_non_null(f);
    for (int i = 0; i < 100; i++) {
        fputs(junk, f);
    }
    fclose(f);
    struct or_store *s = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_store_open(b->url, &s, err, sizeof(err)), OR_ERR_DATASET);
    assert_non_null(strstr(err, "is damaged or not an SQLite database"));
    assert_non_null(strstr(err, b->path));
    size_t len = 0;
    char *kept = test_read_file(b->path, &len);
    assert_int_equal(len, 100 * strlen(junk));
    assert_memory_equal(kept, junk, strlen(junk));
    free(kept);

    remove(b->path);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(b->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE invoices (n INTEGER)", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(or_store_open(b->url, &s, err, sizeof(err)), OR_ERR_DATASET);
    assert_non_null(strstr(err, "not an outreport store"));
    assert_raw(b, "SELECT count(*) FROM sqlite_master WHERE name = 'or_meta'", "0");
}

/* A URL of no known kind, and a server that is not there, say so. */
static void
test_bad_urls(void **state)
{
    (void)state;
    struct or_store *s = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_store_open("mysql://x", &s, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "expected sqlite:PATH, postgresql://... or none"));
    assert_int_equal(or_store_open("postgresql://bob:hunter2@127.0.0.1:1/db", &s, err, sizeof(err)),
                     OR_ERR_DATASET);
    assert_non_null(strstr(err, "cannot connect"));
    assert_null(strstr(err, "hunter2"));
}

/* What is cumulative and how the store keeps it are declared once: all-time
 * totals alone are kept as snapshots, snapshots alone are all-time totals,
 * counters of records stay records, and a 2.1-sized endpoint has neither. */
static void
test_cumulative_and_keeping_agree(void **state)
{
    (void)state;
    const struct or_column *const cols[] = {
        OR_COLUMN("id", OR_TYPE_TEXT, "id"),
        OR_COLUMN("at", OR_TYPE_TIME, "when"),
    };
    static const char *const key[] = {"id", NULL};
    struct or_endpoint ep = {.size = sizeof(struct or_endpoint),
                             .name = "e",
                             .table = "t",
                             .columns = cols,
                             .ncolumns = 2};
    struct or_store_profile p;

    ep.cumulative = OR_CUMULATIVE_ALL_TIME;
    or_store_profile_of("x.e", &ep, &p);
    assert_int_equal(p.kind, OR_STORE_SNAPSHOT);
    assert_null(p.key);

    ep.cumulative = OR_CUMULATIVE_NONE;
    ep.keeping = OR_KEEP_SNAPSHOT;
    ep.record_key = key;
    or_store_profile_of("x.e", &ep, &p);
    assert_int_equal(p.kind, OR_STORE_SNAPSHOT);
    assert_ptr_equal(p.key, key);
    assert_int_equal(or_endpoint_cumulative(&ep), OR_CUMULATIVE_ALL_TIME);

    ep.keeping = OR_KEEP_RECORDS;
    ep.record_day = "at";
    ep.cumulative = OR_CUMULATIVE_COUNTERS;
    or_store_profile_of("x.e", &ep, &p);
    assert_int_equal(p.kind, OR_STORE_RECORDS);
    assert_int_equal(or_endpoint_cumulative(&ep), OR_CUMULATIVE_COUNTERS);

    ep.size = (uint32_t)offsetof(struct or_endpoint, keeping); /* a 2.1 plugin's */
    or_store_profile_of("x.e", &ep, &p);
    assert_int_equal(p.kind, OR_STORE_PERIOD);
    assert_int_equal(or_endpoint_cumulative(&ep), OR_CUMULATIVE_NONE);
}

#define BOTH(f)                                                                                    \
    cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, &sqlite_backend),                 \
        cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, &pg_backend)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_upsert_newest_version_wins),
        BOTH(test_records_by_local_day),
        BOTH(test_types_round_trip),
        BOTH(test_snapshots_dated),
        BOTH(test_migrates_old_refuses_newer),
        BOTH(test_counter_snapshots_dated),
        BOTH(test_counters_of_a_version_2_store),
        cmocka_unit_test_prestate_setup_teardown(test_sqlite_damaged_or_foreign_refused, setup,
                                                 teardown, &sqlite_backend),
        cmocka_unit_test(test_bad_urls),
        cmocka_unit_test(test_cumulative_and_keeping_agree),
    };
    return cmocka_run_group_tests(tests, pgtest_group_setup, pgtest_group_teardown);
}

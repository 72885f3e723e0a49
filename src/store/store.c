/* SPDX-License-Identifier: MIT */
/* Opening a store (URL, backend, schema and migrations), streams, coverage. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "store/store_impl.h"

/* Migrations: step i brings a store from version i to i + 1.  "%SERIAL%"
 * is the backend's auto-numbered primary key.  Append only. */
static const char *const migrations[] = {
    /* 0 -> 1: the bookkeeping tables */
    "CREATE TABLE or_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE or_streams (id %SERIAL%, source TEXT NOT NULL, params TEXT NOT NULL,"
    " tz TEXT NOT NULL, tbl TEXT NOT NULL, UNIQUE (source, params, tz));"
    "CREATE TABLE or_coverage (stream BIGINT NOT NULL, day_first TEXT NOT NULL,"
    " day_last TEXT NOT NULL, fetched_at BIGINT NOT NULL,"
    " PRIMARY KEY (stream, day_first, day_last));"
    "INSERT INTO or_meta (key, value) VALUES ('schema_version', '0');",
    /* 1 -> 2: how many rows each coverage entry stored */
    "ALTER TABLE or_coverage ADD COLUMN row_count BIGINT NOT NULL DEFAULT 0;",
    /* 2 -> 3: the table of a stream's dated counter snapshots (NULL: none
     * yet; its rows are seeded into it by or_store_counters_ready()) */
    "ALTER TABLE or_streams ADD COLUMN snapshots TEXT;",
};

_Static_assert(G_N_ELEMENTS(migrations) == OR_STORE_SCHEMA_VERSION, "one migration per version");

char *
or_store_quote(const char *name)
{
    GString *s = g_string_new("\"");
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '"') {
            g_string_append_c(s, '"');
        }
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
    return g_string_free(s, FALSE);
}

or_status
or_store_take_column(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    (void)n;
    (void)err;
    (void)errlen;
    struct or_store_columns *c = ud;
    g_ptr_array_add(c->names, g_strdup(vals[0].s));
    if (c->types != NULL) {
        enum or_type t = c->type_of(vals[1].is_null ? NULL : vals[1].s);
        g_array_append_val(c->types, t);
    }
    return OR_OK;
}

char *
or_store_upsert_clause(const char *const *cols, size_t n)
{
    GString *s = g_string_new(" ON CONFLICT (or_stream, or_key) DO UPDATE SET ");
    for (size_t i = 2; i < n; i++) {
        char *q = or_store_quote(cols[i]);
        g_string_append_printf(s, "%s%s = excluded.%s", i > 2 ? ", " : "", q, q);
        g_free(q);
    }
    return g_string_free(s, FALSE);
}

void
or_store_add_columns(const struct or_store *s, const char *qt, const GPtrArray *names,
                     const GArray *types, const GPtrArray *have, GString *sql)
{
    for (guint i = 0; have->len > 0 && i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        gboolean found = FALSE;
        for (guint k = 0; k < have->len && !found; k++) {
            found = strcmp(g_ptr_array_index(have, k), name) == 0;
        }
        if (!found) {
            char *q = or_store_quote(name);
            g_string_append_printf(sql, "ALTER TABLE %s ADD COLUMN %s %s;", qt, q,
                                   s->ops->type_sql(g_array_index(types, enum or_type, i)));
            g_free(q);
        }
    }
}

/* The URL without its password, for messages. */
static char *
public_name(const char *url)
{
    const char *scheme = strstr(url, "://");
    const char *at = scheme != NULL ? strchr(scheme + 3, '@') : NULL;
    const char *colon = scheme != NULL ? strchr(scheme + 3, ':') : NULL;
    if (at == NULL || colon == NULL || colon > at) {
        return g_strdup(url);
    }
    return g_strdup_printf("%.*s:***%s", (int)(colon - url), url, at);
}

/* One text value of the first row. */
struct first_text {
    char *text;
};

static or_status
take_text(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    struct first_text *f = ud;
    if (f->text == NULL && n > 0 && !vals[0].is_null) {
        f->text = g_strdup(vals[0].s);
    }
    return OR_OK;
}

static or_status
schema_version(struct or_store *s, long *version, char *err, size_t errlen)
{
    GPtrArray *cols = g_ptr_array_new_with_free_func(g_free);
    or_status st = s->ops->columns(s, "or_meta", cols, NULL, err, errlen);
    *version = 0;
    if (st == OR_OK && cols->len > 0) {
        static const enum or_type text = OR_TYPE_TEXT;
        struct first_text f = {NULL};
        st = s->ops->query(s, "SELECT value FROM or_meta WHERE key = 'schema_version'", NULL, 0,
                           &text, 1, take_text, &f, err, errlen);
        char *end = NULL;
        *version = f.text != NULL ? strtol(f.text, &end, 10) : -1;
        if (st == OR_OK && (f.text == NULL || *end != '\0' || *version < 0)) {
            or_set_err(err, errlen, "store %s: or_meta holds no valid schema_version", s->name);
            st = OR_ERR_DATASET;
        }
        g_free(f.text);
    }
    g_ptr_array_free(cols, TRUE);
    return st;
}

static or_status
migrate_step(struct or_store *s, long from, char *err, size_t errlen)
{
    GString *sql = g_string_new(migrations[from]);
    g_string_replace(sql, "%SERIAL%", s->ops->serial_pk, 0);
    g_string_append_printf(sql, "UPDATE or_meta SET value = '%ld' WHERE key = 'schema_version';",
                           from + 1);
    or_status st = s->ops->begin(s, err, errlen);
    if (st == OR_OK) {
        st = s->ops->exec(s, sql->str, err, errlen);
    }
    if (st == OR_OK) {
        st = s->ops->exec(s, "COMMIT", err, errlen);
    }
    if (st != OR_OK) {
        char ignored[OR_ERR_SIZE];
        s->ops->exec(s, "ROLLBACK", ignored, sizeof(ignored));
    }
    g_string_free(sql, TRUE);
    return st;
}

static or_status
too_new(struct or_store *s, long v, char *err, size_t errlen)
{
    or_set_err(err, errlen,
               "store %s has schema version %ld, newer than this outreport knows (%d): "
               "upgrade outreport (the store is left as it is)",
               s->name, v, OR_STORE_SCHEMA_VERSION);
    return OR_ERR_DATASET;
}

/* Brings the schema to OR_STORE_SCHEMA_VERSION.  Only a store that needs
 * it takes the writer lock, so readers never wait for a running sync. */
static or_status
migrate(struct or_store *s, char *err, size_t errlen)
{
    long v = 0;
    or_status st = schema_version(s, &v, err, errlen);
    if (st != OR_OK || v == OR_STORE_SCHEMA_VERSION) {
        return st;
    }
    if (v > OR_STORE_SCHEMA_VERSION) {
        return too_new(s, v, err, errlen);
    }
    st = or_store_lock(s, err, errlen);
    if (st == OR_OK) {
        st = schema_version(s, &v, err, errlen); /* another process may have migrated */
    }
    if (st == OR_OK && v > OR_STORE_SCHEMA_VERSION) {
        st = too_new(s, v, err, errlen);
    }
    long from = v;
    for (; st == OR_OK && v < OR_STORE_SCHEMA_VERSION; v++) {
        st = migrate_step(s, v, err, errlen);
    }
    if (st == OR_OK && from > 0) {
        or_log(OR_LOG_INFO, "store %s: schema migrated from version %ld to %d", s->name, from,
               OR_STORE_SCHEMA_VERSION);
    }
    or_store_unlock(s);
    return st;
}

or_status
or_store_open(const char *url, struct or_store **out, char *err, size_t errlen)
{
    struct or_store *s = g_new0(struct or_store, 1);
    or_status st;
    *out = NULL;
    s->name = public_name(url);
    if (g_str_has_prefix(url, "sqlite:")) {
        st = or_store_sqlite_open(s, url + strlen("sqlite:"), err, errlen);
    }
    else if (g_str_has_prefix(url, "postgresql://") || g_str_has_prefix(url, "postgres://")) {
        st = or_store_pg_open(s, url, err, errlen);
    }
    else {
        or_set_err(err, errlen, "[store] url = %s: expected sqlite:PATH, postgresql://... or none",
                   s->name);
        st = OR_ERR_CONFIG;
    }
    if (st == OR_OK) {
        st = migrate(s, err, errlen);
    }
    if (st != OR_OK) {
        or_store_close(s);
        return st;
    }
    *out = s;
    return OR_OK;
}

void
or_store_close(struct or_store *s)
{
    if (s == NULL) {
        return;
    }
    or_store_unlock(s);
    if (s->ops != NULL) {
        s->ops->close(s);
    }
    g_free(s->name);
    g_free(s);
}

const char *
or_store_name(const struct or_store *s)
{
    return s->name;
}

const char *
or_store_kind(const struct or_store *s)
{
    return s->ops->kind;
}

or_status
or_store_lock(struct or_store *s, char *err, size_t errlen)
{
    if (s->locked) {
        return OR_OK;
    }
    or_status st = s->ops->lock(s, err, errlen);
    s->locked = st == OR_OK;
    return st;
}

void
or_store_unlock(struct or_store *s)
{
    if (s->locked) {
        s->ops->unlock(s);
        s->locked = 0;
    }
}

static or_status
take_int(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    int64_t *id = ud;
    if (n > 0 && !vals[0].is_null) {
        *id = vals[0].i;
    }
    return OR_OK;
}

or_status
or_store_stream(struct or_store *s, const char *source, const char *params, const char *tz,
                const char *table, int64_t *id, char *err, size_t errlen)
{
    static const enum or_type int_type = OR_TYPE_INT;
    const char *p[] = {source, params, tz, table};
    *id = -1;
    or_status st = s->ops->query(s,
                                 "INSERT INTO or_streams (source, params, tz, tbl) "
                                 "VALUES ($1, $2, $3, $4) ON CONFLICT (source, params, tz) "
                                 "DO NOTHING",
                                 p, 4, NULL, 0, NULL, NULL, err, errlen);
    if (st == OR_OK) {
        st = s->ops->query(s,
                           "SELECT id FROM or_streams WHERE source = $1 AND params = $2 "
                           "AND tz = $3",
                           p, 3, &int_type, 1, take_int, id, err, errlen);
    }
    if (st == OR_OK && *id < 0) {
        or_set_err(err, errlen, "store %s: stream %s could not be registered", s->name, source);
        st = OR_ERR_DATASET;
    }
    return st;
}

static or_status
take_cover(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    (void)n;
    struct or_store_cover c = {0};
    snprintf(c.first, sizeof(c.first), "%s", vals[0].s);
    snprintf(c.last, sizeof(c.last), "%s", vals[1].s);
    c.fetched_at = vals[2].i;
    c.rows = vals[3].i;
    g_array_append_val((GArray *)ud, c);
    return OR_OK;
}

or_status
or_store_coverage(struct or_store *s, int64_t stream, const char *first, const char *last,
                  GArray *out, char *err, size_t errlen)
{
    static const enum or_type types[] = {OR_TYPE_TEXT, OR_TYPE_TEXT, OR_TYPE_INT, OR_TYPE_INT};
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", (long long)stream);
    const char *p[] = {sid, first, last};
    return s->ops->query(s,
                         "SELECT day_first, day_last, fetched_at, row_count FROM or_coverage "
                         "WHERE stream = $1 AND day_first >= $2 AND day_first <= $3 "
                         "ORDER BY day_first, day_last",
                         p, 3, types, 4, take_cover, out, err, errlen);
}

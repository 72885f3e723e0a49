/* SPDX-License-Identifier: MIT */
#include "dataset/sqlfuncs.h"
#include "base/status_str.h"

#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"

static int
local_of(sqlite3_context *ctx, sqlite3_value *v, struct or_local_time *lt)
{
    if (sqlite3_value_type(v) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return 0;
    }
    or_time_local(sqlite3_value_int64(v), sqlite3_user_data(ctx), lt);
    return 1;
}

static void
fn_local_date(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct or_local_time lt;
    char buf[16];
    (void)argc;
    if (local_of(ctx, argv[0], &lt)) {
        snprintf(buf, sizeof(buf), "%04d-%02d-%02d", lt.year, lt.month, lt.day);
        sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
    }
}

static void
fn_local_datetime(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct or_local_time lt;
    char buf[24];
    (void)argc;
    if (local_of(ctx, argv[0], &lt)) {
        snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.day, lt.hour,
                 lt.minute);
        sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
    }
}

/* ISO 8601 week: the week belongs to the year of its Thursday. */
static void
fn_local_week(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct or_local_time lt;
    char buf[16];
    (void)argc;
    if (!local_of(ctx, argv[0], &lt)) {
        return;
    }
    int64_t day = or_days_from_civil(lt.year, lt.month, lt.day);
    int64_t thursday = day - (lt.weekday - 1) + 3;
    int y, m, d;
    or_civil_from_days(thursday, &y, &m, &d);
    int64_t jan1 = or_days_from_civil(y, 1, 1);
    int week = (int)((thursday - jan1) / 7) + 1;
    snprintf(buf, sizeof(buf), "%04d-W%02d", y, week);
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

static void
fn_local_hour(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct or_local_time lt;
    (void)argc;
    if (local_of(ctx, argv[0], &lt)) {
        sqlite3_result_int(ctx, lt.hour);
    }
}

static void
fn_weekday(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct or_local_time lt;
    (void)argc;
    if (local_of(ctx, argv[0], &lt)) {
        sqlite3_result_int(ctx, lt.weekday);
    }
}

static void
fn_weekday_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    struct or_local_time lt;
    (void)argc;
    if (local_of(ctx, argv[0], &lt) && lt.weekday >= 1 && lt.weekday <= 7) {
        sqlite3_result_text(ctx, names[lt.weekday - 1], -1, SQLITE_STATIC);
    }
}

static void
unref_zone(void *p)
{
    g_time_zone_unref(p);
}

/* weekday_name() of a locale: its zone and names. */
struct weekday_names {
    GTimeZone *tz;
    const struct or_locale *loc;
};

static void
fn_weekday_name_loc(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const struct weekday_names *w = sqlite3_user_data(ctx);
    struct or_local_time lt;
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    or_time_local(sqlite3_value_int64(argv[0]), w->tz, &lt);
    if (lt.weekday >= 1 && lt.weekday <= 7) {
        sqlite3_result_text(ctx, w->loc->short_weekdays[lt.weekday - 1], -1, SQLITE_STATIC);
    }
}

static void
free_weekday_names(void *p)
{
    struct weekday_names *w = p;
    g_time_zone_unref(w->tz);
    g_free(w);
}

or_status
or_sql_register_locale(sqlite3 *db, GTimeZone *tz, const struct or_locale *loc, char *err,
                       size_t errlen)
{
    if (loc == NULL) {
        return OR_OK;
    }
    struct weekday_names *w = g_new0(struct weekday_names, 1);
    w->tz = g_time_zone_ref(tz);
    w->loc = loc;
    /* SQLite calls the destructor itself when registering fails */
    int rc = sqlite3_create_function_v2(db, "weekday_name", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                        w, fn_weekday_name_loc, NULL, NULL, free_weekday_names);
    if (rc != SQLITE_OK) {
        or_set_err(err, errlen, "dataset: cannot register weekday_name(): %s", sqlite3_errmsg(db));
        return OR_ERR_DATASET;
    }
    return OR_OK;
}

or_status
or_sql_register(sqlite3 *db, GTimeZone *tz, char *err, size_t errlen)
{
    static const struct {
        const char *name;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
    } fns[] = {
        {"local_date", fn_local_date}, {"local_datetime", fn_local_datetime},
        {"local_week", fn_local_week}, {"local_hour", fn_local_hour},
        {"weekday", fn_weekday},       {"weekday_name", fn_weekday_name},
    };
    for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
        int rc = sqlite3_create_function_v2(db, fns[i].name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                            g_time_zone_ref(tz), fns[i].fn, NULL, NULL, unref_zone);
        if (rc != SQLITE_OK) {
            or_set_err(err, errlen, "dataset: cannot register %s(): %s", fns[i].name,
                       sqlite3_errmsg(db));
            return OR_ERR_DATASET;
        }
    }
    return OR_OK;
}

static int
authorize(void *ud, int action, const char *a1, const char *a2, const char *db, const char *trigger)
{
    GPtrArray *tables = ((struct or_sandbox *)ud)->tables;
    (void)db;
    (void)trigger;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE: return SQLITE_OK;
    case SQLITE_READ:
        if (a1 != NULL && strncmp(a1, "sqlite_", 7) == 0 && strcmp(a1, "sqlite_master") != 0 &&
            strcmp(a1, "sqlite_schema") != 0) {
            return SQLITE_DENY;
        }
        if (tables != NULL && a1 != NULL) {
            for (guint i = 0; i < tables->len; i++) {
                if (strcmp(g_ptr_array_index(tables, i), a1) == 0) {
                    return SQLITE_OK;
                }
            }
            g_ptr_array_add(tables, g_strdup(a1));
        }
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        /* Functions that reach outside the dataset. */
        if (a2 != NULL &&
            (g_ascii_strcasecmp(a2, "load_extension") == 0 ||
             g_ascii_strcasecmp(a2, "readfile") == 0 || g_ascii_strcasecmp(a2, "writefile") == 0 ||
             g_ascii_strcasecmp(a2, "edit") == 0 ||
             g_ascii_strcasecmp(a2, "fts3_tokenizer") == 0)) {
            return SQLITE_DENY;
        }
        return SQLITE_OK;
    default:
        /* ATTACH, DETACH, INSERT, UPDATE, DELETE, CREATE*, DROP*, ALTER,
         * PRAGMA, TRANSACTION, SAVEPOINT, ANALYZE, REINDEX, VACUUM ... */
        return SQLITE_DENY;
    }
}

void
or_sql_sandbox_on(sqlite3 *db, struct or_sandbox *sb)
{
    sqlite3_set_authorizer(db, authorize, sb);
}

void
or_sql_sandbox_off(sqlite3 *db)
{
    sqlite3_set_authorizer(db, NULL, NULL);
}

/* Length of the token at @p p that is not a word: a quoted string or name,
 * a comment, or one character.  Stops at the end of an unterminated one. */
static size_t
skip_other(const char *p)
{
    const char *q = p;
    char close;
    switch (*p) {
    case '\'':
    case '"':
    case '`': close = *p; break;
    case '[': close = ']'; break;
    case '-':
        if (p[1] != '-') {
            return 1;
        }
        while (*q != '\0' && *q != '\n') {
            q++;
        }
        return (size_t)(q - p);
    case '/':
        if (p[1] != '*') {
            return 1;
        }
        q = strstr(p + 2, "*/");
        return q != NULL ? (size_t)(q + 2 - p) : strlen(p);
    default: return 1;
    }
    for (q = p + 1; *q != '\0'; q++) {
        if (*q == close) {
            if (close != ']' && q[1] == close) {
                q++; /* a doubled quote stands for itself */
                continue;
            }
            return (size_t)(q + 1 - p);
        }
    }
    return (size_t)(q - p);
}

static int
is_word_char(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

int
or_sql_is_query(const char *sql)
{
    static const char *const queries[] = {"SELECT", "WITH", "VALUES"};
    const char *p = sql;
    while (*p != '\0' && !is_word_char(*p)) {
        if (!g_ascii_isspace(*p) && skip_other(p) == 1) {
            return 0; /* neither a blank nor a comment */
        }
        p += skip_other(p);
    }
    size_t len = 0;
    while (is_word_char(p[len])) {
        len++;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(queries); i++) {
        if (len == strlen(queries[i]) && g_ascii_strncasecmp(p, queries[i], len) == 0) {
            return 1;
        }
    }
    return 0;
}

char *
or_sql_strip_order_by(const char *sql)
{
    const char *order = NULL; /* the last ORDER BY at depth 0 */
    const char *prev_word = NULL;
    size_t prev_len = 0;
    int depth = 0;
    int limited = 0; /* LIMIT or OFFSET after it */

    for (const char *p = sql; *p != '\0';) {
        if (!is_word_char(*p)) {
            if (*p == '(') {
                depth++;
            }
            else if (*p == ')') {
                depth--;
            }
            size_t n = skip_other(p);
            if (n > 1 || !g_ascii_isspace(*p)) {
                prev_word = NULL; /* ORDER and BY must be adjacent words */
            }
            p += n;
            continue;
        }
        const char *w = p;
        while (is_word_char(*p)) {
            p++;
        }
        size_t len = (size_t)(p - w);
        if (depth == 0) {
            if (len == 2 && g_ascii_strncasecmp(w, "BY", 2) == 0 && prev_word != NULL &&
                prev_len == 5 && g_ascii_strncasecmp(prev_word, "ORDER", 5) == 0) {
                order = prev_word;
                limited = 0;
            }
            else if ((len == 5 && g_ascii_strncasecmp(w, "LIMIT", 5) == 0) ||
                     (len == 6 && g_ascii_strncasecmp(w, "OFFSET", 6) == 0)) {
                limited = 1;
            }
        }
        prev_word = w;
        prev_len = len;
    }
    if (order == NULL || limited || depth != 0) {
        return NULL;
    }
    return g_strndup(sql, (gsize)(order - sql));
}

/* The next word (letters, digits, '_', '$') or double-quoted name of @p *p,
 * after blanks; owned, NULL when there is none.  *@p quoted tells which. */
static char *
next_name(const char **p, int *quoted)
{
    const char *q = *p;
    while (g_ascii_isspace(*q)) {
        q++;
    }
    *quoted = *q == '"';
    if (*quoted) {
        size_t n = skip_other(q);
        if (n < 2 || q[n - 1] != '"') {
            return NULL;
        }
        GString *name = g_string_new(NULL);
        for (size_t i = 1; i + 1 < n; i++) {
            g_string_append_c(name, q[i]);
            if (q[i] == '"') {
                i++; /* "" stands for " */
            }
        }
        *p = q + n;
        return g_string_free(name, FALSE);
    }
    const char *w = q;
    while (is_word_char(*q)) {
        q++;
    }
    if (q == w) {
        return NULL;
    }
    *p = q;
    return g_strndup(w, (gsize)(q - w));
}

char **
or_sql_order_by_columns(const char *sql, int **desc)
{
    *desc = NULL;
    char *head = or_sql_strip_order_by(sql);
    if (head == NULL) {
        return NULL;
    }
    const char *p = sql + strlen(head);
    g_free(head);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GArray *dirs = g_array_new(FALSE, TRUE, sizeof(int));
    int quoted = 0;
    int ok = 1;
    for (int i = 0; i < 2 && ok; i++) {
        char *kw = next_name(&p, &quoted);
        ok = kw != NULL && !quoted && g_ascii_strcasecmp(kw, i == 0 ? "ORDER" : "BY") == 0;
        g_free(kw);
    }
    while (ok) {
        char *name = next_name(&p, &quoted);
        if (name == NULL || (!quoted && (g_ascii_isdigit(name[0]) || name[0] == '$'))) {
            g_free(name); /* ORDER BY 2: a result column number, not a name */
            ok = 0;
            break;
        }
        g_ptr_array_add(names, name);
        int d = 0;
        const char *after = p;
        char *word = next_name(&after, &quoted);
        if (word != NULL && !quoted &&
            (g_ascii_strcasecmp(word, "ASC") == 0 || g_ascii_strcasecmp(word, "DESC") == 0)) {
            d = g_ascii_strcasecmp(word, "DESC") == 0;
            p = after;
        }
        else if (word != NULL) {
            ok = 0; /* COLLATE, NULLS FIRST, an expression ... */
        }
        g_free(word);
        g_array_append_val(dirs, d);
        while (g_ascii_isspace(*p)) {
            p++;
        }
        if (*p == '\0') {
            break;
        }
        if (*p != ',') {
            ok = 0;
        }
        p++;
    }
    if (!ok || names->len == 0) {
        g_ptr_array_free(names, TRUE);
        g_array_free(dirs, TRUE);
        return NULL;
    }
    g_ptr_array_add(names, NULL);
    *desc = (int *)(void *)g_array_free(dirs, FALSE);
    return (char **)g_ptr_array_free(names, FALSE);
}

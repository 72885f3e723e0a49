/* SPDX-License-Identifier: MIT */
#include "report/split.h"
#include "base/status_str.h"

#include <stdio.h>
#include <string.h>

const char *
or_split_column_of(sqlite3 *db, const char *alias, char *const *cols)
{
    for (char *const *c = cols; *c != NULL; c++) {
        if (sqlite3_table_column_metadata(db, "main", alias, *c, NULL, NULL, NULL, NULL, NULL) ==
            SQLITE_OK) {
            return *c;
        }
    }
    return NULL;
}

/* "SELECT DISTINCT col ... UNION ..." over the source tables that have
 * column @p col, of a period of their own (@p own) or not, appended to @p sql. */
static void
union_of(sqlite3 *db, const struct or_template *tpl, char *col, int own, GString *sql)
{
    char *first[2] = {col, NULL};
    for (size_t i = 0; i < tpl->nsources; i++) {
        const char *alias = tpl->sources[i].alias;
        if ((tpl->sources[i].period != NULL) != own ||
            or_split_column_of(db, alias, first) == NULL) {
            continue;
        }
        char *part = sqlite3_mprintf(
            "%sSELECT DISTINCT \"%w\" AS v FROM main.\"%w\" WHERE \"%w\" IS NOT NULL",
            sql->len ? " UNION " : "", col, alias, col);
        g_string_append(sql, part);
        sqlite3_free(part);
    }
}

or_status
or_split_values(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
                GPtrArray **out, char *err, size_t errlen)
{
    sqlite3 *db = or_dataset_db(ds);
    GString *sql = g_string_new(NULL);
    /* The people of the report's periods: a source with a period of its own
     * (twelve weeks of history) would add everyone who left since.  Only
     * when no other source has the column do its values count. */
    union_of(db, tpl, cols[0], 0, sql);
    if (sql->len == 0) {
        union_of(db, tpl, cols[0], 1, sql);
    }
    if (sql->len == 0) {
        or_set_err(err, errlen, "--split-by %s: no source of the template has a column %s", cols[0],
                   cols[0]);
        g_string_free(sql, TRUE);
        return OR_ERR_INVALID;
    }
    g_string_append(sql, " ORDER BY v");
    sqlite3_stmt *st = NULL;
    *out = g_ptr_array_new_with_free_func(g_free);
    if (sqlite3_prepare_v2(db, sql->str, -1, &st, NULL) != SQLITE_OK) {
        or_set_err(err, errlen, "--split-by %s: %s", cols[0], sqlite3_errmsg(db));
        g_string_free(sql, TRUE);
        return OR_ERR_DATASET;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        /* An empty value too: the caller says it can have no documents. */
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (v != NULL) {
            g_ptr_array_add(*out, g_strdup(v));
        }
    }
    sqlite3_finalize(st);
    g_string_free(sql, TRUE);
    return OR_OK;
}

or_status
or_split_apply(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
               const char *value, char *err, size_t errlen)
{
    sqlite3 *db = or_dataset_db(ds);
    or_split_clear(ds, tpl);
    for (size_t i = 0; i < tpl->nsources; i++) {
        const char *alias = tpl->sources[i].alias;
        const char *col = or_split_column_of(db, alias, cols);
        if (col == NULL) {
            continue;
        }
        /* A TEMP view is found before the main table of the same name. */
        char *sql = sqlite3_mprintf("CREATE TEMP VIEW \"%w\" AS SELECT * FROM main.\"%w\" "
                                    "WHERE \"%w\" = %Q",
                                    alias, alias, col, value);
        char *msg = NULL;
        int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
        sqlite3_free(sql);
        if (rc != SQLITE_OK) {
            or_set_err(err, errlen, "--split-by: %s", msg != NULL ? msg : "cannot filter");
            sqlite3_free(msg);
            return OR_ERR_DATASET;
        }
    }
    return OR_OK;
}

/* Whether table @p alias has column @p col. */
static int
has_column(sqlite3 *db, const char *alias, const char *col)
{
    return sqlite3_table_column_metadata(db, "main", alias, col, NULL, NULL, NULL, NULL, NULL) ==
           SQLITE_OK;
}

/* Whether some source table has both @p a and @p b. */
static int
some_table_has(sqlite3 *db, const struct or_template *tpl, const char *a, const char *b)
{
    for (size_t i = 0; i < tpl->nsources; i++) {
        if (has_column(db, tpl->sources[i].alias, a) && has_column(db, tpl->sources[i].alias, b)) {
            return 1;
        }
    }
    return 0;
}

or_status
or_split_label_column(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
                      const char *wanted, char **out, char *err, size_t errlen)
{
    sqlite3 *db = or_dataset_db(ds);
    *out = NULL;
    if (wanted != NULL) {
        if (!some_table_has(db, tpl, cols[0], wanted)) {
            or_set_err(err, errlen,
                       "--split-label %s: no source of the template has both %s and %s", wanted,
                       cols[0], wanted);
            return OR_ERR_INVALID;
        }
        *out = g_strdup(wanted);
        return OR_OK;
    }
    static const char *const suffixes[] = {"_email", "_id"};
    for (size_t k = 0; k < G_N_ELEMENTS(suffixes); k++) {
        if (g_str_has_suffix(cols[0], suffixes[k])) {
            size_t stem = strlen(cols[0]) - strlen(suffixes[k]);
            char *name = g_strdup_printf("%.*s_name", (int)stem, cols[0]);
            if (some_table_has(db, tpl, cols[0], name)) {
                *out = name;
                return OR_OK;
            }
            g_free(name);
        }
    }
    return OR_OK;
}

/* The most frequent @p label_col of the rows of @p value, or NULL. */
static char *
label_of(sqlite3 *db, const struct or_template *tpl, const char *col, const char *label_col,
         const char *value)
{
    for (size_t i = 0; i < tpl->nsources; i++) {
        const char *alias = tpl->sources[i].alias;
        if (!has_column(db, alias, col) || !has_column(db, alias, label_col)) {
            continue;
        }
        char *sql = sqlite3_mprintf("SELECT \"%w\" FROM main.\"%w\" WHERE \"%w\" = ?1 AND "
                                    "\"%w\" IS NOT NULL AND \"%w\" <> '' GROUP BY 1 "
                                    "ORDER BY count(*) DESC, 1 LIMIT 1",
                                    label_col, alias, col, label_col, label_col);
        sqlite3_stmt *st = NULL;
        char *label = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
            if (sqlite3_step(st) == SQLITE_ROW) {
                label = g_strdup((const char *)sqlite3_column_text(st, 0));
            }
        }
        sqlite3_finalize(st);
        sqlite3_free(sql);
        if (label != NULL) {
            return label;
        }
    }
    return NULL;
}

or_status
or_split_labels(struct or_dataset *ds, const struct or_template *tpl, char *const *cols,
                const char *label_col, const GPtrArray *values, GPtrArray **out, char *err,
                size_t errlen)
{
    (void)err, (void)errlen;
    sqlite3 *db = or_dataset_db(ds);
    *out = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < values->len; i++) {
        const char *v = g_ptr_array_index(values, i);
        char *label = label_col != NULL ? label_of(db, tpl, cols[0], label_col, v) : NULL;
        g_ptr_array_add(*out, label != NULL ? label : g_strdup(v));
    }
    return OR_OK;
}

void
or_split_clear(struct or_dataset *ds, const struct or_template *tpl)
{
    sqlite3 *db = or_dataset_db(ds);
    for (size_t i = 0; i < tpl->nsources; i++) {
        char *sql = sqlite3_mprintf("DROP VIEW IF EXISTS temp.\"%w\"", tpl->sources[i].alias);
        sqlite3_exec(db, sql, NULL, NULL, NULL);
        sqlite3_free(sql);
    }
}

char *
or_split_slug(const char *value)
{
    /* Transliterate to ASCII where GLib can (Zoë -> Zoe), then keep a safe set. */
    char *ascii = g_str_to_ascii(value, "C");
    GString *s = g_string_new(NULL);
    for (const char *p = ascii; *p != '\0' && s->len < OR_SPLIT_SLUG_MAX; p++) {
        char c = g_ascii_tolower(*p);
        if (g_ascii_isalnum(c) || c == '.' || c == '@' || c == '_') {
            g_string_append_c(s, c);
        }
        else if (s->len > 0 && s->str[s->len - 1] != '-') {
            g_string_append_c(s, '-');
        }
    }
    while (s->len > 0 && (s->str[s->len - 1] == '-' || s->str[s->len - 1] == '.')) {
        g_string_truncate(s, s->len - 1);
    }
    if (s->len == 0 || s->str[0] == '.') {
        g_string_prepend(s, "value");
    }
    g_free(ascii);
    return g_string_free(s, FALSE);
}

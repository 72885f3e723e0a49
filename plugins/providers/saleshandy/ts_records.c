/* SPDX-License-Identifier: MIT */
/*
 * Records of team-stats, whose response body the vendor does not document.
 * The list is looked for where Saleshandy's other endpoints put theirs;
 * each record becomes a row with the user's id, name and e-mail in the
 * fixed columns and every other key in a column of its own, named in
 * snake_case and typed from the first value seen (or_host.rows_column).
 *
 * rows_column does not say the type of a column that already exists, so
 * the type of each column is remembered for the page: fixed columns are text, a discovered column
 * has the type it was first asked for on this page.  A later value of another type is converted
 * when that is lossless (int into real, anything into text) and is NULL with a warning otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "saleshandy.h"

#define ENDPOINT "team-stats"

/* Beyond this many columns a record is surely not a stats row any more. */
#define MAX_COLUMNS 4096

/* Fixed columns: must follow sh_team_columns[] in team_stats.c. */
enum col { COL_USER_ID, COL_USER_NAME, COL_USER_EMAIL, NCOLS };

_Static_assert(NCOLS == SH_TEAM_NCOLUMNS, "enum col must match the team_stats schema");

enum bit { BIT_USER_ID, BIT_USER_NAME, BIT_USER_EMAIL, BIT_ROW, NBITS };

static const char *const fields[NBITS] = {
    [BIT_USER_ID] = "userId/id/_id",
    [BIT_USER_NAME] = "userName/name/firstName/lastName",
    [BIT_USER_EMAIL] = "email/userEmail",
    [BIT_ROW] = "records[] (not an object, skipped)",
};

/* Keys read into the fixed columns, in order of preference. */
static const char *const id_keys[] = {"userId", "user_id", "id", "_id", NULL};
static const char *const name_keys[] = {"userName", "user_name", "name", NULL};
static const char *const first_keys[] = {"firstName", "first_name", NULL};
static const char *const last_keys[] = {"lastName", "last_name", NULL};
static const char *const email_keys[] = {"email", "userEmail", "user_email", NULL};

/* What this page knows about one column of the sink. */
struct colstate {
    unsigned char known; /* type is known */
    unsigned char type;  /* enum or_type */
    size_t row;          /* 1-based number of the last row that set it */
};

struct writer {
    struct orp_cells cells;
    struct colstate *cols; /* indexed by column index; owned */
    size_t ncols;          /* entries in cols */
    size_t row;            /* 1-based number of the current row */
    const char *used[4];   /* keys read into fixed columns in this row */
    size_t nused;
};

/* The first member of @p obj that is a non-empty array of objects. */
static json_t *
first_records(json_t *obj)
{
    const char *key = NULL;
    json_t *v = NULL;
    json_object_foreach(obj, key, v)
    {
        if (json_is_array(v) && json_array_size(v) > 0 && json_is_object(json_array_get(v, 0))) {
            return v;
        }
    }
    return NULL;
}

json_t *
sh_ts_records(json_t *root)
{
    if (json_is_array(root)) {
        return root;
    }
    if (!json_is_object(root)) {
        return NULL;
    }
    json_t *payload = json_object_get(root, "payload");
    json_t *inner = json_object_get(payload, "data");
    if (json_is_array(inner)) {
        return inner;
    }
    json_t *data = json_object_get(root, "data");
    if (json_is_array(data)) {
        return data;
    }
    if (json_is_array(payload)) {
        return payload;
    }
    inner = json_object_get(payload, "payload");
    if (json_is_array(inner)) {
        return inner;
    }
    /* A human-readable key, as sibling endpoints use: payload["Email Analytics"]. */
    return json_is_object(payload) ? first_records(payload) : NULL;
}

/* State of column @p idx, growing the table; NULL when the index is unusable. */
static struct colstate *
col_state(struct writer *w, long idx)
{
    if (idx < 0 || idx >= MAX_COLUMNS) {
        return NULL;
    }
    if ((size_t)idx >= w->ncols) {
        size_t n = w->ncols > 0 ? w->ncols : 32;
        while (n <= (size_t)idx) {
            n *= 2;
        }
        struct colstate *p = realloc(w->cols, n * sizeof(*p));
        if (p == NULL) {
            w->cells.nomem = 1;
            return NULL;
        }
        memset(p + w->ncols, 0, (n - w->ncols) * sizeof(*p));
        w->cols = p;
        w->ncols = n;
    }
    return &w->cols[idx];
}

/* The first key of @p keys present in @p obj with a non-empty value, or NULL. */
static const char *
first_key(const json_t *obj, const char *const *keys, const json_t **v)
{
    for (size_t i = 0; keys[i] != NULL; i++) {
        const json_t *x = json_object_get(obj, keys[i]);
        if (!orp_is_empty(x)) {
            *v = x;
            return keys[i];
        }
    }
    *v = NULL;
    return NULL;
}

static void
use_key(struct writer *w, const char *key, size_t col)
{
    if (key == NULL) {
        return;
    }
    if (w->nused < SH_ARRAY_LEN(w->used)) {
        w->used[w->nused++] = key;
    }
    w->cols[col].row = w->row;
}

static int
used_key(const struct writer *w, const char *key)
{
    for (size_t i = 0; i < w->nused; i++) {
        if (strcmp(w->used[i], key) == 0) {
            return 1;
        }
    }
    return 0;
}

static void
write_fixed(struct writer *w, const json_t *rec)
{
    const json_t *v = NULL;
    const char *k = first_key(rec, id_keys, &v);
    orp_id(&w->cells, COL_USER_ID, v, BIT_USER_ID);
    use_key(w, k, COL_USER_ID);

    k = first_key(rec, name_keys, &v);
    if (k != NULL) {
        orp_full_name(&w->cells, COL_USER_NAME, v, NULL, BIT_USER_NAME);
        use_key(w, k, COL_USER_NAME);
    }
    else {
        const json_t *last = NULL;
        const char *fk = first_key(rec, first_keys, &v);
        const char *lk = first_key(rec, last_keys, &last);
        orp_full_name(&w->cells, COL_USER_NAME, v, last, BIT_USER_NAME);
        use_key(w, fk, COL_USER_NAME);
        use_key(w, lk, COL_USER_NAME);
    }

    k = first_key(rec, email_keys, &v);
    orp_text_lower(&w->cells, COL_USER_EMAIL, v, BIT_USER_EMAIL);
    use_key(w, k, COL_USER_EMAIL);
}

/* A string that is a plain decimal number ("25", "4.5"), as sibling
 * endpoints send counters: 1 with the number, else 0. */
static int
numeric_text(const json_t *v, int64_t *i, double *r, int *is_int)
{
    return json_is_string(v) && orp_number_text(json_string_value(v), i, r, is_int);
}

static enum or_type
type_of(const json_t *v)
{
    int64_t i = 0;
    double r = 0.0;
    int is_int = 0;
    if (json_is_integer(v)) {
        return OR_TYPE_INT;
    }
    if (json_is_real(v)) {
        return OR_TYPE_REAL;
    }
    if (json_is_boolean(v)) {
        return OR_TYPE_BOOL;
    }
    if (numeric_text(v, &i, &r, &is_int)) {
        return is_int ? OR_TYPE_INT : OR_TYPE_REAL;
    }
    return OR_TYPE_TEXT;
}

/* The shortest decimal text that reads back as @p r. */
static int
real_text(double r, char *buf, size_t n)
{
    int len = 0;
    for (int prec = 1; prec <= 17; prec++) {
        len = snprintf(buf, n, "%.*g", prec, r);
        if (strtod(buf, NULL) == r) {
            break;
        }
    }
    return len;
}

static int
put_text(struct writer *w, size_t col, const json_t *v)
{
    const struct or_host *h = w->cells.h;
    struct or_rows *rows = w->cells.rows;
    char num[40];
    int len = 0;
    switch (json_typeof(v)) {
    case JSON_STRING: h->set_text(rows, col, json_string_value(v), json_string_length(v)); return 1;
    case JSON_INTEGER:
        len = snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
        break;
    case JSON_REAL: len = real_text(json_real_value(v), num, sizeof(num)); break;
    case JSON_TRUE: len = snprintf(num, sizeof(num), "true"); break;
    case JSON_FALSE: len = snprintf(num, sizeof(num), "false"); break;
    case JSON_OBJECT:
    case JSON_ARRAY: {
        char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        if (text == NULL) {
            w->cells.nomem = 1;
            return 1;
        }
        h->set_text(rows, col, text, strlen(text));
        free(text);
        return 1;
    }
    default: return 0;
    }
    if (len <= 0 || (size_t)len >= sizeof(num)) {
        return 0;
    }
    h->set_text(rows, col, num, (size_t)len);
    return 1;
}

/* Store @p v in column @p col of type @p type; 0 when it does not convert. */
static int
put(struct writer *w, size_t col, enum or_type type, const json_t *v)
{
    const struct or_host *h = w->cells.h;
    struct or_rows *rows = w->cells.rows;
    int64_t ti = 0;
    double tr = 0.0;
    int tint = 0;
    switch (type) {
    case OR_TYPE_TEXT: return put_text(w, col, v);
    case OR_TYPE_INT:
        if (json_is_integer(v)) {
            h->set_int(rows, col, json_integer_value(v));
            return 1;
        }
        if (numeric_text(v, &ti, &tr, &tint) && tint) {
            h->set_int(rows, col, ti);
            return 1;
        }
        if (json_is_real(v)) {
            double r = json_real_value(v);
            if (r > -9007199254740992.0 && r < 9007199254740992.0 && r == (double)(int64_t)r) {
                h->set_int(rows, col, (int64_t)r);
                return 1;
            }
        }
        return 0;
    case OR_TYPE_REAL:
        if (json_is_number(v)) {
            h->set_real(rows, col, json_number_value(v));
            return 1;
        }
        if (numeric_text(v, &ti, &tr, &tint)) {
            h->set_real(rows, col, tr);
            return 1;
        }
        return 0;
    case OR_TYPE_BOOL:
        if (json_is_boolean(v)) {
            h->set_int(rows, col, json_is_true(v) ? 1 : 0);
            return 1;
        }
        if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1)) {
            h->set_int(rows, col, json_integer_value(v));
            return 1;
        }
        return 0;
    case OR_TYPE_TIME:
        if (json_is_string(v)) {
            int64_t t = 0;
            const char *s = json_string_value(v);
            if (sh_parse_js_date(s, json_string_length(v), &t) ||
                h->parse_iso8601(h, s, &t) == OR_OK) {
                h->set_time(rows, col, t);
                return 1;
            }
        }
        return 0;
    default: return 0;
    }
}

static void
bad_key(struct writer *w, const char *name, const char *why)
{
    char what[SH_SNAKE_MAX + 40];
    snprintf(what, sizeof(what), "%s%s", name, why);
    orp_cells_bad_name(&w->cells, what);
}

static void
write_key(struct writer *w, const char *key, const json_t *v)
{
    char name[SH_SNAKE_MAX + 1];
    if (used_key(w, key) || orp_is_empty(v) || sh_snake_case(key, strlen(key), name) == 0) {
        return;
    }
    enum or_type want = type_of(v);
    size_t col = 0;
    long idx = w->cells.h->rows_column(w->cells.rows, name, want, &col) == OR_OK ? (long)col : -1;
    struct colstate *cs = col_state(w, idx);
    if (cs == NULL) {
        bad_key(w, name, " (no column)");
        return;
    }
    if (!cs->known) {
        cs->known = 1;
        cs->type = (unsigned char)want;
    }
    if (cs->row == w->row) {
        bad_key(w, name, " (duplicate key)");
        return;
    }
    cs->row = w->row;
    if (!put(w, (size_t)idx, (enum or_type)cs->type, v)) {
        bad_key(w, name, "");
    }
}

static or_status
write_record(struct writer *w, size_t i, const json_t *rec, char *err, size_t errlen)
{
    const struct or_host *h = w->cells.h;
    or_status st = h->row_begin(w->cells.rows);
    if (st != OR_OK) {
        snprintf(err, errlen, "row sink refused record %zu", i);
        return st;
    }
    w->row++;
    w->nused = 0;
    write_fixed(w, rec);
    const char *key = NULL;
    json_t *v = NULL;
    json_object_foreach((json_t *)rec, key, v)
    {
        write_key(w, key, v);
    }
    st = h->row_end(w->cells.rows);
    if (st != OR_OK) {
        snprintf(err, errlen, "row sink refused record %zu", i);
    }
    return st;
}

or_status
sh_ts_write(const struct or_host *h, struct or_rows *rows, long page, const json_t *list, char *err,
            size_t errlen)
{
    struct writer w;
    memset(&w, 0, sizeof(w));
    orp_cells_init(&w.cells, h, rows, fields, NBITS, "%s page %ld", ENDPOINT, page);
    or_status st = OR_OK;
    for (size_t col = 0; col < NCOLS; col++) {
        struct colstate *cs = col_state(&w, (long)col);
        if (cs == NULL) {
            snprintf(err, errlen, "out of memory");
            st = OR_ERR_NOMEM;
            goto fail;
        }
        cs->known = 1;
        cs->type = OR_TYPE_TEXT;
    }
    size_t i = 0;
    const json_t *rec = NULL;
    json_array_foreach(list, i, rec)
    {
        if (!json_is_object(rec)) {
            orp_cells_bad(&w.cells, BIT_ROW);
            continue;
        }
        st = write_record(&w, i, rec, err, errlen);
        if (st != OR_OK) {
            goto fail;
        }
    }
    st = orp_cells_finish(&w.cells, err, errlen);
fail:
    if (st != OR_OK) {
        char ignored[8];
        (void)orp_cells_finish(&w.cells, ignored, sizeof(ignored));
    }
    free(w.cols);
    return st;
}

/* SPDX-License-Identifier: MIT */
/*
 * Endpoints sequences (GET /v1/sequences, documented) and team-members
 * (GET /v1/team-members, seen only in third-party code, so its body is
 * read like team-stats': the first list of records wherever it is).  Both
 * are tables of their own and the lookups of the stats endpoints, whose
 * bodies the API refuses without sequenceIds or userIds: when the user
 * names none, every sequence or member of the account is asked for.
 */
#include <stdio.h>
#include <string.h>

#include "saleshandy.h"

#define PAGE_SIZE 100

enum seq_col {
    SEQ_ID,
    SEQ_TITLE,
    SEQ_ACTIVE,
    SEQ_STEPS,
    SEQ_OWNER_ID,
    SEQ_OWNER_NAME,
    SEQ_OWNER_EMAIL,
    SEQ_CLIENT_ID,
    SEQ_NCOLS
};

_Static_assert(SEQ_NCOLS == SH_SEQUENCES_NCOLUMNS, "enum seq_col must match the schema");

const struct or_column *const sh_sequences_columns[] = {
    [SEQ_ID] = OR_COLUMN("sequence_id", OR_TYPE_TEXT, "sequence id, as email_activity's"),
    [SEQ_TITLE] = OR_COLUMN("title", OR_TYPE_TEXT, "sequence title"),
    [SEQ_ACTIVE] = OR_COLUMN("active", OR_TYPE_BOOL, "whether the sequence is active"),
    [SEQ_STEPS] = OR_COLUMN("steps", OR_TYPE_INT, "number of steps"),
    [SEQ_OWNER_ID] = OR_COLUMN("owner_id", OR_TYPE_TEXT, "owner's user id"),
    [SEQ_OWNER_NAME] = OR_COLUMN("owner_name", OR_TYPE_TEXT, "owner's first and last name"),
    [SEQ_OWNER_EMAIL] = OR_COLUMN("owner_email", OR_TYPE_TEXT, "owner's e-mail, lower-case"),
    [SEQ_CLIENT_ID] = OR_COLUMN("client_id", OR_TYPE_TEXT, "agency client id"),
};

enum mem_col { MEM_ID, MEM_NAME, MEM_EMAIL, MEM_ROLE, MEM_STATUS, MEM_NCOLS };

_Static_assert(MEM_NCOLS == SH_MEMBERS_NCOLUMNS, "enum mem_col must match the schema");

const struct or_column *const sh_members_columns[] = {
    [MEM_ID] = OR_COLUMN("user_id", OR_TYPE_TEXT, "user id (id, userId or _id), as team-stats'"),
    [MEM_NAME] = OR_COLUMN("user_name", OR_TYPE_TEXT, "name (name, or firstName lastName)"),
    [MEM_EMAIL] = OR_COLUMN("user_email", OR_TYPE_TEXT, "e-mail address, lower-case"),
    [MEM_ROLE] = OR_COLUMN("role", OR_TYPE_TEXT, "role, e.g. admin, member"),
    [MEM_STATUS] = OR_COLUMN("status", OR_TYPE_TEXT, "status, e.g. active, invited"),
};

enum bit { BIT_ROW = 16, NBITS };

static const char *const seq_fields[NBITS] = {
    [SEQ_ID] = "id",
    [SEQ_TITLE] = "title",
    [SEQ_ACTIVE] = "active",
    [SEQ_STEPS] = "steps",
    [SEQ_OWNER_ID] = "user.id",
    [SEQ_OWNER_NAME] = "user.firstName/lastName",
    [SEQ_OWNER_EMAIL] = "user.email",
    [SEQ_CLIENT_ID] = "client.id",
    [BIT_ROW] = "payload[] (not an object, skipped)",
};

static const char *const mem_fields[NBITS] = {
    [MEM_ID] = "id/userId/_id", [MEM_NAME] = "name/firstName/lastName",
    [MEM_EMAIL] = "email",      [MEM_ROLE] = "role",
    [MEM_STATUS] = "status",    [BIT_ROW] = "records[] (not an object, skipped)",
};

static or_status
list_build(const struct or_host *h, struct or_request *req, const char *path, long page, char *err,
           size_t errlen)
{
    char num[32];
    int bearer = 0;
    or_status st = sh_auth_mode(h, &bearer, err, errlen);
    if (st == OR_OK) {
        st = sh_request_get(h, req, path, err, errlen);
    }
    snprintf(num, sizeof(num), "%ld", page);
    if (st == OR_OK) {
        st = h->req_query(req, "page", num);
    }
    snprintf(num, sizeof(num), "%d", PAGE_SIZE);
    if (st == OR_OK) {
        st = h->req_query(req, "pageSize", num);
    }
    if (st != OR_OK && err[0] == '\0') {
        snprintf(err, errlen, "saleshandy: could not build GET %s", path);
    }
    return st;
}

or_status
sh_sequences_build(const struct or_host *h, const struct or_query *q, long page,
                   struct or_request *req, char *err, size_t errlen)
{
    (void)q;
    return list_build(h, req, "/v1/sequences", page, err, errlen);
}

or_status
sh_members_build(const struct or_host *h, const struct or_query *q, long page,
                 struct or_request *req, char *err, size_t errlen)
{
    (void)q;
    return list_build(h, req, "/v1/team-members", page, err, errlen);
}

/* The first of @p keys with a non-empty value in @p obj, or NULL. */
static const json_t *
first_of(const json_t *obj, const char *const *keys)
{
    for (size_t i = 0; keys[i] != NULL; i++) {
        const json_t *v = sh_field(obj, keys[i]);
        if (!orp_is_empty(v)) {
            return v;
        }
    }
    return NULL;
}

static void
parse_sequence(struct orp_cells *c, const json_t *s)
{
    static const char *const ids[] = {"id", "sequenceId", "_id", NULL};
    orp_id(c, SEQ_ID, first_of(s, ids), SEQ_ID);
    orp_text(c, SEQ_TITLE, sh_field(s, "title"), SEQ_TITLE);
    orp_bool(c, SEQ_ACTIVE, sh_field(s, "active"), SEQ_ACTIVE);
    const json_t *steps = sh_field(s, "steps");
    if (json_is_array(steps)) {
        c->h->set_int(c->rows, SEQ_STEPS, (int64_t)json_array_size(steps));
    }
    const json_t *user = sh_object(c, s, "user", SEQ_OWNER_ID);
    orp_id(c, SEQ_OWNER_ID, sh_field(user, "id"), SEQ_OWNER_ID);
    orp_full_name(c, SEQ_OWNER_NAME, sh_field(user, "firstName"), sh_field(user, "lastName"),
                  SEQ_OWNER_NAME);
    orp_text_lower(c, SEQ_OWNER_EMAIL, sh_field(user, "email"), SEQ_OWNER_EMAIL);
    const json_t *client = sh_object(c, s, "client", SEQ_CLIENT_ID);
    orp_id(c, SEQ_CLIENT_ID, sh_field(client, "id"), SEQ_CLIENT_ID);
}

static void
parse_member(struct orp_cells *c, const json_t *m)
{
    static const char *const ids[] = {"id", "userId", "user_id", "_id", NULL};
    static const char *const names[] = {"name", "userName", "fullName", NULL};
    static const char *const emails[] = {"email", "userEmail", NULL};
    orp_id(c, MEM_ID, first_of(m, ids), MEM_ID);
    const json_t *name = first_of(m, names);
    if (name != NULL) {
        orp_text_trimmed(c, MEM_NAME, name, MEM_NAME);
    }
    else {
        orp_full_name(c, MEM_NAME, sh_field(m, "firstName"), sh_field(m, "lastName"), MEM_NAME);
    }
    orp_text_lower(c, MEM_EMAIL, first_of(m, emails), MEM_EMAIL);
    orp_text(c, MEM_ROLE, sh_field(m, "role"), MEM_ROLE);
    orp_text(c, MEM_STATUS, sh_field(m, "status"), MEM_STATUS);
}

/* The records of a list page, its rows, and "a full page means another". */
static or_status
list_parse(const struct or_host *h, long page, const char *body, size_t len, const char *endpoint,
           const char *const *fields, orp_row_fn *row, struct or_rows *rows,
           struct or_page_info *info, char *err, size_t errlen)
{
    orp_page_info_reset(info);
    json_t *root = NULL;
    or_status st = orp_page_load(h, endpoint, body, len, ORP_LOAD_ANY, &root, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    const json_t *list = sh_ts_records(root);
    if (list == NULL) {
        snprintf(err, errlen,
                 "%s: no list of records in the response (looked for payload, "
                 "payload.data, data and a top-level array)",
                 endpoint);
        json_decref(root);
        return OR_ERR_PARSE;
    }
    struct orp_cells cells;
    orp_cells_init(&cells, h, rows, fields, NBITS, "%s page %ld", endpoint, page);
    st = orp_cells_write(&cells, list, BIT_ROW, row, err, errlen);
    info->has_more = json_array_size(list) >= PAGE_SIZE;
    info->next_page = info->has_more ? page + 1 : -1;
    json_decref(root);
    return st;
}

or_status
sh_sequences_parse(const struct or_host *h, const struct or_query *q, long page, const char *body,
                   size_t len, struct or_rows *rows, struct or_page_info *info, char *err,
                   size_t errlen)
{
    (void)q;
    return list_parse(h, page, body, len, "sequences", seq_fields, parse_sequence, rows, info, err,
                      errlen);
}

or_status
sh_members_parse(const struct or_host *h, const struct or_query *q, long page, const char *body,
                 size_t len, struct or_rows *rows, struct or_page_info *info, char *err,
                 size_t errlen)
{
    (void)q;
    return list_parse(h, page, body, len, "team-members", mem_fields, parse_member, rows, info, err,
                      errlen);
}

or_status
sh_needs_sequences(const struct or_host *h, const struct or_query *q)
{
    (void)h;
    return orp_param(q, "sequence_ids") == NULL ? OR_OK : OR_ERR_NOT_FOUND;
}

or_status
sh_needs_members(const struct or_host *h, const struct or_query *q)
{
    (void)h;
    return orp_param(q, "user_ids") == NULL ? OR_OK : OR_ERR_NOT_FOUND;
}

or_status
sh_body_ids(const struct or_host *h, const struct or_query *q, json_t *body, const char *key,
            const char *param, const char *column, const char *endpoint, char *err, size_t errlen)
{
    or_status st = sh_body_list(body, key, q, param, err, errlen);
    if (st != OR_OK || json_object_get(body, key) != NULL) {
        return st;
    }
    const struct or_lookup *lk = orp_lookup(h, q);
    long col = orp_lookup_column(lk, column);
    json_t *ids = json_array();
    for (size_t r = 0; ids != NULL && lk != NULL && r < lk->nrows; r++) {
        const char *id = orp_lookup_text(lk->rows[r], col);
        if (id != NULL) {
            json_array_append_new(ids, json_string(id));
        }
    }
    if (ids != NULL && json_array_size(ids) > 0) {
        return json_object_set_new(body, key, ids) == 0 ? OR_OK : OR_ERR_NOMEM;
    }
    json_decref(ids);
    const char *why = lk == NULL           ? "no list of them was read"
                      : lk->failed != NULL ? lk->failed
                                           : "the account's list is empty";
    snprintf(err, errlen,
             "%s: the API refuses a request without %s, and %s gives none (%s): give --param "
             "%s=ID,...",
             endpoint, key, lk != NULL ? lk->source : "the account", why, param);
    return OR_ERR_INVALID;
}

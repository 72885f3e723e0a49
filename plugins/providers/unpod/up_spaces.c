/* SPDX-License-Identifier: MIT */
/*
 * Endpoint spaces: GET /api/v2/platform/spaces/ into table `spaces`, and
 * the names of spaces.  A space token (F1O3QJM1Y7Q1AVVUYNV4VPRB) tells a
 * reader nothing, so agent_calls rows carry a name too: from `[unpod]
 * space_names = TOKEN=Name,...` when the config gives one, else from this
 * endpoint, analytics' lookup, read only when some space lacks a
 * configured name.
 */
#include <stdio.h>
#include <string.h>

#include "unpod.h"

enum col { COL_TOKEN, COL_NAME, COL_ID, COL_AGENT, COL_CREATED_AT, NCOLS };

_Static_assert(NCOLS == UP_SPACES_NCOLUMNS, "enum col must match the schema");

const struct or_column *const up_spaces_columns[] = {
    [COL_TOKEN] = OR_COLUMN("space_token", OR_TYPE_TEXT, "the space's token (token)"),
    [COL_NAME] = OR_COLUMN("name", OR_TYPE_TEXT, "the space's name"),
    [COL_ID] = OR_COLUMN("space_id", OR_TYPE_TEXT, "the space's id (id, or slug)"),
    [COL_AGENT] = OR_COLUMN("agent_handle", OR_TYPE_TEXT, "the agent assigned to the space"),
    [COL_CREATED_AT] = OR_COLUMN("created_at", OR_TYPE_TIME, "when the space was created"),
};

enum bit { BIT_ROW = NCOLS, NBITS };

static const char *const fields[NBITS] = {
    [COL_TOKEN] = "token",
    [COL_NAME] = "name",
    [COL_ID] = "id",
    [COL_AGENT] = "agent_handle",
    [COL_CREATED_AT] = "created_at",
    [BIT_ROW] = "data[] (not an object, skipped)",
};

or_status
up_spaces_build(const struct or_host *h, const struct or_query *q, long page,
                struct or_request *req, char *err, size_t errlen)
{
    (void)page;
    struct or_query plain = *q;
    plain.instance = NULL;
    return up_request_start(h, &plain, req, "/api/v2/platform/spaces/", err, errlen);
}

static void
parse_space(struct orp_cells *c, const json_t *s)
{
    const json_t *id = json_object_get(s, "id");
    orp_id(c, COL_TOKEN, json_object_get(s, "token"), COL_TOKEN);
    orp_text_trimmed(c, COL_NAME, json_object_get(s, "name"), COL_NAME);
    orp_id(c, COL_ID, orp_is_empty(id) ? json_object_get(s, "slug") : id, COL_ID);
    orp_text(c, COL_AGENT, json_object_get(s, "agent_handle"), COL_AGENT);
    orp_time(c, COL_CREATED_AT, json_object_get(s, "created_at"), COL_CREATED_AT);
}

or_status
up_spaces_parse(const struct or_host *h, const struct or_query *q, long page, const char *body,
                size_t len, struct or_rows *rows, struct or_page_info *info, char *err,
                size_t errlen)
{
    (void)q;
    orp_page_info_reset(info);
    json_t *root = NULL;
    or_status st = up_page_open(h, "spaces", body, len, ORP_LOAD_OBJECT, &root, err, errlen);
    if (st == OR_OK) {
        const json_t *data = json_object_get(root, "data");
        if (!json_is_array(data)) {
            snprintf(err, errlen, "response has no array \"data\"");
            st = OR_ERR_PARSE;
        }
        else {
            struct orp_cells cells;
            orp_cells_init(&cells, h, rows, fields, NBITS, "spaces page %ld", page);
            st = orp_cells_write(&cells, data, BIT_ROW, parse_space, err, errlen);
        }
    }
    json_decref(root);
    return st;
}

/* The name `[unpod] space_names` gives @p token, into @p buf; NULL when none. */
static const char *
configured_name(const struct or_host *h, const char *token, char *buf, size_t n)
{
    const char *list = NULL;
    if (h->config_get(h, "space_names", &list) != OR_OK || list == NULL) {
        return NULL;
    }
    size_t tlen = strlen(token);
    for (const char *p = list; *p != '\0';) {
        size_t seg = strcspn(p, ",");
        const char *end = p + seg;
        const char *comma = *end == ',' ? end : NULL;
        while (seg > 0 && orp_is_space(*p)) {
            p++;
            seg--;
        }
        const char *eq = memchr(p, '=', seg);
        if (eq != NULL && (size_t)(eq - p) >= tlen && memcmp(p, token, tlen) == 0) {
            const char *k = p + tlen;
            while (k < eq && orp_is_space(*k)) {
                k++;
            }
            const char *v = eq + 1;
            const char *ve = end;
            while (v < ve && orp_is_space(*v)) {
                v++;
            }
            while (ve > v && orp_is_space(ve[-1])) {
                ve--;
            }
            if (k == eq && ve > v && (size_t)(ve - v) < n) {
                memcpy(buf, v, (size_t)(ve - v));
                buf[ve - v] = '\0';
                return buf;
            }
        }
        p = comma != NULL ? comma + 1 : end;
    }
    return NULL;
}

const char *
up_space_name(const struct or_host *h, const struct or_query *q, const char *token, char *buf,
              size_t n)
{
    const char *name = configured_name(h, token, buf, n);
    if (name != NULL) {
        return name;
    }
    const struct or_lookup *lk = orp_lookup(h, q);
    const struct or_value *row =
        orp_lookup_find_text(lk, orp_lookup_column(lk, "space_token"), token);
    return orp_lookup_text(row, orp_lookup_column(lk, "name"));
}

or_status
up_needs_spaces(const struct or_host *h, const struct or_query *q)
{
    char list[8192];
    char err[OR_ERR_SIZE];
    char buf[256];
    if (up_analytics_instances(h, q, list, sizeof(list), err, sizeof(err)) != OR_OK) {
        return OR_ERR_NOT_FOUND; /* the fetch itself reports the bad list */
    }
    for (char *tok = list; *tok != '\0';) {
        char *nl = strchr(tok, '\n');
        if (nl != NULL) {
            *nl = '\0';
        }
        if (configured_name(h, tok, buf, sizeof(buf)) == NULL) {
            return OR_OK;
        }
        if (nl == NULL) {
            break;
        }
        tok = nl + 1;
    }
    return OR_ERR_NOT_FOUND;
}

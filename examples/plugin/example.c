/* SPDX-License-Identifier: MIT */
/*
 * An example outreport provider, built out of tree against the installed
 * SDK: `make` (see Makefile) needs nothing of outreport but
 * `pkg-config outreport-plugin`.  docs/plugins.md explains every part.
 *
 * Endpoint example.todos reads a to-do list, GET <base_url>/<list>.json:
 *
 *     [{"id": 1, "title": "Call Ann", "done": false, "due": "2026-11-20"}, ...]
 *
 * into table `todos` (id int, title text, done bool, due time).  Config
 * [example]: base_url (read by the host) and list (declared here).
 * Parameter only_open=true leaves out the to-dos that are done.
 */
#include <jansson.h>
#include <outreport/plugin.h>
#include <stdio.h>
#include <string.h>

enum { COL_ID, COL_TITLE, COL_DONE, COL_DUE, NCOLS };

static const struct or_column *const columns[NCOLS] = {
    [COL_ID] = OR_COLUMN("id", OR_TYPE_INT, "to-do id"),
    [COL_TITLE] = OR_COLUMN("title", OR_TYPE_TEXT, "what to do"),
    [COL_DONE] = OR_COLUMN("done", OR_TYPE_BOOL, "whether it is done"),
    [COL_DUE] =
        OR_COLUMN("due", OR_TYPE_TIME, "when it is due (a date: midnight in the report's zone)"),
};

static const struct or_param *const params[] = {
    OR_PARAM("only_open", OR_PARAM_BOOL, 0, "true: leave out the to-dos that are done", NULL),
};

/* Every key of [example] the plugin reads; base_url is the host's own. */
static const struct or_config_key *const config_keys[] = {
    OR_CONFIG_KEY(.name = "list", .type = OR_PARAM_STRING, .default_value = "todos",
                  .help = "which list to read: <base_url>/<list>.json"),
};

static int
only_open(const struct or_query *q)
{
    for (size_t i = 0; i < q->nparams; i++) {
        if (strcmp(q->params[i]->name, "only_open") == 0) {
            return strcmp(q->params[i]->value, "true") == 0;
        }
    }
    return 0;
}

/* Called on any thread, for page 1 only (OR_PAGING_NONE); keeps no state. */
static or_status
build_request(const struct or_host *h, const struct or_query *q, long page, struct or_request *req,
              char *err, size_t errlen)
{
    (void)q, (void)page;
    const char *list = NULL;
    char path[256];
    if (h->config_get(h, "list", &list) != OR_OK || list == NULL || strchr(list, '/') != NULL) {
        snprintf(err, errlen, "[example] list must name a list, without '/'");
        return OR_ERR_CONFIG;
    }
    snprintf(path, sizeof(path), "/%s.json", list);
    or_status st = h->req_set(req, "GET", path);
    if (st != OR_OK) {
        snprintf(err, errlen, "cannot request %s", path);
    }
    return st;
}

static void
set_row(const struct or_host *h, struct or_rows *rows, const json_t *item)
{
    const json_t *id = json_object_get(item, "id");
    const json_t *title = json_object_get(item, "title");
    const json_t *done = json_object_get(item, "done");
    const json_t *due = json_object_get(item, "due");
    int64_t t = 0;
    /* Setters copy; a failure is sticky and row_end() reports it. */
    if (json_is_integer(id)) {
        h->set_int(rows, COL_ID, json_integer_value(id));
    }
    if (json_is_string(title)) {
        h->set_text(rows, COL_TITLE, json_string_value(title), json_string_length(title));
    }
    if (json_is_boolean(done)) {
        h->set_int(rows, COL_DONE, json_is_true(done));
    }
    if (json_is_string(due) && h->parse_iso8601(h, json_string_value(due), &t) == OR_OK) {
        h->set_time(rows, COL_DUE, t);
    }
}

/* Called on any thread, with a row sink of its own. */
static or_status
parse_page(const struct or_host *h, const struct or_query *q, long page, const char *body,
           size_t len, struct or_rows *rows, struct or_page_info *info, char *err, size_t errlen)
{
    (void)page, (void)info; /* one page: nothing to tell about paging */
    json_error_t je;
    json_t *root = json_loadb(body, len, 0, &je);
    if (!json_is_array(root)) {
        snprintf(err, errlen, "expected a JSON array of to-dos (%s)",
                 root == NULL ? je.text : "got something else");
        json_decref(root);
        return OR_ERR_PARSE;
    }
    or_status st = OR_OK;
    size_t i;
    const json_t *item;
    json_array_foreach(root, i, item)
    {
        if (!json_is_object(item) ||
            (only_open(q) && json_is_true(json_object_get(item, "done")))) {
            continue;
        }
        st = h->row_begin(rows);
        if (st == OR_OK) {
            set_row(h, rows, item);
            st = h->row_end(rows);
        }
        if (st != OR_OK) {
            snprintf(err, errlen, "to-do %zu: the row sink refused it", i);
            break;
        }
    }
    json_decref(root);
    return st;
}

static const char *const todo_key[] = {"id", NULL};

static const struct or_endpoint todos = {
    .size = sizeof(struct or_endpoint),
    .name = "todos",
    .table = "todos",
    .description = "A to-do list: one row per to-do",
    .columns = columns,
    .ncolumns = NCOLS,
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .paging = OR_PAGING_NONE,
    .build_request = build_request,
    .parse_page = parse_page,
    /* ABI 2.2: how outreport's store keeps the rows.  A to-do list is read as
     * it is when fetched, for whatever period: kept per period, one row per id. */
    .keeping = OR_KEEP_PERIOD,
    .record_key = todo_key,
};

static const struct or_endpoint *const endpoints[] = {&todos};

static const struct or_provider provider = {
    .size = sizeof(struct or_provider),
    .endpoints = endpoints,
    .nendpoints = 1,
    .default_base_url = "http://127.0.0.1:8000",
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "example", .version = "1.0.0",
                 .description = "Example provider: a to-do list from a JSON file",
                 .provider = &provider, .config_keys = config_keys,
                 .nconfig_keys = sizeof(config_keys) / sizeof(config_keys[0]));

/* SPDX-License-Identifier: MIT */
/*
 * Tests of the unpod provider plugin through its ABI only: the real
 * provider_unpod.so is dlopen()ed from $OUTREPORT_PLUGIN_PATH and driven
 * with the fake host of fake_provider_host.h, which serves config from a
 * table, records requests, stores the typed cells of each row and checks the
 * plugin keeps the sink's contract (setters inside a row, the setter
 * matching the column type, no column set twice).  unpod sends GET requests
 * only and has no time columns: a request body or a time parse fails.
 *
 * Fixtures are read from tests/fixtures/unpod (see its README.md), found
 * via $OR_FIXTURES_DIR, $OR_SOURCE_ROOT, next to the fake host's source, or
 * by walking up from the working directory.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_provider_host.h"
#include "outreport/plugin.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define TEST_TOKEN "eyJhbGciOiJIUzI1NiJ9.unpod-test.c2lnbmF0dXJl"
#define DOC_SPACE "F1O3QJM1Y7Q1AVVUYNV4VPRB"
#define DOC_PATH "/api/v2/platform/organisation/analytics/"

/* ------------------------------------------------------------------------- */
/* Plugin and fixtures: the fake host is tests/fake_provider_host.c          */
/* ------------------------------------------------------------------------- */

static int
load_plugin(void **state)
{
    (void)state;
    return fake_plugin_load("unpod");
}

static int
setup(void **state)
{
    (void)state;
    fake_reset();
    fake.forbid_body = 1;
    fake.forbid_time_parse = 1;
    fake_set_config("base_url", "http://127.0.0.1:8000");
    fake_set_config("org_handle", "recalll.co");
    setenv("UNPOD_TOKEN", TEST_TOKEN, 1);
    unsetenv("UNPOD_OTHER_TOKEN");
    return 0;
}

static const struct or_endpoint *
analytics(void)
{
    return endpoint("analytics");
}

static const struct or_query org_query = {.tz = "UTC"};

/* A query for one space token (NULL: the whole organisation). */
static struct or_query
space_query(const char *instance)
{
    struct or_query q = {.tz = "UTC", .instance = instance};
    return q;
}

/* Parse into fake.rows, appending; checks the sink contract. */
static or_status
parse_analytics(const struct or_query *q, const char *body, size_t len, struct or_page_info *info,
                char *err)
{
    or_status st = parse_body(analytics(), q, 1, body, len, info, err);
    if (st != OR_OK && err[0] == '\0') {
        fail_msg("status %d without a message", st);
    }
    return st;
}

static or_status
analytics_fixture(const struct or_query *q, const char *name, char *err)
{
    size_t len = 0;
    struct or_page_info info;
    char *body = fixture(name, &len);
    or_status st = parse_analytics(q, body, len, &info, err);
    free(body);
    return st;
}

static or_status
parse_text(const struct or_query *q, const char *text, char *err)
{
    struct or_page_info info;
    return parse_analytics(q, text, strlen(text), &info, err);
}

static or_status
build_analytics(const struct or_query *q, char *err)
{
    return build(analytics(), q, 1, err);
}

static or_status
instances(const struct or_query *q, char *buf, size_t buflen, char *err)
{
    err[0] = '\0';
    memset(buf, 'x', buflen);
    buf[buflen - 1] = '\0';
    return analytics()->instances(&fake_host, q, buf, buflen, err, OR_ERR_SIZE);
}
static void
expect_header(const char *name, const char *want, int want_secret)
{
    int secret = -1;
    const char *got = header(name, &secret);
    if (got == NULL) {
        fail_msg("header %s missing", name);
    }
    if (strcmp(got, want) != 0) {
        fail_msg("header %s = \"%s\", want \"%s\"", name, got, want);
    }
    if (secret != want_secret) {
        fail_msg("header %s secret = %d, want %d", name, secret, want_secret);
    }
}

static void
expect_contains(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle) == NULL) {
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
    }
}

static void
expect_nothing_built(void)
{
    assert_int_equal(fake.req.nset, 0);
    assert_int_equal(fake.req.nquery, 0);
    assert_int_equal(fake.req.nheader, 0);
}

/* ------------------------------------------------------------------------- */
/* Cell checks by column name                                                 */
/* ------------------------------------------------------------------------- */
/* Every column of @p row NULL except those named in @p except (NULL-terminated). */
static void
expect_row_null_except(size_t row, const char *const *except)
{
    const struct or_endpoint *ep = fake.rows.ep;
    for (size_t col = 0; col < ep->ncolumns; col++) {
        int skip = 0;
        for (size_t i = 0; except != NULL && except[i] != NULL; i++) {
            skip |= strcmp(except[i], ep->columns[col]->name) == 0;
        }
        if (!skip) {
            expect_null(row, ep->columns[col]->name);
        }
    }
}

/* The documented numbers, in row @p row. */
static void
expect_documented_numbers(size_t row)
{
    expect_int(row, "total_calls", 419);
    expect_int(row, "interested", 77);
    expect_int(row, "call_back", 13);
    expect_int(row, "send_details", 1);
    expect_int(row, "not_interested", 20);
    expect_int(row, "not_connected", 35);
    expect_int(row, "failed_calls", 200);
    expect_real(row, "avg_success_score", 467.0);
    expect_int(row, "total_tasks", 419);
    expect_int(row, "tasks_completed", 302);
    expect_int(row, "tasks_failed", 109);
    expect_int(row, "tasks_pending", 2);
    expect_int(row, "tasks_in_progress", 1);
    expect_real(row, "success_rate", 72.08);
}

/* ------------------------------------------------------------------------- */
/* Descriptor and schema                                                      */
/* ------------------------------------------------------------------------- */

static void
descriptor_is_an_unpod_provider(void **state)
{
    (void)state;
    assert_int_equal(plugin->abi_major, OR_ABI_MAJOR);
    assert_int_equal(plugin->abi_minor, OR_ABI_MINOR);
    assert_int_equal(plugin->kind, OR_PLUGIN_PROVIDER);
    assert_string_equal(plugin->name, "unpod");
    assert_non_null(plugin->version);
    assert_non_null(plugin->description);
    assert_null(plugin->renderer);
    assert_non_null(plugin->provider);
    /* The documented base URL: https://unpod.dev/api/v2/platform/. */
    assert_string_equal(plugin->provider->default_base_url, "https://unpod.dev");
    assert_int_equal(plugin->provider->nendpoints, 3);
    const struct or_endpoint *ep = analytics();
    assert_string_equal(ep->table, "agent_calls");
    assert_int_equal(ep->paging, OR_PAGING_NONE);
    assert_false(ep->dynamic_columns);
    assert_non_null(ep->build_request);
    assert_non_null(ep->parse_page);
    assert_non_null(ep->error_message);
    assert_non_null(ep->instances);
    assert_string_equal(ep->auth_hint, "[unpod] api_key_env (default UNPOD_TOKEN)");
    /* All-time totals, names of spaces from the spaces endpoint, refused
     * credentials explained by the scheme sent. */
    assert_int_equal(ep->cumulative, OR_CUMULATIVE_ALL_TIME);
    assert_non_null(strstr(ep->cumulative_note, "all-time"));
    assert_ptr_equal(ep->lookup, endpoint("spaces"));
    assert_non_null(ep->lookup_needed);
    assert_non_null(ep->lookup_fallback);
    assert_non_null(ep->auth_failure);
    assert_string_equal(endpoint("call-logs")->table, "agent_call_log");
    assert_int_equal(endpoint("call-logs")->paging, OR_PAGING_PAGES);
    assert_int_equal(endpoint("call-logs")->cumulative, OR_CUMULATIVE_NONE);
    assert_int_equal(ep->nparams, 1);
    assert_string_equal(ep->params[0]->name, "space_token");
    assert_int_equal(ep->params[0]->type, OR_PARAM_STRING_LIST);
    assert_false(ep->params[0]->required);
    assert_non_null(ep->params[0]->description);
    assert_null(ep->params[0]->choices);
}

static void
only_the_entry_symbol_is_exported(void **state)
{
    (void)state;
    assert_null(dlsym(plugin_handle, "up_analytics_build"));
    assert_null(dlsym(plugin_handle, "up_agent_calls_columns"));
    assert_null(dlsym(plugin_handle, "up_error_message"));
    assert_non_null(dlsym(plugin_handle, OR_PLUGIN_ENTRY_NAME));
}

static void
agent_calls_schema_matches_design_column_for_column(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum or_type type;
    } want[] = {
        {"space_token", OR_TYPE_TEXT},       {"total_calls", OR_TYPE_INT},
        {"interested", OR_TYPE_INT},         {"call_back", OR_TYPE_INT},
        {"send_details", OR_TYPE_INT},       {"not_interested", OR_TYPE_INT},
        {"not_connected", OR_TYPE_INT},      {"failed_calls", OR_TYPE_INT},
        {"avg_success_score", OR_TYPE_REAL}, {"total_tasks", OR_TYPE_INT},
        {"tasks_completed", OR_TYPE_INT},    {"tasks_failed", OR_TYPE_INT},
        {"tasks_pending", OR_TYPE_INT},      {"tasks_in_progress", OR_TYPE_INT},
        {"success_rate", OR_TYPE_REAL},      {"completed_calls", OR_TYPE_INT},
        {"avg_duration_s", OR_TYPE_REAL},    {"space_name", OR_TYPE_TEXT},
    };
    const struct or_endpoint *ep = analytics();
    assert_int_equal(ep->ncolumns, ARRAY_LEN(want));
    for (size_t i = 0; i < ARRAY_LEN(want); i++) {
        if (strcmp(ep->columns[i]->name, want[i].name) != 0 ||
            ep->columns[i]->type != want[i].type) {
            fail_msg("column %zu is %s/%d, want %s/%d", i, ep->columns[i]->name,
                     ep->columns[i]->type, want[i].name, want[i].type);
        }
        assert_non_null(ep->columns[i]->description);
        assert_true(strlen(ep->columns[i]->description) > 0);
    }
}

/* ------------------------------------------------------------------------- */
/* Parsing                                                                    */
/* ------------------------------------------------------------------------- */

static void
documented_example_maps_every_agent_calls_column(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    struct or_page_info info;
    size_t len = 0;
    char *body = fixture("analytics_documented.json", &len);
    struct or_query q = space_query(DOC_SPACE);
    checked = 0;
    assert_int_equal(parse_analytics(&q, body, len, &info, err), OR_OK);
    free(body);
    assert_int_equal(fake.rows.nrows, 1);
    expect_text(0, "space_token", DOC_SPACE);
    expect_documented_numbers(0);
    expect_null(0, "completed_calls"); /* the flat shape's */
    expect_null(0, "avg_duration_s");
    expect_null(0, "space_name"); /* no name configured, none looked up */
    expect_all_checked();
    assert_int_equal(fake.nwarn, 0);
    /* One request per instance: the page tells nothing about more pages. */
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);
    assert_int_equal(info.total_pages, -1);
    assert_int_equal(info.page, -1);
}

static void
space_token_instance_fills_column_and_query(void **state)
{
    (void)state;
    static const char *const spaces[] = {DOC_SPACE, "space_2-b"};
    for (size_t i = 0; i < ARRAY_LEN(spaces); i++) {
        fake_reset_io();
        struct or_query q = space_query(spaces[i]);
        char err[OR_ERR_SIZE];
        assert_int_equal(build_analytics(&q, err), OR_OK);
        assert_int_equal(fake.req.nquery, 1);
        assert_string_equal(fake.req.qkey[0], "space_token");
        assert_string_equal(fake.req.qval[0], spaces[i]);

        assert_int_equal(analytics_fixture(&q, "analytics_documented.json", err), OR_OK);
        assert_int_equal(fake.rows.nrows, 1);
        expect_text(0, "space_token", spaces[i]);
        expect_int(0, "total_calls", 419);
    }
}

static void
no_space_tokens_means_one_org_wide_row_with_null_token(void **state)
{
    (void)state;
    char buf[256];
    char err[OR_ERR_SIZE];
    assert_int_equal(instances(&org_query, buf, sizeof(buf), err), OR_OK);
    assert_string_equal(buf, "");

    /* Blank values count as unset, in config and in the parameter alike. */
    fake_set_config("space_tokens", "");
    static const struct or_param_value blank[] = {{"space_token", " , ,"}};
    struct or_query q = {.tz = "UTC", .params = fake_params(blank, 1), .nparams = 1};
    assert_int_equal(instances(&q, buf, sizeof(buf), err), OR_OK);
    assert_string_equal(buf, "");

    assert_int_equal(build_analytics(&org_query, err), OR_OK);
    assert_string_equal(fake.req.path, DOC_PATH);
    assert_int_equal(fake.req.nquery, 0);
    assert_int_equal(query_count("space_token"), 0);

    assert_int_equal(analytics_fixture(&org_query, "analytics_documented.json", err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_null(0, "space_token");
    expect_documented_numbers(0);
}

static void
config_space_tokens_give_one_instance_each(void **state)
{
    (void)state;
    char buf[256];
    char err[OR_ERR_SIZE];
    fake_set_config("space_tokens", " AAA1, BBB_2 ,,\tCCC-3,AAA1 ");
    assert_int_equal(instances(&org_query, buf, sizeof(buf), err), OR_OK);
    assert_string_equal(buf, "AAA1\nBBB_2\nCCC-3"); /* trimmed, blanks and repeats dropped */

    /* The host's loop: one request and one row per instance, no invented total row. */
    static const char *const each[] = {"AAA1", "BBB_2", "CCC-3"};
    for (size_t i = 0; i < ARRAY_LEN(each); i++) {
        struct or_query q = space_query(each[i]);
        fake_reset_request();
        assert_int_equal(build_analytics(&q, err), OR_OK);
        assert_int_equal(fake.req.nquery, 1);
        assert_string_equal(fake.req.qval[0], each[i]);
        assert_int_equal(analytics_fixture(&q, "analytics_documented.json", err), OR_OK);
    }
    assert_int_equal(fake.rows.nrows, 3);
    for (size_t i = 0; i < ARRAY_LEN(each); i++) {
        expect_text(i, "space_token", each[i]);
        expect_int(i, "total_calls", 419);
    }

    /* More tokens than the host's buffer holds: refused, not cut. */
    char tiny[8];
    assert_int_equal(instances(&org_query, tiny, sizeof(tiny), err), OR_ERR_INVALID);
    expect_contains(err, "too many space tokens");
    assert_string_equal(tiny, "");
}

static void
param_space_token_wins_over_config(void **state)
{
    (void)state;
    char buf[256];
    char err[OR_ERR_SIZE];
    fake_set_config("space_tokens", "AAA,BBB");
    static const struct or_param_value p[] = {{"space_token", "ZZZ,YYY"}};
    struct or_query q = {.tz = "UTC", .params = fake_params(p, 1), .nparams = 1};
    assert_int_equal(instances(&q, buf, sizeof(buf), err), OR_OK);
    assert_string_equal(buf, "ZZZ\nYYY");

    /* Given twice, the last one wins, as with every parameter. */
    static const struct or_param_value twice[] = {{"space_token", "ZZZ"}, {"space_token", "QQQ"}};
    q.params = fake_params(twice, 2);
    q.nparams = 2;
    assert_int_equal(instances(&q, buf, sizeof(buf), err), OR_OK);
    assert_string_equal(buf, "QQQ");

    /* An empty parameter is not given: config applies. */
    static const struct or_param_value empty[] = {{"space_token", ""}};
    q.params = fake_params(empty, 1);
    q.nparams = 1;
    assert_int_equal(instances(&q, buf, sizeof(buf), err), OR_OK);
    assert_string_equal(buf, "AAA\nBBB");
}

static void
expect_refused_instances(const struct or_query *q, const char *shown, const char *where)
{
    char buf[256];
    char err[OR_ERR_SIZE];
    assert_int_equal(instances(q, buf, sizeof(buf), err), OR_ERR_INVALID);
    expect_contains(err, "[unpod] space token \"");
    expect_contains(err, shown);
    expect_contains(err, where);
    assert_string_equal(buf, "");
}

static void
invalid_space_token_is_refused(void **state)
{
    (void)state;
    static const struct or_param_value p[] = {{"space_token", "GOOD1,bad token!"}};
    struct or_query q = {.tz = "UTC", .params = fake_params(p, 1), .nparams = 1};
    expect_refused_instances(&q, "\"bad token!\"", "space_token");

    static const struct or_param_value inject[] = {{"space_token", "A&space_token=B"}};
    q.params = fake_params(inject, 1);
    expect_refused_instances(&q, "\"A&space_token=B\"", "space_token");

    /* Control characters are not echoed into the message. */
    static const struct or_param_value nl[] = {{"space_token", "AB\ninjected"}};
    q.params = fake_params(nl, 1);
    expect_refused_instances(&q, "\"AB?injected\"", "space_token");

    fake_set_config("space_tokens", "OK_1,sp/ace");
    expect_refused_instances(&org_query, "\"sp/ace\"", "space_tokens");

    static char long_token[201];
    memset(long_token, 'A', sizeof(long_token) - 1);
    fake_set_config("space_tokens", long_token);
    expect_refused_instances(&org_query, "AAAA...\"", "longer than 128");

    /* build_request checks the instance too, before building anything. */
    struct or_query bad = space_query("x y");
    char err[OR_ERR_SIZE];
    assert_int_equal(build_analytics(&bad, err), OR_ERR_INVALID);
    expect_contains(err, "\"x y\"");
    expect_nothing_built();
}

/* ------------------------------------------------------------------------- */
/* Requests                                                                   */
/* ------------------------------------------------------------------------- */

static void
headers_are_org_handle_product_id_and_token_authorization(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    fake_set_config("product_id", "unpod.ai");
    struct or_query q = space_query(DOC_SPACE);
    assert_int_equal(build_analytics(&q, err), OR_OK);
    assert_int_equal(fake.req.nset, 1);
    assert_string_equal(fake.req.method, "GET");
    assert_string_equal(fake.req.path, DOC_PATH);
    expect_header("accept", "application/json", 0);
    expect_header("Org-Handle", "recalll.co", 0);
    expect_header("Product-Id", "unpod.ai", 0);
    /* The current docs' scheme for dashboard API keys. */
    expect_header("Authorization", "Token " TEST_TOKEN, 1);
    assert_int_equal(fake.req.nheader, 4);

    /* api_key_env names another variable. */
    fake_reset_io();
    fake_set_config("api_key_env", "UNPOD_OTHER_TOKEN");
    setenv("UNPOD_OTHER_TOKEN", "other-token", 1);
    assert_int_equal(build_analytics(&q, err), OR_OK);
    expect_header("Authorization", "Token other-token", 1);
    unsetenv("UNPOD_OTHER_TOKEN");

    /* A header value with a line break is refused with a message, not sent. */
    fake_reset_io();
    fake_set_config("org_handle", "acme.example\r\nX-Evil: 1");
    assert_int_equal(build_analytics(&q, err), OR_ERR_INVALID);
    expect_contains(err, "org_handle");
    expect_nothing_built();
}

static void
product_id_defaults_to_unpod_dev(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    assert_int_equal(build_analytics(&org_query, err), OR_OK);
    expect_header("Product-Id", "unpod.dev", 0);

    fake_reset_io();
    fake_set_config("product_id", "");
    assert_int_equal(build_analytics(&org_query, err), OR_OK);
    expect_header("Product-Id", "unpod.dev", 0);
}

static void
missing_org_handle_is_a_clear_error(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    fake_set_config("org_handle", NULL);
    assert_int_equal(build_analytics(&org_query, err), OR_ERR_INVALID);
    assert_string_equal(err, "[unpod] org_handle is not set (the organisation's domain "
                             "handle, e.g. acme.example)");
    expect_nothing_built();

    fake_set_config("org_handle", "");
    assert_int_equal(build_analytics(&org_query, err), OR_ERR_INVALID);
    expect_contains(err, "org_handle is not set");
    expect_nothing_built();
}

static void
missing_base_url_is_a_clear_error(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    fake_set_config("base_url", NULL);
    assert_int_equal(build_analytics(&org_query, err), OR_ERR_INVALID);
    assert_string_equal(err, "[unpod] base_url is not set (the API's address, e.g. "
                             "https://unpod.dev)");
    expect_nothing_built();
}

static void
jwt_header_is_secret(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    struct or_query q = space_query(DOC_SPACE);
    assert_int_equal(build_analytics(&q, err), OR_OK);
    int found = 0;
    for (size_t i = 0; i < fake.req.nheader; i++) {
        if (strstr(fake.req.hval[i], TEST_TOKEN) != NULL) {
            found++;
            assert_string_equal(fake.req.hname[i], "Authorization");
            assert_int_equal(fake.req.hsecret[i], 1);
        }
        else {
            assert_int_equal(fake.req.hsecret[i], 0);
        }
    }
    assert_int_equal(found, 1);
    for (size_t i = 0; i < fake.req.nquery; i++) {
        assert_null(strstr(fake.req.qval[i], TEST_TOKEN));
    }
    assert_null(strstr(fake.req.path, TEST_TOKEN));

    /* A credential pasted with its scheme is sent as given, never "Token JWT ...". */
    fake_reset_io();
    setenv("UNPOD_TOKEN", "JWT " TEST_TOKEN, 1);
    assert_int_equal(build_analytics(&q, err), OR_OK);
    expect_header("Authorization", "JWT " TEST_TOKEN, 1);

    /* No token: OR_ERR_AUTH with the host's message naming the variable. */
    fake_reset_io();
    unsetenv("UNPOD_TOKEN");
    assert_int_equal(build_analytics(&q, err), OR_ERR_AUTH);
    expect_contains(err, "UNPOD_TOKEN");
    expect_nothing_built();
}

/* ------------------------------------------------------------------------- */
/* Errors                                                                     */
/* ------------------------------------------------------------------------- */

static void
status_code_not_200_in_body_is_an_error_with_vendor_message(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    struct or_query q = space_query(DOC_SPACE);
    assert_int_equal(analytics_fixture(&q, "error_401.json", err), OR_ERR_HTTP);
    expect_contains(err, "status_code 401");
    expect_contains(err, "Authentication credentials were not provided.");
    expect_contains(err, "api_key_env"); /* 401/403 point at the credential */
    assert_int_equal(fake.rows.nrows, 0);

    assert_int_equal(analytics_fixture(&org_query, "error_404.json", err), OR_ERR_HTTP);
    expect_contains(err, "status_code 404: Organization not found.");
    assert_null(strstr(err, "api_key_env"));
    assert_int_equal(fake.rows.nrows, 0);

    /* Even with data present, and with the code as text; no message at all. */
    static const char with_data[] =
        "{\"status_code\":\"500\",\"data\":{\"call_analytics\":{\"total_calls\":1}}}";
    assert_int_equal(parse_text(&org_query, with_data, err), OR_ERR_HTTP);
    expect_contains(err, "status_code 500");
    expect_contains(err, "(no message)");
    assert_int_equal(fake.rows.nrows, 0);

    /* 200 as text is fine; a status_code of odd type is ignored with a warning. */
    static const char ok_text[] = "{\"status_code\":\"200\",\"data\":{\"call_status\":{}}}";
    assert_int_equal(parse_text(&org_query, ok_text, err), OR_OK);
    static const char odd[] = "{\"status_code\":[200],\"data\":{\"call_status\":{}}}";
    assert_int_equal(parse_text(&org_query, odd, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    assert_int_equal(fake.nwarn, 1);
    expect_contains(fake.last_warn, "status_code");
}

static void
expect_message(const char *body, size_t len, const char *want)
{
    char buf[256];
    or_error_message_fn *fn = analytics()->error_message;
    memset(buf, 'x', sizeof(buf));
    if (fn(body, len, buf, sizeof(buf)) != OR_OK) {
        fail_msg("no message found in %.*s", (int)len, body);
    }
    if (strcmp(buf, want) != 0) {
        fail_msg("message \"%s\", want \"%s\"", buf, want);
    }
}

static void
expect_message_fixture(const char *name, const char *want)
{
    size_t len = 0;
    char *body = fixture(name, &len);
    expect_message(body, len, want);
    free(body);
}

static void
vendor_messages_are_extracted_from_400_401_404_bodies(void **state)
{
    (void)state;
    expect_message_fixture("error_400.json", "Org-Handle header is required.");
    expect_message_fixture("error_401.json", "Authentication credentials were not provided.");
    expect_message_fixture("error_404.json", "Organization not found.");
    expect_message_fixture("error_401_detail.json",
                           "Authentication credentials were not provided.");

    static const char err_only[] = "{\"error\":\"Forbidden\\nreally\"}";
    expect_message(err_only, strlen(err_only), "Forbidden really");
    static const char nested[] = "{\"error\":{\"detail\":\"rate limited\"}}";
    expect_message(nested, strlen(nested), "rate limited");
    static const char list[] = "{\"message\":[\"Org-Handle is required\",\"Bad product\"]}";
    expect_message(list, strlen(list), "Org-Handle is required; Bad product");
    static const char empty_first[] = "{\"message\":\"\",\"detail\":\"Not found.\"}";
    expect_message(empty_first, strlen(empty_first), "Not found.");
    static const char huge[] = "{\"status_code\":99999999999999999999999,\"message\":\"odd\"}";
    expect_message(huge, strlen(huge), "odd");

    /* Truncation keeps whole UTF-8 characters: "Ü" is two bytes. */
    static const char utf8[] = "{\"message\":\"Org \\u00dcber\"}";
    char tiny[7];
    assert_int_equal(analytics()->error_message(utf8, strlen(utf8), tiny, sizeof(tiny)), OR_OK);
    assert_string_equal(tiny, "Org \xc3\x9c");
    char tinier[6];
    assert_int_equal(analytics()->error_message(utf8, strlen(utf8), tinier, sizeof(tinier)), OR_OK);
    assert_string_equal(tinier, "Org ");

    char buf[64];
    static const char html[] = "<html>502 Bad Gateway</html>";
    assert_int_equal(analytics()->error_message(html, strlen(html), buf, sizeof(buf)),
                     OR_ERR_NOT_FOUND);
    assert_int_equal(analytics()->error_message("{}", 2, buf, sizeof(buf)), OR_ERR_NOT_FOUND);
    assert_int_equal(analytics()->error_message("{\"message\":42}", 14, buf, sizeof(buf)),
                     OR_ERR_NOT_FOUND);
    assert_int_equal(analytics()->error_message("", 0, buf, sizeof(buf)), OR_ERR_NOT_FOUND);
}

/* ------------------------------------------------------------------------- */
/* Hostile bodies                                                             */
/* ------------------------------------------------------------------------- */

static void
missing_fields_and_nulls_become_null(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    assert_int_equal(analytics_fixture(&org_query, "analytics_nulls.json", err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_int(0, "not_interested", 0); /* a real zero stays zero */
    expect_int(0, "tasks_in_progress", 0);
    static const char *const zeros[] = {"not_interested", "tasks_in_progress", NULL};
    expect_row_null_except(0, zeros);

    assert_int_equal(analytics_fixture(&org_query, "analytics_missing_sections.json", err), OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_int(1, "total_tasks", 5);
    expect_int(1, "tasks_completed", 0);
    static const char *const given[] = {"total_tasks", "tasks_completed", NULL};
    expect_row_null_except(1, given);

    /* Sections null or {}: the nested shape, one row, all NULL. */
    static const char null_sections[] = "{\"data\":{\"call_analytics\":null,\"call_status\":{}}}";
    assert_int_equal(parse_text(&org_query, null_sections, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 3);
    expect_row_null_except(2, NULL);
    /* data {}: no shape at all, an error rather than a row of NULLs. */
    static const char empty[] = "{\"status_code\":200,\"data\":{}}";
    assert_int_equal(parse_text(&org_query, empty, err), OR_ERR_PARSE);
    expect_contains(err, "its keys: (none)");

    /* Absence is not a type error: nothing to warn about. */
    assert_int_equal(fake.nwarn, 0);
}

static void
numeric_strings_are_numbers(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    assert_int_equal(analytics_fixture(&org_query, "analytics_numeric_strings.json", err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_int(0, "total_calls", 419);
    expect_int(0, "interested", 77);
    expect_int(0, "call_back", 13);
    expect_int(0, "send_details", 1);
    expect_int(0, "not_interested", 20);
    expect_int(0, "not_connected", 35);
    expect_int(0, "failed_calls", -200);
    expect_real(0, "avg_success_score", 467.5);
    expect_int(0, "total_tasks", 419);
    expect_int(0, "tasks_completed", 302);
    expect_int(0, "tasks_failed", 109);
    expect_int(0, "tasks_pending", 2);
    expect_int(0, "tasks_in_progress", 1);
    expect_real(0, "success_rate", 72.08);
    assert_int_equal(fake.nwarn, 0);
}

static void
wrong_types_become_null_with_one_warning(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    struct or_query q = space_query(DOC_SPACE);
    assert_int_equal(analytics_fixture(&q, "analytics_wrong_types.json", err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_int(0, "total_tasks", 419);
    static const char *const usable[] = {"space_token", "total_tasks", NULL};
    expect_row_null_except(0, usable);
    /* One warning for the odd status_code, one naming every odd value. */
    assert_int_equal(fake.nwarn, 2);
    static const char *const named[] = {
        "data.call_analytics.total_calls",    "data.call_analytics.interested",
        "data.call_analytics.call_back",      "data.call_analytics.send_details",
        "data.call_analytics.not_interested", "data.call_analytics.not_connected",
        "data.call_analytics.failed",         "data.call_analytics.avg_success_score",
        "data.call_status.completed",         "data.call_status.failed",
        "data.call_status.success_rate",      DOC_SPACE,
    };
    for (size_t i = 0; i < ARRAY_LEN(named); i++) {
        expect_contains(fake.last_warn, named[i]);
    }
    /* pending "" and in_progress null are absent, not wrong. */
    assert_null(strstr(fake.last_warn, "pending"));
    assert_null(strstr(fake.last_warn, "in_progress"));

    /* Sections of the wrong shape: NULL, one more warning naming them. */
    fake_reset_io();
    assert_int_equal(analytics_fixture(&org_query, "analytics_nested_junk.json", err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_row_null_except(0, NULL);
    assert_int_equal(fake.nwarn, 1);
    expect_contains(fake.last_warn, "data.call_analytics");
    expect_contains(fake.last_warn, "data.call_status");
}

static void
huge_numbers_become_null_and_the_rest_is_kept(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    assert_int_equal(analytics_fixture(&org_query, "analytics_huge_numbers.json", err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_null(0, "total_calls");         /* beyond 64 bits */
    expect_int(0, "interested", 77);       /* the rest of the body survives */
    expect_int(0, "call_back", INT64_MAX); /* "9223372036854775807" */
    expect_null(0, "send_details");        /* "9223372036854775808" */
    expect_null(0, "not_interested");      /* below INT64_MIN */
    expect_null(0, "not_connected");       /* 2^53 + 1 cannot be kept exactly */
    expect_null(0, "failed_calls");        /* 1e300 */
    expect_real(0, "avg_success_score", 1.7976931348623157e308);
    expect_int(0, "total_tasks", 419);
    expect_int(0, "tasks_in_progress", 1);
    expect_real(0, "success_rate", 1e29);
    /* One warning says a number was too big to read exactly, one names the fields. */
    assert_int_equal(fake.nwarn, 2);
    expect_contains(fake.last_warn, "total_calls");
    expect_contains(fake.last_warn, "send_details");
    expect_contains(fake.last_warn, "not_connected");

    /* Without an overflowing neighbour, a big exact integer is kept exactly. */
    static const char exact[] =
        "{\"data\":{\"call_analytics\":{\"total_calls\":9007199254740993}}}";
    assert_int_equal(parse_text(&org_query, exact, err), OR_OK);
    expect_int(1, "total_calls", 9007199254740993LL);
}

static void
expect_parse_error(const char *body, size_t len, const char *named)
{
    char err[OR_ERR_SIZE];
    struct or_page_info info;
    size_t before = fake.rows.nrows;
    assert_int_equal(parse_analytics(&org_query, body, len, &info, err), OR_ERR_PARSE);
    expect_contains(err, named);
    assert_int_equal(fake.rows.nrows, before);
}

static void
malformed_json_is_a_parse_error(void **state)
{
    (void)state;
    size_t len = 0;
    char *body = fixture("analytics_truncated.json", &len);
    expect_parse_error(body, len, "invalid JSON at line ");
    expect_parse_error(body, len, " column ");
    free(body);

    body = fixture("analytics_non_utf8.json", &len);
    expect_parse_error(body, len, "invalid JSON at line 3 column");
    free(body);

    body = fixture("analytics_no_data.json", &len);
    expect_parse_error(body, len, "\"data\"");
    free(body);

    static const char data_list[] = "{\"status_code\":200,\"data\":[]}";
    expect_parse_error(data_list, strlen(data_list), "\"data\" is not an object");
    static const char data_null[] = "{\"data\":null}";
    expect_parse_error(data_null, strlen(data_null), "\"data\"");
    expect_parse_error("[1,2]", 5, "not a JSON object");
    expect_parse_error("", 0, "empty");
    expect_parse_error("{\"data\":{}} trailing", 20, "invalid JSON at line 1 column");
    assert_int_equal(fake.rows.nrows, 0);
    assert_int_equal(fake.nwarn, 0);
}

/* ------------------------------------------------------------------------- */
/* The vendor beyond its seed pages (issue 12)                                */
/* ------------------------------------------------------------------------- */

static void
flat_shape_maps_its_columns_and_derives_the_success_rate(void **state)
{
    (void)state;
    static const char flat[] =
        "{\"status_code\":200,\"message\":\"Analytics fetched successfully\",\"data\":{"
        "\"total_calls\":1250,\"completed_calls\":987,\"failed_calls\":143,"
        "\"avg_duration_seconds\":145.3,\"total_tasks\":1350,\"task_status_breakdown\":{"
        "\"pending\":45,\"running\":12,\"completed\":1180,\"failed\":113}}}";
    char err[OR_ERR_SIZE];
    struct or_query q = space_query(DOC_SPACE);
    assert_int_equal(parse_text(&q, flat, err), OR_OK);
    expect_int(0, "total_calls", 1250);
    expect_int(0, "completed_calls", 987);
    expect_int(0, "failed_calls", 143);
    expect_real(0, "avg_duration_s", 145.3);
    expect_int(0, "total_tasks", 1350);
    expect_int(0, "tasks_pending", 45);
    expect_int(0, "tasks_in_progress", 12);
    expect_int(0, "tasks_completed", 1180);
    expect_int(0, "tasks_failed", 113);
    expect_real(0, "success_rate", 100.0 * 1180 / 1350);
    expect_null(0, "interested"); /* the nested shape's outcomes */
    assert_int_equal(fake.nwarn, 0);
}

static void
unknown_analytics_shape_is_an_error_listing_its_keys(void **state)
{
    (void)state;
    static const char other[] = "{\"status_code\":200,\"data\":{\"calls\":{\"total\":3},"
                                "\"tasks\":[],\"version\":2}}";
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_text(&org_query, other, err), OR_ERR_PARSE);
    expect_contains(err, "neither the nested shape");
    expect_contains(err, "its keys: calls, tasks, version");
    assert_int_equal(fake.rows.nrows, 0);
}

static void
auth_scheme_is_configurable_and_a_refusal_says_how_to_switch(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    char hint[400];
    /* token (default): "Token <key>"; a 401 names it and the switch to jwt. */
    assert_int_equal(analytics()->auth_failure(&fake_host, 401, "{}", 2, hint, sizeof(hint)),
                     OR_ERR_AUTH);
    expect_contains(hint, "Authorization: Token <key>");
    expect_contains(hint, "[unpod] auth = jwt");
    expect_contains(hint, "api_key_env");
    assert_null(strstr(hint, TEST_TOKEN));
    /* jwt: "jwt <token>", and the way back. */
    fake_set_config("auth", "jwt");
    assert_int_equal(build_analytics(&org_query, err), OR_OK);
    expect_header("Authorization", "jwt " TEST_TOKEN, 1);
    assert_int_equal(analytics()->auth_failure(&fake_host, 403, "{}", 2, hint, sizeof(hint)),
                     OR_ERR_AUTH);
    expect_contains(hint, "Authorization: jwt <token>");
    expect_contains(hint, "[unpod] auth = token");
    /* A credential with its own scheme is sent as given, and the hint says so. */
    setenv("UNPOD_TOKEN", "Bearer " TEST_TOKEN, 1);
    fake_reset_io();
    assert_int_equal(build_analytics(&org_query, err), OR_OK);
    expect_header("Authorization", "Bearer " TEST_TOKEN, 1);
    assert_int_equal(analytics()->auth_failure(&fake_host, 401, "{}", 2, hint, sizeof(hint)),
                     OR_ERR_AUTH);
    expect_contains(hint, "sent as given");
    expect_contains(hint, "\"Bearer\"");
    /* Not an authentication failure: no hint. */
    assert_int_equal(analytics()->auth_failure(&fake_host, 404, "{}", 2, hint, sizeof(hint)),
                     OR_ERR_HTTP);
    assert_string_equal(hint, "");
    /* Anything else is refused before a request. */
    fake_set_config("auth", "basic");
    fake_reset_io();
    assert_int_equal(build_analytics(&org_query, err), OR_ERR_INVALID);
    expect_contains(err, "[unpod] auth");
    expect_contains(err, "token or jwt");
    expect_nothing_built();
}

static void
call_logs_read_both_duration_forms_and_page_by_count(void **state)
{
    (void)state;
    static const char body[] =
        "{\"count\":150,\"status_code\":200,\"message\":\"Call logs fetched successfully\","
        "\"data\":[{\"id\":\"call_abc123def456\",\"source_number\":\"+919876543210\","
        "\"destination_number\":\"+911234567890\",\"call_type\":\"outbound\","
        "\"call_status\":\"completed\",\"creation_time\":\"2025-11-18T10:30:00.000Z\","
        "\"start_time\":\"2025-11-18T10:30:05.000Z\",\"end_time\":\"2025-11-18T10:35:30.000Z\","
        "\"call_duration\":\"0:05:25\",\"end_reason\":\"customer-ended-call\",\"bridge\":1},"
        "{\"source_number\":\"+911234567890\",\"destination_number\":\"+919876543210\","
        "\"call_type\":\"outbound\",\"call_status\":\"completed\",\"creation_time\":"
        "\"2026-02-07T05:57:00Z\",\"start_time\":\"2026-02-07T05:57:45Z\",\"end_time\":"
        "\"2026-02-07T06:01:12Z\",\"call_duration\":207,\"end_reason\":\"caller_hangup\"},"
        "{\"call_type\":\"inbound\",\"call_status\":\"missed\",\"creation_time\":"
        "\"2026-02-07T06:00:00Z\",\"start_time\":null,\"end_time\":null,\"call_duration\":"
        "\"1:02:03\"},{\"call_status\":\"failed\",\"call_duration\":\"5 minutes\"}]}";
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    fake.forbid_time_parse = 0;
    checked = 0;
    assert_int_equal(
        parse_body(endpoint("call-logs"), &org_query, 1, body, strlen(body), &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 4);
    expect_text(0, "call_id", "call_abc123def456");
    expect_text(0, "source_number", "+919876543210");
    expect_text(0, "destination_number", "+911234567890");
    expect_text(0, "call_type", "outbound");
    expect_text(0, "call_status", "completed");
    expect_int(0, "created_at", 1763461800);
    expect_int(0, "started_at", 1763461805);
    expect_int(0, "ended_at", 1763462130);
    expect_int(0, "duration_s", 325); /* "0:05:25" */
    expect_text(0, "end_reason", "customer-ended-call");
    expect_all_checked();
    expect_int(1, "duration_s", 207); /* integer seconds */
    expect_null(1, "call_id");
    expect_null(2, "started_at");
    expect_int(2, "duration_s", 3723); /* "1:02:03" */
    expect_null(3, "duration_s");      /* not a duration: NULL, warned */
    assert_int_equal(fake.nwarn, 1);
    expect_contains(fake.last_warn, "call_duration");
    /* count 150 in pages of 100: 2 pages, fetched at once. */
    assert_int_equal(info.total_pages, 2);
    assert_int_equal(info.total_rows, 150);
    assert_int_equal(info.has_more, 1);
}

/* A raw control character inside a string (JSON forbids it) costs nothing:
 * escaped, the page decoded again, every row kept, the repair counted. */
static void
raw_control_characters_are_escaped_and_counted(void **state)
{
    (void)state;
    /* A raw newline (jansson's "unexpected newline"), a raw NUL (U+FFFD: text
     * cannot hold it) and an escape that was already right. */
    static const char body[] = "{\"count\":2,\"data\":[{\"id\":\"c1\",\"end_reason\":"
                               "\"line\nbreak\\u0041\"},{\"id\":\"c2\",\"call_status\":\"a\0b\"}]}";
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    fake.forbid_time_parse = 0;
    or_status st =
        parse_body(endpoint("call-logs"), &org_query, 1, body, sizeof(body) - 1, &info, err);
    if (st != OR_OK) {
        fail_msg("%s", err);
    }
    assert_int_equal(fake.rows.nrows, 2);
    expect_text(0, "end_reason", "line\nbreakA");
    expect_text(1, "call_id", "c2");
    expect_text(1, "call_status",
                "a\xef\xbf\xbd"
                "b");
    assert_int_equal(fake.repaired[OR_REPAIR_CONTROL_CHARS], 2);
}

static void
call_logs_request_the_period_and_filters(void **state)
{
    (void)state;
    static const struct or_param_value p[] = {
        {"call_type", "outbound"}, {"call_status", "completed"}, {"page_size", "50"}};
    struct or_query q = {.tz = "Europe/Berlin",
                         .period_start = 1794783600, /* 2026-11-16 00:00 Berlin */
                         .period_end = 1795388400,
                         .params = fake_params(p, ARRAY_LEN(p)),
                         .nparams = ARRAY_LEN(p)};
    char err[OR_ERR_SIZE];
    assert_int_equal(build(endpoint("call-logs"), &q, 3, err), OR_OK);
    assert_string_equal(fake.req.method, "GET");
    assert_string_equal(fake.req.path, "/api/v2/platform/call-logs/");
    expect_query("page", "3");
    expect_query("page_size", "50");
    expect_query("start_date", "2026-11-15T23:00:00.000Z");
    expect_query("end_date", "2026-11-22T22:59:59.999Z");
    expect_query("call_type", "outbound");
    expect_query("call_status", "completed");
    expect_header("Org-Handle", "recalll.co", 0);
    expect_header("Authorization", "Token " TEST_TOKEN, 1);
    static const struct or_param_value big[] = {{"page_size", "500"}};
    q.params = fake_params(big, 1);
    q.nparams = 1;
    assert_int_equal(endpoint("call-logs")->check_query(&fake_host, &q, err, sizeof(err)),
                     OR_ERR_INVALID);
    expect_contains(err, "page_size");
}

static void
space_names_come_from_config_else_from_the_spaces_list(void **state)
{
    (void)state;
    static const char nested[] = "{\"data\":{\"call_analytics\":{\"total_calls\":1}}}";
    char err[OR_ERR_SIZE];
    const struct or_endpoint *spaces = endpoint("spaces");
    static const struct or_value rows[][5] = {
        {{.type = OR_TYPE_TEXT, .s = DOC_SPACE, .len = 24},
         {.type = OR_TYPE_TEXT, .s = "Sales Outreach Q1", .len = 17},
         {.is_null = 1},
         {.is_null = 1},
         {.is_null = 1}},
    };
    static const struct or_value *const ptrs[] = {rows[0]};
    struct or_lookup lk = {
        .ncols = spaces->ncolumns, .columns = spaces->columns, .nrows = 1, .rows = ptrs};
    struct or_query q = space_query(DOC_SPACE);
    q.lookup = &lk;
    assert_int_equal(parse_text(&q, nested, err), OR_OK);
    expect_text(0, "space_name", "Sales Outreach Q1"); /* the API's name */
    /* The config's name wins, and only the named token gets it. */
    fake_set_config("space_names", " OTHER=Nope , " DOC_SPACE " = North team (Berlin) ");
    assert_int_equal(parse_text(&q, nested, err), OR_OK);
    expect_text(1, "space_name", "North team (Berlin)");
    struct or_query other = space_query("SPACE2");
    assert_int_equal(parse_text(&other, nested, err), OR_OK);
    expect_null(2, "space_name");
    /* The spaces list is needed only for a space the config does not name. */
    static const struct or_param_value one[] = {{"space_token", DOC_SPACE}};
    struct or_query named = {.tz = "UTC", .params = fake_params(one, 1), .nparams = 1};
    assert_int_equal(analytics()->lookup_needed(&fake_host, &named), OR_ERR_NOT_FOUND);
    static const struct or_param_value two[] = {{"space_token", DOC_SPACE ",SPACE2"}};
    named.params = fake_params(two, 1);
    assert_int_equal(analytics()->lookup_needed(&fake_host, &named), OR_OK);
    /* The whole organisation has no space to name. */
    assert_int_equal(analytics()->lookup_needed(&fake_host, &org_query), OR_ERR_NOT_FOUND);
    /* The list itself. */
    static const char list[] =
        "{\"count\":1,\"status_code\":200,\"data\":[{\"id\":\"sp_001\",\"name\":\"Sales Outreach "
        "Q1\",\"token\":\"8KZAMRAHSXXXXXXMAYNASMJC\",\"agent_handle\":\"space-agent-8q\","
        "\"created_at\":\"2026-01-10T08:00:00Z\"}]}";
    struct or_page_info info;
    fake.forbid_time_parse = 0;
    fake_reset_io();
    assert_int_equal(parse_body(spaces, &org_query, 1, list, strlen(list), &info, err), OR_OK);
    expect_text(0, "space_token", "8KZAMRAHSXXXXXXMAYNASMJC");
    expect_text(0, "name", "Sales Outreach Q1");
    expect_text(0, "space_id", "sp_001");
    expect_int(0, "created_at", 1768032000);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fake_teardown)
        T(descriptor_is_an_unpod_provider),
        T(only_the_entry_symbol_is_exported),
        T(agent_calls_schema_matches_design_column_for_column),
        T(documented_example_maps_every_agent_calls_column),
        T(space_token_instance_fills_column_and_query),
        T(no_space_tokens_means_one_org_wide_row_with_null_token),
        T(config_space_tokens_give_one_instance_each),
        T(param_space_token_wins_over_config),
        T(invalid_space_token_is_refused),
        T(headers_are_org_handle_product_id_and_token_authorization),
        T(product_id_defaults_to_unpod_dev),
        T(missing_org_handle_is_a_clear_error),
        T(missing_base_url_is_a_clear_error),
        T(jwt_header_is_secret),
        T(status_code_not_200_in_body_is_an_error_with_vendor_message),
        T(vendor_messages_are_extracted_from_400_401_404_bodies),
        T(missing_fields_and_nulls_become_null),
        T(numeric_strings_are_numbers),
        T(wrong_types_become_null_with_one_warning),
        T(huge_numbers_become_null_and_the_rest_is_kept),
        T(malformed_json_is_a_parse_error),
        T(flat_shape_maps_its_columns_and_derives_the_success_rate),
        T(unknown_analytics_shape_is_an_error_listing_its_keys),
        T(auth_scheme_is_configurable_and_a_refusal_says_how_to_switch),
        T(call_logs_read_both_duration_forms_and_page_by_count),
        T(raw_control_characters_are_escaped_and_counted),
        T(call_logs_request_the_period_and_filters),
        T(space_names_come_from_config_else_from_the_spaces_list),
#undef T
    };
    return cmocka_run_group_tests_name("provider_unpod", tests, load_plugin, fake_group_teardown);
}

/* SPDX-License-Identifier: MIT */
/*
 * Tests of the salesfinity provider plugin through its ABI only: the real
 * provider_salesfinity.so is dlopen()ed from $OUTREPORT_PLUGIN_PATH and
 * driven with the fake host of fake_provider_host.h, which records requests,
 * stores the typed cells of each row and checks the plugin keeps the sink's
 * contract (setters inside a row, the setter matching the column type, bools
 * 0/1).
 *
 * Fixtures are read from tests/fixtures/salesfinity (see its README.md),
 * found via $OR_FIXTURES_DIR, $OR_SOURCE_ROOT, next to the fake host's
 * source, or by walking up from the working directory.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "fake_provider_host.h"
#include "outreport/plugin.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define TEST_KEY "sf-test-key-3f9a"

/* ------------------------------------------------------------------------- */
/* Plugin and fixtures: the fake host is tests/fake_provider_host.c          */
/* ------------------------------------------------------------------------- */

static int
load_plugin(void **state)
{
    (void)state;
    return fake_plugin_load("salesfinity");
}

static int
setup(void **state)
{
    (void)state;
    fake_reset();
    setenv("SALESFINITY_API_KEY", TEST_KEY, 1);
    return 0;
}

static const struct or_query plain_query = {.tz = "UTC"};
/* A week, as the analytics endpoints need one (they always send both dates). */
static const struct or_query week_query = {
    .tz = "UTC", .first_day = "2026-11-16", .last_day = "2026-11-22"};

/* ------------------------------------------------------------------------- */
/* Descriptor and schema                                                      */
/* ------------------------------------------------------------------------- */

static void
descriptor_is_a_salesfinity_provider(void **state)
{
    (void)state;
    assert_int_equal(plugin->abi_major, OR_ABI_MAJOR);
    assert_int_equal(plugin->abi_minor, OR_ABI_MINOR);
    assert_int_equal(plugin->kind, OR_PLUGIN_PROVIDER);
    assert_string_equal(plugin->name, "salesfinity");
    assert_non_null(plugin->version);
    assert_non_null(plugin->description);
    assert_null(plugin->renderer);
    assert_non_null(plugin->provider);
    assert_string_equal(plugin->provider->default_base_url, "https://client-api.salesfinity.co");
    assert_int_equal(plugin->provider->nendpoints, 4);
    const char *names[] = {"call-log", "list-performance", "sdr-performance"};
    const char *tables[] = {"calls", "list_performance", "rep_performance"};
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        const struct or_endpoint *ep = endpoint(names[i]);
        assert_string_equal(ep->table, tables[i]);
        assert_int_equal(ep->paging, OR_PAGING_PAGES);
        assert_false(ep->dynamic_columns);
        assert_non_null(ep->build_request);
        assert_non_null(ep->parse_page);
        assert_non_null(ep->check_query);
        assert_non_null(ep->error_message);
        assert_null(ep->instances_key);
        assert_non_null(strstr(ep->auth_hint, "SALESFINITY_API_KEY"));
        for (size_t p = 0; p < ep->nparams; p++) {
            assert_non_null(ep->params[p]->description);
            assert_int_equal(ep->params[p]->choices != NULL, ep->params[p]->type == OR_PARAM_ENUM);
        }
    }
    /* The account's dispositions: one response, and call-log's lookup. */
    const struct or_endpoint *d = endpoint("dispositions");
    assert_string_equal(d->table, "dispositions");
    assert_int_equal(d->paging, OR_PAGING_NONE);
    assert_ptr_equal(endpoint("call-log")->lookup, d);
    assert_non_null(strstr(endpoint("call-log")->lookup_fallback, "built-in map"));
    assert_null(d->lookup);
    assert_int_equal(endpoint("call-log")->cumulative, OR_CUMULATIVE_NONE);
}

static void
only_the_entry_symbol_is_exported(void **state)
{
    (void)state;
    assert_null(dlsym(plugin_handle, "sf_call_log_build"));
    assert_null(dlsym(plugin_handle, "sf_calls_columns"));
    assert_null(dlsym(plugin_handle, "sf_error_message"));
    assert_non_null(dlsym(plugin_handle, OR_PLUGIN_ENTRY_NAME));
}

static void
calls_schema_matches_design_column_for_column(void **state)
{
    (void)state;
    static const struct want_column want[] = {
        {"id", OR_TYPE_TEXT},
        {"call_id", OR_TYPE_TEXT},
        {"started_at", OR_TYPE_TIME},
        {"ended_at", OR_TYPE_TIME},
        {"created_at", OR_TYPE_TIME},
        {"updated_at", OR_TYPE_TIME},
        {"duration_s", OR_TYPE_INT},
        {"outcome", OR_TYPE_TEXT},
        {"direction", OR_TYPE_TEXT},
        {"answered_by", OR_TYPE_TEXT},
        {"is_completed", OR_TYPE_BOOL},
        {"disposition_id", OR_TYPE_INT},
        {"disposition", OR_TYPE_TEXT},
        {"disposition_key", OR_TYPE_TEXT},
        {"rep_id", OR_TYPE_TEXT},
        {"rep_name", OR_TYPE_TEXT},
        {"rep_email", OR_TYPE_TEXT},
        {"contact_name", OR_TYPE_TEXT},
        {"contact_company", OR_TYPE_TEXT},
        {"contact_email", OR_TYPE_TEXT},
        {"contact_title", OR_TYPE_TEXT},
        {"list_id", OR_TYPE_TEXT},
        {"list_name", OR_TYPE_TEXT},
        {"from_number", OR_TYPE_TEXT},
        {"to_number", OR_TYPE_TEXT},
        {"recording_url", OR_TYPE_TEXT},
        {"has_recording", OR_TYPE_BOOL},
        {"notes", OR_TYPE_TEXT},
        {"summary", OR_TYPE_TEXT},
        {"transcription", OR_TYPE_TEXT},
        {"disposition_category", OR_TYPE_TEXT},
        {"is_connected", OR_TYPE_BOOL},
        {"is_conversation", OR_TYPE_BOOL},
        {"is_meeting", OR_TYPE_BOOL},
    };
    expect_schema(endpoint("call-log"), want, ARRAY_LEN(want));
}

static void
list_performance_schema_matches_design_column_for_column(void **state)
{
    (void)state;
    static const struct want_column want[] = {
        {"list_id", OR_TYPE_TEXT},        {"list_name", OR_TYPE_TEXT},
        {"list_source", OR_TYPE_TEXT},    {"total_calls", OR_TYPE_INT},
        {"connected_calls", OR_TYPE_INT}, {"conversations", OR_TYPE_INT},
        {"meetings_set", OR_TYPE_INT},    {"good_quality_contacts", OR_TYPE_INT},
        {"data_quality", OR_TYPE_REAL},   {"owner_id", OR_TYPE_TEXT},
        {"owner_name", OR_TYPE_TEXT},     {"owner_email", OR_TYPE_TEXT},
    };
    expect_schema(endpoint("list-performance"), want, ARRAY_LEN(want));
}

/* ------------------------------------------------------------------------- */
/* call-log parsing                                                           */
/* ------------------------------------------------------------------------- */

static void
documented_example_maps_every_calls_column(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    checked = 0;
    assert_int_equal(parse_fixture(endpoint("call-log"), &plain_query, 1,
                                   "call_log_documented.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_text(0, "id", "507f1f77bcf86cd799439011");
    expect_text(0, "call_id", "call_abc123");
    expect_int(0, "started_at", 1705329000); /* 2024-01-15T14:30:00.000Z */
    expect_int(0, "ended_at", 1705329180);   /* 2024-01-15T14:33:00.000Z */
    expect_int(0, "created_at", 1705329180);
    expect_int(0, "updated_at", 1705329180);
    expect_int(0, "duration_s", 180);
    expect_text(0, "outcome", "answered");
    expect_text(0, "direction", "outbound");
    expect_text(0, "answered_by", "human");
    expect_int(0, "is_completed", 1);
    expect_int(0, "disposition_id", 1);
    expect_text(0, "disposition", "Meeting Set");
    expect_text(0, "disposition_key", "meeting_set");
    expect_text(0, "rep_id", "507f1f77bcf86cd799439033");
    expect_text(0, "rep_name", "Jane Smith");
    expect_text(0, "rep_email", "jane.smith@salesfinity.example");
    expect_text(0, "contact_name", "John Doe");
    expect_text(0, "contact_company", "Acme Corp");
    expect_text(0, "contact_email", "john.doe@acme.example");
    expect_text(0, "contact_title", "VP of Sales");
    expect_text(0, "list_id", "507f1f77bcf86cd799439022");
    expect_text(0, "list_name", "Q1 Prospects");
    expect_text(0, "from_number", "+1987654321");
    expect_text(0, "to_number", "+1234567890");
    expect_text(0, "recording_url", "https://recordings.example.com/call_abc123.mp3");
    expect_int(0, "has_recording", 1);
    expect_text(0, "notes", "Great conversation, follow up next week");
    expect_null(0, "summary");       /* not in the documented example */
    expect_null(0, "transcription"); /* not in the documented example */
    /* A human answered, Meeting Set (1, positive by the built-in map), 180 s. */
    expect_text(0, "disposition_category", "positive");
    expect_int(0, "is_connected", 1);
    expect_int(0, "is_conversation", 1);
    expect_int(0, "is_meeting", 1);
    expect_all_checked();
    assert_int_equal(fake.nwarn, 0);
}

static void
expect_call_row_all_null(size_t row)
{
    const struct or_endpoint *ep = fake.rows.ep;
    for (size_t col = 0; col < ep->ncolumns; col++) {
        const char *name = ep->columns[col]->name;
        if (strcmp(name, "has_recording") == 0 || strcmp(name, "is_connected") == 0 ||
            strcmp(name, "is_conversation") == 0 || strcmp(name, "is_meeting") == 0) {
            /* Known false: no recording, no disposition, nobody answered. */
            expect_int(row, name, 0);
        }
        else {
            expect_null(row, ep->columns[col]->name);
        }
    }
}

static void
missing_null_empty_object_and_empty_string_become_null(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(endpoint("call-log"), &plain_query, 1,
                                   "call_log_empty_values.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 4);
    for (size_t row = 0; row < 4; row++) {
        expect_call_row_all_null(row);
    }
    /* Absence is not a type error: nothing to warn about. */
    assert_int_equal(fake.nwarn, 0);
}

static void
schema_example_empty_objects_become_null(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(endpoint("call-log"), &plain_query, 123,
                                   "call_log_schema_example.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_null(0, "contact_name"); /* "contact": {} */
    expect_null(0, "contact_company");
    expect_null(0, "contact_email");
    expect_null(0, "contact_title");
    expect_null(0, "list_id"); /* "contact_list": {} */
    expect_null(0, "list_name");
    expect_text(0, "rep_name", "<string> <string>");
    expect_text(0, "transcription", "<string>");
    expect_text(0, "summary", "<string>");
    expect_int(0, "duration_s", 123);
    expect_int(0, "disposition_id", 123);
    expect_int(0, "started_at", 1699335116); /* 2023-11-07T05:31:56Z */
    expect_int(0, "has_recording", 1);
    assert_int_equal(fake.nwarn, 0);
    assert_int_equal(info.total_pages, 123);
    assert_int_equal(info.has_more, 0);
}

static void
wrong_types_become_null_without_crash(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(endpoint("call-log"), &plain_query, 4,
                                   "call_log_wrong_types.json", &info, err),
                     OR_OK);
    /* The string element of data[] is skipped; the four objects are rows. */
    assert_int_equal(fake.rows.nrows, 4);

    expect_text(0, "id", "wrong-1");
    const char *null_in_row0[] = {
        "call_id",      "outcome",         "direction",      "duration_s",    "is_completed",
        "started_at",   "ended_at",        "disposition_id", "disposition",   "disposition_key",
        "contact_name", "contact_company", "contact_email",  "list_id",       "list_name",
        "rep_id",       "rep_name",        "rep_email",      "recording_url", "notes",
        "summary",      "transcription",
    };
    for (size_t i = 0; i < ARRAY_LEN(null_in_row0); i++) {
        expect_null(0, null_in_row0[i]);
    }
    expect_int(0, "has_recording", 0); /* recording_url 5 is not a URL */

    expect_int(1, "duration_s", 180); /* "180" accepted */
    expect_int(1, "is_completed", 1); /* 1 accepted */
    expect_null(1, "disposition_id"); /* "four" */
    expect_text(1, "disposition_key", "4");
    expect_null(1, "disposition"); /* ["x"] */
    expect_text(1, "rep_id", "17");
    expect_text(1, "rep_name", "Smith"); /* first_name 5 ignored */
    expect_null(1, "rep_email");         /* 99 */
    expect_text(1, "contact_name", "Ann");
    expect_null(1, "contact_company");
    expect_null(1, "contact_email");
    expect_text(1, "to_number", "15551234567");

    expect_int(2, "duration_s", 180); /* 179.6 rounded */
    expect_int(2, "is_completed", 0); /* "false" */
    expect_int(2, "disposition_id", 4);
    expect_text(2, "rep_name", "Jane"); /* trimmed, no trailing space */

    expect_null(3, "duration_s");   /* 1e300 does not fit */
    expect_null(3, "is_completed"); /* 2 is not a boolean */

    /* One warning for the page, naming the fields, not one per row. */
    assert_int_equal(fake.nwarn, 1);
    assert_non_null(strstr(fake.last_warn, "page 4"));
    assert_non_null(strstr(fake.last_warn, "duration"));
    assert_non_null(strstr(fake.last_warn, "user"));
    assert_non_null(strstr(fake.last_warn, "is_completed"));
    assert_non_null(strstr(fake.last_warn, "data[]"));
}

static void
huge_string_field_is_kept_whole(void **state)
{
    (void)state;
    const size_t n = (size_t)1 << 20;
    char *text = malloc(n + 1);
    assert_non_null(text);
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz 0123456789.,"
                                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (size_t i = 0; i < n; i++) {
        text[i] = alphabet[(i * 7 + i / 1000) % (sizeof(alphabet) - 1)];
    }
    memcpy(text + n - 4, "\xc3\xa9nd", 4); /* multi-byte UTF-8 at the very end */
    text[n] = '\0';
    size_t cap = n + 256;
    char *body = malloc(cap);
    assert_non_null(body);
    int len = snprintf(body, cap,
                       "{\"data\":[{\"_id\":\"big\",\"transcription\":\"%s\"}],"
                       "\"pagination\":{\"total\":1,\"page\":1,\"limit\":100,\"pages\":1}}",
                       text);
    assert_true(len > 0 && (size_t)len < cap);

    struct or_page_info info;
    char err[OR_ERR_SIZE];
    or_status st = parse_body(endpoint("call-log"), &plain_query, 1, body, (size_t)len, &info, err);
    assert_int_equal(st, OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    const struct fake_cell *c = cell_at(0, "transcription");
    assert_true(c->set);
    assert_int_equal(c->len, n);
    assert_memory_equal(c->s, text, n);
    free(body);
    free(text);
}

/* ------------------------------------------------------------------------- */
/* call-log paging and malformed bodies                                       */
/* ------------------------------------------------------------------------- */

static void
pagination_gives_total_pages_for_concurrent_fetch(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("call-log");
    assert_int_equal(ep->paging, OR_PAGING_PAGES);
    struct or_page_info info;
    char err[OR_ERR_SIZE];

    assert_int_equal(parse_fixture(ep, &plain_query, 1, "call_log_documented.json", &info, err),
                     OR_OK);
    assert_int_equal(info.total_pages, 15);
    assert_int_equal(info.total_rows, 150);
    assert_int_equal(info.page, 1);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 2);

    fake_reset();
    assert_int_equal(parse_fixture(ep, &plain_query, 15, "call_log_last_page.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    assert_int_equal(info.total_pages, 15);
    assert_int_equal(info.total_rows, 1402);
    assert_int_equal(info.page, 15);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);

    /* No "pages": derived from total and limit. */
    fake_reset();
    static const char derived[] =
        "{\"data\":[],\"pagination\":{\"total\":201,\"page\":1,\"limit\":100}}";
    assert_int_equal(parse_body(ep, &plain_query, 1, derived, strlen(derived), &info, err), OR_OK);
    assert_int_equal(info.total_pages, 3);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 2);

    /* An empty result: zero pages, nothing more. */
    fake_reset();
    static const char empty[] =
        "{\"data\":[],\"pagination\":{\"total\":0,\"page\":1,\"limit\":100,\"pages\":0}}";
    assert_int_equal(parse_body(ep, &plain_query, 1, empty, strlen(empty), &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 0);
    assert_int_equal(info.total_pages, 0);
    assert_int_equal(info.total_rows, 0);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);
}

static void
malformed_json_is_parse_error_naming_page(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("call-log");
    struct or_page_info info;
    char err[OR_ERR_SIZE];

    assert_int_equal(parse_fixture(ep, &plain_query, 7, "call_log_truncated.json", &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "invalid JSON at line "));
    assert_non_null(strstr(err, " column "));
    assert_int_equal(fake.rows.nrows, 0);

    assert_int_equal(parse_fixture(ep, &plain_query, 2, "call_log_no_data.json", &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "\"data\""));

    assert_int_equal(parse_fixture(ep, &plain_query, 3, "call_log_no_pagination.json", &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "pagination"));

    static const char not_array[] = "{\"data\":{\"_id\":\"x\"},\"pagination\":{}}";
    assert_int_equal(parse_body(ep, &plain_query, 4, not_array, strlen(not_array), &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "\"data\" is not an array"));

    assert_int_equal(parse_body(ep, &plain_query, 5, "[1,2]", 5, &info, err), OR_ERR_PARSE);
    assert_non_null(strstr(err, "response is not a JSON object"));

    assert_int_equal(parse_body(ep, &plain_query, 6, "", 0, &info, err), OR_ERR_PARSE);

    static const char trailing[] = "{\"data\":[],\"pagination\":{\"pages\":1}} garbage";
    assert_int_equal(parse_body(ep, &plain_query, 8, trailing, strlen(trailing), &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "invalid JSON"));
    assert_int_equal(fake.rows.nrows, 0);
}

static void
non_utf8_body_is_rejected_cleanly(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("call-log");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(ep, &plain_query, 9, "call_log_non_utf8.json", &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "invalid JSON"));
    assert_int_equal(fake.rows.nrows, 0);

    /* An escaped NUL is legal JSON: the row is kept, the NUL (which would
     * cut the text short downstream) becomes U+FFFD, with a warning. */
    static const char nul[] = "{\"data\":[{\"notes\":\"a\\u0000b\"}],\"pagination\":{}}";
    assert_int_equal(parse_body(ep, &plain_query, 10, nul, strlen(nul), &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_text(0, "notes",
                "a\xef\xbf\xbd"
                "b");
    assert_non_null(strstr(fake.last_warn, "\\u0000"));
    fake_reset();

    /* A raw NUL byte inside the body. */
    static const char raw[] = "{\"data\":[],\"pagi\0nation\":{}}";
    assert_int_equal(parse_body(ep, &plain_query, 11, raw, sizeof(raw) - 1, &info, err),
                     OR_ERR_PARSE);
    assert_int_equal(fake.rows.nrows, 0);
}

/* ------------------------------------------------------------------------- */
/* call-log requests                                                          */
/* ------------------------------------------------------------------------- */

static void
request_has_path_paging_and_default_sort(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    assert_int_equal(build(endpoint("call-log"), &plain_query, 3, err), OR_OK);
    assert_int_equal(fake.req.nset, 1);
    assert_string_equal(fake.req.method, "GET");
    assert_string_equal(fake.req.path, "/v1/call-log");
    expect_query("limit", "100");
    expect_query("page", "3");
    expect_query("sort", "-createdAt");
    assert_int_equal(fake.req.nquery, 3); /* no period, no filters */
    assert_null(fake.req.body);

    fake_reset();
    static const struct or_param_value p[] = {{"sort", "started_at"}, {"limit", "25"}};
    struct or_query q = {
        .tz = "UTC", .params = fake_params(p, ARRAY_LEN(p)), .nparams = ARRAY_LEN(p)};
    assert_int_equal(build(endpoint("call-log"), &q, 1, err), OR_OK);
    expect_query("sort", "started_at");
    expect_query("limit", "25");
}

static void
array_filters_become_repeated_bracket_params(void **state)
{
    (void)state;
    static const struct or_param_value p[] = {
        {"disposition_ids", "1,4"},
        {"user_ids", " u1 , u2,,"},
        {"sequences", "seq_12345,seq_67890"},
        {"from", "+1987654321"},
        {"has_recording", "1"},
        {"is_completed", "FALSE"},
        {"exclude_negative_dispositions", "yes"},
        {"outcome", "answered"},
        {"answered_by", "machine_start"},
        {"min_duration", "60"},
        {"search", "Acme Corp"},
    };
    struct or_query q = {
        .tz = "UTC", .params = fake_params(p, ARRAY_LEN(p)), .nparams = ARRAY_LEN(p)};
    char err[OR_ERR_SIZE];
    assert_int_equal(build(endpoint("call-log"), &q, 1, err), OR_OK);

    assert_int_equal(query_count("filters[disposition_ids][]"), 2);
    assert_string_equal(query_value("filters[disposition_ids][]", 0), "1");
    assert_string_equal(query_value("filters[disposition_ids][]", 1), "4");
    assert_int_equal(query_count("filters[user_ids][]"), 2);
    assert_string_equal(query_value("filters[user_ids][]", 0), "u1");
    assert_string_equal(query_value("filters[user_ids][]", 1), "u2");
    assert_int_equal(query_count("filters[sequences][]"), 2);
    assert_string_equal(query_value("filters[sequences][]", 1), "seq_67890");
    assert_int_equal(query_count("filters[from][]"), 1);
    assert_string_equal(query_value("filters[from][]", 0), "+1987654321");
    expect_query("filters[has_recording]", "true");
    expect_query("filters[is_completed]", "false");
    expect_query("filters[exclude_negative_dispositions]", "true");
    expect_query("filters[outcome]", "answered");
    expect_query("filters[answered_by]", "machine_start");
    expect_query("filters[min_duration]", "60");
    expect_query("filters[search]", "Acme Corp");
    /* Lists never go out unbracketed or comma-joined. */
    assert_int_equal(query_count("filters[disposition_ids]"), 0);
    assert_int_equal(query_count("disposition_ids"), 0);
    assert_int_equal(query_count("filters[limit]"), 0);
    assert_int_equal(query_count("filters[sort]"), 0);
}

static void
period_becomes_utc_start_and_end_filters(void **state)
{
    (void)state;
    /* A far-off zone proves the plugin does not use the C library's zone. */
    setenv("TZ", "Pacific/Kiritimati", 1);
    tzset();
    char err[OR_ERR_SIZE];
    struct or_query q = {.tz = "UTC",
                         .period_start = 1794787200, /* 2026-11-16T00:00:00Z */
                         .period_end = 1795392000};  /* 2026-11-23T00:00:00Z */
    assert_int_equal(build(endpoint("call-log"), &q, 1, err), OR_OK);
    expect_query("filters[start_date]", "2026-11-16T00:00:00.000Z");
    expect_query("filters[end_date]", "2026-11-22T23:59:59.999Z");

    /* Midnight in Berlin, a leap day, and a pre-1970 end. */
    fake_reset();
    struct or_query berlin = {.tz = "Europe/Berlin",
                              .period_start = 1794783600, /* 2026-11-15T23:00:00Z */
                              .period_end = 1709210096};  /* 2024-02-29T12:34:56Z */
    assert_int_equal(build(endpoint("call-log"), &berlin, 1, err), OR_OK);
    expect_query("filters[start_date]", "2026-11-15T23:00:00.000Z");
    expect_query("filters[end_date]", "2024-02-29T12:34:55.999Z");

    fake_reset();
    struct or_query old = {.tz = "UTC", .period_start = -86400, .period_end = 1};
    assert_int_equal(build(endpoint("call-log"), &old, 1, err), OR_OK);
    expect_query("filters[start_date]", "1969-12-31T00:00:00.000Z");
    expect_query("filters[end_date]", "1970-01-01T00:00:00.999Z");

    /* Explicit parameters win over the period. */
    fake_reset();
    static const struct or_param_value p[] = {{"start_date", "2026-01-01"},
                                              {"end_date", "2026-01-31T23:59:59-05:00"}};
    q.params = fake_params(p, ARRAY_LEN(p));
    q.nparams = ARRAY_LEN(p);
    assert_int_equal(build(endpoint("call-log"), &q, 1, err), OR_OK);
    expect_query("filters[start_date]", "2026-01-01");
    expect_query("filters[end_date]", "2026-01-31T23:59:59-05:00");

    /* No period, no parameters: no date filters at all. */
    fake_reset();
    assert_int_equal(build(endpoint("call-log"), &plain_query, 1, err), OR_OK);
    assert_int_equal(query_count("filters[start_date]"), 0);
    assert_int_equal(query_count("filters[end_date]"), 0);
    unsetenv("TZ");
    tzset();
}

static void
api_key_header_is_marked_secret(void **state)
{
    (void)state;
    const char *names[] = {"call-log", "list-performance", "sdr-performance", "dispositions"};
    for (size_t e = 0; e < ARRAY_LEN(names); e++) {
        fake_reset();
        setenv("SALESFINITY_API_KEY", TEST_KEY, 1);
        char err[OR_ERR_SIZE];
        assert_int_equal(build(endpoint(names[e]), &week_query, 1, err), OR_OK);
        int found = 0;
        for (size_t i = 0; i < fake.req.nheader; i++) {
            if (strcmp(fake.req.hname[i], "x-api-key") == 0) {
                found++;
                assert_string_equal(fake.req.hval[i], TEST_KEY);
                assert_int_equal(fake.req.hsecret[i], 1);
            }
            else {
                assert_null(strstr(fake.req.hval[i], TEST_KEY));
            }
        }
        assert_int_equal(found, 1);
        for (size_t i = 0; i < fake.req.nquery; i++) {
            assert_null(strstr(fake.req.qval[i], TEST_KEY));
        }

        /* No key: OR_ERR_AUTH with the host's message naming the variable. */
        fake_reset();
        unsetenv("SALESFINITY_API_KEY");
        assert_int_equal(build(endpoint(names[e]), &week_query, 1, err), OR_ERR_AUTH);
        assert_non_null(strstr(err, "SALESFINITY_API_KEY"));
        assert_int_equal(fake.req.nheader, 0);
    }
}

static void
expect_invalid(const struct or_endpoint *ep, const char *name, const char *value, const char *named)
{
    struct or_param_value p[] = {{name, value}};
    struct or_query q = {.tz = "UTC",
                         .params = fake_params(p, 1),
                         .nparams = 1,
                         .first_day = "2026-11-16",
                         .last_day = "2026-11-22"};
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(ep->check_query(&fake_host, &q, err, sizeof(err)), OR_ERR_INVALID);
    if (strstr(err, named) == NULL) {
        fail_msg("%s=%s: message \"%s\" does not name %s", name, value, err, named);
    }
    /* build_request refuses it too, before building anything. */
    fake_reset();
    err[0] = '\0';
    assert_int_equal(build(ep, &q, 1, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, named));
    assert_int_equal(fake.req.nset, 0);
    assert_int_equal(fake.req.nquery, 0);
}

static void
expect_valid(const struct or_endpoint *ep, const struct or_param_value *p, size_t n)
{
    struct or_query q = {.tz = "UTC",
                         .params = fake_params(p, n),
                         .nparams = n,
                         .first_day = "2026-11-16",
                         .last_day = "2026-11-22"};
    char err[OR_ERR_SIZE] = "";
    or_status st = ep->check_query(&fake_host, &q, err, sizeof(err));
    if (st != OR_OK) {
        fail_msg("%s=%s refused: %s", p[0].name, p[0].value, err);
    }
}

static void
limit_out_of_range_is_rejected_naming_limit(void **state)
{
    (void)state;
    const char *names[] = {"call-log", "list-performance", "sdr-performance"};
    for (size_t e = 0; e < ARRAY_LEN(names); e++) {
        const struct or_endpoint *ep = endpoint(names[e]);
        expect_invalid(ep, "limit", "0", "limit");
        expect_invalid(ep, "limit", "101", "limit");
        expect_invalid(ep, "limit", "-5", "limit");
        expect_invalid(ep, "limit", "ten", "limit");
        static const struct or_param_value one[] = {{"limit", "1"}};
        static const struct or_param_value hundred[] = {{"limit", "100"}};
        expect_valid(ep, one, 1);
        expect_valid(ep, hundred, 1);
    }
    const struct or_endpoint *calls = endpoint("call-log");
    expect_invalid(calls, "min_duration", "-1", "min_duration");
    expect_invalid(calls, "max_duration", "-0.5", "max_duration");
    expect_invalid(calls, "has_recording", "maybe", "has_recording");

    static const struct or_param_value crossed[] = {{"min_duration", "90"}, {"max_duration", "60"}};
    struct or_query q = {.tz = "UTC", .params = fake_params(crossed, 2), .nparams = 2};
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(calls->check_query(&fake_host, &q, err, sizeof(err)), OR_ERR_INVALID);
    assert_non_null(strstr(err, "min_duration"));
    assert_non_null(strstr(err, "max_duration"));

    static const struct or_param_value fine[] = {{"min_duration", "0"}, {"max_duration", "60.5"}};
    expect_valid(calls, fine, 2);
}

/* ------------------------------------------------------------------------- */
/* list-performance                                                           */
/* ------------------------------------------------------------------------- */

static void
list_performance_maps_every_column(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    checked = 0;
    assert_int_equal(parse_fixture(endpoint("list-performance"), &plain_query, 1,
                                   "list_performance_page1.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_text(0, "list_id", "64d2b3f2c4e3a6b8f2d9e1b0");
    expect_text(0, "list_name", "Q1 Prospects");
    expect_text(0, "list_source", "csv");
    expect_int(0, "total_calls", 412);
    expect_int(0, "connected_calls", 97);
    expect_int(0, "conversations", 41);
    expect_int(0, "meetings_set", 6);
    expect_int(0, "good_quality_contacts", 380);
    expect_real(0, "data_quality", 0.92);
    expect_text(0, "owner_id", "64d2b3f2c4e3a6b8f2d9e1a7");
    expect_text(0, "owner_name", "Jane Smith");
    expect_text(0, "owner_email", "jane.smith@salesfinity.example");
    expect_all_checked();

    expect_text(1, "list_name", "CRM import");
    expect_null(1, "list_source");     /* "" */
    expect_int(1, "total_calls", 0);   /* a real zero stays zero */
    expect_null(1, "connected_calls"); /* null */
    expect_null(1, "conversations");   /* missing */
    expect_real(1, "data_quality", 1.0);
    expect_null(1, "owner_id"); /* owner {} */
    expect_null(1, "owner_name");
    expect_null(1, "owner_email");
    assert_int_equal(fake.nwarn, 0);

    /* The vendor's own example, verbatim. */
    fake_reset();
    assert_int_equal(parse_fixture(endpoint("list-performance"), &plain_query, 1,
                                   "list_performance_schema_example.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_real(0, "data_quality", 123.0);
    expect_text(0, "owner_name", "<string> <string>");
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 123);
}

static void
list_performance_next_null_means_last_page(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("list-performance");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(ep, &plain_query, 1, "list_performance_page1.json", &info, err),
                     OR_OK);
    assert_int_equal(info.total_rows, 250);
    assert_int_equal(info.total_pages, 3);
    assert_int_equal(info.page, 1);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 2);

    fake_reset();
    assert_int_equal(
        parse_fixture(ep, &plain_query, 3, "list_performance_last_page.json", &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    assert_int_equal(info.total_pages, 3);
    assert_int_equal(info.page, 3);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);

    /* next missing altogether is the last page too; no totalCount: unknown. */
    fake_reset();
    static const char bare[] = "{\"data\":[]}";
    assert_int_equal(parse_body(ep, &plain_query, 1, bare, strlen(bare), &info, err), OR_OK);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);
    assert_int_equal(info.total_pages, -1);

    static const char no_data[] = "{\"totalCount\":3}";
    assert_int_equal(parse_body(ep, &plain_query, 2, no_data, strlen(no_data), &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "\"data\""));
}

static void
list_performance_request_uses_local_days_and_zone(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("list-performance");
    static const struct or_param_value p[] = {
        {"user_ids", "64d2b3f2c4e3a6b8f2d9e1a7,64d2b3f2c4e3a6b8f2d9e1a8"},
        {"disposition_ids", "1,2,3"},
        {"search", "sales"},
    };
    struct or_query q = {.tz = "Europe/Berlin",
                         .period_start = 1794783600,
                         .period_end = 1795388400,
                         .first_day = "2026-11-16",
                         .last_day = "2026-11-22",
                         .params = fake_params(p, ARRAY_LEN(p)),
                         .nparams = ARRAY_LEN(p)};
    char err[OR_ERR_SIZE];
    assert_int_equal(build(ep, &q, 2, err), OR_OK);
    assert_string_equal(fake.req.method, "GET");
    assert_string_equal(fake.req.path, "/v1/analytics/list-performance");
    expect_query("page", "2");
    expect_query("limit", "100");
    expect_query("start_date", "2026-11-16");
    expect_query("end_date", "2026-11-22");
    expect_query("timezone", "Europe/Berlin");
    expect_query("search", "sales");
    assert_int_equal(query_count("user_ids[]"), 2);
    assert_string_equal(query_value("user_ids[]", 1), "64d2b3f2c4e3a6b8f2d9e1a8");
    assert_int_equal(query_count("disposition_ids[]"), 3);
    assert_string_equal(query_value("disposition_ids[]", 2), "3");
    assert_int_equal(query_count("filters[start_date]"), 0);

    fake_reset();
    static const struct or_param_value over[] = {
        {"start_date", "2026-01-01"}, {"timezone", "America/New_York"}, {"limit", "10"}};
    q.params = fake_params(over, ARRAY_LEN(over));
    q.nparams = ARRAY_LEN(over);
    assert_int_equal(build(ep, &q, 1, err), OR_OK);
    expect_query("start_date", "2026-01-01");
    expect_query("end_date", "2026-11-22");
    expect_query("timezone", "America/New_York");
    expect_query("limit", "10");
}

/* ------------------------------------------------------------------------- */
/* The vendor beyond its seed pages (issue 12)                                */
/* ------------------------------------------------------------------------- */

static void
list_and_rep_performance_always_send_both_dates(void **state)
{
    (void)state;
    const char *names[] = {"list-performance", "sdr-performance"};
    for (size_t e = 0; e < ARRAY_LEN(names); e++) {
        const struct or_endpoint *ep = endpoint(names[e]);
        char err[OR_ERR_SIZE] = "";
        /* No period and no dates: refused before anything is built, naming what to give. */
        fake_reset();
        assert_int_equal(ep->check_query(&fake_host, &plain_query, err, sizeof(err)),
                         OR_ERR_INVALID);
        assert_non_null(strstr(err, "--param start_date"));
        assert_non_null(strstr(err, "--period"));
        assert_int_equal(build(ep, &plain_query, 1, err), OR_ERR_INVALID);
        assert_int_equal(fake.req.nquery, 0);
        /* One date given, the other from the period. */
        fake_reset();
        static const struct or_param_value p[] = {{"end_date", "2026-11-20"}};
        struct or_query q = week_query;
        q.params = fake_params(p, 1);
        q.nparams = 1;
        assert_int_equal(build(ep, &q, 1, err), OR_OK);
        expect_query("start_date", "2026-11-16");
        expect_query("end_date", "2026-11-20");
        expect_query("timezone", "UTC");
    }
    assert_string_equal(fake.req.path, "/v1/analytics/sdr-performance");
}

static void
sdr_performance_maps_the_vendors_rep_totals(void **state)
{
    (void)state;
    static const char body[] =
        "{\"totalCount\":2,\"data\":[{\"_id\":\"64d2b3f2c4e3a6b8f2d9e1a7\",\"first_name\":\"Jane\","
        "\"last_name\":\"Smith\",\"email\":\"Jane.Smith@Salesfinity.example\",\"image\":null,"
        "\"total_calls\":120,\"connected_calls\":31,\"connection_rate\":0.2583,"
        "\"conversations\":22,\"conversation_rate\":0.1833,\"avg_dials_day\":24.5,"
        "\"total_duration\":5400,\"meetings_set\":\"3\",\"data_quality\":0.9}],"
        "\"page\":1,\"limit\":1,\"next\":2,\"prev\":null}";
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    checked = 0;
    assert_int_equal(
        parse_body(endpoint("sdr-performance"), &week_query, 1, body, strlen(body), &info, err),
        OR_OK);
    expect_text(0, "rep_id", "64d2b3f2c4e3a6b8f2d9e1a7");
    expect_text(0, "rep_name", "Jane Smith");
    expect_text(0, "rep_email", "jane.smith@salesfinity.example");
    expect_int(0, "total_calls", 120);
    expect_int(0, "connected_calls", 31);
    expect_real(0, "connection_rate", 0.2583);
    expect_int(0, "conversations", 22);
    expect_real(0, "conversation_rate", 0.1833);
    expect_real(0, "avg_dials_day", 24.5);
    expect_int(0, "total_duration_s", 5400);
    expect_int(0, "meetings_set", 3); /* a number as text is a number */
    expect_real(0, "data_quality", 0.9);
    expect_all_checked();
    /* totalCount and the page size give the pages: fetched at once. */
    assert_int_equal(info.total_pages, 2);
    assert_int_equal(info.has_more, 1);
}

static void
dispositions_list_maps_id_name_category_and_flags(void **state)
{
    (void)state;
    static const char body[] =
        "{\"data\":[{\"_id\":\"507f1f77bcf86cd799439011\",\"id\":1,\"name\":\"Answered - Meeting "
        "Set\",\"is_custom\":false,\"is_required\":true,\"category\":\"positive\"},"
        "{\"_id\":\"507f1f77bcf86cd799439099\",\"id\":15,\"name\":\" Demo booked \","
        "\"is_custom\":true,\"is_required\":false,\"category\":\"Positive\"}]}";
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    checked = 0;
    assert_int_equal(
        parse_body(endpoint("dispositions"), &plain_query, 1, body, strlen(body), &info, err),
        OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_int(0, "id", 1);
    expect_text(0, "name", "Answered - Meeting Set");
    expect_text(0, "category", "positive");
    expect_int(0, "is_custom", 0);
    expect_int(0, "is_required", 1);
    expect_all_checked();
    expect_int(1, "id", 15);
    expect_text(1, "name", "Demo booked");
    expect_text(1, "category", "positive"); /* lower-case, as calls are classified */
    expect_int(1, "is_custom", 1);
    char *path = NULL;
    fake_reset();
    assert_int_equal(build(endpoint("dispositions"), &plain_query, 1, err), OR_OK);
    path = fake.req.path;
    assert_string_equal(path, "/v1/dispositions");
}

/* A lookup as the host hands it: the account's own dispositions. */
static const struct or_value disp_rows[][5] = {
    {{.type = OR_TYPE_INT, .i = 1},
     {.type = OR_TYPE_TEXT, .s = "Answered - Meeting Set", .len = 22},
     {.type = OR_TYPE_TEXT, .s = "positive", .len = 8},
     {.type = OR_TYPE_BOOL, .i = 0},
     {.type = OR_TYPE_BOOL, .i = 1}},
    {{.type = OR_TYPE_INT, .i = 15},
     {.type = OR_TYPE_TEXT, .s = "Demo booked", .len = 11},
     {.type = OR_TYPE_TEXT, .s = "positive", .len = 8},
     {.type = OR_TYPE_BOOL, .i = 1},
     {.type = OR_TYPE_BOOL, .i = 0}},
    {{.type = OR_TYPE_INT, .i = 6},
     {.type = OR_TYPE_TEXT, .s = "Not now", .len = 7},
     {.type = OR_TYPE_TEXT, .s = "negative", .len = 8},
     {.type = OR_TYPE_BOOL, .i = 1},
     {.type = OR_TYPE_BOOL, .i = 0}},
};

static const struct or_value *const disp_ptrs[] = {disp_rows[0], disp_rows[1], disp_rows[2]};

/* One call of a page: disposition (0 none), answered_by, duration. */
static size_t
call_json(char *buf, size_t n, int disposition, const char *by, int duration)
{
    char disp[80] = "";
    if (disposition > 0) {
        snprintf(disp, sizeof(disp), ",\"disposition\":{\"internal_id\":%d}", disposition);
    }
    return (size_t)snprintf(buf, n, "{\"_id\":\"c%d-%d\",\"answered_by\":\"%s\",\"duration\":%d%s}",
                            disposition, duration, by, duration, disp);
}

static void
parse_calls(const struct or_query *q, const int (*calls)[2], const char *const *by, size_t n)
{
    char body[4096] = "{\"data\":[";
    size_t used = strlen(body);
    for (size_t i = 0; i < n; i++) {
        used += (size_t)snprintf(body + used, sizeof(body) - used, "%s", i > 0 ? "," : "");
        used += call_json(body + used, sizeof(body) - used, calls[i][0], by[i], calls[i][1]);
    }
    snprintf(body + used, sizeof(body) - used, "],\"pagination\":{\"total\":%zu,\"pages\":1}}", n);
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    fake_reset_io();
    if (parse_body(endpoint("call-log"), q, 1, body, strlen(body), &info, err) != OR_OK) {
        fail_msg("parse: %s", err);
    }
    assert_int_equal(fake.rows.nrows, n);
}

static void
disposition_category_comes_from_the_accounts_list_else_the_builtin_map(void **state)
{
    (void)state;
    static const int calls[][2] = {{15, 90}, {6, 90}, {3, 90}, {20, 90}, {0, 90}, {13, 90}};
    static const char *const by[] = {"human", "human", "human", "human", "human", "human"};
    struct or_lookup lk = {.source = "salesfinity.dispositions",
                           .ncols = endpoint("dispositions")->ncolumns,
                           .columns = endpoint("dispositions")->columns,
                           .nrows = 3,
                           .rows = disp_ptrs};
    struct or_query q = plain_query;
    q.lookup = &lk;
    parse_calls(&q, calls, by, ARRAY_LEN(calls));
    expect_text(0, "disposition_category", "positive"); /* custom 15, from the account */
    expect_text(1, "disposition_category", "negative"); /* the account's word wins */
    expect_text(2, "disposition_category", "negative"); /* not listed: a default */
    expect_null(3, "disposition_category");             /* unknown anywhere */
    expect_null(4, "disposition_category");             /* no disposition */
    expect_text(5, "disposition_category", "not_answered");
    expect_int(0, "is_connected", 1);
    expect_int(1, "is_connected", 1);
    expect_int(3, "is_connected", 0);
    expect_int(5, "is_connected", 0); /* Bad Number: a human, but not an answered category */

    /* The list could not be read: the 14 defaults only (the host warned once). */
    lk.nrows = 0;
    lk.failed = "HTTP 404 Not Found";
    parse_calls(&q, calls, by, ARRAY_LEN(calls));
    expect_null(0, "disposition_category");
    expect_text(1, "disposition_category", "positive"); /* 6: Call back later */
    expect_int(0, "is_connected", 0);
    assert_int_equal(fake.nwarn, 0);

    /* No lookup at all (a host of ABI 2.1 has none): the same defaults. */
    parse_calls(&plain_query, calls, by, ARRAY_LEN(calls));
    expect_text(1, "disposition_category", "positive");
    expect_null(0, "disposition_category");
}

static void
kpis_follow_the_vendors_definitions(void **state)
{
    (void)state;
    /* disposition, duration; answered_by below */
    static const int calls[][2] = {
        {4, 30},  /* connected, too short for a conversation */
        {3, 60},  /* negative, a minute: a conversation */
        {4, 300}, /* a machine answered: nothing */
        {12, 90}, /* gatekeeper: not an answered category */
        {1, 10},  /* a meeting makes a conversation however short */
        {15, 10}, /* custom, a meeting only when configured */
        {0, 200}, /* no disposition: not connected */
    };
    static const char *const by[] = {"human", "human", "machine_start", "human",
                                     "human", "human", "human"};
    struct or_lookup lk = {.ncols = endpoint("dispositions")->ncolumns,
                           .columns = endpoint("dispositions")->columns,
                           .nrows = 3,
                           .rows = disp_ptrs};
    struct or_query q = plain_query;
    q.lookup = &lk;
    parse_calls(&q, calls, by, ARRAY_LEN(calls));
    static const int want[][3] = {{1, 0, 0}, {1, 1, 0}, {0, 0, 0}, {0, 0, 0},
                                  {1, 1, 1}, {1, 0, 0}, {0, 0, 0}};
    for (size_t r = 0; r < ARRAY_LEN(want); r++) {
        expect_int(r, "is_connected", want[r][0]);
        expect_int(r, "is_conversation", want[r][1]);
        expect_int(r, "is_meeting", want[r][2]);
    }
    /* [salesfinity] meeting_dispositions adds meetings besides 1. */
    fake_set_config("meeting_dispositions", "15, 99");
    parse_calls(&q, calls, by, ARRAY_LEN(calls));
    expect_int(5, "is_meeting", 1);
    expect_int(5, "is_conversation", 1);
    expect_int(4, "is_meeting", 1);
    fake_set_config("meeting_dispositions", NULL);
}

static void
next_paging_and_pages_from_total(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("call-log");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    /* {total, page, next}: the page count from total and the limit asked for (100). */
    static const char total_next[] =
        "{\"data\":[],\"pagination\":{\"total\":250,\"page\":1,\"next\":2}}";
    assert_int_equal(parse_body(ep, &plain_query, 1, total_next, strlen(total_next), &info, err),
                     OR_OK);
    assert_int_equal(info.total_pages, 3);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 2);
    /* The limit asked for counts: 250 calls of 50 a page are 5 pages. */
    static const struct or_param_value fifty[] = {{"limit", "50"}};
    struct or_query q = plain_query;
    q.params = fake_params(fifty, 1);
    q.nparams = 1;
    assert_int_equal(parse_body(ep, &q, 1, total_next, strlen(total_next), &info, err), OR_OK);
    assert_int_equal(info.total_pages, 5);
    /* next alone, at the top level too: one page after another. */
    static const char next_only[] = "{\"data\":[],\"page\":4,\"next\":5}";
    assert_int_equal(parse_body(ep, &plain_query, 4, next_only, strlen(next_only), &info, err),
                     OR_OK);
    assert_int_equal(info.total_pages, -1);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 5);
    /* next null: the last page, whatever the counts say. */
    static const char last[] =
        "{\"data\":[],\"pagination\":{\"total\":999,\"page\":2,\"limit\":100,\"next\":null}}";
    assert_int_equal(parse_body(ep, &plain_query, 2, last, strlen(last), &info, err), OR_OK);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.total_pages, 2);
    assert_int_equal(info.next_page, -1);
}

static void
raw_control_characters_are_escaped_counted_and_every_row_kept(void **state)
{
    (void)state;
    /* A raw vertical tab and U+0001 in a transcription, a raw tab in notes. */
    static const char body[] =
        "{\"data\":[{\"_id\":\"a\",\"transcription\":\"Hi \x0b[pause]\x01 there\"},"
        "{\"_id\":\"b\",\"notes\":\"col1\tcol2\"},{\"_id\":\"c\"}],"
        "\"pagination\":{\"total\":3,\"pages\":1}}";
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(
        parse_body(endpoint("call-log"), &plain_query, 1, body, sizeof(body) - 1, &info, err),
        OR_OK);
    assert_int_equal(fake.rows.nrows, 3);
    expect_text(0, "transcription", "Hi \x0b[pause]\x01 there");
    expect_text(1, "notes", "col1\tcol2");
    expect_text(2, "id", "c");
    assert_int_equal(fake.repaired[OR_REPAIR_CONTROL_CHARS], 3);
    /* The host warns, once per source; the plugin does not. */
    assert_int_equal(fake.nwarn, 0);
    /* A clean page costs nothing and counts nothing. */
    fake_reset_io();
    static const char clean[] =
        "{\"data\":[{\"_id\":\"a\",\"notes\":\"x\\ty\"}],\"pagination\":{}}";
    assert_int_equal(
        parse_body(endpoint("call-log"), &plain_query, 1, clean, sizeof(clean) - 1, &info, err),
        OR_OK);
    assert_int_equal(fake.repaired[OR_REPAIR_CONTROL_CHARS], 0);
    /* One decoder repairs them all on one page: a raw tab, an integer beyond
     * 64 bits (kept as its digits) and an escaped NUL (U+FFFD). */
    fake_reset_io();
    static const char all[] = "{\"data\":[{\"_id\":\"a\",\"notes\":\"x\ty\","
                              "\"to\":123456789012345678901234567890,\"summary\":\"a\\u0000b\"}],"
                              "\"pagination\":{}}";
    assert_int_equal(
        parse_body(endpoint("call-log"), &plain_query, 1, all, sizeof(all) - 1, &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_text(0, "notes", "x\ty");
    expect_text(0, "to_number", "123456789012345678901234567890");
    expect_text(0, "summary",
                "a\xef\xbf\xbd"
                "b");
    assert_int_equal(fake.repaired[OR_REPAIR_CONTROL_CHARS], 1);
    /* Other damage still fails the page, naming the position. */
    static const char broken[] = "{\"data\":[{\"_id\":\"a\x0b\"},],\"pagination\":{}}";
    assert_int_equal(
        parse_body(endpoint("call-log"), &plain_query, 1, broken, sizeof(broken) - 1, &info, err),
        OR_ERR_PARSE);
    assert_non_null(strstr(err, "invalid JSON"));
}

/* ------------------------------------------------------------------------- */
/* Error bodies                                                               */
/* ------------------------------------------------------------------------- */

static void
error_body_message_is_extracted(void **state)
{
    (void)state;
    or_error_message_fn *fn = endpoint("call-log")->error_message;
    char buf[256];
    static const char nest[] =
        "{\"statusCode\":401,\"message\":\"Invalid API key\",\"error\":\"Unauthorized\"}";
    assert_int_equal(fn(nest, strlen(nest), buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, "Invalid API key");

    static const char list[] =
        "{\"message\":[\"limit must not be greater than 100\",\"page must be positive\"]}";
    assert_int_equal(fn(list, strlen(list), buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, "limit must not be greater than 100; page must be positive");

    static const char err_only[] = "{\"error\":\"Forbidden\\nreally\"}";
    assert_int_equal(fn(err_only, strlen(err_only), buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, "Forbidden really");

    static const char nested[] = "{\"error\":{\"message\":\"rate limited\"}}";
    assert_int_equal(fn(nested, strlen(nested), buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, "rate limited");

    char tiny[8];
    assert_int_equal(fn(nest, strlen(nest), tiny, sizeof(tiny)), OR_OK);
    assert_string_equal(tiny, "Invalid");

    static const char html[] = "<html>502 Bad Gateway</html>";
    assert_int_equal(fn(html, strlen(html), buf, sizeof(buf)), OR_ERR_NOT_FOUND);
    assert_int_equal(fn("{}", 2, buf, sizeof(buf)), OR_ERR_NOT_FOUND);
    assert_int_equal(fn("", 0, buf, sizeof(buf)), OR_ERR_NOT_FOUND);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fake_teardown)
        T(descriptor_is_a_salesfinity_provider),
        T(only_the_entry_symbol_is_exported),
        T(calls_schema_matches_design_column_for_column),
        T(list_performance_schema_matches_design_column_for_column),
        T(documented_example_maps_every_calls_column),
        T(missing_null_empty_object_and_empty_string_become_null),
        T(schema_example_empty_objects_become_null),
        T(wrong_types_become_null_without_crash),
        T(huge_string_field_is_kept_whole),
        T(pagination_gives_total_pages_for_concurrent_fetch),
        T(malformed_json_is_parse_error_naming_page),
        T(non_utf8_body_is_rejected_cleanly),
        T(request_has_path_paging_and_default_sort),
        T(array_filters_become_repeated_bracket_params),
        T(period_becomes_utc_start_and_end_filters),
        T(api_key_header_is_marked_secret),
        T(limit_out_of_range_is_rejected_naming_limit),
        T(list_performance_maps_every_column),
        T(list_performance_next_null_means_last_page),
        T(list_performance_request_uses_local_days_and_zone),
        T(error_body_message_is_extracted),
        T(list_and_rep_performance_always_send_both_dates),
        T(sdr_performance_maps_the_vendors_rep_totals),
        T(dispositions_list_maps_id_name_category_and_flags),
        T(disposition_category_comes_from_the_accounts_list_else_the_builtin_map),
        T(kpis_follow_the_vendors_definitions),
        T(next_paging_and_pages_from_total),
        T(raw_control_characters_are_escaped_counted_and_every_row_kept),
#undef T
    };
    return cmocka_run_group_tests_name("provider_salesfinity", tests, load_plugin,
                                       fake_group_teardown);
}

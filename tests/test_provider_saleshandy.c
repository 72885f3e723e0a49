/* SPDX-License-Identifier: MIT */
/*
 * Tests of the saleshandy provider plugin through its ABI only: the real
 * provider_saleshandy.so is dlopen()ed from $OUTREPORT_PLUGIN_PATH and
 * driven with the fake host of fake_provider_host.h, which records requests,
 * stores the typed cells of each row, really adds the columns rows_column
 * asks for (returning an existing column whatever the type, as the real host
 * does) and checks the plugin keeps the sink's contract: setters inside a
 * row, the setter matching the column's type, bools 0/1, a column set at
 * most once per row, snake_case names.
 *
 * Fixtures are read from tests/fixtures/saleshandy (see its README.md),
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
#include <jansson.h>

#include "fake_provider_host.h"
#include "outreport/plugin.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define TEST_KEY "sh-test-key-7c21"

/* ------------------------------------------------------------------------- */
/* Plugin and fixtures: the fake host is tests/fake_provider_host.c          */
/* ------------------------------------------------------------------------- */

static int
load_plugin(void **state)
{
    (void)state;
    return fake_plugin_load("saleshandy");
}

static int
setup(void **state)
{
    (void)state;
    fake_reset();
    setenv("SALESHANDY_API_KEY", TEST_KEY, 1);
    return 0;
}

static const struct or_query plain_query = {.tz = "UTC"};

/* The request body as JSON; the caller json_decref()s it. */
static json_t *
body_json(void)
{
    assert_non_null(fake.req.body);
    json_error_t jerr;
    json_t *root = json_loads(fake.req.body, 0, &jerr);
    if (root == NULL) {
        fail_msg("request body is not JSON: %s (%s)", jerr.text, fake.req.body);
    }
    assert_true(json_is_object(root));
    return root;
}

/* ------------------------------------------------------------------------- */
/* Days relative to today (UTC), so date rules hold whenever the tests run    */
/* ------------------------------------------------------------------------- */

static int64_t
today(void)
{
    int64_t t = (int64_t)time(NULL);
    return t / 86400 - (t % 86400 < 0);
}

static int64_t
add_years(int64_t days, int years)
{
    int64_t y = 0;
    int m = 0;
    int d = 0;
    civil_from_days(days, &y, &m, &d);
    return days_from_civil(y + years, m, d);
}

/* "YYYY-MM-DD" of @p days in a static ring of buffers (several per expression). */
static const char *
day_text(int64_t days)
{
    static char ring[8][16];
    static unsigned next;
    char *buf = ring[next++ % ARRAY_LEN(ring)];
    int64_t y = 0;
    int m = 0;
    int d = 0;
    civil_from_days(days, &y, &m, &d);
    snprintf(buf, 16, "%04lld-%02d-%02d", (long long)y, m, d);
    return buf;
}

static int64_t
day_of(const char *s)
{
    int y = 0;
    int m = 0;
    int d = 0;
    assert_true(strlen(s) == 10 && digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &m) &&
                s[7] == '-' && digits(s + 8, 2, &d));
    return days_from_civil(y, m, d);
}

/* ------------------------------------------------------------------------- */
/* Descriptor and schema                                                      */
/* ------------------------------------------------------------------------- */

static void
descriptor_is_a_saleshandy_provider(void **state)
{
    (void)state;
    assert_int_equal(plugin->abi_major, OR_ABI_MAJOR);
    assert_int_equal(plugin->abi_minor, OR_ABI_MINOR);
    assert_int_equal(plugin->kind, OR_PLUGIN_PROVIDER);
    assert_string_equal(plugin->name, "saleshandy");
    assert_non_null(plugin->version);
    assert_non_null(plugin->description);
    assert_null(plugin->renderer);
    assert_non_null(plugin->provider);
    assert_string_equal(plugin->provider->default_base_url, "https://open-api.saleshandy.com");
    assert_int_equal(plugin->provider->nendpoints, 4);
    const char *names[] = {"consolidated-stats", "team-stats"};
    const char *tables[] = {"email_activity", "team_stats"};
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        const struct or_endpoint *ep = endpoint(names[i]);
        assert_string_equal(ep->table, tables[i]);
        assert_int_equal(ep->paging, OR_PAGING_MARKER);
        assert_int_equal(ep->dynamic_columns != 0, i == 1);
        assert_non_null(ep->build_request);
        assert_non_null(ep->parse_page);
        assert_non_null(ep->check_query);
        assert_non_null(ep->error_message);
        assert_null(ep->instances_key);
        assert_string_equal(ep->auth_hint, "[saleshandy] api_key_env (default SALESHANDY_API_KEY)");
        for (size_t p = 0; p < ep->nparams; p++) {
            assert_non_null(ep->params[p]->description);
            assert_int_equal(ep->params[p]->choices != NULL, ep->params[p]->type == OR_PARAM_ENUM);
            assert_false(ep->params[p]->required);
        }
    }
    assert_non_null(endpoint("consolidated-stats")->instances);
    assert_null(endpoint("team-stats")->instances);
    /* The lists that give the stats endpoints the ids their bodies require. */
    assert_ptr_equal(endpoint("consolidated-stats")->lookup, endpoint("sequences"));
    assert_ptr_equal(endpoint("team-stats")->lookup, endpoint("team-members"));
    assert_string_equal(endpoint("sequences")->table, "sequences");
    assert_string_equal(endpoint("team-members")->table, "team_members");
    /* Opens, clicks and replies count up to the fetch. */
    assert_int_equal(endpoint("consolidated-stats")->cumulative, OR_CUMULATIVE_COUNTERS);
    assert_non_null(strstr(endpoint("consolidated-stats")->cumulative_note, "opens"));
    for (size_t e = 0; e < plugin->provider->nendpoints; e++) {
        assert_non_null(plugin->provider->endpoints[e]->auth_failure);
    }
}

static void
only_the_entry_symbol_is_exported(void **state)
{
    (void)state;
    assert_null(dlsym(plugin_handle, "sh_cs_build"));
    assert_null(dlsym(plugin_handle, "sh_activity_columns"));
    assert_null(dlsym(plugin_handle, "sh_parse_js_date"));
    assert_null(dlsym(plugin_handle, "sh_error_message"));
    assert_non_null(dlsym(plugin_handle, OR_PLUGIN_ENTRY_NAME));
}

static void
email_activity_schema_matches_design_column_for_column(void **state)
{
    (void)state;
    static const struct want_column want[] = {
        {"sequence_id", OR_TYPE_TEXT},       {"sequence_title", OR_TYPE_TEXT},
        {"sequence_owner", OR_TYPE_TEXT},    {"step", OR_TYPE_INT},
        {"sender_email", OR_TYPE_TEXT},      {"recipient_email", OR_TYPE_TEXT},
        {"recipient_name", OR_TYPE_TEXT},    {"sent_at", OR_TYPE_TIME},
        {"open_count", OR_TYPE_INT},         {"last_opened_at", OR_TYPE_TIME},
        {"replied", OR_TYPE_BOOL},           {"replied_at", OR_TYPE_TIME},
        {"conversation_id", OR_TYPE_TEXT},   {"sentiment", OR_TYPE_TEXT},
        {"click_count", OR_TYPE_INT},        {"last_clicked_at", OR_TYPE_TIME},
        {"last_link_clicked", OR_TYPE_TEXT}, {"bounced", OR_TYPE_BOOL},
        {"bounced_at", OR_TYPE_TIME},        {"unsubscribed", OR_TYPE_BOOL},
        {"deleted", OR_TYPE_BOOL},           {"client_id", OR_TYPE_TEXT},
        {"client_name", OR_TYPE_TEXT},       {"client_email", OR_TYPE_TEXT},
        {"client_company", OR_TYPE_TEXT},    {"client_status", OR_TYPE_TEXT},
    };
    expect_schema(endpoint("consolidated-stats"), want, ARRAY_LEN(want));
}

static void
team_stats_fixed_columns_are_user_id_name_email(void **state)
{
    (void)state;
    static const struct want_column want[] = {
        {"user_id", OR_TYPE_TEXT},
        {"user_name", OR_TYPE_TEXT},
        {"user_email", OR_TYPE_TEXT},
    };
    expect_schema(endpoint("team-stats"), want, ARRAY_LEN(want));
}

/* ------------------------------------------------------------------------- */
/* consolidated-stats parsing                                                 */
/* ------------------------------------------------------------------------- */

static void
documented_example_maps_every_email_activity_column(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    checked = 0;
    assert_int_equal(parse_fixture(endpoint("consolidated-stats"), &plain_query, 1,
                                   "consolidated_stats_documented.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 3);
    expect_text(0, "sequence_id", "8Jwomvq5aO");
    expect_text(0, "sequence_title", "Welcome Campaign");
    expect_text(0, "sequence_owner", "John Doe");
    expect_int(0, "step", 1);
    expect_text(0, "sender_email", "john.doe@sender.example");
    expect_text(0, "recipient_email", "jane.smith@prospect.example");
    expect_text(0, "recipient_name", "Jane Smith");
    expect_int(0, "sent_at", 1734499769); /* 2024-12-18T05:29:29Z */
    expect_int(0, "open_count", 2);
    expect_int(0, "last_opened_at", 1731911680); /* 2024-11-18T06:34:40Z */
    expect_int(0, "replied", 1);
    expect_null(0, "replied_at");      /* "" */
    expect_null(0, "conversation_id"); /* "" */
    expect_text(0, "sentiment", "Positive");
    expect_int(0, "click_count", 3);
    expect_int(0, "last_clicked_at", 1732244080); /* 2024-11-22T02:54:40Z */
    expect_text(0, "last_link_clicked", "https://example.com/offer");
    expect_int(0, "bounced", 0);
    expect_null(0, "bounced_at");
    expect_int(0, "unsubscribed", 0);
    expect_int(0, "deleted", 0);
    expect_text(0, "client_id", "g9bzZq4aMd");
    expect_text(0, "client_name", "john doe");
    expect_text(0, "client_email", "john@demo.example");
    expect_text(0, "client_company", "Demo");
    expect_text(0, "client_status", "active");
    expect_all_checked();

    expect_text(1, "client_company", "TechCorp");
    expect_int(1, "sent_at", 1734668100); /* Fri Dec 20 2024 09:45:00 GMT+5:30 */

    /* Row 3: "Client": {} gives NULL client columns; its reply is set. */
    expect_text(2, "sequence_id", "5QwoKv8aBn");
    expect_int(2, "replied_at", 1734953400); /* 2024-12-23T11:30:00Z */
    expect_text(2, "conversation_id", "8aJq9W4oBv");
    expect_int(2, "unsubscribed", 1);
    expect_null(2, "client_id");
    expect_null(2, "client_name");
    expect_null(2, "client_email");
    expect_null(2, "client_company");
    expect_null(2, "client_status");

    assert_int_equal(fake.nwarn, 0);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);
    assert_int_equal(info.page, -1);
    assert_int_equal(info.total_pages, -1);
    assert_int_equal(info.total_rows, -1);
}

static void
missing_null_empty_object_and_empty_string_become_null(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(endpoint("consolidated-stats"), &plain_query, 1,
                                   "consolidated_stats_empty_values.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 4);
    for (size_t row = 0; row < 4; row++) {
        expect_row_all_null(row);
    }
    /* Absence is not a type error: nothing to warn about. */
    assert_int_equal(fake.nwarn, 0);
}

static void
wrong_types_become_null_with_one_warning_per_page(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(endpoint("consolidated-stats"), &plain_query, 4,
                                   "consolidated_stats_wrong_types.json", &info, err),
                     OR_OK);
    /* The string element of data[] is skipped; the three objects are rows. */
    assert_int_equal(fake.rows.nrows, 3);

    expect_text(0, "sequence_id", "wrong-1");
    static const char *const null_in_row0[] = {
        "sequence_title",    "sequence_owner",  "step",         "sender_email",   "recipient_email",
        "recipient_name",    "sent_at",         "open_count",   "last_opened_at", "replied",
        "replied_at",        "conversation_id", "sentiment",    "click_count",    "last_clicked_at",
        "last_link_clicked", "bounced",         "bounced_at",   "unsubscribed",   "deleted",
        "client_id",         "client_name",     "client_email", "client_company", "client_status",
    };
    for (size_t i = 0; i < ARRAY_LEN(null_in_row0); i++) {
        expect_null(0, null_in_row0[i]);
    }

    expect_text(1, "sequence_id", "12345"); /* an integer id is written in decimal */
    expect_int(1, "step", 3);               /* "3" */
    expect_int(1, "open_count", 4);         /* 4.0 */
    expect_int(1, "click_count", 7);        /* " 7 " */
    expect_int(1, "replied", 1);            /* " yes " */
    expect_int(1, "bounced", 0);            /* "NO" */
    expect_int(1, "unsubscribed", 1);       /* true */
    expect_int(1, "deleted", 0);            /* false */
    expect_int(1, "sent_at", 1734668100);   /* ISO 8601 fallback */
    expect_text(1, "conversation_id", "998877");
    expect_text(1, "client_id", "42");
    expect_text(1, "client_name", "Lee"); /* firstName 5 ignored, lastName trimmed */
    expect_null(1, "client_email");       /* ["a@b.example"] */
    expect_null(1, "client_status");      /* {"code": 1} */
    expect_text(1, "client_company", "Nested Co");

    expect_null(2, "step"); /* 1e300 does not fit */
    expect_int(2, "open_count", -3);
    expect_text(2, "client_name", "Ann");

    /* One warning for the page, naming the fields, not one per row. */
    assert_int_equal(fake.nwarn, 1);
    assert_non_null(strstr(fake.last_warn, "consolidated-stats page 4"));
    static const char *const named[] = {
        "Sequence Title", "Step Number",    "Sender Email", "Email Sent At",
        "Open Count",     "Last Opened At", "Replied",      "Client.firstName/lastName",
        "Client.email",   "Client.status",  "Client",       "payload.data[]",
    };
    for (size_t i = 0; i < ARRAY_LEN(named); i++) {
        if (strstr(fake.last_warn, named[i]) == NULL) {
            fail_msg("warning does not name %s: %s", named[i], fake.last_warn);
        }
    }
    assert_null(strstr(fake.last_warn, "Sequence Id"));
}

static void
huge_strings_are_kept_whole_and_huge_dates_are_null(void **state)
{
    (void)state;
    const size_t n = (size_t)1 << 20;
    char *text = malloc(n + 1);
    assert_non_null(text);
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz 0123456789.,/ABCDEFGHIJKLMNOP";
    for (size_t i = 0; i < n; i++) {
        text[i] = alphabet[(i * 7 + i / 1000) % (sizeof(alphabet) - 1)];
    }
    memcpy(text + n - 4, "\xc3\xa9nd", 4); /* multi-byte UTF-8 at the very end */
    text[n] = '\0';
    size_t cap = 3 * n + 512;
    char *body = malloc(cap);
    assert_non_null(body);
    int len = snprintf(body, cap,
                       "{\"payload\":{\"data\":[{\"Sequence Id\":\"big\","
                       "\"Last Link Clicked\":\"%s\",\"Email Sent At\":\"Thu Dec 18 2024 "
                       "10:59:29 GMT+5:30 (%s)\",\"Last Opened At\":\"%s\"}],"
                       "\"hasMore\":false}}",
                       text, text, text);
    assert_true(len > 0 && (size_t)len < cap);

    struct or_page_info info;
    char err[OR_ERR_SIZE];
    or_status st =
        parse_body(endpoint("consolidated-stats"), &plain_query, 1, body, (size_t)len, &info, err);
    assert_int_equal(st, OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    const struct fake_cell *c = cell_at(0, "last_link_clicked");
    assert_true(c->set);
    assert_int_equal(c->len, n);
    assert_memory_equal(c->s, text, n);
    /* A megabyte zone name is still only a zone name. */
    expect_int(0, "sent_at", 1734499769);
    /* A megabyte of text is no date. */
    expect_null(0, "last_opened_at");
    assert_int_equal(fake.nwarn, 1);
    assert_non_null(strstr(fake.last_warn, "Last Opened At"));
    free(body);
    free(text);
}

static void
js_date_offsets_parse_exactly(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(endpoint("consolidated-stats"), &plain_query, 2,
                                   "consolidated_stats_js_dates.json", &info, err),
                     OR_OK);
    static const struct {
        const char *id;
        int64_t want; /* -1: NULL */
    } rows[] = {
        {"colon-short", 1734499769},  /* GMT+5:30 (Asia/Kolkata) */
        {"four-digits", 1734499769},  /* GMT+0530 (India Standard Time) */
        {"colon-padded", 1734499769}, /* GMT+05:30 */
        {"no-zone-name", 1734499769}, /* GMT+0530 */
        {"newfoundland", 1710084600}, /* 12:00 GMT-3:30 = 15:30Z */
        {"utc", 1710072000},          /* GMT+0000 */
        {"eastern", 1710054000},      /* 02:00 GMT-0500 = 07:00Z */
        {"hours-only", 1710072000},   /* 17:00 GMT+5 = 12:00Z */
        {"leap-day", 1709251199},     /* Mar 01 01:29:59 GMT+0130 = Feb 29 23:59:59Z */
        {"no-weekday", 1734499769},
        {"iso-fallback", 1734499769},
        {"odd-digits", -1}, /* GMT+530 is ambiguous */
        {"trailing-junk", -1},
        {"no-close-paren", -1},
        {"feb-30", -1},
        {"hour-25", -1},
        {"not-a-month", -1},
    };
    assert_int_equal(fake.rows.nrows, ARRAY_LEN(rows));
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        expect_text(i, "sequence_id", rows[i].id);
        if (rows[i].want < 0) {
            expect_null(i, "sent_at");
        }
        else {
            expect_int(i, "sent_at", rows[i].want);
        }
    }
    /* The six unparseable dates make one warning naming the field. */
    assert_int_equal(fake.nwarn, 1);
    assert_non_null(strstr(fake.last_warn, "6 value(s)"));
    assert_non_null(strstr(fake.last_warn, "Email Sent At"));
}

static void
empty_date_string_is_null(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    static const char body[] =
        "{\"payload\":{\"data\":[{\"Sequence Id\":\"e\",\"Email Sent At\":\"\","
        "\"Replied At\":\"\",\"Bounced At\":\"\",\"Last Opened At\":\"\","
        "\"Last Clicked At\":\"\"}],\"hasMore\":false}}";
    assert_int_equal(
        parse_body(endpoint("consolidated-stats"), &plain_query, 1, body, strlen(body), &info, err),
        OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_null(0, "sent_at");
    expect_null(0, "replied_at");
    expect_null(0, "bounced_at");
    expect_null(0, "last_opened_at");
    expect_null(0, "last_clicked_at");
    assert_int_equal(fake.nwarn, 0); /* "" is absence, not a bad date */
}

/* A raw control character inside a string (JSON forbids it) costs nothing:
 * escaped, the page decoded again, every row kept, the repair counted. */
static void
raw_control_characters_are_escaped_and_counted(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    static const char body[] = "{\"payload\":{\"data\":[{\"Sequence Id\":\"e\x01f\","
                               "\"Sequence Title\":\"Q4\tpush\"},{\"Sequence Id\":\"g\"}],"
                               "\"hasMore\":false}}";
    assert_int_equal(
        parse_body(endpoint("consolidated-stats"), &plain_query, 1, body, strlen(body), &info, err),
        OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_text(0, "sequence_id", "e\x01f");
    expect_text(0, "sequence_title", "Q4\tpush");
    expect_text(1, "sequence_id", "g");
    assert_int_equal(fake.repaired[OR_REPAIR_CONTROL_CHARS], 2);
}

static void
yes_no_are_booleans(void **state)
{
    (void)state;
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    static const char body[] =
        "{\"payload\":{\"data\":["
        "{\"Replied\":\"Yes\",\"Bounced\":\"No\",\"Unsubscribed\":\"YES\",\"Deleted\":\"no\"},"
        "{\"Replied\":\"yEs\",\"Bounced\":\"nO\",\"Unsubscribed\":true,\"Deleted\":false},"
        "{\"Replied\":\"Y\",\"Bounced\":\"1\",\"Unsubscribed\":\"true\",\"Deleted\":0}"
        "],\"hasMore\":false}}";
    assert_int_equal(
        parse_body(endpoint("consolidated-stats"), &plain_query, 1, body, strlen(body), &info, err),
        OR_OK);
    assert_int_equal(fake.rows.nrows, 3);
    expect_int(0, "replied", 1);
    expect_int(0, "bounced", 0);
    expect_int(0, "unsubscribed", 1);
    expect_int(0, "deleted", 0);
    expect_int(1, "replied", 1);
    expect_int(1, "bounced", 0);
    expect_int(1, "unsubscribed", 1);
    expect_int(1, "deleted", 0);
    /* Anything but yes/no is NULL, never a guess. */
    expect_null(2, "replied");
    expect_null(2, "bounced");
    expect_null(2, "unsubscribed");
    expect_null(2, "deleted");
    assert_int_equal(fake.nwarn, 1);
}

static void
has_more_and_next_page_number_drive_paging(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(
        parse_fixture(ep, &plain_query, 1, "consolidated_stats_has_more.json", &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 2);
    assert_int_equal(info.page, -1);
    assert_int_equal(info.total_pages, -1);

    /* hasMore false wins over a nextPageNumber (the docs' example says 1). */
    fake_reset();
    assert_int_equal(
        parse_fixture(ep, &plain_query, 1, "consolidated_stats_documented.json", &info, err),
        OR_OK);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);

    /* hasMore without nextPageNumber: the next page. */
    fake_reset();
    static const char no_next[] = "{\"payload\":{\"data\":[],\"hasMore\":true}}";
    assert_int_equal(parse_body(ep, &plain_query, 7, no_next, strlen(no_next), &info, err), OR_OK);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 8);

    /* No hasMore at all: a full page (page_limit rows) suggests another. */
    fake_reset();
    static const struct or_param_value p[] = {{"page_limit", "10"}};
    struct or_query q = {.tz = "UTC", .params = fake_params(p, 1), .nparams = 1};
    char full[2048];
    size_t used = (size_t)snprintf(full, sizeof(full), "{\"payload\":{\"data\":[");
    for (int i = 0; i < 10; i++) {
        used += (size_t)snprintf(full + used, sizeof(full) - used, "%s{\"Step Number\":%d}",
                                 i ? "," : "", i);
    }
    snprintf(full + used, sizeof(full) - used, "]}}");
    assert_int_equal(parse_body(ep, &q, 3, full, strlen(full), &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 10);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 4);
    fake_reset();
    assert_int_equal(parse_body(ep, &plain_query, 3, full, strlen(full), &info, err), OR_OK);
    assert_int_equal(info.has_more, 0); /* 10 of the default 500 */
}

static void
missing_payload_or_data_is_a_parse_error_naming_the_field(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(
        parse_fixture(ep, &plain_query, 2, "consolidated_stats_no_payload.json", &info, err),
        OR_ERR_PARSE);
    assert_non_null(strstr(err, "\"payload\""));

    assert_int_equal(
        parse_fixture(ep, &plain_query, 3, "consolidated_stats_no_data.json", &info, err),
        OR_ERR_PARSE);
    assert_non_null(strstr(err, "\"payload.data\""));

    static const char not_array[] = "{\"payload\":{\"data\":{\"Sequence Id\":\"x\"}}}";
    assert_int_equal(parse_body(ep, &plain_query, 4, not_array, strlen(not_array), &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "\"payload.data\""));

    static const char null_payload[] = "{\"message\":\"x\",\"payload\":null}";
    assert_int_equal(
        parse_body(ep, &plain_query, 5, null_payload, strlen(null_payload), &info, err),
        OR_ERR_PARSE);
    assert_non_null(strstr(err, "\"payload\""));

    assert_int_equal(parse_body(ep, &plain_query, 6, "[1,2]", 5, &info, err), OR_ERR_PARSE);
    assert_non_null(strstr(err, "response is not a JSON object"));
    assert_int_equal(fake.rows.nrows, 0);
}

static void
malformed_json_is_parse_error_with_line_and_column(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(
        parse_fixture(ep, &plain_query, 7, "consolidated_stats_truncated.json", &info, err),
        OR_ERR_PARSE);
    assert_non_null(strstr(err, "invalid JSON at line "));
    assert_non_null(strstr(err, " column "));
    assert_int_equal(fake.rows.nrows, 0);

    assert_int_equal(parse_body(ep, &plain_query, 8, "", 0, &info, err), OR_ERR_PARSE);

    static const char trailing[] = "{\"payload\":{\"data\":[]}} garbage";
    assert_int_equal(parse_body(ep, &plain_query, 9, trailing, strlen(trailing), &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "invalid JSON at line 1 column"));

    /* Team-stats reports malformed bodies the same way. */
    assert_int_equal(parse_body(endpoint("team-stats"), &plain_query, 2, "[{\"a\":", 6, &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, "invalid JSON at line 1 column"));
}

static void
non_utf8_body_is_rejected_cleanly(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(
        parse_fixture(ep, &plain_query, 9, "consolidated_stats_non_utf8.json", &info, err),
        OR_ERR_PARSE);
    assert_non_null(strstr(err, "invalid JSON"));
    assert_int_equal(fake.rows.nrows, 0);

    /* An escaped NUL is legal JSON: kept, as U+FFFD, with a warning. */
    static const char nul[] = "{\"payload\":{\"data\":[{\"Sequence Id\":\"a\\u0000b\"}]}}";
    assert_int_equal(parse_body(ep, &plain_query, 10, nul, strlen(nul), &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_text(0, "sequence_id",
                "a\xef\xbf\xbd"
                "b");
    assert_non_null(strstr(fake.last_warn, "\\u0000"));
    fake_reset();

    /* A raw NUL byte inside the body. */
    static const char raw[] = "{\"payload\":{\"da\0ta\":[]}}";
    assert_int_equal(parse_body(ep, &plain_query, 11, raw, sizeof(raw) - 1, &info, err),
                     OR_ERR_PARSE);
    assert_int_equal(fake.rows.nrows, 0);
}

/* ------------------------------------------------------------------------- */
/* consolidated-stats requests and date rules                                 */
/* ------------------------------------------------------------------------- */

/* A query over [first, last] days given as a period (first_day/last_day). */
/* The lookups as the host hands them: the account's sequences and team
 * members (one table here with both id columns, as the plugin looks
 * columns up by name). */
static const struct or_column *const list_columns[] = {
    OR_COLUMN("sequence_id", OR_TYPE_TEXT, "sequence id"),
    OR_COLUMN("user_id", OR_TYPE_TEXT, "user id"),
};
static const struct or_value list_rows[][2] = {
    {{.type = OR_TYPE_TEXT, .s = "SEQA", .len = 4}, {.type = OR_TYPE_TEXT, .s = "USRA", .len = 4}},
    {{.type = OR_TYPE_TEXT, .s = "SEQB", .len = 4}, {.type = OR_TYPE_TEXT, .s = "USRB", .len = 4}},
};
static const struct or_value *const list_ptrs[] = {list_rows[0], list_rows[1]};
static const struct or_lookup account_lists = {.source = "saleshandy.sequences",
                                               .ncols = 2,
                                               .columns = list_columns,
                                               .nrows = 2,
                                               .rows = list_ptrs};

static struct or_query
period_query(int64_t first, int64_t last, const struct or_param_value *p, size_t n)
{
    struct or_query q = {
        .tz = "UTC",
        .period_start = first * 86400,
        .period_end = (last + 1) * 86400,
        .first_day = day_text(first),
        .last_day = day_text(last),
        .params = fake_params(p, n),
        .nparams = n,
        .lookup = &account_lists,
    };
    return q;
}

static void
body_carries_dates_paging_and_sequence_ids(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    int64_t t = today();
    static const struct or_param_value p[] = {
        {"sequence_ids", " 2dP27N0gZ4, 2dP27NugZ3 ,,2dP27NrgZ3"},
        {"page_limit", "25"},
    };
    struct or_query q = period_query(t - 30, t - 1, p, ARRAY_LEN(p));
    char err[OR_ERR_SIZE];
    assert_int_equal(check(ep, &q, err), OR_OK);
    assert_int_equal(build(ep, &q, 3, err), OR_OK);
    assert_int_equal(fake.req.nset, 1);
    assert_string_equal(fake.req.method, "POST");
    assert_string_equal(fake.req.path, "/v1/analytics/consolidated-stats");
    assert_string_equal(fake.req.content_type, "application/json");
    assert_int_equal(fake.req.nquery, 0);
    assert_string_equal(header("Accept", NULL), "application/json");
    char want[512];
    snprintf(want, sizeof(want),
             "{\"sequenceIds\":[\"2dP27N0gZ4\",\"2dP27NugZ3\",\"2dP27NrgZ3\"],"
             "\"startDate\":\"%s\",\"endDate\":\"%s\",\"pageNum\":3,\"pageLimit\":25}",
             day_text(t - 30), day_text(t - 1));
    assert_string_equal(fake.req.body, want);

    /* start_date/end_date override the period; no sequence ids given: every
     * sequence of the account (the lookup), as the API requires some. */
    fake_reset();
    const char *s = day_text(t - 10);
    const char *e = day_text(t - 5);
    const struct or_param_value over[] = {{"start_date", s}, {"end_date", e}};
    q = period_query(t - 30, t - 1, over, ARRAY_LEN(over));
    assert_int_equal(build(ep, &q, 1, err), OR_OK);
    snprintf(want, sizeof(want),
             "{\"sequenceIds\":[\"SEQA\",\"SEQB\"],\"startDate\":\"%s\",\"endDate\":\"%s\","
             "\"pageNum\":1,\"pageLimit\":500}",
             s, e);
    assert_string_equal(fake.req.body, want);

    /* Without a period, the parameters alone are enough. */
    fake_reset();
    struct or_query bare = {.tz = "UTC",
                            .params = fake_params(over, ARRAY_LEN(over)),
                            .nparams = ARRAY_LEN(over),
                            .lookup = &account_lists};
    assert_int_equal(check(ep, &bare, err), OR_OK);
    assert_int_equal(build(ep, &bare, 2, err), OR_OK);
    json_t *body = body_json();
    assert_string_equal(json_string_value(json_object_get(body, "startDate")), s);
    assert_string_equal(json_string_value(json_object_get(body, "endDate")), e);
    assert_int_equal(json_integer_value(json_object_get(body, "pageNum")), 2);
    json_decref(body);
}

static void
period_or_dates_are_required(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    char err[OR_ERR_SIZE];
    assert_int_equal(check(ep, &plain_query, err), OR_ERR_INVALID);
    assert_string_equal(err, "saleshandy.consolidated-stats needs a period (--period) or "
                             "start_date/end_date");
    assert_int_equal(build(ep, &plain_query, 1, err), OR_ERR_INVALID);
    assert_int_equal(fake.req.nset, 0);
    assert_null(fake.req.body);

    /* Half a range is no range. */
    const struct or_param_value p[] = {{"start_date", day_text(today() - 3)}};
    struct or_query q = {.tz = "UTC", .params = fake_params(p, 1), .nparams = 1};
    assert_int_equal(check(ep, &q, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "needs a period"));

    static const struct or_param_value bad[] = {{"start_date", "2024-02-30"},
                                                {"end_date", "2024-03-01"}};
    q.params = fake_params(bad, ARRAY_LEN(bad));
    q.nparams = ARRAY_LEN(bad);
    assert_int_equal(check(ep, &q, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "start_date \"2024-02-30\" is not a date"));
}

static void
start_older_than_two_years_is_refused_before_any_request(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    char err[OR_ERR_SIZE];
    static const struct or_param_value old[] = {{"start_date", "2022-01-01"},
                                                {"end_date", "2022-06-30"}};
    struct or_query q = {
        .tz = "UTC", .params = fake_params(old, ARRAY_LEN(old)), .nparams = ARRAY_LEN(old)};
    assert_int_equal(check(ep, &q, err), OR_ERR_INVALID);
    assert_string_equal(err, "start_date 2022-01-01 is older than 2 years: Saleshandy keeps 2 "
                             "years of statistics");
    /* build_request and instances refuse it too, without touching the request. */
    assert_int_equal(build(ep, &q, 1, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "older than 2 years"));
    assert_int_equal(fake.req.nset, 0);
    assert_int_equal(fake.req.nheader, 0);
    assert_null(fake.req.body);
    assert_int_equal(fake.nsecret, 0);
    char buf[256] = "x";
    assert_int_equal(ep->instances(&fake_host, &q, buf, sizeof(buf), err, OR_ERR_SIZE),
                     OR_ERR_INVALID);

    /* The boundary: exactly two years back is kept, one day more is refused. */
    int64_t t = today();
    int64_t oldest = add_years(t, -2);
    struct or_query ok = period_query(oldest, t - 1, NULL, 0);
    assert_int_equal(check(ep, &ok, err), OR_OK);
    struct or_query too_old = period_query(oldest - 1, t - 1, NULL, 0);
    assert_int_equal(check(ep, &too_old, err), OR_ERR_INVALID);
    char want[OR_ERR_SIZE];
    snprintf(want, sizeof(want),
             "start_date %s is older than 2 years: Saleshandy keeps 2 years of statistics",
             day_text(oldest - 1));
    assert_string_equal(err, want);
}

static void
end_before_start_is_refused(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    int64_t t = today();
    const struct or_param_value p[] = {{"start_date", day_text(t - 5)},
                                       {"end_date", day_text(t - 10)}};
    struct or_query q = {
        .tz = "UTC", .params = fake_params(p, ARRAY_LEN(p)), .nparams = ARRAY_LEN(p)};
    char err[OR_ERR_SIZE];
    assert_int_equal(check(ep, &q, err), OR_ERR_INVALID);
    char want[OR_ERR_SIZE];
    snprintf(want, sizeof(want), "end_date %s is before start_date %s", day_text(t - 10),
             day_text(t - 5));
    assert_string_equal(err, want);
    assert_int_equal(build(ep, &q, 1, err), OR_ERR_INVALID);
    assert_int_equal(fake.req.nset, 0);
}

static void
page_limit_outside_10_to_500_is_refused(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    int64_t t = today();
    static const char *const bad[] = {"9", "501", "0", "-5", "ten", "50x"};
    char err[OR_ERR_SIZE];
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        const struct or_param_value p[] = {{"page_limit", bad[i]}};
        struct or_query q = period_query(t - 3, t - 1, p, 1);
        assert_int_equal(check(ep, &q, err), OR_ERR_INVALID);
        assert_non_null(strstr(err, "page_limit must be an integer from 10 to 500"));
    }
    static const char *const good[] = {"10", "500", "77"};
    for (size_t i = 0; i < ARRAY_LEN(good); i++) {
        const struct or_param_value p[] = {{"page_limit", good[i]}};
        struct or_query q = period_query(t - 3, t - 1, p, 1);
        assert_int_equal(check(ep, &q, err), OR_OK);
    }
}

/* Checks @p buf holds consecutive windows of at most a year covering [s, e]; returns how many. */
static size_t
expect_windows_cover(const char *buf, int64_t s, int64_t e)
{
    int64_t next = s;
    size_t n = 0;
    const char *p = buf;
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
        if (len != 22 || p[10] != '.' || p[11] != '.') {
            fail_msg("window line %zu is not YYYY-MM-DD..YYYY-MM-DD: %.*s", n, (int)len, p);
        }
        char a[11];
        char b[11];
        memcpy(a, p, 10);
        a[10] = '\0';
        memcpy(b, p + 12, 10);
        b[10] = '\0';
        int64_t first = day_of(a);
        int64_t last = day_of(b);
        if (first != next) {
            fail_msg("window %zu starts %s, want %s (gap or overlap)", n, a, day_text(next));
        }
        assert_true(last >= first);
        if (last >= add_years(first, 1)) {
            fail_msg("window %zu (%s..%s) is longer than a year", n, a, b);
        }
        next = last + 1;
        n++;
        p += len;
        if (*p == '\n') {
            p++;
            assert_true(*p != '\0'); /* no trailing empty line */
        }
    }
    if (next != e + 1) {
        fail_msg("windows end %s, want %s", day_text(next - 1), day_text(e));
    }
    return n;
}

static void
range_over_one_year_is_split_into_year_windows(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    int64_t t = today();
    int64_t s = t - 700;
    int64_t e = t - 1;
    const struct or_param_value p[] = {{"start_date", day_text(s)}, {"end_date", day_text(e)}};
    struct or_query q = {
        .tz = "UTC", .params = fake_params(p, ARRAY_LEN(p)), .nparams = ARRAY_LEN(p)};
    char buf[8192];
    char err[OR_ERR_SIZE];
    assert_int_equal(ep->instances(&fake_host, &q, buf, sizeof(buf), err, OR_ERR_SIZE), OR_OK);
    int64_t split = add_years(s, 1);
    char want[128];
    snprintf(want, sizeof(want), "%s..%s\n%s..%s", day_text(s), day_text(split - 1),
             day_text(split), day_text(e));
    assert_string_equal(buf, want);
    assert_int_equal(expect_windows_cover(buf, s, e), 2);

    /* Into the future, over three years: four windows, the last one short. */
    s = t - 10;
    e = add_years(s, 3) + 40;
    const struct or_param_value far[] = {{"start_date", day_text(s)}, {"end_date", day_text(e)}};
    q.params = fake_params(far, 2);
    assert_int_equal(ep->instances(&fake_host, &q, buf, sizeof(buf), err, OR_ERR_SIZE), OR_OK);
    assert_int_equal(expect_windows_cover(buf, s, e), 4);

    /* A range that needs more windows than the host's buffer holds is refused, not cut. */
    assert_int_equal(ep->instances(&fake_host, &q, buf, 30, err, OR_ERR_SIZE), OR_ERR_INVALID);
    assert_non_null(strstr(err, "shorten the range"));
    assert_string_equal(buf, "");
}

static void
range_within_a_year_is_one_fetch(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    int64_t t = today();
    char buf[256];
    char err[OR_ERR_SIZE];
    struct or_query q = period_query(t - 100, t - 1, NULL, 0);
    snprintf(buf, sizeof(buf), "x");
    assert_int_equal(ep->instances(&fake_host, &q, buf, sizeof(buf), err, OR_ERR_SIZE), OR_OK);
    assert_string_equal(buf, "");

    /* Exactly a year (365 or 366 days) is still one request... */
    int64_t s = t - 500;
    q = period_query(s, add_years(s, 1) - 1, NULL, 0);
    assert_int_equal(ep->instances(&fake_host, &q, buf, sizeof(buf), err, OR_ERR_SIZE), OR_OK);
    assert_string_equal(buf, "");
    /* ...and one day more makes two windows, the second a single day. */
    q = period_query(s, add_years(s, 1), NULL, 0);
    assert_int_equal(ep->instances(&fake_host, &q, buf, sizeof(buf), err, OR_ERR_SIZE), OR_OK);
    assert_int_equal(expect_windows_cover(buf, s, add_years(s, 1)), 2);
    char last[32];
    snprintf(last, sizeof(last), "\n%s..%s", day_text(add_years(s, 1)), day_text(add_years(s, 1)));
    assert_non_null(strstr(buf, last));
}

static void
instance_window_dates_go_into_the_body(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    int64_t t = today();
    int64_t s = t - 700;
    const struct or_param_value p[] = {{"start_date", day_text(s)}, {"end_date", day_text(t - 1)}};
    struct or_query q = {.tz = "UTC",
                         .params = fake_params(p, ARRAY_LEN(p)),
                         .nparams = ARRAY_LEN(p),
                         .lookup = &account_lists};
    char buf[256];
    char err[OR_ERR_SIZE];
    assert_int_equal(ep->instances(&fake_host, &q, buf, sizeof(buf), err, OR_ERR_SIZE), OR_OK);
    const char *second = strchr(buf, '\n');
    assert_non_null(second);
    q.instance = second + 1;
    assert_int_equal(build(ep, &q, 4, err), OR_OK);
    json_t *body = body_json();
    char want_start[16];
    snprintf(want_start, sizeof(want_start), "%.10s", second + 1);
    assert_string_equal(json_string_value(json_object_get(body, "startDate")), want_start);
    assert_string_equal(json_string_value(json_object_get(body, "endDate")), second + 13);
    assert_int_equal(json_integer_value(json_object_get(body, "pageNum")), 4);
    json_decref(body);

    fake_reset();
    q.instance = "not a window";
    assert_int_equal(build(ep, &q, 1, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "not a window"));
}

/* ------------------------------------------------------------------------- */
/* Authentication and error bodies                                            */
/* ------------------------------------------------------------------------- */

static void
x_api_key_is_default_and_secret(void **state)
{
    (void)state;
    static const char *const modes[] = {NULL, "x-api-key", "X-API-KEY", ""};
    int64_t t = today();
    for (size_t i = 0; i < ARRAY_LEN(modes); i++) {
        for (size_t e = 0; e < plugin->provider->nendpoints; e++) {
            fake_reset();
            fake_set_config("auth", modes[i]);
            const struct or_endpoint *ep = plugin->provider->endpoints[e];
            struct or_query q = period_query(t - 3, t - 1, NULL, 0);
            char err[OR_ERR_SIZE];
            assert_int_equal(build(ep, &q, 1, err), OR_OK);
            int secret = 0;
            const char *v = header("x-api-key", &secret);
            assert_non_null(v);
            assert_string_equal(v, TEST_KEY);
            assert_int_equal(secret, 1);
            assert_null(header("Authorization", NULL));
            assert_string_equal(fake.secret_key_name, "api_key_env");
            /* The key appears in no other header and not in the body. */
            for (size_t h = 0; h < fake.req.nheader; h++) {
                if (strcmp(fake.req.hname[h], "x-api-key") != 0) {
                    assert_null(strstr(fake.req.hval[h], TEST_KEY));
                }
            }
            assert_true(fake.req.body == NULL || strstr(fake.req.body, TEST_KEY) == NULL);
        }
    }
}

static void
bearer_auth_from_config(void **state)
{
    (void)state;
    int64_t t = today();
    static const char *const modes[] = {"bearer", "Bearer"};
    for (size_t i = 0; i < ARRAY_LEN(modes); i++) {
        for (size_t e = 0; e < plugin->provider->nendpoints; e++) {
            fake_reset();
            fake_set_config("auth", modes[i]);
            const struct or_endpoint *ep = plugin->provider->endpoints[e];
            struct or_query q = period_query(t - 3, t - 1, NULL, 0);
            char err[OR_ERR_SIZE];
            if (ep->check_query != NULL) {
                assert_int_equal(check(ep, &q, err), OR_OK);
            }
            assert_int_equal(build(ep, &q, 1, err), OR_OK);
            int secret = 0;
            const char *v = header("Authorization", &secret);
            assert_non_null(v);
            assert_string_equal(v, "Bearer " TEST_KEY);
            assert_int_equal(secret, 1);
            assert_null(header("x-api-key", NULL));
        }
    }
}

static void
unknown_auth_value_is_refused(void **state)
{
    (void)state;
    int64_t t = today();
    static const char *const modes[] = {"basic", "apikey", "bearer "};
    for (size_t i = 0; i < ARRAY_LEN(modes); i++) {
        for (size_t e = 0; e < plugin->provider->nendpoints; e++) {
            fake_reset();
            fake_set_config("auth", modes[i]);
            const struct or_endpoint *ep = plugin->provider->endpoints[e];
            struct or_query q = period_query(t - 3, t - 1, NULL, 0);
            char err[OR_ERR_SIZE];
            if (ep->check_query != NULL) {
                assert_int_equal(check(ep, &q, err), OR_ERR_INVALID);
                assert_non_null(strstr(err, "[saleshandy] auth"));
                assert_non_null(strstr(err, "x-api-key"));
                assert_non_null(strstr(err, "bearer"));
                assert_non_null(strstr(err, modes[i]));
            }
            assert_int_equal(build(ep, &q, 1, err), OR_ERR_INVALID);
            assert_non_null(strstr(err, "[saleshandy] auth"));
            assert_int_equal(fake.req.nset, 0);
            assert_int_equal(fake.req.nheader, 0);
            assert_int_equal(fake.nsecret, 0);
        }
    }
}

static void
missing_api_key_is_an_auth_error_naming_the_variable(void **state)
{
    (void)state;
    unsetenv("SALESHANDY_API_KEY");
    int64_t t = today();
    struct or_query q = period_query(t - 3, t - 1, NULL, 0);
    char err[OR_ERR_SIZE];
    assert_int_equal(build(endpoint("consolidated-stats"), &q, 1, err), OR_ERR_AUTH);
    assert_non_null(strstr(err, "SALESHANDY_API_KEY"));
    assert_null(header("x-api-key", NULL));
    assert_null(fake.req.body);
}

static void
error_body_message_is_extracted(void **state)
{
    (void)state;
    or_error_message_fn *fn = endpoint("consolidated-stats")->error_message;
    assert_ptr_equal(fn, endpoint("team-stats")->error_message);
    char buf[256];
    static const char plain[] = "{\"message\":\"Start Date must not be older than 2 years\"}";
    assert_int_equal(fn(plain, strlen(plain), buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, "Start Date must not be older than 2 years");

    static const char list[] =
        "{\"statusCode\":400,\"message\":[\"pageLimit must not be greater than 500\","
        "\"endDate must be a valid date\"],\"error\":\"Bad Request\"}";
    assert_int_equal(fn(list, strlen(list), buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, "pageLimit must not be greater than 500; endDate must be a valid "
                             "date");

    static const char err_only[] = "{\"error\":\"Unauthorized\\nkey\"}";
    assert_int_equal(fn(err_only, strlen(err_only), buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, "Unauthorized key");

    static const char nested[] = "{\"error\":{\"message\":\"rate limited\"}}";
    assert_int_equal(fn(nested, strlen(nested), buf, sizeof(buf)), OR_OK);
    assert_string_equal(buf, "rate limited");

    char tiny[6];
    assert_int_equal(fn(plain, strlen(plain), tiny, sizeof(tiny)), OR_OK);
    assert_string_equal(tiny, "Start");

    static const char html[] = "<html>502 Bad Gateway</html>";
    assert_int_equal(fn(html, strlen(html), buf, sizeof(buf)), OR_ERR_NOT_FOUND);
    assert_int_equal(fn("{}", 2, buf, sizeof(buf)), OR_ERR_NOT_FOUND);
    assert_int_equal(fn("{\"message\":42}", 14, buf, sizeof(buf)), OR_ERR_NOT_FOUND);
    assert_int_equal(fn("", 0, buf, sizeof(buf)), OR_ERR_NOT_FOUND);
}

/* ------------------------------------------------------------------------- */
/* team-stats                                                                 */
/* ------------------------------------------------------------------------- */

static void
team_stats_reads_payload_data_data_and_top_level_array_shapes(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];

    /* payload.data */
    assert_int_equal(parse_fixture(ep, &plain_query, 1, "team_stats_payload_data.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_text(0, "user_id", "abc123xyz");
    expect_text(0, "user_name", "Jane Smith");
    expect_text(0, "user_email", "jane.smith@agency.example");
    expect_text(1, "user_id", "def456uvw");
    expect_text(1, "user_name", "Omar Haddad");          /* firstName + lastName */
    expect_text(1, "user_email", "omar@agency.example"); /* userEmail */
    /* Keys read into the fixed columns do not come back as columns of their own. */
    expect_no_column("first_name");
    expect_no_column("last_name");
    expect_no_column("email");
    expect_no_column("user_name_2");
    assert_int_equal(fake.nwarn, 0);

    /* data */
    fake_reset();
    assert_int_equal(parse_fixture(ep, &plain_query, 1, "team_stats_data.json", &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_text(0, "user_id", "u-1");
    expect_text(0, "user_name", "Ann Lee");
    expect_text(0, "user_email", "ann@agency.example");
    expect_int(0, "email_sent", 10);
    expect_text(1, "user_id", "77"); /* _id as a number */
    expect_text(1, "user_name", "Bo Chen");
    expect_null(1, "user_email");
    expect_int(1, "replied", 0);

    /* payload as an array */
    fake_reset();
    assert_int_equal(
        parse_fixture(ep, &plain_query, 1, "team_stats_payload_array.json", &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_text(0, "user_id", "p-1");
    expect_text(0, "user_name", "Cy Diaz");
    expect_int(0, "email_sent", 3);

    /* a top-level array; its non-object element is skipped with a warning */
    fake_reset();
    assert_int_equal(
        parse_fixture(ep, &plain_query, 5, "team_stats_top_level_array.json", &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_text(0, "user_id", "t-1");
    expect_text(0, "user_email", "di@agency.example");
    expect_int(0, "opened", 4);
    expect_text(1, "user_name", "Ed Fox");
    expect_null(1, "user_email");
    expect_int(1, "opened", 0);
    assert_int_equal(fake.nwarn, 1);
    assert_non_null(strstr(fake.last_warn, "team-stats page 5"));
    assert_non_null(strstr(fake.last_warn, "records[]"));

    /* An empty list is an empty page, not an error. */
    fake_reset();
    assert_int_equal(parse_body(ep, &plain_query, 1, "[]", 2, &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 0);
    assert_int_equal(info.has_more, 0);
}

static void
team_stats_metric_names_become_snake_case_columns(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(ep, &plain_query, 1, "team_stats_payload_data.json", &info, err),
                     OR_OK);
    static const struct {
        const char *name;
        int64_t row0;
        int64_t row1;
    } ints[] = {
        {"prospect_added", 120, 80}, {"prospect_contacted", 98, 75},
        {"email_sent", 240, 160},    {"opened", 150, 90},
        {"clicked", 22, 10},         {"replied", 14, 9},
        {"un_subscribed", 2, 0},     {"bounced", 3, 1},
        {"uncategorized", 1, 0},     {"interested", 6, 3},
        {"not_interested", 4, 2},    {"meeting_booked", 3, 1},
        {"out_of_office", 2, 0},     {"closed", 1, 0},
        {"not_now", 0, 1},           {"do_not_contact", 0, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(ints); i++) {
        expect_type(ints[i].name, OR_TYPE_INT);
        expect_int(0, ints[i].name, ints[i].row0);
        expect_int(1, ints[i].name, ints[i].row1);
    }
    expect_type("open_rate", OR_TYPE_REAL);
    expect_real(0, "open_rate", 62.5);
    expect_real(1, "open_rate", 56.25);
    /* Three fixed columns, sixteen counts and one rate; nothing else. */
    assert_int_equal(fake.rows.ncols, 3 + ARRAY_LEN(ints) + 1);
    /* Discovered columns come in the order of the keys. */
    assert_string_equal(fake.rows.names[3], "prospect_added");
    assert_string_equal(fake.rows.names[fake.rows.ncols - 1], "open_rate");
}

static void
team_stats_unknown_keys_are_kept_as_columns(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(ep, &plain_query, 3, "team_stats_unknown_keys.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_text(0, "user_id", "k-1");
    expect_type("brand_new_metric", OR_TYPE_INT);
    expect_int(0, "brand_new_metric", 5);
    expect_type("some_label", OR_TYPE_TEXT);
    expect_text(0, "some_label", "x");
    expect_type("weird_key", OR_TYPE_INT);
    expect_int(0, "weird_key", 1);
    expect_int(0, "html_links_clicked", 2);
    expect_type("reply_rate", OR_TYPE_REAL);
    expect_real(0, "reply_rate", 0.25);
    expect_type("is_team_lead", OR_TYPE_BOOL);
    expect_int(0, "is_team_lead", 0);
    expect_int(0, "count", 3);
    /* Nothing alphanumeric, an empty name, null and "" make no column. */
    expect_no_column("nothing");
    expect_no_column("blank");
    assert_int_equal(fake.rows.ncols, 3 + 9);

    /* A key first seen on row 2 is a column too; row 1 has NULL there. */
    expect_int(1, "late_arrival", 9);
    expect_null(0, "late_arrival");
    expect_null(1, "some_label");
    /* open_rate and openRate are one column: the first wins, the second is reported. */
    expect_int(1, "open_rate", 1);
    assert_int_equal(fake.nwarn, 1);
    assert_non_null(strstr(fake.last_warn, "open_rate (duplicate key)"));

    /* A megabyte-long key becomes a column name of 128 bytes. */
    fake_reset();
    const size_t n = (size_t)1 << 20;
    char *body = malloc(n + 64);
    if (body == NULL) {
        fail_msg("out of memory");
        return;
    }
    memcpy(body, "[{\"", 3);
    memset(body + 3, 'A', n);
    snprintf(body + 3 + n, 61, "\":1}]");
    assert_int_equal(parse_body(ep, &plain_query, 1, body, strlen(body), &info, err), OR_OK);
    free(body);
    assert_int_equal(fake.rows.ncols, 4);
    assert_int_equal(strlen(fake.rows.names[3]), 128);
    assert_int_equal(strspn(fake.rows.names[3], "a"), 128);
}

static void
team_stats_conflicting_types_convert_or_become_null(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    static const char body[] =
        "{\"data\":["
        "{\"ratio\":0.5,\"score\":1,\"label\":\"x\",\"flag\":true,\"count\":2},"
        "{\"ratio\":2,\"score\":1.5,\"label\":5,\"flag\":\"yes\",\"count\":3.0},"
        "{\"ratio\":\"n/a\",\"score\":{\"a\":1},\"label\":[1,2],\"flag\":1,\"count\":false}"
        "]}";
    assert_int_equal(parse_body(ep, &plain_query, 6, body, strlen(body), &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 3);
    expect_type("ratio", OR_TYPE_REAL);
    expect_type("score", OR_TYPE_INT);
    expect_type("label", OR_TYPE_TEXT);
    expect_type("flag", OR_TYPE_BOOL);
    expect_type("count", OR_TYPE_INT);

    expect_real(1, "ratio", 2.0); /* int into real */
    expect_null(1, "score");      /* 1.5 does not fit an int */
    expect_text(1, "label", "5"); /* anything into text */
    expect_null(1, "flag");       /* "yes" is no JSON boolean */
    expect_int(1, "count", 3);    /* 3.0 is a whole number */

    expect_null(2, "ratio");
    expect_null(2, "score");
    expect_text(2, "label", "[1,2]");
    expect_int(2, "flag", 1); /* 0/1 into a bool */
    expect_null(2, "count");

    assert_int_equal(fake.nwarn, 1);
    assert_non_null(strstr(fake.last_warn, "team-stats page 6"));
    assert_non_null(strstr(fake.last_warn, "5 value(s)"));
    assert_non_null(strstr(fake.last_warn, "score"));
    assert_non_null(strstr(fake.last_warn, "flag"));
    assert_non_null(strstr(fake.last_warn, "ratio"));
    assert_non_null(strstr(fake.last_warn, "count"));
    assert_null(strstr(fake.last_warn, "label"));
}

static void
team_stats_shape_without_records_is_a_clear_parse_error(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    static const char msg[] = "team-stats: no list of records in the response (looked for "
                              "payload.data, data, payload, top-level array)";
    assert_int_equal(parse_fixture(ep, &plain_query, 4, "team_stats_no_records.json", &info, err),
                     OR_ERR_PARSE);
    assert_non_null(strstr(err, msg));
    assert_non_null(strstr(err, "page 4"));
    static const char *const shapes[] = {
        "{}",
        "\"text\"",
        "42",
        "null",
        "{\"payload\":{\"data\":null}}",
        "{\"data\":{\"rows\":[]}}",
        "{\"payload\":\"[]\"}",
    };
    for (size_t i = 0; i < ARRAY_LEN(shapes); i++) {
        assert_int_equal(parse_body(ep, &plain_query, 1, shapes[i], strlen(shapes[i]), &info, err),
                         OR_ERR_PARSE);
        if (strstr(err, msg) == NULL) {
            fail_msg("shape %s gave: %s", shapes[i], err);
        }
    }
    assert_int_equal(fake.rows.nrows, 0);
}

static void
team_stats_nested_values_become_json_text(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(parse_fixture(ep, &plain_query, 1, "team_stats_nested.json", &info, err),
                     OR_OK);
    assert_int_equal(fake.rows.nrows, 1);
    expect_text(0, "user_id", "n-1");
    expect_type("user", OR_TYPE_TEXT);
    expect_text(0, "user", "{\"id\":\"n-1\",\"roles\":[\"admin\",\"sender\"]}");
    expect_text(0, "sequences", "[{\"id\":\"s1\",\"sent\":4},{\"id\":\"s2\",\"sent\":6}]");
    expect_text(0, "by_day", "{\"2024-01-01\":3,\"2024-01-02\":7}");
    expect_text(0, "label", "J\xc3\xbcrgen's team");
    expect_int(0, "active", 1);
    expect_type("active", OR_TYPE_BOOL);
    /* {} and [] are NULL (DESIGN.md §6): no value, so no column. */
    expect_no_column("empty_object");
    expect_no_column("empty_list");
    assert_int_equal(fake.nwarn, 0);
}

static void
team_stats_paging_follows_has_more_total_or_full_pages(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];

    /* total 2 at 100 a page: one page. */
    assert_int_equal(parse_fixture(ep, &plain_query, 1, "team_stats_payload_data.json", &info, err),
                     OR_OK);
    assert_int_equal(info.total_rows, 2);
    assert_int_equal(info.total_pages, 1);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);
    assert_int_equal(info.page, -1);

    /* hasMore true */
    fake_reset();
    assert_int_equal(parse_fixture(ep, &plain_query, 2, "team_stats_data.json", &info, err), OR_OK);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 3);
    assert_int_equal(info.total_pages, -1);

    /* No marker: a full page (limit records) means another page. */
    fake_reset();
    static const struct or_param_value three[] = {{"limit", "3"}};
    struct or_query q = {.tz = "UTC", .params = fake_params(three, 1), .nparams = 1};
    assert_int_equal(parse_fixture(ep, &q, 1, "team_stats_top_level_array.json", &info, err),
                     OR_OK);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 2);
    fake_reset();
    assert_int_equal(
        parse_fixture(ep, &plain_query, 1, "team_stats_top_level_array.json", &info, err), OR_OK);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);

    /* total: more while page * limit < total. */
    static const struct or_param_value two[] = {{"limit", "2"}};
    q.params = fake_params(two, 1);
    static const char five[] =
        "{\"payload\":{\"data\":[{\"userId\":\"a\"},{\"userId\":\"b\"}],\"total\":5}}";
    fake_reset();
    assert_int_equal(parse_body(ep, &q, 2, five, strlen(five), &info, err), OR_OK);
    assert_int_equal(info.total_rows, 5);
    assert_int_equal(info.total_pages, 3);
    assert_int_equal(info.has_more, 1);
    assert_int_equal(info.next_page, 3);
    fake_reset();
    assert_int_equal(parse_body(ep, &q, 3, five, strlen(five), &info, err), OR_OK);
    assert_int_equal(info.has_more, 0);
    assert_int_equal(info.next_page, -1);

    static const char none[] = "{\"data\":[],\"totalCount\":0}";
    fake_reset();
    assert_int_equal(parse_body(ep, &q, 1, none, strlen(none), &info, err), OR_OK);
    assert_int_equal(info.total_pages, 0);
    assert_int_equal(info.has_more, 0);
}

static void
team_stats_columns_persist_across_pages(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    static const char page1[] = "[{\"userId\":\"a\",\"emailSent\":3,\"openRate\":0.5}]";
    static const char page2[] =
        "[{\"userId\":\"b\",\"openRate\":0.25,\"emailSent\":4,\"meetingBooked\":1}]";
    assert_int_equal(parse_body(ep, &plain_query, 1, page1, strlen(page1), &info, err), OR_OK);
    assert_int_equal(fake.rows.ncols, 5);
    rows_next_page(&fake.rows);
    assert_int_equal(parse_body(ep, &plain_query, 2, page2, strlen(page2), &info, err), OR_OK);
    /* The host's table keeps its columns: page 2 finds them and adds only the new one. */
    assert_int_equal(fake.rows.ncols, 6);
    assert_int_equal(fake.rows.nadded, 3);
    assert_int_equal(fake.rows.nrows, 1);
    expect_text(0, "user_id", "b");
    expect_int(0, "email_sent", 4);
    expect_real(0, "open_rate", 0.25);
    expect_int(0, "meeting_booked", 1);
    assert_string_equal(fake.rows.names[5], "meeting_booked");
    assert_int_equal(fake.nwarn, 0);
}

static void
team_stats_body_has_iso_dates_and_defaults(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    char err[OR_ERR_SIZE];
    /* January 2024 in UTC: the dates of the vendor's own example. */
    struct or_query q = {.tz = "UTC",
                         .period_start = 1704067200,
                         .period_end = 1706745600,
                         .first_day = "2024-01-01",
                         .last_day = "2024-01-31",
                         .lookup = &account_lists};
    assert_int_equal(check(ep, &q, err), OR_OK);
    assert_int_equal(build(ep, &q, 1, err), OR_OK);
    assert_string_equal(fake.req.method, "POST");
    assert_string_equal(fake.req.path, "/v1/analytics/team/stats");
    assert_string_equal(fake.req.content_type, "application/json");
    /* Every required member: the team members from the lookup, orderBy by type. */
    assert_string_equal(fake.req.body,
                        "{\"userIds\":[\"USRA\",\"USRB\"],"
                        "\"startDate\":\"2024-01-01T00:00:00.000+00:00\","
                        "\"endDate\":\"2024-01-31T23:59:59.999+00:00\",\"countBy\":\"absolute\","
                        "\"limit\":100,\"page\":1,\"sortOrder\":\"desc\","
                        "\"orderBy\":\"prospectAdded\",\"type\":\"prospect\"}");

    /* January 2024 in Berlin starts at 23:00 UTC the day before. */
    fake_reset();
    q.tz = "Europe/Berlin";
    q.period_start = 1704063600;
    q.period_end = 1706742000;
    assert_int_equal(build(ep, &q, 2, err), OR_OK);
    json_t *body = body_json();
    assert_string_equal(json_string_value(json_object_get(body, "startDate")),
                        "2023-12-31T23:00:00.000+00:00");
    assert_string_equal(json_string_value(json_object_get(body, "endDate")),
                        "2024-01-31T22:59:59.999+00:00");
    assert_int_equal(json_integer_value(json_object_get(body, "page")), 2);
    json_decref(body);

    /* No period and no dates: the vendor's default range, no dates sent. */
    fake_reset();
    struct or_query plain = plain_query;
    plain.lookup = &account_lists;
    assert_int_equal(check(ep, &plain, err), OR_OK);
    assert_int_equal(build(ep, &plain, 1, err), OR_OK);
    body = body_json();
    assert_null(json_object_get(body, "startDate"));
    assert_null(json_object_get(body, "endDate"));
    assert_int_equal(json_array_size(json_object_get(body, "userIds")), 2);
    json_decref(body);
}

static void
team_stats_params_override_and_are_checked(void **state)
{
    (void)state;
    const struct or_endpoint *ep = endpoint("team-stats");
    char err[OR_ERR_SIZE];
    static const struct or_param_value p[] = {
        {"user_ids", "abc123xyz, def456uvw"},
        {"count_by", "relative"},
        {"limit", "10"},
        {"sort_order", "asc"},
        {"order_by", "Meeting Booked"},
        {"type", "email"},
        {"start_date", "2024-01-01"},
        {"end_date", "2024-01-31"},
    };
    struct or_query q = {.tz = "Europe/Berlin",
                         .period_start = 1,
                         .period_end = 2,
                         .params = fake_params(p, ARRAY_LEN(p)),
                         .nparams = ARRAY_LEN(p)};
    fake.zone_offset = 3600; /* the report zone is UTC+1 */
    assert_int_equal(check(ep, &q, err), OR_OK);
    assert_int_equal(build(ep, &q, 2, err), OR_OK);
    assert_string_equal(fake.req.body,
                        "{\"userIds\":[\"abc123xyz\",\"def456uvw\"],"
                        "\"startDate\":\"2023-12-31T23:00:00.000+00:00\","
                        "\"endDate\":\"2024-01-31T22:59:59.999+00:00\",\"countBy\":\"relative\","
                        "\"limit\":10,\"page\":2,\"sortOrder\":\"asc\","
                        "\"orderBy\":\"Meeting Booked\",\"type\":\"email\"}");

    /* A date-time is sent as given. */
    fake_reset();
    static const struct or_param_value dt[] = {{"start_date", "2024-01-01T00:00:00.000+05:30"},
                                               {"end_date", "2024-01-31T23:59:59.999+05:30"},
                                               {"user_ids", "abc123xyz"}};
    q.params = fake_params(dt, ARRAY_LEN(dt));
    q.nparams = ARRAY_LEN(dt);
    assert_int_equal(build(ep, &q, 1, err), OR_OK);
    json_t *body = body_json();
    assert_string_equal(json_string_value(json_object_get(body, "startDate")),
                        "2024-01-01T00:00:00.000+05:30");
    assert_string_equal(json_string_value(json_object_get(body, "endDate")),
                        "2024-01-31T23:59:59.999+05:30");
    json_decref(body);

    static const struct {
        const char *name;
        const char *value;
        const char *says;
    } bad[] = {
        {"count_by", "sum", "count_by must be one of relative,absolute"},
        {"sort_order", "up", "sort_order must be one of asc,desc"},
        {"type", "call", "type must be one of prospect,email"},
        {"order_by", "meeting booked", "order_by must be one of"},
        {"limit", "0", "limit must be an integer from 1 to 10000"},
        {"limit", "many", "limit must be an integer"},
        {"start_date", "yesterday", "start_date must be YYYY-MM-DD or an ISO 8601"},
        {"end_date", "2024-13-01", "end_date must be YYYY-MM-DD or an ISO 8601"},
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        fake_reset();
        const struct or_param_value one[] = {{bad[i].name, bad[i].value}};
        struct or_query b = {.tz = "UTC", .params = fake_params(one, 1), .nparams = 1};
        assert_int_equal(check(ep, &b, err), OR_ERR_INVALID);
        if (strstr(err, bad[i].says) == NULL) {
            fail_msg("%s=%s gave: %s", bad[i].name, bad[i].value, err);
        }
        assert_int_equal(build(ep, &b, 1, err), OR_ERR_INVALID);
        assert_int_equal(fake.req.nset, 0);
    }

    static const struct or_param_value backwards[] = {{"start_date", "2024-02-01"},
                                                      {"end_date", "2024-01-01"}};
    struct or_query b = {.tz = "UTC", .params = fake_params(backwards, 2), .nparams = 2};
    assert_int_equal(check(ep, &b, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "is before start_date"));
}

/* ------------------------------------------------------------------------- */
/* The vendor beyond its seed pages (issue 12)                                */
/* ------------------------------------------------------------------------- */

static void
wrong_key_400_1001_is_an_auth_failure_in_every_envelope(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "{\"code\":1001,\"type\":\"auth\",\"message\":\"1001: Invalid token\"}",
        "{\"statusCode\":400,\"messages\":[\"1001: Invalid token\"]}",
        "{\"error\":true,\"error_code\":1001,\"error_message\":\"1001: Invalid token\"}",
        "{\"type\":\"auth\",\"message\":\"Invalid token\"}",
    };
    const struct or_endpoint *ep = endpoint("consolidated-stats");
    char hint[256];
    char msg[256];
    for (size_t i = 0; i < ARRAY_LEN(refused); i++) {
        size_t len = strlen(refused[i]);
        assert_int_equal(ep->auth_failure(&fake_host, 400, refused[i], len, hint, sizeof(hint)),
                         OR_ERR_AUTH);
        /* The host's own hint names the variable: the plugin adds none. */
        assert_string_equal(hint, "");
        assert_int_equal(ep->error_message(refused[i], len, msg, sizeof(msg)), OR_OK);
        assert_non_null(strstr(msg, "Invalid token"));
    }
    /* A 400 for a bad body is not an authentication failure. */
    static const char bad_body[] = "{\"statusCode\":400,\"message\":[\"sequenceIds should not be "
                                   "empty\",\"pageLimit must be a number\"]}";
    assert_int_equal(
        ep->auth_failure(&fake_host, 400, bad_body, strlen(bad_body), hint, sizeof(hint)),
        OR_ERR_HTTP);
    assert_int_equal(ep->error_message(bad_body, strlen(bad_body), msg, sizeof(msg)), OR_OK);
    assert_string_equal(msg, "sequenceIds should not be empty; pageLimit must be a number");
    static const char server[] =
        "{\"code\":5001,\"type\":\"error\",\"message\":\"5001: Server error\"}";
    assert_int_equal(ep->auth_failure(&fake_host, 500, server, strlen(server), hint, sizeof(hint)),
                     OR_ERR_HTTP);
    assert_int_equal(ep->auth_failure(&fake_host, 401, "", 0, hint, sizeof(hint)), OR_ERR_AUTH);
    assert_int_equal(ep->auth_failure(&fake_host, 400, "not json", 8, hint, sizeof(hint)),
                     OR_ERR_HTTP);
}

static void
required_ids_come_from_the_lists_or_are_refused_naming_the_param(void **state)
{
    (void)state;
    int64_t t = today();
    const char *eps[] = {"consolidated-stats", "team-stats"};
    const char *params[] = {"sequence_ids", "user_ids"};
    for (size_t e = 0; e < ARRAY_LEN(eps); e++) {
        const struct or_endpoint *ep = endpoint(eps[e]);
        struct or_query q = period_query(t - 3, t - 1, NULL, 0);
        char err[OR_ERR_SIZE] = "";
        /* Needed unless the user names the ids. */
        assert_int_equal(ep->lookup_needed(&fake_host, &q), OR_OK);
        const struct or_param_value given[] = {{params[e], "X1"}};
        struct or_query with = period_query(t - 3, t - 1, given, 1);
        assert_int_equal(ep->lookup_needed(&fake_host, &with), OR_ERR_NOT_FOUND);
        /* No list and no ids: refused before a body the API would refuse. */
        fake_reset();
        q.lookup = NULL;
        assert_int_equal(build(ep, &q, 1, err), OR_ERR_INVALID);
        char want[64];
        snprintf(want, sizeof(want), "give --param %s=", params[e]);
        assert_non_null(strstr(err, want));
        assert_null(fake.req.body);
        /* The list could not be read: the reason is said too. */
        struct or_lookup failed = {.source = "saleshandy.list", .failed = "HTTP 404 Not Found"};
        q.lookup = &failed;
        assert_int_equal(build(ep, &q, 1, err), OR_ERR_INVALID);
        assert_non_null(strstr(err, "HTTP 404 Not Found"));
        assert_non_null(strstr(err, want));
        /* An empty account says so. */
        struct or_lookup empty = account_lists;
        empty.nrows = 0;
        q.lookup = &empty;
        assert_int_equal(build(ep, &q, 1, err), OR_ERR_INVALID);
        assert_non_null(strstr(err, "empty"));
    }
}

static void
team_stats_reads_numbers_as_text_and_rows_under_any_payload_key(void **state)
{
    (void)state;
    static const char body[] =
        "{\"message\":\"ok\",\"payload\":{\"summary\":{\"total\":\"2\"},\"Email Analytics\":["
        "{\"userId\":\"a\",\"userName\":\"Ann\",\"emailSent\":\"25\",\"openRate\":\"12.50\","
        "\"Meeting Booked\":\"0\"},"
        "{\"userId\":\"b\",\"userName\":\"Ben\",\"emailSent\":7,\"openRate\":\"n/a\"}]}}";
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    assert_int_equal(
        parse_body(endpoint("team-stats"), &plain_query, 1, body, strlen(body), &info, err), OR_OK);
    assert_int_equal(fake.rows.nrows, 2);
    expect_text(0, "user_id", "a");
    expect_type("email_sent", OR_TYPE_INT);
    expect_int(0, "email_sent", 25);
    expect_type("open_rate", OR_TYPE_REAL);
    expect_real(0, "open_rate", 12.5);
    expect_int(0, "meeting_booked", 0);
    expect_int(1, "email_sent", 7);
    expect_null(1, "open_rate"); /* not a number: NULL, with the page's one warning */
    assert_int_equal(fake.nwarn, 1);
}

static void
sequence_and_member_lists_are_read(void **state)
{
    (void)state;
    static const char seqs[] =
        "{\"message\":\"Successfully fetched all sequences and their associated steps\","
        "\"payload\":[{\"id\":\"JA5YdAr9wy\",\"title\":\"Sample Sequence\",\"active\":true,"
        "\"steps\":[{\"id\":\"bwOLEx4l8G\",\"name\":\"Step 1\"}],\"client\":{\"id\":\"g9bzZq4aMd\","
        "\"companyName\":\"Demo\"},\"user\":{\"id\":1,\"firstName\":\"John\",\"lastName\":\"Doe\","
        "\"email\":\"John@Example.com\"}}]}";
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    checked = 0;
    assert_int_equal(
        parse_body(endpoint("sequences"), &plain_query, 1, seqs, strlen(seqs), &info, err), OR_OK);
    expect_text(0, "sequence_id", "JA5YdAr9wy");
    expect_text(0, "title", "Sample Sequence");
    expect_int(0, "active", 1);
    expect_int(0, "steps", 1);
    expect_text(0, "owner_id", "1");
    expect_text(0, "owner_name", "John Doe");
    expect_text(0, "owner_email", "john@example.com");
    expect_text(0, "client_id", "g9bzZq4aMd");
    expect_all_checked();
    assert_int_equal(info.has_more, 0); /* fewer than a page: the last */
    fake_reset();
    assert_int_equal(build(endpoint("sequences"), &plain_query, 2, err), OR_OK);
    assert_string_equal(fake.req.method, "GET");
    assert_string_equal(fake.req.path, "/v1/sequences");
    expect_query("page", "2");
    expect_query("pageSize", "100");
    assert_null(fake.req.body);

    static const char members[] = "{\"payload\":{\"data\":[{\"_id\":\"u1\",\"firstName\":\"Ann\","
                                  "\"lastName\":\"Lee\",\"email\":\"ann@x.example\",\"role\":"
                                  "\"admin\",\"status\":\"active\"}]}}";
    fake_reset_io();
    assert_int_equal(
        parse_body(endpoint("team-members"), &plain_query, 1, members, strlen(members), &info, err),
        OR_OK);
    expect_text(0, "user_id", "u1");
    expect_text(0, "user_name", "Ann Lee");
    expect_text(0, "user_email", "ann@x.example");
    expect_text(0, "role", "admin");
    static const char none[] = "{\"message\":\"no list here\"}";
    assert_int_equal(
        parse_body(endpoint("team-members"), &plain_query, 1, none, strlen(none), &info, err),
        OR_ERR_PARSE);
    assert_non_null(strstr(err, "no list of records"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fake_teardown)
        T(descriptor_is_a_saleshandy_provider),
        T(only_the_entry_symbol_is_exported),
        T(email_activity_schema_matches_design_column_for_column),
        T(team_stats_fixed_columns_are_user_id_name_email),
        T(documented_example_maps_every_email_activity_column),
        T(missing_null_empty_object_and_empty_string_become_null),
        T(wrong_types_become_null_with_one_warning_per_page),
        T(huge_strings_are_kept_whole_and_huge_dates_are_null),
        T(js_date_offsets_parse_exactly),
        T(empty_date_string_is_null),
        T(yes_no_are_booleans),
        T(has_more_and_next_page_number_drive_paging),
        T(missing_payload_or_data_is_a_parse_error_naming_the_field),
        T(malformed_json_is_parse_error_with_line_and_column),
        T(non_utf8_body_is_rejected_cleanly),
        T(body_carries_dates_paging_and_sequence_ids),
        T(period_or_dates_are_required),
        T(start_older_than_two_years_is_refused_before_any_request),
        T(end_before_start_is_refused),
        T(page_limit_outside_10_to_500_is_refused),
        T(range_over_one_year_is_split_into_year_windows),
        T(range_within_a_year_is_one_fetch),
        T(instance_window_dates_go_into_the_body),
        T(x_api_key_is_default_and_secret),
        T(bearer_auth_from_config),
        T(unknown_auth_value_is_refused),
        T(missing_api_key_is_an_auth_error_naming_the_variable),
        T(error_body_message_is_extracted),
        T(team_stats_reads_payload_data_data_and_top_level_array_shapes),
        T(team_stats_metric_names_become_snake_case_columns),
        T(team_stats_unknown_keys_are_kept_as_columns),
        T(team_stats_conflicting_types_convert_or_become_null),
        T(team_stats_shape_without_records_is_a_clear_parse_error),
        T(team_stats_nested_values_become_json_text),
        T(team_stats_paging_follows_has_more_total_or_full_pages),
        T(team_stats_columns_persist_across_pages),
        T(team_stats_body_has_iso_dates_and_defaults),
        T(team_stats_params_override_and_are_checked),
        T(wrong_key_400_1001_is_an_auth_failure_in_every_envelope),
        T(required_ids_come_from_the_lists_or_are_refused_naming_the_param),
        T(team_stats_reads_numbers_as_text_and_rows_under_any_payload_key),
        T(sequence_and_member_lists_are_read),
        T(raw_control_characters_are_escaped_and_counted),
#undef T
    };
    return cmocka_run_group_tests_name("provider_saleshandy", tests, load_plugin,
                                       fake_group_teardown);
}

/* SPDX-License-Identifier: MIT */
/*
 * The report model evaluated by evaluate.c directly, over a small dataset in
 * memory: KPI values and previous values bound to :period_start/:period_end
 * and :prev_start/:prev_end, tables with their columns, labels, formats and
 * row counts, charts by column name, text placeholders, sections of a failed
 * source marked unavailable, one report per format, and SQL that may only
 * read.  Every test says which rows it loads (load_calls(), in its body).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "dataset/dataset.h"
#include "dataset/sqlfuncs.h"
#include "proc.h"
#include "report/evaluate.h"
#include "report/template.h"

struct fixture {
    char *dir;
    GTimeZone *tz;
    struct or_dataset *ds;
    struct or_period week, prev; /* 2026-11-09..15 and 11-02..08, UTC */
    struct or_template *tpl;
    struct or_eval_input in;
    char err[OR_ERR_SIZE];
};

static int
setup(void **state)
{
    struct fixture *f = g_new0(struct fixture, 1);
    char err[OR_ERR_SIZE];
    f->dir = test_tmpdir();
    f->tz = g_time_zone_new_utc();
    assert_int_equal(or_dataset_new(&f->ds, err, sizeof(err)), OR_OK);
    assert_int_equal(or_sql_register(or_dataset_db(f->ds), f->tz, err, sizeof(err)), OR_OK);
    assert_int_equal(or_period_from_to("2026-11-09", "2026-11-15", f->tz, 1800000000, &f->week, err,
                                       sizeof(err)),
                     OR_OK);
    or_period_previous(&f->week, f->tz, 1, &f->prev);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    or_template_free(f->tpl);
    or_dataset_free(f->ds);
    g_time_zone_unref(f->tz);
    test_rmtree(f->dir);
    free(f->dir);
    g_free(f);
    return 0;
}

/* Unix seconds of @p day of November 2026 at @p hour, UTC. */
static int64_t
nov(int day, int hour)
{
    GDateTime *t = g_date_time_new_utc(2026, 11, day, hour, 0, 0);
    int64_t s = g_date_time_to_unix(t);
    g_date_time_unref(t);
    return s;
}

/* Table calls: in the week of 9-15 Nov four calls, three answered (ann 2 of
 * 3 answered, 60+120 s; bob 1 answered, 30 s); in the week before two calls
 * (ann, bob, one answered). */
static void
load_calls(struct fixture *f)
{
    char *sql = g_strdup_printf(
        "CREATE TABLE calls (id TEXT, rep_email TEXT, started_at TIME, duration_s INTEGER,"
        " outcome TEXT);"
        "INSERT INTO calls VALUES"
        " ('c1', 'ann@x.example', %lld, 60, 'answered'),"
        " ('c2', 'ann@x.example', %lld, 120, 'answered'),"
        " ('c3', 'ann@x.example', %lld, NULL, 'no-answer'),"
        " ('c4', 'bob@x.example', %lld, 30, 'answered'),"
        " ('p1', 'ann@x.example', %lld, 10, 'answered'),"
        " ('p2', 'bob@x.example', %lld, NULL, 'no-answer');",
        (long long)nov(9, 9), (long long)nov(10, 9), (long long)nov(11, 9), (long long)nov(15, 23),
        (long long)nov(2, 9), (long long)nov(8, 9));
    char *msg = NULL;
    assert_int_equal(sqlite3_exec(or_dataset_db(f->ds), sql, NULL, NULL, &msg), SQLITE_OK);
    g_free(sql);
}

/* Table emails, empty: as the fetch stage leaves the table of a failed source. */
static void
load_no_emails(struct fixture *f)
{
    char *msg = NULL;
    assert_int_equal(sqlite3_exec(or_dataset_db(f->ds), "CREATE TABLE emails (sender_email TEXT)",
                                  NULL, NULL, &msg),
                     SQLITE_OK);
}

/* Loads the template @p sections_json (the "sections" array) over source
 * calls, and the inputs of an evaluation of the week (compared with the week
 * before) in UTC. */
static void
use_template(struct fixture *f, const char *sections_json)
{
    char *json = g_strdup_printf("{\"title\": \"Test\", \"sources\": {\"calls\": {\"source\":"
                                 " \"salesfinity.call-log\"}, \"emails\": {\"source\":"
                                 " \"saleshandy.consolidated-stats\"}}, \"sections\": %s}",
                                 sections_json);
    char *path = g_build_filename(f->dir, "t.json", NULL);
    assert_true(g_file_set_contents(path, json, -1, NULL));
    or_template_free(f->tpl);
    f->tpl = NULL;
    assert_int_equal(or_template_load(path, &f->tpl, f->err, sizeof(f->err)), OR_OK);
    f->in = (struct or_eval_input){
        .tpl = f->tpl,
        .ds = f->ds,
        .tz = f->tz,
        .tz_name = "UTC",
        .period = &f->week,
        .previous = &f->prev,
        .generated_at = nov(16, 8),
    };
    g_free(path);
    g_free(json);
}

static struct or_eval *
evaluate(struct fixture *f)
{
    struct or_eval *ev = NULL;
    or_status st = or_eval_new(&f->in, &ev, f->err, sizeof(f->err));
    if (st != OR_OK) {
        fail_msg("evaluation failed: %s", f->err);
    }
    return ev;
}

static void
kpis_bind_the_period_and_the_previous_period(void **state)
{
    struct fixture *f = *state;
    load_calls(f); /* 4 calls this week (3 answered), 2 the week before */
    use_template(
        f, "[{\"kind\": \"kpis\", \"id\": \"k\", \"kpis\": ["
           "{\"label\": \"Calls\", \"format\": \"integer\","
           " \"value\": \"SELECT count(*) FROM calls WHERE started_at >= :period_start"
           " AND started_at < :period_end\","
           " \"previous\": \"SELECT count(*) FROM calls WHERE started_at >= :prev_start"
           " AND started_at < :prev_end\"},"
           "{\"label\": \"Answered\", \"format\": \"percent\", \"value\": \"SELECT avg(outcome ="
           " 'answered') FROM calls WHERE started_at BETWEEN :period_start AND :period_end\"},"
           "{\"label\": \"Zone\", \"value\": \"SELECT count(*) FROM calls WHERE :tz = 'UTC'\"},"
           "{\"label\": \"Nothing\", \"value\": \"SELECT NULL\"}]}]");
    struct or_eval *ev = evaluate(f);
    size_t n = 0;
    const struct or_section *s = or_eval_sections(ev, &n);
    assert_int_equal(n, 1);
    assert_int_equal(s[0].kind, OR_SECTION_KPIS);
    assert_int_equal(s[0].nkpis, 4);
    const struct or_kpi *const *k = s[0].kpis;
    assert_true(k[0]->has_value && k[0]->value == 4.0);
    assert_true(k[0]->has_previous && k[0]->previous == 2.0);
    assert_true(k[1]->has_value && k[1]->value == 0.75);
    assert_int_equal(k[1]->format, OR_FMT_PERCENT);
    assert_false(k[1]->has_previous);
    assert_true(k[2]->value == 6.0); /* :tz is the zone's name */
    assert_false(k[3]->has_value);   /* NULL is no value, not 0 */
    or_eval_free(ev);
}

static void
without_a_period_its_parameters_are_null(void **state)
{
    struct fixture *f = *state;
    load_calls(f); /* 6 calls in all */
    use_template(f, "[{\"kind\": \"kpis\", \"kpis\": [{\"label\": \"All\", \"value\":"
                    " \"SELECT count(*) FROM calls WHERE :period_start IS NULL AND :prev_end IS"
                    " NULL\"}]}]");
    f->in.period = NULL;
    f->in.previous = NULL;
    struct or_eval *ev = evaluate(f);
    size_t n = 0;
    const struct or_section *s = or_eval_sections(ev, &n);
    assert_true(s[0].kpis[0]->value == 6.0);
    assert_string_equal(or_eval_report(ev, "pdf")->period_label, "all data");
    or_eval_free(ev);
}

static void
tables_have_typed_columns_labels_formats_and_counts(void **state)
{
    struct fixture *f = *state;
    load_calls(f); /* this week: ann 3 calls (180 s talk), bob 1 call (30 s) */
    use_template(f, "[{\"kind\": \"table\", \"id\": \"reps\", \"sql\": \"SELECT rep_email,"
                    " count(*) AS calls, sum(duration_s) AS talk, max(started_at) AS last_call"
                    " FROM calls WHERE started_at >= :period_start AND started_at < :period_end"
                    " GROUP BY rep_email ORDER BY calls DESC\","
                    " \"columns\": {\"talk\": {\"label\": \"Talk time\", \"format\":"
                    " \"duration\", \"align\": \"right\"}}}]");
    struct or_eval *ev = evaluate(f);
    const struct or_report *rep = or_eval_report(ev, "csv");
    assert_string_equal(rep->title, "Test");
    assert_int_equal(rep->period_start, f->week.start);
    assert_int_equal(rep->nsections, 1);
    const struct or_result *r = rep->sections[0]->result;
    assert_int_equal(r->nrows, 2);
    assert_int_equal(r->ncols, 4);
    assert_string_equal(r->cols[0]->label, "Rep email"); /* a readable default */
    assert_int_equal(r->cols[0]->type, OR_TYPE_TEXT);
    assert_int_equal(r->cols[1]->type, OR_TYPE_INT); /* count(*): from its values */
    assert_string_equal(r->cols[2]->label, "Talk time");
    assert_int_equal(r->cols[2]->format, OR_FMT_DURATION);
    assert_int_equal(r->cols[2]->align, 2);
    /* an expression has no declared type: its values' (max() of a time is an int) */
    assert_int_equal(r->cols[3]->type, OR_TYPE_INT);
    struct or_value v[4];
    assert_int_equal(test_next_row(r->cursor, v), 1);
    assert_string_equal(v[0].s, "ann@x.example");
    assert_int_equal(v[1].i, 3);
    assert_int_equal(v[2].i, 180);
    assert_int_equal(test_next_row(r->cursor, v), 1);
    assert_string_equal(v[0].s, "bob@x.example");
    assert_int_equal(v[3].i, nov(15, 23));
    assert_int_equal(test_next_row(r->cursor, v), 0);
    or_eval_free(ev);
}

static void
charts_find_their_category_and_series_by_name(void **state)
{
    struct fixture *f = *state;
    load_calls(f); /* calls on 9, 10, 11 and 15 Nov */
    use_template(f, "[{\"kind\": \"chart\", \"id\": \"per-day\", \"chart\": \"line\","
                    " \"sql\": \"SELECT local_date(started_at) AS day, count(*) AS calls,"
                    " sum(outcome = 'answered') AS answered FROM calls WHERE started_at >="
                    " :period_start GROUP BY 1 ORDER BY 1\","
                    " \"x\": \"day\", \"series\": [\"answered\", \"calls\"]}]");
    struct or_eval *ev = evaluate(f);
    size_t n = 0;
    const struct or_section *s = or_eval_sections(ev, &n);
    const struct or_chart *c = s[0].chart;
    assert_non_null(c);
    assert_int_equal(c->kind, OR_CHART_LINE);
    assert_int_equal(c->x_col, 0);
    assert_int_equal(c->nseries, 2);
    assert_int_equal(c->series_cols[0], 2);
    assert_int_equal(c->series_cols[1], 1);
    assert_int_equal(s[0].result->nrows, 4);
    struct or_value v[3];
    assert_int_equal(test_next_row(s[0].result->cursor, v), 1);
    assert_string_equal(v[0].s, "2026-11-09");
    or_eval_free(ev);

    use_template(f, "[{\"kind\": \"chart\", \"id\": \"bad\", \"chart\": \"bar\","
                    " \"sql\": \"SELECT 1 AS a\", \"x\": \"a\", \"series\": \"nope\"}]");
    assert_int_equal(or_eval_new(&f->in, &ev, f->err, sizeof(f->err)), OR_ERR_INVALID);
    assert_non_null(strstr(f->err, "t.json: section 'bad': series: 'nope' is not a column"));
}

static void
text_placeholders_take_the_first_row_formatted(void **state)
{
    struct fixture *f = *state;
    load_calls(f); /* this week: 4 calls, 3 answered */
    use_template(f, "[{\"kind\": \"text\", \"id\": \"note\", \"text\": \"{n} calls, {rate}"
                    " answered.\", \"sql\": \"SELECT count(*) AS n, avg(outcome = 'answered')"
                    " AS rate FROM calls WHERE started_at >= :period_start\", \"columns\":"
                    " {\"rate\": {\"format\": \"percent\"}}}]");
    struct or_eval *ev = evaluate(f);
    size_t n = 0;
    const struct or_section *s = or_eval_sections(ev, &n);
    assert_string_equal(s[0].text, "4 calls, 75.0 % answered.");
    or_eval_free(ev);

    use_template(f, "[{\"kind\": \"text\", \"id\": \"t\", \"text\": \"{missing}\", \"sql\":"
                    " \"SELECT 1 AS n\"}]");
    assert_int_equal(or_eval_new(&f->in, &ev, f->err, sizeof(f->err)), OR_ERR_INVALID);
    assert_non_null(strstr(f->err, "placeholder {missing} is not a column"));
}

static void
sections_of_a_failed_source_say_data_unavailable(void **state)
{
    struct fixture *f = *state;
    load_calls(f);
    load_no_emails(f); /* emails failed */
    use_template(f,
                 "[{\"kind\": \"table\", \"id\": \"mails\", \"sql\": \"SELECT * FROM emails\"},"
                 " {\"kind\": \"table\", \"id\": \"both\", \"sql\": \"SELECT count(*) AS n"
                 " FROM calls JOIN emails ON sender_email = rep_email\"},"
                 " {\"kind\": \"table\", \"id\": \"calls\", \"sql\": \"SELECT id FROM calls\"}]");
    const struct or_failed_source failed[] = {{"emails", "HTTP 500 from saleshandy"}};
    f->in.failed = failed;
    f->in.nfailed = 1;
    struct or_eval *ev = evaluate(f);
    size_t n = 0;
    const struct or_section *s = or_eval_sections(ev, &n);
    assert_string_equal(s[0].unavailable, "data unavailable: emails: HTTP 500 from saleshandy");
    assert_non_null(s[1].unavailable); /* it reads emails too */
    assert_null(s[2].unavailable);
    assert_int_equal(s[2].result->nrows, 6);
    or_eval_free(ev);
}

static void
each_format_gets_its_sections_with_cursors_of_its_own(void **state)
{
    struct fixture *f = *state;
    load_calls(f); /* 6 calls */
    use_template(f, "[{\"kind\": \"table\", \"id\": \"all\", \"sql\": \"SELECT id FROM calls"
                    " ORDER BY id\"}, {\"kind\": \"table\", \"id\": \"raw\", \"formats\":"
                    " [\"csv\"], \"sql\": \"SELECT id FROM calls\"}]");
    const char *const formats[] = {"pdf", "csv", NULL};
    f->in.formats = formats;
    struct or_eval *ev = evaluate(f);
    assert_int_equal(or_eval_prepare_report(ev, "pdf", f->err, sizeof(f->err)), OR_OK);
    assert_int_equal(or_eval_prepare_report(ev, "csv", f->err, sizeof(f->err)), OR_OK);
    const struct or_report *pdf = or_eval_report(ev, "pdf");
    const struct or_report *csv = or_eval_report(ev, "csv");
    assert_int_equal(pdf->nsections, 1);
    assert_int_equal(csv->nsections, 2);
    struct or_cursor *a = pdf->sections[0]->result->cursor;
    struct or_cursor *b = csv->sections[0]->result->cursor;
    assert_ptr_not_equal(a, b);
    /* stepping one does not move the other */
    struct or_value v[1];
    assert_int_equal(test_next_row(a, v), 1);
    assert_int_equal(test_next_row(a, v), 1);
    assert_string_equal(v[0].s, "c2");
    assert_int_equal(test_next_row(b, v), 1);
    assert_string_equal(v[0].s, "c1");
    or_eval_free(ev);
}

static void
template_sql_may_only_read_with_named_parameters(void **state)
{
    struct fixture *f = *state;
    load_calls(f);
    static const char *const bad[][2] = {
        {"DELETE FROM calls", "may only read the dataset"},
        {"ATTACH 'x.db' AS x", "may only read the dataset"},
        {"SELECT * FROM calls; SELECT 1", "one SQL statement only"},
        {"SELECT * FROM calls WHERE started_at > ?", "use named parameters"},
        {"SELECT :since", "unknown parameter :since (available: :period_start"},
        {"SELECT nonexistent FROM calls", "no such column: nonexistent"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        char *secs =
            g_strdup_printf("[{\"kind\": \"table\", \"id\": \"s\", \"sql\": \"%s\"}]", bad[i][0]);
        use_template(f, secs);
        struct or_eval *ev = NULL;
        assert_int_equal(or_eval_new(&f->in, &ev, f->err, sizeof(f->err)), OR_ERR_INVALID);
        assert_null(ev);
        if (strstr(f->err, bad[i][1]) == NULL || strstr(f->err, "section 's'") == NULL) {
            fail_msg("%s: %s", bad[i][0], f->err);
        }
        g_free(secs);
    }
}

static void
a_check_forgives_columns_of_tables_that_discover_them(void **state)
{
    struct fixture *f = *state;
    load_calls(f);
    load_no_emails(f);
    use_template(f, "[{\"kind\": \"table\", \"id\": \"s\", \"sql\": \"SELECT meetings FROM"
                    " emails\"}]");
    const char *const lenient[] = {"emails", NULL};
    struct or_eval_input in = {.tpl = f->tpl, .ds = f->ds, .tz = f->tz};
    assert_int_equal(or_eval_check(&in, lenient, f->err, sizeof(f->err)), OR_OK);
    assert_int_equal(or_eval_check(&in, NULL, f->err, sizeof(f->err)), OR_ERR_INVALID);
    assert_non_null(strstr(f->err, "no such column: meetings"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(kpis_bind_the_period_and_the_previous_period, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(without_a_period_its_parameters_are_null, setup, teardown),
        cmocka_unit_test_setup_teardown(tables_have_typed_columns_labels_formats_and_counts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(charts_find_their_category_and_series_by_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(text_placeholders_take_the_first_row_formatted, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(sections_of_a_failed_source_say_data_unavailable, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(each_format_gets_its_sections_with_cursors_of_its_own,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(template_sql_may_only_read_with_named_parameters, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_check_forgives_columns_of_tables_that_discover_them,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("evaluate", tests, NULL, NULL);
}

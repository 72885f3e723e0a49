/* SPDX-License-Identifier: MIT */
/* Template SQL helpers: removing a final ORDER BY so rows are counted without a sort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>

#include "dataset/sqlfuncs.h"

static void
strips(const char *sql, const char *want)
{
    char *got = or_sql_strip_order_by(sql);
    if (want == NULL) {
        if (got != NULL) {
            fail_msg("%s: stripped to '%s', want it kept", sql, got);
        }
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    g_free(got);
}

static void
final_order_by_is_removed(void **state)
{
    (void)state;
    strips("SELECT * FROM calls ORDER BY started_at", "SELECT * FROM calls ");
    strips("select a from t order\n  by a desc, b", "select a from t ");
    strips("SELECT rep, count(*) AS n FROM calls GROUP BY rep ORDER BY n DESC",
           "SELECT rep, count(*) AS n FROM calls GROUP BY rep ");
    /* Only the statement's own: the last one outside parentheses. */
    strips("SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 3) ORDER BY a",
           "SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 3) ");
    strips("WITH x AS (SELECT a FROM t ORDER BY a) SELECT * FROM x ORDER BY 1",
           "WITH x AS (SELECT a FROM t ORDER BY a) SELECT * FROM x ");
    strips("SELECT 'ORDER BY' AS s, \"limit\" FROM t ORDER BY s -- newest LIMIT",
           "SELECT 'ORDER BY' AS s, \"limit\" FROM t ");
}

static void
nothing_to_remove_or_unsafe_is_kept(void **state)
{
    (void)state;
    strips("SELECT * FROM calls", NULL);
    strips("SELECT * FROM calls ORDER BY started_at LIMIT 10", NULL);
    strips("SELECT * FROM calls ORDER BY started_at limit 10 offset 5", NULL);
    strips("SELECT * FROM (SELECT a FROM t ORDER BY a)", NULL);
    strips("SELECT row_number() OVER (ORDER BY a) FROM t", NULL);
    strips("SELECT 'x ORDER BY a' FROM t", NULL);
    strips("SELECT [order by] FROM t", NULL);
    strips("SELECT a FROM t /* ORDER BY a */", NULL);
    strips("SELECT a FROM t -- ORDER BY a", NULL);
    strips("SELECT a FROM t ORDER/**/BY a", NULL);
    strips("SELECT a FROM t WHERE b = 'it''s ORDER BY' ", NULL);
    strips("SELECT a FROM t ORDER BY (a", NULL);
    strips("SELECT a FROM t WHERE x = 'unterminated ORDER BY a", NULL);
    strips("", NULL);
}

/* "a,b-" for a ASC, b DESC; NULL when there are no plain columns. */
static char *
order_columns(const char *sql)
{
    int *desc = NULL;
    char **cols = or_sql_order_by_columns(sql, &desc);
    if (cols == NULL) {
        assert_null(desc);
        return NULL;
    }
    GString *out = g_string_new(NULL);
    for (size_t i = 0; cols[i] != NULL; i++) {
        g_string_append_printf(out, "%s%s%s", i ? "," : "", cols[i], desc[i] ? "-" : "");
    }
    g_strfreev(cols);
    g_free(desc);
    return g_string_free(out, FALSE);
}

static void
order_columns_are_plain_names(void **state)
{
    (void)state;
    char *got = order_columns("SELECT * FROM calls ORDER BY started_at");
    assert_string_equal(got, "started_at");
    g_free(got);
    got = order_columns("SELECT * FROM calls order by rep_id asc, \"start\"\"s\" DESC ,x");
    assert_string_equal(got, "rep_id,start\"s-,x");
    g_free(got);
    const char *const not_plain[] = {
        "SELECT * FROM calls",
        "SELECT * FROM calls ORDER BY started_at LIMIT 5",
        "SELECT * FROM calls ORDER BY 1",
        "SELECT * FROM calls ORDER BY c.started_at",
        "SELECT * FROM calls ORDER BY lower(rep)",
        "SELECT * FROM calls ORDER BY rep COLLATE NOCASE",
        "SELECT * FROM calls ORDER BY rep NULLS LAST",
        "SELECT * FROM calls ORDER BY rep,",
        "SELECT * FROM calls ORDER BY rep -- comment",
        "SELECT * FROM calls ORDER BY \"unterminated",
    };
    for (size_t i = 0; i < sizeof(not_plain) / sizeof(not_plain[0]); i++) {
        got = order_columns(not_plain[i]);
        if (got != NULL) {
            fail_msg("%s: got '%s'", not_plain[i], got);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(final_order_by_is_removed),
        cmocka_unit_test(nothing_to_remove_or_unsafe_is_kept),
        cmocka_unit_test(order_columns_are_plain_names),
    };
    return cmocka_run_group_tests_name("sqlfuncs", tests, NULL, NULL);
}

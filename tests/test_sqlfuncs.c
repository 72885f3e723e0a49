/* SPDX-License-Identifier: MIT */
/* Template SQL helpers: removing a final ORDER BY so rows are counted without a sort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>

#include "sqlfuncs.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(final_order_by_is_removed),
        cmocka_unit_test(nothing_to_remove_or_unsafe_is_kept),
    };
    return cmocka_run_group_tests_name("sqlfuncs", tests, NULL, NULL);
}

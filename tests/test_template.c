/* SPDX-License-Identifier: MIT */
/*
 * Templates loaded by template.c directly: every key of every section kind
 * lands where the report model reads it, parameters of every JSON type become
 * the text --param would give, and every mistake is refused naming the file,
 * the section and the key, never silently ignored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "report/template.h"

struct fixture {
    char *dir;
};

static int
setup(void **state)
{
    struct fixture *f = g_new0(struct fixture, 1);
    f->dir = test_tmpdir();
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    test_rmtree(f->dir);
    free(f->dir);
    g_free(f);
    return 0;
}

/* Writes @p json as DIR/NAME.json; returns the path (g_free). */
static char *
write_template(const struct fixture *f, const char *name, const char *json)
{
    char *file = g_strdup_printf("%s.json", name);
    char *path = g_build_filename(f->dir, file, NULL);
    assert_true(g_file_set_contents(path, json, -1, NULL));
    g_free(file);
    return path;
}

/* Loads @p json and expects it refused with a message holding every
 * NULL-terminated fragment after @p want (the file's path is always checked). */
static void
assert_refused(const struct fixture *f, const char *json, or_status want, ...)
{
    char *path = write_template(f, "bad", json);
    struct or_template *t = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_template_load(path, &t, err, sizeof(err)), want);
    assert_null(t);
    assert_non_null(strstr(err, path));
    va_list ap;
    va_start(ap, want);
    for (const char *frag = va_arg(ap, const char *); frag != NULL;
         frag = va_arg(ap, const char *)) {
        if (strstr(err, frag) == NULL) {
            fail_msg("'%s' not in: %s", frag, err);
        }
    }
    va_end(ap);
    g_free(path);
}

static const char every_kind[] =
    "{\"title\": \"Calls by rep\", \"description\": \"d\", \"period\": \"last-month\","
    " \"sources\": {"
    "  \"calls\": {\"source\": \"salesfinity.call-log\","
    "             \"params\": {\"direction\": \"outbound\", \"disposition_ids\": [1, 4],"
    "                          \"limit\": 50, \"ratio\": 0.5, \"has_recording\": true}},"
    "  \"prev_calls\": {\"source\": \"salesfinity.call-log\", \"period\": \"previous\"},"
    "  \"emails\": {\"source\": \"saleshandy.consolidated-stats\", \"required\": false}},"
    " \"sections\": ["
    "  {\"kind\": \"kpis\", \"id\": \"headline\", \"kpis\": ["
    "    {\"label\": \"Calls\", \"format\": \"integer\", \"value\": \"SELECT 1\","
    "     \"previous\": \"SELECT 2\"},"
    "    {\"label\": \"Bounce\", \"format\": \"percent\", \"lower_is_better\": true,"
    "     \"value\": \"SELECT 0.1\"}]},"
    "  {\"kind\": \"table\", \"title\": \"Reps\", \"sql\": \"SELECT 1 AS calls\","
    "   \"formats\": \"xlsx\", \"landscape\": true, \"columns\": {\"rep_name\": \"Rep\","
    "   \"talk\": {\"label\": \"Talk\", \"format\": \"duration\", \"align\": \"right\"}}},"
    "  {\"kind\": \"chart\", \"id\": \"per-day\", \"chart\": \"grouped_bar\", \"sql\": \"SELECT "
    "1\","
    "   \"x\": \"day\", \"series\": [\"calls\", \"connected\"], \"x_label\": \"Day\","
    "   \"y_label\": \"n\", \"horizontal\": true},"
    "  {\"kind\": \"text\", \"id\": \"note\", \"text\": \"{n} calls\", \"sql\": \"SELECT 3 AS n\"},"
    "  {\"kind\": \"page_break\"}]}";

/* The template above, loaded: every key where the report model reads it. */
static void
every_section_kind_and_key_lands_in_the_model(void **state)
{
    struct fixture *f = *state;
    char *path = write_template(f, "every-kind", every_kind);
    struct or_template *t = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_template_load(path, &t, err, sizeof(err)), OR_OK);
    assert_string_equal(t->name, "every-kind");
    assert_string_equal(t->title, "Calls by rep");
    assert_string_equal(t->period, "last-month");
    assert_int_equal(t->nsources, 3);
    /* params as --param would give them: lists comma-separated */
    const struct or_tpl_source *calls = &t->sources[0];
    assert_string_equal(calls->alias, "calls");
    assert_string_equal(calls->source, "salesfinity.call-log");
    assert_string_equal(calls->params[0], "direction=outbound");
    assert_string_equal(calls->params[1], "disposition_ids=1,4");
    assert_string_equal(calls->params[2], "limit=50");
    assert_string_equal(calls->params[3], "ratio=0.5");
    assert_string_equal(calls->params[4], "has_recording=true");
    assert_null(calls->params[5]);
    assert_true(calls->required && !calls->previous);
    assert_true(t->sources[1].previous);
    assert_false(t->sources[2].required);

    assert_int_equal(t->nsections, 5);
    const struct or_tpl_section *k = &t->sections[0];
    assert_int_equal(k->kind, OR_SECTION_KPIS);
    assert_int_equal(k->nkpis, 2);
    assert_string_equal(k->kpis[0].previous_sql, "SELECT 2");
    assert_int_equal(k->kpis[1].format, OR_FMT_PERCENT);
    assert_true(k->kpis[1].lower_is_better);
    assert_null(k->kpis[1].previous_sql);

    const struct or_tpl_section *tb = &t->sections[1];
    assert_string_equal(tb->id, "table-2"); /* KIND-N when it has none */
    assert_true(tb->landscape);
    assert_int_equal(tb->ncolumns, 2);
    assert_string_equal(tb->columns[0].label, "Rep");
    assert_int_equal(tb->columns[1].format, OR_FMT_DURATION);
    assert_int_equal(tb->columns[1].align, 2);
    assert_true(or_tpl_section_shows_in(tb, "XLSX"));
    assert_false(or_tpl_section_shows_in(tb, "pdf"));

    const struct or_tpl_section *ch = &t->sections[2];
    assert_int_equal(ch->chart, OR_CHART_GROUPED_BAR);
    assert_string_equal(ch->x, "day");
    assert_string_equal(ch->series[1], "connected");
    assert_true(ch->horizontal);
    assert_true(or_tpl_section_shows_in(ch, "pdf"));

    assert_string_equal(t->sections[3].text, "{n} calls");
    assert_int_equal(t->sections[4].kind, OR_SECTION_PAGE_BREAK);
    or_template_free(t);
    g_free(path);
}

/* A name is looked up in $OUTREPORT_TEMPLATE_PATH; a path is taken as it is. */
static void
names_are_found_on_the_template_path(void **state)
{
    struct fixture *f = *state;
    char *path = write_template(f, "mine", every_kind);
    setenv("OUTREPORT_TEMPLATE_PATH", f->dir, 1);
    char *found = or_template_find("mine");
    assert_string_equal(found, path);
    g_free(found);
    found = or_template_find(path);
    assert_string_equal(found, path);
    g_free(found);
    assert_null(or_template_find("no-such-template"));
    struct or_template *t = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_template_load("no-such-template", &t, err, sizeof(err)), OR_ERR_NOT_FOUND);
    assert_non_null(strstr(err, "template 'no-such-template' not found"));
    unsetenv("OUTREPORT_TEMPLATE_PATH");
    g_free(path);
}

/* Each mistake is refused with the file, the section and the key. */
static void
mistakes_are_refused_naming_file_section_and_key(void **state)
{
    struct fixture *f = *state;
    const char *src = "\"sources\": {\"calls\": {\"source\": \"salesfinity.call-log\"}}";
    char *j;
    assert_refused(f, "{\"title\": \"t\",\n \"sources\": {", OR_ERR_PARSE, "invalid JSON at line 2",
                   NULL);
    assert_refused(f, "[1]", OR_ERR_INVALID, "a template is a JSON object", NULL);
    j = g_strdup_printf("{\"title\": \"t\", \"titel\": 1, %s, \"sections\": []}", src);
    assert_refused(f, j, OR_ERR_INVALID, "unknown key 'titel' in the template", NULL);
    g_free(j);
    assert_refused(f,
                   "{\"title\": \"t\", \"sources\": {\"Calls\": {\"source\": \"a.b\"}},"
                   " \"sections\": [{\"kind\": \"page_break\"}]}",
                   OR_ERR_INVALID, "source 'Calls'", "lower-case letters", NULL);
    assert_refused(f,
                   "{\"title\": \"t\", \"sources\": {\"calls\": {\"source\": \"callog\"}},"
                   " \"sections\": [{\"kind\": \"page_break\"}]}",
                   OR_ERR_INVALID, "source 'calls'", "provider.endpoint", NULL);
    assert_refused(f,
                   "{\"title\": \"t\", \"sources\": {\"calls\": {\"source\": \"a.b\","
                   " \"params\": {\"x\": null}}}, \"sections\": [{\"kind\": \"page_break\"}]}",
                   OR_ERR_INVALID, "param 'x' must be a string, number, boolean or array", NULL);
    j = g_strdup_printf("{\"title\": \"t\", %s, \"sections\": [{\"kind\": \"tabel\"}]}", src);
    assert_refused(f, j, OR_ERR_INVALID, "section 1", "unknown kind 'tabel'", "table, kpis", NULL);
    g_free(j);
    j = g_strdup_printf("{\"title\": \"t\", %s, \"sections\": [{\"kind\": \"table\","
                        " \"id\": \"reps\"}]}",
                        src);
    assert_refused(f, j, OR_ERR_INVALID, "section 'reps'", "missing 'sql'", NULL);
    g_free(j);
    j = g_strdup_printf("{\"title\": \"t\", %s, \"sections\": [{\"kind\": \"table\","
                        " \"id\": \"reps\", \"sql\": \"SELECT 1\", \"columns\":"
                        " {\"n\": {\"format\": \"money\"}}}]}",
                        src);
    assert_refused(f, j, OR_ERR_INVALID, "column 'n': unknown format 'money'", "percent", NULL);
    g_free(j);
    j = g_strdup_printf("{\"title\": \"t\", %s, \"sections\": [{\"kind\": \"chart\","
                        " \"id\": \"d\", \"chart\": \"donut\", \"sql\": \"SELECT 1\","
                        " \"x\": \"a\", \"series\": [\"b\", \"c\"]}]}",
                        src);
    assert_refused(f, j, OR_ERR_INVALID, "section 'd'", "a donut chart takes exactly one series",
                   NULL);
    g_free(j);
    j = g_strdup_printf("{\"title\": \"t\", %s, \"sections\": [{\"kind\": \"page_break\","
                        " \"id\": \"x\"}, {\"kind\": \"page_break\", \"id\": \"x\"}]}",
                        src);
    assert_refused(f, j, OR_ERR_INVALID, "id 'x' is used twice", NULL);
    g_free(j);
    j = g_strdup_printf("{\"title\": \"t\", %s, \"sections\": [{\"kind\": \"kpis\","
                        " \"id\": \"k\", \"kpis\": [{\"label\": \"a\"}]}]}",
                        src);
    assert_refused(f, j, OR_ERR_INVALID, "section 'k'", "missing 'value'", NULL);
    g_free(j);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_section_kind_and_key_lands_in_the_model, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(names_are_found_on_the_template_path, setup, teardown),
        cmocka_unit_test_setup_teardown(mistakes_are_refused_naming_file_section_and_key, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}

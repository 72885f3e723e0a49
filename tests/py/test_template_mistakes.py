#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Template mistakes are errors, never a quiet wrong document (issue 13, point 2).

Each mistake is refused with exit status 2 and a message naming the
template, the section by its id and the column: by `validate` where the
declared column types tell, else by `run`, which then writes no document.
"""
import os

from outreport_e2e import TempDirTest, main, ok, run, write_template

CALLS = {"calls": {"source": "salesfinity.call-log"}}


def template(*sections, **top):
    t = {"title": "Mistakes", "sources": dict(CALLS)}
    t.update(top)
    t["sections"] = list(sections)
    return t


class TemplateMistakes(TempDirTest):
    def refused(self, tpl, when, *expected):
        """The template is refused by validate (when == "validate") or only by run."""
        path = write_template(self.dir, tpl)
        v = run(["validate", path], replay=False)
        out = os.path.join(self.dir, "out")
        r = run(["run", path, "--format", "pdf,xlsx,csv", "--out", out])
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertEqual(sorted(os.listdir(out)), ["manifest.json"], "no document is written")
        if when == "validate":
            self.assertEqual(v.returncode, 2, v.stdout)
            msg = v.stderr
        else:
            self.assertEqual(v.returncode, 0, v.stderr)
            msg = r.stderr
        for e in (path + ": ",) + expected:
            self.assertIn(e, msg)
        return msg

    def test_chart_series_on_a_text_column(self):
        self.refused(template({"kind": "chart", "id": "by-rep", "chart": "bar",
                               "sql": "SELECT rep_email, rep_name FROM calls",
                               "x": "rep_email", "series": "rep_name"}),
                     "validate", "section 'by-rep': column 'rep_name' is text: "
                     "a chart series must be a number")

    def test_chart_series_on_a_text_expression(self):
        self.refused(template({"kind": "chart", "id": "days", "chart": "line",
                               "sql": "SELECT local_date(started_at) AS day, weekday_name("
                                      "started_at) AS wd FROM calls GROUP BY 1 ORDER BY 1",
                               "x": "day", "series": "wd"}),
                     "run", "section 'days': column 'wd' holds 'Mon' (row 1): "
                     "a chart series must be a number")

    def test_kpi_of_two_columns(self):
        self.refused(template({"kind": "kpis", "id": "head", "kpis": [
            {"label": "Calls", "value": "SELECT count(*), 1 FROM calls"}]}),
            "validate", "section 'head': kpi 'Calls' value: returns 2 columns; a KPI is one value")

    def test_kpi_of_a_text_column(self):
        self.refused(template({"kind": "kpis", "id": "head", "kpis": [
            {"label": "Who", "value": "SELECT rep_name FROM calls LIMIT 1"}]}),
            "validate", "section 'head': kpi 'Who' value: column 'rep_name' is text: "
            "a KPI is a number")

    def test_kpi_of_text_values(self):
        self.refused(template({"kind": "kpis", "id": "head", "kpis": [
            {"label": "Top rep", "value": "SELECT max(rep_name) FROM calls"}]}),
            "run", "section 'head': kpi 'Top rep' value: column 'max(rep_name)' holds")

    def test_kpi_of_many_rows_and_of_none(self):
        self.refused(template({"kind": "kpis", "id": "head", "kpis": [
            {"label": "Talk", "value": "SELECT duration_s FROM calls"}]}),
            "run", "section 'head': kpi 'Talk' value: returns more than one row")
        self.refused(template({"kind": "kpis", "id": "head", "kpis": [
            {"label": "Talk", "value": "SELECT duration_s FROM calls WHERE 0"}]}),
            "run", "section 'head': kpi 'Talk' value: returns no row")

    def test_format_that_does_not_fit_the_column(self):
        self.refused(template({"kind": "table", "id": "reps", "sql": "SELECT rep_name FROM calls",
                               "columns": {"rep_name": {"format": "percent"}}}),
                     "validate", "section 'reps': column 'rep_name' is text: "
                     "format percent needs numbers")
        self.refused(template({"kind": "table", "id": "at", "sql": "SELECT started_at FROM calls",
                               "columns": {"started_at": {"format": "duration"}}}),
                     "validate", "section 'at': column 'started_at' is an instant: "
                     "format duration needs numbers")
        self.refused(template({"kind": "table", "id": "days",
                               "sql": "SELECT weekday_name(started_at) AS day, count(*) AS n "
                                      "FROM calls GROUP BY 1",
                               "columns": {"day": {"format": "date"}}}),
                     "run", "section 'days': column 'day' holds '",
                     "format date needs instants or YYYY-MM-DD dates")

    def test_unknown_column_lists_the_tables_columns(self):
        self.refused(template({"kind": "table", "id": "reps", "sql": "SELECT rep_nmae FROM calls"}),
                     "validate", "section 'reps': sql: no such column: rep_nmae "
                     "(did you mean rep_name?); calls has: id, call_id, started_at,",
                     "rep_email, contact_name")

    def test_sparkline_of_text_or_of_two_columns(self):
        def kpis(spark):
            return template({"kind": "kpis", "id": "head", "kpis": [
                {"label": "Calls", "value": "SELECT count(*) FROM calls", "sparkline": spark}]})
        self.refused(kpis("SELECT rep_name FROM calls"), "validate",
                     "section 'head': kpi 'Calls' sparkline: column 'rep_name' is text: "
                     "a sparkline is numbers")
        self.refused(kpis("SELECT count(*), 1 FROM calls"), "validate",
                     "section 'head': kpi 'Calls' sparkline: returns 2 columns")
        self.refused(kpis("SELECT weekday_name(started_at) FROM calls GROUP BY 1"), "run",
                     "section 'head': kpi 'Calls' sparkline: column 'weekday_name(started_at)' "
                     "holds '", "(row 1): a sparkline is numbers")

    def test_trend_mark_and_store_keys_are_checked_by_name(self):
        self.refused(template({"kind": "chart", "id": "weeks", "chart": "trend", "mark": "is_now",
                               "sql": "SELECT local_date(started_at) AS day, count(*) AS n "
                                      "FROM calls GROUP BY 1",
                               "x": "day", "series": ["n"]}),
                     "validate", "section 'weeks': mark: 'is_now' is not a column of the query")
        self.refused(template({"kind": "chart", "id": "weeks", "chart": "trnd",
                               "sql": "SELECT 1 AS x, 2 AS y", "x": "x", "series": ["y"]}),
                     "validate", "section 'weeks': unknown chart 'trnd' (did you mean trend?)")
        self.refused(template({"kind": "kpis", "id": "head", "kpis": [
            {"label": "Calls", "value": "SELECT count(*) FROM calls", "sparklin": "SELECT 1"}]}),
            "validate", "unknown key 'sparklin' in a kpi (did you mean sparkline?)")
        self.refused(template({"kind": "table", "id": "days",
                               "sql": "SELECT sourc FROM coverage"}),
                     "validate", "section 'days': sql: no such column: sourc (did you mean "
                     "source?); coverage has: source, day, week, stored")

    def test_validate_knows_the_coverage_table_and_the_variables(self):
        path = write_template(self.dir, template(
            {"kind": "kpis", "id": "head", "kpis": [
                {"label": "Long calls", "format": "integer",
                 "value": "SELECT count(*) FROM calls WHERE duration_s >= :min_s",
                 "sparkline": "SELECT CASE WHEN min(stored) THEN count(*) END FROM coverage "
                              "WHERE source = 'trend' GROUP BY week ORDER BY week"}]},
            {"kind": "chart", "id": "weeks", "chart": "trend", "mark": "now",
             "sql": "SELECT week, count(*) AS days, week = local_date(:period_start) AS now "
                    "FROM coverage WHERE source = 'trend' GROUP BY week ORDER BY week",
             "x": "week", "series": ["days"], "columns": {"week": {"format": "date"}}},
            vars={"min_s": 60},
            sources={"calls": {"source": "salesfinity.call-log"},
                     "trend": {"source": "salesfinity.call-log", "period": "last-4-weeks"}}))
        ok(run(["validate", path], replay=False))
        ok(run(["validate", path, "--var", "min_s=120"], replay=False))
        v = run(["validate", path, "--var", "min_sec=1"], replay=False)
        self.assertEqual(v.returncode, 2)
        self.assertIn("--var min_sec=1: no such variable", v.stderr)
        ok(run(["run", path, "--format", "pdf,xlsx", "--out", os.path.join(self.dir, "out")]))

    def test_fitting_formats_and_numbers_pass(self):
        path = write_template(self.dir, template(
            {"kind": "kpis", "id": "head", "kpis": [
                {"label": "Calls", "format": "integer", "value": "SELECT count(*) FROM calls"},
                {"label": "First", "format": "datetime", "value": "SELECT min(started_at) FROM calls"}]},
            {"kind": "chart", "id": "days", "chart": "line",
             "sql": "SELECT local_date(started_at) AS day, count(*) AS n FROM calls GROUP BY 1",
             "x": "day", "series": "n", "columns": {"day": {"format": "date"}}}))
        ok(run(["validate", path], replay=False))
        ok(run(["run", path, "--format", "pdf", "--out", os.path.join(self.dir, "out")]))


if __name__ == "__main__":
    main()

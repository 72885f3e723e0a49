#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Pivot sections and sheets named by section id (issue 17, point 5).

weekly-manager's "meetings-by-weekday" pivots the week's calls: lists down,
weekdays across (Monday first, by the "order" column), meetings summed, a
Total column, a colour scale on the cells.  Read back with pdftotext and
openpyxl, and checked against the per-rep CSV of the same run: the pivot's
grand total is the week's meetings.  A template of our own checks the total
row, count and avg, and sheet names made from long ids.  Mistakes in a pivot
are refused with exit 2.
"""
import os

import openpyxl

from outreport_e2e import TempDirTest, csv_rows, main, ok, pdf_text, run, write_template

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CALLS = {"calls": {"source": "salesfinity.call-log"}}


class PivotTest(TempDirTest):
    def render(self, template, formats="pdf,xlsx,csv"):
        out = os.path.join(self.dir, "out")
        ok(run(["run", template, "--format", formats, "--out", out, "-q"]))
        return out

    def test_weekly_manager_pivots_meetings_by_list_and_weekday(self):
        out = self.render("weekly-manager")
        wb = openpyxl.load_workbook(os.path.join(out, "weekly-manager.xlsx"))
        ws = wb["meetings-by-weekday"]
        rows = list(ws.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), ["List"] + DAYS + ["Total"])
        body = rows[1:]
        self.assertGreater(len(body), 3)
        for r in body:
            self.assertTrue(all(isinstance(v, int) for v in r[1:]), r)
            self.assertEqual(sum(r[1:8]), r[8], f"row {r[0]}: the Total is the row's sum")
        meetings = sum(int(r["meetings"]) for r in
                       csv_rows(os.path.join(out, "weekly-manager-reps.csv")))
        self.assertEqual(sum(r[8] for r in body), meetings, "every meeting of the week")
        self.assertNotIn("Total", [r[0] for r in body], "a scale leaves out the total row")
        ranges = {str(cf.sqref): [r.type for r in cf.rules] for cf in ws.conditional_formatting}
        self.assertEqual(ranges.get(f"B2:B{len(rows)}"), ["colorScale"])
        self.assertNotIn(f"I2:I{len(rows)}", ranges, "the Total column is not on the scale")
        text = pdf_text(os.path.join(out, "weekly-manager.pdf"))
        head = next(l for l in text.splitlines() if l.strip().startswith("List ") and "Mon" in l)
        self.assertEqual(head.split(), ["List"] + DAYS + ["Total"])
        csv = csv_rows(os.path.join(out, "weekly-manager-meetings-by-weekday.csv"))
        self.assertEqual(list(csv[0].keys()), ["list"] + DAYS + ["Total"])

    def test_total_row_count_and_avg(self):
        tpl = {"title": "Pivots", "sources": CALLS, "sections": [
            {"kind": "pivot", "id": "calls-by-outcome-and-direction",
             "sql": "SELECT coalesce(outcome, '-') AS outcome, direction, duration_s FROM calls",
             "pivot": {"rows": "outcome", "columns": "direction", "value": "duration_s",
                       "aggregate": "count", "good": ">= 100"}},
            {"kind": "pivot", "id": "average-talk-by-outcome-and-direction-of-the-call",
             "sql": "SELECT coalesce(outcome, '-') AS outcome, direction, duration_s FROM calls",
             "pivot": {"rows": "outcome", "columns": "direction", "value": "duration_s",
                       "aggregate": "avg", "format": "duration"}},
            {"kind": "table", "id": "average-talk-by-outcome-and-direction-of-the-call-2",
             "sql": "SELECT count(*) AS n FROM calls"},
        ]}
        out = self.render(write_template(self.dir, tpl), "xlsx,csv")
        wb = openpyxl.load_workbook(os.path.join(out, "t.xlsx"))
        # sheets by id, cut to 31 characters and made unique
        self.assertEqual(wb.sheetnames[1:], ["calls-by-outcome-and-direction",
                                             "average-talk-by-outcome-and-dir",
                                             "average-talk-by-outcome-and (2)"])
        rows = list(wb["calls-by-outcome-and-direction"].iter_rows(values_only=True))
        self.assertEqual(rows[-1][0], "Total")
        directions = rows[0][1:-1]
        n = sum(int(r["n"]) for r in csv_rows(os.path.join(
            out, "t-average-talk-by-outcome-and-direction-of-the-call-2.csv")))
        self.assertEqual(rows[-1][-1], n, "the grand total counts every call")
        for j in range(1, len(directions) + 1):
            self.assertEqual(sum(r[j] or 0 for r in rows[1:-1]), rows[-1][j], "column totals")
        avg = list(wb["average-talk-by-outcome-and-dir"].iter_rows(values_only=True))
        self.assertFalse(any(isinstance(v, str) for v in avg[1][1:]),
                         "durations stay numbers (fractions of a day), not text")
        self.assertEqual(wb["average-talk-by-outcome-and-dir"].cell(2, 2).number_format,
                         "[h]:mm:ss")

    def refused(self, section, *expected):
        path = write_template(self.dir, {"title": "P", "sources": CALLS, "sections": [section]})
        out = os.path.join(self.dir, "out")
        r = run(["run", path, "--format", "pdf,xlsx", "--out", out])
        self.assertEqual(r.returncode, 2, r.stderr)
        written = sorted(os.listdir(out)) if os.path.isdir(out) else []
        self.assertIn(written, ([], ["manifest.json"]), "no document is written")
        for e in (path + ": ", "section 'p'") + expected:
            self.assertIn(e, r.stderr)

    def test_mistakes_in_a_pivot_are_refused(self):
        sql = "SELECT rep_name, direction, duration_s, id FROM calls"
        base = {"rows": "rep_name", "columns": "direction", "value": "duration_s"}
        self.refused({"kind": "pivot", "id": "p", "sql": sql}, "needs 'pivot'")
        self.refused({"kind": "pivot", "id": "p", "sql": sql,
                      "pivot": {"rows": "rep_name", "colums": "direction", "value": "x"}},
                     "unknown key 'colums'", "did you mean columns?")
        self.refused({"kind": "pivot", "id": "p", "sql": sql,
                      "pivot": dict(base, aggregate="median")}, "unknown aggregate 'median'")
        self.refused({"kind": "table", "id": "p", "sql": sql, "pivot": base},
                     "'pivot' is for sections of kind \"pivot\"")
        self.refused({"kind": "pivot", "id": "p", "sql": sql,
                      "pivot": dict(base, columns="id")}, "has more than 100 values")
        self.refused({"kind": "pivot", "id": "p", "sql": sql,
                      "pivot": dict(base, value="no_such")}, "no_such")


if __name__ == "__main__":
    main()

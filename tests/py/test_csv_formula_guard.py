#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Phone numbers and data stay intact in CSV; formulas do not run (issue 13, point 4).

The OWASP CSV-injection payloads of tests/fixtures/csv/formula_payloads.json
go through a template (as SQL literals) into CSV in all three profiles and
into XLSX: in the CSV files each payload gets a leading ' and every phone or
negative number is written as it is; in the workbook every one is a text cell
holding exactly the value (never a formula).  The sample week's own phone
numbers come out of weekly-manager's CSV intact.
"""
import json
import os
import re

import openpyxl
from openpyxl.utils.escape import unescape

from outreport_e2e import SOURCE, TempDirTest, csv_rows, main, ok, run, write_template

with open(os.path.join(SOURCE, "tests", "fixtures", "csv", "formula_payloads.json"),
          encoding="utf-8") as f:
    FIXTURE = json.load(f)
VALUES = FIXTURE["guarded"] + FIXTURE["intact"]


def literal(s):
    return "'" + s.replace("'", "''") + "'"


def template():
    values = ", ".join(f"({i}, {literal(v)})" for i, v in enumerate(VALUES))
    return {
        "title": "Payloads",
        "sources": {"calls": {"source": "salesfinity.call-log"}},
        "sections": [{"kind": "table", "id": "values", "title": "Values",
                      "sql": f"SELECT column1 AS n, column2 AS value FROM (VALUES {values}) "
                             "ORDER BY column1"}],
    }


class CsvFormulaGuard(TempDirTest):
    def test_payloads_are_guarded_and_numbers_intact_in_every_profile(self):
        path = write_template(self.dir, template())
        for profile, sep in (("rfc4180", ","), ("excel", ","), ("excel-eu", ";")):
            out = os.path.join(self.dir, profile)
            ok(run(["run", path, "--format", "csv", "--out", out, "--option", f"profile={profile}"]))
            rows = csv_rows(os.path.join(out, "t-values.csv"), sep)
            got = [r["value"] for r in rows]
            self.assertEqual(len(got), len(VALUES))
            for value, written in zip(VALUES, got):
                if value in FIXTURE["guarded"]:
                    self.assertEqual(written, "'" + value, f"{profile}: {value!r} not guarded")
                else:
                    self.assertEqual(written, value, f"{profile}: {value!r} changed")

    def test_xlsx_holds_every_value_as_text_never_a_formula(self):
        path = write_template(self.dir, template())
        ok(run(["run", path, "--format", "xlsx", "--out", self.dir]))
        ws = openpyxl.load_workbook(os.path.join(self.dir, "t.xlsx"))["values"]
        cells = [row[1] for row in ws.iter_rows(min_row=2)]
        self.assertEqual(len(cells), len(VALUES))
        for value, cell in zip(VALUES, cells):
            self.assertEqual(cell.data_type, "s", f"{value!r} is not a text cell")
            # OOXML writes a CR as _x000D_, which Excel reads back as CR
            self.assertEqual(unescape(cell.value), value)

    def test_recorded_phone_numbers_are_written_as_they_are(self):
        ok(run(["run", "weekly-manager", "--format", "csv", "--out", self.dir]))
        rows = csv_rows(os.path.join(self.dir, "weekly-manager-all-calls.csv"))
        phones = [r[c] for r in rows for c in ("from_number", "to_number") if r[c]]
        self.assertGreater(len(phones), 1000)
        for p in phones:
            self.assertRegex(p, r"^\+\d+$")


if __name__ == "__main__":
    main()

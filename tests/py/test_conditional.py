#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Conditional formatting (issue 17, point 2): "good"/"bad" thresholds, colour
scales and data bars on template columns, thresholds on KPI tiles.

The shipped weekly-manager template carries them (connect rate: a "good" and
a "bad" threshold; conversations: a colour scale; meetings: data bars; the
Connect rate tile: thresholds too); the tests read the thresholds from the
template itself.  The workbook is read with openpyxl:
the rules are Excel's own conditional formats on the right ranges, so they
keep working when a reader edits a value.  The PDF's page content (qpdf
--qdf, uncompressed) holds the fills and text colours of the cells the rules
colour, and only then.  Mistakes in a rule are refused with exit 2, naming
the template, section and column.
"""
import json
import os
import re
import subprocess

import openpyxl

from outreport_e2e import SOURCE, TempDirTest, main, ok, run, write_template

OPERATORS = {">=": "greaterThanOrEqual", ">": "greaterThan", "<=": "lessThanOrEqual",
             "<": "lessThan", "=": "equal", "!=": "notEqual"}


def shipped_rules():
    """weekly-manager's thresholds as Excel rules: (operator, [number]) of the reps'
    connect-rate column and of the Connect rate tile, good first."""
    with open(os.path.join(SOURCE, "templates", "weekly-manager.json"), encoding="utf-8") as f:
        tpl = json.load(f)

    def rules(d):
        return [(OPERATORS[d[k].split()[0]], [d[k].split()[1]]) for k in ("good", "bad")]
    reps = next(x for x in tpl["sections"] if x.get("id") == "reps")
    tile = next(k for x in tpl["sections"] if x["kind"] == "kpis" for k in x["kpis"]
                if k["label"] == "Connect rate")
    return rules(reps["columns"]["connect_rate"]), rules(tile)

GOOD_FILL = (0xC6, 0xEF, 0xCE)
BAD_FILL = (0xFF, 0xC7, 0xCE)
GOOD_TEXT = (0x00, 0x61, 0x00)
BAD_TEXT = (0x9C, 0x00, 0x06)
BAR = (169, 193, 224)  # the default bar colour, lightened under the text


def pdf_colours(path, folder):
    """Every fill colour (r g b rg) set in the PDF's pages, as 0-255 triples."""
    qdf = os.path.join(folder, "qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, qdf], check=True)
    with open(qdf, "rb") as f:
        data = f.read().decode("latin-1")
    out = set()
    for m in re.finditer(r"([\d.]+) ([\d.]+) ([\d.]+) rg", data):
        out.add(tuple(round(float(v) * 255) for v in m.groups()))
    return out


def near(colour, colours):
    return any(all(abs(a - b) <= 1 for a, b in zip(colour, c)) for c in colours)


def rules_by_range(ws):
    out = {}
    for cf in ws.conditional_formatting:
        out[str(cf.sqref)] = list(cf.rules)
    return out


class ConditionalTest(TempDirTest):
    def render(self, template="weekly-manager"):
        out = os.path.join(self.dir, "out")
        ok(run(["run", template, "--format", "pdf,xlsx", "--out", out, "-q"]))
        name = os.path.splitext(os.path.basename(template))[0]
        return os.path.join(out, name + ".pdf"), os.path.join(out, name + ".xlsx")

    def test_workbook_has_native_rules_on_the_columns(self):
        _, xlsx = self.render()
        wb = openpyxl.load_workbook(xlsx)
        ws = wb["reps"]
        header = [c.value for c in ws[1]]
        n = ws.max_row
        col = {label: openpyxl.utils.get_column_letter(i + 1) for i, label in enumerate(header)}
        rules = rules_by_range(ws)
        rate = rules[f"{col['Connect rate']}2:{col['Connect rate']}{n}"]
        self.assertEqual([(r.operator, r.formula) for r in rate], shipped_rules()[0])
        self.assertEqual([r.type for r in rate], ["cellIs", "cellIs"])
        self.assertTrue(rate[0].stopIfTrue, "good wins over bad")
        self.assertEqual(rate[0].dxf.fill.bgColor.rgb, "FFC6EFCE")
        self.assertEqual(rate[1].dxf.font.color.rgb, "FF9C0006")
        scale = rules[f"{col['Conversations']}2:{col['Conversations']}{n}"]
        self.assertEqual([r.type for r in scale], ["colorScale"])
        self.assertEqual([c.rgb for c in scale[0].colorScale.color], ["FFFCFCFF", "FF63BE7B"])
        bars = rules[f"{col['Meetings']}2:{col['Meetings']}{n}"]
        self.assertEqual([r.type for r in bars], ["dataBar"])
        # typed numbers stay numbers under the rules
        self.assertIsInstance(ws[f"{col['Connect rate']}2"].value, float)

    def test_kpi_tile_rule_is_on_its_summary_cell(self):
        _, xlsx = self.render()
        ws = openpyxl.load_workbook(xlsx)["Summary"]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Connect rate")
        rules = rules_by_range(ws)[f"B{row}"]
        self.assertEqual([(r.operator, r.formula) for r in rules], shipped_rules()[1])

    def test_pdf_colours_the_cells_the_rules_match(self):
        pdf, _ = self.render()
        colours = pdf_colours(pdf, self.dir)
        for what, c in (("good fill", GOOD_FILL), ("bad fill", BAD_FILL),
                        ("good text", GOOD_TEXT), ("bad text", BAD_TEXT), ("data bar", BAR),
                        ("scale top", (0x63, 0xBE, 0x7B))):
            self.assertTrue(near(c, colours), f"the PDF has no {what} {c}")

    def test_without_rules_nothing_is_coloured(self):
        tpl = {"title": "Plain", "sources": {"calls": {"source": "salesfinity.call-log"}},
               "sections": [{"kind": "table", "id": "reps",
                             "sql": "SELECT rep_name, avg(outcome = 'answered') AS rate "
                                    "FROM calls GROUP BY 1",
                             "columns": {"rate": {"format": "percent"}}}]}
        pdf, xlsx = self.render(write_template(self.dir, tpl))
        colours = pdf_colours(pdf, self.dir)
        for c in (GOOD_FILL, BAD_FILL, GOOD_TEXT, BAD_TEXT):
            self.assertFalse(near(c, colours))
        self.assertEqual(rules_by_range(openpyxl.load_workbook(xlsx)["reps"]), {})

    def refused(self, section, *expected):
        tpl = {"title": "Mistakes", "sources": {"calls": {"source": "salesfinity.call-log"}},
               "sections": [section]}
        path = write_template(self.dir, tpl)
        out = os.path.join(self.dir, "out")
        r = run(["run", path, "--format", "pdf,xlsx", "--out", out])
        self.assertEqual(r.returncode, 2, r.stderr)
        written = sorted(os.listdir(out)) if os.path.isdir(out) else []
        self.assertIn(written, ([], ["manifest.json"]), "no document is written")
        for e in (path + ": ", "section 'reps'") + expected:
            self.assertIn(e, r.stderr)

    def table(self, **rule):
        return {"kind": "table", "id": "reps",
                "sql": "SELECT rep_name, avg(outcome = 'answered') AS rate FROM calls GROUP BY 1",
                "columns": {"rate": dict({"format": "percent"}, **rule)}}

    def test_mistakes_in_rules_are_refused(self):
        self.refused(self.table(good="at least half"), "column 'rate': 'good' must be a "
                     "comparison and a number")
        self.refused(self.table(god=">= 0.5"), "unknown key 'god'", "did you mean good?")
        self.refused(self.table(good=">= 0.5", bars=True), "one of \"good\"/\"bad\", \"scale\"")
        self.refused(self.table(scale=["#fff", "#00ff00"]), "'scale' colours must be \"#rrggbb\"")
        self.refused(self.table(bars="blue"), "'bars' colours must be \"#rrggbb\"")
        self.refused({"kind": "kpis", "id": "reps", "kpis": [
            {"label": "Rate", "value": "SELECT 0.5", "scale": True}]},
            "kpi 'Rate': a KPI takes \"good\" and \"bad\", not 'scale'")
        on_text = self.table()
        on_text["columns"]["rep_name"] = {"good": "> 1"}
        self.refused(on_text, "column 'rep_name': conditional formatting", "needs numbers")


if __name__ == "__main__":
    main()

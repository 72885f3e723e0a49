#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The heatmap, combo and stacked area charts (issue 17, point 5), through the real
binary and the real readers: the PDF's pixels (pdftoppm, PIL), the workbook's chart
parts and conditional formats (zipfile, openpyxl), the HTML page (html5lib, strict),
and the template checker's messages for each new key.
"""
import os
import re
import subprocess
import zipfile

from outreport_e2e import (TempDirTest, main, ok, pdf_text, run, write_template)

CALLS = {"calls": {"source": "salesfinity.call-log"}}

# A 2 x 2 heatmap of known values: 1.0 at (b, 1), 0.0 at (a, 1), 0.5 at (a, 2),
# NULL at (b, 2).  The columns come in the order of their first appearance
# (b, a); the rows, numbers given as 2 first, in numeric order (1, 2).
HEAT_SQL = ("SELECT column1 AS col, column2 AS rowno, column3 AS rate FROM (VALUES "
            "('b', 2, NULL), ('a', 2, 0.5), ('b', 1, 1.0), ('a', 1, 0.0)) "
            "WHERE (SELECT count(*) FROM calls) >= 0")

LOW, MID, HIGH, NONE = (0xDE, 0xEB, 0xF7), (0x6B, 0xAE, 0xD6), (0x08, 0x51, 0x9C), (0xF3, 0xF4, 0xF6)


def template(*sections):
    return {"title": "Chart kinds", "sources": dict(CALLS), "sections": list(sections)}


def heatmap(**extra):
    s = {"kind": "chart", "id": "heat", "title": "Heat", "chart": "heatmap", "sql": HEAT_SQL,
         "x": "col", "y": "rowno", "series": "rate",
         "columns": {"rate": {"label": "Rate", "format": "percent"}, "rowno": "Row"}}
    s.update(extra)
    return s


def combo(**extra):
    s = {"kind": "chart", "id": "mix", "title": "Calls and rate", "chart": "combo",
         "sql": "SELECT local_date(started_at) AS day, count(*) AS calls, "
                "CAST(sum(is_connected) AS REAL) / count(*) AS rate, sum(is_connected) AS "
                "connected FROM calls GROUP BY 1 ORDER BY 1",
         "x": "day", "series": "calls", "line": "rate", "y2_label": "connect rate",
         "columns": {"calls": {"format": "integer"}, "rate": {"format": "percent"}}}
    s.update(extra)
    return {k: v for k, v in s.items() if v is not None}


def area(**extra):
    s = {"kind": "chart", "id": "stack", "title": "Outcomes", "chart": "stacked_area",
         "sql": "SELECT local_date(started_at) AS day, sum(is_connected) AS connected, "
                "sum(1 - is_connected) AS other FROM calls GROUP BY 1 ORDER BY 1",
         "x": "day", "series": ["connected", "other"]}
    s.update(extra)
    return s


def chart_parts(path):
    """The chart parts of a workbook: name -> XML text."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()
                if re.fullmatch(r"xl/charts/chart\d+\.xml", n)}


def one_with(parts, needle):
    found = [x for x in parts.values() if needle in x]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} chart parts hold {needle}")
    return found[0]


def ax_ids(xml, element):
    body = re.search(f"<c:{element}>(.*?)</c:{element}>", xml, re.S).group(1)
    return re.findall(r'<c:axId val="(\d+)"/>', body)


def median(values):
    v = sorted(values)
    return v[len(v) // 2]


class ChartKinds(TempDirTest):
    def render(self, tpl, formats="pdf,xlsx,html"):
        path = write_template(self.dir, tpl)
        out = os.path.join(self.dir, "out")
        ok(run(["run", path, "--format", formats, "--out", out]))
        return os.path.join(out, "t")

    def refused(self, tpl, *expected):
        """validate refuses the template with exit 2 and a message naming the template,
        the section and the key; run writes no document."""
        path = write_template(self.dir, tpl)
        v = run(["validate", path], replay=False)
        self.assertEqual(v.returncode, 2, v.stderr)
        for e in (path + ": ",) + expected:
            self.assertIn(e, v.stderr)
        out = os.path.join(self.dir, "out")
        r = run(["run", path, "--format", "pdf,xlsx", "--out", out])
        self.assertEqual(r.returncode, 2, r.stderr)
        if os.path.exists(out):  # a template that is no valid JSON type stops before
            self.assertEqual(sorted(os.listdir(out)), ["manifest.json"])

    # --- the PDF: the heatmap's cells coloured by their values -------------------------

    def test_pdf_heatmap_cells_take_the_colour_of_their_value(self):
        base = self.render(template(heatmap()), "pdf")
        self.assertIn("Heat", pdf_text(base + ".pdf"))
        from PIL import Image
        subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", base + ".pdf",
                        os.path.join(self.dir, "page")], check=True)
        png = [f for f in os.listdir(self.dir) if f.startswith("page")][0]
        img = Image.open(os.path.join(self.dir, png)).convert("RGB")
        where = {LOW: [], MID: [], HIGH: [], NONE: []}
        for y in range(img.height):
            for x in range(img.width):
                p = img.getpixel((x, y))
                for c, at in where.items():
                    if all(abs(p[i] - c[i]) <= 6 for i in range(3)):
                        at.append((x, y))
        for c, at in where.items():
            self.assertGreater(len(at), 200, f"no cell of colour {c} on the page")
        centre = {c: (median([p[0] for p in at]), median([p[1] for p in at]))
                  for c, at in where.items()}
        # Columns b, a (first appearance); rows 1, 2 (numeric order).
        self.assertLess(centre[HIGH][0], centre[LOW][0], "b (1.0) is the first column")
        self.assertLess(abs(centre[HIGH][1] - centre[LOW][1]), 3, "row 1 holds 1.0 and 0.0")
        self.assertGreater(centre[MID][1], centre[LOW][1] + 5, "0.5 is in row 2")
        self.assertLess(abs(centre[MID][0] - centre[LOW][0]), 3, "0.5 is in column a")
        # The grey of a cell without a value, in row 2 (the page has other greys).
        grey = [p[0] for p in where[NONE] if abs(p[1] - centre[MID][1]) <= 3]
        self.assertGreater(len(grey), 100, "(b, 2) is grey")
        self.assertLess(abs(median(grey) - centre[HIGH][0]), 3, "(b, 2) has no value")

    # --- the workbook: native charts and the heatmap's colour scale --------------------

    def test_xlsx_heatmap_is_its_grid_under_a_three_colour_scale(self):
        import openpyxl
        wb = openpyxl.load_workbook(self.render(template(heatmap()), "xlsx") + ".xlsx")
        ws = wb["heat"]
        grid = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=3,
                                                               max_col=3)]
        self.assertEqual(grid, [["Row", "b", "a"], ["1", 1.0, 0.0], ["2", None, 0.5]])
        self.assertEqual(ws["C3"].number_format, ws["B2"].number_format)
        self.assertIn("%", ws["B2"].number_format)
        rules = [(str(rng.sqref), r) for rng in ws.conditional_formatting for r in rng.rules]
        self.assertEqual(len(rules), 1)
        rng, rule = rules[0]
        self.assertEqual(rng, "B2:C3")
        self.assertEqual(rule.type, "colorScale")
        self.assertEqual([v.type for v in rule.colorScale.cfvo], ["min", "percent", "max"])
        self.assertEqual([c.rgb[-6:] for c in rule.colorScale.color],
                         ["DEEBF7", "6BAED6", "08519C"])

    def test_xlsx_combo_is_columns_and_a_line_on_a_secondary_axis(self):
        import openpyxl
        base = self.render(template(combo()), "xlsx")
        openpyxl.load_workbook(base + ".xlsx")  # the rewritten file still reads
        xml = one_with(chart_parts(base + ".xlsx"), "<c:lineChart>")
        bars, lines = ax_ids(xml, "barChart"), ax_ids(xml, "lineChart")
        self.assertEqual(len(bars), 2)
        self.assertEqual(len(lines), 2)
        self.assertFalse(set(bars) & set(lines), "the line has axes of its own")
        self.assertEqual(xml.count("<c:ser>"), 2)
        line = re.search("<c:lineChart>(.*?)</c:lineChart>", xml, re.S).group(1)
        self.assertIn("$C$1</c:f>", line, "the rate (column C) is the line")
        self.assertRegex(xml, r'<c:valAx><c:axId val="%s"/>.*?<c:axPos val="r"/>.*?'
                              r'connect rate.*?<c:crosses val="max"/>' % lines[1])

    def test_xlsx_combo_of_one_scale_shares_the_axes(self):
        base = self.render(template(combo(line="connected", y2_label=None,
                                          columns={"calls": {"format": "integer"},
                                                   "connected": {"format": "integer"}})),
                           "xlsx")
        xml = one_with(chart_parts(base + ".xlsx"), "<c:lineChart>")
        self.assertEqual(ax_ids(xml, "barChart"), ax_ids(xml, "lineChart"))
        self.assertEqual(xml.count("<c:valAx>"), 1)

    def test_combo_axis_follows_the_scales_unless_the_template_says(self):
        """Counts five times apart get their own axis; "secondary": false keeps one."""
        sql = ("SELECT local_date(started_at) AS day, count(*) AS calls, sum(is_meeting) AS "
               "meetings FROM calls GROUP BY 1 ORDER BY 1")
        base = self.render(template(combo(sql=sql, line="meetings", y2_label=None,
                                          columns=None)), "xlsx")
        xml = one_with(chart_parts(base + ".xlsx"), "<c:lineChart>")
        self.assertNotEqual(ax_ids(xml, "barChart"), ax_ids(xml, "lineChart"))
        os.remove(base + ".xlsx")
        base = self.render(template(combo(secondary=False, y2_label=None)), "xlsx")
        xml = one_with(chart_parts(base + ".xlsx"), "<c:lineChart>")
        self.assertEqual(ax_ids(xml, "barChart"), ax_ids(xml, "lineChart"))

    def test_xlsx_stacked_area_is_a_native_stacked_area_chart(self):
        base = self.render(template(area()), "xlsx")
        xml = one_with(chart_parts(base + ".xlsx"), "<c:areaChart>")
        self.assertIn('<c:areaChart><c:grouping val="stacked"/>', xml)
        self.assertEqual(xml.count("<c:ser>"), 2)

    # --- the HTML page ---------------------------------------------------------------

    def test_html_draws_every_kind_and_tables_the_heatmap_as_its_grid(self):
        import html5lib
        base = self.render(template(heatmap(), combo(), area()), "html")
        with open(base + ".html", "rb") as f:
            data = f.read()
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(data)
        text = data.decode("utf-8")
        for title in ("Heat", "Calls and rate", "Outcomes"):
            self.assertIn(f'role="img" aria-label="{title}"', text)
        heat = text[text.index('aria-label="Heat"'):text.index('aria-label="Calls and rate"')]
        self.assertRegex(heat, r'<th scope="col" class="num">b</th>'
                               r'<th scope="col" class="num">a</th>')
        self.assertRegex(heat, r'<th scope="row">1</th><td class="num">100.0 %</td>'
                               r'<td class="num">0.0 %</td>')

    # --- the shipped template ----------------------------------------------------------

    def test_shipped_templates_use_the_three_kinds(self):
        import openpyxl
        docs = {}
        for name in ("weekly-manager", "rep-scorecard", "sequence-engagement"):
            out = os.path.join(self.dir, name)
            ok(run(["run", name, "--format", "pdf,xlsx", "--out", out]))
            docs[name] = os.path.join(out, name)
        self.assertIn("When calls connect", pdf_text(docs["weekly-manager"] + ".pdf"))
        ws = openpyxl.load_workbook(docs["weekly-manager"] + ".xlsx")["when-calls-connect"]
        header = [c.value for c in ws[1]]
        hours = [int(h) for h in header[1:]]
        self.assertEqual(header[0], "Weekday")
        self.assertEqual(hours, sorted(hours), "hours in numeric order")
        self.assertEqual([ws.cell(row=r, column=1).value for r in range(2, 7)],
                         ["Mon", "Tue", "Wed", "Thu", "Fri"])
        self.assertEqual(len(list(ws.conditional_formatting)), 1)

        self.assertIn("Calls and connect rate per day", pdf_text(docs["rep-scorecard"] + ".pdf"))
        parts = chart_parts(docs["rep-scorecard"] + ".xlsx")
        combos = [x for x in parts.values() if "<c:barChart>" in x and "<c:lineChart>" in x]
        self.assertEqual(len(combos), 1)
        self.assertIn('<c:axPos val="r"/>', combos[0])

        self.assertIn("E-mails sent per day and what became of them",
                      pdf_text(docs["sequence-engagement"] + ".pdf"))
        one_with(chart_parts(docs["sequence-engagement"] + ".xlsx"),
                 '<c:areaChart><c:grouping val="stacked"/>')

    # --- the template checker ----------------------------------------------------------

    def test_heatmap_keys_are_checked(self):
        hm = heatmap()
        del hm["y"]
        self.refused(template(hm), "section 'heat': a heatmap needs 'y'")
        self.refused(template(heatmap(y="row_no")),
                     "section 'heat': y: 'row_no' is not a column of the query")
        self.refused(template(heatmap(series=["rate", "rowno"])),
                     "section 'heat': a heatmap takes exactly one series")
        self.refused(template(heatmap(y="col")), "section 'heat': a heatmap's 'x' and 'y' "
                                                 "are the same column 'col'")
        self.refused(template(heatmap(sql="SELECT rep_name AS col, 1 AS rowno, rep_email AS "
                                          "rate FROM calls")),
                     "section 'heat': column 'rate' is text: a chart series must be a number")
        self.refused(template(area(y="day")), "section 'stack': 'y' is for heatmap charts, "
                                              "not stacked_area")

    def test_combo_and_area_keys_are_checked(self):
        cb = combo()
        del cb["line"]
        self.refused(template(cb), "section 'mix': a combo chart needs 'line'")
        self.refused(template(combo(line="rte")),
                     "section 'mix': line: 'rte' is not a column of the query")
        self.refused(template(combo(line="calls")),
                     "section 'mix': 'calls' is in both 'series' (bars) and 'line'")
        self.refused(template(combo(sql="SELECT local_date(started_at) AS day, count(*) AS "
                                        "calls, rep_name AS rate FROM calls GROUP BY 1")),
                     "section 'mix': column 'rate' is text: a chart series must be a number")
        self.refused(template(combo(secondary="yes")), "section 'mix': 'secondary'")
        self.refused(template(combo(secondary=False)), "section 'mix': 'y2_label' titles")
        self.refused(template(area(line="other")),
                     "section 'stack': 'line' is for combo charts, not stacked_area")
        self.refused(template(area(horizontal=True)),
                     "section 'stack': 'horizontal' is for bar charts, not stacked_area")


if __name__ == "__main__":
    main()

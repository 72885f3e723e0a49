#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The HTML renderer (issue 15, point 1), through the real binary.

The weekly manager report on the sample week, written as HTML, is read by
python3-html5lib in strict mode (any parse error fails) and shown by headless
Chromium: at a phone's 375 px the page needs no sideways scrolling, its charts
are drawn (pixels of the chart palette where the charts are) and its tables
are visible (header rows in the header colour); in dark mode the page is dark
and the charts stay on their white card.  The file is self-contained: no
script, no stylesheet link, no URL outside it.  Its KPI tiles are the
numbers of the same run's workbook (typed cells, formatted as the template
says) and PDF, and the headline's agree with the run's own dataset
(--keep-dataset).
"""
import datetime
import json
import os
import re
import shutil
import sqlite3
import tempfile

import html5lib

import browser
from browser import chromium, count, full_rows, screenshot
from outreport_e2e import RECORDING, SOURCE, TempDirTest, main, ok, pdf_text, run

BLUE, ORANGE, HEAD = browser.BLUE, browser.ORANGE, browser.HEAD
SVG_NS = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class HtmlReport(TempDirTest):
    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="outreport-html-")
        cls.db = os.path.join(cls.out, "dataset.sqlite")
        ok(run(["run", "weekly-manager", "--format", "html,pdf,xlsx", "--out", cls.out,
                "--keep-dataset", cls.db]))
        cls.page = os.path.join(cls.out, "weekly-manager.html")
        with open(cls.page, encoding="utf-8") as f:
            cls.text = f.read()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)

    def test_html5lib_strict_parses_the_document_without_an_error(self):
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
        doc = parser.parse(self.text)
        self.assertEqual(parser.errors, [])
        self.assertEqual(doc.get("lang"), "en")
        ids = [e.get("id") for e in doc.iter() if e.get("id") is not None]
        self.assertEqual(len(ids), len(set(ids)), "ids repeat: the charts' glyphs would mix")

    def test_tables_have_column_and_row_headers(self):
        doc = html5lib.parse(self.text)
        tables = list(doc.iter(XHTML + "table"))
        self.assertGreater(len(tables), 5)
        for t in tables:
            head = [th for th in t.iter(XHTML + "th") if th.get("scope") == "col"]
            self.assertTrue(head, "a table without <th scope=col>")
            for tr in t.find(XHTML + "tbody").iter(XHTML + "tr"):
                self.assertEqual(tr[0].tag, XHTML + "th")
                self.assertEqual(tr[0].get("scope"), "row")

    def test_every_chart_is_an_inline_svg_image_with_a_name(self):
        doc = html5lib.parse(self.text)
        charts = list(doc.iter(SVG_NS + "svg"))
        pdf_charts = self.text.count('<figure class="chart">')
        self.assertGreaterEqual(len(charts), 5)
        self.assertEqual(len(charts), pdf_charts)
        for svg in charts:
            self.assertEqual(svg.get("role"), "img")
            self.assertTrue(svg.get("aria-label"))
            self.assertTrue(svg.get("viewBox"))
            # Shapes drawn as paths, labels as SVG text (test_html_scripts.py).
            paths = len(list(svg.iter(SVG_NS + "path")))
            texts = len(list(svg.iter(SVG_NS + "text")))
            self.assertGreater(paths, 2)
            self.assertGreater(texts, 2)
            self.assertGreater(paths + texts, 10)

    def test_self_contained_no_script_no_link_no_url(self):
        self.assertNotIn("<script", self.text)
        self.assertNotIn("<link", self.text)
        self.assertNotIn("@import", self.text)
        for url in re.findall(r'(?:src|href)="([^"#][^"]*)"', self.text):
            self.fail("a reference outside the file: " + url[:80])
        self.assertNotRegex(self.text, r"url\((?!#)")

    def tiles(self):
        """The page's KPI tiles in order: (label, value as shown)."""
        doc = html5lib.parse(self.text)
        out = []
        for tile in doc.iter(XHTML + "div"):
            if tile.get("class") == "tile":
                texts = {p.get("class"): "".join(p.itertext()) for p in tile.iter(XHTML + "p")}
                out.append((texts["label"], texts["value"]))
        return out

    def test_kpi_tiles_are_the_workbooks_and_the_pdfs_numbers(self):
        import openpyxl
        with open(os.path.join(SOURCE, "templates", "weekly-manager.json"),
                  encoding="utf-8") as f:
            formats = [k.get("format") for s in json.load(f)["sections"]
                       if s["kind"] == "kpis" for k in s["kpis"]]
        summary = openpyxl.load_workbook(os.path.join(self.out, "weekly-manager.xlsx"))["Summary"]
        kpis, inside = [], False
        for row in summary.iter_rows(values_only=True):
            if inside and row[0] is None:
                inside = False
            elif inside:
                kpis.append((row[0], row[1]))
            inside = inside or row[0] == "KPI"  # a KPI table's header row
        self.assertEqual(len(kpis), len(formats), kpis)
        shown = []
        for (label, value), fmt in zip(kpis, formats):
            if fmt == "percent":
                shown.append((label, f"{value * 100:.1f} %"))
            elif fmt == "duration":
                s = int(value.total_seconds() if isinstance(value, datetime.timedelta) else value)
                shown.append((label, f"{s // 3600}:{s % 3600 // 60:02}:{s % 60:02}"))
            else:
                shown.append((label, f"{value:,}"))
        self.assertEqual(self.tiles(), shown)
        pdf = pdf_text(os.path.join(self.out, "weekly-manager.pdf"))
        for label, value in shown:
            self.assertRegex(pdf, r"(?<![\d.,:])" + re.escape(value) + r"(?![\d.,:])", label)

    def test_headline_tiles_agree_with_the_dataset(self):
        con = sqlite3.connect(self.db)
        calls, connected = con.execute("SELECT count(*), sum(is_connected) FROM calls").fetchone()
        con.close()
        tiles = dict(self.tiles()[:3])
        self.assertEqual(tiles["Calls"], f"{calls:,}")
        self.assertEqual(tiles["Connected"], f"{connected:,}")
        self.assertEqual(tiles["Connect rate"], f"{100 * connected / calls:.1f} %")

    def test_same_period_zone_and_sources_as_the_pdf(self):
        pdf = pdf_text(os.path.join(self.out, "weekly-manager.pdf"))
        for needle in ["16\u201322 Nov 2026", "Times in Europe/Berlin",
                       "Data window 2026-11-16 00:00", "partial"]:
            self.assertIn(needle, pdf)
            self.assertIn(needle, self.text)

    def test_a_failed_source_is_called_out_on_the_cover_and_in_its_sections(self):
        res = run(["run", "weekly-manager", "--format", "html", "--out", self.dir, "--replay",
                   RECORDING, "--period", "2026-10-05..2026-10-11"], replay=False)
        self.assertEqual(res.returncode, 3, res.stderr[-300:])
        with open(os.path.join(self.dir, "weekly-manager.html"), encoding="utf-8") as f:
            text = f.read()
        html5lib.HTMLParser(strict=True).parse(text)
        self.assertRegex(text, r'<p class="alert fail" role="alert">Source calls failed: ')
        self.assertIn('<span class="pill failed">failed</span>', text)
        self.assertIn('<p class="alert warn" role="note">data unavailable', text)

    def test_a_split_page_names_its_person(self):
        ok(run(["run", "weekly-manager", "--format", "html", "--out", self.dir,
                "--split-by", "rep_email"]))
        with open(os.path.join(self.dir, "weekly-manager-zoe-muller.html"),
                  encoding="utf-8") as f:
            text = f.read()
        self.assertIn('<p class="person">Zoë Müller · zoe.mueller@acme-sales.example</p>', text)
        self.assertIn("<title>Weekly sales report – Zoë Müller – 16–22 Nov 2026</title>", text)

    def test_phone_width_needs_no_sideways_scrolling(self):
        # The page in a 375 px frame (a page of its own: the document has no
        # script); the frame's document must be no wider than the frame.
        probe = os.path.join(self.dir, "probe.html")
        with open(probe, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html><html><body><iframe id="f" src="file://' + self.page +
                    '" style="width:375px;height:800px;border:0"></iframe><script>'
                    'document.getElementById("f").onload=function(){document.body.setAttribute('
                    '"data-sw",this.contentDocument.documentElement.scrollWidth+" "+'
                    'this.contentWindow.innerWidth)}</script></body></html>')
        dom = chromium(["--allow-file-access-from-files", "--virtual-time-budget=10000",
                        "--dump-dom", "file://" + probe], self.dir)
        width, inner = map(int, re.search(r'data-sw="(\d+) (\d+)"', dom).groups())
        self.assertEqual(inner, 375)
        self.assertLessEqual(width, inner)

    def test_phone_screenshot_shows_charts_and_tables(self):
        img = screenshot(self.page, os.path.join(self.dir, "phone.png"), self.dir, 375, 5000)
        self.assertEqual(img.size[0], 375)
        # Bars and lines in the palette's blue and orange: the charts are drawn.
        self.assertGreater(count(img, BLUE, 30), 2000)
        self.assertGreater(count(img, ORANGE, 30), 300)
        # Table header rows spanning most of the width: the tables are there.
        rows = full_rows(img, HEAD, 250)
        self.assertGreater(len(rows), 40)

    def test_dark_mode_page_is_dark_and_charts_stay_on_white(self):
        img = screenshot(self.page, os.path.join(self.dir, "dark.png"), self.dir, 375, 3000,
                         dark=True)
        self.assertLess(sum(img.getpixel((2, 2))), 3 * 40)
        self.assertGreater(count(img, (255, 255, 255), 0), 20000)
        self.assertGreater(count(img, BLUE, 30), 2000)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Right-to-left documents (issue 17, "a company in Tel Aviv"): a report whose
locale's language is written right to left (ICU's uloc_isRightToLeft(): he,
ar, fa, ur...) is laid out mirrored.

weekly-manager runs on the sample week with --locale he-IL and, for
comparison, en-US, as PDF and HTML, the Hebrew one also mailed to a real SMTP
server on loopback.  pdftotext -bbox reads where the PDF's words sit: in
Hebrew the page header's title ends at the right margin and the page counter
sits on the left; a section heading ends at the right margin exactly where
the English one starts at the left; the reps table's first column ("Rep") is
the rightmost and its last ("Talk time") the leftmost, the "rows i-j of N"
note on the left; the first KPI tile ("Calls") is at the right; the charts'
y axis ticks on the right, their numbers and dates still read forwards.
pdftoppm shows the headings' accent mark right of the heading.  Arabic is
mirrored too; English keeps the left-to-right grid.  The HTML page says
dir="rtl" (the mail made from it too), and headless Chromium lays it out from
the right: headings with their accent border on the right, the first tile
and the first table column at the right, numbers aligned left.
"""
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import openpyxl
from PIL import Image

from browser import chromium
from outreport_e2e import SAMPLES_CONF, SmtpSink, TempDirTest, main, ok, run

MARGIN = 42.0  # pdf_theme.h: PDF_MARGIN_X
ACCENT = (0x00, 0x72, 0xB2)  # pdf_theme.h: PDF_C_ACCENT, the headings' mark
HEADING = "Calls at a glance"
NS = "{http://www.w3.org/1999/xhtml}"


def words(pdf, page):
    """The words of page @page of @pdf as pdftotext -bbox places them:
    (page width, [(text, xmin, ymin, xmax, ymax)])."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", "-enc",
                          "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace(' xmlns="', ' x="'))
    pg = root.find(".//page")
    return float(pg.get("width")), [
        (w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
         float(w.get("yMax"))) for w in pg.iter("word")]


def phrase(ws, text):
    """The box (xmin, ymin, xmax, ymax) of the words of @text, one line, in order."""
    want = text.split()
    for i in range(len(ws) - len(want) + 1):
        run_ = ws[i:i + len(want)]
        if [w[0] for w in run_] == want and len({round(w[2]) for w in run_}) == 1:
            return (min(w[1] for w in run_), run_[0][2], max(w[3] for w in run_), run_[0][4])
    # A line set right to left: pdftotext may list its words in visual order.
    for i in range(len(ws) - len(want) + 1):
        run_ = ws[i:i + len(want)]
        if sorted(w[0] for w in run_) == sorted(want) and len({round(w[2]) for w in run_}) == 1:
            return (min(w[1] for w in run_), run_[0][2], max(w[3] for w in run_), run_[0][4])
    raise AssertionError(f"{text!r} not found")


def is_word(w, text):
    """@w is @text (pdftotext may give a right-to-left word in visual order)."""
    return w[0] in (text, text[::-1])


def page_with(pdf, text):
    """The first page number of @pdf holding @text, with its words."""
    for page in range(1, 20):
        try:
            width, ws = words(pdf, page)
        except subprocess.CalledProcessError:
            break
        try:
            phrase(ws, text)
            return width, ws
        except AssertionError:
            continue
    raise AssertionError(f"{text!r} on no page of {pdf}")


class RightToLeft(TempDirTest):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="outreport-rtl-")
        cls.out = {}
        sink = SmtpSink(os.path.join(cls.tmp, "smtp"))
        try:
            for loc in ("he-IL", "en-US", "ar-EG"):
                cls.out[loc] = os.path.join(cls.tmp, loc)
                extra = ["--mail-to", "boss@acme.example"] if loc == "he-IL" else []
                ok(run(["run", "weekly-manager", "--format", "pdf,html,xlsx", "--out", cls.out[loc],
                        "--locale", loc, "-q"] + extra,
                       config=sink.config() if extra else SAMPLES_CONF))
            cls.msgs = sink.messages()
        finally:
            sink.stop()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def pdf(self, loc):
        return os.path.join(self.out[loc], "weekly-manager.pdf")

    def html(self, loc):
        return os.path.join(self.out[loc], "weekly-manager.html")

    # --- PDF ------------------------------------------------------------

    def test_pdf_heading_ends_at_the_right_margin_where_english_starts_at_the_left(self):
        w, he = page_with(self.pdf("he-IL"), HEADING)
        _, en = page_with(self.pdf("en-US"), HEADING)
        self.assertAlmostEqual(phrase(en, HEADING)[0], MARGIN, delta=0.5)
        self.assertAlmostEqual(phrase(he, HEADING)[2], w - MARGIN, delta=0.5)
        for loc in ("he-IL", "ar-EG"):
            w, ws = page_with(self.pdf(loc), "Calls per day")
            self.assertAlmostEqual(phrase(ws, "Calls per day")[2], w - MARGIN, delta=0.5, msg=loc)

    def test_pdf_header_title_right_page_counter_left(self):
        w, he = words(self.pdf("he-IL"), 2)
        title = phrase(he, "Weekly sales report")
        self.assertAlmostEqual(title[2], w - MARGIN, delta=0.5)
        self.assertLess(title[1], 60, "in the page header")
        counter = next(x for x in he if is_word(x, "עמוד"))  # i18n/he.ini: page
        self.assertLess(counter[3], w / 2, "the page counter on the left")
        self.assertGreater(counter[2], 760, "in the footer")
        _, en = words(self.pdf("en-US"), 2)
        self.assertAlmostEqual(phrase(en, "Weekly sales report")[0], MARGIN, delta=0.5)
        self.assertGreater(next(x for x in en if x[0] == "page")[1], w / 2)

    def test_pdf_table_first_column_at_the_right_and_rows_note_left(self):
        w, he = page_with(self.pdf("he-IL"), "Calls and meetings by rep")
        head = [x for x in he if x[0] in ("Rep", "Talk")]
        rep = next(x for x in head if x[0] == "Rep")
        talk = next(x for x in head if x[0] == "Talk" and abs(x[2] - rep[2]) < 1)
        self.assertGreater(rep[1], w / 2)
        self.assertLess(talk[3], w / 2)
        self.assertAlmostEqual(rep[3], w - MARGIN - 6.0, delta=4.0, msg="Rep at the right edge")
        _, en = page_with(self.pdf("en-US"), "Calls and meetings by rep")
        en_rep = next(x for x in en if x[0] == "Rep")
        en_talk = next(x for x in en if x[0] == "Talk" and abs(x[2] - en_rep[2]) < 1)
        self.assertLess(en_rep[1], en_talk[1], "English keeps Rep first, at the left")
        self.assertAlmostEqual(rep[3], w - en_rep[1], delta=0.5, msg="mirrored exactly")
        note = next(x for x in he if is_word(x, "שורות") and x[2] > rep[2])  # "rows i–j of N"
        self.assertLess(note[3], w / 2, "the rows note on the left")

    def test_pdf_first_kpi_tile_at_the_right_contents_right_aligned(self):
        w, he = page_with(self.pdf("he-IL"), HEADING)
        top = phrase(he, HEADING)[3]
        labels = [x for x in he if x[2] > top and x[0] in ("Calls", "Connected", "Connect")]
        calls, connected, connect = (min((x for x in labels if x[0] == t), key=lambda x: x[2])
                                     for t in ("Calls", "Connected", "Connect"))
        self.assertGreater(calls[1], connected[1])
        self.assertGreater(connected[1], connect[1])
        _, en = page_with(self.pdf("en-US"), HEADING)
        en_calls = min((x for x in en if x[0] == "Calls" and x[2] > top), key=lambda x: x[2])
        self.assertAlmostEqual(calls[3], w - en_calls[1], delta=0.5, msg="label right-aligned")

    def test_pdf_chart_y_axis_on_the_right_numbers_and_dates_forwards(self):
        w, he = page_with(self.pdf("he-IL"), "Calls per day")
        top = phrase(he, "Calls per day")[3]
        ticks = [x for x in he if x[0] in ("100", "200", "300") and x[2] > top]
        self.assertEqual(len(ticks), 3)
        self.assertTrue(all(x[1] > w / 2 + 150 for x in ticks), "y axis ticks on the right")
        _, en = page_with(self.pdf("en-US"), "Calls per day")
        self.assertTrue(all(x[3] < w / 2 - 150 for x in en if x[0] in ("100", "200", "300")))
        days = sorted((x for x in he if re.fullmatch(r"\d\d\.11\.2026", x[0])), key=lambda x: x[1])
        self.assertEqual([x[0] for x in days], [f"{d}.11.2026" for d in range(22, 15, -1)],
                         "dates read forwards, the first day at the right")

    def test_pdf_heading_mark_drawn_right_of_the_heading(self):
        w, he = page_with(self.pdf("he-IL"), HEADING)
        box = phrase(he, HEADING)
        page = next(p for p in range(1, 20) if HEADING in " ".join(
            x[0] for x in words(self.pdf("he-IL"), p)[1]))
        png = os.path.join(self.dir, "p")
        subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", str(page), "-l", str(page),
                        "-singlefile", self.pdf("he-IL"), png], check=True)
        img = Image.open(png + ".png").convert("RGB")
        y = int((box[1] + box[3]) / 2)
        near = lambda p: all(abs(a - b) <= 40 for a, b in zip(p, ACCENT))
        right = [x for x in range(int(box[2]), int(w)) if near(img.getpixel((x, y)))]
        left = [x for x in range(0, int(MARGIN)) if near(img.getpixel((x, y)))]
        self.assertTrue(right, "the accent mark right of the heading")
        self.assertEqual(left, [], "no mark left of the content")

    # --- HTML -----------------------------------------------------------

    def probe(self, loc):
        """Positions Chromium gives the page of @loc in a 1000 px frame."""
        probe = os.path.join(self.dir, f"probe-{loc}.html")
        js = ("var d=document.getElementById('f').contentDocument,m=d.querySelector('main')"
              ".getBoundingClientRect(),h=d.querySelector('section h2'),hs=getComputedStyle(h),"
              "t=d.querySelectorAll('.tile'),reps=Array.from(d.querySelectorAll('section'))"
              ".find(function(s){var e=s.querySelector('h2');return e&&e.textContent=="
              "'Calls and meetings by rep'}),th=reps.querySelectorAll('thead th'),"
              "num=reps.querySelector('td.num'),g=d.createRange(),"
              "r=function(e){var b=e.getBoundingClientRect();return Math.round(b.left)+','+"
              "Math.round(b.right)};g.selectNodeContents(h);"
              "document.body.setAttribute('data-p',[r(g),"
              "Math.round(m.left)+','+Math.round(m.right),hs.borderRightWidth+','+"
              "hs.borderLeftWidth,r(t[0]),r(t[1]),r(th[0]),r(th[th.length-1]),"
              "getComputedStyle(num).textAlign].join(';'))")
        with open(probe, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="file://' +
                    self.html(loc) + '" style="width:1000px;height:800px;border:0"></iframe>'
                    '<script>document.getElementById("f").onload=function(){' + js +
                    '}</script></body></html>')
        dom = chromium(["--allow-file-access-from-files", "--virtual-time-budget=10000",
                        "--dump-dom", "file://" + probe], self.dir)
        got = re.search(r'data-p="([^"]+)"', dom).group(1).split(";")
        pair = lambda s: tuple(int(v) for v in s.split(","))
        return {"h2": pair(got[0]), "main": pair(got[1]), "border": got[2],
                "tile0": pair(got[3]), "tile1": pair(got[4]), "th0": pair(got[5]),
                "thn": pair(got[6]), "num": got[7]}

    def test_workbook_sheets_read_right_to_left_in_hebrew_only(self):
        for loc, want in (("he-IL", True), ("ar-EG", True), ("en-US", False)):
            wb = openpyxl.load_workbook(os.path.join(self.out[loc], "weekly-manager.xlsx"))
            self.assertGreater(len(wb.worksheets), 3)
            for ws in wb.worksheets:
                self.assertEqual(bool(ws.sheet_view.rightToLeft), want, f"{loc}: {ws.title}")

    def test_html_page_and_mail_say_dir_rtl(self):
        with open(self.html("he-IL"), encoding="utf-8") as f:
            self.assertIn('<html lang="he-IL" dir="rtl">', f.read())
        with open(self.html("en-US"), encoding="utf-8") as f:
            self.assertNotIn("dir=", f.read().split("<body>")[0])
        self.assertEqual(len(self.msgs), 1)
        html = next(p for p in self.msgs[0].walk()
                    if p.get_content_type() == "text/html").get_content()
        self.assertIn('<html lang="he-IL" dir="rtl">', html)

    def test_chromium_lays_the_hebrew_page_out_from_the_right(self):
        he = self.probe("he-IL")
        self.assertEqual(he["border"], "3px,0px", "the heading's accent border on the right")
        self.assertLess(he["main"][1] - he["h2"][1], 30, "the heading's text at the right edge")
        self.assertGreater(he["h2"][0] - he["main"][0], 300)
        self.assertGreater(he["tile0"][0], he["tile1"][0], "the first tile at the right")
        self.assertGreater(he["th0"][0], he["thn"][0], "the first column at the right")
        self.assertEqual(he["num"], "left")
        en = self.probe("en-US")
        self.assertEqual(en["border"], "0px,3px")
        self.assertLess(en["h2"][0] - en["main"][0], 30)
        self.assertLess(en["tile0"][0], en["tile1"][0])
        self.assertLess(en["th0"][0], en["thn"][0])
        self.assertEqual(en["num"], "right")


if __name__ == "__main__":
    main()

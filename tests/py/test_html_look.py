#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The HTML page, the mail body and the chat headline honour what ABI 2.3
gives renderers (issue 17, points 1-3 and 5): [brand], conditional formats,
the locale and pivot sections.

weekly-manager runs once on the sample week with a [brand] (PNG logo,
accent, company, footer) and --locale de-DE, written as HTML and XLSX, mailed
to a real SMTP server on loopback (tests/smtp_sink.py) and posted to a Slack
receiver (tests/webhook_sink.py).  The page passes html5lib's strict parser
and declares lang="de-DE"; it embeds the very logo file as a data: URI and
the mail as a CID image (a JPEG logo as an image/jpeg part); its numbers are
the same run's workbook cells in the German style; its cells and KPI tile are coloured as the workbook's
native rules say for the same values; headless Chromium draws the charts in
the brand's palette (the accent, no Okabe-Ito blue) and shows the threshold
fills; the pivot has the workbook sheet's header and numbers.  A run without
brand or locale keeps outreport's own look (compared in the same test).
"""
import email
import email.policy
import glob
import json
import os
import re
import shutil
import sqlite3
import tempfile

import html5lib
import openpyxl

import browser
from browser import count, screenshot
from outreport_e2e import SAMPLES_CONF, SOURCE, SmtpSink, TempDirTest, main, ok, run
from test_brand import ACCENT, png_bytes

XHTML = "{http://www.w3.org/1999/xhtml}"
ACCENT_RGB = tuple(int(ACCENT[i:i + 2], 16) for i in (0, 2, 4))
GOOD_FILL, BAD_FILL = "C6EFCE", "FFC7CE"
GOOD_RGB = (0xC6, 0xEF, 0xCE)


def thresholds(label):
    """weekly-manager's "good" and "bad" tests of the reps' connect rate (@label None)
    or of KPI tile @label, as functions of a value."""
    with open(os.path.join(SOURCE, "templates", "weekly-manager.json"), encoding="utf-8") as f:
        tpl = json.load(f)
    if label is None:
        rule = next(x for x in tpl["sections"] if x.get("id") == "reps")["columns"]["connect_rate"]
    else:
        rule = next(k for x in tpl["sections"] if x["kind"] == "kpis" for k in x["kpis"]
                    if k["label"] == label)
    ops = {">=": float.__ge__, ">": float.__gt__, "<=": float.__le__, "<": float.__lt__}

    def test(key):
        op, num = rule[key].split()
        return lambda v: ops[op](float(v), float(num))
    return test("good"), test("bad")


def german(n):
    """An integer as de-DE writes it: 1.483."""
    return f"{n:,}".replace(",", ".")


def text_of(el):
    return "".join(el.itertext()).strip()


def style_of(el):
    return (el.get("style") or "").upper()


class HtmlLook(TempDirTest):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="outreport-look-")
        cls.logo = png_bytes()
        with open(os.path.join(cls.tmp, "logo.png"), "wb") as f:
            f.write(cls.logo)
        with open(SAMPLES_CONF, encoding="utf-8") as f:
            base = f.read()
        brand = os.path.join(cls.tmp, "brand.conf")
        with open(brand, "w", encoding="utf-8") as f:
            f.write(base + f"\n[brand]\nlogo = {cls.tmp}/logo.png\naccent = #{ACCENT}\n"
                    "company = Acme GmbH\nfooter = Acme GmbH · Vertraulich\n"
                    "\n[notify]\nslack_webhook_env = OR_TEST_SLACK\n")
        from test_notify import Receiver
        rx = Receiver(os.path.join(cls.tmp, "rx"))
        sink = SmtpSink(os.path.join(cls.tmp, "smtp"))
        try:
            cls.out = os.path.join(cls.tmp, "out")
            cls.db = os.path.join(cls.tmp, "dataset.sqlite")
            ok(run(["run", "weekly-manager", "--format", "html,xlsx", "--out", cls.out,
                    "--locale", "de-DE", "--keep-dataset", cls.db,
                    "--mail-to", "boss@acme.example", "-q"],
                   config=sink.config(base=brand),
                   env={"OR_TEST_SLACK": f"http://127.0.0.1:{rx.port}/slack/T000/B000X"}))
            cls.msgs = sink.messages()
            cls.posts = rx.posts()
        finally:
            sink.stop()
            rx.stop()
        cls.plain = os.path.join(cls.tmp, "plain")
        ok(run(["run", "weekly-manager", "--format", "html", "--out", cls.plain, "-q"]))
        cls.page = os.path.join(cls.out, "weekly-manager.html")
        with open(cls.page, encoding="utf-8") as f:
            cls.text = f.read()
        cls.doc = html5lib.parse(cls.text)
        cls.wb = openpyxl.load_workbook(os.path.join(cls.out, "weekly-manager.xlsx"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def table_after(self, heading):
        """The rows (lists of elements) of the table in the section titled @heading."""
        for sec in self.doc.iter(XHTML + "section"):
            h2 = sec.find(XHTML + "h2")
            if h2 is not None and text_of(h2) == heading:
                table = next(sec.iter(XHTML + "table"))
                return [list(tr) for tr in table.iter(XHTML + "tr")]
        raise AssertionError(f"no section {heading!r}")

    def test_page_parses_strictly_and_declares_the_locale(self):
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
        doc = parser.parse(self.text)
        self.assertEqual(parser.errors, [])
        self.assertEqual(doc.get("lang"), "de-DE")
        with open(os.path.join(self.plain, "weekly-manager.html"), encoding="utf-8") as f:
            self.assertEqual(html5lib.parse(f.read()).get("lang"), "en")

    def test_logo_company_footer_and_accent_in_the_page(self):
        img = next(e for e in self.doc.iter(XHTML + "img") if e.get("class") == "logo")
        kind, data = img.get("src").split(",", 1)
        self.assertEqual(kind, "data:image/png;base64")
        import base64
        self.assertEqual(base64.b64decode(data), self.logo, "the logo file itself")
        self.assertEqual(img.get("alt"), "Acme GmbH")
        header = next(self.doc.iter(XHTML + "header"))
        self.assertIn("Acme GmbH", text_of(header))
        footer = text_of(next(self.doc.iter(XHTML + "footer")))
        self.assertIn("Acme GmbH · Vertraulich", footer)
        self.assertIn(f"--accent:#{ACCENT}", self.text)
        with open(os.path.join(self.plain, "weekly-manager.html"), encoding="utf-8") as f:
            plain = f.read()
        self.assertNotIn("class=\"logo\"", plain)
        self.assertNotIn(ACCENT, plain)

    def test_chromium_draws_the_charts_in_the_brands_palette(self):
        shot = screenshot(self.page, os.path.join(self.tmp, "brand.png"), self.tmp, 960, 9000)
        plain = screenshot(os.path.join(self.plain, "weekly-manager.html"),
                           os.path.join(self.tmp, "plain.png"), self.tmp, 960, 9000)
        self.assertGreater(count(plain, browser.BLUE, 20), 2000, "outreport's own palette")
        self.assertLess(count(shot, browser.BLUE, 20), 50, "no Okabe-Ito blue with a brand")
        self.assertGreater(count(shot, ACCENT_RGB, 20), count(plain, ACCENT_RGB, 20) + 2000,
                           "the charts' first series in the accent")
        self.assertGreater(count(shot, GOOD_RGB, 6), 200, "a good-threshold fill is shown")

    def test_numbers_dates_and_texts_in_german(self):
        calls = self.wb["reps"]
        total = sum(r[2] for r in calls.iter_rows(min_row=2, values_only=True))
        tiles = {text_of(t.find(XHTML + "p")): text_of(t.findall(XHTML + "p")[1])
                 for t in self.doc.iter(XHTML + "div") if t.get("class") == "tile"}
        self.assertEqual(tiles["Calls"], german(total), "the reps' calls, German style")
        self.assertIn("16.–22. Nov. 2026", self.text)
        self.assertIn("Datenzeitraum 16.11.2026 00:00 – 22.11.2026 23:59", self.text)
        for s in ("Zeiten in Europe/Berlin", "Datenquellen", "Erstellt ", "Die Zahlen"):
            self.assertIn(s, self.text)
        self.assertNotIn("Times in", self.text)
        days = [text_of(r[0]) for r in self.table_after("Calls per day")[1:]]
        self.assertTrue(days and all(re.fullmatch(r"\d\d\.\d\d\.2026", d) for d in days), days)
        rows = self.table_after("Calls and meetings by rep")
        self.assertTrue(all(re.fullmatch(r"[\d.]+", text_of(r[2])) for r in rows[1:]))

    def test_cells_and_tile_coloured_as_the_workbook_rules_say(self):
        ws = self.wb["reps"]
        header = [c.value for c in ws[1]]
        rate, conv, meet = (header.index(h) for h in ("Connect rate", "Conversations",
                                                       "Meetings"))
        values = list(ws.iter_rows(min_row=2, values_only=True))
        rows = self.table_after("Calls and meetings by rep")[1:]
        self.assertEqual(len(rows), len(values))
        top = max(v[meet] for v in values)
        good, bad = thresholds(None)
        seen = set()
        for v, r in zip(values, rows):
            style = style_of(r[rate])
            want = GOOD_FILL if good(v[rate]) else BAD_FILL if bad(v[rate]) else None
            seen.add(want)
            if want is None:
                self.assertEqual(style, "", v)
            else:
                self.assertIn(f"BACKGROUND:#{want}", style, v)
            self.assertIn("BACKGROUND:#", style_of(r[conv]), "a colour scale on every cell")
            bar = re.search(r"LINEAR-GRADIENT\(90DEG,#[0-9A-F]{6} ([\d.]+)%", style_of(r[meet]))
            if v[meet] == 0:
                self.assertIsNone(bar, "no bar for nothing")
            else:
                self.assertIsNotNone(bar, v)
                self.assertAlmostEqual(float(bar.group(1)), 100.0 * v[meet] / top, delta=0.1)
            self.assertEqual(style_of(r[0]), "", "no rule, no colour")
        self.assertIn(GOOD_FILL, seen, "the sample week has a good connect rate")
        self.assertIn(BAD_FILL, seen, "and a bad one")
        summary = self.wb["Summary"]
        row = next(r for r in range(1, summary.max_row + 1)
                   if summary.cell(r, 1).value == "Connect rate")
        value = summary.cell(row, 2).value
        tile = next(t for t in self.doc.iter(XHTML + "div") if t.get("class") == "tile"
                    and text_of(t.find(XHTML + "p")) == "Connect rate")
        span = tile.findall(XHTML + "p")[1].find(XHTML + "span")
        good, bad = thresholds("Connect rate")
        want = GOOD_FILL if good(value) else BAD_FILL if bad(value) else None
        if want is None:
            self.assertIsNone(span.get("style"))
        else:
            self.assertIn(f"BACKGROUND:#{want}", style_of(span))

    def test_pivot_has_the_workbook_sheets_header_numbers_and_scale(self):
        sheet = list(self.wb["meetings-by-weekday"].iter_rows(values_only=True))
        rows = self.table_after("Meetings by list and weekday")
        self.assertEqual([text_of(c) for c in rows[0]], list(sheet[0]))
        self.assertEqual(list(sheet[0])[1:8], ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."])
        self.assertEqual(len(rows), len(sheet))
        for want, got in zip(sheet[1:], rows[1:]):
            self.assertEqual([text_of(c) for c in got],
                             [want[0]] + [german(v) for v in want[1:]])
            self.assertTrue(all("BACKGROUND:#" in style_of(c) for c in got[1:8]), "the scale")
            self.assertEqual(style_of(got[8]), "", "the Total is not on the scale")

    def test_mail_has_the_logo_as_a_cid_image_and_german_texts(self):
        self.assertEqual(len(self.msgs), 1)
        msg = self.msgs[0]
        html = next(p for p in msg.walk() if p.get_content_type() == "text/html").get_content()
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(html)
        self.assertIn('lang="de-DE"', html)
        self.assertNotIn("data:image", html)
        logo = re.search(r'<img class="logo"[^>]* src="cid:([^"]+)"', html)
        self.assertIsNotNone(logo, "the logo by Content-ID")
        part = next(p for p in msg.walk() if p["Content-ID"] == f"<{logo.group(1)}>")
        self.assertEqual(part.get_content_type(), "image/png")
        self.assertEqual(part.get_payload(decode=True), self.logo)
        text = next(p for p in msg.walk() if p.get_content_type() == "text/plain").get_content()
        con = sqlite3.connect(self.db)
        calls = con.execute("SELECT count(*) FROM calls").fetchone()[0]
        con.close()
        self.assertIn(f">{german(calls)}<", html, "the mail's tiles in the locale's numbers")
        self.assertIn("Zeitraum: 16.–22. Nov. 2026", text)
        self.assertIn(f"Calls: {german(calls)} (vorher ", text)
        self.assertIn("\nQuellen\n", text)
        self.assertNotIn("Period:", text)

    def test_a_jpeg_logo_goes_to_the_mail_as_an_image_jpeg_part(self):
        from PIL import Image
        jpeg = os.path.join(self.dir, "logo.jpg")
        Image.new("RGB", (60, 24), ACCENT_RGB).save(jpeg, "JPEG")
        with open(jpeg, "rb") as f:
            logo = f.read()
        with open(SAMPLES_CONF, encoding="utf-8") as f:
            base = f.read()
        conf = os.path.join(self.dir, "jpeg.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(base + f"\n[brand]\nlogo = {jpeg}\n")
        sink = SmtpSink(os.path.join(self.dir, "smtp"))
        self.addCleanup(sink.stop)
        ok(run(["run", "weekly-manager", "--format", "html", "--out", os.path.join(self.dir, "o"),
                "--mail-to", "boss@acme.example", "-q"], config=sink.config(base=conf)))
        msg = sink.messages()[0]
        html = next(p for p in msg.walk() if p.get_content_type() == "text/html").get_content()
        cid = re.search(r'<img class="logo"[^>]* src="cid:([^"]+)"', html)
        self.assertIsNotNone(cid, "the JPEG logo by Content-ID, not as a data: URI")
        part = next(p for p in msg.walk() if p["Content-ID"] == f"<{cid.group(1)}>")
        self.assertEqual(part.get_content_type(), "image/jpeg")
        self.assertEqual(part.get_payload(decode=True), logo)

    def test_chat_headline_has_the_company_and_german_numbers(self):
        self.assertEqual(len(self.posts), 1)
        self.assertEqual(self.posts[0]["problems"], [])
        body = json.dumps(self.posts[0]["body"], ensure_ascii=False)
        con = sqlite3.connect(self.db)
        calls = con.execute("SELECT count(*) FROM calls").fetchone()[0]
        con.close()
        for needle in ("Acme GmbH · Weekly sales report", "16.–22. Nov. 2026",
                       "Zeiten in Europe/Berlin", german(calls), "(vorher ",
                       f"ok calls ({german(calls)} Zeilen)", "Dateien: weekly-manager.html"):
            self.assertIn(needle, body)


if __name__ == "__main__":
    main()

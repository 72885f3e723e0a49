#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Names in every script a sales team has in the HTML page's charts (issue 17,
point 4), through the real binary and the real readers: html5lib (strict),
the PNG itself (PIL) and headless Chromium.

Reps named 김민준 (Hangul), محمد العلي (Arabic), דוד כהן (Hebrew), अर्जुन शर्मा
(Devanagari) and สมชาย ใจดี (Thai):

- the page's SVG charts (the browser's form) carry their labels as SVG <text>,
  not glyph outlines: each name whole and in reading (logical) order, the
  right-to-left ones marked direction="rtl", each run in the font the PDF
  shapes it in; a name with markup characters is escaped;
- the PNG charts (the mail's form: --option charts=png, and the image/png
  part of a real mail sent to tests/smtp_sink.py) are shaped in the picture: each name's label, cropped beside its bar,
  matches a reviewed reference in tests/fixtures/scripts/html/ (mean grey
  difference over the inked pixels within a tolerance); so does each label
  of the SVG page as headless Chromium draws it; another script's crop does
  not match, so the comparison can fail.  OR_UPDATE_REFERENCE=1 rewrites the
  references instead (review every one by eye before committing);
- a character no font has (Tibetan) gives one warning naming it as U+XXXX;
  --option script_font_dir names the folder of the script fonts (a missing one
  is named in that warning, an empty one refused).
"""
import base64
import os
import re

import html5lib
from PIL import Image

from browser import BLUE, chromium, near
from outreport_e2e import SOURCE, SmtpSink, TempDirTest, main, ok, run, write_template

SVG = "{http://www.w3.org/2000/svg}"
REPS = [("hangul", "김민준", 41), ("arabic", "محمد العلي", 37), ("hebrew", "דוד כהן", 33),
        ("devanagari", "अर्जुन शर्मा", 29), ("thai", "สมชาย ใจดี", 25)]
FONTS = {"hangul": "NanumGothic", "arabic": "Noto Sans Arabic", "hebrew": "Noto Sans Hebrew",
         "devanagari": "Noto Sans Devanagari", "thai": "Noto Sans Thai"}
RTL = {"arabic", "hebrew"}
MARKUP = "O'Brien & <Sons> \"Ltd\""
REFS = os.path.join(SOURCE, "tests", "fixtures", "scripts", "html")
# Mean absolute grey difference (0..255) a crop may have from its reference, over the
# pixels where either has ink (darker than INK), as tests/test_pdf_scripts.c.
MAX_DIFF = 12.0
INK = 224


def values(names):
    rows = ", ".join("('{}', {})".format(n.replace("'", "''"), c) for n, c in names)
    # The calls source must be read for the template to be valid; the rows are fixed.
    return (f"SELECT column1 AS rep, column2 AS calls FROM (VALUES {rows}) "
            "WHERE (SELECT count(*) FROM calls) >= 0")


def chart(cid, kind, names, **extra):
    s = {"kind": "chart", "id": cid, "title": "Calls per rep", "chart": kind,
         "sql": values(names), "x": "rep", "series": "calls"}
    s.update(extra)
    return s


def template(*sections):
    return {"title": "Scripts", "sources": {"calls": {"source": "salesfinity.call-log"}},
            "sections": list(sections)}


REP_ROWS = [(name, calls) for _, name, calls in REPS]
# Only the horizontal bars: its category labels are cropped beside their bars.
HBAR = template(chart("hbar", "bar", REP_ROWS, horizontal=True))
# Horizontal bars, vertical bars whose long names are turned by 45 degrees, a donut.
EVERY = template(
    chart("hbar", "bar", REP_ROWS + [(MARKUP, 21)], horizontal=True),
    chart("vbar", "bar", [(n + ", inside sales EMEA North", c) for n, c in REP_ROWS], y_label="Calls"),
    chart("donut", "donut", REP_ROWS))


def text_of(el):
    return "".join(el.itertext())


def bar_rows(img):
    """The bars of a horizontal bar chart, top down: (left x, top y, bottom y)."""
    w, h = img.size
    px = img.load()
    rows = []
    for y in range(h):
        xs = [x for x in range(w) if near(px[x, y], BLUE, 30)]
        if len(xs) > 20:
            rows.append((y, xs[0]))
    bars = []
    for y, x in rows:
        if bars and y == bars[-1][2] + 1:
            bars[-1] = (min(bars[-1][0], x), bars[-1][1], y)
        else:
            bars.append((x, y, y))
    return bars


def label_crops(img):
    """The label left of each bar, grey: as high as the bars' pitch, from 2 pixels before
    its first column with ink (a column of one grey, such as the page's frame, is none)
    to 2 pixels before the bar."""
    bars = bar_rows(img)
    if len(bars) < 2:
        raise AssertionError(f"{len(bars)} bars found")
    pitch = (bars[-1][1] - bars[0][1]) / (len(bars) - 1)
    grey = img.convert("L")
    crops = []
    for left, top, bottom in bars:
        mid = (top + bottom) / 2
        band = grey.crop((0, int(mid - pitch / 2), left - 2, int(mid + pitch / 2)))
        px = band.load()
        inked = [x for x in range(band.size[0])
                 if max(px[x, y] for y in range(band.size[1])) -
                 min(px[x, y] for y in range(band.size[1])) > 40]
        crops.append(band.crop((max(inked[0] - 2, 0) if inked else 0, 0) + band.size))
    return crops


def diff(a, b):
    """Mean absolute difference over the pixels inked in either crop, right edges and
    vertical centres aligned (the labels are right-aligned beside their bars), over the
    size they have in common."""
    w, h = min(a.size[0], b.size[0]), min(a.size[1], b.size[1])
    a = a.crop((a.size[0] - w, (a.size[1] - h) // 2, a.size[0], (a.size[1] - h) // 2 + h))
    b = b.crop((b.size[0] - w, (b.size[1] - h) // 2, b.size[0], (b.size[1] - h) // 2 + h))
    pa, pb = a.getdata(), b.getdata()
    inked = [(x, y) for x, y in zip(pa, pb) if x < INK or y < INK]
    if sum(1 for y in pb if y < 128) <= 20:
        raise AssertionError("the crop is blank: no label drawn")
    return sum(abs(x - y) for x, y in inked) / len(inked)


class HtmlScripts(TempDirTest):
    def render(self, tpl, *options):
        out = os.path.join(self.dir, "out")
        path = write_template(self.dir, tpl)
        res = ok(run(["run", path, "--format", "html", "--out", out] +
                     [a for o in options for a in ("--option", o)]))
        page = os.path.join(out, "t.html")
        with open(page, encoding="utf-8") as f:
            return page, f.read(), res

    def check_crops(self, form, crops):
        """Each rep's crop against its reference (or written as it, on request)."""
        self.assertEqual(len(crops), len(REPS))
        if os.environ.get("OR_UPDATE_REFERENCE") == "1":
            os.makedirs(REFS, exist_ok=True)
            for (script, _, _), crop in zip(REPS, crops):
                crop.save(os.path.join(REFS, f"{form}-{script}.pgm"))
                print(f"wrote {REFS}/{form}-{script}.pgm")
            return
        refs, bad = [], []
        for (script, _, _), crop in zip(REPS, crops):
            ref = os.path.join(REFS, f"{form}-{script}.pgm")
            if not os.path.exists(ref):
                raise AssertionError(f"no reference {ref} (OR_UPDATE_REFERENCE=1 writes it)")
            refs.append(Image.open(ref).convert("L"))
            d = diff(refs[-1], crop)
            print(f"[html_scripts] {form} {script}: mean difference {d:.3f}, "
                  f"{crop.size} against {refs[-1].size}")
            # The label's width shows in the crop's: within a bar's soft edge.
            if d > MAX_DIFF or abs(crop.size[0] - refs[-1].size[0]) > 3 or \
                    abs(crop.size[1] - refs[-1].size[1]) > 3:
                kept = os.path.join(self.dir, f"{form}-{script}.pgm")
                crop.save(kept)
                bad.append(f"{script} ({d:.3f} > {MAX_DIFF} or {crop.size} against "
                           f"{refs[-1].size})")
        if bad:
            raise AssertionError(f"{form} labels differ from {REFS}: " + ", ".join(bad))
        # The comparison can fail: the Hangul reference does not match the Arabic label.
        other = diff(refs[0], crops[1])
        self.assertGreater(other, MAX_DIFF, "the Hangul reference matches the Arabic label")

    def test_svg_labels_are_text_in_reading_order_in_the_fonts_the_pdf_uses(self):
        _, html, _ = self.render(EVERY)
        doc = html5lib.HTMLParser(strict=True).parse(html)
        charts = list(doc.iter(SVG + "svg"))
        self.assertEqual(len(charts), 3)
        for svg in charts:
            # Text, not glyph outlines: no glyph symbols are defined any more.
            self.assertFalse([g for g in svg.iter(SVG + "symbol")], "glyph outlines in the SVG")
            self.assertGreater(len(list(svg.iter(SVG + "text"))), 3)
        hbar, vbar, donut = ([text_of(t) for t in svg.iter(SVG + "text")] for svg in charts)
        for script, name, _ in REPS:
            self.assertIn(name, hbar, f"{script} category label")
            # Turned, and cut with "…" to the room below the axis.
            self.assertTrue(any(t.startswith(name + ", inside sales") and t.endswith("\u2026")
                                for t in vbar), f"{script} turned label")
            self.assertTrue(any(name in t for t in donut), f"{script} in the donut")
        self.assertIn(MARKUP, hbar, "escaped name")
        self.assertIn("41", hbar)
        labels = {text_of(t): t for t in charts[0].iter(SVG + "text")}
        for script, name, _ in REPS:
            t = labels[name]
            self.assertEqual(t.get("direction") == "rtl", script in RTL, f"{script} direction")
            # Anchored by its right edge beside the bar, whichever way it runs.
            self.assertEqual(t.get("text-anchor", "start"),
                             "start" if script in RTL else "end", f"{script} anchor")
            spans = list(t.iter(SVG + "tspan"))
            self.assertEqual(len(spans), 1, f"{script}: one font run")
            self.assertTrue(spans[0].get("font-family").startswith(f"'{FONTS[script]}'"),
                            spans[0].get("font-family"))
        turned = [t for t in charts[1].iter(SVG + "text") if "inside sales" in text_of(t)]
        self.assertEqual(len(turned), len(REPS))
        for t in turned:
            # Counter-clockwise on the page: SVG turns clockwise for positive angles.
            self.assertRegex(t.get("transform"), r"^rotate\(-45 [0-9.]+ [0-9.]+\)$")
        # A mixed label runs in two fonts: the name's, then DejaVu Sans for "inside sales".
        kr = next(t for t in turned if REPS[0][1] in text_of(t))
        self.assertEqual([s.get("font-family").split(",")[0] for s in kr.iter(SVG + "tspan")],
                         ["'NanumGothic'", "'DejaVu Sans'"])

    def test_png_charts_for_mail_are_shaped_and_match_reviewed_references(self):
        _, html, _ = self.render(HBAR, "charts=png")
        self.assertNotIn("<svg", html)
        pngs = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
        self.assertEqual(len(pngs), 1)
        path = os.path.join(self.dir, "chart.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(pngs[0]))
        self.check_crops("png", label_crops(Image.open(path).convert("RGB")))

    def test_mailed_chart_is_the_same_shaped_png(self):
        sink = SmtpSink(os.path.join(self.dir, "smtp"))
        self.addCleanup(sink.stop)
        ok(run(["run", write_template(self.dir, HBAR), "--format", "html",
                "--out", os.path.join(self.dir, "out"), "--mail-to", "boss@acme.example"],
               config=sink.config()))
        msgs = sink.messages()
        self.assertEqual(len(msgs), 1)
        pngs = [p for p in msgs[0].walk() if p.get_content_type() == "image/png"]
        self.assertEqual(len(pngs), 1)
        path = os.path.join(self.dir, "mailed.png")
        with open(path, "wb") as f:
            f.write(pngs[0].get_payload(decode=True))
        self.check_crops("png", label_crops(Image.open(path).convert("RGB")))

    def test_chromium_draws_the_svg_labels_shaped_as_reviewed(self):
        page, _, _ = self.render(HBAR)
        shot = os.path.join(self.dir, "page.png")
        # Twice the pixels of a page, as the PNG charts: the labels' shapes are legible.
        chromium(["--window-size=800,700", "--force-device-scale-factor=2", "--screenshot=" + shot,
                  "file://" + page], self.dir)
        self.check_crops("svg", label_crops(Image.open(shot).convert("RGB")))

    def test_character_no_font_has_gives_one_warning_naming_it(self):
        tibetan = "བཀྲ་ཤིས"
        res = run(["run", write_template(self.dir, template(
                       chart("hbar", "bar", REP_ROWS + [(tibetan, 3)], horizontal=True),
                       chart("vbar", "bar", [(tibetan, 3)]))),
                   "--format", "html", "--option", "charts=png",
                   "--out", os.path.join(self.dir, "out")])
        ok(res)
        lines = [x for x in res.stderr.splitlines() if "drawn as a box" in x]
        self.assertEqual(len(lines), 1, res.stderr)
        self.assertIn("U+0F56", lines[0])
        self.assertIn("script_font_dir", lines[0])

    def test_script_font_dir_option_is_used_and_checked(self):
        path = write_template(self.dir, HBAR)
        # Without the script fonts the Hangul name is a box: one warning naming the file.
        res = ok(run(["run", path, "--format", "html", "--option", "charts=png",
                      "--option", "script_font_dir=/nonexistent",
                      "--out", os.path.join(self.dir, "out")]))
        lines = [x for x in res.stderr.splitlines() if "drawn as a box" in x]
        self.assertEqual(len(lines), 1, res.stderr)
        self.assertIn("U+AE40", lines[0])
        self.assertIn("/nonexistent/nanum/NanumGothic.ttf cannot be read", lines[0])
        # An empty folder name is refused, naming the option; no page is left behind.
        out = os.path.join(self.dir, "empty")
        res = run(["run", path, "--format", "html", "--option", "script_font_dir=",
                   "--out", out])
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("html: option script_font_dir: empty folder name", res.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "t.html")))


if __name__ == "__main__":
    main()

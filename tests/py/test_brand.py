#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""[brand] (issue 17, point 1): a company's logo, accent, name and footer in
the PDF and the workbook, and a cover page; a broken brand is refused.

The shipped weekly-manager template runs on the sample week with a [brand]
section added to the sample configuration.  The PDF is read with pdftotext
(texts per page), pdfimages (the logo is embedded) and pdftoppm (the cover's
accent band and the header rule are drawn in the accent colour); the
workbook with openpyxl (the Summary's company line, its title colour, the
logo, the printed header and footer) and its chart XML (series coloured
from the accent).  Every broken [brand] exits 2 naming the file and key and
writes no document.
"""
import os
import struct
import subprocess
import zipfile
import zlib

import openpyxl

from outreport_e2e import SAMPLES_CONF, SOURCE, TempDirTest, main, ok, pdf_text, run

ACCENT = "7A1FA2"
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">'
       f'<rect width="200" height="80" rx="10" fill="#{ACCENT}"/></svg>')


def png_bytes(w=60, h=24, rgb=(0x7A, 0x1F, 0xA2)):
    """A small solid PNG, written by hand (zlib and CRCs, as the format says)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def ppm_pixel(path, x, y):
    """The RGB of pixel (x, y) of a binary PPM (pdftoppm's output)."""
    with open(path, "rb") as f:
        data = f.read()
    fields = data.split(maxsplit=4)
    width = int(fields[1])
    pixels = fields[4]
    at = (y * width + x) * 3
    return "%02X%02X%02X" % tuple(pixels[at:at + 3])


class BrandTest(TempDirTest):
    def config(self, brand):
        with open(SAMPLES_CONF, encoding="utf-8") as f:
            text = f.read()
        path = os.path.join(self.dir, "brand.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + "\n[brand]\n" + brand)
        return path

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def render(self, brand, formats="pdf,xlsx"):
        out = os.path.join(self.dir, "out")
        ok(run(["run", "weekly-manager", "--format", formats, "--out", out, "-q"],
               config=self.config(brand)))
        return out

    def test_pdf_has_cover_logo_company_footer_and_accent(self):
        self.write("logo.png", png_bytes())
        out = self.render(f"logo = logo.png\naccent = #{ACCENT}\ncompany = Acme GmbH\n"
                          "footer = Acme GmbH · Confidential\ncover = true\n", "pdf")
        pdf = os.path.join(out, "weekly-manager.pdf")
        pages = pdf_text(pdf).split("\f")
        cover = pages[0]
        self.assertIn("Acme GmbH", cover)
        self.assertIn("Weekly sales report", cover)
        self.assertNotIn("DATA SOURCES", cover, "the cover is a page of its own")
        self.assertIn("DATA SOURCES", pages[1])
        self.assertIn("Acme GmbH · Weekly sales report", pages[1], "the header names the company")
        for n, page in enumerate(pages[1:-1], start=2):
            self.assertIn("Acme GmbH · Confidential", page, f"page {n} lacks the footer line")
        images = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        logo_pages = {int(line.split()[0]) for line in images if line.split()[3] == "60"}
        self.assertIn(1, logo_pages, "the cover shows the logo")
        self.assertIn(2, logo_pages, "the page header shows the logo")
        ppm = os.path.join(self.dir, "p")
        subprocess.run(["pdftoppm", "-r", "72", "-singlefile", "-f", "1", "-l", "1", pdf, ppm],
                       check=True)
        self.assertEqual(ppm_pixel(ppm + ".ppm", 300, 4), ACCENT, "the cover's band")

    def test_without_cover_the_first_page_is_the_report(self):
        out = self.render(f"accent = #{ACCENT}\ncompany = Acme GmbH\n", "pdf")
        pdf = os.path.join(out, "weekly-manager.pdf")
        self.assertIn("DATA SOURCES", pdf_text(pdf).split("\f")[0])
        ppm = os.path.join(self.dir, "p")
        subprocess.run(["pdftoppm", "-r", "72", "-singlefile", "-f", "1", "-l", "1", pdf, ppm],
                       check=True)
        # the header rule, 38 pt below the top edge, in the accent
        self.assertEqual(ppm_pixel(ppm + ".ppm", 300, 38), ACCENT, "the header rule")

    def test_svg_logo_is_rasterised_into_both_documents(self):
        self.write("logo.svg", SVG.encode())
        out = self.render("logo = logo.svg\ncompany = Acme GmbH\n")
        images = subprocess.run(["pdfimages", "-list", os.path.join(out, "weekly-manager.pdf")],
                                capture_output=True, text=True, check=True).stdout
        self.assertIn(" 1024 ", images, "the SVG is drawn 1024 pixels wide")
        wb = openpyxl.load_workbook(os.path.join(out, "weekly-manager.xlsx"))
        self.assertEqual(len(wb["Summary"]._images), 1)

    def test_jpeg_logo(self):
        # A JPEG made by poppler from a PDF of the sample week.
        plain = os.path.join(self.dir, "plain")
        ok(run(["run", "weekly-manager", "--format", "pdf", "--out", plain, "-q"]))
        jpeg = os.path.join(self.dir, "logo")
        subprocess.run(["pdftoppm", "-jpeg", "-r", "10", "-singlefile", "-f", "1", "-l", "1",
                        os.path.join(plain, "weekly-manager.pdf"), jpeg], check=True)
        out = self.render("logo = logo.jpg\n")
        images = subprocess.run(["pdfimages", "-list", os.path.join(out, "weekly-manager.pdf")],
                                capture_output=True, text=True, check=True).stdout
        self.assertIn("jpeg", images)

    def test_workbook_summary_header_and_chart_colours(self):
        self.write("logo.png", png_bytes())
        out = self.render(f"logo = logo.png\naccent = #{ACCENT}\ncompany = Acme GmbH\n"
                          "footer = R&D · Confidential\n", "xlsx")
        path = os.path.join(out, "weekly-manager.xlsx")
        ws = openpyxl.load_workbook(path)["Summary"]
        self.assertEqual(ws["A1"].value, "Acme GmbH")
        self.assertEqual(ws["A2"].value, "Weekly sales report")
        self.assertEqual(ws["A2"].font.color.rgb, "FF" + ACCENT, "the title in the accent")
        self.assertEqual(len(ws._images), 1, "the logo on the Summary")
        self.assertEqual(ws.oddHeader.left.text, "Acme GmbH")
        self.assertEqual(ws.oddFooter.left.text, "R&&D · Confidential")
        self.assertEqual(ws.oddFooter.right.text, "Page &P of &N")
        with zipfile.ZipFile(path) as z:
            charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/")]
        self.assertTrue(charts)
        self.assertTrue(all(f'srgbClr val="{ACCENT}"' in c for c in charts),
                        "every chart's first series in the accent")

    def test_heatmap_scale_is_drawn_from_the_accent_in_pdf_and_workbook(self):
        out = self.render(f"accent = #{ACCENT}\n")
        # the largest value's colour: the accent darkened to 70 % (chart_heat_scale)
        high = "%02x%02x%02x" % tuple(round(int(ACCENT[i:i + 2], 16) * 0.70) for i in (0, 2, 4))
        pdf = os.path.join(out, "weekly-manager.pdf")
        pages = pdf_text(pdf).split("\f")
        page = next(i for i, p in enumerate(pages, start=1) if "When calls connect" in p)
        graphics = subprocess.run(["python3", os.path.join(SOURCE, "tests", "pdf_graphics.py"),
                                   pdf], capture_output=True, text=True, check=True).stdout
        line = next(l for l in graphics.splitlines() if l.startswith(f"page {page} "))
        fills = line.split(" fill-colours ")[1].split(" stroke-colours ")[0]
        self.assertIn(high + ":", fills, "the busiest hour in the accent's dark shade")
        self.assertNotIn("08519c:", fills, "no cell in the unbranded blue scale")
        ws = openpyxl.load_workbook(os.path.join(out, "weekly-manager.xlsx"))["when-calls-connect"]
        rules = [r for cf in ws.conditional_formatting for r in cf.rules]
        scales = [[c.rgb for c in r.colorScale.color] for r in rules if r.colorScale is not None]
        self.assertEqual(len(scales), 1, scales)
        self.assertEqual(scales[0][2], "FF" + high.upper(), "the workbook's scale ends alike")

    def refused(self, brand, *says):
        out = os.path.join(self.dir, "out")
        r = run(["run", "weekly-manager", "--format", "pdf,xlsx", "--out", out],
                config=self.config(brand))
        self.assertEqual(r.returncode, 2, r.stderr)
        for s in says:
            self.assertIn(s, r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        docs = [n for n in os.listdir(out) if n.endswith((".pdf", ".xlsx"))] \
            if os.path.isdir(out) else []
        self.assertEqual(docs, [], "no document is written")

    def test_missing_logo_is_refused_naming_the_file(self):
        self.refused("logo = nowhere.png\n", "brand.conf: [brand] logo:",
                     os.path.join(self.dir, "nowhere.png"), "no such file")

    def test_unreadable_logo_is_refused(self):
        self.write("logo.png", b"this is no image at all")
        self.refused("logo = logo.png\n", "[brand] logo:", "logo.png", "not a PNG, JPEG or SVG")
        self.write("cut.png", png_bytes()[:40])
        self.refused("logo = cut.png\n", "[brand] logo:", "cut.png", "not a readable png image")
        self.write("bad.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect</svg>")
        self.refused("logo = bad.svg\n", "[brand] logo:", "bad.svg", "SVG")

    def test_bad_accent_and_cover_are_refused_naming_the_key(self):
        self.refused("accent = #12345\n", "[brand] accent: '#12345' is not a colour #rrggbb")
        self.refused("accent = purple\n", "[brand] accent: 'purple'")
        self.refused("cover = maybe\n", "[brand] cover: 'maybe' is not true or false")
        self.refused("acent = #123456\n", "[brand] acent: unknown key; did you mean accent?")


if __name__ == "__main__":
    main()

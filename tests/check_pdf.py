#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check a PDF from outreport with real readers (qpdf, poppler-utils).

Usage: check_pdf.py FILE.pdf [options]

Always checked:
  * qpdf --check finds no error;
  * pdffonts lists only embedded fonts;
  * pdftotext reads the file without warnings on stderr;
  * every page i of N carries "page i of N".

Options:
  --font NAME         a font whose name contains NAME is embedded (repeatable)
  --text TEXT         TEXT appears somewhere (repeatable)
  --every-page TEXT   TEXT appears on every page (repeatable)
  --page1 TEXT        TEXT appears on page 1 (repeatable)
  --min-pages N       the document has at least N pages
  --outline TITLE     the outline has a bookmark titled TITLE whose target
                      page shows TITLE (repeatable)
  --reference FILE.pgm [--max-diff X]
                      page 1 rendered with pdftoppm -r 50 -gray matches the
                      reference image: same size, mean absolute difference
                      of the grey levels at most X (default 0.75)
  --write-reference FILE.pgm
                      write page 1 rendered that way to FILE.pgm and stop

Prints one line per failed check and exits 1 if any failed; prints
"ok: N pages" and exits 0 otherwise.  Standard library only.
"""
import json
import os
import subprocess
import sys
import tempfile


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def read_pgm(path):
    """Width, height and grey bytes of a binary (P5) 8-bit PGM."""
    with open(path, "rb") as f:
        data = f.read()
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            while data[pos:pos + 1] not in (b"\n", b""):
                pos += 1
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    if fields[0] != b"P5" or int(fields[3]) != 255:
        raise ValueError("%s is not an 8-bit binary PGM" % path)
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + w * h]
    if len(pixels) != w * h:
        raise ValueError("%s is truncated" % path)
    return w, h, pixels


def render_page1(pdf, out_pgm):
    with tempfile.TemporaryDirectory() as tmp:
        stem = os.path.join(tmp, "page")
        code, _, err = run(["pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1",
                            "-singlefile", pdf, stem])
        if code != 0:
            raise RuntimeError("pdftoppm failed: " + err.strip())
        with open(stem + ".pgm", "rb") as src, open(out_pgm, "wb") as dst:
            dst.write(src.read())


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    pdf = argv[1]
    fonts, texts, every, page1, outlines = [], [], [], [], []
    min_pages = 0
    reference = None
    write_reference = None
    max_diff = 0.75
    i = 2
    while i < len(argv):
        opt = argv[i]
        val = argv[i + 1] if i + 1 < len(argv) else None
        if val is None:
            print("missing value after " + opt, file=sys.stderr)
            return 2
        if opt == "--font":
            fonts.append(val)
        elif opt == "--text":
            texts.append(val)
        elif opt == "--every-page":
            every.append(val)
        elif opt == "--page1":
            page1.append(val)
        elif opt == "--outline":
            outlines.append(val)
        elif opt == "--min-pages":
            min_pages = int(val)
        elif opt == "--reference":
            reference = val
        elif opt == "--write-reference":
            write_reference = val
        elif opt == "--max-diff":
            max_diff = float(val)
        else:
            print("unknown option " + opt, file=sys.stderr)
            return 2
        i += 2

    if write_reference:
        render_page1(pdf, write_reference)
        print("wrote " + write_reference)
        return 0

    failures = []
    code, out, err = run(["qpdf", "--check", pdf])
    if code != 0:
        failures.append("qpdf --check failed (exit %d): %s" % (code, (out + err).strip()))

    code, out, err = run(["pdffonts", pdf])
    if code != 0:
        failures.append("pdffonts failed: " + err.strip())
    else:
        rows = out.splitlines()[2:]
        for row in rows:
            cols = row.split()
            # name type... encoding emb sub uni object ID: emb is 5th from the end.
            if len(cols) >= 7 and cols[-5] != "yes":
                failures.append("font not embedded: " + row.strip())
        for name in fonts:
            if not any(name in r.split()[0] and r.split()[-5] == "yes" for r in rows if r.split()):
                failures.append("no embedded font named like %r in:\n%s" % (name, out))

    code, text, err = run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"])
    if code != 0:
        failures.append("pdftotext failed: " + err.strip())
    elif err.strip():
        failures.append("pdftotext warned: " + err.strip())
    pages = text.split("\f")
    if pages and pages[-1].strip() == "":
        pages = pages[:-1]
    n = len(pages)
    if n < max(min_pages, 1):
        failures.append("%d pages, expected at least %d" % (n, max(min_pages, 1)))
    for k, page in enumerate(pages, start=1):
        want = "page %d of %d" % (k, n)
        if want not in page:
            failures.append("page %d lacks %r" % (k, want))
        for t in every:
            if t not in page:
                failures.append("page %d lacks %r" % (k, t))
    for t in texts:
        if t not in text:
            failures.append("text %r not found" % t)
    for t in page1:
        if not pages or t not in pages[0]:
            failures.append("page 1 lacks %r" % t)

    if outlines:
        code, out, err = run(["qpdf", "--json", "--json-key=outlines", pdf])
        marks = json.loads(out).get("outlines", []) if code == 0 else []
        for title in outlines:
            hits = [m for m in marks if m.get("title") == title]
            if not hits:
                failures.append("no bookmark titled %r" % title)
                continue
            page = hits[0].get("destpageposfrom1", 0)
            if not 1 <= page <= n or title not in pages[page - 1]:
                failures.append("bookmark %r points at page %s, which does not show it"
                                % (title, page))

    if reference:
        with tempfile.TemporaryDirectory() as tmp:
            got_path = os.path.join(tmp, "got.pgm")
            try:
                render_page1(pdf, got_path)
                rw, rh, ref = read_pgm(reference)
                gw, gh, got = read_pgm(got_path)
            except (OSError, ValueError, RuntimeError) as e:
                failures.append("reference comparison: %s" % e)
            else:
                if (rw, rh) != (gw, gh):
                    failures.append("page 1 is %dx%d pixels, reference %dx%d" % (gw, gh, rw, rh))
                else:
                    diff = sum(abs(a - b) for a, b in zip(ref, got)) / float(rw * rh)
                    if diff > max_diff:
                        failures.append("page 1 differs from %s: mean absolute difference "
                                        "%.3f > %.3f" % (reference, diff, max_diff))
                    else:
                        print("page 1 mean absolute difference %.3f" % diff)

    for f in failures:
        print("FAIL: " + f)
    if failures:
        return 1
    print("ok: %d pages" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

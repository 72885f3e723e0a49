#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What each page of a PDF paints, read by qpdf (a real reader).

Usage: pdf_graphics.py FILE.pdf

Prints one line per page:

  page N images I fills F strokes S fill-colours RRGGBB:K,... stroke-colours RRGGBB:K,...

I counts the images drawn on the page (image XObjects painted with Do, also
inside form XObjects), F and S the paths filled and stroked by the page's own
content streams (f, F, f*, B, B*, b, b* count as a fill, and the B/b forms
also as a stroke), and the colour lists say in which DeviceRGB colour (lower
case hex, set with rg or RG) how many of those were painted.  Text showing is
not counted.  The content streams are decoded by qpdf
(--decode-level=generalized); this script only tokenises them.  Standard
library only; exits 2 when qpdf fails.
"""
import base64
import json
import re
import subprocess
import sys
from collections import Counter

FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKES = {"S", "s", "B", "B*", "b", "b*"}
# Strings, names, numbers, operators; brackets and dictionaries are skipped.
TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|/[^\s/<>\[\]()]+|[-+.\d]+|[A-Za-z'\"*]+")


def hex_rgb(nums):
    return "".join("%02x" % round(max(0.0, min(1.0, v)) * 255) for v in nums)


def load(pdf):
    p = subprocess.run(["qpdf", "--json=2", "--json-key=pages", "--json-key=qpdf",
                        "--json-stream-data=inline", "--decode-level=generalized", pdf, "-"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 3):
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        sys.exit(2)
    return json.loads(p.stdout)


def stream_bytes(objects, ref):
    obj = objects.get("obj:" + ref, {})
    data = obj.get("stream", {}).get("data")
    return base64.b64decode(data) if data else b""


def summarise(content):
    fills, strokes = Counter(), Counter()
    fill_rgb, stroke_rgb = "000000", "000000"
    stack, saved = [], []
    for tok in TOKEN.findall(content):
        if tok[:1] in b"(</" or tok[:1].isdigit() or tok[:1] in b"-+.":
            stack.append(tok)
            continue
        op = tok.decode("latin-1")
        if op == "rg" and len(stack) >= 3:
            fill_rgb = hex_rgb(float(v) for v in stack[-3:])
        elif op == "RG" and len(stack) >= 3:
            stroke_rgb = hex_rgb(float(v) for v in stack[-3:])
        elif op == "g" and stack:
            fill_rgb = hex_rgb([float(stack[-1])] * 3)
        elif op == "G" and stack:
            stroke_rgb = hex_rgb([float(stack[-1])] * 3)
        elif op == "q":
            saved.append((fill_rgb, stroke_rgb))
        elif op == "Q" and saved:
            fill_rgb, stroke_rgb = saved.pop()
        if op in FILLS:
            fills[fill_rgb] += 1
        if op in STROKES:
            strokes[stroke_rgb] += 1
        stack = []
    return fills, strokes


def colours(c):
    return ",".join("%s:%d" % (k, v) for k, v in sorted(c.items())) or "-"


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    j = load(argv[1])
    objects = j["qpdf"][1]
    for page in j["pages"]:
        content = b"\n".join(stream_bytes(objects, ref) for ref in page.get("contents", []))
        fills, strokes = summarise(content)
        print("page %d images %d fills %d strokes %d fill-colours %s stroke-colours %s" % (
            page["pageposfrom1"], len(page.get("images", [])), sum(fills.values()),
            sum(strokes.values()), colours(fills), colours(strokes)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

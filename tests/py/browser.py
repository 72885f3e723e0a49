# SPDX-License-Identifier: MIT
"""Headless Chromium for the tests in tests/py: screenshots of pages on disk
(file://, no network) and counting what they show, pixel by pixel."""
import os
import shutil
import subprocess
import tempfile

from PIL import Image

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Colours the page uses: the first two of the charts' Okabe-Ito palette and
# the table header background (html_doc.c, chart_util.c).
BLUE = (0x00, 0x72, 0xB2)
ORANGE = (0xE6, 0x9F, 0x00)
HEAD = (0xE9, 0xEE, 0xF3)


def chromium(args, folder):
    """Headless Chromium with a profile of its own in @folder; its stdout."""
    profile = tempfile.mkdtemp(prefix="chromium-", dir=folder)
    argv = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--user-data-dir=" + profile] + args
    out = subprocess.run(argv, capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, HOME=folder))
    if out.returncode != 0:
        raise AssertionError("chromium failed: " + out.stderr[-2000:])
    return out.stdout


def screenshot(page, png, folder, width, height, dark=False):
    chromium((["--force-dark-mode"] if dark else []) +
             [f"--window-size={width},{height}", "--screenshot=" + png, "file://" + page], folder)
    return Image.open(png).convert("RGB")


def near(a, b, tol=24):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def count(img, colour, tol=24):
    return sum(1 for p in img.getdata() if near(p, colour, tol))


def full_rows(img, colour, min_width):
    """Rows of the picture with at least @min_width pixels of @colour."""
    w, h = img.size
    px = img.load()
    return [y for y in range(h) if sum(1 for x in range(w) if px[x, y] == colour) >= min_width]

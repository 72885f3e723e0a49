# SPDX-License-Identifier: MIT
"""Helpers for the end-to-end tests in tests/py: the real binary on the sample
recording, and the real readers of what it writes (pdftotext, openpyxl, the
csv module, python3-jsonschema, sqlite3).

Paths come from the environment meson sets: OR_BUILD_ROOT (the binary),
OR_SOURCE_ROOT (samples, templates, docs).  Every helper raises on a failure
the test did not ask for, so a test reads as what it checks.
"""
import csv
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BUILD = os.environ.get("OR_BUILD_ROOT", "build")
SOURCE = os.environ.get("OR_SOURCE_ROOT", ".")
OUTREPORT = os.path.join(BUILD, "src", "outreport")
SAMPLES_CONF = os.path.join(SOURCE, "samples", "outreport.conf")
RECORDING = os.path.join(SOURCE, "samples", "recording")
PERIOD = "2026-11-16..2026-11-22"


def run(args, config=SAMPLES_CONF, replay=True, env=None, timeout=600):
    """outreport --config CONFIG ARGS [--replay samples --period week]: the result."""
    argv = [OUTREPORT, "--config", config] + list(args)
    if replay:
        argv += ["--replay", RECORDING, "--period", PERIOD]
    full = dict(os.environ)
    full.update(env or {})
    return subprocess.run(argv, capture_output=True, text=True, env=full, timeout=timeout)


def ok(result):
    """The result of a run that must have succeeded."""
    if result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {result.stderr}")
    return result


def pdf_text(path):
    """The text of a PDF as pdftotext reads it (pages separated by \\f)."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", path, "-"],
                         capture_output=True, text=True, check=True)
    return out.stdout


def xlsx_strings(path):
    """Every value of every cell of every sheet, as text."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        out.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            out.extend(str(v) for v in row if v is not None)
    return "\n".join(out)


def csv_rows(path, delimiter=","):
    """The rows of a CSV file (a UTF-8 BOM is skipped) as dicts."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def write_template(folder, template, name="t.json"):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(template, f, ensure_ascii=False, indent=1)
    return path


def manifest(folder):
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        return json.load(f)


class TempDirTest(unittest.TestCase):
    """A test with a fresh folder (self.dir), removed afterwards.  A failed
    assertion says only its own message: the texts checked are long."""

    longMessage = False

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="outreport-e2e-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    """unittest.main with one line per test, for meson's log."""
    unittest.main(verbosity=2, buffer=False)



class SmtpSink:
    """tests/smtp_sink.py, a real SMTP server on 127.0.0.1, in @folder, with @args
    (e.g. --reject-all)."""

    def __init__(self, folder, *args):
        import sys
        import time
        self.dir = folder
        os.makedirs(folder, exist_ok=True)
        port_file = os.path.join(folder, "port")
        self.proc = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(SOURCE, "tests", "smtp_sink.py"),
             "--port-file", port_file, "--dir", folder, *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)
        for _ in range(200):
            if os.path.exists(port_file):
                with open(port_file) as f:
                    text = f.read().strip()
                if text:
                    self.port = int(text)
                    return
            time.sleep(0.05)
        self.stop()
        raise AssertionError("the SMTP sink did not start")

    def config(self, base=SAMPLES_CONF):
        """A copy of @base that mails through this sink."""
        with open(base, encoding="utf-8") as f:
            text = f.read()
        path = os.path.join(self.dir, "outreport.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + f"\n[smtp]\nurl = smtp://127.0.0.1:{self.port}\n"
                           "from = Reports <reports@acme.example>\n")
        return path

    def messages(self):
        """Every message received, parsed (email.message.EmailMessage)."""
        import email
        import email.policy
        out = []
        for name in sorted(os.listdir(self.dir)):
            if name.endswith(".eml"):
                with open(os.path.join(self.dir, name), "rb") as f:
                    out.append(email.message_from_binary_file(f, policy=email.policy.default))
        return out

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


class MockApi:
    """tests/mockapi on 127.0.0.1 with @args (e.g. --calls 12000), in @folder."""

    def __init__(self, folder, *args):
        import time
        os.makedirs(folder, exist_ok=True)
        port_file = os.path.join(folder, "port")
        self.proc = subprocess.Popen(
            [os.path.join(BUILD, "tests", "mockapi", "mockapi"), "--port-file", port_file, *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        for _ in range(400):
            if os.path.exists(port_file):
                with open(port_file) as f:
                    text = f.read().strip()
                if text:
                    self.base = f"http://127.0.0.1:{int(text)}"
                    return
            time.sleep(0.05)
        self.stop()
        raise AssertionError("the mock API server did not start")

    def config(self, folder):
        """A configuration that reads Salesfinity from this server, in UTC."""
        path = os.path.join(folder, "mock.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"[report]\ntimezone = UTC\n[salesfinity]\nbase_url = {self.base}\n")
        return path

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)

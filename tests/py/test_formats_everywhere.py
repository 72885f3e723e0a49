#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Formats hold in every renderer (issue 13, point 3).

One template uses every format (integer, number, percent, duration, date,
datetime, currency) in KPI tiles and table columns, including
"datetime" on min(started_at) (an integer aggregate of a time column) and
"date" on local_date() (text).  It runs on the sample week into PDF, XLSX
and CSV (all three profiles) and mails the documents to a real SMTP server.
Read back with pdftotext, openpyxl (each cell's value shown in its number
format by tests/py/excel_format.py), the csv module and the e-mail parser:
every KPI reads the same in the e-mail, the PDF and the workbook; every
formatted cell is a typed XLSX cell whose shown text is the PDF's, and the
CSV's without thousands separators.
"""
import datetime
import os
import re

import openpyxl

from excel_format import show
from outreport_e2e import SmtpSink, TempDirTest, csv_rows, main, ok, pdf_text, run, write_template

TEMPLATE = {
    "title": "Formats",
    "currency": "EUR",
    "sources": {"calls": {"source": "salesfinity.call-log"},
                "prev_calls": {"source": "salesfinity.call-log", "period": "previous"}},
    "sections": [
        {"kind": "kpis", "id": "headline", "title": "Every format", "kpis": [
            {"label": "Calls", "format": "integer", "value": "SELECT count(*) FROM calls",
             "previous": "SELECT count(*) FROM prev_calls"},
            {"label": "Connect rate", "format": "percent",
             "value": "SELECT avg(outcome = 'answered') FROM calls",
             "previous": "SELECT avg(outcome = 'answered') FROM prev_calls"},
            {"label": "Talk time", "format": "duration", "value": "SELECT sum(duration_s) FROM calls",
             "previous": "SELECT sum(duration_s) FROM prev_calls"},
            {"label": "Average call", "format": "number", "value": "SELECT avg(duration_s) FROM calls"},
            {"label": "Talk cost", "format": "currency",
             "value": "SELECT sum(duration_s) * 0.0125 FROM calls",
             "previous": "SELECT sum(duration_s) * 0.0125 FROM prev_calls"},
            {"label": "First call", "format": "datetime", "value": "SELECT min(started_at) FROM calls"},
            {"label": "First day", "format": "date", "value": "SELECT min(started_at) FROM calls"},
        ]},
        {"kind": "table", "id": "days", "title": "By day",
         "sql": "SELECT local_date(started_at) AS day, min(started_at) AS first_call, "
                "count(*) AS calls, avg(outcome = 'answered') AS rate, sum(duration_s) AS talk, "
                "avg(duration_s) AS avg_talk, sum(duration_s) * 0.0125 AS cost FROM calls "
                "GROUP BY 1 ORDER BY 1",
         "columns": {"day": {"label": "Day", "format": "date"},
                     "first_call": {"label": "First call", "format": "datetime"},
                     "calls": {"label": "Calls", "format": "integer"},
                     "rate": {"label": "Rate", "format": "percent"},
                     "talk": {"label": "Talk", "format": "duration"},
                     "avg_talk": {"label": "Average", "format": "number"},
                     "cost": {"label": "Cost", "format": "currency"}}},
    ],
}
COLUMNS = ["day", "first_call", "calls", "rate", "talk", "avg_talk", "cost"]


def shown(cell):
    return show(cell.value, cell.number_format)


class FormatsEverywhere(TempDirTest):
    @classmethod
    def setUpClass(cls):
        import shutil
        import tempfile
        cls.folder = tempfile.mkdtemp(prefix="outreport-formats-")
        cls.sink = SmtpSink(os.path.join(cls.folder, "smtp"))
        try:
            path = write_template(cls.folder, TEMPLATE)
            cls.out = {}
            for profile in ("rfc4180", "excel", "excel-eu"):
                out = os.path.join(cls.folder, profile)
                if profile == "rfc4180":  # the default profile
                    args = ["--format", "pdf,xlsx,csv", "--mail-to", "boss@acme.example"]
                else:
                    args = ["--format", "csv", "--option", f"profile={profile}"]
                ok(run(["run", path, "--out", out, *args], config=cls.sink.config()))
                cls.out[profile] = out
        finally:
            cls.sink.stop()
        cls.base = cls.out["rfc4180"]
        cls.pdf = pdf_text(os.path.join(cls.base, "t.pdf"))
        cls.wb = openpyxl.load_workbook(os.path.join(cls.base, "t.xlsx"))
        cls.cleanup = lambda: shutil.rmtree(cls.folder, ignore_errors=True)

    @classmethod
    def tearDownClass(cls):
        cls.cleanup()

    def kpis_in_xlsx(self):
        ws = self.wb["Summary"]
        out = {}
        for row in ws.iter_rows():
            label = row[0].value
            if label in [k["label"] for k in TEMPLATE["sections"][0]["kpis"]]:
                out[label] = [shown(c) if c.value is not None else None for c in row[1:4]]
        return out

    def kpis_in_mail(self):
        messages = self.sink.messages()
        self.assertEqual(len(messages), 1)
        text = messages[0].get_body(preferencelist=("plain",)).get_content()
        out = {}
        for line in text.splitlines():
            m = re.match(r"  (.+?): (\S.*?)(?: \(previous (.+?)(?:, [▲▼] ?(.+))?\))?$", line)
            if m:
                out[m.group(1)] = [m.group(2), m.group(3), m.group(4)]
        return out

    def test_every_kpi_reads_the_same_in_mail_pdf_and_xlsx(self):
        xlsx = self.kpis_in_xlsx()
        mail = self.kpis_in_mail()
        self.assertEqual(xlsx["Calls"][0], "1,483")
        for k in TEMPLATE["sections"][0]["kpis"]:
            label = k["label"]
            value, previous, change = xlsx[label]
            self.assertEqual(mail[label][0], value, label)
            self.assertIn(value, self.pdf, label)
            if "previous" in k:
                self.assertEqual(mail[label][1], previous, label)
                self.assertIn(f"prev {previous}", self.pdf, label)
                self.assertEqual(mail[label][2].replace("±", ""), change.replace("±", ""), label)
                self.assertIn(change, self.pdf, label)
        self.assertRegex(xlsx["First call"][0], r"^2026-11-16 \d\d:\d\d$")
        self.assertEqual(xlsx["First day"][0], "2026-11-16")
        self.assertTrue(xlsx["Talk cost"][0].startswith("€"))
        self.assertRegex(xlsx["Connect rate"][0], r"^\d+\.\d %$")
        self.assertRegex(xlsx["Talk time"][0], r"^\d+:\d\d:\d\d$")

    def test_formatted_cells_are_typed_and_read_as_the_pdf_and_csv(self):
        ws = self.wb["days"]
        header = [c.value for c in ws[1]]
        self.assertEqual(header, ["Day", "First call", "Calls", "Rate", "Talk", "Average", "Cost"])
        rows = list(ws.iter_rows(min_row=2))
        self.assertEqual(len(rows), 7)
        csv = {p: csv_rows(os.path.join(self.out[p], "t-days.csv"),
                           ";" if p == "excel-eu" else ",") for p in self.out}
        for i, row in enumerate(rows):
            day, first, calls, rate, talk, avg, cost = row
            # typed cells, not text: dates are dates, numbers numbers
            self.assertIsInstance(day.value, datetime.datetime)
            self.assertEqual(day.number_format, "yyyy-mm-dd")
            self.assertIsInstance(first.value, datetime.datetime)
            self.assertEqual(first.number_format, "yyyy-mm-dd hh:mm")
            for c in (calls, rate, avg, cost):
                self.assertIsInstance(c.value, (int, float))
            texts = [shown(c) for c in row]
            line = next(l for l in self.pdf.splitlines() if l.strip().startswith(texts[0]))
            self.assertEqual(re.split(r"\s{2,}", line.strip()), texts)
            plain = [t.replace(",", "") for t in texts]
            self.assertEqual([csv["rfc4180"][i][c] for c in COLUMNS], plain)
            self.assertEqual([csv["excel"][i][c] for c in COLUMNS], plain)
            eu = [t.replace(".", ",") if j in (3, 5, 6) else t for j, t in enumerate(plain)]
            self.assertEqual([csv["excel-eu"][i][c] for c in COLUMNS], eu)
        # min(started_at) is an instant in every document, never Unix seconds
        self.assertNotRegex(self.pdf, r"\b17\d{8}\b")
        with open(os.path.join(self.base, "t-days.csv"), encoding="utf-8") as f:
            self.assertNotRegex(f.read(), r"\b17\d{8}\b")


if __name__ == "__main__":
    main()

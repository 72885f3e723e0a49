#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Locales (issue 17, point 3): `[report] locale` and `--locale`.

weekly-manager runs on the sample week in de-DE and, for comparison, with no
locale.  pdftotext reads the PDF: German separators and dates from ICU (the
run's own calls and connect rate, from its --keep-dataset, as "1.483" and
"25,7 %"; "16.11.2026 00:00"), the period label ICU writes
("16.–22. Nov. 2026"), weekday names in the pivot ("Mo." ... "So."), and
the built-in texts from i18n/de.ini ("Seite 1 von 7", "Zeilen 1–12 von 12",
"Zeiten in", "Gesamt").  openpyxl reads the workbook: numbers and dates are
still typed cells, dates in the German number format.  The mail subject's
{period} is the German label (a real SMTP server on loopback).  A catalogue
a translator adds (OUTREPORT_I18N_PATH) is used.  An unknown locale is
refused with exit 2 and no document.
"""
import datetime
import os
import re
import sqlite3

import openpyxl

from outreport_e2e import (SAMPLES_CONF, SmtpSink, TempDirTest, main, ok, pdf_text, run)


class LocaleTest(TempDirTest):
    def render(self, *extra, config=SAMPLES_CONF, env=None, formats="pdf,xlsx"):
        out = os.path.join(self.dir, "out")
        ok(run(["run", "weekly-manager", "--format", formats, "--out", out, "-q"] + list(extra),
               config=config, env=env))
        return out

    def numbers(self, db):
        """The headline of the run whose dataset is @db: this week's and last week's calls,
        the change in percent and the connect rate (the template's definition), rounded
        as the documents show them."""
        con = sqlite3.connect(db)
        calls, connected = con.execute("SELECT count(*), sum(is_connected) FROM calls").fetchone()
        prev = con.execute("SELECT count(*) FROM prev_calls").fetchone()[0]
        con.close()
        return calls, prev, f"{100 * (calls - prev) / prev:+.1f}", f"{100 * connected / calls:.1f}"

    def test_german_pdf_numbers_dates_names_and_texts(self):
        db = os.path.join(self.dir, "dataset.sqlite")
        text = pdf_text(os.path.join(self.render("--locale", "de-DE", "--keep-dataset", db),
                                     "weekly-manager.pdf"))
        calls, prev, change, rate = self.numbers(db)
        de = lambda s: str(s).replace(",", "_").replace(".", ",").replace("_", ".")
        for s in ("16.–22. Nov. 2026", "Datenzeitraum 16.11.2026 00:00 – 22.11.2026 23:59",
                  "Zeiten in Europe/Berlin", de(f"{calls:,}"), de(rate) + " %",
                  de(change).lstrip("+") + " %", "Seite 1 von ", "Zeilen 1–12 von 12",
                  de(f"{calls:,}") + " Zeilen", "Erstellt ", "DATENQUELLEN",
                  "vorher " + de(f"{prev:,}"), "teilweise"):
            self.assertIn(s, text)
        head = next(l for l in text.splitlines() if "Mo." in l and "Gesamt" in l)
        self.assertEqual(head.split()[1:], ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.",
                                            "Gesamt"])
        self.assertNotIn("page 1 of", text)
        self.assertNotIn(f"{calls:,}", text)

    def test_without_a_locale_documents_keep_the_neutral_style(self):
        db = os.path.join(self.dir, "dataset.sqlite")
        text = pdf_text(os.path.join(self.render("--keep-dataset", db), "weekly-manager.pdf"))
        calls, _, _, rate = self.numbers(db)
        for s in ("16–22 Nov 2026", f"{calls:,}", rate + " %", "page 1 of ", "rows 1–12 of 12",
                  "Data window 2026-11-16 00:00"):
            self.assertIn(s, text)

    def test_arabic_documents_write_arabic_indic_digits_and_data_files_ascii(self):
        db = os.path.join(self.dir, "dataset.sqlite")
        out = self.render("--locale", "ar-EG", "--keep-dataset", db, formats="pdf,csv")
        text = pdf_text(os.path.join(out, "weekly-manager.pdf"))
        calls, _, _, rate = self.numbers(db)
        arab = str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩٬٫")
        for s in (f"{calls:,}".translate(arab), rate.translate(arab) + " %", "نوفمبر",
                  "٢٠٢٦"):
            self.assertIn(s, text)
        # the Arabic catalogue's texts, their numbers in the same digits
        bare = re.sub("[\u202a-\u202e]", "", text)
        for s in ("مصادر البيانات", "صفحة", "من المرحلة الأولى", "١٠٠٫٠"):
            self.assertIn(s, bare)
        self.assertRegex(bare, r"٩\s*من\s*١\s*صفحة|صفحة\s*١\s*من\s*٩",
                         "the page counter in Arabic digits")
        self.assertNotIn("page 1 of", text)
        # numbers and dates never mix ASCII digits with Arabic separators
        self.assertIsNone(re.search("[0-9][٬٫]|[٬٫][0-9]", text))
        self.assertNotIn(f"{calls:,}", text)
        # data files stay machine-readable: ASCII digits only
        csvs = [n for n in os.listdir(out) if n.endswith(".csv")]
        self.assertTrue(csvs)
        for name in csvs:
            with open(os.path.join(out, name), encoding="utf-8") as f:
                data = f.read()
            self.assertIsNone(re.search("[٠-٩]", data), name)
        # the tag's -u-nu-latn asks for Latin digits
        text = pdf_text(os.path.join(self.render("--locale", "ar-EG-u-nu-latn"),
                                     "weekly-manager.pdf"))
        self.assertIn(f"{calls:,}", text)
        self.assertIsNone(re.search("[٠-٩]", text))

    def test_korean_and_hebrew_documents_use_their_catalogues(self):
        text = pdf_text(os.path.join(self.render("--locale", "ko-KR", formats="pdf"),
                                     "weekly-manager.pdf"))
        for s in ("1 / ", "쪽", "데이터 소스", "데이터 기간", "첫 단계의 100.0 %", "2026년 11월"):
            self.assertIn(s, text)
        self.assertNotIn("page 1 of", text)
        text = pdf_text(os.path.join(self.render("--locale", "he-IL", formats="pdf"),
                                     "weekly-manager.pdf"))
        # pdftotext marks right-to-left runs with embeddings (U+202B..U+202C) and lays a
        # run's number beside it: the words are checked, not their order
        text = re.sub("[\u202a-\u202e]", "", text)
        for s in ("עמוד", "מתוך", "מקורות נתונים", "חלון הנתונים", "מהשלב הראשון", "בנוב׳"):
            self.assertIn(s, text)
        self.assertNotIn("of first", text)

    def test_config_key_and_typed_workbook_cells(self):
        conf = os.path.join(self.dir, "de.conf")
        with open(SAMPLES_CONF, encoding="utf-8") as f:
            base = f.read()
        with open(conf, "w", encoding="utf-8") as f:
            f.write(base.replace("[report]\n", "[report]\nlocale = de-DE\n", 1))
        out = self.render(config=conf)
        wb = openpyxl.load_workbook(os.path.join(out, "weekly-manager.xlsx"))
        calls = wb["all-calls"]
        header = [c.value for c in calls[1]]
        col = header.index("Started") + 1 if "Started" in header else None
        self.assertIsNotNone(col, header)
        cell = calls.cell(2, col)
        self.assertIsInstance(cell.value, datetime.datetime, "a date stays a date")
        self.assertEqual(cell.number_format, "dd.mm.yyyy hh:mm")
        # a chart's date categories: typed dates in the German format (the native chart's axis)
        day = wb["calls-per-day"].cell(2, 1)
        self.assertIsInstance(day.value, datetime.datetime)
        self.assertEqual(day.number_format, "dd.mm.yyyy")
        reps = wb["reps"]
        self.assertIsInstance(reps.cell(2, 3).value, int, "numbers stay numbers")
        summary = [str(c.value) for row in wb["Summary"].iter_rows() for c in row if c.value]
        self.assertIn("Zeiten in Europe/Berlin", summary)
        self.assertIn("Period: 16.–22. Nov. 2026", summary)

    def test_mail_subject_period_in_the_locale(self):
        sink = SmtpSink(os.path.join(self.dir, "smtp"))
        try:
            self.render("--locale", "de-DE", "--mail-to", "boss@acme.example",
                        "--mail-subject", "Wochenbericht {period}", config=sink.config(),
                        formats="pdf")
            subjects = [m["Subject"] for m in sink.messages()]
        finally:
            sink.stop()
        self.assertEqual(subjects, ["Wochenbericht 16.–22. Nov. 2026"])

    def test_a_translator_adds_a_language(self):
        folder = os.path.join(self.dir, "i18n")
        os.makedirs(folder)
        with open(os.path.join(folder, "fr.ini"), "w", encoding="utf-8") as f:
            f.write("[texts]\npage = Page {1} sur {2}\nrows = lignes {1}–{2} sur {3}\n")
        db = os.path.join(self.dir, "dataset.sqlite")
        text = pdf_text(os.path.join(
            self.render("--locale", "fr-FR", "--keep-dataset", db,
                        env={"OUTREPORT_I18N_PATH": folder}),
            "weekly-manager.pdf"))
        rate = self.numbers(db)[3]
        self.assertIn("Page 1 sur ", text)
        self.assertIn("lignes 1–12 sur 12", text)
        self.assertIn("Times in", text, "a text fr.ini lacks stays English")
        self.assertIn(rate.replace(".", ",") + "\u00a0%", text.replace(" %", "\u00a0%"))

    def test_a_batch_job_has_its_own_locale(self):
        jobs = os.path.join(self.dir, "jobs.ini")
        with open(jobs, "w", encoding="utf-8") as f:
            f.write("[defaults]\ntemplate = weekly-manager\nformats = pdf\n"
                    "[berlin]\nlocale = de-DE\n[plain]\n")
        out = os.path.join(self.dir, "out")
        ok(run(["batch", jobs, "--out", out, "-q"]))
        self.assertIn("Seite 1 von", pdf_text(os.path.join(out, "berlin", "weekly-manager.pdf")))
        self.assertIn("page 1 of", pdf_text(os.path.join(out, "plain", "weekly-manager.pdf")))

    def test_catalogues_have_the_same_keys_and_placeholders(self):
        import configparser
        import re
        from outreport_e2e import SOURCE
        def load(lang):
            cp = configparser.ConfigParser(interpolation=None)
            cp.read(os.path.join(SOURCE, "i18n", lang + ".ini"), encoding="utf-8")
            return dict(cp["texts"])
        en = load("en")
        shipped = sorted(n[:-4] for n in os.listdir(os.path.join(SOURCE, "i18n"))
                         if n.endswith(".ini") and n != "en.ini")
        self.assertEqual(shipped, ["ar", "de", "he", "ko"])
        for lang in shipped:
            tr = load(lang)
            self.assertEqual(sorted(tr), sorted(en), f"{lang}.ini translates every key of en.ini")
            for k in en:
                self.assertEqual(sorted(re.findall(r"\{\d\}", tr[k])),
                                 sorted(re.findall(r"\{\d\}", en[k])), f"{lang}: {k}")

    def test_unknown_locale_is_refused(self):
        out = os.path.join(self.dir, "out")
        r = run(["run", "weekly-manager", "--format", "pdf", "--out", out, "--locale", "xx-YY"])
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--locale: locale 'xx-YY': ICU has no such language", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "weekly-manager.pdf")))
        conf = os.path.join(self.dir, "bad.conf")
        with open(SAMPLES_CONF, encoding="utf-8") as f:
            base = f.read()
        with open(conf, "w", encoding="utf-8") as f:
            f.write(base.replace("[report]\n", "[report]\nlocale = klingon\n", 1))
        r = run(["run", "weekly-manager", "--format", "pdf", "--out", out], config=conf)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("bad.conf: [report] locale: locale 'klingon'", r.stderr)


if __name__ == "__main__":
    main()

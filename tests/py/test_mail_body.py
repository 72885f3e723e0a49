#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The report e-mail's body (issue 15, point 1), through the real binary and
a real SMTP server (tests/smtp_sink.py, aiosmtpd) on 127.0.0.1.

The mail is multipart/alternative: a plain-text summary and the HTML
renderer's page, whose charts are PNG parts of a multipart/related named by
Content-ID (mail clients strip SVG).  The HTML passes html5lib's strict
parser; shown by headless Chromium with its cid: images, the chart regions
are drawn.  The template's "mail" key adds an intro and skips the mail when
its condition holds (said in the run summary); --dry-run writes the message
to an .eml file instead of sending it.
"""
import collections
import datetime
import email
import email.policy
import json
import os
import re
import sqlite3
import zoneinfo

import html5lib

from browser import ORANGE, BLUE, count, screenshot
from outreport_e2e import SmtpSink, TempDirTest, main, ok, run, write_template


def load_template(name):
    from outreport_e2e import SOURCE
    with open(os.path.join(SOURCE, "templates", name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def parts(msg):
    return [(p.get_content_type(), p) for p in msg.walk()]


def html_part(msg):
    return next(p for t, p in parts(msg) if t == "text/html")


def show_with_images(msg, folder):
    """The HTML part as a page on disk whose cid: images are files beside it."""
    html = html_part(msg).get_content()
    for t, p in parts(msg):
        if t == "image/png":
            cid = p["Content-ID"].strip("<>")
            name = cid.replace("@", "_") + ".png"
            with open(os.path.join(folder, name), "wb") as f:
                f.write(p.get_payload(decode=True))
            html = html.replace("cid:" + cid, name)
    page = os.path.join(folder, "mail.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)
    return page, html


class MailBody(TempDirTest):
    def send(self, template, *args):
        sink = SmtpSink(os.path.join(self.dir, "smtp"))
        self.addCleanup(sink.stop)
        out = os.path.join(self.dir, "out")
        res = ok(run(["run", template, "--format", "pdf,html", "--out", out, "--json",
                      "--mail-to", "Head of Sales <head@acme.example>", *args],
                     config=sink.config()))
        return sink.messages(), json.loads(res.stdout), res

    def per_day(self, db):
        """The week's calls per day in the report's zone from the run's dataset, as the
        plain text shows them: "  day | calls | connected | meetings"."""
        berlin = zoneinfo.ZoneInfo("Europe/Berlin")
        days = collections.defaultdict(lambda: [0, 0, 0])
        con = sqlite3.connect(db)
        for at, connected, meeting in con.execute(
                "SELECT started_at, is_connected, is_meeting FROM calls"):
            day = datetime.datetime.fromtimestamp(at, berlin).date().isoformat()
            days[day] = [days[day][0] + 1, days[day][1] + connected, days[day][2] + meeting]
        con.close()
        return "".join(f"  {d} | {n:,} | {c:,} | {m:,}\n" for d, (n, c, m) in sorted(days.items()))

    def test_mail_has_text_and_html_with_cid_charts_that_chromium_draws(self):
        db = os.path.join(self.dir, "dataset.sqlite")
        msgs, summary, _ = self.send("weekly-manager", "--keep-dataset", db)
        self.assertEqual(len(msgs), 1)
        msg = msgs[0]
        types = [t for t, _ in parts(msg)]
        self.assertEqual(types[:3], ["multipart/mixed", "multipart/alternative", "text/plain"])
        self.assertIn("multipart/related", types)
        pngs = [p for t, p in parts(msg) if t == "image/png"]
        self.assertGreaterEqual(len(pngs), 5)
        html = html_part(msg).get_content()
        cids = re.findall(r'src="cid:([^"]+)"', html)
        self.assertEqual(sorted(cids), sorted(p["Content-ID"].strip("<>") for p in pngs))
        self.assertNotIn("<svg", html)
        self.assertNotIn("data:image", html)
        # Attachments: the documents.
        names = [p.get_filename() for p in msg.walk() if p.get_content_disposition() ==
                 "attachment"]
        self.assertEqual(sorted(names), ["weekly-manager.html", "weekly-manager.pdf"])
        # The plain text has the KPIs, the tables' first rows and the charts' numbers.
        text = next(p for t, p in parts(msg) if t == "text/plain").get_content()
        con = sqlite3.connect(db)
        calls = con.execute("SELECT count(*) FROM calls").fetchone()[0]
        con.close()
        self.assertIn(f"Calls: {calls:,} (previous ", text)
        self.assertIn("Calls per day\n  Day | Calls | Connected | Meetings\n" + self.per_day(db),
                      text)
        self.assertIn("  (rows 1-10 of 12: the attached documents hold every row)", text)
        # The HTML is valid, and Chromium draws its charts from the cid: images.
        parser = html5lib.HTMLParser(strict=True)
        page, shown = show_with_images(msg, self.dir)
        parser.parse(shown)
        img = screenshot(page, os.path.join(self.dir, "mail.png"), self.dir, 375, 6000)
        self.assertGreater(count(img, BLUE, 30), 2000)
        self.assertGreater(count(img, ORANGE, 30), 300)
        self.assertEqual(summary["jobs"][0]["manifest"]["mails"][0]["status"], "sent")

    def test_tables_in_the_body_stop_at_25_rows_and_say_so(self):
        t = {"title": "Every call", "sources": {"calls": {"source": "salesfinity.call-log"}},
             "sections": [{"kind": "table", "id": "calls", "title": "Calls",
                           "sql": "SELECT rep_name, started_at, duration_s FROM calls "
                                  "ORDER BY started_at"}]}
        msgs, _, _ = self.send(write_template(self.dir, t))
        html = html_part(msgs[0]).get_content()
        self.assertTrue("Rows 1\u201325 of 1,483: the attached documents hold every row" in html,
                        "no note on the cut table")
        bodies = re.findall(r"<tbody>(.*?)</tbody>", html, re.S)
        self.assertEqual([b.count("<tr>") for b in bodies], [1, 25])  # sources, calls

    def test_mail_intro_and_skip_if(self):
        t = load_template("weekly-manager")
        t["mail"] = {"intro": "Good morning, team: here is last week.",
                     "skip_if": "(SELECT count(*) FROM calls) = 0"}
        path = write_template(self.dir, t, "weekly-manager.json")
        msgs, _, _ = self.send(path)
        self.assertEqual(len(msgs), 1)
        self.assertTrue("Good morning, team" in html_part(msgs[0]).get_content(), "no intro")
        text = next(p for t2, p in parts(msgs[0]) if t2 == "text/plain").get_content()
        self.assertTrue(text.startswith("Good morning, team"))
        # A condition that holds: no mail, and the summary says why.
        t["mail"]["skip_if"] = "SELECT count(*) > 0 FROM calls"
        path = write_template(self.dir, t, "skipping.json")
        msgs2, summary, res = self.send(path)
        self.assertEqual(len(msgs2), 1)  # the sink still holds the first run's mail only
        mails = summary["jobs"][0]["manifest"]["mails"]
        self.assertEqual(mails[0]["status"], "skipped")
        self.assertIn("skip_if", mails[0]["reason"])
        self.assertIn("no mail", res.stderr)

    def test_mail_key_typo_is_an_error_with_a_suggestion(self):
        t = load_template("weekly-manager")
        t["mail"] = {"intor": "Hello"}
        path = write_template(self.dir, t)
        res = run(["validate", path], replay=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn("unknown key 'intor'", res.stderr)
        self.assertIn("did you mean intro", res.stderr)
        t["mail"] = {"skip_if": "SELECT count(*) FROM no_such_table"}
        path = write_template(self.dir, t)
        res = run(["validate", path], replay=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn("no_such_table", res.stderr)

    def test_dry_run_writes_the_eml_that_would_be_sent(self):
        out = os.path.join(self.dir, "out")
        res = ok(run(["run", "weekly-manager", "--format", "pdf,html", "--out", out,
                      "--mail-to", "head@acme.example", "--dry-run"]))
        eml = os.path.join(out, "weekly-manager.eml")
        self.assertIn(eml, res.stderr)
        with open(eml, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        self.assertEqual(msg["To"], "head@acme.example")
        self.assertGreaterEqual(len([1 for t, _ in parts(msg) if t == "image/png"]), 5)
        self.assertFalse([n for n in os.listdir(out) if ".tmp" in n or "mail.html" in n])


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""One split value never sinks or overwrites another (issue 18, points 5 and 6).

The mock server renames reps and gives them hostile e-mail addresses
(--rep-name, --rep-email); the real binary splits a calls template by
rep_email and the tests read what it wrote.

Point 5: splits whose names come out the same (Zoë Müller twice, Zoe Muller,
ZOË MÜLLER; a/b@, a-b@, a b@; zoë@ and zoe@) each get their own files, named
with a stable hash of their value, every one listed in manifest.json under its
value, none overwritten: each split's CSV holds exactly its own rows, and no
two files differ only by case.

Point 6: values that cannot be mailed or written (CR/LF, a list of addresses,
300 bytes, empty) are skipped one by one with a message naming the escaped
value and the reason; every other split is written and mailed through a real
SMTP server; the run exits 1; --json (validated against the schema) reports
them; CR/LF reaches no header and no file name.  A split whose mail fails
does not stop the next ones either.
"""
import hashlib
import json
import os

import jsonschema

from outreport_e2e import (SOURCE, MockApi, SmtpSink, TempDirTest, csv_rows, main, manifest, run,
                           write_template)

with open(os.path.join(SOURCE, "docs", "run-summary.schema.json"), encoding="utf-8") as f:
    VALIDATOR = jsonschema.Draft202012Validator(json.load(f))

TEMPLATE = {
    "title": "Calls",
    "sources": {"calls": {"source": "salesfinity.call-log"}},
    "sections": [
        {"kind": "kpis", "id": "k", "kpis": [
            {"label": "Calls", "value": "SELECT count(*) FROM calls"}]},
        {"kind": "table", "id": "reps",
         "sql": "SELECT rep_email, count(*) AS calls FROM calls GROUP BY 1 ORDER BY 1"},
    ],
}
PERIOD = "2026-11-09..2026-11-22"
KEY = {"SALESFINITY_API_KEY": "test-sf-key"}
INJECTION = "evil@x.example\r\nBcc: victim@y.example"
LONG = "x" * 290 + "@x.example"


def stable(value):
    return hashlib.sha256(value.encode()).hexdigest()[:8]


class SplitTest(TempDirTest):
    def start(self, *reps):
        """The mock server with reps renamed: ("name", N, TEXT) or ("email", N, TEXT)."""
        args = ["--calls", "600"]
        for kind, n, text in reps:
            args += [f"--rep-{kind}", f"{n}={text}"]
        self.mocks = getattr(self, "mocks", 0) + 1
        self.mock = MockApi(os.path.join(self.dir, f"mock{self.mocks}"), *args)
        self.addCleanup(self.mock.stop)
        self.template = write_template(self.dir, TEMPLATE)

    def split_run(self, out, *args, config=None):
        return run(["run", self.template, "--out", os.path.join(self.dir, out), "--no-cache",
                    "--period", PERIOD, "--split-by", "rep_email", *args],
                   config=config or self.mock.config(self.dir), replay=False, env=KEY)

    def check_files(self, out, m):
        """Every document on disk is listed once, by one split or the roll-up, and holds
        that split's rows alone; no two names differ only by case."""
        folder = os.path.join(self.dir, out)
        listed = [f["path"] for f in m["files"]]
        self.assertEqual(len(listed), len(set(listed)), listed)
        on_disk = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n != "manifest.json")
        self.assertEqual(sorted(listed), on_disk)
        self.assertEqual(len({p.casefold() for p in on_disk}), len(on_disk), on_disk)
        by_split = [p for s in m["splits"] for p in s["files"]]
        self.assertEqual(len(by_split), len(set(by_split)), "a file listed by two splits")
        rollup = {r["rep_email"]: r["calls"] for r in csv_rows(os.path.join(folder, "t-reps.csv"))}
        for s in m["splits"]:
            if s["status"] == "ok":
                rows = csv_rows(next(p for p in s["files"]
                                     if p.endswith("-reps.csv") and not p.endswith("-x-reps.csv")))
                self.assertEqual(rows, [{"rep_email": s["value"], "calls": rollup[s["value"]]}],
                                 s["value"])


class CollidingFileNames(SplitTest):
    def test_people_whose_names_come_out_the_same_get_files_of_their_own(self):
        # rep 0 is Zoë Müller already
        self.start(("name", 3, "Zoë Müller"), ("name", 4, "Zoe Muller"), ("name", 5, "ZOË MÜLLER"))
        r = self.split_run("a", "--format", "csv,pdf,xlsx")
        self.assertEqual(r.returncode, 0, r.stderr)
        m = manifest(os.path.join(self.dir, "a"))
        self.assertEqual(len(m["splits"]), 12)
        self.check_files("a", m)
        zoes = [s for s in m["splits"] if s["label"].casefold() in ("zoë müller", "zoe muller")]
        self.assertEqual(len(zoes), 4)
        for s in zoes:
            stem = os.path.join(self.dir, "a", f"t-zoe-muller-{stable(s['value'])}")
            self.assertEqual(sorted(s["files"]), [stem + "-reps.csv", stem + ".pdf", stem + ".xlsx"])
        # Stable: another run where one of them is called something else keeps the others' names.
        self.mock.stop()
        self.start(("name", 3, "Zoë Müller"), ("name", 4, "Zoe Muller"), ("name", 5, "Jo Park"))
        r = self.split_run("b", "--format", "csv")
        self.assertEqual(r.returncode, 0, r.stderr)
        again = {s["value"]: [os.path.basename(p) for p in s["files"]]
                 for s in manifest(os.path.join(self.dir, "b"))["splits"]}
        for s in zoes:
            if s["label"] != "ZOË MÜLLER":
                self.assertEqual(again[s["value"]], [f"t-zoe-muller-{stable(s['value'])}-reps.csv"])
        self.assertIn("t-jo-park-reps.csv", sum(again.values(), []))

    def test_a_split_never_takes_a_file_name_of_the_rollup(self):
        # Split "X"'s table reps would be t-x-reps.csv: the roll-up's table x-reps.
        self.start(("name", 0, "X"))
        t = dict(TEMPLATE, sections=TEMPLATE["sections"] + [
            dict(TEMPLATE["sections"][1], id="x-reps", scope="team")])
        self.template = write_template(self.dir, t)
        r = self.split_run("a", "--format", "csv")
        self.assertEqual(r.returncode, 0, r.stderr)
        m = manifest(os.path.join(self.dir, "a"))
        self.check_files("a", m)
        x = next(s for s in m["splits"] if s["label"] == "X")
        self.assertEqual(sorted(os.path.basename(p) for p in x["files"]),
                         ["t-x-2-reps.csv", "t-x-2-x-reps.csv"])
        self.assertEqual(len(csv_rows(os.path.join(self.dir, "a", "t-x-reps.csv"))), 12)

    def test_values_whose_unsafe_characters_map_to_the_same_name_get_files_of_their_own(self):
        self.start(("email", 0, "a/b@x.example"), ("email", 1, "a-b@x.example"),
                   ("email", 2, "a b@x.example"), ("email", 3, "zoë@x.example"),
                   ("email", 4, "zoe@x.example"))
        r = self.split_run("a", "--format", "csv,pdf", "--split-label", "rep_email")
        self.assertEqual(r.returncode, 0, r.stderr)
        m = manifest(os.path.join(self.dir, "a"))
        self.check_files("a", m)
        names = {s["value"]: sorted(os.path.basename(p) for p in s["files"]) for s in m["splits"]}
        for value, slug in (("a/b@x.example", "a-b@x.example"), ("a-b@x.example", "a-b@x.example"),
                            ("a b@x.example", "a-b@x.example"), ("zoë@x.example", "zoe@x.example"),
                            ("zoe@x.example", "zoe@x.example")):
            stem = f"t-{slug}-{stable(value)}"
            self.assertEqual(names[value], [stem + "-reps.csv", stem + ".pdf"])


class BadSplitValues(SplitTest):
    BAD = (("email", 5, INJECTION), ("email", 6, "a@x.example, b@y.example"),
           ("email", 7, LONG), ("email", 8, " "), ("name", 9, "Eve\r\nBcc: victim@y.example"))

    def test_a_bad_value_skips_its_split_alone_and_says_so(self):
        self.start(*self.BAD)
        sink = SmtpSink(os.path.join(self.dir, "smtp"))
        self.addCleanup(sink.stop)
        r = self.split_run("out", "--format", "csv,pdf", "--mail-to", "{rep_email}",
                           "--mail-to", "boss@acme.example", "--json",
                           config=sink.config(self.mock.config(self.dir)))
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        errors = list(VALIDATOR.iter_errors(doc))
        self.assertEqual(errors, [], errors[:1])
        self.assertEqual((doc["status"], doc["exit_code"]), ("failed", 1))
        m = doc["jobs"][0]["manifest"]
        self.assertEqual(m["status"], "partial")
        self.assertEqual(m, manifest(os.path.join(self.dir, "out")))
        skipped = {s["value"]: s for s in m["splits"] if s["status"] == "skipped"}
        self.assertEqual(set(skipped), {INJECTION.lower(), "a@x.example, b@y.example", LONG, " "})
        self.assertIn("line break", skipped[INJECTION.lower()]["error"])
        self.assertIn("more than one e-mail address", skipped["a@x.example, b@y.example"]["error"])
        self.assertIn("300 bytes long", skipped[LONG]["error"])
        self.assertIn("empty", skipped[" "]["error"])
        self.assertTrue(all(s["files"] == [] for s in skipped.values()))
        # one line each on stderr, naming the value escaped and the reason
        lines = r.stderr.splitlines()
        for shown, why in (('"evil@x.example\\r\\nbcc: victim@y.example"', "line break"),
                           ('"a@x.example, b@y.example"', "more than one e-mail address"),
                           ('"' + "x" * 60 + '…" (300 bytes)', "300 bytes long"),
                           ('" "', "empty")):
            line = [l for l in lines if shown in l]
            self.assertEqual(len(line), 1, (shown, r.stderr))
            self.assertIn(f"error: --split-by rep_email: {shown}", line[0])
            self.assertIn(f"skipped: it", line[0])
            self.assertIn(why, line[0])
        # every other split written and mailed; the roll-up too
        ok = [s for s in m["splits"] if s["status"] == "ok"]
        self.assertEqual(len(ok), 8)
        self.check_files("out", m)
        eve = next(s for s in ok if s["label"].startswith("Eve"))
        self.assertEqual(eve["label"], "Eve Bcc: victim@y.example")
        sent = sink.messages()
        self.assertEqual(sorted(str(msg["To"]) for msg in sent),
                         sorted([s["value"] for s in ok] + ["boss@acme.example"]))
        # CR/LF reached no header, no envelope and no file name
        for name in os.listdir(os.path.join(self.dir, "smtp")):
            if name.endswith(".json") and name.startswith("msg-"):
                with open(os.path.join(self.dir, "smtp", name)) as f:
                    self.assertNotIn("victim@y.example", json.load(f)["rcpt_tos"])
        for msg in sent:
            self.assertIsNone(msg["Bcc"])
            for key, value in msg.items():
                self.assertNotIn("\n", str(value).replace("\n ", ""), key)
        eves = [msg for msg in sent if "Eve Bcc: victim@y.example" in str(msg["Subject"])]
        self.assertEqual(len(eves), 1)
        for name in os.listdir(os.path.join(self.dir, "out")):
            self.assertFalse(set(name) & {"\r", "\n"}, repr(name))

    def test_a_split_whose_mail_fails_leaves_the_others_alone(self):
        self.start()
        sink = SmtpSink(os.path.join(self.dir, "smtp"), "--reject-all")
        self.addCleanup(sink.stop)
        r = self.split_run("out", "--format", "csv", "--mail-to", "{rep_email}", "--json",
                           config=sink.config(self.mock.config(self.dir)))
        self.assertNotEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(list(VALIDATOR.iter_errors(doc)), [])
        m = doc["jobs"][0]["manifest"]
        self.assertEqual(len(m["splits"]), 12)
        for s in m["splits"]:
            self.assertEqual(s["status"], "failed", s)
            self.assertEqual(len(s["files"]), 1)
            self.assertTrue(os.path.exists(s["files"][0]))
        self.assertEqual([x["status"] for x in m["mails"]], ["failed"] * 12)
        self.assertEqual(r.stderr.count("failed: "), 12, r.stderr)
        self.check_files("out", m)


if __name__ == "__main__":
    main()

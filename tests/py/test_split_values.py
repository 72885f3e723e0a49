#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""One split value never overwrites another (issue 18, point 5).

The mock server renames reps and gives them hostile e-mail addresses
(--rep-name, --rep-email); the real binary splits a calls template by
rep_email and the tests read what it wrote.

Point 5: splits whose names come out the same (Zoë Müller twice, Zoe Muller,
ZOË MÜLLER; a/b@, a-b@, a b@; zoë@ and zoe@) each get their own files, named
with a stable hash of their value, every one listed in manifest.json under its
value, none overwritten: each split's CSV holds exactly its own rows, and no
two files differ only by case.
"""
import hashlib
import os

from outreport_e2e import MockApi, TempDirTest, csv_rows, main, manifest, run, write_template

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
            rows = csv_rows(next(p for p in s["files"] if p.endswith("-reps.csv")))
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


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Template authors can see their data (issue 13, point 6).

--keep-dataset FILE writes every source table of the run, with its declared
types, to a database the sqlite3 shell and python's sqlite3 open; a replay of
a period outside the recording says which periods the recording covers; and
docs/templates.md lists every table and column `outreport plugins` declares.
"""
import json
import os
import re
import sqlite3
import subprocess

from outreport_e2e import (RECORDING, SOURCE, MockApi, TempDirTest, main, manifest, ok, run,
                           write_template)

DECLARED = {"text": "TEXT", "int": "INTEGER", "real": "REAL", "bool": "BOOL", "time": "TIME"}


def plugins():
    return json.loads(ok(run(["plugins", "--json"], replay=False)).stdout)


def endpoints():
    for p in plugins()["plugins"]:
        for e in p.get("endpoints", []):
            yield p["name"] + "." + e["name"], e


class KeepDataset(TempDirTest):
    def test_every_source_table_is_kept_typed_and_opens_in_sqlite3(self):
        db = os.path.join(self.dir, "data.sqlite")
        out = os.path.join(self.dir, "out")
        ok(run(["run", "weekly-manager", "--format", "csv", "--out", out, "--keep-dataset", db]))
        self.assertFalse(os.path.exists(db + ".tmp"))
        m = manifest(out)
        con = sqlite3.connect(db)
        described = {r[0]: r for r in con.execute(
            "SELECT alias, source, period, first_day, last_day, zone, status, rows "
            "FROM outreport_sources")}
        schemas = dict(endpoints())
        for src in m["sources"]:
            alias = src["alias"]
            n = con.execute(f'SELECT count(*) FROM "{alias}"').fetchone()[0]
            self.assertEqual(n, src["rows"], alias)
            self.assertEqual(described[alias][1:3], (src["source"], src["period"]))
            self.assertEqual(described[alias][7], src["rows"])
            cols = {r[1]: r[2] for r in con.execute(f'PRAGMA table_info("{alias}")')}
            for c in schemas[src["source"]]["columns"]:
                self.assertEqual(cols[c["name"]], DECLARED[c["type"]], f"{alias}.{c['name']}")
        self.assertEqual(described["calls"][3:6], ("2026-11-16", "2026-11-22", "Europe/Berlin"))
        self.assertEqual(described["prev_calls"][3:5], ("2026-11-09", "2026-11-15"))
        # A replay reads through a store: the twelve-week trend's table holds what the store
        # has of its own period, and `coverage` (which the trend sections read) says which days.
        self.assertEqual(described["trend_calls"][2:5], ("last-12-weeks", "2026-08-31", "2026-11-22"))
        self.assertEqual(described["trend_calls"][6], "partial")
        self.assertEqual(described["trend_calls"][7], 1517 + 1483)
        self.assertEqual(con.execute("SELECT count(*), sum(stored) FROM coverage "
                                     "WHERE source = 'trend_calls'").fetchone(), (84, 14))
        con.close()
        # The sqlite3 shell opens it: the week's calls per day, in UTC
        shell = subprocess.run(["sqlite3", db, "SELECT count(*) FROM calls WHERE "
                                "date(started_at, 'unixepoch') = '2026-11-17';"],
                               capture_output=True, text=True, check=True)
        self.assertGreater(int(shell.stdout), 100)

    def test_without_a_store_the_fetched_tables_are_kept(self):
        mock = MockApi(os.path.join(self.dir, "mock"), "--calls", "300")
        try:
            path = write_template(self.dir, {
                "title": "t", "sources": {"calls": {"source": "salesfinity.call-log"}},
                "sections": [{"kind": "kpis", "id": "k", "kpis": [
                    {"label": "Calls", "value": "SELECT count(*) FROM calls"}]}]})
            db = os.path.join(self.dir, "data.sqlite")
            out = os.path.join(self.dir, "out")
            ok(run(["run", path, "--format", "csv", "--out", out, "--keep-dataset", db,
                    "--period", "2026-11-09..2026-11-22"], config=mock.config(self.dir),
                   replay=False, env={"SALESFINITY_API_KEY": "test-sf-key", "OUTREPORT_STORE": "none"}))
        finally:
            mock.stop()
        rows = manifest(out)["sources"][0]["rows"]
        self.assertGreater(rows, 0)
        con = sqlite3.connect(db)
        self.assertEqual(con.execute("SELECT count(*) FROM calls").fetchone()[0], rows)
        self.assertEqual(con.execute("SELECT count(*), sum(stored) FROM coverage").fetchone(),
                         (14, 14))
        con.close()

    def test_the_dataset_is_kept_when_the_template_fails(self):
        path = write_template(self.dir, {"title": "t", "sources": {"calls": {
            "source": "salesfinity.call-log"}}, "sections": [{"kind": "kpis", "id": "k", "kpis": [
                {"label": "x", "value": "SELECT duration_s FROM calls"}]}]})
        db = os.path.join(self.dir, "data.sqlite")
        r = run(["run", path, "--out", os.path.join(self.dir, "out"), "--keep-dataset", db])
        self.assertEqual(r.returncode, 2)
        con = sqlite3.connect(db)
        self.assertEqual(con.execute("SELECT count(*) FROM calls").fetchone()[0], 1483)
        con.close()

    def test_an_unwritable_file_is_an_error_naming_it(self):
        db = os.path.join(self.dir, "no", "such", "folder", "data.sqlite")
        r = run(["run", "list-performance", "--out", os.path.join(self.dir, "out"),
                 "--keep-dataset", db])
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"--keep-dataset {db}", r.stderr)

    def test_a_replay_outside_the_recording_says_which_periods_it_covers(self):
        out = os.path.join(self.dir, "out")
        r = run(["run", "list-performance", "--format", "csv", "--out", out,
                 "--replay", RECORDING, "--period", "2026-10-05..2026-10-11"], replay=False)
        self.assertEqual(r.returncode, 3)
        covers = "covers 2026-11-09..2026-11-15 and 2026-11-16..2026-11-22"
        self.assertIn(f"--replay {RECORDING} {covers}; this run asked for "
                      "2026-10-05..2026-10-11", r.stderr)
        self.assertIn(f"(the recording {covers})", manifest(out)["sources"][0]["detail"])

    def test_fetch_outside_the_recording_says_which_periods_it_covers_as_run_does(self):
        def coverage_line(args):
            r = run(args + ["--replay", RECORDING, "--period", "2026-10-05..2026-10-11"],
                    replay=False)
            self.assertEqual(r.returncode, 3, r.stderr)
            lines = [l for l in r.stderr.splitlines() if f"--replay {RECORDING} covers" in l]
            self.assertEqual(len(lines), 1, r.stderr)
            return lines[0]
        ran = coverage_line(["run", "list-performance", "--format", "csv", "--out",
                             os.path.join(self.dir, "out")])
        fetched = coverage_line(["fetch", "salesfinity.list-performance", "-o",
                                 os.path.join(self.dir, "lists.csv")])
        self.assertEqual(fetched, ran)
        self.assertTrue(fetched.endswith("this run asked for 2026-10-05..2026-10-11 (--period)"))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "lists.csv")))

    def test_templates_md_names_every_table_and_column(self):
        with open(os.path.join(SOURCE, "docs", "templates.md"), encoding="utf-8") as f:
            doc = f.read()
        self.assertIn("DESIGN.md §6", doc)
        self.assertIn("limited to the period", doc)
        for name, e in endpoints():
            if e["table"].startswith("old_"):
                continue  # test plugins
            self.assertIn(f"**`{e['table']}`** ← `{name}`", doc)
            section = doc.split(f"**`{e['table']}`**", 1)[1].split("\n**`", 1)[0]
            for c in e["columns"]:
                self.assertRegex(section, rf"`{re.escape(c['name'])}`", f"{e['table']}.{c['name']}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Split documents are about the person they are sent to (issue 13, point 1).

weekly-manager and rep-scorecard run on the sample week with
--split-by rep_email,sender_email in every format.  For every split: its
calls add up to the roll-up's in the PDF, the workbook and the CSV; no
document of it (read with pdftotext, openpyxl, the csv module) names another
rep; the cover, every page's header, the workbook, the file names and the
mail subject name the person; team sections say so, hidden ones are left
out; the data-sources box counts the split's own rows.  A template that
would put the team's figures under a person's name is refused before
anything is written.
"""
import os
import re

from outreport_e2e import (MockApi, TempDirTest, csv_rows, main, manifest, ok, pdf_text, run,
                           write_template, xlsx_strings)

SPLIT = ["--split-by", "rep_email,sender_email"]


def kpi_from_pdf(text, label):
    """The value of the first KPI tile labelled @label in pdftotext -layout text."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        cols = re.split(r"\s{2,}", line.strip())
        if label in cols:
            k = cols.index(label)
            for below in lines[i + 1:i + 6]:
                vals = re.split(r"\s{2,}", below.strip())
                if below.strip() and len(vals) == len(cols):
                    return vals[k]
    raise AssertionError(f"no tile {label!r} in the PDF")


def kpi_from_xlsx(path, label):
    import openpyxl
    ws = openpyxl.load_workbook(path)["Summary"]
    for row in ws.iter_rows(values_only=True):
        if row[0] == label:
            return row[1]
    raise AssertionError(f"no KPI {label!r} on the Summary of {path}")


class SplitRun:
    """One split run of a template, shared by the tests of a class."""

    def __init__(self, template, folder, extra=()):
        self.template = template
        self.dir = folder
        self.result = ok(run(["run", template, "--format", "pdf,xlsx,csv", "--out", folder,
                              *SPLIT, "--mail-to", "{rep_email}", "--dry-run", *extra]))
        self.manifest = manifest(folder)
        self.splits = self.manifest["splits"]

    def files(self, split, suffix):
        return [f for f in split["files"] if f.endswith(suffix)]

    def rollup(self, suffix):
        return os.path.join(self.dir, self.template + suffix)

    def texts(self, split):
        """Everything a split's documents say, as text."""
        out = []
        for f in split["files"]:
            if f.endswith(".pdf"):
                out.append(pdf_text(f))
            elif f.endswith(".xlsx"):
                out.append(xlsx_strings(f))
            else:
                with open(f, encoding="utf-8-sig") as fh:
                    out.append(fh.read())
        return "\n".join(out)


class WeeklyManagerSplit(TempDirTest):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.folder = tempfile.mkdtemp(prefix="outreport-split-")
        cls.split = SplitRun("weekly-manager", cls.folder)
        cls.reps = csv_rows(cls.split.rollup("-reps.csv"))

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.folder, ignore_errors=True)

    def test_every_rep_gets_a_split(self):
        self.assertEqual(sorted(s["value"] for s in self.split.splits),
                         sorted(r["rep_email"] for r in self.reps))

    def test_split_calls_add_up_to_the_rollup_in_pdf_xlsx_and_csv(self):
        rollup_pdf = pdf_text(self.split.rollup(".pdf"))
        total = int(kpi_from_pdf(rollup_pdf, "Calls").replace(",", ""))
        self.assertEqual(total, 1483)
        self.assertEqual(kpi_from_xlsx(self.split.rollup(".xlsx"), "Calls"), total)
        pdf_sum = xlsx_sum = csv_sum = 0
        for sp in self.split.splits:
            pdf = pdf_text(self.split.files(sp, ".pdf")[0])
            pdf_sum += int(kpi_from_pdf(pdf, "Calls").replace(",", ""))
            xlsx_sum += kpi_from_xlsx(self.split.files(sp, ".xlsx")[0], "Calls")
            rows = csv_rows(self.split.files(sp, "-reps.csv")[0])
            self.assertEqual([r["rep_email"] for r in rows], [sp["value"]])
            csv_sum += int(rows[0]["calls"])
        self.assertEqual((pdf_sum, xlsx_sum, csv_sum), (total, total, total))

    def test_no_split_document_names_another_rep(self):
        names = {r["rep_email"]: r["rep"] for r in self.reps}
        self.assertEqual(len(names), 12)
        for sp in self.split.splits:
            text = self.split.texts(sp)
            self.assertIn(names[sp["value"]], text)
            for email, name in names.items():
                if email != sp["value"]:
                    self.assertNotIn(name, text, f"{name} in the documents of {sp['value']}")

    def test_cover_header_files_and_subject_name_the_person(self):
        names = {r["rep_email"]: r["rep"] for r in self.reps}
        subjects = [l for l in self.split.result.stderr.splitlines() if l.startswith("would mail")]
        self.assertEqual(len(subjects), 12)
        for sp in self.split.splits:
            name = names[sp["value"]]
            self.assertEqual(sp["label"], name)
            pages = pdf_text(self.split.files(sp, ".pdf")[0]).split("\f")
            self.assertIn(f"{name} · {sp['value']}", pages[0])  # the cover
            for page in pages:
                if page.strip():
                    self.assertIn(f"Weekly sales report — {name}", page.split("\n")[0])
            self.assertIn(f"For {name} ({sp['value']})", xlsx_strings(self.split.files(sp, ".xlsx")[0]))
            mine = [l for l in subjects if l.startswith(f"would mail {sp['value']}:")]
            self.assertEqual(len(mine), 1)
            self.assertIn(f"({name})", mine[0])
        zoe = next(s for s in self.split.splits if s["value"].startswith("zoe."))
        self.assertTrue(all("weekly-manager-zoe-muller" in f for f in zoe["files"]), zoe["files"])

    def test_team_sections_say_so_and_hidden_ones_are_left_out(self):
        rollup = pdf_text(self.split.rollup(".pdf"))
        self.assertIn("Contact list performance", rollup)
        self.assertNotIn("(whole team)", rollup)
        for sp in self.split.splits:
            pdf = pdf_text(self.split.files(sp, ".pdf")[0])
            # the week's agent calls (agent_call_log) and the all-time totals per space
            self.assertIn("AI voice agents this week (whole team)", pdf)
            self.assertIn("AI voice agents by space, all time (whole team)", pdf)
            self.assertNotIn("Contact list performance", pdf)
            self.assertEqual(self.split.files(sp, "-lists.csv"), [])

    def test_personal_trends_add_up_to_the_rollups_week_by_week(self):
        # trend_calls and trend_emails have rep_email and sender_email: a split's twelve
        # weeks are the person's own, and together the roll-up's, week by week.
        import collections
        for suffix, col in (("-trend.csv", "calls"), ("-trend-emails.csv", "sent"),
                            ("-trend-emails.csv", "replied")):
            rollup = {r["week"]: r[col] for r in csv_rows(self.split.rollup(suffix))}
            got = collections.Counter()
            for sp in self.split.splits:
                rows = csv_rows(self.split.files(sp, suffix)[0])
                self.assertEqual([r["week"] for r in rows], list(rollup), sp["value"])
                for r in rows:
                    self.assertEqual(r[col] == "", rollup[r["week"]] == "", r)  # blank: unknown
                    got[r["week"]] += int(r[col] or 0)
            self.assertEqual({w: str(n) for w, n in got.items() if rollup[w]},
                             {w: v for w, v in rollup.items() if v}, (suffix, col))
            self.assertEqual(sum(1 for v in rollup.values() if v), 2)  # the recorded fortnight

    def test_sparklines_are_the_persons_and_read_like_their_tiles(self):
        import openpyxl
        zoe = next(s for s in self.split.splits if s["value"].startswith("zoe."))
        weeks = {r["week"]: r for r in csv_rows(self.split.files(zoe, "-trend.csv")[0])}
        ws = openpyxl.load_workbook(self.split.files(zoe, ".xlsx")[0])["Summary"]
        rows = {r[0].value: r for r in ws.iter_rows() if r[0].value}
        calls = [c.value for c in rows["Calls"][6:18]]
        self.assertEqual(calls[:10], [None] * 10)  # weeks the store does not hold: gaps
        self.assertEqual(calls[10:], [int(weeks["2026-11-09"]["calls"]),
                                      int(weeks["2026-11-16"]["calls"])])
        self.assertEqual(calls[11], rows["Calls"][1].value)
        # the one formatter's number format: as the tile's value, a ratio for a percent
        for label in ("Calls", "Connect rate"):
            value, last = rows[label][1], rows[label][17]
            self.assertEqual(last.number_format, value.number_format, label)
        self.assertAlmostEqual(rows["Connect rate"][17].value, rows["Connect rate"][1].value)
        self.assertLess(rows["Connect rate"][17].value, 1.0)

    def test_data_sources_box_counts_the_splits_own_rows(self):
        for sp in self.split.splits:
            calls = sum(1 for _ in csv_rows(self.split.files(sp, "-all-calls.csv")[0]))
            pdf = pdf_text(self.split.files(sp, ".pdf")[0]).split("\f")[0]
            line = next(l for l in pdf.splitlines() if re.search(r"\bok\s+calls\b", l))
            self.assertRegex(line, rf"\b{calls:,} rows?\b")
            agents = next(l for l in pdf.splitlines() if re.search(r"\bok\s+agents\b", l))
            self.assertIn("whole team", agents)


class RepScorecardSplit(TempDirTest):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.folder = tempfile.mkdtemp(prefix="outreport-split-")
        cls.split = SplitRun("rep-scorecard", cls.folder)

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.folder, ignore_errors=True)

    def test_split_calls_add_up_and_no_document_names_another_rep(self):
        rows = csv_rows(self.split.rollup("-scorecard.csv"))
        names = {r["rep_email"]: r["rep"] for r in rows}
        total = kpi_from_xlsx(self.split.rollup(".xlsx"), "Calls")
        self.assertEqual(total, sum(int(r["calls"]) for r in rows))
        got = 0
        for sp in self.split.splits:
            pdf = pdf_text(self.split.files(sp, ".pdf")[0])
            calls = int(kpi_from_pdf(pdf, "Calls").replace(",", ""))
            self.assertEqual(calls, kpi_from_xlsx(self.split.files(sp, ".xlsx")[0], "Calls"))
            got += calls
            text = self.split.texts(sp)
            for email, name in names.items():
                if email != sp["value"]:
                    self.assertNotIn(name, text, f"{name} in the documents of {sp['value']}")
            # The AI agents are the team's, and say so.
            self.assertIn("AI voice agents (whole team)", pdf)
            self.assertNotIn("Team totals", pdf)
        self.assertEqual(got, total)


class SplitByRepOnly(TempDirTest):
    """Split by rep_email alone, e-mails are the team's: weekly-manager's e-mail trend is
    labelled so in each rep's document, its calls trend is the rep's."""

    def test_email_trend_is_the_teams_and_says_so(self):
        out = os.path.join(self.dir, "out")
        ok(run(["run", "weekly-manager", "--format", "pdf,csv", "--out", out,
                "--split-by", "rep_email"]))
        m = manifest(out)
        rollup = {r["week"]: r for r in csv_rows(os.path.join(out, "weekly-manager-trend-emails.csv"))}
        names = {r["rep_email"]: r["rep"] for r in csv_rows(os.path.join(out, "weekly-manager-reps.csv"))}
        for sp in m["splits"]:
            pdf = pdf_text(next(f for f in sp["files"] if f.endswith(".pdf")))
            self.assertIn("E-mail reply rate per week (whole team)", pdf)
            self.assertIn("E-mails week by week (whole team)", pdf)
            self.assertIn("Calls and meetings per week", pdf)
            self.assertNotIn("Calls and meetings per week (whole team)", pdf)
            team = {r["week"]: r for r in csv_rows(next(
                f for f in sp["files"] if f.endswith("-trend-emails.csv")))}
            self.assertEqual(team, rollup)
            for email, name in names.items():
                if email != sp["value"]:
                    self.assertNotIn(name, pdf, f"{name} in the documents of {sp['value']}")


class QuarterlyReviewSplit(TempDirTest):
    def test_each_rep_gets_their_own_quarter(self):
        split = SplitRun("quarterly-review", self.dir)
        rows = csv_rows(split.rollup("-reps.csv"))
        names = {r["rep"] for r in rows}
        total = kpi_from_xlsx(split.rollup(".xlsx"), "Calls")
        self.assertEqual(total, sum(int(r["calls"]) for r in rows))
        got = 0
        for sp in split.splits:
            mine = csv_rows(split.files(sp, "-reps.csv")[0])
            self.assertEqual([r["rep"] for r in mine], [sp["label"]])
            got += kpi_from_xlsx(split.files(sp, ".xlsx")[0], "Calls")
            weeks = csv_rows(split.files(sp, "-rep-weeks.csv")[0])
            self.assertEqual({r["rep"] for r in weeks}, {sp["label"]})
            text = split.texts(sp)
            for name in names - {sp["label"]}:
                self.assertNotIn(name, text, f"{name} in the documents of {sp['value']}")
        self.assertEqual(got, total)


class SplitMistakes(TempDirTest):
    MIXED = {
        "title": "Mixed",
        "sources": {"calls": {"source": "salesfinity.call-log"},
                    "agents": {"source": "unpod.analytics"}},
        "sections": [{"kind": "kpis", "id": "headline", "title": "Totals", "kpis": [
            {"label": "Calls", "value": "SELECT count(*) FROM calls"},
            {"label": "AI agent calls", "value": "SELECT sum(total_calls) FROM agents"}]}],
    }

    def test_a_section_mixing_the_persons_and_the_teams_figures_is_refused(self):
        path = write_template(self.dir, self.MIXED)
        out = os.path.join(self.dir, "out")
        r = run(["run", path, "--format", "pdf", "--out", out, *SPLIT])
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(f"{path}: section 'headline': reads calls", r.stderr)
        self.assertIn("agents, which has no column rep_email or sender_email", r.stderr)
        self.assertFalse(any(f.endswith(".pdf") for f in os.listdir(out)))
        v = run(["validate", path, *SPLIT], replay=False)
        self.assertEqual(v.returncode, 2)
        self.assertIn("section 'headline': reads calls", v.stderr)
        # Without a split it is a team report, and fine.
        ok(run(["validate", path], replay=False))

    def test_scope_team_labels_it_and_split_value_lets_sql_name_the_person(self):
        t = dict(self.MIXED)
        t["sections"] = [dict(self.MIXED["sections"][0], scope="team", kpis=[
            {"label": "Team calls", "value": "SELECT count(*) FROM calls"},
            {"label": "My share", "format": "percent",
             "value": "SELECT coalesce(avg(rep_email = :split_value), 1) FROM calls"},
            {"label": "AI agent calls", "value": "SELECT sum(total_calls) FROM agents"}])]
        path = write_template(self.dir, t)
        out = os.path.join(self.dir, "out")
        ok(run(["run", path, "--format", "xlsx", "--out", out, "--split-by", "rep_email"]))
        m = manifest(out)
        zoe = next(s for s in m["splits"] if s["value"].startswith("zoe."))
        text = xlsx_strings(zoe["files"][0])
        self.assertIn("Totals (whole team)", text)
        import openpyxl
        ws = openpyxl.load_workbook(zoe["files"][0])["Summary"]
        got = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row[0]}
        self.assertEqual(got["Team calls"], 1483)
        self.assertAlmostEqual(got["My share"], 167 / 1483)

    def test_unknown_split_columns_are_refused_before_anything_is_fetched(self):
        out = os.path.join(self.dir, "out")
        r = run(["run", "weekly-manager", "--out", out, "--split-by", "rep_emial"], replay=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--split-by rep_emial: no source of", r.stderr)
        r = run(["run", "weekly-manager", "--out", out, *SPLIT, "--split-label", "rep_nmae"],
                replay=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--split-label rep_nmae", r.stderr)

    def test_split_label_names_the_split(self):
        out = os.path.join(self.dir, "out")
        ok(run(["run", "weekly-manager", "--format", "csv", "--out", out, *SPLIT,
                "--split-label", "rep_id"]))
        labels = {s["label"] for s in manifest(out)["splits"]}
        self.assertEqual(len(labels), 12)
        self.assertNotIn("Zoë Müller", labels)


class SplitsOfTheReportsPeriod(TempDirTest):
    """The people a split run writes for are those of the report's period: a trend
    source's twelve weeks would add everyone who called weeks ago."""

    def test_a_trend_source_adds_no_one_to_the_splits(self):
        mock = MockApi(os.path.join(self.dir, "mock"), "--calls", "300", "--start", "2026-11-09",
                       "--days", "7")
        sources = {"calls": {"source": "salesfinity.call-log"},
                   "trend": {"source": "salesfinity.call-log", "period": "last-2-weeks"}}
        kpis = [{"label": "Calls", "value": "SELECT count(*) FROM calls"},
                {"label": "Two weeks", "value": "SELECT count(*) FROM trend"}]
        try:
            def split_run(name, srcs):
                path = write_template(self.dir, {"title": name, "sources": srcs, "sections": [
                    {"kind": "kpis", "id": "k", "kpis": [k for k in kpis
                                                         if k["value"].split()[-1] in srcs]}]},
                    name=name + ".json")
                out = os.path.join(self.dir, name)
                ok(run(["run", path, "--format", "csv", "--out", out, "--split-by", "rep_email",
                        "--period", "2026-11-16..2026-11-22"], config=mock.config(self.dir),
                       replay=False, env={"SALESFINITY_API_KEY": "test-sf-key"}))
                return manifest(out)
            # nobody called in the report's week: no one's documents, only the roll-up
            m = split_run("week", sources)
            self.assertEqual([s["rows"] for s in m["sources"]], [0, 300])
            self.assertEqual(m["splits"], [])
            # a template of the trend alone still splits by its people
            m = split_run("trend", {"trend": sources["trend"]})
            self.assertGreater(len(m["splits"]), 1)
        finally:
            mock.stop()


class LargeTeamSection(TempDirTest):
    """A team section too large to keep in memory (more than 10,000 rows) is
    read from a copy made before the split's views go up: its statement,
    prepared again for a renderer, would otherwise read the person's rows."""

    def test_a_split_document_shows_all_rows_of_a_large_team_section(self):
        mock = MockApi(os.path.join(self.dir, "mock"), "--calls", "12000")
        try:
            path = write_template(self.dir, {
                "title": "Large", "sources": {"calls": {"source": "salesfinity.call-log"}},
                "sections": [
                    {"kind": "kpis", "id": "mine", "kpis": [
                        {"label": "Calls", "value": "SELECT count(*) FROM calls"}]},
                    {"kind": "table", "id": "everyone", "scope": "team", "formats": ["csv"],
                     "sql": "SELECT id, rep_email FROM calls ORDER BY started_at, id"}]})
            out = os.path.join(self.dir, "out")
            ok(run(["run", path, "--format", "csv,xlsx", "--out", out, "--split-by", "rep_email",
                    "--period", "2026-11-09..2026-11-22"], config=mock.config(self.dir),
                   replay=False, env={"SALESFINITY_API_KEY": "test-sf-key"}))
        finally:
            mock.stop()
        rollup = csv_rows(os.path.join(out, "t-everyone.csv"))
        self.assertEqual(len(rollup), 12000)
        splits = manifest(out)["splits"]
        self.assertGreater(len(splits), 1)
        import openpyxl
        for sp in splits:
            team = csv_rows(next(f for f in sp["files"] if f.endswith("-everyone.csv")))
            self.assertEqual(team, rollup, sp["value"])
            ws = openpyxl.load_workbook(next(f for f in sp["files"] if f.endswith(".xlsx")))
            mine = {r[0]: r[1] for r in ws["Summary"].iter_rows(values_only=True) if r[0]}
            self.assertEqual(mine["Calls"], sum(1 for r in rollup if r["rep_email"] == sp["value"]))


if __name__ == "__main__":
    main()

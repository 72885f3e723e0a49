#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""--json is a contract (issue 13, point 5).

stdout carries exactly one JSON document and nothing else, for run and batch
alike, also with --dry-run (its "would mail" lines go to stderr), also when a
job fails or is refused; every document validates against
docs/run-summary.schema.json with python3-jsonschema; a batch reports each
warning and error once per job.
"""
import collections
import json
import os

import jsonschema

from outreport_e2e import (PERIOD, RECORDING, SAMPLES_CONF, SOURCE, TempDirTest, main, run,
                           write_template)

with open(os.path.join(SOURCE, "docs", "run-summary.schema.json"), encoding="utf-8") as f:
    SCHEMA = json.load(f)
jsonschema.Draft202012Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
KINDS = {k: jsonschema.Draft202012Validator({"$ref": f"#/$defs/{k}", "$defs": SCHEMA["$defs"]})
         for k in ("summary", "sync")}


def one_document(stdout, kind="summary"):
    """The one JSON document stdout holds, a @kind (summary: run and batch;
    sync); fails when anything else is there."""
    doc, end = json.JSONDecoder().raw_decode(stdout)
    if stdout[end:].strip():
        raise AssertionError(f"more than one document on stdout: {stdout[end:][:200]!r}")
    if stdout[:1] != "{":
        raise AssertionError(f"stdout does not start with the document: {stdout[:200]!r}")
    errors = sorted(VALIDATOR.iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        raise AssertionError("; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
    kind_errors = list(KINDS[kind].iter_errors(doc))
    if kind_errors:
        raise AssertionError(f"not a {kind} document: {kind_errors[0].message}")
    return doc


class JsonContract(TempDirTest):
    def batch(self, text, *args, config=SAMPLES_CONF):
        jobs = os.path.join(self.dir, "jobs.ini")
        with open(jobs, "w", encoding="utf-8") as f:
            f.write(text)
        return run(["batch", jobs, "--replay", RECORDING, "--out", os.path.join(self.dir, "out"),
                    "--json", *args], config=config, replay=False)

    def test_run_prints_one_document_of_the_schema(self):
        r = run(["run", "list-performance", "--format", "csv", "--out", self.dir, "--json"])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = one_document(r.stdout)
        self.assertEqual((doc["status"], doc["exit_code"], doc["jobs_ok"]), ("ok", 0, 1))
        job = doc["jobs"][0]
        self.assertEqual((job["job"], job["out"]), ("list-performance", self.dir))
        self.assertEqual(job["manifest"]["sources"][0]["rows"], 8)

    def test_dry_run_says_who_would_get_what_on_stderr_only(self):
        r = run(["run", "weekly-manager", "--format", "csv", "--out", self.dir, "--json",
                 "--split-by", "rep_email,sender_email", "--mail-to", "{rep_email}",
                 "--mail-to", "boss@acme.example", "--dry-run"])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = one_document(r.stdout)
        self.assertNotIn("would mail", r.stdout)
        self.assertEqual(r.stderr.count("would mail "), 13)
        self.assertEqual(len(doc["jobs"][0]["manifest"]["mails"]), 13)
        self.assertEqual(len(doc["jobs"][0]["manifest"]["splits"]), 12)

    def test_every_split_says_whether_its_documents_were_written(self):
        r = run(["run", "rep-scorecard", "--format", "csv", "--out", self.dir, "--json",
                 "--split-by", "rep_email,sender_email"])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = one_document(r.stdout)
        splits = doc["jobs"][0]["manifest"]["splits"]
        self.assertEqual({(s["status"], s["error"]) for s in splits}, {("ok", None)})
        # the schema holds a split to it: a status, an error unless ok, no files when skipped
        split = splits[0]
        for wrong in ({k: v for k, v in split.items() if k != "status"},
                      dict(split, status="failed"),
                      dict(split, status="skipped", error="it is empty"),
                      dict(split, status="gone", error="x")):
            doc["jobs"][0]["manifest"]["splits"][0] = wrong
            self.assertNotEqual(list(VALIDATOR.iter_errors(doc)), [], wrong)
        doc["jobs"][0]["manifest"]["splits"][0] = dict(split, status="skipped", files=[],
                                                       error="it is empty")
        self.assertEqual(list(VALIDATOR.iter_errors(doc)), [])

    def test_failures_and_refusals_are_documents_of_the_schema(self):
        # a template mistake: exit 2, the manifest says why
        path = write_template(self.dir, {"title": "t", "sources": {"calls": {
            "source": "salesfinity.call-log"}}, "sections": [{"kind": "kpis", "id": "k", "kpis": [
                {"label": "x", "value": "SELECT duration_s FROM calls"}]}]})
        r = run(["run", path, "--out", os.path.join(self.dir, "a"), "--json"])
        self.assertEqual(r.returncode, 2)
        doc = one_document(r.stdout)
        self.assertEqual(doc["status"], "failed")
        self.assertIn("section 'k'", doc["jobs"][0]["manifest"]["error"])
        # stopped before a manifest: an unknown template
        r = run(["run", "no-such-template", "--out", os.path.join(self.dir, "b"), "--json"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("not found", one_document(r.stdout)["jobs"][0]["manifest"]["error"])
        # --strict and a source outside the recording: refused, no documents
        r = run(["run", "list-performance", "--out", os.path.join(self.dir, "c"), "--json",
                 "--strict", "--replay", RECORDING, "--period", "2026-10-05..2026-10-11"],
                replay=False)
        self.assertEqual(r.returncode, 3)
        self.assertEqual(one_document(r.stdout)["jobs"][0]["manifest"]["status"], "refused")

    def test_batch_prints_the_same_shape_as_run(self):
        r = self.batch(f"[defaults]\nperiod = {PERIOD}\nformats = csv\n"
                       "[weekly]\ntemplate = weekly-manager\n"
                       "[lists]\ntemplate = list-performance\n"
                       "[broken]\ntemplate = list-performance\nsplit_by = nobody\n")
        self.assertEqual(r.returncode, 3)
        doc = one_document(r.stdout)
        single = one_document(run(["run", "list-performance", "--format", "csv", "--out",
                                   os.path.join(self.dir, "run"), "--json"]).stdout)
        self.assertEqual(set(doc), set(single))
        self.assertEqual(set(doc["jobs"][0]), set(single["jobs"][0]))
        self.assertEqual((doc["jobs_ok"], doc["jobs_failed"]), (2, 1))
        self.assertEqual([j["job"] for j in doc["jobs"]], ["weekly", "lists", "broken"])
        self.assertIn("--split-by nobody", doc["jobs"][2]["manifest"]["error"])

    def test_batch_reports_each_warning_and_error_once_per_job(self):
        conf = os.path.join(self.dir, "smtp.conf")
        with open(SAMPLES_CONF, encoding="utf-8") as f:
            base = f.read()
        with open(conf, "w", encoding="utf-8") as f:
            f.write(base + "\n[smtp]\nurl = smtp://127.0.0.1:1\nfrom = r@acme.example\n"
                           "retries = 1\ntimeout_s = 5\n")
        r = self.batch(f"[defaults]\nperiod = {PERIOD}\nformats = csv\n"
                       "[weekly]\ntemplate = weekly-manager\nmail_to = a@acme.example\n"
                       "[lists]\ntemplate = list-performance\nmail_to = b@acme.example\n",
                       config=conf)
        self.assertEqual(r.returncode, 3)
        doc = one_document(r.stdout)
        for job in doc["jobs"]:
            self.assertEqual(job["manifest"]["mails"][0]["status"], "failed")
        lines = [l for l in r.stderr.splitlines() if l.strip()]
        repeated = [l for l, n in collections.Counter(lines).items() if n > 1]
        self.assertEqual(repeated, [])
        self.assertNotIn("error: \n", r.stderr + "\n")
        for name in ("weekly", "lists"):
            errors = [l for l in lines if l.startswith(f"outreport: job {name}: error:")]
            self.assertEqual(len(errors), 1, errors)
            self.assertIn("smtp 127.0.0.1:1", errors[0])

    def test_store_runs_and_stopped_queries_are_documents_of_the_schema(self):
        # A replay reads through a store: the twelve-week sources of weekly-manager are
        # partial (the recording holds a fortnight) and name their own period and days.
        conf = os.path.join(self.dir, "limits.conf")
        with open(SAMPLES_CONF, encoding="utf-8") as f:
            base = f.read()
        with open(conf, "w", encoding="utf-8") as f:
            f.write(base + "\n[report]\nsql_timeout_s = 1\n")
        endless = write_template(self.dir, {"title": "t", "sources": {"calls": {
            "source": "salesfinity.call-log"}}, "sections": [{"kind": "table", "id": "forever",
                "sql": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                       "SELECT x FROM c"}]})
        r = self.batch(f"[defaults]\nperiod = {PERIOD}\nformats = csv\n"
                       "[weekly]\ntemplate = weekly-manager\n"
                       f"[../escape]\ntemplate = {endless}\n", config=conf)
        self.assertEqual(r.returncode, 3, r.stderr)
        doc = one_document(r.stdout)
        weekly, escape = doc["jobs"]
        trend = next(s for s in weekly["manifest"]["sources"] if s["alias"] == "trend_calls")
        self.assertEqual((trend["period"], trend["first_day"], trend["last_day"], trend["status"]),
                         ("last-12-weeks", "2026-08-31", "2026-11-22", "partial"))
        self.assertIn("the recording covers 2026-11-09..2026-11-15 and 2026-11-16..2026-11-22",
                      trend["detail"])
        calls = next(s for s in weekly["manifest"]["sources"] if s["alias"] == "calls")
        self.assertEqual((calls["period"], calls["first_day"]), ("current", "2026-11-16"))
        # the job's folder is its name made safe; its query ran out of time
        self.assertEqual(escape["out"], os.path.join(self.dir, "out", "escape"))
        self.assertEqual(escape["exit_code"], 2)
        self.assertIn("longer than 1 s ([report] sql_timeout_s)", escape["manifest"]["error"])

    def test_sources_say_when_they_were_read_and_what_was_repaired(self):
        # The recording's call log carries raw control characters in transcriptions: each
        # week's source counts those it escaped; every source says when it was read (a
        # replay reads through a store: the time of this run's fetch, pinned here).
        r = run(["run", "weekly-manager", "--format", "csv", "--out", self.dir, "--json"],
                env={"SOURCE_DATE_EPOCH": "1795000000"})
        self.assertEqual(r.returncode, 0, r.stderr)
        sources = {s["alias"]: s for s in one_document(r.stdout)["jobs"][0]["manifest"]["sources"]}
        for alias in ("calls", "prev_calls", "emails", "agents", "agent_log", "vendor_reps"):
            self.assertEqual(sources[alias]["fetched_at"], "2026-11-18T11:06:40+00:00", alias)
        self.assertGreater(sources["calls"]["repaired"]["control_characters"], 0)
        self.assertGreater(sources["prev_calls"]["repaired"]["control_characters"], 0)
        self.assertEqual(sources["lists"]["repaired"]["control_characters"], 0)
        self.assertEqual(r.stderr.count("inside text values escaped"), 1, r.stderr)

    def test_sync_prints_one_document_of_the_schema(self):
        store = "sqlite:" + os.path.join(self.dir, "store.sqlite")

        def sync(*args, replay=True):
            more = ["--replay", RECORDING] if replay else []
            return run(["sync", "salesfinity.call-log", "--store", store, "--json", *more, *args],
                       replay=False)

        r = sync("--from", "2026-11-02", "--to", "2026-11-22")
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = one_document(r.stdout, "sync")
        self.assertEqual((doc["status"], doc["store"]), ("ok", store))
        src = doc["sources"][0]
        self.assertEqual((src["source"], src["first_day"], src["last_day"], src["status"]),
                         ("salesfinity.call-log", "2026-11-02", "2026-11-22", "partial"))
        self.assertGreater(src["pages"], 0)
        # a period the recording does not have at all: that source failed
        r = sync("--from", "2026-10-05", "--to", "2026-10-11")
        self.assertEqual(r.returncode, 3)
        doc = one_document(r.stdout, "sync")
        self.assertEqual((doc["status"], doc["sources"][0]["status"]), ("failed", "failed"))
        # a sync that cannot start still prints its document, with the reason
        r = run(["sync", "--store", "none", "--json"], replay=False)
        self.assertEqual(r.returncode, 2)
        doc = one_document(r.stdout, "sync")
        self.assertEqual((doc["store"], doc["sources"]), (None, []))
        self.assertIn("sync needs a store", doc["error"])


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Chat notifications (issue 15, point 2): [notify] posts the roll-up's
headline to Slack and Teams incoming webhooks through libcurl, to a receiver
on 127.0.0.1 (tests/webhook_sink.py) that checks each message against the
service's documented format.  Retries like HTTP; a post that fails is a
warning and the report is still written; the webhook URL, a secret, is never
in a message, the log or the summary.
"""
import glob
import json
import os
import sqlite3
import subprocess
import sys
import time

from outreport_e2e import SAMPLES_CONF, SOURCE, TempDirTest, main, manifest, ok, run

TOKEN = "B0TESTSECRETX9Z"


class Receiver:
    def __init__(self, folder, *args):
        os.makedirs(folder, exist_ok=True)
        self.dir = folder
        port_file = os.path.join(folder, "port")
        self.proc = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(SOURCE, "tests", "webhook_sink.py"),
             "--port-file", port_file, "--dir", folder, *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)
        for _ in range(200):
            if os.path.exists(port_file):
                with open(port_file) as f:
                    self.port = int(f.read())
                return
            time.sleep(0.05)
        raise AssertionError("the webhook receiver did not start")

    def posts(self):
        out = []
        for p in sorted(glob.glob(os.path.join(self.dir, "post-*.json"))):
            with open(p, encoding="utf-8") as f:
                out.append(json.load(f))
        return out

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Notify(TempDirTest):
    def start(self, *args, extra=""):
        rx = Receiver(os.path.join(self.dir, "rx"), *args)
        self.addCleanup(rx.stop)
        conf = os.path.join(self.dir, "notify.conf")
        with open(SAMPLES_CONF, encoding="utf-8") as f:
            text = f.read()
        with open(conf, "w", encoding="utf-8") as f:
            f.write(text + "\n[notify]\nslack_webhook_env = OR_TEST_SLACK\n"
                    "teams_webhook_env = OR_TEST_TEAMS\nretries = 2\n" + extra)
        env = {"OR_TEST_SLACK": f"http://127.0.0.1:{rx.port}/slack/T000/{TOKEN}",
               "OR_TEST_TEAMS": f"http://127.0.0.1:{rx.port}/teams/webhook/{TOKEN}"}
        return rx, conf, env

    def report(self, conf, env, *args):
        out = os.path.join(self.dir, "out")
        res = run(["-v", "run", "weekly-manager", "--format", "pdf,csv", "--out", out, *args],
                  config=conf, env=env)
        return res, out

    def test_slack_and_teams_get_period_kpis_sources_and_files(self):
        rx, conf, env = self.start()
        db = os.path.join(self.dir, "dataset.sqlite")
        res, out = self.report(conf, env, "--keep-dataset", db)
        ok(res)
        # The headline's numbers are the run's own: its dataset's calls this week and the
        # week before, and the connect rate by the template's definition.
        con = sqlite3.connect(db)
        calls, connected = con.execute("SELECT count(*), sum(is_connected) FROM calls").fetchone()
        prev = con.execute("SELECT count(*) FROM prev_calls").fetchone()[0]
        con.close()
        change = 100 * (calls - prev) / prev
        arrow = "\u25b2 +" if change > 0 else "\u25bc "
        posts = rx.posts()
        self.assertEqual(sorted(p["path"].split("/")[1] for p in posts), ["slack", "teams"])
        for p in posts:
            self.assertEqual(p["problems"], [], p["path"])
            text = json.dumps(p["body"], ensure_ascii=False)
            for needle in ["Weekly sales report", "16\u201322 Nov 2026", "Calls", f"{calls:,}",
                           f"{arrow}{change:.1f} %", "Connect rate",
                           f"{100 * connected / calls:.1f} %", "trend_calls",
                           "weekly-manager.pdf", "weekly-manager-reps.csv"]:
                self.assertIn(needle, text, p["path"])
        self.assertEqual([n["status"] for n in manifest(out)["notifications"]], ["sent", "sent"])

    def test_a_5xx_is_retried_then_sent(self):
        rx, conf, env = self.start("--fail-first", "1")
        res, out = self.report(conf, env)
        ok(res)
        self.assertEqual(len(rx.posts()), 3)  # slack failed once, then slack and teams
        self.assertEqual([n["status"] for n in manifest(out)["notifications"]], ["sent", "sent"])

    def test_failure_is_a_warning_the_report_is_written_and_the_url_never_shown(self):
        rx, conf, env = self.start("--always-fail")
        res, out = self.report(conf, env, "--json")
        self.assertEqual(res.returncode, 0, res.stderr[-500:])
        self.assertTrue(os.path.exists(os.path.join(out, "weekly-manager.pdf")))
        self.assertIn("slack notification not sent (the report is)", res.stderr)
        self.assertIn("HTTP 500", res.stderr)
        self.assertEqual(len(rx.posts()), 6)  # 1 + 2 retries each
        notes = manifest(out)["notifications"]
        self.assertEqual([n["status"] for n in notes], ["failed", "failed"])
        for where in [res.stderr, res.stdout, json.dumps(notes)]:
            self.assertNotIn(TOKEN, where)

    def test_unset_variable_skips_and_plain_http_elsewhere_is_refused(self):
        rx, conf, env = self.start()
        env = {"OR_TEST_TEAMS": f"http://example.com/teams/{TOKEN}"}
        res, out = self.report(conf, env)
        self.assertIn("$OR_TEST_SLACK is not set", res.stderr)
        self.assertIn("only over https://", res.stderr)
        self.assertNotIn(TOKEN, res.stderr)
        self.assertEqual(rx.posts(), [])
        self.assertEqual([n["status"] for n in manifest(out)["notifications"]],
                         ["skipped", "failed"])

    def test_a_split_posts_to_its_persons_channel_only_where_configured(self):
        rx, conf, env = self.start(extra="slack_split_prefix = OR_TEST_SLACK_\n")
        env["OR_TEST_SLACK_ZOE_MULLER"] = f"http://127.0.0.1:{rx.port}/slack/zoe/{TOKEN}"
        res, out = self.report(conf, env, "--split-by", "rep_email")
        ok(res)
        posts = rx.posts()
        self.assertEqual(sorted(p["path"].split("/")[2] for p in posts),
                         ["T000", "webhook", "zoe"])
        zoe = next(p for p in posts if p["path"].startswith("/slack/zoe/"))
        self.assertEqual(zoe["problems"], [])
        text = json.dumps(zoe["body"], ensure_ascii=False)
        self.assertIn("Weekly sales report \u2014 Zoë Müller", text)
        self.assertIn("weekly-manager-zoe-muller.pdf", text)
        notes = manifest(out)["notifications"]
        self.assertEqual([(n["target"], n["split"]) for n in notes],
                         [("slack", None), ("teams", None),
                          ("slack", "zoe.mueller@acme-sales.example")])

    def test_unknown_notify_key_is_an_error(self):
        conf = os.path.join(self.dir, "bad.conf")
        with open(conf, "w") as f:
            f.write("[notify]\nslack_webhook_evn = X\n")
        res = run(["validate", "weekly-manager"], config=conf, replay=False)
        self.assertEqual(res.returncode, 2)
        self.assertIn("did you mean slack_webhook_env", res.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A chat webhook receiver for tests, on 127.0.0.1: Slack and Teams.

    webhook_sink.py --port-file FILE --dir DIR [--fail-first N] [--always-fail]

Binds port 0, writes the port to FILE, and answers POSTs to /slack/... and
/teams/... .  Each request is saved as DIR/post-NNNN.json: path, the JSON
body, and the problems found checking it against the service's documented
message format (an empty list: valid).  --fail-first N answers the first N
requests with 500; --always-fail answers every one with 500.  Valid
messages get 200 "ok" (Slack) or 202 (Teams); invalid ones 400.
Exits on SIGTERM or when its parent goes away.
"""
import argparse
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

SLACK_BLOCKS = {"header", "section", "context", "divider"}


def text_object(t, where, limit, problems, kinds=("mrkdwn", "plain_text")):
    if not isinstance(t, dict) or t.get("type") not in kinds:
        problems.append(f"{where}: a text object of type {'/'.join(kinds)}")
    elif not isinstance(t.get("text"), str) or not t["text"]:
        problems.append(f"{where}: text missing")
    elif len(t["text"]) > limit:
        problems.append(f"{where}: text over {limit} characters")


def check_slack(msg):
    """Slack incoming webhooks: text (the notification fallback) and Block
    Kit blocks (header: plain_text <= 150; section: text <= 3000 or <= 10
    fields of <= 2000; context: <= 10 elements)."""
    problems = []
    if not isinstance(msg.get("text"), str) or not msg["text"]:
        problems.append("text: the fallback is required with blocks")
    blocks = msg.get("blocks")
    if not isinstance(blocks, list) or not 0 < len(blocks) <= 50:
        return problems + ["blocks: a list of 1 to 50"]
    for i, b in enumerate(blocks):
        kind = b.get("type")
        if kind not in SLACK_BLOCKS:
            problems.append(f"blocks[{i}]: unknown type {kind}")
        elif kind == "header":
            text_object(b.get("text"), f"blocks[{i}].text", 150, problems, ("plain_text",))
        elif kind == "section":
            if "text" in b:
                text_object(b["text"], f"blocks[{i}].text", 3000, problems)
            fields = b.get("fields", [])
            if len(fields) > 10:
                problems.append(f"blocks[{i}].fields: over 10")
            for j, f in enumerate(fields):
                text_object(f, f"blocks[{i}].fields[{j}]", 2000, problems)
            if "text" not in b and not fields:
                problems.append(f"blocks[{i}]: a section needs text or fields")
        elif kind == "context":
            els = b.get("elements", [])
            if not 0 < len(els) <= 10:
                problems.append(f"blocks[{i}].elements: 1 to 10")
            for j, e in enumerate(els):
                text_object(e, f"blocks[{i}].elements[{j}]", 3000, problems)
    return problems


def check_teams(msg):
    """Teams incoming webhooks (Workflows): a message whose attachment is
    an Adaptive Card (TextBlock with text, FactSet with title/value facts)."""
    problems = []
    if msg.get("type") != "message":
        problems.append("type: must be message")
    atts = msg.get("attachments")
    if not isinstance(atts, list) or len(atts) != 1:
        return problems + ["attachments: one card"]
    a = atts[0]
    if a.get("contentType") != "application/vnd.microsoft.card.adaptive":
        problems.append("contentType: the Adaptive Card type")
    card = a.get("content") or {}
    if card.get("type") != "AdaptiveCard" or not str(card.get("version", "")).startswith("1."):
        problems.append("content: an AdaptiveCard of version 1.x")
    for i, el in enumerate(card.get("body") or []):
        if el.get("type") == "TextBlock":
            if not isinstance(el.get("text"), str) or not el["text"]:
                problems.append(f"body[{i}]: TextBlock without text")
        elif el.get("type") == "FactSet":
            for j, f in enumerate(el.get("facts") or []):
                if not isinstance(f.get("title"), str) or not isinstance(f.get("value"), str):
                    problems.append(f"body[{i}].facts[{j}]: title and value are text")
        else:
            problems.append(f"body[{i}]: unexpected element {el.get('type')}")
    if not card.get("body"):
        problems.append("content.body: empty")
    return problems


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        srv = self.server
        with srv.lock:
            srv.count += 1
            n = srv.count
        data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            body = json.loads(data)
            problems = (check_slack(body) if self.path.startswith("/slack/")
                        else check_teams(body) if self.path.startswith("/teams/")
                        else ["unknown path"])
        except ValueError as e:
            body, problems = None, [f"not JSON: {e}"]
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            problems.append("Content-Type: application/json")
        with open(os.path.join(srv.dir, f"post-{n:04d}.json"), "w", encoding="utf-8") as f:
            json.dump({"path": self.path, "body": body, "problems": problems}, f,
                      ensure_ascii=False)
        if srv.always_fail or n <= srv.fail_first:
            code, reply = 500, b"server error"
        elif problems:
            code, reply = 400, b"invalid_payload"
        else:
            code, reply = (200, b"ok") if self.path.startswith("/slack/") else (202, b"")
        self.send_response(code)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--always-fail", action="store_true")
    args = ap.parse_args()
    srv = HTTPServer(("127.0.0.1", 0), Handler)
    srv.dir, srv.fail_first, srv.always_fail = args.dir, args.fail_first, args.always_fail
    srv.count, srv.lock = 0, threading.Lock()
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    parent = os.getppid()

    def watch():
        import time
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.replace(tmp, args.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())

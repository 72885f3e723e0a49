#!/usr/bin/python3
"""Independent computation of weekly-manager's headline numbers.

Reads the raw recorded Salesfinity call-log pages and the account's
disposition list (the vendor's JSON, not outreport's dataset), keeps the
calls that started inside each period and computes the KPIs with plain
Python by Salesfinity's own definitions (connected: a human answered and
the disposition's category is positive, neutral or negative; conversation:
connected and a meeting or 60 s or more; meeting: disposition 1), then
compares them with the numbers outreport put in manifest.json and in the
per-rep CSV.

usage: check_headline.py RECORDING_DIR MANIFEST REPS_CSV
Exits non-zero with a message on the first difference.
"""
import csv
import json
import os
import sys
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit


def epoch(iso):
    return int(datetime.fromisoformat(iso).timestamp())


def categories(recording):
    """Disposition id -> category, from the recorded GET /v1/dispositions."""
    for name in os.listdir(recording):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(recording, name)) as f:
            meta = json.load(f)
        if urlsplit(meta["path_query"]).path == "/v1/dispositions":
            with open(os.path.join(recording, name[:-5] + ".body"), "rb") as f:
                return {d["id"]: d["category"] for d in json.load(f)["data"]}
    fail("no recorded disposition list")


def calls_for(recording, start_filter):
    """Every call of the call-log pages recorded with this start_date filter."""
    calls = {}
    for name in os.listdir(recording):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(recording, name)) as f:
            meta = json.load(f)
        url = urlsplit(meta["path_query"])
        if url.path != "/v1/call-log":
            continue
        q = parse_qs(url.query)
        if q.get("filters[start_date]", [None])[0] != start_filter:
            continue
        with open(os.path.join(recording, name[:-5] + ".body"), "rb") as f:
            # raw control characters inside strings, as the vendor sends them
            page = json.loads(f.read().decode("utf-8"), strict=False)
        for call in page["data"]:
            calls[call["_id"]] = call
    return list(calls.values())


def started(call):
    s = call.get("started_at")
    if not isinstance(s, str) or not s:
        return None
    return int(datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp())


def num(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def disposition(call):
    d = call.get("disposition")
    return d.get("internal_id") if isinstance(d, dict) else None


def kpis(calls, start, end, cats):
    inside = [c for c in calls if started(c) is not None and start <= started(c) < end]
    answered = [c for c in inside if c.get("answered_by") == "human"
                and cats.get(disposition(c)) in ("positive", "neutral", "negative")]
    meet = [c for c in inside if disposition(c) == 1]
    conv = [c for c in answered if disposition(c) == 1 or (num(c.get("duration")) or 0) >= 60]
    talk = sum(round(num(c.get("duration"))) for c in inside if num(c.get("duration")) is not None)
    return {
        "Calls": len(inside),
        "Connected": len(answered),
        "Connect rate": len(answered) / len(inside) if inside else None,
        "Conversations": len(conv),
        "Meetings set": len(meet),
        "Talk time": talk,
    }, inside


def fail(msg):
    print("check_headline: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    recording, manifest_path, reps_csv = sys.argv[1:4]
    with open(manifest_path) as f:
        manifest = json.load(f)
    cur, prev = manifest["period"], manifest["previous_period"]
    start, end = epoch(cur["start"]), epoch(cur["end"])
    pstart, pend = epoch(prev["start"]), epoch(prev["end"])
    fmt = lambda t: datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    now_calls = calls_for(recording, fmt(start))
    prev_calls = calls_for(recording, fmt(pstart))
    if not now_calls or not prev_calls:
        fail("no recorded call-log pages for the periods")
    cats = categories(recording)
    want, inside = kpis(now_calls, start, end, cats)
    want_prev, _ = kpis(prev_calls, pstart, pend, cats)
    headline = next(s for s in manifest["sections"] if s["id"] == "headline")
    for k in headline["kpis"]:
        label = k["label"]
        for got, exp, which in ((k["value"], want[label], "value"), (k["previous"], want_prev[label], "previous")):
            if exp is None or got is None or abs(got - exp) > 1e-9 * max(1, abs(exp)):
                fail(f"KPI {label} {which}: outreport says {got}, the raw pages say {exp}")
    # Per rep: calls and meetings, keyed by lower-cased e-mail.
    per_rep = {}
    for c in inside:
        email = (c.get("user") or {}).get("email") if isinstance(c.get("user"), dict) else None
        key = email.lower() if isinstance(email, str) and email else ""
        calls, meetings = per_rep.get(key, (0, 0))
        m = isinstance(c.get("disposition"), dict) and c["disposition"].get("internal_id") == 1
        per_rep[key] = (calls + 1, meetings + (1 if m else 0))
    with open(reps_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["rep_email"]: (int(r["calls"]), int(r["meetings"])) for r in rows}
    if got != per_rep:
        fail(f"per-rep calls/meetings differ:\n outreport {sorted(got.items())}\n raw      {sorted(per_rep.items())}")
    print(f"ok: {want['Calls']} calls, {want['Meetings set']} meetings, {len(per_rep)} reps")


if __name__ == "__main__":
    main()

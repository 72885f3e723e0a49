# SPDX-License-Identifier: MIT
"""The store's stages of bench/run (imported by it; see bench/README.md).

  trend, cold   outreport run bench/trend-12w.json (twelve weeks of calls) on an empty store
  trend, warm   the same on a store already holding the first eleven of the twelve weeks
  sync          outreport sync of one week of calls into an empty SQLite store, and into
                an empty database of a throwaway PostgreSQL server (initdb on a free
                loopback port, stopped afterwards)

Targets (issue 16): the warm trend makes at most 1/10 of the cold one's requests and takes
at most 1/5 of its time.  Results go between their own markers in bench/results.md.
"""

import glob
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile

BEGIN = "<!-- BEGIN bench/run store: generated, do not edit by hand -->"
END = "<!-- END bench/run store -->"
TREND_START, TREND_DAYS = "2026-08-31", 84  # twelve weeks, Monday to Sunday
TREND_PERIOD = "2026-11-16..2026-11-22"  # the report's week: the twelfth
TREND_NOW = "2026-11-23T12:00:00Z"
WARM_FROM, WARM_TO = "2026-08-31", "2026-11-15"  # the first eleven weeks
LATER = "2026-12-31T12:00:00Z"  # every day of the benchmark settled


def requests_of(stdout):
    """Requests of every source in a --json summary (jobs[].manifest.sources[])."""
    try:
        doc = json.loads(stdout)
    except ValueError:
        return None
    return sum(s.get("requests", 0) for job in doc.get("jobs", [])
               for s in job.get("manifest", {}).get("sources", []))


def log_lines(path):
    """Lines of the mock server's request log (--log): one per request it answered."""
    try:
        with open(path) as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


def median_runs(h, label, n, cmd, env, work, server, before, request_log=None):
    """n runs; "requests" counts what the server received (its --log: lookups
    included) when request_log is given, else what the sources say (--json)."""
    runs = []
    for i in range(n):
        before()
        h.wait_idle(h.IDLE["limit"])
        seen = log_lines(request_log) if request_log else 0
        m = h.timed(cmd, env, work, server)
        if m["rc"] != 0:
            last = m["stderr"].splitlines()[-1] if m["stderr"] else ""
            h.log(f"{label}: exit {m['rc']}: {last}")
            return {"failed": f"exit {m['rc']}: {last}"}
        m["requests_sources"] = requests_of(m["stdout"])
        m["requests"] = (log_lines(request_log) - seen if request_log
                         else m["requests_sources"])
        runs.append(m)
        h.log(f"{label} run {i + 1}/{n}: {m['wall']:.2f} s, {m['requests']} requests "
              f"({m['requests_sources']} by the sources' counts)")
    return {"runs": n, "wall": statistics.median(r["wall"] for r in runs),
            "wall_min": min(r["wall"] for r in runs), "wall_max": max(r["wall"] for r in runs),
            "rss_mb": statistics.median(r["rss_mb"] for r in runs),
            "requests": statistics.median(r["requests"] or 0 for r in runs),
            "requests_sources": statistics.median(r["requests_sources"] or 0 for r in runs)}


def base_env(h, work):
    env = dict(os.environ)
    for k in ("OUTREPORT_CONFIG", "OUTREPORT_PLUGIN_PATH", "OUTREPORT_TEMPLATE_PATH",
              "OUTREPORT_STORE"):
        env.pop(k, None)
    env["SALESFINITY_API_KEY"] = h.API_KEY
    env["LC_ALL"] = "C.UTF-8"
    env["OUTREPORT_NO_CACHE"] = "1"
    env["XDG_CACHE_HOME"] = os.path.join(work, "xdg-cache")
    env["XDG_DATA_HOME"] = os.path.join(work, "xdg-data")
    return env


def write_conf(path, port):
    with open(path, "w") as f:
        f.write("[report]\ntimezone = UTC\nweek_start = monday\n"
                f"[salesfinity]\nbase_url = http://127.0.0.1:{port}\n"
                "api_key_env = SALESFINITY_API_KEY\n")


def trend(h, exe, mock, calls, reps, work):
    """Cold and warm twelve-week trend report on SQLite."""
    d = os.path.join(work, "trend")
    os.makedirs(d)
    request_log = os.path.join(d, "requests.log")
    server = h.Server(mock, calls, d, TREND_START, TREND_DAYS, ["--log", request_log])
    conf = os.path.join(d, "outreport.conf")
    write_conf(conf, server.port)
    env = base_env(h, d)
    store = os.path.join(d, "store.sqlite")
    warm_base = os.path.join(d, "warm.sqlite")
    tpl = os.path.join(h.BENCH_DIR, "trend-12w.json")
    run = [exe, "--config", conf, "-q", "run", tpl, "--period", TREND_PERIOD, "--format", "csv",
           "--out", os.path.join(d, "out"), "--store", "sqlite:" + store, "--json"]

    def empty():
        for f in glob.glob(store + "*"):
            os.remove(f)

    def warm():
        empty()
        shutil.copy(warm_base, store)

    res = {"calls": calls}
    try:
        h.log(f"trend: {calls} calls over twelve weeks; the warm store (eleven weeks)")
        sync_env = dict(env, OUTREPORT_NOW=LATER)
        m = h.timed([exe, "--config", conf, "-q", "sync", h.SOURCE, "--from", WARM_FROM, "--to",
                     WARM_TO, "--store", "sqlite:" + warm_base], sync_env, d, server)
        if m["rc"] != 0:
            return {"failed": m["stderr"][-300:]}
        env["OUTREPORT_NOW"] = TREND_NOW
        res["cold"] = median_runs(h, "trend, cold", reps, run, env, d, server, empty, request_log)
        res["warm"] = median_runs(h, "trend, warm", reps, run, env, d, server, warm, request_log)
    finally:
        server.stop()
    return res


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    """A throwaway cluster, as tests/pgtest.c makes it (as the postgres user when root)."""

    def __init__(self, work, cleanup):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise RuntimeError("no PostgreSQL (apt-get install postgresql)")
        self.bin = os.path.dirname(found[-1])
        # Its own folder under /tmp: the work folder is private to root (0700), and
        # initdb runs as the postgres user when we are root.
        self.dir = tempfile.mkdtemp(prefix="outreport-bench-pg-")
        self.root = os.geteuid() == 0
        if self.root:
            shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        self.cmd("initdb", "-D", self.dir + "/data", "-A", "trust", "-U", "postgres", "--no-sync",
                 "-E", "UTF8")
        self.cmd("pg_ctl", "-D", self.dir + "/data", "-l", self.dir + "/server.log", "-w", "-o",
                 f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1", "start")
        cleanup.append(self.stop)

    def cmd(self, prog, *args):
        pre = ["runuser", "-u", "postgres", "--"] if self.root else []
        subprocess.run(pre + [os.path.join(self.bin, prog)] + list(args), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def fresh_db(self, name):
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U",
                            "postgres", "-d", "postgres", "-c", sql], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self):
        if self.dir:
            self.cmd("pg_ctl", "-D", self.dir + "/data", "-m", "fast", "-w", "stop")
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


def sync(h, exe, mock, calls, reps, work, cleanup):
    """One week of calls synced into an empty SQLite store and PostgreSQL database."""
    d = os.path.join(work, "sync")
    os.makedirs(d)
    server = h.Server(mock, calls, d, h.START, h.DAYS)
    conf = os.path.join(d, "outreport.conf")
    write_conf(conf, server.port)
    env = dict(base_env(h, d), OUTREPORT_NOW=LATER)
    store = os.path.join(d, "store.sqlite")
    res = {"calls": calls}

    def empty():
        for f in glob.glob(store + "*"):
            os.remove(f)

    try:
        cmd = [exe, "--config", conf, "-q", "sync", h.SOURCE, "--period", h.PERIOD, "--json"]
        h.log(f"sync: {calls} calls, warm-up (the server builds its call set)")
        h.timed(cmd + ["--store", "sqlite:" + store], env, d, server)
        res["sqlite"] = median_runs(h, "sync -> SQLite", reps, cmd + ["--store", "sqlite:" + store],
                                    env, d, server, empty)
        try:
            pg = Postgres(work, cleanup)
            url = pg.fresh_db("bench")
            res["postgresql"] = median_runs(h, "sync -> PostgreSQL", reps,
                                            cmd + ["--store", url], env, d, server,
                                            lambda: pg.fresh_db("bench"))
            pg.stop()
        except (RuntimeError, subprocess.CalledProcessError) as e:
            res["postgresql"] = {"failed": str(e)}
    finally:
        server.stop()
    return res


def section(res, command, started, info):
    t, s = res["trend"], res["sync"]
    lines = [BEGIN, "## Store: trends and sync", "",
             f"- date: {started.strftime('%Y-%m-%d %H:%M %Z').strip()}; machine: "
             f"{info['nproc']} CPUs, {info['cpu']}; build `{info['build']}` "
             f"({info['buildtype']}), outreport at {info['git']}",
             f"- command: `{command}`", ""]
    if "failed" in t:
        lines.append(f"Trend: failed: {t['failed']}")
    else:
        c, w = t["cold"], t["warm"]
        lines += ["| twelve-week trend report, " + f"{t['calls']:,} calls" +
                  " | requests (server) | requests (`--json`) | wall (median, min–max) | RSS |",
                  "|---|---:|---:|---:|---:|"]
        for name, r in (("cold: empty store", c), ("warm: store holds weeks 1–11", w)):
            if "failed" in r:
                lines.append(f"| {name} | failed: {r['failed']} | | | |")
            else:
                lines.append(f"| {name} (×{r['runs']}) | {r['requests']:.0f} | "
                             f"{r['requests_sources']:.0f} | {r['wall']:.2f} s "
                             f"({r['wall_min']:.2f}–{r['wall_max']:.2f}) | {r['rss_mb']:.0f} MB |")
        if "failed" not in c and "failed" not in w and c["requests"] and c["wall"]:
            rq, tm = w["requests"] / c["requests"], w["wall"] / c["wall"]
            lines += ["", f"Warm / cold: requests {rq:.3f} (target ≤ 0.100: "
                      f"{'holds' if rq <= 0.1 else 'missed'}), time {tm:.3f} (target ≤ 0.200: "
                      f"{'holds' if tm <= 0.2 else 'missed'})."]
    lines += ["", f"| sync of {s['calls']:,} calls (one week) into | wall (median, min–max) | "
              "rows/s | RSS |", "|---|---:|---:|---:|"]
    for name in ("sqlite", "postgresql"):
        r = s.get(name, {"failed": "not run"})
        label = "SQLite (empty file)" if name == "sqlite" else "PostgreSQL 15 (empty database)"
        if "failed" in r:
            lines.append(f"| {label} | failed: {r['failed']} | | |")
        else:
            lines.append(f"| {label} (×{r['runs']}) | {r['wall']:.2f} s ({r['wall_min']:.2f}–"
                         f"{r['wall_max']:.2f}) | {s['calls'] / r['wall']:,.0f} | "
                         f"{r['rss_mb']:.0f} MB |")
    lines += ["", "The trend runs `bench/trend-12w.json` (one source with `\"period\": "
              "\"last-12-weeks\"`) for the week " + TREND_PERIOD + "; the warm store was filled "
              "by `outreport sync` of the first eleven weeks, long after they ended (settled), "
              "so the warm run requests only the twelfth week. Requests are what the mock server "
              "received (its `--log`), the account's disposition list included: a lookup every "
              "run that reads calls fetches (one request, also when the store holds the "
              "calls); the sources' count is the `requests` of `--json`, which counts the "
              "lookup too. A sync's rows/s counts the "
              "whole command: fetching and parsing the pages from the mock server, and "
              "storing them (SQLite: upserts in one transaction per week; PostgreSQL: COPY "
              "into a staging table, then one upsert).", END]
    return "\n".join(lines)


def run_all(h, exe, mock, args, work, command, started, info):
    quick = args.quick
    trend_calls = 21_000 if quick else 84_000
    sync_calls = 100_000 if quick else 1_000_000
    reps = 2 if quick else 3
    cleanup = []
    try:
        res = {"trend": trend(h, exe, mock, trend_calls, reps, work),
               "sync": sync(h, exe, mock, sync_calls, 1 if quick else 3, work, cleanup)}
    finally:
        for f in cleanup:
            try:
                f()
            except Exception:  # noqa: BLE001 - best effort on the way out
                pass
    text = section(res, command, started, info)
    h.write_section(args.out, text, BEGIN, END)
    return text

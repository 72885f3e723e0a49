# SPDX-License-Identifier: MIT
"""The weekly-manager PDF stage of bench/run (imported by it; see bench/README.md).

Issue 17: "a 12-rep weekly-manager PDF in any locale and script renders within 10 % of
today's time". The shipped template `weekly-manager`, to PDF alone, from the samples'
recording (the offline demo's team of twelve reps, the week 2026-11-16..2026-11-22):

  outreport --config samples/outreport.conf run weekly-manager --replay samples/recording
      --period 2026-11-16..2026-11-22 --format pdf --out DIR [--locale TAG]

in four variants:

  neutral   no --locale: the demo's command, outreport's neutral style
  en-US     --locale en-US
  de-DE     --locale de-DE
  scripts   --locale en-US, from a copy of the recording (in the work folder) in which the
            five reps with the most calls are named in Hangul, Arabic, Hebrew, Devanagari
            and Thai (the names of tests/test_pdf_scripts.c); every other byte as recorded

One run per variant comes first (not measured): it must exit 0, and pdftotext must find
the five reps' names in the PDF (the renamed ones in `scripts`). The HTTP cache and the
store are off; every run replays, so no server and no network.

With --baseline BUILD every run of this build is paired with a run of BUILD's outreport,
interleaved (A B, B A, A B, ...: neither build always goes first), and the medians of the
per-pair ratios this / baseline of CPU and wall time are reported against the issue's
1.10. BUILD uses its own plugins and its own shipped template (a build tree reads its
source tree's templates/) on this tree's samples; a build without --locale runs every
variant without it (before issue 17 there was one style) and the table says so.
"""

import collections
import json
import os
import re
import shutil
import statistics
import subprocess

BEGIN = "<!-- BEGIN bench/run weekly-manager: generated, do not edit by hand -->"
END = "<!-- END bench/run weekly-manager -->"
PERIOD = "2026-11-16..2026-11-22"
LIMIT = 1.10  # issue 17: within 10 % of before
SCRIPT_NAMES = (("Hangul", "김민준"), ("Arabic", "محمد العلي"), ("Hebrew", "דוד כהן"),
                ("Devanagari", "अर्जुन शर्मा"), ("Thai", "สมชาย ใจดี"))
# key, label, --locale, renamed reps
VARIANTS = (("neutral", "no --locale", None, False),
            ("en-US", "--locale en-US", "en-US", False),
            ("de-DE", "--locale de-DE", "de-DE", False),
            ("scripts", "five reps in five scripts, --locale en-US", "en-US", True))
# A Salesfinity user (call-log "user", sdr-performance rows): contacts carry no _id.
REP = re.compile(rb'"_id":"[0-9a-f]{24}","first_name":"((?:[^"\\]|\\.)*)",'
                 rb'"last_name":"((?:[^"\\]|\\.)*)"')


def read_bodies(src):
    """The response bodies of a recording: {file name: bytes}."""
    bodies = {}
    for f in sorted(os.listdir(src)):
        if f.endswith(".body"):
            with open(os.path.join(src, f), "rb") as fh:
                bodies[f] = fh.read()
    return bodies


def top_reps(bodies, n):
    """The n reps with the most user records in the recording's bodies, as (first, last)."""
    counts = collections.Counter()
    for data in bodies.values():
        counts.update(m.groups() for m in REP.finditer(data))
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def script_recording(src, dst):
    """Copies the recording src to dst with the five busiest reps renamed into the five
    scripts: their Salesfinity first/last names and Saleshandy's "First Last" (sequence
    owners). Request files and file names stay as they are, so replay finds every page.
    Returns [(script, old name, new name, fields replaced)]."""
    bodies = read_bodies(src)
    reps = top_reps(bodies, len(SCRIPT_NAMES))
    if len(reps) < len(SCRIPT_NAMES):
        raise RuntimeError(f"{src}: {len(reps)} reps found, {len(SCRIPT_NAMES)} needed")
    subs, renamed = [], []
    for (first, last), (script, name) in zip(reps, SCRIPT_NAMES):
        new_first, _, new_last = name.encode().partition(b" ")
        subs.append(((b'"first_name":"%s","last_name":"%s"' % (first, last),
                      b'"first_name":"%s","last_name":"%s"' % (new_first, new_last)),
                     (b'"%s %s"' % (first, last), b'"%s"' % name.encode())))
        renamed.append([script, (first + b" " + last).decode(), name, 0])
    os.makedirs(dst)
    for f in sorted(os.listdir(src)):
        if f in bodies:
            data = bodies[f]
            for i, forms in enumerate(subs):
                for old, new in forms:
                    renamed[i][3] += data.count(old)
                    data = data.replace(old, new)
            with open(os.path.join(dst, f), "wb") as fh:
                fh.write(data)
        else:
            shutil.copyfile(os.path.join(src, f), os.path.join(dst, f))
    return [tuple(r) for r in renamed]


def latin_names(src):
    """The five busiest reps' names as the PDF shows them (checked in the other variants)."""
    return [(first + b" " + last).decode() for first, last in top_reps(read_bodies(src), 5)]


def pdf_text(path):
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None


def knows_locale(exe, env):
    r = subprocess.run([exe, "run", "--help"], capture_output=True, text=True, env=env)
    return "--locale" in r.stdout + r.stderr


def base_env(h, work):
    """The harness's environment: no HTTP cache, no store, private XDG folders."""
    env = dict(os.environ)
    for k in ("OUTREPORT_CONFIG", "OUTREPORT_PLUGIN_PATH", "OUTREPORT_TEMPLATE_PATH"):
        env.pop(k, None)
    h.no_cache(env, work)
    env.update(LC_ALL="C.UTF-8", XDG_DATA_HOME=os.path.join(work, "xdg-data"))
    return env


def build_info(h, build):
    """('`DIR` (buildtype), outreport at HASH', buildtype) of a build folder."""
    try:
        with open(os.path.join(build, "meson-info", "meson-info.json")) as f:
            src = json.load(f)["directories"]["source"]
        head = subprocess.run(["git", "-C", src, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10).stdout.strip() or "?"
    except (OSError, ValueError, KeyError, subprocess.SubprocessError):
        head = "?"
    kind = h.build_type(build)
    return f"`{build}` ({kind}), outreport at {head}", kind


class Variant:
    """One variant's command for one binary, and its check."""

    def __init__(self, h, exe, locale, recording, out, names, use_locale=True):
        self.out, self.names = out, names
        conf = os.path.join(h.SOURCE_ROOT, "samples", "outreport.conf")
        self.cmd = [exe, "--config", conf, "-q", "run", "weekly-manager", "--replay", recording,
                    "--period", PERIOD, "--format", "pdf", "--out", out]
        if locale and use_locale:
            self.cmd += ["--locale", locale]

    def clear(self):
        shutil.rmtree(self.out, ignore_errors=True)

    def check(self, h, env, work):
        """The unmeasured first run. Returns (the failure: exit status, no PDF; or None),
        (the names pdftotext does not find, or None) and facts about the document."""
        self.clear()
        m = h.timed(self.cmd, env, work)
        if m["rc"] != 0:
            last = m["stderr"].splitlines()[-1] if m["stderr"] else ""
            return f"exit {m['rc']}: {last}", None, {}
        pdf = os.path.join(self.out, "weekly-manager.pdf")
        if not os.path.exists(pdf):
            return "exit 0 without weekly-manager.pdf", None, {}
        facts = {"pdf_kb": os.path.getsize(pdf) / 1024}
        try:
            with open(os.path.join(self.out, "manifest.json")) as f:
                facts["calls"] = next(s["rows"] for s in json.load(f)["sources"]
                                      if s["alias"] == "calls")
        except (OSError, ValueError, KeyError, StopIteration):
            pass
        if not shutil.which("pdftotext"):
            facts["names"] = "names not checked: no pdftotext"
            return None, None, facts
        text = pdf_text(pdf) or ""
        missing = [n for n in self.names if n not in text]
        facts["names"] = (f"pdftotext finds {len(self.names) - len(missing)} of "
                          f"{len(self.names)} names")
        return None, ("pdftotext does not find " + ", ".join(missing)) if missing else None, facts


def ratio_stats(xs):
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs)}


def pairs(h, label, n, a, b, env, work):
    """n interleaved pairs of runs of a (this build) and b (the baseline)."""
    ra, rb = [], []
    for i in range(n):
        for which in ((a, b) if i % 2 == 0 else (b, a)):
            which.clear()
            h.wait_idle(h.IDLE["limit"])
            m = h.timed(which.cmd, env, work)
            if m["rc"] != 0:
                last = m["stderr"].splitlines()[-1] if m["stderr"] else ""
                name = "this build" if which is a else "baseline"
                h.log(f"{label}: {name}: exit {m['rc']}: {last}")
                return {"failed": f"{name}: exit {m['rc']}: {last}"}
            (ra if which is a else rb).append(m)
        h.log(f"{label} pair {i + 1}/{n}: this {ra[-1]['wall']:.2f} s wall, {ra[-1]['cpu']:.2f}"
              f" s CPU; baseline {rb[-1]['wall']:.2f} s, {rb[-1]['cpu']:.2f} s")
    out = {"runs": n}
    for key, runs in (("this", ra), ("base", rb)):
        walls = [r["wall"] for r in runs]
        out[key] = {"runs": n, "wall": statistics.median(walls), "wall_min": min(walls),
                    "wall_max": max(walls), "cpu": statistics.median(r["cpu"] for r in runs),
                    "rss_mb": statistics.median(r["rss_mb"] for r in runs),
                    "others": statistics.median(r["others"] for r in runs)}
    for q in ("wall", "cpu"):
        out[q + "_ratio"] = ratio_stats([x[q] / max(y[q], 1e-6) for x, y in zip(ra, rb)])
    out["others"] = statistics.median(r["others"] for r in ra + rb)
    return out


def measure(h, exe, args, work):
    """Every variant on this build, and paired with --baseline's when given."""
    d = os.path.join(work, "weekly-manager")
    os.makedirs(d)
    env = base_env(h, d)
    samples = os.path.join(h.SOURCE_ROOT, "samples", "recording")
    res = {"variants": []}
    scripts_rec = os.path.join(d, "recording-scripts")
    res["renamed"] = script_recording(samples, scripts_rec)
    latin = latin_names(samples)
    base_exe = None
    if args.baseline:
        base_exe = os.path.join(args.baseline, "src", "outreport")
        res["baseline"], base_type = build_info(h, args.baseline)
        res["base_locale"] = knows_locale(base_exe, env)
        if base_type != h.build_type(args.build):
            h.log(f"warning: baseline is a {base_type} build, this one {h.build_type(args.build)}")
    for key, label, locale, scripts in VARIANTS:
        rec = scripts_rec if scripts else samples
        names = [n for _, n in SCRIPT_NAMES] if scripts else latin
        a = Variant(h, exe, locale, rec, os.path.join(d, "out-" + key), names)
        v = {"key": key, "label": label}
        res["variants"].append(v)
        err, missing, v["facts"] = a.check(h, env, d)
        if err or missing:
            h.log(f"weekly-manager {key}: {err or missing}")
            v["failed"] = err or missing
            continue
        h.log(f"weekly-manager {key}: checked ({v['facts'].get('names', '')})")
        if base_exe is None:
            v["this"] = h.repeat(f"weekly-manager {key}", args.repeat, a.cmd, env, d,
                                 before=a.clear)
            continue
        b = Variant(h, base_exe, locale, rec, os.path.join(d, "base-" + key), names,
                    res["base_locale"])
        err, v["base_names"], _ = b.check(h, env, d)
        if err:
            h.log(f"weekly-manager {key}, baseline: {err}")
            v["failed"] = "baseline: " + err
            continue
        v.update(pairs(h, f"weekly-manager {key}", args.repeat, a, b, env, d))
    shutil.rmtree(d, ignore_errors=True)
    return res


def fmt_run(r):
    spread = f" ({r['wall_min']:.2f}–{r['wall_max']:.2f})" if r["runs"] > 1 else ""
    return f"{r['wall']:.2f}{spread} | {r['cpu']:.2f} | {r['rss_mb']:.0f}"


def fmt_ratio(r):
    return f"{r['median']:.3f} ({r['min']:.2f}–{r['max']:.2f})"


def section(res, command, started, info):
    calls = next((v["facts"].get("calls") for v in res["variants"]
                  if v.get("facts", {}).get("calls")), None)
    lines = [BEGIN, "## Issue 17: the 12-rep weekly-manager PDF", "",
             f"- date: {started.strftime('%Y-%m-%d %H:%M %Z').strip()}; machine: "
             f"{info['nproc']} CPUs, {info['cpu']}; load average {info['load']} at start",
             f"- build `{info['build']}` ({info['buildtype']}), outreport at {info['git']}",
             f"- command: `{command}`"]
    base = "baseline" in res
    if base:
        lines.append(f"- baseline: {res['baseline']}" +
                     ("" if res["base_locale"] else "; it has no --locale, so its runs of every "
                      "variant are without one (its only style)"))
    lines.append("")
    head = (f"weekly-manager → PDF, {PERIOD}" + (f", {calls:,} calls" if calls else ""))
    if base:
        lines += [f"| {head} | wall s, this (min–max) | CPU s | RSS MB | wall s, baseline "
                  "(min–max) | CPU s | RSS MB | CPU this/baseline, median of pairs (min–max) | "
                  "wall this/baseline | ≤ 1.10 | others' load (cores) |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    else:
        lines += [f"| {head} | wall s (min–max) | CPU s (user+sys) | peak RSS MB | PDF KB | "
                  "others' load (cores) |", "|---|---:|---:|---:|---:|---:|"]
    for v in res["variants"]:
        name = f"{v['key']}: {v['label']}"
        if "failed" in v:
            lines.append(f"| {name} | failed: {v['failed']} |" + " |" * (9 if base else 4))
        elif base:
            worst = max(v["cpu_ratio"]["median"], v["wall_ratio"]["median"])
            lines.append(f"| {name} (×{v['runs']} pairs) | {fmt_run(v['this'])} | "
                         f"{fmt_run(v['base'])} | {fmt_ratio(v['cpu_ratio'])} | "
                         f"{fmt_ratio(v['wall_ratio'])} | "
                         f"{'holds' if worst <= LIMIT else 'missed'} | {v['others']:.1f} |")
        else:
            t = v["this"]
            if "failed" in t:
                lines.append(f"| {name} | failed: {t['failed']} | | | | |")
                continue
            lines.append(f"| {name} (×{t['runs']}) | {fmt_run(t)} | {v['facts']['pdf_kb']:,.0f} | "
                         f"{t['others']:.1f} |")
    renamed = "; ".join(f"{old} → {new} ({script}, {n} fields)"
                        for script, old, new, n in res["renamed"])
    lines += ["", "The shipped `weekly-manager` template to PDF alone, from `samples/recording` "
              "(`--replay`: no server, no network; HTTP cache and store off), `--config "
              "samples/outreport.conf`. `scripts` replays a copy of the recording with five reps "
              f"renamed: {renamed}. Before the runs one unmeasured run per variant checked exit 0 "
              "and found the five reps' names in the PDF with pdftotext. Wall, CPU and RSS are "
              "medians (wall also min–max)."]
    if base:
        lines[-1] += (" With a baseline, each run of this build is paired with one of the "
                      "baseline, alternating which goes first; a ratio column is the median of "
                      "the pairs' ratios, and ≤ 1.10 holds when both medians do.")
        notes = [f"- baseline, {v['key']}: {v['base_names']}" for v in res["variants"]
                 if v.get("base_names")]  # a build before shaping prints boxes: not a failure
        lines += [""] + notes if notes else []
    lines.append(END)
    return "\n".join(lines)


def run_all(h, exe, args, work, command, started, info):
    """Measures, writes the section between its markers in args.out, returns the section."""
    res = measure(h, exe, args, work)
    text = section(res, command, started, info)
    h.write_section(args.out, text, BEGIN, END)
    return text

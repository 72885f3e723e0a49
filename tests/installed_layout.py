#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`meson install` lays out everything a user needs, and the installed binary
looks only in its installed folders.

Installs this build with `meson install --destdir` into a temporary folder and
checks: the binary, plugins, templates, the sample recording and its config,
outreport(1) and outreport-templates(5), the bash completion, README and every
docs/*.md and docs/*.json (the schema of --json), the example config (complete:
every key the core and the plugins know) and the cron example, the systemd
units. Then runs the *installed* binary: with no plugin folder it says where
it looked and exits 1; it never finds the source tree's templates; given the
installed templates and plugins, it runs the demo on the installed sample
recording.

Usage: installed_layout.py SOURCE_ROOT BUILD_ROOT
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(argv, env, expect=0):
    r = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    if expect is not None and r.returncode != expect:
        fail("%s exited %d (want %d)\nstdout:\n%s\nstderr:\n%s"
             % (" ".join(argv), r.returncode, expect, r.stdout, r.stderr))
    return r


def one(dest, pattern):
    found = glob.glob(os.path.join(dest, pattern), recursive=True)
    if len(found) != 1:
        fail("%s: %d installed files match (want 1)" % (pattern, len(found)))
    return found[0]


def core_keys(src):
    text = open(os.path.join(src, "src", "base", "config_check.c"), encoding="utf-8").read()
    keys = {}
    for m in re.finditer(r"(\w+)_keys\[\] = \{(.*?)\};", text, re.S):
        keys[m.group(1)] = re.findall(r'"(\w+)"', m.group(2))
    return keys


def example_keys(path):
    section, keys = None, set()
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\[(\w+)\]", line)
        if m:
            section = m.group(1)
        m = re.match(r";(\w+) = ", line)
        if m and section:
            keys.add((section, m.group(1)))
    return keys


def main():
    src, build = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="outreport-install-")
    try:
        dest = os.path.join(tmp, "dest")
        run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest],
            dict(os.environ))
        exe = one(dest, "**/bin/outreport")
        plugins = os.path.dirname(one(dest, "**/outreport/plugins/provider_salesfinity.so"))
        templates = os.path.dirname(one(dest, "**/share/outreport/templates/weekly-manager.json"))
        samples = os.path.dirname(one(dest, "**/share/outreport/samples/outreport.conf"))
        recording = os.path.join(samples, "recording")
        if len(os.listdir(recording)) != len(os.listdir(os.path.join(src, "samples", "recording"))):
            fail("the sample recording is not installed whole")
        one(dest, "**/man1/outreport.1")
        one(dest, "**/man5/outreport-templates.5")
        one(dest, "**/bash-completion/completions/outreport")
        doc = os.path.dirname(one(dest, "**/doc/outreport/README.md"))
        for md in glob.glob(os.path.join(src, "docs", "*.md")) + \
                glob.glob(os.path.join(src, "docs", "*.json")):
            if not os.path.exists(os.path.join(doc, os.path.basename(md))):
                fail("docs/%s is not installed (meson.build install_data)" % os.path.basename(md))
        example = one(dest, "**/doc/outreport/examples/outreport.conf")
        one(dest, "**/doc/outreport/examples/outreport.cron")
        unit = one(dest, "**/systemd/system/outreport@.service")
        one(dest, "**/systemd/system/outreport@.timer")
        if "ExecStart=" + exe[len(dest):] + " " not in open(unit, encoding="utf-8").read():
            fail("outreport@.service does not run the installed binary " + exe[len(dest):])

        env = dict(os.environ)
        for var in ("OUTREPORT_PLUGIN_PATH", "OUTREPORT_TEMPLATE_PATH", "OUTREPORT_CONFIG"):
            env.pop(var, None)
        # No plugin folder: it says so, and where it looked, and fails.
        installed_plugins = plugins[len(dest):]
        if not os.path.isdir(installed_plugins):
            r = run([exe, "plugins"], env, expect=1)
            if "no plugins found in " + installed_plugins not in r.stderr:
                fail("without plugins: " + r.stderr)
        # Never the source tree's templates, though this build has them.
        common = [exe, "--plugin-dir", plugins]
        installed_templates = templates[len(dest):]
        if not os.path.exists(os.path.join(installed_templates, "weekly-manager.json")):
            r = run(common + ["validate", "weekly-manager"], env, expect=2)
            if installed_templates not in r.stderr or src in r.stderr:
                fail("template search of the installed binary: " + r.stderr)
        env["OUTREPORT_TEMPLATE_PATH"] = templates
        run(common + ["validate", "weekly-manager"], env)

        # The example config is valid and names every key there is.
        run(common + ["--config", example, "config", "--show"], env)
        have = example_keys(example)
        want = {(s, k) for s, ks in core_keys(src).items() for k in ks}
        listed = json.loads(run(common + ["plugins", "--json"], env).stdout)
        for p in listed["plugins"]:
            want |= {(p["name"], k["name"]) for k in p.get("config", [])}
        missing = sorted("[%s] %s" % sk for sk in want - have)
        if missing:
            fail("the example config lacks " + ", ".join(missing))

        # The demo, from installed files only.
        out = os.path.join(tmp, "out")
        run(common + ["--config", os.path.join(samples, "outreport.conf"), "run",
                      "weekly-manager", "--replay", recording, "--period",
                      "2026-11-16..2026-11-22", "--format", "csv", "--out", out], env)
        if not os.path.exists(os.path.join(out, "manifest.json")):
            fail("the demo wrote no manifest.json")
        print("ok: installed layout complete; the installed binary keeps to it")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

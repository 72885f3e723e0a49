#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A third party needs nothing but the installed SDK to write a plugin.

Installs the build tree with `meson install --destdir` into a temporary
folder, builds examples/plugin out of tree with its Makefile against the
installed outreport-plugin.pc (PKG_CONFIG_SYSROOT_DIR points pkg-config at
the staged install), and runs the *installed* binary with the installed
plugins plus the example: `plugins` lists it with its config key, `fetch`
reads a to-do list from a loopback HTTP server into a CSV, and a misspelt key
of its section stops the binary before any request.

Usage: plugin_sdk.py SOURCE_ROOT BUILD_ROOT
"""
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

TODOS = [
    {"id": 1, "title": "Call Ann about the renewal", "done": False, "due": "2026-11-20"},
    {"id": 2, "title": "Send the Q4 deck", "done": True, "due": "2026-11-18"},
    {"id": 3, "title": "Überprüfen, ob \"Zoë\" zurückrief", "done": False},
]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(argv, env=None, cwd=None, expect=0):
    r = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)
    if expect is not None and r.returncode != expect:
        fail("%s exited %d (want %d)\nstdout:\n%s\nstderr:\n%s"
             % (" ".join(argv), r.returncode, expect, r.stdout, r.stderr))
    return r


def find(root, name):
    for d, _, files in os.walk(root):
        if name in files:
            return os.path.join(d, name)
    fail("%s not installed under %s" % (name, root))


class Quiet(http.server.SimpleHTTPRequestHandler):
    requests = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        Quiet.requests += 1
        super().do_GET()


def main():
    src, build = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="outreport-sdk-")
    try:
        dest = os.path.join(tmp, "dest")
        run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest])
        pc = find(dest, "outreport-plugin.pc")
        # The binary, not the bash completion (also called outreport).
        exe = [os.path.join(d, "outreport") for d, _, fs in os.walk(dest)
               if os.path.basename(d) == "bin" and "outreport" in fs][0]
        find(dest, "plugin.h")

        env = dict(os.environ)
        env["PKG_CONFIG_PATH"] = os.path.dirname(pc)
        env["PKG_CONFIG_SYSROOT_DIR"] = dest
        plugindir = run(["pkg-config", "--variable=plugindir", "outreport-plugin"],
                        env=env).stdout.strip()
        # pkgconf puts the sysroot in front of variables too; pkg-config does not.
        installed_plugins = plugindir if plugindir.startswith(dest) else dest + plugindir
        if not os.path.exists(os.path.join(installed_plugins, "renderer_csv.so")):
            fail("plugindir %s does not hold the installed plugins" % plugindir)
        cflags = run(["pkg-config", "--cflags", "outreport-plugin"], env=env).stdout
        if dest not in cflags:
            fail("cflags do not point into the install: " + cflags)

        # Out of tree: a copy of the example, away from the source tree's include/.
        example = os.path.join(tmp, "example")
        shutil.copytree(os.path.join(src, "examples", "plugin"), example)
        run(["make", "--no-print-directory"], env=env, cwd=example)
        so = os.path.join(example, "provider_example.so")
        syms = run(["nm", "-D", "--defined-only", "--format=posix", so]).stdout.split("\n")
        exported = sorted(l.split()[0] for l in syms if l and not l.startswith("_"))
        if exported != ["outreport_plugin"]:
            fail("the example exports %s" % exported)

        www = os.path.join(tmp, "www")
        os.mkdir(www)
        with open(os.path.join(www, "todos.json"), "w", encoding="utf-8") as f:
            json.dump(TODOS, f)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=www))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = "http://127.0.0.1:%d" % server.server_address[1]

        conf = os.path.join(tmp, "outreport.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write("[report]\ntimezone = Europe/Berlin\n[example]\nbase_url = %s\nlist = todos\n"
                    % base)
        common = [exe, "--config", conf, "--plugin-dir", installed_plugins + ":" + example]

        r = run(common + ["plugins"])
        for want in ["example 1.0.0", "example.todos → table todos",
                     "--param only_open (bool)",
                     "[example] list (string, default todos): which list to read"]:
            if want not in r.stdout:
                fail("`plugins` does not say %r:\n%s" % (want, r.stdout))
        listed = json.loads(run(common + ["plugins", "--json"]).stdout)
        ex = [p for p in listed["plugins"] if p["name"] == "example"][0]
        if ex["abi"] != listed["abi"] or not ex["config_checked"]:
            fail("example listed as %r" % ex)
        todos = ex["endpoints"][0]
        if (todos["keeping"], todos["cumulative"]) != ("period", None):
            fail("example.todos is not kept per period (ABI 2.2 keeping): %r" % todos)

        out = os.path.join(tmp, "todos.csv")
        run(common + ["fetch", "example.todos", "-o", out])
        with open(out, encoding="utf-8", newline="") as f:
            lines = f.read().split("\r\n")
        if lines[0] != "id,title,done,due" or len([l for l in lines if l]) != 4:
            fail("todos.csv:\n" + "\r\n".join(lines))
        if lines[1] != "1,Call Ann about the renewal,false,2026-11-20T00:00:00+01:00":
            fail("first to-do: " + lines[1])
        if lines[3] != '3,"Überprüfen, ob ""Zoë"" zurückrief",false,':
            fail("third to-do: " + lines[3])
        run(common + ["fetch", "example.todos", "--param", "only_open=true", "-o", out])
        with open(out, encoding="utf-8", newline="") as f:
            ids = [l.split(",")[0] for l in f.read().split("\r\n")[1:] if l]
        if ids != ["1", "3"]:
            fail("only_open=true gave ids %s" % ids)

        # A typo in the plugin's own section is caught like one in [report].
        with open(conf, "w", encoding="utf-8") as f:
            f.write("[example]\nbase_url = %s\nlsit = todos\n" % base)
        before = Quiet.requests
        r = run(common + ["fetch", "example.todos", "-o", out + ".2"], expect=2)
        if "[example] lsit: unknown key; did you mean list?" not in r.stderr:
            fail("misspelt key: " + r.stderr)
        if Quiet.requests != before or os.path.exists(out + ".2"):
            fail("a request was made, or a file written, despite the misspelt key")
        server.shutdown()
        print("ok: built out of tree against %s, loaded by %s" % (pc, exe))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""outreport(1) and the bash completion keep up with the command line.

Reads the option table (long_opts, the getopt short options) and the command
table of src/cli/main.c, and fails when outreport(1), as rendered from the
built man page, lacks a command or an option, or when the bash completion
lacks a command or one of the options a command takes (its `takes` bits).
Then drives the completion in a real bash: commands, a command's options,
template names, and provider endpoints asked of the built binary.

Usage: docs_cover_cli.py SOURCE_ROOT BUILD_ROOT
"""
import os
import re
import shutil
import subprocess
import sys


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def block(text, start):
    i = text.index(start)
    return text[i:text.index("};", i)]


def cli_tables(main_c):
    text = open(main_c, encoding="utf-8").read()
    longs = dict((m.group(2), m.group(1)) for m in re.finditer(
        r'\{"([a-z-]+)",\s*\w+_argument,\s*NULL,\s*([\w\']+)\}', block(text, "long_opts[] =")))
    shorts = re.search(r'getopt_long\(argc, argv, "([a-z:]+)"', text).group(1).replace(":", "")
    macros = {}
    for m in re.finditer(r"#define (\w+_OPTS)\s*\\?\s*\((.*?)\)\n\n", text, re.S):
        macros[m.group(1)] = re.findall(r"OPT_BIT\(([\w']+)\)", m.group(2))
    commands = {}
    for m in re.finditer(r'\{"([a-z-]+)",\s*"[^"]*",\s*"[^"]*"(?:\s*"[^"]*")*,\s*\w+,\s*([^,]+),',
                         block(text, "} commands[] =")):
        # "RUN_OPTS | OPT_BIT(OPT_KEEP_DATASET)": the macros' bits and the others
        takes = m.group(2).strip()
        bits = re.findall(r"OPT_BIT\(([\w']+)\)", takes)
        for name in re.findall(r"\b(\w+_OPTS)\b", takes):
            if name not in macros:
                fail("%s: cannot read the options of %s" % (main_c, name))
            bits += macros[name]
        commands[m.group(1)] = sorted("--" + longs[b] for b in bits)
    if not longs or not commands:
        fail("could not read the tables of %s" % main_c)
    return sorted("--" + n for n in longs.values()), ["-" + c for c in shorts], commands


def rendered_man(path):
    out = subprocess.run(["groff", "-t", "-man", "-Tutf8", "-rLL=400n", "-rHY=0", path],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r".\x08", "", out)


def has_word(text, word):
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


def complete(bash_completion, comp, line, env):
    """The completions bash offers for the command line @p line."""
    script = """
source %s
source %s
COMP_LINE=%s
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_POINT=${#COMP_LINE}
_outreport "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%%s\\n' "${COMPREPLY[@]}"
""" % (bash_completion, comp, "'" + line.replace("'", "'\\''") + "'")
    r = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env,
                       timeout=60)
    if r.returncode != 0:
        fail("bash completion of %r failed: %s" % (line, r.stderr))
    return r.stdout.split()


def main():
    src, build = sys.argv[1], sys.argv[2]
    longs, shorts, commands = cli_tables(os.path.join(src, "src", "cli", "main.c"))
    man = rendered_man(os.path.join(build, "man", "outreport.1"))
    comp_file = os.path.join(build, "contrib", "outreport")
    comp = open(comp_file, encoding="utf-8").read()

    # An option is documented where a definition starts with it (a line of
    # OPTIONS beginning with "-"), not merely mentioned in the synopsis.
    terms = "\n".join(l for l in man.split("\n") if re.match(r" {7}-", l))
    missing = [o for o in longs + shorts if not has_word(terms, o)]
    missing += ["command " + c for c in commands if not re.search(
        r"^ {7}%s\b" % re.escape(c), man, re.M)]
    if missing:
        fail("outreport(1) does not document: " + ", ".join(missing))

    listed = re.search(r"local commands='([^']*)'", comp).group(1).split()
    missing = [c for c in commands if c not in listed]
    for cmd, opts in commands.items():
        # [cmd]='--a --b', or [cmd]="$shared --c" naming a local list
        m = re.search(r"\[%s\]=(['\"])([^'\"]*)\1" % re.escape(cmd), comp)
        if m is None:
            missing.append("the options of " + cmd)
            continue
        words = []
        for w in m.group(2).split():
            if w.startswith("$"):
                w = re.search(r"local %s='([^']*)'" % re.escape(w[1:]), comp).group(1)
            words += w.split()
        missing += ["%s %s" % (cmd, o) for o in opts if o not in words]
    common = re.search(r"local common='([^']*)'", comp).group(1).split()
    missing += [o for o in ("--config", "--plugin-dir", "--quiet", "--verbose", "--help",
                            "--version") if o not in common]
    if missing:
        fail("the bash completion lacks: " + ", ".join(missing))

    bc = "/usr/share/bash-completion/bash_completion"
    if not os.path.exists(bc):
        fail("%s is missing (scripts/deps installs bash-completion)" % bc)
    env = dict(os.environ)
    env["OUTREPORT_TEMPLATE_PATH"] = os.path.join(src, "templates")
    exe = os.path.join(build, "src", "outreport")
    checks = [
        ("outreport ru", ["run"]),
        ("outreport con", ["config"]),
        ("outreport run --fo", ["--format"]),
        ("outreport run --format ", ["pdf", "xlsx", "csv", "html"]),
        ("outreport sync --si", ["--since"]),
        ("outreport run --keep", ["--keep-dataset"]),
        ("outreport validate --split-", ["--split-by", "--split-label"]),
        ("outreport run weekly-m", ["weekly-manager"]),
        ("outreport run --period last-w", ["last-week"]),
        (exe + " fetch salesfinity.", ["salesfinity.call-log", "salesfinity.list-performance"]),
        (exe + " --config x.conf sync unpod", ["unpod.analytics"]),
    ]
    for line, want in checks:
        got = complete(bc, comp_file, line, env)
        if not set(want) <= set(got):
            fail("completing %r offers %s, not %s" % (line, got, want))
    # Only what the command takes: batch refuses --keep-dataset.
    for line, cmd in (("outreport batch --", "batch"), ("outreport validate --", "validate")):
        extra = [o for o in complete(bc, comp_file, line, env)
                 if o.startswith("--") and o != "--help" and o not in commands[cmd]]
        if extra:
            fail("completing %r offers options %s does not take: %s" % (line, cmd, extra))
    print("ok: %d options, %d commands in outreport(1) and the completion"
          % (len(longs) + len(shorts), len(commands)))


if __name__ == "__main__":
    main()

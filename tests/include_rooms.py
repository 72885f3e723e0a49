#!/usr/bin/env python3
"""Checks the include structure from the compiler's own dependency output.

The compiler writes, for every object, the headers it read (gcc -MD; ninja keeps
them in .ninja_deps, `ninja -t deps` prints them).  From that this test proves:

1. The rooms of src/ (docs/architecture.md) include only rooms below them:
   base < http, dataset < plugin < fetch, report < deliver < job < cli.
2. No include cycle exists between modules (x.c and x.h together) in src/ or
   inside any plugin: a dispatcher and the helpers it calls never include each
   other.

Usage: include_rooms.py SOURCE_ROOT BUILD_DIR
"""
import os
import subprocess
import sys

# Lower rooms first; a room may include itself and any room with a smaller rank.
ROOM_RANK = {
    "base": 0,
    "http": 1,
    "dataset": 1,
    "plugin": 2,
    "fetch": 3,
    "report": 3,
    "deliver": 4,
    "job": 5,
    "cli": 6,
}


def deps(build):
    out = subprocess.run(["ninja", "-C", build, "-t", "deps"], check=True,
                         capture_output=True, text=True).stdout
    obj, table = None, {}
    for line in out.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            obj = line.split(":")[0]
            table[obj] = []
        elif obj is not None:
            table[obj].append(line.strip())
    return table


def rel(path, src, build):
    p = os.path.normpath(os.path.join(build, path))
    if not p.startswith(src + os.sep):
        return None
    return os.path.relpath(p, src)


def module(relpath):
    """src/base/log.c -> src/base/log; plugins/renderers/pdf/pdf_doc.h -> ..."""
    return os.path.splitext(relpath)[0]


def cycles(graph):
    """Every strongly connected component of more than one module (Tarjan)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    src = os.path.realpath(sys.argv[1])
    build = os.path.realpath(sys.argv[2])
    table = deps(build)
    failures = []
    modules = {}
    checked = 0
    for obj, files in table.items():
        if not files:
            continue
        me = rel(files[0], src, build)
        if me is None or not (me.startswith("src/") or me.startswith("plugins/")):
            continue
        checked += 1
        mine = module(me)
        edges = modules.setdefault(mine, set())
        for f in files[1:]:
            r = rel(f, src, build)
            if r is None or not (r.startswith("src/") or r.startswith("plugins/")):
                continue
            other = module(r)
            if other != mine:
                edges.add(other)
            if me.startswith("src/") and r.startswith("src/"):
                a, b = me.split("/")[1], r.split("/")[1]
                if a not in ROOM_RANK or b not in ROOM_RANK:
                    if "/" in me[4:] and "/" in r[4:]:
                        failures.append(f"{me}: room of {r} is not in the room list")
                    continue
                if a != b and ROOM_RANK[b] >= ROOM_RANK[a]:
                    failures.append(f"{me} (room {a}) includes {r} (room {b}), "
                                    f"which is not below it")
    # Headers are modules too: a header's own includes are seen from the .c
    # files that read it, so close the graph over header-only modules.
    for obj, files in table.items():
        chain = [rel(f, src, build) for f in files]
        chain = [c for c in chain if c and c.endswith(".h")]
        for h in chain:
            modules.setdefault(module(h), set())
    if checked == 0:
        failures.append("no dependency output found: build the tree first")
    for comp in cycles(modules):
        failures.append("include cycle between modules: " + ", ".join(comp))
    if failures:
        for f in sorted(set(failures)):
            print("FAIL:", f)
        return 1
    print(f"{checked} objects read; rooms ordered, no include cycle between modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())

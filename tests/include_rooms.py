#!/usr/bin/env python3
"""Checks the include structure from the compiler's own dependency output.

The compiler writes, for every object, the files it read (gcc -MD; ninja keeps
them in .ninja_deps, `ninja -t deps` prints them).  That list is transitive:
it says that an object read a header, not which file included it.  So the
direct edges are taken from the `#include` lines of the files the compiler
read, each resolved to a file of that same object's list (a quoted include
is looked up beside its includer first, as the preprocessor does); a name
that resolves to no file the compiler read was skipped by the preprocessor
and is no edge.  Headers are files like any other, so an include between
two headers (also of a header without a .c) is an edge too.

From that graph this test proves:

1. The rooms of src/ (docs/architecture.md) include only rooms below them:
   base < http, dataset < plugin < fetch, store, report < deliver < job < cli.
2. No include cycle exists between modules (x.c and x.h together, with a
   private x_impl.h beside them) in src/ or
   inside any plugin: a dispatcher and the helpers it calls never include each
   other, directly or through other modules.

With --links, it also reads the objects' symbol tables (nm) and adds an
edge from a module to every module of the same program whose function or
variable it uses: a header that declares what another module defines (a
dispatcher's entry points declared in its helpers' header) then shows as
the cycle it is.  --except PREFIX (repeatable) leaves out the use cycles
among files under PREFIX: meson's test include_links runs --links with
--except plugins/providers/, whose plugins still have one shared header
each (salesfinity.h declares the helpers salesfinity.c calls and the
dispatcher's functions they call back) until they are split.

Usage: include_rooms.py [--links [--except PREFIX]...] SOURCE_ROOT BUILD_DIR
"""
import os
import re
import subprocess
import sys

# Lower rooms first; a room may include itself and any room with a smaller rank.
ROOM_RANK = {
    "base": 0,
    "http": 1,
    "dataset": 1,
    "plugin": 2,
    "fetch": 3,
    "store": 3,
    "report": 3,
    "deliver": 4,
    "job": 5,
    "cli": 6,
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def deps(build):
    """{object: [files it read, the source first]} from `ninja -t deps`."""
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
            table[obj].append(os.path.normpath(os.path.join(build, line.strip())))
    return table


def ours(path, src):
    """src/... or plugins/... relative to the source root, else None."""
    if not path.startswith(src + os.sep):
        return None
    r = os.path.relpath(path, src)
    return r if r.startswith("src/") or r.startswith("plugins/") else None


def module(relpath):
    """src/base/log.c -> src/base/log; plugins/renderers/pdf/pdf_doc.h -> ..."""
    return os.path.splitext(relpath)[0]


def includes(path, cache):
    """The (kind, name) of every #include line of @p path, in order."""
    if path not in cache:
        found = []
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = INCLUDE.match(line)
                    if m:
                        found.append((m.group(1), m.group(2)))
        except OSError:
            pass
        cache[path] = found
    return cache[path]


def resolve(includer, kind, name, read, by_suffix, src):
    """The file of the source tree among @p read that `#include <kind>name`
    in @p includer named (system headers are no edges: None).

    Returns (path or None, error or None)."""
    if kind == '"':
        beside = os.path.normpath(os.path.join(os.path.dirname(includer), name))
        if beside in read:
            return beside, None
    key = "/" + os.path.normpath(name)
    hits = by_suffix.get(key)
    if hits is None:
        hits = sorted({p for p in read if p.endswith(key) and p.startswith(src + os.sep)})
        by_suffix[key] = hits
    if len(hits) > 1:
        return None, f"cannot tell which of {', '.join(hits)} it includes as {name}"
    return (hits[0] if hits else None), None


def edges_of(table, src):
    """Direct include edges between our files: {(from, to)}, failures, objects read."""
    edges, failures, cache = set(), [], {}
    checked = 0
    for obj, files in table.items():
        if not files:
            continue
        if ours(files[0], src) is not None:
            checked += 1
        read = set(files)
        by_suffix = {}
        for f in files:
            me = ours(f, src)
            if me is None:
                continue
            for kind, name in includes(f, cache):
                target, err = resolve(f, kind, name, read, by_suffix, src)
                if err is not None:
                    failures.append(f"{me}: {err}")
                    continue
                other = ours(target, src) if target is not None else None
                if other is not None:
                    edges.add((me, other))
    return edges, failures, checked


def room_failures(edges):
    failures = []
    for me, other in sorted(edges):
        if not (me.startswith("src/") and other.startswith("src/")):
            continue
        a, b = me.split("/")[1], other.split("/")[1]
        if a not in ROOM_RANK or b not in ROOM_RANK:
            if "/" in me[4:] and "/" in other[4:]:
                failures.append(f"{me}: room of {other} is not in the room list")
            continue
        if a != b and ROOM_RANK[b] >= ROOM_RANK[a]:
            failures.append(f"{me} (room {a}) includes {other} (room {b}), "
                            f"which is not below it")
    return failures


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


def private_halves(edges):
    """A private header `x_impl.h` is the inside of module x when there is
    one (x.c: query_impl.h), else of the one module whose header beside it
    it includes (eval_impl.h includes evaluate.h): one module.  So is a .c
    file without a header of its own that includes such a private header
    beside it (read_ahead.c, the rest of query.c behind query_impl.h): a
    part of that module, not a module of its own."""
    files = {m for pair in edges for m in pair}
    modules = {module(f) for f in files}
    beside = {}
    for me, other in edges:
        if (me.endswith("_impl.h") and other.endswith(".h")
                and os.path.dirname(me) == os.path.dirname(other)):
            beside.setdefault(module(me), set()).add(module(other))
    alias = {}
    for impl, owners in beside.items():
        own = impl[:-len("_impl")]
        if own in modules:
            alias[impl] = own
        elif len(owners) == 1:
            alias[impl] = next(iter(owners))
    for me, other in edges:
        if (me.endswith(".c") and other.endswith("_impl.h")
                and module(me) + ".h" not in files
                and os.path.dirname(me) == os.path.dirname(other)):
            alias[module(me)] = alias.get(module(other), module(other))
    return alias


def cycle_failures(edges, what="include cycle"):
    graph = {}
    alias = private_halves(edges)
    for me, other in edges:
        a, b = module(me), module(other)
        a, b = alias.get(a, a), alias.get(b, b)
        graph.setdefault(a, set())
        graph.setdefault(b, set())
        if a != b:
            graph[a].add(b)
    failures = []
    for comp in cycles(graph):
        inside = sorted(f"{m} -> {o}" for m, o in edges
                        if module(m) in comp and module(o) in comp and module(m) != module(o))
        failures.append(what + " between modules: " + ", ".join(comp) +
                        " (" + "; ".join(inside) + ")")
    return failures


def link_edges(table, src, build):
    """{(user module file, definer module file)} from the objects' symbols.

    Objects of one target (one <target>.p folder) form one program."""
    units = {}
    for obj, files in table.items():
        me = ours(files[0], src) if files else None
        if me is not None and me.endswith(".c"):
            path = os.path.join(build, obj)
            units.setdefault(os.path.dirname(path), []).append((path, me))
    edges = set()
    for objs in units.values():
        defined, used = {}, []
        for path, me in objs:
            out = subprocess.run(["nm", "-P", path], check=True, capture_output=True,
                                 text=True).stdout
            for line in out.splitlines():
                parts = line.split()
                if len(parts) < 2:
                    continue
                if parts[1] == "U":
                    used.append((me, parts[0]))
                elif parts[1] in "TDBRV":
                    defined[parts[0]] = me
        for me, sym in used:
            other = defined.get(sym)
            if other is not None and module(other) != module(me):
                edges.add((me, other))
    return edges


def main():
    args = sys.argv[1:]
    links = "--links" in args
    args = [a for a in args if a != "--links"]
    excepted = []
    while "--except" in args:
        k = args.index("--except")
        excepted.append(args[k + 1])
        del args[k:k + 2]
    src = os.path.realpath(args[0])
    build = os.path.realpath(args[1])
    table = deps(build)
    edges, failures, checked = edges_of(table, src)
    if checked == 0:
        failures.append("no dependency output found: build the tree first")
    failures += room_failures(edges)
    if links:
        used = {(a, b) for a, b in link_edges(table, src, build)
                if not any(a.startswith(p) and b.startswith(p) for p in excepted)}
        failures += cycle_failures(edges | used, "include or use cycle")
    else:
        failures += cycle_failures(edges)
    if failures:
        for f in sorted(set(failures)):
            print("FAIL:", f)
        return 1
    what = "include or use cycle" if links else "include cycle"
    print(f"{checked} objects, {len(edges)} include edges read; rooms ordered, "
          f"no {what} between modules" + (f" (uses under {', '.join(excepted)} not read)"
                                            if excepted else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

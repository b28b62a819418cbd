#!/usr/bin/env python3
"""check_layers.py -- the library's layers hold: no include goes from a lower layer to a higher
one, and no two modules include each other, however indirectly.

The layers, from the leaves up, are the folders of src/ (docs/architecture.md):

    base < lang < terms < events < store < feed < engine < render < api < cli

A file in one folder may include headers of its own folder and of the folders below it, and the
public header pactum.h. The program (src/cli) is compiled with -Iinclude only, and so may include
nothing of src/ but its own cli.h; that is checked by the build, and here too.

A module is a header and its source (src/base/mem.h and src/base/mem.c), and its private header
if it has one: src/engine/settle_int.h is the settle module's, and only the files of its folder
whose names begin with settle (settle.c, settle_obligations.c) may include it. Module A depends
on module B when a file of A includes B's header. A cycle among modules is an error, whatever
the layers.

Prints one line per problem and a last line "N passed, N failed" (each rule checked over each
include is a check); exits 1 when any failed.
"""
import os
import re
import sys

ORDER = ["base", "lang", "terms", "events", "store", "feed", "engine", "render", "api", "cli"]
RANK = {name: i for i, name in enumerate(ORDER)}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

# Includes that go the wrong way today, each with the reason it is still here. Empty this list;
# never grow it.
ALLOWED = {
    # The engines still write what they compute; their writers move to render/.
    ("src/engine/audit.c", "render/describe.h"): "audit_write, until it moves to render/",
    ("src/engine/decide.c", "render/describe.h"): "decide_write_*, until they move to render/",
}

def module_of(path):
    """The module of a file: its path without the extension, and without "_int" for a private
    header."""
    module = path.rsplit(".", 1)[0]
    return module[: -len("_int")] if module.endswith("_int") else module


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    src = os.path.join(root, "src")
    passed = failed = 0
    edges = {}
    for room in sorted(os.listdir(src)):
        folder = os.path.join(src, room)
        if not os.path.isdir(folder):
            print("src/%s: a file outside the layers' folders" % room)
            failed += 1
            continue
        if room not in RANK:
            print("src/%s: a folder that is no layer (%s)" % (room, " < ".join(ORDER)))
            failed += 1
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".c", ".h")):
                continue
            path = "src/%s/%s" % (room, name)
            module = module_of(path)
            edges.setdefault(module, set())
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            for included in INCLUDE.findall(text):
                if included == "pactum.h":
                    passed += 1
                    continue
                if room == "cli":
                    if included == "cli.h":
                        passed += 1
                    else:
                        print("%s: includes %s; the program includes pactum.h only" % (path, included))
                        failed += 1
                    continue
                if "/" not in included:
                    print('%s: includes "%s"; write the folder: "room/%s"' % (path, included, included))
                    failed += 1
                    continue
                target_room = included.split("/", 1)[0]
                if target_room not in RANK or not os.path.exists(os.path.join(src, included)):
                    print("%s: includes %s, which is not a header of the library" % (path, included))
                    failed += 1
                    continue
                target = module_of("src/" + included)
                if included.endswith("_int.h"):
                    if os.path.dirname(path) == os.path.dirname(target) and \
                            name.startswith(os.path.basename(target)):
                        passed += 1
                    else:
                        print("%s: includes %s, the private header of %s" % (path, included, target))
                        failed += 1
                        continue
                if target != module:
                    edges[module].add(target)
                if RANK[target_room] <= RANK[room] or (path, included) in ALLOWED:
                    passed += 1
                else:
                    print("%s: includes %s: %s is above %s" % (path, included, target_room, room))
                    failed += 1
    # Cycles: Tarjan's strongly connected components over the modules.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    for c in cycles:
        print("a cycle of includes among the modules: %s" % ", ".join(c))
        failed += 1
    if not cycles:
        passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""check_layers.py -- the library's layers hold: no include goes from a lower layer to a higher
one, and no two modules include each other, however indirectly.

The layers, from the leaves up, are the folders of src/ (docs/architecture.md):

    base < lang < terms < events < store < feed < engine < render < api < cli

A file's layer is the first folder under src/ (src/engine/decide/index.c is of engine). A file
may include headers of its own layer and of the layers below it, and the public header pactum.h.
The program (src/cli) is compiled with -Iinclude only, and so may include nothing of src/ but its
own cli.h; that is checked by the build, and here too.

A module is a header and its source (src/base/mem.h and src/base/mem.c), a file of a module
split over a folder (src/engine/decide/index.c), and a private header with the module it serves
(src/engine/settle_int.h is the settle module's). A private header (NAME_int.h) is for the files
of its own folder only. Module A depends on module B when a file of A includes B's header. A
cycle among modules is an error, whatever the layers.

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
ALLOWED = {}

def module_of(path):
    """The module of a file: its path without the extension, and without "_int" for a private
    header."""
    module = path.rsplit(".", 1)[0]
    return module[: -len("_int")] if module.endswith("_int") else module


def sources(src, room):
    """The .c and .h files of a layer's folder and of its subfolders (a module of several files,
    src/engine/decide/), as paths from the top of the tree, in a fixed order."""
    found = []
    for folder, subfolders, names in os.walk(os.path.join(src, room)):
        subfolders.sort()
        relative = os.path.relpath(folder, os.path.dirname(src)).replace(os.sep, "/")
        found += ["%s/%s" % (relative, name) for name in sorted(names)
                  if name.endswith((".c", ".h"))]
    return found


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
        for path in sources(src, room):
            name = os.path.basename(path)
            module = module_of(path)
            edges.setdefault(module, set())
            with open(os.path.join(root, path), encoding="utf-8") as f:
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
                    if os.path.dirname(path) == os.path.dirname(target):
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

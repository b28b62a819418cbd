#!/usr/bin/env python3
"""bitflips.py PACTUM LEDGER TMPDIR N SEED HALF_ANYWHERE COMMAND... -- flips one bit of a copy of a
ledger file at a random place, N times (seeded), and runs `PACTUM COMMAND... --ledger COPY` each
time: it must print exactly what the whole ledger gives, or fail with a non-zero status. A
flip lands on a byte that holds something (not zero: where the values are), or, every other
time when HALF_ANYWHERE is 1, anywhere in the file (most of a small ledger is free space).
Prints "SAME REFUSED SILENT": how many changed nothing, were refused, gave another output.
"""
import os
import random
import subprocess
import sys


def main():
    pactum, db, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
    n, seed, anywhere = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6] == "1"
    args = sys.argv[7:]
    rng = random.Random(seed)
    good = subprocess.run([pactum] + args + ["--ledger", db], capture_output=True).stdout
    data = open(db, "rb").read()
    held = [i for i, b in enumerate(data) if b]
    same = refused = silent = 0
    for i in range(n):
        at = rng.randrange(len(data)) if anywhere and i % 2 == 0 else rng.choice(held)
        bit = 1 << rng.randrange(8)
        flipped = bytearray(data)
        flipped[at] ^= bit
        path = os.path.join(tmp, "flip.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        open(path, "wb").write(flipped)
        r = subprocess.run([pactum] + args + ["--ledger", path], capture_output=True)
        if r.returncode != 0:
            refused += 1
        elif r.stdout == good:
            same += 1
        else:
            silent += 1
            print("flip %d: byte %d bit %d: exit 0 with another output" % (i, at, bit),
                  file=sys.stderr)
    print("%d %d %d" % (same, refused, silent))


if __name__ == "__main__":
    main()

# test_ledger_bitflips.sh -- a changed byte in a ledger file is an error, never a different
# amount: one bit of the file flipped at a random place, N times (seeded), and each time settle
# --json either gives exactly what the whole ledger gives (the bit was in unused space) or fails
# with a non-zero status. PACTUM_BITFLIPS sets N (default 300); PACTUM_TEST_SEED the seed.
. tests/cli/lib.sh

db=$TMPDIR/good.db
"$PACTUM" init --ledger "$db" >/dev/null
"$PACTUM" import --ledger "$db" tests/settle/amended.csv tests/settle/payments.csv tests/settle/restated.csv >/dev/null 2>&1
expect_status "bitflips: the whole ledger settles" 0 "$PACTUM" statement --agreement tests/settle/amended.pact --ledger "$db" --on 2025-12-31 --json
good=$OUT
expect_eq "bitflips: no write-ahead log left to copy" "$(stat -c %s "$db-wal" 2>/dev/null || echo 0)" 0

/usr/bin/python3 - "$PACTUM" "$db" "$TMPDIR" "${PACTUM_BITFLIPS:-300}" "${PACTUM_TEST_SEED:-20261203}" >"$TMPDIR/flips.out" <<'PY'
import os, random, shutil, subprocess, sys
pactum, db, tmp, n, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(seed)
args = ["statement", "--agreement", "tests/settle/amended.pact", "--on", "2025-12-31", "--json"]
good = subprocess.run([pactum] + args + ["--ledger", db], capture_output=True).stdout
data = open(db, "rb").read()
same = refused = silent = 0
# Most of a small ledger's pages are free space, where a flip changes nothing: half the flips
# land on bytes that hold something (not zero), where the values are.
held = [i for i, b in enumerate(data) if b]
for i in range(n):
    at = rng.choice(held) if i % 2 else rng.randrange(len(data))
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
        print(f"flip {i}: byte {at} bit {bit}: exit 0 with another statement", file=sys.stderr)
print(f"{same} {refused} {silent}")
PY
read -r same refused silent <"$TMPDIR/flips.out"
echo "bitflips: ${PACTUM_BITFLIPS:-300} flips: $same changed nothing, $refused refused, $silent silently different"
expect_eq "bitflips: none gives another figure with exit 0" "$silent" 0
expect_eq "bitflips: some were refused" "$([ "$refused" -gt 0 ] && echo yes)" yes

finish

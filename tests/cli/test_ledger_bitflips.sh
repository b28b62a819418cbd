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

python3 tests/cli/bitflips.py "$PACTUM" "$db" "$TMPDIR" "${PACTUM_BITFLIPS:-300}" \
  "${PACTUM_TEST_SEED:-20261203}" 1 statement --agreement tests/settle/amended.pact \
  --on 2025-12-31 --json >"$TMPDIR/flips.out"
read -r same refused silent <"$TMPDIR/flips.out"
echo "bitflips: ${PACTUM_BITFLIPS:-300} flips: $same changed nothing, $refused refused, $silent silently different"
expect_eq "bitflips: none gives another figure with exit 0" "$silent" 0
expect_eq "bitflips: some were refused" "$([ "$refused" -gt 0 ] && echo yes)" yes

finish

# test_ledger.sh -- the ledger: files land whole or not at all, re-importing changes nothing,
# one id with two contents is refused, order does not matter, and settling from it is the same.
. tests/cli/lib.sh

db=$TMPDIR/ledger.db
expect_status "init" 0 "$PACTUM" init --ledger "$db"
expect_contains "init" "$OUT" "ledger ready"
expect_status "init again" 0 "$PACTUM" init --ledger "$db"
echo "not a ledger" >"$TMPDIR/text.db"
expect_status "init over another file" 1 "$PACTUM" init --ledger "$TMPDIR/text.db"
expect_contains "init over another file" "$OUT" "error[E1202]"
expect_status "import into no ledger" 1 "$PACTUM" import --ledger "$TMPDIR/none.db" tests/settle/amended.csv
expect_contains "import into no ledger" "$OUT" "pactum init --ledger FILE"

expect_status "import" 0 "$PACTUM" import --ledger "$db" tests/settle/amended.csv tests/settle/payments.csv
expect_contains "import" "$OUT" "tests/settle/amended.csv: 10 events imported, 0 already in the ledger"
before=$(cksum <"$db")
expect_status "import again" 0 "$PACTUM" import --ledger "$db" tests/settle/amended.csv
expect_contains "import again" "$OUT" "0 events imported, 10 already in the ledger"
expect_eq "import again changes nothing" "$(cksum <"$db")" "$before"

# Same id, other content: refused, naming both places; the ledger is byte for byte as it was.
printf 'id,kind,date,party,amount,currency\nnew1,revenue,2024-02-02,globex,1.00,USD\ne5,revenue,2024-01-15,globex,999.99,USD\n' >"$TMPDIR/conflict.csv"
expect_status "conflicting id" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/conflict.csv"
expect_contains "conflicting id" "$OUT" "conflict.csv:3: error[E1203]: event 'e5' differs from the event with the same id imported from tests/settle/amended.csv:6"
expect_contains "conflicting id" "$OUT" "not imported; the ledger is as it was"
expect_eq "conflict leaves the ledger as it was" "$(cksum <"$db")" "$before"
# A bad row: nothing from the file is written.
printf 'id,kind,date,party,amount,currency\nok1,revenue,2024-02-02,globex,1.00,USD\nbad,revenue,2024-02-30,globex,1.00,USD\n' >"$TMPDIR/bad.csv"
expect_status "bad row" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/bad.csv"
expect_contains "bad row" "$OUT" "bad.csv:3: error[E1004]"
expect_eq "bad row leaves the ledger as it was" "$(cksum <"$db")" "$before"
[ ! -s "$db-wal" ] && pass || fail "the write-ahead log holds frames after a refused import"

# Settling from the ledger is settling from the files.
from_files=$("$PACTUM" settle --agreement tests/settle/amended.pact --events tests/settle/amended.csv tests/settle/payments.csv --json 2>/dev/null)
from_ledger=$("$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$db" --json 2>/dev/null)
expect_eq "settle from the ledger" "$from_ledger" "$from_files"
st=$("$PACTUM" statement --agreement tests/settle/amended.pact --ledger "$db" --on 2024-12-01 --json 2>/dev/null)
# On 2024-12-01: 12.35 + 30.00 + 94.00 + 906.00, and 2024-Q4's -6.00 accrued so far (2025-Q2's
# 6.00 has not happened yet): 1,036.35.
jq_eq "statement from the ledger" "$st" '.balances[0] | [.owed, .paid, .overdue]' '["1036.35","112.35","930.00"]'

# Order does not matter: B then A holds what A then B holds.
other=$TMPDIR/other.db
"$PACTUM" init --ledger "$other" >/dev/null
"$PACTUM" import --ledger "$other" tests/settle/payments.csv tests/settle/amended.csv >/dev/null
# The events, with the file each came from; not the order in which the files were imported.
contents='SELECT e.id, kind, date, end_date, party, counterparty, stream, subject, amount_minor,
  currency, ref, note, i.file, source_line FROM events e JOIN imports i ON i.seq = e.import_seq
  ORDER BY e.id'
expect_eq "import order" "$(sqlite3 "$other" "$contents")" "$(sqlite3 "$db" "$contents")"
expect_status "import needs files" 2 "$PACTUM" import --ledger "$db"
finish

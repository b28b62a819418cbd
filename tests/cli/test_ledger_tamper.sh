# test_ledger_tamper.sh -- what is read back from a ledger is checked as strictly as what is
# read in: a row changed outside pactum is a located error (the event, where it was imported
# from, the column and what is wrong) and a non-zero exit in every report, never a different
# amount.
. tests/cli/lib.sh

good=$TMPDIR/good.db
"$PACTUM" init --ledger "$good" >/dev/null
"$PACTUM" import --ledger "$good" tests/settle/amended.csv tests/settle/payments.csv >/dev/null 2>&1
expect_status "tamper: the good ledger settles" 0 "$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$good"

# tamper NAME SQL EXPECTED: a copy of the good ledger changed by SQL; every report refuses it.
tamper() {
  db=$TMPDIR/$1.db
  cp "$good" "$db"
  # The schema's constraints refuse such edits (below); a program that turns them off is not
  # stopped by them, and the readers still catch what it wrote.
  sqlite3 "$db" "PRAGMA ignore_check_constraints = ON; $2"
  for c in "settle" "statement --on 2025-12-31" "explain --clause fee --period 2024-Q2" "export --format csv" "audit --on 2025-12-31"; do
    # shellcheck disable=SC2086
    expect_status "tamper: $1: $c fails" 1 "$PACTUM" $c --agreement tests/settle/amended.pact --ledger "$db"
    expect_contains "tamper: $1: $c says what" "$OUT" "$3"
  done
}

tamper amount "UPDATE events SET amount_minor = 'abc' WHERE id = 'e1'" \
  "error[E1204]: event 'e1' (imported from tests/settle/amended.csv:2) has 'abc', which is not an amount in minor units in column amount_minor"
tamper end "UPDATE events SET end_date = '2024-06-31' WHERE id = 'e1'" \
  "event 'e1' (imported from tests/settle/amended.csv:2) has '2024-06-31', which is not a date in column end_date"
tamper reversed "UPDATE events SET end_date = '2024-03-01' WHERE id = 'e1'" \
  "has an end before the event's date in column end_date"
tamper party "UPDATE events SET party = NULL WHERE id = 'e1'" \
  "has nothing, which a revenue event needs in column party"
tamper kind "UPDATE events SET kind = 'revnue' WHERE id = 'e1'" \
  "has 'revnue', which is not a kind of event in column kind"
tamper currency "UPDATE events SET currency = 'XXQ' WHERE id = 'e1'" \
  "has 'XXQ', which is not a currency in column currency"
tamper blob "UPDATE events SET party = x'00ff' WHERE id = 'e1'" \
  "has a value that is not text in column party"
tamper payment "UPDATE events SET amount_minor = -500 WHERE id = 'pay4'" \
  "event 'pay4' (imported from tests/settle/payments.csv:5) has a negative payment in column amount_minor"
tamper import "DELETE FROM imports WHERE seq = (SELECT import_seq FROM events WHERE id = 'pay1')" \
  "event 'pay1' has import 2, which the ledger does not record in column import_seq"
expect_contains "tamper: the help says what to do" "$OUT" "help: the ledger was changed outside pactum: restore it from a copy, or create a new one and import the event files again"

# Edits the row checks cannot see, which the checksums do (E1220), in every report.
checksum() { # NAME SQL EXPECTED
  db=$TMPDIR/$1.db
  cp "$good" "$db"
  sqlite3 "$db" "PRAGMA ignore_check_constraints = ON; $2"
  for c in "settle" "statement --on 2025-12-31" "audit --on 2025-12-31"; do
    # shellcheck disable=SC2086
    expect_status "checksum: $1: $c fails" 1 "$PACTUM" $c --agreement tests/settle/amended.pact --ledger "$db"
    expect_contains "checksum: $1: $c says what" "$OUT" "$3"
  done
}
# e1 of 910.00 made 9,100.00: a valid row, another figure.
checksum amount "UPDATE events SET amount_minor = 910000 WHERE id = 'e1'" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: the values of its events were changed"
checksum deleted "DELETE FROM events WHERE id = 'e2'" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: it wrote 10 events and the ledger holds 9 of them"
# A day moved forward would hide the import from every answer as known on an earlier day.
checksum day "UPDATE imports SET recorded_on = '2099-01-01' WHERE seq = 2" \
  "error[E1220]: import 2 (tests/settle/payments.csv) does not match its checksum: its record (file, days, counts or party) was changed"
checksum missing "DELETE FROM pactum_meta WHERE key = 'checksum:2'" \
  "error[E1220]: import 2 (tests/settle/payments.csv) does not match its checksum: its checksum is missing"
expect_contains "checksum: the help says what to do" "$OUT" "help: the ledger was changed outside pactum (or its file is damaged): restore it from a copy, or create a new one and import the event files again"

# With the constraints on, SQLite itself refuses the edits (sqlite3 exits 19, SQLITE_CONSTRAINT).
cp "$good" "$TMPDIR/checked.db"
expect_status "tamper: the schema refuses a non-numeric amount" 19 sqlite3 "$TMPDIR/checked.db" "UPDATE events SET amount_minor = 'abc' WHERE id = 'e1'"
expect_contains "tamper: ... as a constraint" "$OUT" "CHECK constraint failed"
expect_status "tamper: the schema refuses an end before the date" 19 sqlite3 "$TMPDIR/checked.db" "UPDATE events SET end_date = '2024-03-01' WHERE id = 'e1'"
expect_status "tamper: the schema refuses a negative payment" 19 sqlite3 "$TMPDIR/checked.db" "UPDATE events SET amount_minor = -500 WHERE id = 'pay4'"
expect_status "tamper: the refused edits changed nothing" 0 "$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$TMPDIR/checked.db"

finish

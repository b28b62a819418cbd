# test_ledger_tamper.sh -- what is read back from a ledger is checked as strictly as what is
# read in: a row changed outside pactum is a located error (the event, where it was imported
# from, the column and what is wrong) and a non-zero exit in every report that reads it, never
# a different amount; pactum verify reads every row.
. tests/cli/lib.sh

good=$TMPDIR/good.db
"$PACTUM" init --ledger "$good" >/dev/null
"$PACTUM" import --ledger "$good" tests/settle/amended.csv tests/settle/payments.csv >/dev/null 2>&1
expect_status "tamper: the good ledger settles" 0 "$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$good"

# What each report reads: a settlement (settle, statement, export) reads the daily sums and the
# events kept out of them (payments, milestones, restatements: docs/ledger.md); explain the
# events of its period's months, audit and verify every event. SETTLES lists the first, READERS
# the others.
SETTLES="settle|statement --on 2025-12-31|export --format csv"
READERS="explain --clause fee --period 2024-Q2|audit --on 2025-12-31|verify"
good_out() { # COMMAND: the good ledger's output
  # shellcheck disable=SC2086
  "$PACTUM" $1 --agreement tests/settle/amended.pact --ledger "$good" 2>&1
}
run_on() { # COMMAND DB
  case "$1" in
    verify) expect_status "$WHAT: verify fails" 1 "$PACTUM" verify --ledger "$2" ;;
    # shellcheck disable=SC2086
    *) expect_status "$WHAT: $1 fails" 1 "$PACTUM" $1 --agreement tests/settle/amended.pact --ledger "$2" ;;
  esac
}

# tamper NAME SQL EXPECTED [summed]: a copy of the good ledger changed by SQL. Every report that
# reads the changed row refuses it; with summed (a summed revenue event changed), a settlement,
# which reads its day's sum instead, gives the good ledger's figures to the cent, and verify
# finds the edit.
tamper() {
  db=$TMPDIR/$1.db
  cp "$good" "$db"
  # The schema's constraints refuse such edits (below); a program that turns them off is not
  # stopped by them, and the readers still catch what it wrote.
  sqlite3 "$db" "PRAGMA ignore_check_constraints = ON; $2"
  WHAT="tamper: $1"
  refusing="$READERS"
  if [ "${4:-}" = summed ]; then
    IFS='|'
    for c in $SETTLES; do
      unset IFS
      # shellcheck disable=SC2086
      expect_status "$WHAT: $c reads the sums" 0 "$PACTUM" $c --agreement tests/settle/amended.pact --ledger "$db"
      expect_eq "$WHAT: $c gives the figures as imported" "$OUT" "$(good_out "$c")"
      IFS='|'
    done
    unset IFS
  elif [ "${4:-}" = sums ]; then
    # The daily sums are read by settlements (explain settles first) and by verify.
    refusing="$SETTLES|explain --clause fee --period 2024-Q2|verify"
  else
    refusing="$SETTLES|$READERS"
  fi
  IFS='|'
  for c in $refusing; do
    unset IFS
    run_on "$c" "$db"
    expect_contains "$WHAT: $c says what" "$OUT" "$3"
    IFS='|'
  done
  unset IFS
}

tamper amount "UPDATE events SET amount_minor = 'abc' WHERE id = 'e1'" \
  "error[E1204]: event 'e1' (imported from tests/settle/amended.csv:2) has 'abc', which is not an amount in minor units in column amount_minor" summed
tamper end "UPDATE events SET end_date = '2024-06-31' WHERE id = 'e1'" \
  "event 'e1' (imported from tests/settle/amended.csv:2) has '2024-06-31', which is not a date in column end_date" summed
# explain reads the events of its period's months as its imports recorded them, so a row moved
# out of its days is still read (a ledger without that record is scanned, and the sum of the
# parts against the base finds it: E1225, tests/cli/test_ledger_explain.sh).
tamper reversed "UPDATE events SET end_date = '2024-03-01' WHERE id = 'e1'" \
  "has an end before the event's date in column end_date" summed
tamper party "UPDATE events SET party = NULL WHERE id = 'e1'" \
  "has nothing, which a revenue event needs in column party" summed
tamper kind "UPDATE events SET kind = 'revnue' WHERE id = 'e1'" \
  "has 'revnue', which is not a kind of event in column kind" summed
tamper currency "UPDATE events SET currency = 'XXQ' WHERE id = 'e1'" \
  "has 'XXQ', which is not a currency in column currency" summed
tamper blob "UPDATE events SET party = x'00ff' WHERE id = 'e1'" \
  "has a value that is not text in column party" summed
tamper payment "UPDATE events SET amount_minor = -500 WHERE id = 'pay4'" \
  "event 'pay4' (imported from tests/settle/payments.csv:5) has a negative payment in column amount_minor"
tamper import "DELETE FROM imports WHERE seq = (SELECT import_seq FROM events WHERE id = 'pay1')" \
  "event 'pay1' has import 2, which the ledger does not record in column import_seq"
# The daily sums themselves, read back as strictly (E1224).
tamper sum-kind "UPDATE day_sums SET kind = 'payment' WHERE rowid = 1" \
  "error[E1224]: a row of day_sums of import 1 has a kind that is not summed in column kind" sums
tamper sum-day "UPDATE day_sums SET day = 'soon' WHERE rowid = 1" \
  "error[E1224]: a row of day_sums of import 1 has a value that is not a day in column day" sums
tamper sum-import "UPDATE day_sums SET import_seq = 7 WHERE rowid = 1" \
  "error[E1224]: a row of day_sums of import 7 has an import the ledger does not record in column import_seq" sums
expect_contains "tamper: the help says what to do" "$OUT" "help: the ledger was changed outside pactum: restore it from a copy, or create a new one and import the event files again"

# Edits the row checks cannot see, which the checksums do (E1220), in every report that reads
# the row (checksum NAME SQL EXPECTED [summed], as tamper).
checksum() {
  db=$TMPDIR/$1.db
  cp "$good" "$db"
  sqlite3 "$db" "PRAGMA ignore_check_constraints = ON; $2"
  WHAT="checksum: $1"
  if [ "${4:-}" = sums ]; then
    refusing="settle|statement --on 2025-12-31|verify"
  elif [ "${4:-}" = unsummed ]; then
    refusing="settle|statement --on 2025-12-31|verify" # a full reading reads no unsummed row
  elif [ "${4:-}" = summed ]; then
    expect_status "$WHAT: settle reads the sums" 0 "$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$db"
    expect_eq "$WHAT: settle gives the figures as imported" "$OUT" "$(good_out settle)"
    refusing="audit --on 2025-12-31|verify"
  else
    refusing="settle|statement --on 2025-12-31|audit --on 2025-12-31|verify"
  fi
  IFS='|'
  for c in $refusing; do
    unset IFS
    run_on "$c" "$db"
    expect_contains "$WHAT: $c says what" "$OUT" "$3"
    IFS='|'
  done
  unset IFS
}
# e1 of 910.00 made 9,100.00: a valid row, another figure.
checksum amount "UPDATE events SET amount_minor = 910000 WHERE id = 'e1'" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: the values of its events were changed" summed
checksum deleted "DELETE FROM events WHERE id = 'e2'" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: it wrote 10 events and the ledger holds 9 of them" summed
# A day moved forward would hide the import from every answer as known on an earlier day.
checksum day "UPDATE imports SET recorded_on = '2099-01-01' WHERE seq = 2" \
  "error[E1220]: import 2 (tests/settle/payments.csv) does not match its checksum: its record (file, days, counts, party or the reason it was backdated) was changed"
checksum missing "DELETE FROM pactum_meta WHERE key = 'checksum:2'" \
  "error[E1220]: import 2 (tests/settle/payments.csv) does not match its checksum: its checksum is missing"
# A payment (kept out of the sums) changed: a valid row, another figure.
checksum payment "UPDATE events SET amount_minor = 1 WHERE id = 'pay1'" \
  "does not match its checksum: the values of its"
# The daily sums: a valid row with another figure, a row gone, their record gone.
checksum sum-amount "UPDATE day_sums SET amount_minor = amount_minor + 100 WHERE rowid = 3" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: the values of its daily sums were changed" sums
checksum sum-deleted "DELETE FROM day_sums WHERE rowid = 3" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: it wrote 249 daily sums and the ledger holds 248 of them" sums
checksum sum-record "DELETE FROM pactum_meta WHERE key = 'sums:1'" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: the record of its daily sums is missing" sums
checksum unsummed "DELETE FROM unsummed WHERE id = 'pay2'" \
  "error[E1220]: import 2 (tests/settle/payments.csv) does not match its checksum: it wrote 5 events kept out of the daily sums and the ledger holds 4 of them" unsummed
expect_contains "checksum: the help says what to do" "$OUT" "help: the ledger was changed outside pactum (or its file is damaged): restore it from a copy, or create a new one and import the event files again"

# The records of who did what and when are checksummed too: an edit of an import's days, time
# or reason, of an undo, of who made it, or of the ledger's list of void restatements would
# change an "as known on" answer silently; each is E1220, naming the row, in every report and in
# pactum imports. The ledger: amended.csv backdated to 2025-01-10 (import 1), payments.csv
# today (2), and wrong.csv (3), withdrawn by a backdated undo.
acts=$TMPDIR/acts.db
"$PACTUM" init --ledger "$acts" >/dev/null
"$PACTUM" import --ledger "$acts" --recorded-on 2025-01-10 --backdated-because "the 2024 files" tests/settle/amended.csv >/dev/null 2>&1
"$PACTUM" import --ledger "$acts" tests/settle/payments.csv >/dev/null 2>&1
printf 'id,kind,date,party,stream,amount,currency\ne9,revenue,2024-02-01,globex,software,1000.00,USD\n' >"$TMPDIR/wrong.csv"
"$PACTUM" import --ledger "$acts" --recorded-on 2025-02-10 --backdated-because "late" "$TMPDIR/wrong.csv" >/dev/null 2>&1
"$PACTUM" undo --ledger "$acts" --recorded-on 2025-03-01 --backdated-because "a wrong figure" 3 >/dev/null
expect_status "acts: the good ledger settles" 0 "$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$acts" --as-known-on 2025-02-20
expect_status "acts: ... and lists" 0 "$PACTUM" imports --ledger "$acts"
acts_tamper() { # NAME SQL EXPECTED [OPTION...]: every report, and the listing, refuse the edit
  name=$1
  edit=$2
  want=$3
  shift 3
  db=$TMPDIR/acts-$name.db
  cp "$acts" "$db"
  sqlite3 "$db" "PRAGMA ignore_check_constraints = ON; $edit"
  for c in "settle" "statement --on 2025-12-31" "audit --on 2025-12-31"; do
    # shellcheck disable=SC2086
    expect_status "acts: $name: $c fails" 1 "$PACTUM" $c --agreement tests/settle/amended.pact --ledger "$db" "$@"
    expect_contains "acts: $name: $c says what" "$OUT" "$want"
  done
  [ "${LISTED:-1}" = 1 ] || return 0 # the listing reads no events
  expect_status "acts: $name: imports fails" 1 "$PACTUM" imports --ledger "$db"
  expect_contains "acts: $name: imports says what" "$OUT" "$want"
  out=$("$PACTUM" imports --ledger "$db" --json)
  jq_eq "acts: $name: imports --json says what" "$out" '[.diagnostics[] | .code]' '["E1220"]'
}
# An undo moved later: as known on the days between, e9 would count again.
acts_tamper undo-day "UPDATE undos SET recorded_on = '2025-12-01' WHERE import_seq = 3" \
  "error[E1220]: import 3 ($TMPDIR/wrong.csv) does not match its checksum: its undo (withdrawn on 2025-12-01) was changed (its day, time, count, recorder or the reason it was backdated)"
acts_tamper undo-time "UPDATE undos SET recorded_at = '2025-03-01T09:00:00Z' WHERE import_seq = 3" \
  "error[E1220]: import 3 ($TMPDIR/wrong.csv) does not match its checksum: its undo (withdrawn on 2025-03-01) was changed" --as-held-on 2025-06-01
acts_tamper undo-who "UPDATE acts SET as_party = 'globex' WHERE act = 'undo'" \
  "error[E1220]: import 3 ($TMPDIR/wrong.csv) does not match its checksum: its undo (withdrawn on 2025-03-01) was changed"
acts_tamper undo-reason "UPDATE acts SET backdated = 'routine' WHERE act = 'undo'" \
  "error[E1220]: import 3 ($TMPDIR/wrong.csv) does not match its checksum: its undo (withdrawn on 2025-03-01) was changed"
# An undo taken back by hand: its events moved back, its row deleted.
acts_tamper undo-removed "INSERT INTO events SELECT * FROM withdrawn WHERE import_seq = 3; DELETE FROM withdrawn; DELETE FROM undos" \
  "error[E1220]: import 3 ($TMPDIR/wrong.csv) does not match its checksum: its undo was removed (undos)"
# A withdrawn event's figure changed: read as known on a day before the undo.
LISTED=0
acts_tamper withdrawn "UPDATE withdrawn SET amount_minor = 1 WHERE id = 'e9'" \
  "error[E1220]: import 3 ($TMPDIR/wrong.csv) does not match its checksum: the values of its events were changed" --as-known-on 2025-02-20
LISTED=1
acts_tamper import-reason "UPDATE acts SET backdated = 'routine' WHERE act = 'import'" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: its record (file, days, counts, party or the reason it was backdated) was changed"
acts_tamper import-reason-gone "DELETE FROM acts WHERE act = 'import' AND import_seq = 1" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: its record (file, days, counts, party or the reason it was backdated) was changed"
acts_tamper import-time "UPDATE imports SET recorded_at = '2025-01-10T09:00:00Z' WHERE seq = 1" \
  "error[E1220]: import 1 (tests/settle/amended.csv) does not match its checksum: its record (file, days, counts, party or the reason it was backdated) was changed"
acts_tamper import-recorder "UPDATE imports SET as_party = 'globex' WHERE seq = 2" \
  "error[E1220]: import 2 (tests/settle/payments.csv) does not match its checksum: its record (file, days, counts, party or the reason it was backdated) was changed"

# Void restatements: Microsoft's "restatement" of OpenAI's revenue, recorded first, is void.
A=$AGREEMENT
void=$TMPDIR/void.db
"$PACTUM" init --ledger "$void" >/dev/null
printf 'id,kind,date,party,stream,amount,currency,ref\ns1,revenue,2026-05-01,microsoft,chatgpt,0.01,USD,rev-1\n' >"$TMPDIR/ms.csv"
printf 'id,kind,date,party,stream,amount,currency,ref\nrev-1,revenue,2026-05-01,openai,chatgpt,1000000000.00,USD,\n' >"$TMPDIR/oa.csv"
"$PACTUM" import --ledger "$void" --agreement $A --as microsoft "$TMPDIR/ms.csv" >/dev/null 2>&1
"$PACTUM" import --ledger "$void" --agreement $A --as openai "$TMPDIR/oa.csv" >/dev/null 2>&1
expect_status "void: the good ledger settles" 0 "$PACTUM" settle --agreement $A --ledger "$void"
void_tamper() { # NAME SQL EXPECTED
  db=$TMPDIR/void-$1.db
  cp "$void" "$db"
  sqlite3 "$db" "$2"
  expect_status "void: $1: settle fails" 1 "$PACTUM" settle --agreement $A --ledger "$db"
  expect_contains "void: $1: settle says what" "$OUT" "$3"
  expect_status "void: $1: imports fails" 1 "$PACTUM" imports --ledger "$db"
  expect_contains "void: $1: imports says what" "$OUT" "$3"
}
# Deleted, 's1' would restate 1,000,000,000.00 to 0.01.
void_tamper removed "DELETE FROM void_superseders" \
  "error[E1220]: import 2 ($TMPDIR/oa.csv) does not match its checksum: its record that 's1' takes no effect was removed (void_superseders)"
void_tamper added "INSERT INTO void_superseders VALUES ('rev-2', 'rev-0', 'none', 2)" \
  "error[E1220]: import 2 ($TMPDIR/oa.csv) does not match its checksum: its record that 'rev-2' takes no effect (on 'rev-0') has no checksum (void_superseders)"
void_tamper changed "UPDATE void_superseders SET target = 'rev-9'" \
  "error[E1220]: import 2 ($TMPDIR/oa.csv) does not match its checksum: its record that 's1' takes no effect (on 'rev-9') was changed (void_superseders)"

# A ledger whose undos were made by an earlier pactum, without checksums: its next write
# checksums them, and from then on they are checked.
old=$TMPDIR/old.db
cp "$acts" "$old"
sqlite3 "$old" "DELETE FROM pactum_meta WHERE key LIKE 'undo:%' OR key = 'acts-checksums'; UPDATE undos SET recorded_on = '2025-04-01'"
expect_status "old: read as before" 0 "$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$old"
printf 'id,kind,date,party,stream,amount,currency\nn1,revenue,2024-02-02,globex,software,1.00,USD\n' >"$TMPDIR/n1.csv"
"$PACTUM" import --ledger "$old" "$TMPDIR/n1.csv" >/dev/null 2>&1
expect_eq "old: the write checksums the undo" "$(sqlite3 "$old" "SELECT count(*) FROM pactum_meta WHERE key = 'undo:3' OR key = 'acts-checksums'")" "2"
sqlite3 "$old" "UPDATE undos SET recorded_on = '2025-05-01'"
expect_status "old: an edit after it is refused" 1 "$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$old"
expect_contains "old: ... named" "$OUT" "error[E1220]: import 3 ($TMPDIR/wrong.csv) does not match its checksum: its undo (withdrawn on 2025-05-01) was changed"

# With the constraints on, SQLite itself refuses the edits (sqlite3 exits 19, SQLITE_CONSTRAINT).
cp "$good" "$TMPDIR/checked.db"
expect_status "tamper: the schema refuses a non-numeric amount" 19 sqlite3 "$TMPDIR/checked.db" "UPDATE events SET amount_minor = 'abc' WHERE id = 'e1'"
expect_contains "tamper: ... as a constraint" "$OUT" "CHECK constraint failed"
expect_status "tamper: the schema refuses an end before the date" 19 sqlite3 "$TMPDIR/checked.db" "UPDATE events SET end_date = '2024-03-01' WHERE id = 'e1'"
expect_status "tamper: the schema refuses a negative payment" 19 sqlite3 "$TMPDIR/checked.db" "UPDATE events SET amount_minor = -500 WHERE id = 'pay4'"
expect_status "tamper: the refused edits changed nothing" 0 "$PACTUM" settle --agreement tests/settle/amended.pact --ledger "$TMPDIR/checked.db"

finish

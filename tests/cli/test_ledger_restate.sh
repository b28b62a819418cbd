# test_ledger_restate.sh -- in a ledger, as in event files, an event is superseded once: a second
# restatement (or correction) of an event another already supersedes is refused, naming the
# first and saying what to do, whatever the order of the imports; nothing of its file lands.
. tests/cli/lib.sh

A=tests/settle/amended.pact
head='id,kind,date,party,stream,amount,currency,ref'
printf '%s\nra,revenue,2024-01-15,globex,software,200.00,USD,e5\n' "$head" >"$TMPDIR/ra.csv"
printf '%s\nrb,revenue,2024-01-15,globex,software,300.00,USD,e5\n' "$head" >"$TMPDIR/rb.csv"
printf '%s\nra,revenue,2024-01-15,globex,software,200.00,USD,e5\nrb,revenue,2024-01-15,globex,software,300.00,USD,e5\n' "$head" >"$TMPDIR/both.csv"
totals() { "$PACTUM" settle --agreement $A --ledger "$1" --json 2>/dev/null | jq -c '[.totals[0].amount, .totals[0].amount_without_cap]'; }
rows() { sqlite3 "$1" "SELECT * FROM events ORDER BY id; SELECT seq, file, added, known FROM imports ORDER BY seq"; }
fresh() { rm -f "$1"; "$PACTUM" init --ledger "$1" >/dev/null; }

# e, then ra: ra restates e5 (123.45 -> 200.00). 2024-Q1's base is 200.00 + 0.02 = 200.02, 10% =
# 20.002, owed 20.00 (was 12.35): totals 1,042.35 - 12.35 + 20.00 = 1,050.00, and without the
# caps 1,096.35 + 7.65 = 1,104.00.
db=$TMPDIR/one.db
fresh "$db"
"$PACTUM" import --ledger "$db" tests/settle/amended.csv >/dev/null
expect_status "the first restatement" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/ra.csv"
expect_eq "the first restatement settles" "$(totals "$db")" '["1050.00","1104.00"]'
before=$(cksum <"$db")
rows_before=$(rows "$db")
expect_status "a second restatement" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/rb.csv"
expect_contains "a second restatement" "$OUT" "rb.csv:2: error[E1211]: revenue 'rb' restates 'e5', which 'ra' already restates ($TMPDIR/ra.csv:2)"
expect_contains "a second restatement: what to do" "$OUT" "= help: an event is superseded once: restate 'ra' instead"
expect_contains "a second restatement: nothing written" "$OUT" "rb.csv: not imported; the ledger is as it was"
expect_eq "a second restatement: the file as it was" "$(cksum <"$db")" "$before"
expect_eq "a second restatement: the rows as they were" "$(rows "$db")" "$rows_before"
expect_eq "a second restatement: the settlement as it was" "$(totals "$db")" '["1050.00","1104.00"]'
# What the help says to do: restate the restatement (300.00: 300.02 at 10% = 30.002, owed 30.00).
printf '%s\nrc,revenue,2024-01-15,globex,software,300.00,USD,ra\n' "$head" >"$TMPDIR/rc.csv"
expect_status "restating the restatement" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/rc.csv"
expect_eq "restating the restatement settles" "$(totals "$db")" '["1060.00","1114.00"]'
# The same restatement again is no second one.
expect_status "the first restatement again" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/ra.csv"
expect_contains "the first restatement again" "$OUT" "ra.csv: 0 events imported, 1 already in the ledger"

# rb before ra, in separate imports: rb is the first, and ra is refused naming it.
db=$TMPDIR/two.db
fresh "$db"
"$PACTUM" import --ledger "$db" tests/settle/amended.csv "$TMPDIR/rb.csv" >/dev/null
before=$(cksum <"$db")
expect_status "rb, then ra" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/ra.csv"
expect_contains "rb, then ra" "$OUT" "ra.csv:2: error[E1211]: revenue 'ra' restates 'e5', which 'rb' already restates ($TMPDIR/rb.csv:2)"
expect_contains "rb, then ra: what to do" "$OUT" "= help: an event is superseded once: restate 'rb' instead"
expect_eq "rb, then ra: the ledger as it was" "$(cksum <"$db")" "$before"
# 300.02 at 10%: 30.00 owed in 2024-Q1: 1,060.00 and 1,114.00.
expect_eq "rb, then ra: rb stands" "$(totals "$db")" '["1060.00","1114.00"]'

# Both restatements before the event they restate: the second is refused all the same.
db=$TMPDIR/early.db
fresh "$db"
expect_status "a restatement before its event" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/rb.csv"
expect_contains "a restatement before its event" "$OUT" "warning[W1206]: revenue 'rb' restates 'e5', which the ledger does not hold"
expect_status "a second one before the event" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/ra.csv"
expect_contains "a second one before the event" "$OUT" "ra.csv:2: error[E1211]: revenue 'ra' restates 'e5', which 'rb' already restates ($TMPDIR/rb.csv:2)"

# Both in one import: the later line is refused, naming the earlier; the file writes nothing.
db=$TMPDIR/both.db
fresh "$db"
"$PACTUM" import --ledger "$db" tests/settle/amended.csv >/dev/null
before=$(cksum <"$db")
expect_status "both in one file" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/both.csv"
expect_contains "both in one file" "$OUT" "both.csv:3: error[E1211]: revenue 'rb' restates 'e5', which 'ra' already restates ($TMPDIR/both.csv:2)"
case "$OUT" in *"both.csv:2: error"*) fail "both in one file: the first is refused too" ;; *) pass ;; esac
expect_eq "both in one file: nothing written" "$(cksum <"$db")" "$before"
expect_eq "both in one file: nothing of it in the ledger" "$(sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE id IN ('ra', 'rb')")" "0"

# A restatement of a withdrawn event: it stays withdrawn.
printf 'id,kind,date,party,stream,amount,currency,ref\nc9,correction,2024-01-15,globex,,,,e5\n' >"$TMPDIR/c9.csv"
expect_status "a correction" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/c9.csv"
expect_status "a restatement of a withdrawn event" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/rb.csv"
expect_contains "a restatement of a withdrawn event" "$OUT" "rb.csv:2: error[E1211]: revenue 'rb' restates 'e5', which correction 'c9' already withdrew ($TMPDIR/c9.csv:2)"
expect_contains "a restatement of a withdrawn event: what to do" "$OUT" "= help: an event is superseded once: 'e5' stays withdrawn; record the figure as a new event with its own id"

# The wording is the one event files use (E1109), with the ledger's code.
files=$("$PACTUM" settle --agreement $A --events tests/settle/amended.csv "$TMPDIR/both.csv" 2>&1)
expect_contains "event files say the same" "$files" "both.csv:3: error[E1109]: revenue 'rb' restates 'e5', which 'ra' already restates ($TMPDIR/both.csv:2)"

# Once the first restatement's import is undone, the second may stand.
db=$TMPDIR/undo.db
fresh "$db"
"$PACTUM" import --ledger "$db" tests/settle/amended.csv "$TMPDIR/ra.csv" >/dev/null
"$PACTUM" undo --ledger "$db" 2 >/dev/null
expect_status "after the undo of the first" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/rb.csv"
expect_eq "after the undo of the first: the second stands" "$(totals "$db")" '["1060.00","1114.00"]'
finish

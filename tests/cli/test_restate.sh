# test_restate.sh -- restatements and corrections: the event a later one supersedes counts no
# more, in event files and in the ledger alike; the ledger keeps both and answers "as known on".
. tests/cli/lib.sh

A=tests/settle/amended.pact
files="tests/settle/amended.csv tests/settle/payments.csv"
totals='.totals[0] | [.amount, .amount_without_cap]'

# Before: Q1 has e5 (123.45) in its base of 123.47; pay2 paid 100.00.
json=$("$PACTUM" settle --agreement $A --events $files --json 2>/dev/null)
jq_eq "before" "$json" "$totals" '["1042.35","1096.35"]'

# e5r restates e5 as 223.45: Q1's base is 223.47 and its amount 22.35 (10%, half-even).
expect_status "restated, from files" 0 "$PACTUM" settle --agreement $A --events $files tests/settle/restated.csv --json
json=$(printf '%s' "$OUT" | sed -n '/^{/,$p')
jq_eq "restated Q1" "$json" '.obligations[0] | [.period, .base, .amount]' '["2024-Q1","223.47","22.35"]'
jq_eq "restated totals" "$json" "$totals" '["1052.35","1106.35"]'
# The first pass's warnings are said once, not once per pass.
warnings=$("$PACTUM" settle --agreement $A --events $files tests/settle/restated.csv 2>&1 >/dev/null | grep -c 'warning\[W1101\]')
expect_eq "warnings said once" "$warnings" 1

# c1 withdraws pay2 (100.00): on 2024-12-01 only pay1's 12.35 is paid.
st=$("$PACTUM" statement --agreement $A --events $files tests/settle/restated.csv --on 2024-12-01 --json 2>/dev/null)
# (owed on 2024-12-01: the periods so far; 2025-Q2's 6.00 has not accrued yet)
jq_eq "correction withdraws a payment" "$st" '.balances[0] | [.owed, .paid]' '["1046.35","12.35"]'

# A restatement of a restatement: the last one counts.
printf 'id,kind,date,party,stream,amount,currency,ref\ne5r2,revenue,2024-01-15,globex,software,23.45,USD,e5r\n' >"$TMPDIR/again.csv"
json=$("$PACTUM" settle --agreement $A --events $files tests/settle/restated.csv "$TMPDIR/again.csv" --json 2>/dev/null)
jq_eq "restated twice" "$json" '.obligations[0] | [.base, .amount]' '["23.47","2.35"]'

# Mistakes, located: a restatement of another kind, an event naming itself, a ref to nothing.
printf 'id,kind,date,party,stream,amount,currency,ref\nx1,revenue,2024-02-01,globex,software,1.00,USD,pay1\n' >"$TMPDIR/wrong.csv"
expect_status "wrong kind, from files" 1 "$PACTUM" settle --agreement $A --events $files "$TMPDIR/wrong.csv"
expect_contains "wrong kind" "$OUT" "wrong.csv:2: error[E1106]: revenue 'x1' restates 'pay1', a payment event"
printf 'id,kind,date,party,stream,amount,currency,ref\nx2,revenue,2024-02-02,globex,software,1.00,USD,x2\n' >"$TMPDIR/self.csv"
expect_status "names itself, from files" 1 "$PACTUM" settle --agreement $A --events $files "$TMPDIR/self.csv"
expect_contains "names itself" "$OUT" "self.csv:2: error[E1106]: event 'x2' names itself in ref"
printf 'id,kind,date,party,stream,amount,currency,ref\nx3,revenue,2024-02-01,globex,software,1.00,USD,nothing\n' >"$TMPDIR/dangling.csv"
expect_status "ref to nothing, from files" 0 "$PACTUM" settle --agreement $A --events $files "$TMPDIR/dangling.csv"
expect_contains "ref to nothing" "$OUT" "dangling.csv:2: warning[W1107]: revenue 'x3' restates 'nothing', which no event file holds"

# The ledger: both events are kept; reports read the ones in force, or what was known on a day.
db=$TMPDIR/ledger.db
"$PACTUM" init --ledger "$db" >/dev/null
expect_status "import original" 0 "$PACTUM" import --ledger "$db" --recorded-on 2025-01-10 --backdated-because "the 2024 files, as first known" $files
expect_status "import restatement" 0 "$PACTUM" import --ledger "$db" --recorded-on 2025-02-10 --backdated-because "the restatement, as first known" tests/settle/restated.csv
expect_eq "both kept" "$(sqlite3 "$db" "SELECT count(*) FROM events WHERE id IN ('e5', 'e5r', 'pay2', 'c1')")" 4
json=$("$PACTUM" settle --agreement $A --ledger "$db" --json 2>/dev/null)
jq_eq "ledger, as known now" "$json" "$totals" '["1052.35","1106.35"]'
json=$("$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-02-09 --json 2>/dev/null)
jq_eq "ledger, as known before the restatement" "$json" "$totals" '["1042.35","1096.35"]'
json=$("$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-02-10 --json 2>/dev/null)
jq_eq "ledger, as known on the day of the restatement" "$json" "$totals" '["1052.35","1106.35"]'
json=$("$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-01-09 --json 2>/dev/null)
jq_eq "ledger, as known before anything" "$json" '.totals' '[]'
st=$("$PACTUM" statement --agreement $A --ledger "$db" --on 2024-12-01 --as-known-on 2025-01-31 --json 2>/dev/null)
jq_eq "statement as known before the correction" "$st" '.balances[0] | [.owed, .paid]' '["1036.35","112.35"]'
# explain lists the events in force, from the ledger, with the files they came from.
expect_status "explain from the ledger" 0 "$PACTUM" explain --agreement $A --ledger "$db" --clause fee --period 2024-Q1
expect_contains "explain lists the restatement" "$OUT" "e5r"
expect_contains "explain names its file" "$OUT" "tests/settle/restated.csv:2"
case "$OUT" in *"e5 "*) fail "explain lists the superseded e5" ;; *) pass ;; esac

# The ledger refuses a restatement of another kind, naming both; nothing is written.
before=$(cksum <"$db")
printf 'id,kind,date,party,stream,amount,currency,ref\nx1,revenue,2024-02-01,globex,software,1.00,USD,pay1\n' >"$TMPDIR/kind.csv"
expect_status "wrong kind, ledger" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/kind.csv"
expect_contains "wrong kind, ledger" "$OUT" "kind.csv:2: error[E1205]: revenue 'x1' restates 'pay1', a payment event (tests/settle/payments.csv:2)"
expect_eq "wrong kind leaves the ledger" "$(cksum <"$db")" "$before"
printf 'id,kind,date,party,stream,amount,currency,ref\nx2,revenue,2024-02-01,globex,software,1.00,USD,x2\n' >"$TMPDIR/self.csv"
expect_status "names itself, ledger" 1 "$PACTUM" import --ledger "$db" "$TMPDIR/self.csv"
expect_contains "names itself, ledger" "$OUT" "self.csv:2: error[E1205]: event 'x2' names itself in ref"
# A restatement that arrives before what it restates is kept, and supersedes it on arrival.
other=$TMPDIR/other.db
"$PACTUM" init --ledger "$other" >/dev/null
expect_status "restatement first" 0 "$PACTUM" import --ledger "$other" tests/settle/restated.csv
expect_contains "restatement first" "$OUT" "restated.csv:2: warning[W1206]: revenue 'e5r' restates 'e5', which the ledger does not hold"
"$PACTUM" import --ledger "$other" $files >/dev/null 2>&1
json=$("$PACTUM" settle --agreement $A --ledger "$other" --json 2>/dev/null)
jq_eq "restatement first, original later" "$json" "$totals" '["1052.35","1106.35"]'
# An earlier restatement of another kind is named when its target arrives.
third=$TMPDIR/third.db
"$PACTUM" init --ledger "$third" >/dev/null
"$PACTUM" import --ledger "$third" "$TMPDIR/kind.csv" >/dev/null 2>&1
expect_status "target of another kind arrives" 1 "$PACTUM" import --ledger "$third" tests/settle/payments.csv
expect_contains "target of another kind arrives" "$OUT" "payments.csv:2: error[E1205]: payment 'pay1' is restated by 'x1', a revenue event"

# Usage: --as-known-on needs a ledger; --recorded-on needs a date.
expect_status "as-known-on with files" 2 "$PACTUM" settle --agreement $A --events $files --as-known-on 2025-01-01
expect_contains "as-known-on with files" "$OUT" "--as-known-on reads a ledger"
expect_status "recorded-on not a date" 2 "$PACTUM" import --ledger "$db" --recorded-on 2025-13-01 tests/settle/restated.csv
expect_status "both events and ledger" 2 "$PACTUM" settle --agreement $A --events $files --ledger "$db"
finish

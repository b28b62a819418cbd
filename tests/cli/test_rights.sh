# test_rights.sh -- import --as PARTY: each party records only the events that are its own to
# record, as the agreement says; a file with one it may not record writes nothing.
. tests/cli/lib.sh

db=$TMPDIR/rights.db
"$PACTUM" init --ledger "$db" >/dev/null
as() { party=$1; shift; expect_status "$WHAT" "$WANT" "$PACTUM" import --ledger "$db" --agreement "$AGREEMENT" --as "$party" "$@"; }
head='id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref'

# Its own revenue, offers and launches: recorded.
printf '%s\nr1,revenue,2026-05-01,2026-05-31,openai,,chatgpt,,100.00,USD,\no1,offer,2026-05-02,,openai,microsoft,gpt-7,product,,,\n' "$head" >"$TMPDIR/own.csv"
WHAT="own events" WANT=0 as openai "$TMPDIR/own.csv"
expect_contains "own events" "$OUT" "own.csv: 2 events imported"

before=$(cksum <"$db")
refused() { # refused NAME PARTY ROW EXPECTED-MESSAGE
  printf '%s\n%s\n' "$head" "$3" >"$TMPDIR/$1.csv"
  WHAT="$1" WANT=1 as "$2" "$TMPDIR/$1.csv"
  expect_contains "$1" "$OUT" "$1.csv:2: error[E1207]: $4"
  expect_eq "$1 leaves the ledger as it was" "$(cksum <"$db")" "$before"
}
refused others-revenue openai 'r2,revenue,2026-05-01,,microsoft,,azure-openai,,5.00,USD,' \
  "openai may not record revenue 'r2': the earner reports its revenue: 'r2' is microsoft's"
refused others-payment openai 'p1,payment,2026-06-01,,microsoft,openai,,,5.00,USD,' \
  "openai may not record payment 'p1': only the payer records a payment: 'p1' is microsoft's"
refused answer-for-another openai 'a1,response,2026-05-03,,microsoft,,,unable,,,o1' \
  "openai may not record response 'a1': only the provider offered to may answer an offer: 'a1' is microsoft's"
refused answer-to-nothing microsoft 'a2,response,2026-05-03,,microsoft,,,unable,,,o9' \
  "microsoft may not record response 'a2': a response answers an offer in the ledger, and 'o9' is none"
refused board-verifies openai-board 'm1,milestone,2027-01-01,,openai-board,,,agi_verified,,,' \
  "openai-board may not record milestone 'm1': only expert-panel may declare agi-verified"
refused openai-declares openai 'm2,milestone,2027-01-01,,openai,,,agi_declared,,,' \
  "openai may not record milestone 'm2': only openai-board may declare agi-declared"
refused no-such-milestone openai-board 'm3,milestone,2027-01-01,,openai-board,,,singularity,,,' \
  "openai-board may not record milestone 'm3': the agreement has no milestone 'singularity'"
refused corrects-others microsoft 'c1,correction,2026-06-01,,microsoft,,,,,,r1' \
  "microsoft may not record correction 'c1': 'c1' supersedes 'r1', which is not microsoft's to record"

# The provider offered to answers; the board declares; the panel verifies; a correction of one's own.
printf '%s\na3,response,2026-05-03,,microsoft,,,unable,,,o1\n' "$head" >"$TMPDIR/answer.csv"
WHAT="the provider answers" WANT=0 as microsoft "$TMPDIR/answer.csv"
printf '%s\nm4,milestone,2028-06-30,,openai-board,,,agi_declared,,,\n' "$head" >"$TMPDIR/board.csv"
WHAT="the board declares" WANT=0 as openai-board "$TMPDIR/board.csv"
printf '%s\nm5,milestone,2029-01-01,,expert-panel,,,agi-verified,,,\n' "$head" >"$TMPDIR/panel.csv"
WHAT="the panel verifies" WANT=0 as expert-panel "$TMPDIR/panel.csv"
printf '%s\nr1b,revenue,2026-05-01,2026-05-31,openai,,chatgpt,,120.00,USD,r1\n' "$head" >"$TMPDIR/restate.csv"
WHAT="its own restatement" WANT=0 as openai "$TMPDIR/restate.csv"

# Every refused row of a file is reported, not only the first.
printf '%s\nx1,revenue,2026-05-01,,microsoft,,azure-openai,,5.00,USD,\nx2,payment,2026-06-01,,microsoft,openai,,,5.00,USD,\n' "$head" >"$TMPDIR/two.csv"
WHAT="two refused rows" WANT=1 as openai "$TMPDIR/two.csv"
expect_contains "two refused rows: first" "$OUT" "two.csv:2: error[E1207]"
expect_contains "two refused rows: second" "$OUT" "two.csv:3: error[E1207]"

# Usage.
expect_status "--as needs the agreement" 2 "$PACTUM" import --ledger "$db" --as openai "$TMPDIR/own.csv"
expect_contains "--as needs the agreement" "$OUT" "--as PARTY needs the agreement"
expect_status "--as names a party" 2 "$PACTUM" import --ledger "$db" --agreement "$AGREEMENT" --as amazon "$TMPDIR/own.csv"
expect_contains "--as names a party" "$OUT" "there is no 'amazon'"
finish

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
# Who may declare a milestone: its wording in the version in force on the day the event says it
# happened (tests/settle/handover.pact: in 2024 only alpha, from 2025-01-01 only beta), the same
# rule for import --as, settle, decide and audit, from files and from a ledger.
HO=tests/settle/handover.pact
hdb=$TMPDIR/handover.db
"$PACTUM" init --ledger "$hdb" >/dev/null
ho() { party=$1; shift; expect_status "$WHAT" "$WANT" "$PACTUM" import --ledger "$hdb" --agreement "$HO" --as "$party" "$@"; }
# Revenue of 1.00 a day: 366.00 over 2024 (a leap year), 181.00 over 2025-01-01..2025-06-30.
rev='r1,revenue,2024-01-01,2024-12-31,alpha,,sales,,366.00,USD,
r2,revenue,2025-01-01,2025-06-30,alpha,,sales,,181.00,USD,'
b_early='m-b-early,milestone,2024-06-01,,beta,,,handover,,,'
a_early='m-a-early,milestone,2024-09-01,,alpha,,,handover,,,'
a_late='m-a-late,milestone,2025-03-01,,alpha,,,handover,,,'
b_late='m-b-late,milestone,2025-04-01,,beta,,,handover,,,'
printf '%s\n%s\n' "$head" "$rev" >"$TMPDIR/ho-rev.csv"
WHAT="handover: alpha's revenue" WANT=0 ho alpha "$TMPDIR/ho-rev.csv"
ho_refused() { # ho_refused NAME PARTY ROW EXPECTED-MESSAGE
  printf '%s\n%s\n' "$head" "$3" >"$TMPDIR/$1.csv"
  WHAT="$1" WANT=1 ho "$2" "$TMPDIR/$1.csv"
  expect_contains "$1" "$OUT" "$1.csv:2: error[E1207]: $4"
}
ho_refused ho-beta-2024 beta "$b_early" \
  "beta may not record milestone 'm-b-early': only alpha may declare handover on 2024-06-01, as version v1 words it"
ho_refused ho-alpha-2025 alpha "$a_late" \
  "alpha may not record milestone 'm-a-late': only beta may declare handover on 2025-03-01, as version v2 words it"
ho_refused ho-before-any beta 'm-x,milestone,2023-06-01,,beta,,,handover,,,' \
  "beta may not record milestone 'm-x': only alpha may declare handover on 2023-06-01, as version v1 words it (the first version to have it, after that day)"
printf '%s\n%s\n' "$head" "$a_early" >"$TMPDIR/ho-a.csv"
WHAT="handover: alpha declares in 2024" WANT=0 ho alpha "$TMPDIR/ho-a.csv"
printf '%s\n%s\n' "$head" "$b_late" >"$TMPDIR/ho-b.csv"
WHAT="handover: beta declares in 2025" WANT=0 ho beta "$TMPDIR/ho-b.csv"

# The same events as files: early (beta's 2024 record ignored, alpha's counts) and late (alpha's
# 2025 record ignored, beta's counts). fee is 10% of alpha's revenue until the handover:
#   early, ended from 2024-09-01: Q1 91 days 9.10 + Q2 91 days 9.10 + Q3 Jul-Aug 62 days 6.20 = 24.40
#   late, ended from 2025-04-01: 2024 9.10 + 9.10 + 9.20 + 9.20 = 36.60, 2025-Q1 90 days 9.00 = 45.60
printf '%s\n%s\n%s\n%s\n' "$head" "$rev" "$b_early" "$a_early" >"$TMPDIR/ho-early.csv"
printf '%s\n%s\n%s\n%s\n' "$head" "$rev" "$a_late" "$b_late" >"$TMPDIR/ho-late.csv"
for run in early:24.40:2024-08-31:m-b-early late:45.60:2025-03-31:m-a-late; do
  set -- $(printf '%s' "$run" | tr ':' ' ')
  name=$1 total=$2 last=$3 ignored=$4
  expect_status "settle $name" 0 "$PACTUM" settle --agreement "$HO" --events "$TMPDIR/ho-$name.csv" --json
  jq_eq "settle $name: total" "$OUT" '.totals[0].amount' "\"$total\""
  jq_eq "settle $name: last day accrued" "$OUT" '[.obligations[].last] | max' "\"$last\""
  jq_eq "settle $name: the other record ignored" "$OUT" '[.diagnostics[] | select(.code == "W1101") | .message | test("recorded by .(alpha|beta)., who may not declare it")]' '[true]'
  expect_status "audit $name" 0 "$PACTUM" audit --agreement "$HO" --events "$TMPDIR/ho-$name.csv" --on 2025-12-31 --json
  jq_eq "audit $name: overdue" "$OUT" '[.breaches[] | select(.kind == "payment_overdue") | .outstanding | tonumber] | add * 100 | round' "$(printf '%s' "$total" | tr -d .)"
done
settle_text() { "$PACTUM" settle --agreement "$HO" "$@" 2>&1; }
expect_contains "settle early: why ignored" "$(settle_text --events "$TMPDIR/ho-early.csv")" \
  "ho-early.csv:4: warning[W1101]: milestone 'handover' recorded by 'beta', who may not declare it (only alpha may declare handover on 2024-06-01, as version v1 words it); ignored"
expect_contains "settle late: why ignored" "$(settle_text --events "$TMPDIR/ho-late.csv")" \
  "ho-late.csv:4: warning[W1101]: milestone 'handover' recorded by 'alpha', who may not declare it (only beta may declare handover on 2025-03-01, as version v2 words it); ignored"

# decide: the licence ends with the handover that counts.
use_on() { # use_on WHAT EXPECTED-DECISION DATE EVENTS...
  use_what=$1 use_want=$2 use_day=$3; shift 3
  expect_status "$use_what" 0 "$PACTUM" decide use --agreement "$HO" "$@" --licensee alpha --subject products --on "$use_day" --json
  jq_eq "$use_what" "$OUT" '.decision' "\"$use_want\""
}
use_on "decide early 2024-08-31" permitted 2024-08-31 --events "$TMPDIR/ho-early.csv"
jq_eq "decide early: beta's ignored" "$OUT" '.reason | test("m-b-early.*ignored: only alpha may declare handover on 2024-06-01, as version v1 words it")' true
use_on "decide early 2024-09-01" not_permitted 2024-09-01 --events "$TMPDIR/ho-early.csv"
use_on "decide early 2025-03-15" not_permitted 2025-03-15 --events "$TMPDIR/ho-early.csv"
jq_eq "decide early 2025: ended by alpha's 2024 record" "$OUT" '.reason | test("ended when handover was recorded on 2024-09-01 [(].m-a-early.[)]")' true
use_on "decide late 2025-03-31" permitted 2025-03-31 --events "$TMPDIR/ho-late.csv"
jq_eq "decide late: alpha's ignored" "$OUT" '.reason | test("m-a-late.*ignored: only beta may declare handover on 2025-03-01, as version v2 words it")' true
use_on "decide late 2025-04-01" not_permitted 2025-04-01 --events "$TMPDIR/ho-late.csv"

# From the ledger: what the parties could import (revenue, m-a-early, m-b-late) ends the fee
# from 2024-09-01: 24.40. A ledger loaded without --as holding all four records says the same.
expect_status "settle ledger (imported --as)" 0 "$PACTUM" settle --agreement "$HO" --ledger "$hdb" --json
jq_eq "settle ledger (imported --as): total" "$OUT" '.totals[0].amount' '"24.40"'
all=$TMPDIR/handover-all.db
"$PACTUM" init --ledger "$all" >/dev/null
printf '%s\n%s\n%s\n%s\n%s\n%s\n' "$head" "$rev" "$b_early" "$a_early" "$a_late" "$b_late" >"$TMPDIR/ho-all.csv"
expect_status "import all, trusted" 0 "$PACTUM" import --ledger "$all" --agreement "$HO" "$TMPDIR/ho-all.csv"
expect_status "settle ledger (trusted)" 0 "$PACTUM" settle --agreement "$HO" --ledger "$all" --json
jq_eq "settle ledger (trusted): total" "$OUT" '.totals[0].amount' '"24.40"'
jq_eq "settle ledger (trusted): two ignored" "$OUT" '[.diagnostics[] | select(.code == "W1101")] | length' 2
expect_status "audit ledger" 0 "$PACTUM" audit --agreement "$HO" --ledger "$all" --on 2025-12-31 --json
jq_eq "audit ledger: overdue" "$OUT" '[.breaches[] | select(.kind == "payment_overdue") | .outstanding]' '["9.10","9.10","6.20"]'
use_on "decide ledger 2024-08-31" permitted 2024-08-31 --ledger "$all"
use_on "decide ledger 2024-09-01" not_permitted 2024-09-01 --ledger "$all"

# A correction of a correction follows the rights of what the first one corrects: alpha's revenue.
printf '%s\nc1,correction,2024-03-01,,alpha,,,,,,r1\n' "$head" >"$TMPDIR/ho-c1.csv"
WHAT="alpha corrects its revenue" WANT=0 ho alpha "$TMPDIR/ho-c1.csv"
ho_refused ho-c2-beta beta 'c2,correction,2024-03-02,,beta,,,,,,c1' \
  "beta may not record correction 'c2': 'c2' supersedes correction 'c1' of 'r1', which is not beta's to record (the earner reports its revenue: 'r1' is alpha's)"
printf '%s\nc2,correction,2024-03-02,,alpha,,,,,,c1\n' "$head" >"$TMPDIR/ho-c2.csv"
WHAT="alpha corrects its correction" WANT=0 ho alpha "$TMPDIR/ho-c2.csv"
# ... and of a milestone, the rights of its wording on the milestone's day.
ho_refused ho-cm-beta beta 'cm,correction,2025-05-01,,beta,,,,,,m-a-early' \
  "beta may not record correction 'cm': 'cm' supersedes 'm-a-early', which is not beta's to record (only alpha may declare handover on 2024-09-01, as version v1 words it)"
finish

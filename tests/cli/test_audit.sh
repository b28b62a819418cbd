# test_audit.sh -- pactum audit: open obligations (answers due, payments due, commitments) and
# breaches (launches, uses and grants the terms did not permit, payments overdue) on a day.
. tests/cli/lib.sh

EV=tests/audit/events.csv
json=$("$PACTUM" audit --agreement "$AGREEMENT" --events $EV --on 2026-11-27 --json 2>/dev/null)
expect_eq "audit runs" "$?" 0
jq_eq "open obligations" "$json" '[.obligations[] | [.kind, .clause, .version]]' \
  '[["answer_due","azure-cloud","2026-04-27"],["payment_accruing","openai-pays-microsoft","2026-04-27"],["commitment","microsoft-investment","2023-01-23"],["commitment","azure-commitment","2025-10-28"]]'
jq_eq "the answer due" "$json" '.obligations[0] | [.due, .reason, [.events[].id]]' \
  '["2026-12-20","microsoft must answer offer '"'"'o-new'"'"' for '"'"'gpt-8'"'"' from openai",["o-new"]]'
# 2026-Q4 is still running on 2026-11-27: rev-q4 (all of it in October) accrued 20% x 500,000.00.
jq_eq "the payment accruing" "$json" '.obligations[1] | [.period, .amount, .paid, .outstanding, .due]' \
  '["2026-Q4","100000.00","0.00","100000.00","2027-02-14"]'
# Purchases count from the day the commitment was made (2025-10-28): buy-0 does not.
jq_eq "what is left of the commitment" "$json" '.obligations[3] | [.amount, .bought, .remaining, .purchases]' \
  '["250000000000.00","12500000000.00","237500000000.00",2]'
jq_eq "breaches" "$json" '[.breaches[] | [.kind, .clause, .version]]' \
  '[["grant","ip-licence","2023-01-23"],["launch","azure-api","2025-10-28"],["payment_overdue","openai-pays-microsoft","2026-04-27"]]'
jq_eq "the grant breach" "$json" '.breaches[0] | [.date, [.events[].id]]' '["2024-05-01",["g-2024"]]'
jq_eq "the launch breach" "$json" '.breaches[1] | [.date, [.events[] | .id + "@" + (.line | tostring)]]' '["2025-12-01",["l-api@9"]]'
expect_contains "the launch breach says why" "$(printf '%s' "$json" | jq -r '.breaches[1].reason')" \
  "azure-api makes microsoft the exclusive cloud for openai's API products"
jq_eq "the payment overdue" "$json" '.breaches[2] | [.period, .amount, .paid, .outstanding, .due]' \
  '["2026-Q3","200000.00","150000.00","50000.00","2026-11-14"]'

# A day earlier in the story: the offer not made yet, the payment not due yet, the grant the same.
json=$("$PACTUM" audit --agreement "$AGREEMENT" --events $EV --on 2026-11-10 --json 2>/dev/null)
jq_eq "earlier: no answer due" "$json" '[.obligations[] | .kind]' '["payment_due","payment_accruing","commitment","commitment"]'
jq_eq "earlier: Q3 not overdue yet" "$json" '[.obligations[] | select(.kind | startswith("payment")) | [.period, .outstanding]]' '[["2026-Q3","50000.00"],["2026-Q4","100000.00"]]'
# On 2026-10-15 only the days of rev-q4 through that day count: 15/31 of 500,000.00 is
# 241,935.48387..., 241,935.48 by the day-split's rounding, and 20% of it 48,387.10.
json=$("$PACTUM" audit --agreement "$AGREEMENT" --events $EV --on 2026-10-15 --json 2>/dev/null)
jq_eq "mid-period: what accrued so far" "$json" '[.obligations[] | select(.kind == "payment_accruing") | [.period, .amount]]' '[["2026-Q4","48387.10"]]'
st=$("$PACTUM" statement --agreement "$AGREEMENT" --events $EV --on 2026-10-15 --json 2>/dev/null)
jq_eq "mid-period: the statement agrees" "$st" '[.obligations[] | select(.standing == "accruing") | [.period, .owed]]' '[["2026-Q4","48387.10"]]'
jq_eq "earlier: breaches" "$json" '[.breaches[] | .kind]' '["grant","launch"]'

# The table, for people.
expect_status "table" 0 "$PACTUM" audit --agreement "$AGREEMENT" --events $EV --on 2026-11-27
expect_contains "table: counts" "$OUT" "audit on 2026-11-27: 4 open obligations, 3 breaches"
expect_contains "table: answer due" "$OUT" "answer due     by 2026-12-20  azure-cloud (2026-04-27)"
expect_contains "table: overdue" "$OUT" "openai -> microsoft, 2026-Q3: USD 50,000.00 of 200,000.00 unpaid"
expect_contains "table: launch event" "$OUT" "launch    l-api 2025-12-01  tests/audit/events.csv:9"

# The same from a ledger.
db=$TMPDIR/audit.db
"$PACTUM" init --ledger "$db" >/dev/null
"$PACTUM" import --ledger "$db" $EV >/dev/null
from_ledger=$("$PACTUM" audit --agreement "$AGREEMENT" --ledger "$db" --on 2026-11-27 --json 2>/dev/null)
from_files=$("$PACTUM" audit --agreement "$AGREEMENT" --events $EV --on 2026-11-27 --json 2>/dev/null)
expect_eq "ledger and files agree" "$from_ledger" "$from_files"

# Before the agreement, and usage.
expect_status "before the agreement" 1 "$PACTUM" audit --agreement "$AGREEMENT" --events $EV --on 2018-01-01
expect_contains "before the agreement" "$OUT" "no version of the agreement is in force on 2018-01-01; its first version takes effect on 2019-07-22"
expect_status "no events" 2 "$PACTUM" audit --agreement "$AGREEMENT"
# No room is fixed: seventy commitments are seventy lines (docs/audit.md).
{
  printf 'agreement many-commitments {\n  currency USD\n  party buyer "B"\n  party seller "S"\n}\n\n'
  printf 'version v1 {\n  effective 2024-01-01\n  source contract "the test"\n  says "Seventy commitments."\n'
  for i in $(seq 1 70); do
    printf '\n  commitment buy-%02d {\n    says "Buys %d."\n    by buyer\n    to seller\n    amount USD %d million\n    of services\n  }\n' "$i" "$i" "$i"
  done
  printf '}\n'
} >"$TMPDIR/commitments.pact"
printf 'id,kind,date,party,counterparty,subject,amount,currency\np-1,purchase,2024-03-01,buyer,seller,services,500000,USD\n' >"$TMPDIR/commitments.csv"
json=$("$PACTUM" audit --agreement "$TMPDIR/commitments.pact" --events "$TMPDIR/commitments.csv" --on 2024-04-01 --json 2>/dev/null)
jq_eq "seventy commitments" "$json" '[.obligations | length, .[0].clause, .[69].clause, .[69].bought]' '[70,"buy-01","buy-70","500000.00"]'
expect_status "seventy commitments, the table" 0 "$PACTUM" audit --agreement "$TMPDIR/commitments.pact" --events "$TMPDIR/commitments.csv" --on 2024-04-01
expect_contains "seventy commitments, the table" "$OUT" "audit on 2024-04-01: 70 open obligations, 0 breaches"
expect_contains "seventy commitments, the last" "$OUT" "  commitment     buy-70 (v1)"

# An answer due whose decision rests on more events than it lists says how many more.
{
  echo 'id,kind,date,party,counterparty,stream,subject,ref'
  echo 'o-many,offer,2026-05-01,openai,microsoft,many,capacity,'
  for i in $(seq 1 15); do echo "r-$i,response,2026-05-02,microsoft,,many,unable,o-none-$i"; done
} >"$TMPDIR/orphans.csv"
json=$("$PACTUM" audit --agreement "$AGREEMENT" --events "$TMPDIR/orphans.csv" --on 2026-05-20 --json 2>/dev/null)
jq_eq "answer due: events past twelve" "$json" '.obligations[0] | [.kind, (.events | length), .reason]' \
  '["answer_due",12,"microsoft must answer offer '"'"'o-many'"'"' for '"'"'many'"'"' from openai; 4 more events not listed (an answer lists at most 12)"]'
expect_status "answer due: events past twelve, the table" 0 "$PACTUM" audit --agreement "$AGREEMENT" --events "$TMPDIR/orphans.csv" --on 2026-05-20
expect_contains "answer due: events past twelve, the table" "$OUT" "from openai; 4 more events not listed (an answer lists at most 12)"
finish

# test_settle_caps.sh -- a cap counting all versions counts what every earlier wording of the
# clause owed, whatever that wording's own counting; worked by hand to the cent.
. tests/cli/lib.sh

pact=tests/settle/all-versions.pact
ev=tests/settle/all-versions.csv
# v1 (10%, its own cap of 500.00 counting this version): 2024-Q1 10% x 800.00 = 80.00.
# v2 (20%, USD 100.00 counting all versions) counts those 80.00: 2024-Q3 20% x 500.00 = 100.00
# before the cap, room 100.00 - 80.00 = 20.00, so 20.00; 2024-Q4 60.00 before the cap, no room.
# In all 100.00, not 80.00 + 100.00 = 180.00.
out=$("$PACTUM" settle --agreement $pact --events $ev --json)
jq_eq "all versions: obligations" "$out" '[.obligations[] | [.period, .version, .amount_before_cap, .amount, .cumulative, .cap_binds]]' \
  '[["2024-Q1","v1","80.00","80.00","80.00",false],["2024-Q2","v1","0.00","0.00","80.00",false],["2024-Q3","v2","100.00","20.00","100.00",true],["2024-Q4","v2","60.00","0.00","100.00",true]]'
jq_eq "all versions: totals" "$out" '.totals[0] | [.amount, .amount_without_cap]' '["100.00","240.00"]'
expect_status "all versions: explain" 0 "$PACTUM" explain --agreement $pact --events $ev --clause fee --period 2024-Q3
expect_contains "explain: the count" "$OUT" "cap 100.00 (every version's): owed before this period 80.00, room 20.00"
expect_contains "explain: the amount" "$OUT" "amount: 20.00"

finish

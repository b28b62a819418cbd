# test_settle.sh -- settlement on hand-made scenarios whose answers are worked out by hand,
# to the cent: spans across an amendment, a quarter's end and a sunset; a cap reached
# mid-quarter; a negative adjustment; streams and parties outside the base; milestones; tiers.
. tests/cli/lib.sh

rows='[.obligations[] | [.period, .version, .first, .last, .base, .amount_before_cap, .amount, .cumulative, .due]]'

# tests/settle/amended.csv explains each event in its note column.
out=$("$PACTUM" settle --agreement tests/settle/amended.pact --events tests/settle/amended.csv --json)
# v1, 10%, ends when the IPO is recorded (2024-05-01, by Globex; Initech's record is ignored):
#   Q1 123.45 + 0.02 (e4's first day) = 123.47 -> 12.347 -> 12.35
#   Q2 April: 30 days x 10.00 + 0.01 = 300.01 -> 30.00; nothing from May 1 to May 14.
# v2, 20% from 2024-05-15 through 2025-06-30, cap 1,000.00 on its own accruals:
#   Q2 47 days x 10.00 = 470.00 -> 94.00; Q3 4,600.00 -> 920.00, capped at 906.00;
#   Q4 -100.00 -> -20.00 before the cap. Owed so far is min(cap, owed without it): without the
#   cap 94 + 920 - 20 = 994.00, so the count stands at 994.00 and Q4 owes 994 - 1000 = -6.00
#   (the 14.00 the cap cut in Q3 is not credited back); 2025-Q1 nothing; 2025-Q2 June only:
#   300.00 -> 60.00; without the cap 1,054.00 so far, capped at 1,000.00: 1000 - 994 = 6.00.
jq_eq "amended: every obligation" "$out" "$rows" '[
["2024-Q1","v1","2024-01-15","2024-03-31","123.47","12.35","12.35","12.35","2024-04-30"],
["2024-Q2","v1","2024-04-01","2024-04-30","300.01","30.00","30.00","42.35","2024-07-30"],
["2024-Q2","v2","2024-05-15","2024-06-30","470.00","94.00","94.00","94.00","2024-08-14"],
["2024-Q3","v2","2024-07-01","2024-09-30","4600.00","920.00","906.00","1000.00","2024-11-14"],
["2024-Q4","v2","2024-10-01","2024-12-31","-100.00","-20.00","-6.00","994.00","2025-02-14"],
["2025-Q1","v2","2025-01-01","2025-03-31","0.00","0.00","0.00","994.00","2025-05-15"],
["2025-Q2","v2","2025-04-01","2025-06-30","300.00","60.00","6.00","1000.00","2025-08-14"]]'
jq_eq "amended: cap binds" "$out" '[.obligations[] | .cap_binds]' '[false,false,false,true,true,false,true]'
jq_eq "amended: payer and payee" "$out" '[.obligations[0] | .payer, .payee, .clause, .rate]' '["globex","acme","fee","0.10"]'
jq_eq "amended: totals" "$out" '.totals' \
  '[{"payer":"globex","payee":"acme","amount":"1042.35","amount_without_cap":"1096.35"}]'
expect_status "amended: table" 0 "$PACTUM" settle --agreement tests/settle/amended.pact --events tests/settle/amended.csv
expect_contains "amended: table total" "$OUT" "globex -> acme: 1,042.35 (without the cap: 1,096.35)"
expect_contains "amended: ignored declarer" "$OUT" "milestone 'ipo' recorded by 'initech', who may not declare it"

# --from / --through choose the periods reported; the cap still counts what came before.
part=$("$PACTUM" settle --agreement tests/settle/amended.pact --events tests/settle/amended.csv \
  --from 2025-01-01 --through 2025-12-31 --json)
jq_eq "window: periods" "$part" '[.obligations[] | [.period, .amount, .cumulative]]' \
  '[["2025-Q1","0.00","994.00"],["2025-Q2","6.00","1000.00"]]'
jq_eq "window: totals" "$part" '.totals[0] | [.amount, .amount_without_cap]' '["6.00","60.00"]'

# Tiers: by cumulative paid (50% to 100.00 owed, then 10% to 150.00, then nothing) and by
# cumulative base (5% of the first 1,000.00 of revenue, then 2.5%, rounded half-up).
t=$("$PACTUM" settle --agreement tests/settle/tiers.pact --events tests/settle/tiers.csv --json)
jq_eq "tiers by paid" "$t" '[.obligations[] | select(.clause == "participation") | [.period, .base, .amount, .cumulative]]' \
  '[["2024-Q1","300.00","110.00","110.00"],["2024-Q2","1000.00","40.00","150.00"],["2024-Q3","50.00","0.00","150.00"]]'
jq_eq "tiers by base" "$t" '[.obligations[] | select(.clause == "royalty") | [.period, .base, .amount, .rate]]' \
  '[["2024-H1","1200.00","55.00",null],["2024-H2","0.30","0.01",null]]'
jq_eq "tiers total" "$t" '.totals[0].amount' '"205.01"'

# Fiscal years: a July start names the year by the calendar year it ends in.
fy=$("$PACTUM" settle --agreement tests/settle/fiscal.pact --events tests/settle/fiscal.csv --json)
jq_eq "fiscal years" "$fy" '[.obligations[] | [.period, .first, .last, .base, .amount, .due]]' \
  '[["FY2024","2024-06-30","2024-06-30","100.00","10.00","2024-07-30"],["FY2025","2024-07-01","2024-07-02","20.00","2.00","2025-07-30"]]'

# The reference agreement: an AGI declaration changes nothing under the 2026 terms, and the
# earlier terms end on it.
cat >"$TMPDIR/agi.csv" <<'CSV'
id,kind,date,end,party,stream,amount,currency,subject
r1,revenue,2026-01-01,2026-06-30,openai,chatgpt,18100.00,USD,
r2,revenue,2028-01-01,2028-03-31,openai,chatgpt,9100.00,USD,
m1,milestone,2028-02-01,,openai-board,,,,agi_declared
CSV
agi=$("$PACTUM" settle --agreement "$AGREEMENT" --events "$TMPDIR/agi.csv" --json)
# 2026-H1: 181 days at 100.00; Q1 (90 days) and April 1-26 (26 days) under the October 2025
# terms, April 27 - June 30 (65 days) under the 2026 terms.
jq_eq "reference: across the amendment" "$agi" \
  '[.obligations[] | select(.period == "2026-Q2" and .clause == "openai-pays-microsoft") | [.version, .first, .last, .base, .amount]]' \
  '[["2025-10-28","2026-04-01","2026-04-26","2600.00","520.00"],["2026-04-27","2026-04-27","2026-06-30","6500.00","1300.00"]]'
jq_eq "reference: AGI changes nothing in 2028" "$agi" \
  '[.obligations[] | select(.period == "2028-Q1" and .clause == "openai-pays-microsoft") | [.version, .base, .amount]]' \
  '[["2026-04-27","9100.00","1820.00"]]'
jq_eq "reference: due 45 days after the quarter" "$agi" \
  '[.obligations[] | select(.period == "2028-Q1" and .clause == "openai-pays-microsoft") | .due]' '["2028-05-15"]'

# Statements: payments set against obligations oldest first, on a date (tests/settle/payments.csv).
st=$("$PACTUM" statement --agreement tests/settle/amended.pact --events tests/settle/amended.csv \
  tests/settle/payments.csv --on 2024-12-01 --json 2>/dev/null)
jq_eq "statement: standing" "$st" '[.obligations[] | [.period, .version, .owed, .paid, .outstanding, .standing]]' '[
["2024-Q1","v1","12.35","12.35","0.00","paid"],
["2024-Q2","v1","30.00","30.00","0.00","paid"],
["2024-Q2","v2","94.00","70.00","24.00","overdue"],
["2024-Q3","v2","906.00","0.00","906.00","overdue"],
["2024-Q4","v2","-6.00","0.00","-6.00","accruing"]]'
# 2024-Q4 is still running on 2024-12-01: what it accrued so far (the refund, -6.00 after the
# cap) is accruing; 2025's periods have not begun and are not in the statement.
# paid is every payment up to the day (pay1 12.35 + pay2 100.00; pay4's 5.00 to initech, who is
# owed nothing, is paid and overpaid), applied the part set against the obligations shown.
jq_eq "statement: balances" "$st" '[.balances[] | [.payer, .payee, .owed, .paid, .applied, .outstanding, .overdue, .overpaid]]' \
  '[["globex","acme","1036.35","112.35","112.35","924.00","930.00","0.00"],["globex","initech","0.00","5.00","0.00","0.00","0.00","5.00"]]'
expect_status "statement: what was paid is said" 0 "$PACTUM" statement --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv tests/settle/payments.csv --on 2024-12-01
expect_contains "statement: paid and overpaid" "$OUT" "globex -> initech: owed 0.00, paid 5.00, outstanding 0.00, overdue 0.00, overpaid 5.00"
# From 2024-07-01 on 2025-09-01: 162.35 was paid; 136.35 settled 2024-Q1 and Q2 (not shown), 26.00
# went into 2024-Q3: owed 906.00 - 6.00 + 0.00 + 6.00 = 906.00, outstanding 906.00 - 26.00 = 880.00.
expect_status "statement: a window" 0 "$PACTUM" statement --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv tests/settle/payments.csv --on 2025-09-01 --from 2024-07-01
expect_contains "statement: a window's payments" "$OUT" "globex -> acme: owed 906.00, paid 162.35, outstanding 880.00, overdue 886.00 (26.00 of what was paid set against the obligations shown)"
st=$("$PACTUM" statement --agreement tests/settle/amended.pact --events tests/settle/amended.csv \
  tests/settle/payments.csv --on 2025-09-01 --period 2024-Q3 --json 2>/dev/null)
# pay5 (50.00, 2025-01-05) now counts: it finishes 2024-Q2 under v2 and goes 26.00 into 2024-Q3.
jq_eq "statement: one period, later" "$st" '[.obligations[] | [.period, .paid, .outstanding, .standing]]' \
  '[["2024-Q3","26.00","880.00","overdue"]]'
expect_status "statement: table" 0 "$PACTUM" statement --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv tests/settle/payments.csv --on 2024-12-01
expect_contains "statement: table" "$OUT" "globex -> acme: owed 1,036.35 (-6.00 of it still accruing), paid 112.35, outstanding 924.00, overdue 930.00"
expect_contains "statement: the running period apart" "$OUT" "still accruing on 2024-12-01 (the period has not ended; what accrued through that day, not yet due):
2024-Q4  fee                    v2                     -6.00              0.00             -6.00 2025-02-14 accruing"
expect_contains "statement: not a party" "$OUT" "payments.csv:4: warning[W1104]: payment 'pay3' is not between two parties of the agreement; ignored"
# Before the agreement's first period nothing had accrued: no obligation, nothing owed.
expect_status "statement: before anything" 0 "$PACTUM" statement --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --on 2023-06-01
expect_contains "statement: before anything" "$OUT" "(nothing had accrued by 2023-06-01)"
expect_status "statement: a period not begun" 0 "$PACTUM" statement --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --on 2024-05-20 --period 2025-Q1
expect_contains "statement: a period not begun says so" "$OUT" "(nothing of 2025-Q1 had accrued by 2024-05-20)"
st=$("$PACTUM" statement --agreement tests/settle/amended.pact --events tests/settle/amended.csv --on 2023-06-01 --json 2>/dev/null)
jq_eq "statement: before anything, JSON" "$st" '[(.obligations | length), (.balances | length)]' '[0,0]'
# The statement, the export and the audit on one day agree, obligation by obligation.
for on in 2024-02-15 2024-05-20 2024-12-01 2025-06-30; do
  st=$("$PACTUM" statement --agreement tests/settle/amended.pact --events tests/settle/amended.csv --on $on --json 2>/dev/null |
    jq -r '.obligations[] | select(.owed != "0.00") | "\(.period) \(.version) \(.owed) \(.standing == "accruing")"')
  ex=$("$PACTUM" export --format csv --agreement tests/settle/amended.pact --events tests/settle/amended.csv --on $on 2>/dev/null |
    awk -F, '$1 == "obligation" && $13 != "0.00" { print $7, $6, $13, ($19 == "accruing" ? "true" : "false") }')
  au=$("$PACTUM" audit --agreement tests/settle/amended.pact --events tests/settle/amended.csv --on $on --json 2>/dev/null |
    jq -r '[.obligations[], .breaches[]] | map(select(.kind | startswith("payment"))) | sort_by(.period, .version)[] | "\(.period) \(.version) \(.amount) \(.kind == "payment_accruing")"')
  expect_eq "on $on: export agrees with the statement" "$ex" "$st"
  expect_eq "on $on: audit agrees with the statement" "$au" "$(printf '%s\n' "$st" | grep -v ' -')"
done

# Explanations add up: the parts listed sum to the base, the rate and rounding give the amount.
ex2=$("$PACTUM" explain --agreement tests/settle/amended.pact --events tests/settle/amended.csv \
  --clause fee --period 2024-Q2 --json 2>/dev/null)
jq_eq "explain: both wordings of 2024-Q2" "$ex2" '[.explanations[] | [.version, .first, .last, .base, .amount]]' \
  '[["v1","2024-04-01","2024-04-30","300.01","30.00"],["v2","2024-05-15","2024-06-30","470.00","94.00"]]'
jq_eq "explain: events and their parts" "$ex2" '[.explanations[0].events[] | [.id, .line, .part]]' \
  '[["e1",2,"300.00"],["e4",5,"0.01"]]'
jq_eq "explain: the parts sum to the base" "$ex2" \
  '[.explanations[] | ([.events[].part | tonumber * 100 | round] | add) == (.base | tonumber * 100 | round)] | all' 'true'
jq_eq "explain: exact and rounded" "$ex2" '[.explanations[0] | .exact, .rounding, .amount_before_cap]' \
  '["30.0010","half-even","30.00"]'
expect_status "explain: the cap" 0 "$PACTUM" explain --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --clause fee --period 2024-Q3
expect_contains "explain: the cap" "$OUT" "20% x 4,600.00 = 920.0000 exactly; rounded half-even: 920.00"
expect_contains "explain: the cap" "$OUT" "cap 1,000.00 (this version's accruals): owed before this period 94.00, room 906.00"
expect_contains "explain: the cap" "$OUT" "cap reached in this period; without it this period would be 920.00"
expect_contains "explain: the cap" "$OUT" "amount: 906.00, due 2024-11-14"
expect_status "explain: the milestone" 0 "$PACTUM" explain --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --clause fee --period 2024-Q2 --version v1
expect_contains "explain: the milestone" "$OUT" "the clause ended when 'ipo' was recorded on 2024-05-01"
expect_status "explain: no such obligation" 1 "$PACTUM" explain --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --clause fee --period 2023-Q4
expect_contains "explain: no such obligation" "$OUT" "error[E1105]: no obligation of clause 'fee' in period '2023-Q4'"
expect_status "explain: needs a clause" 2 "$PACTUM" explain --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --period 2024-Q2

# The bundled example events (examples/microsoft-openai/README.md works these out by hand):
# under the 2026 terms the USD 38 billion cap binds in 2029-Q1.
ex=$("$PACTUM" settle --agreement "$AGREEMENT" --events examples/microsoft-openai/events.csv --json)
jq_eq "example: the cap binds in 2029-Q1" "$ex" \
  '[.obligations[] | select(.cap_binds)][0] | [.period, .version, .amount_before_cap, .amount, .cumulative, .due]' \
  '["2029-Q1","2026-04-27","5625000000.00","5533333333.34","38000000000.00","2029-05-15"]'
jq_eq "example: totals" "$ex" '[.totals[] | [.payer, .payee, .amount, .amount_without_cap]]' \
  '[["openai","microsoft","43493333333.33","108459999999.99"],["microsoft","openai","2250588888.90","2250588888.90"]]'
jq_eq "example: Microsoft's 2024 net, as leaked" "$ex" \
  '[.obligations[] | select(.period | startswith("2024-")) | (if .payer == "openai" then 1 else -1 end) * (.amount | tonumber * 100 | round)] | add' \
  '49380000000'
sh examples/microsoft-openai/make-events.sh -o - >"$TMPDIR/events.csv"
expect_eq "example: the generator reproduces the file" "$(cmp -s "$TMPDIR/events.csv" examples/microsoft-openai/events.csv; echo $?)" 0

# Bad input: a located message, a non-zero exit, no settlement printed.
printf 'id,kind,date,party,amount,currency\nx1,revenue,2026-02-30,openai,1.00,USD\n' >"$TMPDIR/bad.csv"
expect_status "bad event file" 1 "$PACTUM" settle --agreement "$AGREEMENT" --events "$TMPDIR/bad.csv"
expect_contains "bad event file" "$OUT" "bad.csv:2:"
expect_contains "bad event file" "$OUT" "2026-02-30"
printf 'id,kind,date,party,amount,currency\nx1,revenue,2026-02-01,openai,1.00,EUR\n' >"$TMPDIR/eur.csv"
expect_status "other currency" 1 "$PACTUM" settle --agreement "$AGREEMENT" --events "$TMPDIR/eur.csv"
expect_contains "other currency" "$OUT" "is in EUR, but the agreement settles in USD"
expect_status "no events" 2 "$PACTUM" settle --agreement "$AGREEMENT"
expect_status "no agreement" 2 "$PACTUM" settle --events "$TMPDIR/agi.csv"
expect_status "missing event file" 1 "$PACTUM" settle --agreement "$AGREEMENT" --events "$TMPDIR/none.csv"
# Year by year: every year from the first obligation's to the last's, the caps, both totals.
years=$("$PACTUM" settle --agreement tests/settle/amended.pact --events tests/settle/amended.csv --by year --json 2>/dev/null)
jq_eq "by year: the years" "$years" '[.years[] | [.year, .pairs[0].amount, .pairs[0].amount_without_cap]]' \
  '[[2024,"1036.35","1036.35"],[2025,"6.00","60.00"]]'
# The cap cuts 2024-Q3 by 920.00 - 906.00 = 14.00, gives back less of 2024-Q4's refund (-20.00
# before the cap, -6.00 after: -14.00) and cuts 2025-Q2 by 60.00 - 6.00 = 54.00: 54.00 in all,
# which is the totals' difference, 1,096.35 - 1,042.35.
jq_eq "by year: the cap" "$years" '.caps' '[{"clause":"fee","version":"v2","cap":"1000.00","first_binds_in":"2024-Q3","first_cut":"14.00","removed":"54.00","periods_cut":3,"last_cut_in":"2025-Q2"}]'
jq_eq "by year: totals" "$years" '.totals[0] | [.amount, .amount_without_cap]' '["1042.35","1096.35"]'
table=$("$PACTUM" settle --agreement "$AGREEMENT" --events examples/microsoft-openai/events.csv --by year 2>/dev/null)
expect_contains "by year: the example's cap" "$table" "2029                  5,533,333,333.34                 0.00  cap first binds in 2029-Q1 (openai-pays-microsoft)"
# What the USD 38 billion cap removed in all is the difference of the totals with and without
# it: 108,459,999,999.99 - 43,493,333,333.33 = 64,966,666,666.66.
expect_contains "by year: what the cap removed" "$table" "first binds in 2029-Q1, cutting it by 91,666,666.66;
    it removes 64,966,666,666.66 in all, over 8 periods (2029-Q1 through 2030-Q4)"
expect_contains "by year: the example's totals" "$table" "without the caps    108,459,999,999.99     2,250,588,888.90"
expect_status "by month is not offered" 2 "$PACTUM" settle --agreement tests/settle/amended.pact --events tests/settle/amended.csv --by month
expect_contains "by month is not offered" "$OUT" "--by year is the grouping settle offers"
finish

# test_settle_edges.sh -- money near the 64-bit limit: an answer that does not fit is an error
# at the clause naming its version and period (E1103, exit 1), never a wrapped figure.
. tests/cli/lib.sh

pact=tests/settle/big.pact
head='id,kind,date,party,amount,currency'
# INT64_MAX cents is 92,233,720,368,547,758.07. Two quarters of 50,000,000,000,000,000.00 each
# fit; what is owed so far after the second (100,000,000,000,000,000.00) does not.
printf '%s\nr1,revenue,2024-02-01,a,50000000000000000.00,USD\nr2,revenue,2024-05-01,a,50000000000000000.00,USD\n' "$head" >"$TMPDIR/up.csv"
expect_status "running total overflows" 1 "$PACTUM" settle --agreement $pact --events "$TMPDIR/up.csv"
expect_contains "located at the clause" "$OUT" "big.pact:13:17: error[E1103]: clause 'all' (version v1), 2024-Q2:"
expect_contains "says what" "$OUT" "does not fit in 64-bit minor units"
stdout=$("$PACTUM" settle --agreement $pact --events "$TMPDIR/up.csv" 2>/dev/null)
expect_eq "no figures printed" "$stdout" ""
json=$("$PACTUM" settle --agreement $pact --events "$TMPDIR/up.csv" --json)
expect_eq "json: exit 1" "$?" 1
jq_eq "json: the error in the diagnostics" "$json" '[.diagnostics[] | select(.severity == "error") | [.code, .line]][0]' '["E1103",13]'
jq_eq "json: no obligations" "$json" '.obligations // []' '[]'

# The same downwards: two credits of 50,000,000,000,000,000.00.
printf '%s\nr1,revenue,2024-02-01,a,-50000000000000000.00,USD\nr2,revenue,2024-05-01,a,-50000000000000000.00,USD\n' "$head" >"$TMPDIR/down.csv"
expect_status "running total underflows" 1 "$PACTUM" settle --agreement $pact --events "$TMPDIR/down.csv"
expect_contains "located, downwards" "$OUT" "clause 'all' (version v1), 2024-Q2:"

# Near the limit but fitting, it is exact: -5e16, +5e16, +5e16 (in dollars) owe
# -50,000,000,000,000,000.00, then 50,000,000,000,000,000.00 twice: 50,000,000,000,000,000.00 in
# all, under the cap of 90,000,000,000,000,000.00.
printf '%s\nr1,revenue,2024-02-01,a,-50000000000000000.00,USD\nr2,revenue,2024-05-01,a,50000000000000000.00,USD\nr3,revenue,2024-08-01,a,50000000000000000.00,USD\n' "$head" >"$TMPDIR/mix.csv"
mix=$("$PACTUM" settle --agreement $pact --events "$TMPDIR/mix.csv" --json)
jq_eq "near the limit: cumulative" "$mix" '[.obligations[] | .cumulative]' \
  '["-50000000000000000.00","0.00","50000000000000000.00"]'
jq_eq "near the limit: total" "$mix" '.totals[0].amount' '"50000000000000000.00"'

# The cap near the limit: 3 x 40,000,000,000,000,000.00 = 120,000,000,000,000,000.00 would not
# fit; the third quarter's amount before the cap (40e15) fits, and the cap holds what is owed at
# 90,000,000,000,000,000.00 - but what would be owed without it does not fit: an error, not a
# guess.
printf '%s\nr1,revenue,2024-02-01,a,40000000000000000.00,USD\nr2,revenue,2024-05-01,a,40000000000000000.00,USD\nr3,revenue,2024-08-01,a,40000000000000000.00,USD\n' "$head" >"$TMPDIR/cap.csv"
expect_status "cap near the limit" 1 "$PACTUM" settle --agreement $pact --events "$TMPDIR/cap.csv"
expect_contains "cap near the limit: where" "$OUT" "clause 'all' (version v1), 2024-Q3:"

# By year and statement say the same and print no figures.
expect_status "by year" 1 "$PACTUM" settle --agreement $pact --events "$TMPDIR/up.csv" --by year
expect_contains "by year: located" "$OUT" "error[E1103]"
expect_status "statement" 1 "$PACTUM" statement --agreement $pact --events "$TMPDIR/up.csv" --on 2025-01-01
expect_contains "statement: located" "$OUT" "error[E1103]"

finish

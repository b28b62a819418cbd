# test_settle_tiers.sh -- tiers owe f(cumulative base): what is owed so far depends only on the
# cumulative base, each period owing f(end) - f(start); worked by hand to the cent.
. tests/cli/lib.sh

pact=tests/settle/royalty-free.pact
rows='[.obligations[] | [.period, .base, .amount, .cumulative]]'
# 0% up to 1,000.00 of revenue, 5% thereafter: f(b) = 5% x max(0, b - 1000).
#   Q1 cumulative 0 -> 800:     f(800) - f(0)     = 0 - 0        = 0.00
#   Q2 cumulative 800 -> 1200:  f(1200) - f(800)  = 5% x 200 - 0 = 10.00 (not 0.00: the period
#                               crosses the royalty-free tier)
#   Q3 cumulative 1200 -> 1050: f(1050) - f(1200) = 2.50 - 10.00 = -7.50 (the refund is taken
#                               back at the rates its base was charged at, not the current 5%)
out=$("$PACTUM" settle --agreement $pact --events tests/settle/royalty-free.csv --json)
jq_eq "royalty-free tier crossed" "$out" "$rows" \
  '[["2024-Q1","800.00","0.00","0.00"],["2024-Q2","400.00","10.00","10.00"],["2024-Q3","-150.00","-7.50","2.50"]]'
jq_eq "royalty-free total" "$out" '.totals[0].amount' '"2.50"'

# The same events in one quarter: 1,050.00 of lifetime revenue owes f(1050) = 2.50 all the same.
cat >"$TMPDIR/one.csv" <<'CSV'
id,kind,date,party,amount,currency
r1,revenue,2024-02-01,maker,800.00,USD
r2,revenue,2024-02-02,maker,400.00,USD
r3,revenue,2024-03-01,maker,-150.00,USD
CSV
one=$("$PACTUM" settle --agreement $pact --events "$TMPDIR/one.csv" --json)
jq_eq "one quarter" "$one" "$rows" '[["2024-Q1","1050.00","2.50","2.50"]]'

# Three quarters that each cross back and forth: 1,100 (f = 5.00), -100 (f(1000) = 0: -5.00),
# +50 (f(1050) = 2.50): 5.00 - 5.00 + 2.50 = 2.50, the same as one quarter of 1,050.00.
cat >"$TMPDIR/three.csv" <<'CSV'
id,kind,date,party,amount,currency
r1,revenue,2024-02-01,maker,1100.00,USD
r2,revenue,2024-05-01,maker,-100.00,USD
r3,revenue,2024-08-01,maker,50.00,USD
CSV
three=$("$PACTUM" settle --agreement $pact --events "$TMPDIR/three.csv" --json)
jq_eq "three quarters" "$three" "$rows" \
  '[["2024-Q1","1100.00","5.00","5.00"],["2024-Q2","-100.00","-5.00","0.00"],["2024-Q3","50.00","2.50","2.50"]]'

# explain shows each tier's part: 2024-Q2 takes the cumulative base from 800.00 to 1,200.00,
# 200.00 of it at 0% (up to 1,000.00) and 200.00 at 5%: f(1200) - f(800) = 10.00 - 0.00.
expect_status "explain: tiers" 0 "$PACTUM" explain --agreement $pact --events tests/settle/royalty-free.csv --clause royalty --period 2024-Q2
expect_contains "explain: the cumulative base" "$OUT" "tiers by cumulative base; the cumulative base goes from 800.00 to 1,200.00 in this period:
    0% up to 1,000.00: 200.00 of the base x 0% = 0.00
    5% thereafter: 200.00 of the base x 5% = 10.00
  owed at the tiers so far: 10.00 after this period, 0.00 before it (each rounded half-even): 10.00 for this period"
ex=$("$PACTUM" explain --agreement $pact --events tests/settle/royalty-free.csv --clause royalty --period 2024-Q3 --json 2>/dev/null)
# 2024-Q3's refund of 150.00 comes off the 5% tier: 1,200.00 -> 1,050.00, 10.00 -> 2.50.
jq_eq "explain: tiers in JSON" "$ex" '.explanations[0].tiers | [.cumulative_before, .cumulative_after, .owed_before, .owed_after, [.parts[] | [.rate, .base, .amount]]]'   '["1200.00","1050.00","10.00","2.50",[["0.00","0.00","0.00"],["0.05","-150.00","-7.50"]]]'

finish

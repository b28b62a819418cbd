# test_forecast.sh -- pactum forecast: the scenario without uncertainty settles exactly as settle
# settles the same events; a toy worked by hand (the split, the cap's quarter, a present value);
# the same seed gives the same bytes on one thread or two; the statistics are right; bad input
# is refused with a located error or a usage message.
. tests/cli/lib.sh

ag=agreements/microsoft-openai
toy=tests/forecast/toy.pact

# --- THE test: the example's figures as a scenario, forecast after the example's payments and
# milestone, owe every obligation to the cent what settle finds over examples/.../events.csv.
settled=$("$PACTUM" settle --agreement $ag --events examples/microsoft-openai/events.csv --json)
out=$("$PACTUM" forecast --agreement $ag --scenario tests/forecast/example-figures.pact \
  --events tests/forecast/actual.csv --json)
expect_eq "equivalence: every obligation" "$(printf '%s' "$out" | jq -c .obligations)" \
  "$(printf '%s' "$settled" | jq -c .obligations)"
jq_eq "equivalence: 63 obligations" "$out" '.obligations | length' '63'
jq_eq "equivalence: totals" "$out" '[.totals[] | [.payer, .payee, .mean]]' \
  '[["openai","microsoft","43493333333.33"],["microsoft","openai","2250588888.90"]]'
jq_eq "equivalence: the cap binds in 2029-Q1" "$out" \
  '[.caps[] | select(.clause == "openai-pays-microsoft") | .quarter_p50]' '["2029-Q1"]'
jq_eq "equivalence: no diagnostics" "$out" '.diagnostics' '[]'
"$PACTUM" settle --agreement $ag --events examples/microsoft-openai/events.csv >"$TMPDIR/settle.txt"
"$PACTUM" forecast --agreement $ag --scenario tests/forecast/example-figures.pact \
  --events tests/forecast/actual.csv >"$TMPDIR/forecast.txt"
# The table of the one path, between the heading and the forecast's own rows, is settle's.
sed -n '/^period /,/^  microsoft -> openai/p' "$TMPDIR/forecast.txt" >"$TMPDIR/table.txt"
expect_eq "equivalence: the table is settle's, byte for byte" "$(cat "$TMPDIR/table.txt")" \
  "$(cat "$TMPDIR/settle.txt")"

# --- The toy, by hand. 2026: USD 2,400.01 in 12 months, 200.01 in January (the leftover cent
# on the earliest month) and 200.00 after: Q1 base 600.01, 10% = 60.00 (half-even), 60.00 a
# quarter. 2027 grows 200%: 7,200.03, months of 600.01 (January to March) and 600.00: 180.00 a
# quarter; cumulative 240 + 180 + 180 + 180 = 780.00 after 2027-Q3, so 2027-Q4 owes 120.00 of
# its 180.00 and the USD 900 cap binds in 2027-Q4. Present value at 10% a year to 2026-01-01,
# each amount from its due day (30 days after its quarter), days / 365:
# 60 x 1.1^-(119/365) = 58.16, 56.80, 55.45, 54.13, 180 x 1.1^-(484/365) = 158.63, 154.90,
# 151.23, 120 x 1.1^-(759/365) = 98.43; in all 787.73. Acme's stake: 30% of USD 10,000 in 2026
# and 30% of 2 x 7,200.03 in 2027 = 4,320.018, so 4,320.02.
out=$("$PACTUM" forecast --agreement $toy --scenario tests/forecast/toy-scenario.pact --json)
jq_eq "toy: the split" "$out" '[.obligations[] | .base]' \
  '["600.01","600.00","600.00","600.00","1800.03","1800.00","1800.00","1800.00"]'
jq_eq "toy: the amounts" "$out" '[.obligations[] | .amount]' \
  '["60.00","60.00","60.00","60.00","180.00","180.00","180.00","120.00"]'
jq_eq "toy: the cap's quarter" "$out" '.caps[0] | [.probability, .quarter_p10, .quarter_p50]' \
  '["1.0000","2027-Q4","2027-Q4"]'
jq_eq "toy: totals and present value" "$out" '.totals[0] | [.mean, .present_value]' \
  '["900.00","787.73"]'
jq_eq "toy: by year" "$out" '[.years[] | [.year, .mean]]' '[[2026,"240.00"],[2027,"660.00"]]'
jq_eq "toy: the stake" "$out" '[.stake[] | [.year, .holder, .mean]]' \
  '[[2026,"acme","3000.00"],[2027,"acme","4320.02"]]'
jq_eq "toy: one path" "$out" '[.paths, .uncertain, .discounted_to]' '[1,false,"2026-01-01"]'

# --- Determinism: the same seed, the same bytes, on one thread or two and run after run.
sc=examples/microsoft-openai/reported.pact
actual=examples/microsoft-openai/actual.csv
"$PACTUM" forecast --agreement $ag --scenario $sc --events $actual --paths 2000 --threads 1 \
  --json >"$TMPDIR/t1.json"
"$PACTUM" forecast --agreement $ag --scenario $sc --events $actual --paths 2000 --threads 2 \
  --json >"$TMPDIR/t2.json"
"$PACTUM" forecast --agreement $ag --scenario $sc --events $actual --paths 2000 --threads 2 \
  --json >"$TMPDIR/t3.json"
expect_eq "determinism: 1 thread and 2" "$(cksum <"$TMPDIR/t1.json")" "$(cksum <"$TMPDIR/t2.json")"
expect_eq "determinism: run after run" "$(cksum <"$TMPDIR/t2.json")" "$(cksum <"$TMPDIR/t3.json")"
"$PACTUM" forecast --agreement $ag --scenario $sc --events $actual --paths 2000 --seed 99 \
  --json >"$TMPDIR/t4.json"
if [ "$(jq -c .years "$TMPDIR/t4.json")" != "$(jq -c .years "$TMPDIR/t1.json")" ]; then pass
else fail "another seed gives other numbers"; fi
jq_eq "reference: paths and seed" "$(cat "$TMPDIR/t1.json")" '[.paths, .seed]' '[2000,2026]'
jq_eq "reference: the distributions said" "$(cat "$TMPDIR/t1.json")" \
  '[.distributions[] | .distribution] | unique' '["lognormal","triangular","uniform"]'
jq_eq "reference: the 2026 cap binds by 2030" "$(cat "$TMPDIR/t1.json")" \
  '.caps[] | select(.clause == "openai-pays-microsoft") | .probability' '"1.0000"'

# --- The statistics: 10% of a uniform USD 1,000 to 3,000 has mean 200.00; over 20,000 paths
# the mean's standard error is 57.74 / sqrt(20000) = 0.41, so it is within 2.00 (about five
# standard errors); the median within 4.00, and the 10th and 90th percentiles near 120 and 280.
out=$("$PACTUM" forecast --agreement $toy --scenario tests/forecast/uniform.pact --json)
jq_eq "statistics: the mean within 2.00 of 200.00" "$out" \
  '.totals[0].mean | tonumber | . > 198 and . < 202' 'true'
jq_eq "statistics: the median within 4.00" "$out" '.totals[0].p50 | tonumber | . > 196 and . < 204' 'true'
jq_eq "statistics: p10 and p90" "$out" \
  '.totals[0] | [(.p10 | tonumber | . > 116 and . < 124), (.p90 | tonumber | . > 276 and . < 284)]' \
  '[true,true]'
jq_eq "statistics: a chance of 100% a year" "$out" '.milestones[0].probability' '"1.0000"'
sed 's/chance 100%/chance 0%/' tests/forecast/uniform.pact >"$TMPDIR/zero.pact"
out=$("$PACTUM" forecast --agreement $toy --scenario "$TMPDIR/zero.pact" --paths 500 --json)
jq_eq "statistics: a chance of 0%" "$out" '.milestones[0].probability' '"0.0000"'

# --- Actual revenue and the scenario overlapping: the actual events count, with a warning.
printf 'id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref,note\nr1,revenue,2026-01-01,2026-03-31,globex,,sales,,900.00,USD,,\n' \
  >"$TMPDIR/actual.csv"
expect_status "overlap: runs" 0 "$PACTUM" forecast --agreement $toy \
  --scenario tests/forecast/toy-scenario.pact --events "$TMPDIR/actual.csv" --json
jq_eq "overlap: warned" "$OUT" '[.diagnostics[] | .code]' '["W1501"]'
# Q1 is the actual 900.00 (10% = 90.00), not the scenario's 600.01: 90 + 60 + 60 + 60 in 2026.
jq_eq "overlap: nothing counts twice" "$OUT" '.years[0].mean' '"270.00"'

# --- Bad input: located errors, exit 1; bad arguments, exit 2.
expect_status "bad scenario: exit 1" 1 "$PACTUM" forecast --agreement $toy \
  --scenario tests/check/E0803-range-upside-down.pact
expect_status "bad paths: exit 2" 2 "$PACTUM" forecast --agreement $toy \
  --scenario tests/forecast/toy-scenario.pact --paths 0
expect_status "bad threads: exit 2" 2 "$PACTUM" forecast --agreement $toy \
  --scenario tests/forecast/toy-scenario.pact --threads x
expect_status "no such scenario: exit 1" 1 "$PACTUM" forecast --agreement $toy --scenario nowhere
expect_contains "no such scenario: said" "$OUT" "no such file, and no scenario of the agreement"
expect_status "no agreement: exit 2" 2 "$PACTUM" forecast --scenario tests/forecast/toy-scenario.pact

# --- Two sides over the same paths. The toy with a proposed amendment (tests/forecast/
# toy-rate-5.pact: 5% from 2026-07-01), by hand: side a is the worked example above (240.00 in
# 2026, 660.00 in 2027, 900.00 in all, the cap binding in 2027-Q4). Side b: 2026-Q1 and Q2 owe
# 10% of 600.01 and 600.00, 60.00 each; Q3 and Q4 5% of 600.00, 30.00 each: 180.00. 2027: 5% of
# 1,800.03 = 90.0015, so 90.00, and 90.00 a quarter after: 360.00; 540.00 in all, under the
# amended wording's own cap (420.00 of 900.00), which never binds. a - b: 60.00, 300.00, 360.00.
toyb="--agreement $toy --a actual --b tests/forecast/toy-rate-5.pact"
out=$("$PACTUM" forecast $toyb --scenario tests/forecast/toy-scenario.pact --json)
jq_eq "sides: labels" "$out" '[.a.label, .b.label]' \
  '["actual","proposed: tests/forecast/toy-rate-5.pact"]'
jq_eq "sides: by year, a, b and a - b" "$out" \
  '[.years[] | [.year, .a.mean, .b.mean, .difference.mean]]' \
  '[[2026,"240.00","180.00","60.00"],[2027,"660.00","360.00","300.00"]]'
jq_eq "sides: in all, with a's present value" "$out" \
  '.totals[0] | [.a.mean, .b.mean, .difference.mean, .a.present_value]' \
  '["900.00","540.00","360.00","787.73"]'
jq_eq "sides: each side's caps" "$out" '[.caps[] | [.side, .version, .quarter_p50]]' \
  '[["a","2026-01-01","2027-Q4"],["b","2026-01-01","never"],["b","proposed-rate-5","never"]]'
jq_eq "sides: what acme gets from globex" "$out" \
  '.holders[0] | [.holder, .in, (.rows[] | [.year, .received.a.mean, .received.b.mean, .stake.mean])]' \
  '["acme","globex",[2026,"240.00","180.00","3000.00"],[2027,"660.00","360.00","4320.02"],[null,"900.00","540.00",null]]'
jq_eq "sides: the one-side document has none of it" \
  "$("$PACTUM" forecast --agreement $toy --scenario tests/forecast/toy-scenario.pact --json)" \
  '[has("a"), has("holders"), (.totals[0] | has("mean"))]' '[false,false,true]'
# Uncertain: 2026's revenue R uniform in 1,000 to 3,000. On every path a - b is 5% of the second
# half's revenue, R / 2 (to the cent), so about 2.5% of R: mean 50, p10 near 30 (R's p10 is
# 1,200), p90 near 70; never below 0.
out=$("$PACTUM" forecast $toyb --scenario tests/forecast/uniform.pact --paths 4000 --json)
jq_eq "sides: the difference's distribution" "$out" \
  '.totals[0].difference | [(.mean | tonumber | . > 49 and . < 51),
    (.p10 | tonumber | . > 29 and . < 31), (.p90 | tonumber | . > 69 and . < 71)]' \
  '[true,true,true]'
jq_eq "sides: the mean of the differences is a's less b's, within a cent" "$out" \
  '.totals[0] | ((.a.mean | tonumber) - (.b.mean | tonumber) - (.difference.mean | tonumber))
    | fabs < 0.011' 'true'
jq_eq "sides: the note on percentiles" "$out" '.difference_note | test("per-path|each path")' 'true'
# Same seed, same bytes on one thread or two.
"$PACTUM" forecast --agreement $ag --scenario $sc --events $actual --paths 1000 --a 2025-10-28 \
  --b actual --threads 1 --json >"$TMPDIR/s1.json"
"$PACTUM" forecast --agreement $ag --scenario $sc --events $actual --paths 1000 --a 2025-10-28 \
  --b actual --threads 2 --json >"$TMPDIR/s2.json"
expect_eq "sides: 1 thread and 2" "$(cksum <"$TMPDIR/s1.json")" "$(cksum <"$TMPDIR/s2.json")"
jq_eq "sides: the reference's cap binds on b only" "$(cat "$TMPDIR/s1.json")" \
  '[.caps[] | select(.clause == "openai-pays-microsoft") | [.side, .probability]]' \
  '[["b","1.0000"]]'
# Without uncertainty, forecast --a X --b Y is compare --a X --b Y over the equivalent events,
# row for row to the cent (years the comparison does not list owe 0.00 on both sides).
c=$("$PACTUM" compare --agreement $ag --events examples/microsoft-openai/events.csv \
  --a 2025-10-28 --b actual --json)
f=$("$PACTUM" forecast --agreement $ag --scenario tests/forecast/example-figures.pact \
  --events tests/forecast/actual.csv --a 2025-10-28 --b actual --json)
got=$(jq -n -c --argjson c "$c" --argjson f "$f" '
  def same($x; $r): $x.a.mean == $r.a and $x.b.mean == $r.b and $x.difference.mean == $r.difference;
  [($c.years[] | . as $r | [$f.years[] | select(.year == $r.year and .payer == $r.payer
      and .payee == $r.payee)] | select(length != 1 or (same(.[0]; $r) | not))),
   ($c.totals[] | . as $r | [$f.totals[] | select(.payer == $r.payer and .payee == $r.payee)]
      | select(length != 1 or (same(.[0]; $r) | not)))] | length')
expect_eq "sides: equal to compare, every year and total" "$got" 0
jq_eq "sides: compare's rows all there" "$f" '[(.years | length), (.totals | length)]' \
  "$(printf '%s' "$c" | jq -c '[(.years | length), (.totals | length)]')"
jq_eq "sides: 2025-10-28 against 2026 terms in all" "$f" \
  '[.totals[] | [.payer, .difference.mean]]' \
  '[["openai","160966666666.66"],["microsoft","16284444.43"]]'
expect_status "sides: --a without --b" 2 "$PACTUM" forecast --agreement $toy \
  --scenario tests/forecast/toy-scenario.pact --a actual
expect_status "sides: an unknown side" 2 "$PACTUM" forecast --agreement $toy \
  --scenario tests/forecast/toy-scenario.pact --a actual --b 2031-01-01
expect_status "sides: --terms with --a" 2 "$PACTUM" forecast $toyb --terms actual \
  --scenario tests/forecast/toy-scenario.pact
out=$("$PACTUM" forecast --agreement $toy --terms tests/forecast/toy-rate-5.pact \
  --scenario tests/forecast/toy-scenario.pact --json)
jq_eq "one side: --terms" "$out" '[.totals[0].mean, (.years | map(.mean))]' \
  '["540.00",["180.00","360.00"]]'

# --- Charts: well-formed SVG, the same bytes every run, exact amounts in the labels. The toy's
# two sides: a's and b's means by year (240.00 and 180.00 in 2026, 660.00 and 360.00 in 2027);
# side a's cap binds in 2027-Q4 on the one path; b's caps never bind.
command -v xmllint >/dev/null || fail "xmllint is not installed (scripts/deps.sh installs libxml2-utils)"
"$PACTUM" forecast $toyb --scenario tests/forecast/toy-scenario.pact --format svg >"$TMPDIR/toy.svg"
expect_status "svg: well-formed" 0 xmllint --noout "$TMPDIR/toy.svg"
for label in "a: mean, 2026: USD 240.00" "b: mean, 2026: USD 180.00" "a: mean, 2027: USD 660.00" \
  "b: mean, 2027: USD 360.00" "2027-Q4: 1 of 1 paths (share 1.0000)" \
  "side b; never binds: 1 of 1 paths (share 1.0000)"; do
  expect_contains "svg: $label" "$(cat "$TMPDIR/toy.svg")" "$label"
done
svg() { "$PACTUM" forecast --agreement $ag --scenario $sc --events $actual --paths 500 "$@" \
  --format svg; }
svg --a 2025-10-28 --b actual >"$TMPDIR/r1.svg"
svg --a 2025-10-28 --b actual --threads 2 >"$TMPDIR/r2.svg"
expect_status "svg: the reference well-formed" 0 xmllint --noout "$TMPDIR/r1.svg"
expect_eq "svg: same bytes on one thread and two" "$(cksum <"$TMPDIR/r1.svg")" \
  "$(cksum <"$TMPDIR/r2.svg")"
expect_eq "svg: the file, a chart per pair (2) and per cap (1 on a, 2 on b)" \
  "$(grep -c '<svg ' "$TMPDIR/r1.svg")" 6
svg >"$TMPDIR/one.svg"
expect_status "svg: one side well-formed" 0 xmllint --noout "$TMPDIR/one.svg"
expect_contains "svg: one side, 2026 exact" "$(cat "$TMPDIR/one.svg")" \
  "mean, 2026: USD 6,000,000,000.00"
expect_status "svg: --json with --format svg" 2 svg --json
expect_status "svg: an unknown format" 2 "$PACTUM" forecast --agreement $toy \
  --scenario tests/forecast/toy-scenario.pact --format png

# --- What make run prints of the reference scenario (the closing figures of docs/forecast.md):
# 10,000 paths, seed 2026, the 2025-10-28 terms against the 2026-04-27 terms. Pinned from
# pactum's own output as a regression; the sums between them are checked here.
"$PACTUM" forecast --agreement agreements/microsoft-openai --scenario examples/microsoft-openai/reported.pact \
  --events examples/microsoft-openai/actual.csv --a 2025-10-28 --b actual --json >"$TMPDIR/ref.json"
ref() { jq -r "$1" "$TMPDIR/ref.json"; }
pair='.totals[] | select(.payer == "openai" and .payee == "microsoft")'
expect_eq "reference: paths and seed" "$(ref '"\(.paths) \(.seed)"')" "10000 2026"
expect_eq "reference: a's mean" "$(ref "$pair | .a.mean")" "150411518777.51"
expect_eq "reference: b on every path" "$(ref "$pair | .b | \"\(.mean) \(.p10) \(.p90)\"")" \
  "43493333333.33 43493333333.33 43493333333.33"
expect_eq "reference: the difference per path" \
  "$(ref "$pair | .difference | \"\(.mean) \(.p10) \(.p50) \(.p90)\"")" \
  "106918185444.18 -21445267595.87 136612711653.89 206373398671.87"
# b is the same on every path, so the mean of the differences is a's mean less b's exactly.
expect_eq "reference: mean difference = a - b" \
  "$(awk 'BEGIN {printf "%.2f", 150411518777.51 - 43493333333.33}')" "106918185444.18"
expect_eq "reference: the 2026 cap" \
  "$(ref '.caps[] | select(.side == "b" and .clause == "openai-pays-microsoft") | "\(.probability) \(.quarter_p10) \(.quarter_p50) \(.quarter_p90)"')" \
  "1.0000 2029-Q1 2029-Q1 2029-Q2"
expect_eq "reference: the stake in 2030, the same on both sides" \
  "$(ref '[.stake[] | select(.year == 2030) | "\(.side) \(.mean) \(.p10) \(.p90)"] | join("; ")')" \
  "a 968739431496.84 700106723486.06 1261322980867.78; b 968739431496.84 700106723486.06 1261322980867.78"
expect_eq "reference: AGI verified" "$(ref '.milestones[0] | "\(.milestone) \(.probability)"')" \
  "agi-verified 0.4758"

# --- Errors of a forecast's own: an amount past 64 bits on a path, a span past 200 years, a
# temporary file that cannot be made. Each stops the forecast (exit 1), located, with nothing
# printed as figures.
cat >"$TMPDIR/huge.pact" <<'EOS'
scenario huge {
  source assumed "an amount past what 64-bit cents hold"
  revenue of globex stream sales {
    year 2026 USD 90,000,000,000,000,000
    year 2027 growth 900%
  }
}
EOS
expect_status "an amount past 64 bits: exit 1" 1 "$PACTUM" forecast --agreement $toy \
  --scenario "$TMPDIR/huge.pact"
expect_contains "an amount past 64 bits: said" "$OUT" \
  "error[E1501]: on path 1 an amount passed what 64-bit cents can hold"
cat >"$TMPDIR/long.pact" <<'EOS'
scenario long {
  source assumed "a span of centuries"
  revenue of globex stream sales {
    year 2026 USD 1,000
    year 2300 USD 1,000
  }
}
EOS
expect_status "a span past 200 years: exit 1" 1 "$PACTUM" forecast --agreement $toy \
  --scenario "$TMPDIR/long.pact"
expect_contains "a span past 200 years: said" "$OUT" "error[E1503]: the forecast would span 275 years"
expect_status "no temporary file: exit 1" 1 env TMPDIR="$TMPDIR/none" "$PACTUM" forecast \
  --agreement $toy --scenario tests/forecast/uniform.pact --paths 10
expect_contains "no temporary file: said" "$OUT" "error[E1502]: cannot make the forecast's temporary file"

finish

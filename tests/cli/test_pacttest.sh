# test_pacttest.sh -- the runner of scenario tests itself (`pactum test`, docs/testing.md): test
# files that must fail, with their output pinned (tests/pact-runner/*.expected: stderr, stdout
# and the exit status; UPDATE=1 rewrites them), the reference suite's own exit status, --json,
# and usage errors. The suite's expectations are counted by tests/run.sh.
. tests/cli/lib.sh

for case in tests/pact-runner/*.pacttest; do
  expected=${case%.pacttest}.expected
  NO_COLOR=1 "$PACTUM" test "$case" >"$TMPDIR/stdout" 2>"$TMPDIR/stderr"
  status=$?
  { cat "$TMPDIR/stderr"; echo "--- stdout"; cat "$TMPDIR/stdout"; echo "--- exit $status"; } >"$TMPDIR/actual"
  if [ "${UPDATE:-0}" = 1 ]; then cp "$TMPDIR/actual" "$expected"; fi
  if [ -f "$expected" ] && cmp -s "$TMPDIR/actual" "$expected"; then pass; else
    fail "golden $case: $(diff -u "$expected" "$TMPDIR/actual" | head -30)"
  fi
  expect_eq "$case fails" "$status" 1
done

# The suite passes: exit 0, and its last line counts every expectation.
expect_status "the suite passes" 0 "$PACTUM" test tests/pact
expect_contains "the suite's count" "$OUT" " passed, 0 failed"

# --json: every outcome, the counts and the test files' diagnostics.
J=$("$PACTUM" test tests/pact-runner/must-fail.pacttest --json)
jq_eq "json: counts" "$J" '[.passed, .failed]' '[1,5]'
jq_eq "json: a failure" "$J" '.outcomes[0] | [.line, .test, .passed, .expected, .actual]' \
  '[7,"wrong figures",false,"owes fee 2024-Q3 USD 920.00 cap free","owes fee 2024-Q3 USD 906.00 cap binds"]'
jq_eq "json: ends with diagnostics" "$J" '[keys_unsorted[-1], (.diagnostics | length)]' '["diagnostics",0]'
J=$("$PACTUM" test tests/pact-runner/unknown-names.pacttest --json)
jq_eq "json: located errors" "$J" '[.diagnostics[] | [.code, .line, .column]]' \
  '[["E1603",5,8],["E1603",6,38],["E1603",7,9]]'

# Two sides compared: a failure is side a's figure against side b's, as written; a side that
# names no version and no file is E1603 at its word, with the closest version.
J=$("$PACTUM" test tests/pact-runner/compare-fails.pacttest --json)
jq_eq "json: compare counts" "$J" '[.passed, .failed]' '[1,10]'
jq_eq "json: a compared failure" "$J" '.outcomes[0] | [.line, .expected, .actual]' \
  '[10,"year 2026 microsoft to openai USD 488,533,333.33 against USD 488,533,333.33 difference USD 0.00","year 2026 microsoft to openai USD 488,533,333.33 against USD 472,248,888.90 difference USD 16,284,444.43"]'
jq_eq "json: an unknown side, located" "$J" '[.diagnostics[] | [.code, .line, .column]]' \
  '[["E1603",20,11],["E1603",25,23]]'
jq_eq "json: did you mean the version" "$J" '.diagnostics[0].help | startswith("did you mean '"'"'2025-10-28'"'"'?")' 'true'
# The reference comparisons pass alone too, every line counted.
expect_status "compare suite" 0 "$PACTUM" test tests/pact/compare.pacttest
expect_contains "compare suite: count" "$OUT" "22 passed, 0 failed"

# A forecast: a failure is the forecast's figures in the line's words; a scenario file that is
# not there is E1602 at its word, and the next test still runs; a milestone the scenario lacks is
# E1603.
J=$("$PACTUM" test tests/pact-runner/forecast-fails.pacttest --json)
jq_eq "json: forecast counts" "$J" '[.passed, .failed]' '[0,7]'
jq_eq "json: a forecast failure" "$J" '.outcomes[2] | [.line, .expected, .actual]' \
  '[10,"cap fee probability 0.5000 p50 2027-Q3","cap fee probability 1.0000 p50 2027-Q4"]'
jq_eq "json: forecast errors, located" "$J" '[.diagnostics[] | [.code, .line, .column]]' \
  '[["E1603",12,13],["E1602",16,12]]'
expect_status "forecast suite" 0 "$PACTUM" test tests/pact/forecast.pacttest tests/pact/forecast-toy.pacttest
expect_contains "forecast suite: count" "$OUT" "17 passed, 0 failed"

# Usage: no path; an unknown option.
expect_status "no path" 2 "$PACTUM" test
expect_contains "no path: said" "$OUT" "give the test files or folders"
expect_status "unknown option" 2 "$PACTUM" test --nope tests/pact
# A path that is not there: a located error, exit 1.
expect_status "missing test file" 1 "$PACTUM" test "$TMPDIR/none.pacttest"
expect_contains "missing test file: said" "$OUT" "E0001"
finish

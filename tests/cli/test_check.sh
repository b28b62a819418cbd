# test_check.sh -- check's exit statuses, paths, and what it says about payment clauses.
. tests/cli/lib.sh

expect_status "bundled agreement is clean" 0 "$PACTUM" check "$AGREEMENT"
expect_contains "summary" "$OUT" "agreements/microsoft-openai: 5 versions, 24 clauses, 0 errors, 0 warnings"
expect_contains "most it can pay" "$OUT" "2026-04-27   openai-pays-microsoft    USD 38,000,000,000.00 (its cap)"
expect_contains "tiers bound it" "$OUT" "profit-participation     about USD 92,000,000,000.00 (its cap)"
expect_status "warnings do not fail" 0 "$PACTUM" check tests/check/W0701-unbounded-payment.pact
expect_status "errors fail" 1 "$PACTUM" check tests/check/E0301-unknown-party.pact
expect_status "several paths, one bad" 1 "$PACTUM" check "$AGREEMENT" tests/check/E0301-unknown-party.pact
expect_contains "several paths" "$OUT" "agreements/microsoft-openai: 5 versions"
expect_status "no such path" 1 "$PACTUM" check no/such/agreement
expect_contains "no such path" "$OUT" "no/such/agreement: error[E0001]: cannot read: No such file or directory"
mkdir -p "$TMPDIR/empty"
expect_status "empty folder" 1 "$PACTUM" check "$TMPDIR/empty"
expect_contains "empty folder" "$OUT" "error[E0002]: no .pact files in this folder"
expect_status "a version file alone" 1 "$PACTUM" check "$AGREEMENT/2026-04-27.pact"
expect_contains "a version file alone" "$OUT" "error[E0308]: no agreement block"
expect_contains "a version file alone" "$OUT" "a version file is checked with its folder"
expect_status "no arguments" 2 "$PACTUM" check
expect_status "unknown command" 2 "$PACTUM" chekc
expect_contains "unknown command" "$OUT" "pactum: unknown command 'chekc'"
expect_status "no command" 2 "$PACTUM"
expect_status "help" 0 "$PACTUM" help
expect_contains "help" "$OUT" "show PATH [--on DATE] [--json]"

# For scripts: every diagnostic located, and the most each payment clause can pay.
expect_status "check --json" 1 "$PACTUM" check --json tests/check/E0301-unknown-party.pact "$AGREEMENT"
jq_eq "json diagnostic" "$OUT" '.agreements[0].diagnostics[0] | [.severity, .code, .line, .column, .message]' \
  '["error","E0301",15,11,"unknown party '"'"'acmee'"'"'"]'
jq_eq "json counts" "$OUT" '[.agreements[] | [.errors, .warnings, .versions]]' '[[1,0,1],[0,0,5]]'
jq_eq "json max payable" "$OUT" \
  '[.agreements[1].payment_clauses[] | select(.version == "2026-04-27") | .max_payable]' \
  '["38000000000.00"]'
jq_eq "json unbounded" "$OUT" \
  '[.agreements[1].payment_clauses[] | select(.version == "2019-07-22" and .id == "openai-pays-microsoft") | .max_payable]' \
  '[null]'

# A folder agreement with a mistake in one file: located in that file.
cp -r "$AGREEMENT" "$TMPDIR/typo"
sed -i 's/^    payee microsoft$/    payee microsft/' "$TMPDIR/typo/2026-04-27.pact"
expect_status "typo in a folder" 1 "$PACTUM" check "$TMPDIR/typo"
expect_contains "typo in a folder" "$OUT" "2026-04-27.pact:52:11: error[E0301]: unknown party 'microsft'"
expect_contains "typo in a folder" "$OUT" "did you mean 'microsoft'?"

# Every problem in a file is reported, not just the first.
cat >"$TMPDIR/many.pact" <<'PACT'
agreement many {
  currency USD
  party a "A"
  party b "B"
}

version v1 {
  effective 2024-01-01
  source contract "test"
  revenue-share one {
    says "one"
    payer a
    payee c
    base revenue of a
    rate 150%
    through 2024-13-01
  }
}
PACT
expect_status "many problems" 1 "$PACTUM" check "$TMPDIR/many.pact"
expect_contains "many problems" "$OUT" "error[E0301]: unknown party 'c'"
expect_contains "many problems" "$OUT" "error[E0501]: rate 150% is outside 0-100%"
expect_contains "many problems" "$OUT" "error[E0401]: impossible date '2024-13-01'"
expect_contains "many problems" "$OUT" "3 errors"
# Defaults that move money are said, never silent: check lists them, show marks them, and
# writing one out is a restatement, not a change.
cat >"$TMPDIR/defaults.pact" <<'PACT'
agreement t {
  currency USD
  party a "A"
  party b "B"
}
version v1 {
  effective 2024-01-01
  source contract "c"
  revenue-share fee {
    says "b pays a"
    payer b
    payee a
    base revenue of b
    rate 10%
    through 2027-12-31
  }
}
version v2 {
  effective 2025-01-01
  amends v1
  source contract "c"
  revenue-share fee {
    says "b pays a"
    payer b
    payee a
    base revenue of b
    rate 10%
    through 2027-12-31
    settle quarterly
    rounding half-even
  }
}
PACT
expect_status "defaults" 0 "$PACTUM" check "$TMPDIR/defaults.pact"
expect_contains "defaults listed" "$OUT" "defaults in force (no term says otherwise):
  v1           fee                      settles quarterly (no \`settle\` term); rounds half-even (no \`rounding\` term)"
case "$OUT" in *"v2           fee                      settles"*) fail "v2 writes its terms out: $OUT" ;; *) pass ;; esac
expect_status "show a default" 0 "$PACTUM" show "$TMPDIR/defaults.pact" --on 2024-06-01
expect_contains "show settle default" "$OUT" "settle      quarterly (the default: no \`settle\` term)"
expect_contains "show rounding default" "$OUT" "rounding    half-even (the default: no \`rounding\` term)"
jq_eq "show --json defaults" "$("$PACTUM" show "$TMPDIR/defaults.pact" --on 2024-06-01 --json)" \
  '.clauses[0] | [.settle, .settle_default, .rounding, .rounding_default]' '["quarterly",true,"half-even",true]'
jq_eq "show --json written out" "$("$PACTUM" show "$TMPDIR/defaults.pact" --on 2025-06-01 --json)" \
  '.clauses[0] | [.settle_default, .rounding_default]' '[false,false]'
jq_eq "check --json defaults" "$("$PACTUM" check --json "$TMPDIR/defaults.pact")" \
  '[.agreements[0].payment_clauses[] | [.version, .settle_default, .rounding_default]]' '[["v1",true,true],["v2",false,false]]'
expect_status "history" 0 "$PACTUM" history "$TMPDIR/defaults.pact"
expect_contains "a default written out is a restatement" "$OUT" "restated revenue-share fee"
finish

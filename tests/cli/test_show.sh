# test_show.sh -- the terms in force on a date, as scripts read them (--json) and as people do.
. tests/cli/lib.sh

clause() { # JSON ID -> the clause object
  printf '%s' "$1" | jq -c --arg id "$2" '.clauses[] | select(.id == $id)'
}

# The current terms, 2026-11-27.
now=$("$PACTUM" show "$AGREEMENT" --on 2026-11-27 --json)
jq_eq "current version" "$now" '.version' '"2026-04-27"'
omp=$(clause "$now" openai-pays-microsoft)
jq_eq "openai pays" "$omp" '[.kind, .payer, .payee, .rate]' '["revenue_share","openai","microsoft","0.20"]'
jq_eq "openai pays through 2030" "$omp" '[.start, .end]' '["2026-04-27","2030-12-31"]'
jq_eq "cap" "$omp" '[.cap, .cap_approximate]' '["38000000000.00",false]'
jq_eq "no milestone ends it" "$omp" '.milestones' '[]'
jq_eq "cap counts this version" "$omp" '.cap_counts' '"this_version"'
jq_eq "settled quarterly, due 45 days" "$omp" '[.settle, .due_days, .rounding]' '["quarterly",45,"half-even"]'
jq_eq "rate is reported" "$omp" '[.notes[] | select(.field == "rate") | .certainty]' '["reported"]'
jq_eq "end is assumed" "$omp" '[.notes[] | select(.field == "end") | .certainty]' '["assumed"]'
jq_eq "no revenue share from microsoft" "$now" \
  '[.clauses[] | select(.kind == "revenue_share" and .payer == "microsoft")] | length' '0'
lic=$(clause "$now" ip-licence)
jq_eq "licence" "$lic" '[.licensor, .licensee, .exclusive, .end]' '["openai","microsoft",false,"2032-12-31"]'
jq_eq "licence covers" "$lic" '.covers' '["models","products"]'
cloud=$(clause "$now" azure-cloud)
jq_eq "primary cloud" "$cloud" '[.mode, .provider, .customer]' '["primary","microsoft","openai"]'
jq_eq "both exceptions" "$cloud" '.exceptions' '["unable","unwilling"]'
jq_eq "no API exclusivity any more" "$now" '[.clauses[] | select(.id == "azure-api")] | length' '0'
jq_eq "stake" "$(clause "$now" microsoft-stake)" '[.kind, .holder, .stake, .stake_approximate]' '["equity","microsoft","0.27",true]'

# 2024-06-01: the 2023 terms.
then=$("$PACTUM" show "$AGREEMENT" --on 2024-06-01 --json)
jq_eq "2024 version" "$then" '.version' '"2023-01-23"'
jq_eq "exclusive licence" "$(clause "$then" ip-licence)" '[.exclusive, .milestones]' '[true,["agi-declared"]]'
jq_eq "openai pays until AGI" "$(clause "$then" openai-pays-microsoft)" '.milestones' '["agi-declared"]'
jq_eq "microsoft pays until AGI" "$(clause "$then" microsoft-pays-openai)" '[.payer, .milestones]' '["microsoft",["agi-declared"]]'
jq_eq "azure exclusive" "$(clause "$then" azure-cloud)" '[.mode, .scope]' '["exclusive",["all-workloads"]]'
jq_eq "no cap before 2026" "$(clause "$then" openai-pays-microsoft)" '.cap' 'null'

# Each amendment: the day before it, the old version; on its day, the new one.
for pair in 2019-07-22:2019-07-22 2023-01-22:2019-07-22 2023-01-23:2023-01-23 \
            2025-01-20:2023-01-23 2025-01-21:2025-01-21 2025-10-27:2025-01-21 \
            2025-10-28:2025-10-28 2026-04-26:2025-10-28 2026-04-27:2026-04-27 \
            2040-01-01:2026-04-27; do
  day=${pair%%:*}
  want=${pair#*:}
  jq_eq "version on $day" "$("$PACTUM" show "$AGREEMENT" --on "$day" --json)" '.version' "\"$want\""
done
jq_eq "first refusal in 2025" "$(clause "$("$PACTUM" show "$AGREEMENT" --on 2025-06-01 --json)" azure-cloud)" \
  '[.mode, .exceptions, .carve_outs]' '["first_refusal",["unable"],["research","training"]]'
oct=$("$PACTUM" show "$AGREEMENT" --on 2026-04-26 --json)
jq_eq "API exclusive until AGI verified" "$(clause "$oct" azure-api)" '[.mode, .scope, .milestones]' \
  '["exclusive",["api-products"],["agi-verified"]]'
jq_eq "revenue shares until verified" "$(clause "$oct" openai-pays-microsoft)" '.milestones' '["agi-verified"]'
jq_eq "no profit participation after the recapitalisation" "$oct" \
  '[.clauses[] | select(.id == "profit-participation")] | length' '0'
tiers=$(clause "$("$PACTUM" show "$AGREEMENT" --on 2020-01-01 --json)" profit-participation)
jq_eq "profit tiers" "$tiers" '[.tiers[] | .rate]' '["0.75","0.49"]'
jq_eq "profit tier bounds" "$tiers" '[.tiers[] | .up_to]' '["13000000000.00","92000000000.00"]'
# A clause past its own last day is not in force, though its version still is.
jq_eq "research IP ends 2030" "$("$PACTUM" show "$AGREEMENT" --on 2031-06-01 --json)" \
  '[.clauses[] | select(.id == "research-ip" or .id == "openai-pays-microsoft")] | length' '0'

# For people: plain words with sources.
expect_status "show text" 0 "$PACTUM" show "$AGREEMENT" --on 2026-11-27
expect_contains "show text" "$OUT" "rate        20%"
expect_contains "show text" "$OUT" "reported: CNBC, 2026-04-27"
expect_contains "show text" "$OUT" "USD 38,000,000,000.00, counting this version's accruals only"
expect_contains "show text" "$OUT" "unless microsoft is unable; unless microsoft is unwilling"

# Dates and arguments a user gets wrong.
expect_status "before the agreement" 1 "$PACTUM" show "$AGREEMENT" --on 2019-07-21
expect_contains "before the agreement" "$OUT" "no version of the agreement is in force on 2019-07-21; its first version takes effect on 2019-07-22"
expect_status "impossible --on" 2 "$PACTUM" show "$AGREEMENT" --on 2026-02-30
expect_contains "impossible --on" "$OUT" "--on: no such day: '2026-02-30'"
expect_status "malformed --on" 2 "$PACTUM" show "$AGREEMENT" --on tomorrow
expect_status "missing --on value" 2 "$PACTUM" show "$AGREEMENT" --on
expect_status "unknown option" 2 "$PACTUM" show "$AGREEMENT" --jsn
expect_contains "unknown option" "$OUT" "pactum show: unknown option '--jsn'"
expect_status "no path" 2 "$PACTUM" show
expect_status "agreement with errors" 1 "$PACTUM" show tests/check/E0301-unknown-party.pact
expect_contains "agreement with errors" "$OUT" "error[E0301]"
finish

# test_history.sh -- what each amendment changed, clause by clause and term by term.
. tests/cli/lib.sh

h=$("$PACTUM" history "$AGREEMENT" --json)
jq_eq "five versions in order" "$h" '[.versions[].version]' \
  '["2019-07-22","2023-01-23","2025-01-21","2025-10-28","2026-04-27"]'
jq_eq "each in force until the next" "$h" '[.versions[].last_day]' \
  '["2023-01-22","2025-01-20","2025-10-27","2026-04-26",null]'
v2026='.versions[] | select(.version == "2026-04-27") | .changes[]'
jq_eq "2026 removes" "$h" "[$v2026 | select(.change == \"removed\") | .id]" '["microsoft-pays-openai","azure-api"]'
jq_eq "2026 licence stops being exclusive" "$h" \
  "[$v2026 | select(.id == \"ip-licence\") | .fields[] | select(.field == \"exclusive\") | .after]" '["no"]'
jq_eq "2026 revenue share gains a cap" "$h" \
  "[$v2026 | select(.id == \"openai-pays-microsoft\") | .fields[] | select(.field == \"cap\") | .after]" \
  '["USD 38,000,000,000.00, counting this version'"'"'s accruals only"]'
jq_eq "2026 revenue share no longer ends on AGI" "$h" \
  "[$v2026 | select(.id == \"openai-pays-microsoft\") | .fields[] | select(.field == \"end\") | [.before, .after]]" \
  '[["until agi-verified","through 2030-12-31"]]'
jq_eq "2025-10 adds" "$h" \
  '[.versions[] | select(.version == "2025-10-28") | .changes[] | select(.change == "added") | .id] | sort' \
  '["agi-verified","azure-api","azure-commitment","microsoft-stake","research-ip"]'
expect_status "history text" 0 "$PACTUM" history "$AGREEMENT"
expect_contains "history text" "$OUT" "removed revenue-share microsoft-pays-openai"
expect_contains "history text" "$OUT" "changed licence ip-licence"
# A clause without plain words still has a history (and nothing reads past its missing text).
expect_status "history without says" 0 "$PACTUM" history tests/check/W0704-no-plain-words.pact
expect_contains "history without says" "$OUT" "added   revenue-share fee"
finish

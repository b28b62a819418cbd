# test_settle_names.sh -- names that miss the agreement's are said, once each, in the text and
# the JSON of every command that settles, from files and from a ledger alike.
. tests/cli/lib.sh

pact=tests/settle/amended.pact
ev=tests/settle/names.csv
# v1: 10% of globex's revenue, hardware excluded. n1 1,000.00 counts; n2 500.00 of 'Hardware'
# is not 'hardware', so it counts too; n3 and n5 ('Globex') and n4 ('northwind') count nowhere.
# 2024-Q1: 10% x 1,500.00 = 150.00.
expect_status "names: settle" 0 "$PACTUM" settle --agreement $pact --events $ev
expect_contains "names: the figure" "$OUT" "globex -> acme: 150.00"
expect_contains "names: a stream by case" "$OUT" "names.csv:3: warning[W1113]: revenue 'n2' has stream 'Hardware', which no clause names"
expect_contains "names: the stream meant" "$OUT" "did you mean 'hardware' (named by clause 'fee')?"
expect_contains "names: a party by case" "$OUT" "names.csv:4: warning[W1111]: revenue 'n3' names 'Globex', which is not a party of the agreement: its revenue counts in no clause"
expect_contains "names: the party meant" "$OUT" "did you mean 'globex'?"
expect_contains "names: an undeclared party" "$OUT" "names.csv:5: warning[W1112]: revenue 'n4' is of 'northwind', which is not a party of the agreement"
expect_eq "names: each name once" "$(printf '%s\n' "$OUT" | grep -c 'warning\[')" 3

for c in "settle" "settle --by year" "statement --on 2024-06-30" "explain --clause fee --period 2024-Q1" "audit --on 2024-06-30"; do
  out=$("$PACTUM" $c --agreement $pact --events $ev --json 2>/dev/null)
  jq_eq "names: $c --json" "$out" '[.diagnostics[] | [.code, .line]]' '[["W1113",3],["W1111",4],["W1112",5]]'
done
expect_status "names: export" 0 "$PACTUM" export --format csv --agreement $pact --events $ev
expect_eq "names: export says them" "$(printf '%s\n' "$OUT" | grep -c 'warning\[W111')" 3

# From a ledger: the same warnings, at the file and line the events were imported from.
"$PACTUM" init --ledger "$TMPDIR/l.db" >/dev/null
"$PACTUM" import --ledger "$TMPDIR/l.db" $ev >/dev/null
out=$("$PACTUM" settle --agreement $pact --ledger "$TMPDIR/l.db" --json 2>/dev/null)
jq_eq "names: ledger" "$out" '[.diagnostics[] | [.code, .file, .line]] , .totals[0].amount' \
  '[["W1113","tests/settle/names.csv",3],["W1111","tests/settle/names.csv",4],["W1112","tests/settle/names.csv",5]]
"150.00"'

finish

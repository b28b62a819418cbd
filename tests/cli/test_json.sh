# test_json.sh -- every --json document pactum writes is valid against its schema in docs/schemas/:
# each command on the reference agreement, on small agreements (tiers, a fiscal year, amendments),
# from files and from a ledger, with warnings, and failing. A field added, renamed or given another
# shape fails here until its schema says so.
. tests/cli/lib.sh

PY=/usr/bin/python3
SCHEMAS=docs/schemas
A=$AGREEMENT
E=examples/microsoft-openai/events.csv
N=0

# valid SCHEMA WHAT COMMAND...: the command's stdout is valid against SCHEMA; stderr is empty
# (with --json every diagnostic is in the document).
valid() {
  schema=$1 what=$2
  shift 2
  N=$((N + 1))
  "$@" >"$TMPDIR/$N.json" 2>"$TMPDIR/$N.err"
  status=$?
  if out=$("$PY" tests/cli/validate_json.py "$SCHEMAS/$schema.json" "$TMPDIR/$N.json" 2>&1); then
    pass
  else
    fail "$what (exit $status): not valid against $schema.json: $(printf '%s' "$out" | head -c 800)"
  fi
  expect_eq "$what: nothing on stderr" "$(cat "$TMPDIR/$N.err")" ""
  STATUS=$status
  DOC="$TMPDIR/$N.json"
}

# Every schema is a valid JSON Schema (validate_json.py checks the schema before the document).
for s in "$SCHEMAS"/*.json; do
  expect_eq "$s is JSON" "$(jq -e . "$s" >/dev/null 2>&1; echo $?)" 0
done

valid check "check: the reference" "$PACTUM" check --json $A tests/settle/tiers.pact tests/settle/fiscal.pact
valid check "check: an agreement with errors" "$PACTUM" check --json tests/check/E0301-unknown-party.pact $A
expect_eq "check: errors exit 1" "$STATUS" 1
for on in 2019-07-22 2023-06-01 2025-02-01 2025-11-01 2026-11-27; do
  valid show "show on $on" "$PACTUM" show $A --on $on --json
done
valid show "show: tiers" "$PACTUM" show tests/settle/tiers.pact --json
valid show "show: a fiscal year" "$PACTUM" show tests/settle/fiscal.pact --json
valid show "show: before the agreement" "$PACTUM" show $A --on 2001-01-01 --json
expect_eq "show: before the agreement exits 1" "$STATUS" 1
valid history "history" "$PACTUM" history $A --json
valid history "history: amendments" "$PACTUM" history tests/settle/amended.pact --json

for ag in "$A $E" "tests/settle/tiers.pact tests/settle/tiers.csv" \
  "tests/settle/fiscal.pact tests/settle/fiscal.csv" \
  "tests/settle/amended.pact tests/settle/amended.csv tests/settle/payments.csv tests/settle/restated.csv"; do
  set -- $ag
  a=$1
  shift
  valid settle "settle $a" "$PACTUM" settle --agreement $a --events "$@" --json
  expect_eq "settle $a: exit 0" "$STATUS" 0
  valid settle-by-year "settle --by year $a" "$PACTUM" settle --agreement $a --events "$@" --by year --json
  for on in 2020-01-01 2024-12-01 2027-03-01 2032-12-31; do
    valid statement "statement $a on $on" "$PACTUM" statement --agreement $a --events "$@" --on $on --json
    valid audit "audit $a on $on" "$PACTUM" audit --agreement $a --events "$@" --on $on --json
  done
done
valid statement "statement of one period" "$PACTUM" statement --agreement $A --events $E --on 2027-06-01 --period 2027-Q1 --json
# explain: every clause and period the reference settles.
"$PACTUM" settle --agreement $A --events $E --json | jq -r '.obligations[] | "\(.clause) \(.period)"' |
  awk 'NR % 7 == 1' >"$TMPDIR/periods"
while read -r clause period; do
  valid explain "explain $clause $period" "$PACTUM" explain --agreement $A --events $E --clause "$clause" --period "$period" --json
done <"$TMPDIR/periods"
valid explain "explain: tiers" "$PACTUM" explain --agreement tests/settle/tiers.pact --events tests/settle/tiers.csv \
  --clause "$("$PACTUM" settle --agreement tests/settle/tiers.pact --events tests/settle/tiers.csv --json | jq -r '.obligations[0].clause')" \
  --period "$("$PACTUM" settle --agreement tests/settle/tiers.pact --events tests/settle/tiers.csv --json | jq -r '.obligations[0].period')" --json

# The same from a ledger.
"$PACTUM" init --ledger "$TMPDIR/l.db" >/dev/null
"$PACTUM" import --ledger "$TMPDIR/l.db" $E tests/decide/clouds.csv >/dev/null 2>&1
valid settle "settle --ledger" "$PACTUM" settle --agreement $A --ledger "$TMPDIR/l.db" --json
valid statement "statement --ledger" "$PACTUM" statement --agreement $A --ledger "$TMPDIR/l.db" --on 2028-01-01 --json
valid audit "audit --ledger" "$PACTUM" audit --agreement $A --ledger "$TMPDIR/l.db" --on 2028-01-01 --json
# The imports a ledger holds: trusted and --as, one withdrawn; an empty ledger; no ledger.
printf 'id,kind,date,end,party,stream,amount,currency\nj1,revenue,2026-05-01,2026-05-31,openai,chatgpt,100.00,USD\n' >"$TMPDIR/own.csv"
"$PACTUM" import --ledger "$TMPDIR/l.db" --agreement $A --as openai "$TMPDIR/own.csv" >/dev/null 2>&1
"$PACTUM" undo --ledger "$TMPDIR/l.db" 2 >/dev/null
# ... and a backdated one, withdrawn by a backdated undo of its importer.
printf 'id,kind,date,end,party,stream,amount,currency\nj2,revenue,2026-06-01,2026-06-30,openai,chatgpt,50.00,USD\n' >"$TMPDIR/late.csv"
"$PACTUM" import --ledger "$TMPDIR/l.db" --agreement $A --as openai --recorded-on 2026-07-01 --backdated-because "sent late" "$TMPDIR/late.csv" >/dev/null 2>&1
"$PACTUM" undo --ledger "$TMPDIR/l.db" --as openai --recorded-on 2026-07-02 --backdated-because "a duplicate" 4 >/dev/null
valid imports "imports" "$PACTUM" imports --ledger "$TMPDIR/l.db" --json
jq_eq "imports: one of each" "$(cat "$DOC")" '[.imports[] | [.seq, .as, .withdrawn_on != null, .withdrawn_as, .backdated_because, .withdrawal_backdated_because]]' \
  '[[1,null,false,null,null,null],[2,null,true,null,null,null],[3,"openai",false,null,null,null],[4,"openai",true,"openai","sent late","a duplicate"]]'
"$PACTUM" init --ledger "$TMPDIR/empty.db" >/dev/null
valid imports "imports: an empty ledger" "$PACTUM" imports --ledger "$TMPDIR/empty.db" --json
valid imports "imports: no ledger" "$PACTUM" imports --ledger "$TMPDIR/none.db" --json
expect_eq "imports: no ledger exits 1" "$STATUS" 1

# The whole ledger verified (204 example events and j1 in force; the undone imports summed again too), and one with a daily sum changed.
valid verify "verify" "$PACTUM" verify --ledger "$TMPDIR/l.db" --json
jq_eq "verify: what it checked" "$(cat "$DOC")" '[.verified, .events_in_force, .imports_summed]' '[true, 205, 4]'
cp "$TMPDIR/l.db" "$TMPDIR/bad.db"
sqlite3 "$TMPDIR/bad.db" "UPDATE day_sums SET amount_minor = amount_minor + 1 WHERE rowid = 1"
valid verify "verify: a changed sum" "$PACTUM" verify --ledger "$TMPDIR/bad.db" --json
expect_eq "verify: a changed sum exits 1" "$STATUS" 1
jq_eq "verify: a changed sum, named" "$(cat "$DOC")" '[.diagnostics[].code]' '["E1220"]'


# Decisions, one at a time and in a batch (a batch line is the answer without its frame).
valid decide "decide launch: pending" "$PACTUM" decide launch --agreement $A --events tests/decide/clouds.csv \
  --product atlas --provider google --on 2026-05-01 --json
jq_eq "decide launch: a warning is in the document" "$(cat "$DOC")" '[.diagnostics[].code]' '["W1301"]'
valid decide "decide launch: exclusive" "$PACTUM" decide launch --agreement $A --events tests/decide/clouds.csv \
  --product chatgpt --provider amazon --on 2020-01-01 --json
valid decide "decide use" "$PACTUM" decide use --agreement $A --events tests/decide/licences.csv \
  --licensee amazon --subject model:gpt-4 --on 2024-06-10 --json
"$PACTUM" decide --agreement $A --events tests/decide/clouds.csv tests/decide/licences.csv \
  --batch tests/decide/queries.jsonl >"$TMPDIR/batch.jsonl" 2>/dev/null
expect_eq "decide --batch: bad lines exit 1" "$?" 1
out=$("$PY" tests/cli/validate_json.py "$SCHEMAS/decide-batch-line.json" "$TMPDIR/batch.jsonl" --lines 2>&1)
expect_eq "decide --batch: every line valid" "$out" ""

# Failing: each command writes the failure document, exits non-zero, and says nothing on stderr.
printf 'id,kind,date,party,stream,amount,currency\nx1,revenue,2024-13-01,openai,api,5.00,USD\n' >"$TMPDIR/bad.csv"
for cmd in "settle" "settle --by year" "statement --on 2025-01-01" "audit --on 2025-01-01" \
  "explain --clause openai-pays-microsoft --period 2024-Q1"; do
  set -- $cmd
  schema=$1
  [ "$cmd" = "settle --by year" ] && schema=settle-by-year
  valid "$schema" "$cmd: a bad event" "$PACTUM" $cmd --agreement $A --events "$TMPDIR/bad.csv" --json
  expect_eq "$cmd: a bad event exits 1" "$STATUS" 1
  jq_eq "$cmd: the error, located" "$(cat "$DOC")" '[.agreement, (.diagnostics[] | select(.severity == "error") | [.file, .line])]' \
    "[\"microsoft-openai\",[\"$TMPDIR/bad.csv\",2]]"
  valid "$schema" "$cmd: no agreement" "$PACTUM" $cmd --agreement "$TMPDIR/none" --events $E --json
  expect_eq "$cmd: no agreement exits 1" "$STATUS" 1
  jq_eq "$cmd: no agreement, said" "$(cat "$DOC")" '[.agreement, .currency, [.diagnostics[].code]]' '[null,null,["E0001"]]'
done
valid explain "explain: no such period" "$PACTUM" explain --agreement $A --events $E --clause openai-pays-microsoft --period 2001-Q1 --json
expect_eq "explain: no such period exits 1" "$STATUS" 1
valid decide "decide: a bad event" "$PACTUM" decide launch --agreement $A --events "$TMPDIR/bad.csv" \
  --product atlas --provider google --on 2026-05-01 --json
expect_eq "decide: a bad event exits 1" "$STATUS" 1

finish

# test_ledger_acts.sh -- who recorded what, and when: every import and undo keeps the party it
# was made as (or trusted), the machine's time it was written and the day it claims; recording
# on an earlier day is a separate act, with its reason; and an "as known on" answer cannot be
# rewritten silently.
. tests/cli/lib.sh

A=$AGREEMENT
today=$(date -u +%Y-%m-%d)
stamp='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'

# ---------------------------------------------------------------- 1. who and when
db=$TMPDIR/who.db
"$PACTUM" init --ledger "$db" >/dev/null
printf 'id,kind,date,party,stream,amount,currency\nrev-1,revenue,2026-05-01,openai,chatgpt,1000.00,USD\n' >"$TMPDIR/oa.csv"
printf 'id,kind,date,party,counterparty,amount,currency\npay-1,payment,2026-08-14,openai,microsoft,200.00,USD\n' >"$TMPDIR/pay.csv"
printf 'id,kind,date,party,stream,amount,currency\nrev-9,revenue,2026-06-01,openai,chatgpt,5.00,USD\n' >"$TMPDIR/trusted.csv"
expect_status "who: import as openai" 0 "$PACTUM" import --ledger "$db" --agreement $A --as openai "$TMPDIR/oa.csv"
expect_status "who: import as openai again" 0 "$PACTUM" import --ledger "$db" --agreement $A --as openai "$TMPDIR/pay.csv"
expect_status "who: a trusted import" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/trusted.csv"
list=$("$PACTUM" imports --ledger "$db" --json)
jq_eq "who: each import's recorder and claimed day" "$list" '.imports | map([.seq, .as, .recorded_on])' \
  "[[1,\"openai\",\"$today\"],[2,\"openai\",\"$today\"],[3,null,\"$today\"]]"
jq_eq "who: written by the machine's clock, UTC" "$list" "[.imports[].recorded_at | test(\"$stamp\") and startswith(\"$today\")]" '[true,true,true]'

# An undo keeps who made it and when. A party withdraws only what it imported (E1262), and a
# refused undo changes nothing.
before=$(cksum <"$db")
expect_status "who: microsoft may not withdraw openai's import" 1 "$PACTUM" undo --ledger "$db" --as microsoft 1
expect_contains "who: ... said" "$OUT" "who.db: error[E1262]: import 1 ($TMPDIR/oa.csv) was imported as openai: microsoft may withdraw only an import it made"
expect_contains "who: ... with what to do" "$OUT" "help: withdraw it as the party that imported it (--as), or trusted (without --as)"
expect_status "who: nor a trusted import" 1 "$PACTUM" undo --ledger "$db" --as openai 3
expect_contains "who: ... said" "$OUT" "error[E1262]: import 3 ($TMPDIR/trusted.csv) was imported trusted (without --as): openai may withdraw only an import it made"
expect_eq "who: refused undos change nothing" "$(cksum <"$db")" "$before"
expect_status "who: openai withdraws its own" 0 "$PACTUM" undo --ledger "$db" --as openai 2
expect_status "who: a trusted undo withdraws any" 0 "$PACTUM" undo --ledger "$db" 3
list=$("$PACTUM" imports --ledger "$db" --json)
jq_eq "who: each undo's recorder and day" "$list" '.imports | map([.seq, .withdrawn_on, .withdrawn_as, .withdrawn])' \
  "[[1,null,null,0],[2,\"$today\",\"openai\",1],[3,\"$today\",null,1]]"
jq_eq "who: each undo written by the machine's clock" "$list" "[.imports[1,2].withdrawn_at | test(\"$stamp\") and startswith(\"$today\")]" '[true,true]'
expect_status "who: the table" 0 "$PACTUM" imports --ledger "$db"
expect_contains "who: the undo's recorder in the table" "$OUT" "pay.csv  [withdrawn on $today: 1 event, written $today"
expect_contains "who: ... as openai" "$OUT" "Z as openai]"
expect_contains "who: ... a trusted undo" "$OUT" "Z (trusted)]"

finish

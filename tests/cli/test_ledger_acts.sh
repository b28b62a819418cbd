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

# ---------------------------------------------------------------- 2. backdating is an act
db=$TMPDIR/back.db
"$PACTUM" init --ledger "$db" >/dev/null
"$PACTUM" import --ledger "$db" --agreement $A --as openai "$TMPDIR/oa.csv" >/dev/null
before=$(cksum <"$db")
# Without a reason: refused, located, and the ledger is as it was.
expect_status "backdate: refused without a reason" 1 "$PACTUM" import --ledger "$db" --agreement $A --as openai --recorded-on 2025-01-10 "$TMPDIR/pay.csv"
expect_contains "backdate: ... said" "$OUT" "back.db: error[E1260]: $TMPDIR/pay.csv would be recorded on 2025-01-10, before today ($today, UTC): that is backdating, which changes what the ledger answers as known on the days between, and is done only with a reason"
expect_contains "backdate: ... what to do" "$OUT" "help: say why, and the reason is recorded with it: --backdated-because \"REASON\" (pactum imports lists it)"
expect_contains "backdate: ... nothing written" "$OUT" "pay.csv: not imported; the ledger is as it was"
expect_eq "backdate: the ledger is untouched" "$(cksum <"$db")" "$before"
# A future day, a reason with nothing to explain, an empty reason: usage errors (exit 2).
expect_status "backdate: a future day" 2 "$PACTUM" import --ledger "$db" --recorded-on 2999-01-01 --backdated-because "x" "$TMPDIR/pay.csv"
expect_contains "backdate: ... said" "$OUT" "pactum import: --recorded-on 2999-01-01 is after today ($today, UTC): the ledger cannot have learned anything on a day still to come"
expect_status "backdate: a reason without a day" 2 "$PACTUM" import --ledger "$db" --backdated-because "late" "$TMPDIR/pay.csv"
expect_contains "backdate: ... said" "$OUT" "pactum import: --backdated-because says why the ledger records an earlier day than today: give that day with --recorded-on DATE"
expect_status "backdate: a reason for today" 2 "$PACTUM" import --ledger "$db" --recorded-on "$today" --backdated-because "late" "$TMPDIR/pay.csv"
expect_status "backdate: an empty reason" 2 "$PACTUM" import --ledger "$db" --recorded-on 2025-01-10 --backdated-because "" "$TMPDIR/pay.csv"
expect_contains "backdate: ... said" "$OUT" "pactum import: --backdated-because needs a reason, not an empty text"
expect_eq "backdate: still untouched" "$(cksum <"$db")" "$before"
# With the reason: imported, and the act recorded (who, the machine's time, the day, why).
expect_status "backdate: with a reason" 0 "$PACTUM" import --ledger "$db" --agreement $A --as openai --recorded-on 2025-01-10 --backdated-because "the January payment file, sent late" "$TMPDIR/pay.csv"
list=$("$PACTUM" imports --ledger "$db" --json)
jq_eq "backdate: the act recorded" "$list" '.imports[1] | [.seq, .as, .recorded_on, .backdated_because, .withdrawal_backdated_because]' \
  '[2,"openai","2025-01-10","the January payment file, sent late",null]'
jq_eq "backdate: written now, by the machine's clock" "$list" ".imports[1].recorded_at | startswith(\"$today\")" 'true'
jq_eq "backdate: an import of today is not backdated" "$list" '.imports[0].backdated_because' 'null'
expect_status "backdate: the table" 0 "$PACTUM" imports --ledger "$db"
expect_contains "backdate: the reason in the table" "$OUT" "pay.csv  [backdated: the January payment file, sent late]"
# An undo on an earlier day is backdating too.
before=$(cksum <"$db")
expect_status "backdate: an undo without a reason" 1 "$PACTUM" undo --ledger "$db" --recorded-on 2025-02-01 2
expect_contains "backdate: ... said" "$OUT" "back.db: error[E1260]: the undo of import 2 would be recorded on 2025-02-01, before today ($today, UTC): that is backdating"
expect_eq "backdate: ... nothing written" "$(cksum <"$db")" "$before"
expect_status "backdate: an undo with a reason" 0 "$PACTUM" undo --ledger "$db" --as openai --recorded-on 2025-02-01 --backdated-because "sent in error" 2
list=$("$PACTUM" imports --ledger "$db" --json)
jq_eq "backdate: the undo's act recorded" "$list" '.imports[1] | [.withdrawn_on, .withdrawn_as, .withdrawal_backdated_because]' '["2025-02-01","openai","sent in error"]'
"$PACTUM" imports --ledger "$db" >"$TMPDIR/list.txt"
expect_contains "backdate: the undo's reason in the table" "$(cat "$TMPDIR/list.txt")" "Z as openai]  [backdated: sent in error]"

# ---------------------------------------------------------------- 3. as known on, as held on
# OpenAI's revenue of 1,000.00 in 2026-Q2 is imported today; then, after the fact, 500.00 more,
# backdated to 2025-01-10. Under the 2026 terms OpenAI owes 20%: 200.00, then 300.00.
db=$TMPDIR/known.db
"$PACTUM" init --ledger "$db" >/dev/null
"$PACTUM" import --ledger "$db" --agreement $A --as openai "$TMPDIR/oa.csv" >/dev/null
owed() { # the 2026-Q2 obligation of openai-pays-microsoft (and the diagnostics' codes)
  "$PACTUM" settle --agreement $A --ledger "$db" "$@" --json 2>/dev/null |
    jq -c '[([.obligations[] | select(.clause == "openai-pays-microsoft" and .period == "2026-Q2") | .amount]), [.diagnostics[].code]]'
}
yesterday=$(date -u -d yesterday +%Y-%m-%d)
expect_eq "known: today, 20% of 1,000.00" "$(owed)" '[["200.00"],[]]'
expect_eq "known: as known on 2025-06-01, nothing yet" "$(owed --as-known-on 2025-06-01)" '[[],["W1216"]]'
expect_eq "held: as held on yesterday, nothing" "$(owed --as-held-on "$yesterday")" '[[],["W1216"]]'
printf 'id,kind,date,party,stream,amount,currency
rev-2,revenue,2026-05-02,openai,chatgpt,500.00,USD
' >"$TMPDIR/late.csv"
"$PACTUM" import --ledger "$db" --agreement $A --as openai --recorded-on 2025-01-10 --backdated-because "found in the 2025 archive" "$TMPDIR/late.csv" >/dev/null
# The claimed day answers: 20% of 500.00 = 100.00 as known on 2025-06-01, and it says so.
expect_eq "known: the backdated import counts as known on 2025-06-01" "$(owed --as-known-on 2025-06-01)" '[["100.00"],["W1223"]]'
expect_status "known: ... said in text" 0 "$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-06-01
expect_contains "known: ... naming the act" "$OUT" "known.db: warning[W1223]: as known on 2025-06-01, import 2 ($TMPDIR/late.csv) counts: it was recorded on 2025-01-10 but written on ${today}T"
expect_contains "known: ... its recorder and reason" "$OUT" "Z as openai, after that day; backdated because \"found in the 2025 archive\""
expect_contains "known: ... and how to ask otherwise" "$OUT" "help: pactum imports --ledger FILE lists every import and undo, who made it and when; --as-held-on DATE answers with what the ledger held on that day by the machine's clock"
out=$("$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-06-01 --json)
jq_eq "known: ... and in JSON" "$out" '.diagnostics[0] | [.code, (.message | test("backdated because \"found in the 2025 archive\"$"))]' '["W1223",true]'
# By the machine's clock the ledger held neither on yesterday: the answer is as it was.
expect_eq "held: as held on yesterday, still nothing" "$(owed --as-held-on "$yesterday")" '[[],["W1216"]]'
expect_status "held: ... said" 0 "$PACTUM" settle --agreement $A --ledger "$db" --as-held-on "$yesterday"
expect_contains "held: ... said" "$OUT" "known.db: warning[W1216]: the ledger held nothing on $yesterday: its first import was written on ${today}T"
expect_eq "held: as held on today, both: 20% of 1,500.00" "$(owed --as-held-on "$today")" '[["300.00"],[]]'
# An undo backdated to before the day asked: as known on it, the events are gone (said); as held
# on a day before the undo was written, they are there.
"$PACTUM" undo --ledger "$db" --recorded-on 2025-03-01 --backdated-because "a duplicate" 2 >/dev/null
expect_eq "known: the backdated undo counts" "$(owed --as-known-on 2025-06-01)" '[[],["W1223","W1223"]]'
expect_status "known: ... said" 0 "$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-06-01
expect_contains "known: ... naming the undo" "$OUT" "warning[W1223]: as known on 2025-06-01, the undo of import 2 ($TMPDIR/late.csv) counts: it was recorded on 2025-03-01 but written on ${today}T"
expect_contains "known: ... a trusted undo, and why" "$OUT" "Z (trusted), after that day; backdated because \"a duplicate\""
expect_eq "known: as known on 2025-02-01, before the undo's day" "$(owed --as-known-on 2025-02-01)" '[["100.00"],["W1223"]]'
expect_eq "held: as held on today, the undo counts" "$(owed --as-held-on "$today")" '[["200.00"],[]]'

# Every command that reads --as-known-on reads --as-held-on.
for c in "settle" "statement --on 2026-12-01" "explain --clause openai-pays-microsoft --period 2026-Q2" "export --format csv" "audit --on 2026-12-01" "decide launch --product p --provider azure --on 2026-12-01"; do
  # shellcheck disable=SC2086
  expect_status "held: $c" 0 "$PACTUM" $c --agreement $A --ledger "$db" --as-held-on "$today"
done
expect_status "held: needs a ledger" 2 "$PACTUM" settle --agreement $A --events "$TMPDIR/oa.csv" --as-held-on "$today"
expect_contains "held: ... said" "$OUT" "pactum settle: --as-held-on reads a ledger (--ledger FILE): event files do not say when their events were written"
expect_status "held: not with --as-known-on" 2 "$PACTUM" settle --agreement $A --ledger "$db" --as-held-on "$today" --as-known-on "$today"
expect_contains "held: ... said" "$OUT" "pactum settle: give one of --as-known-on DATE (by the day each import claims) and --as-held-on DATE (by the machine's clock)"

finish

# test_ledger_parties.sh -- a party cannot supersede another's event by recording the
# superseding event first: when the event arrives, the superseding one takes effect only if its
# recorder may supersede it; otherwise it is void, and the importer is told (W1222).
. tests/cli/lib.sh

A=$AGREEMENT
db=$TMPDIR/parties.db
"$PACTUM" init --ledger "$db" >/dev/null
# Microsoft "restates" OpenAI's revenue before it arrives: 0.01 for USD 1 billion.
printf 'id,kind,date,party,stream,amount,currency,ref\ns1,revenue,2026-05-01,microsoft,chatgpt,0.01,USD,rev-1\n' >"$TMPDIR/ms.csv"
printf 'id,kind,date,party,stream,amount,currency,ref\nrev-1,revenue,2026-05-01,openai,chatgpt,1000000000.00,USD,\n' >"$TMPDIR/oa.csv"
expect_status "parties: the early restatement is kept" 0 "$PACTUM" import --ledger "$db" --agreement $A --as microsoft "$TMPDIR/ms.csv"
expect_contains "parties: ... with its warning" "$OUT" "warning[W1206]: revenue 's1' restates 'rev-1', which the ledger does not hold"
expect_status "parties: the event arrives" 0 "$PACTUM" import --ledger "$db" --agreement $A --as openai "$TMPDIR/oa.csv"
expect_contains "parties: the importer is told" "$OUT" "oa.csv:2: warning[W1222]: event 'rev-1' arrives already restated by 's1' ("
expect_contains "parties: ... why" "$OUT" "recorded as microsoft, who may not: 's1' supersedes 'rev-1', which is not microsoft's to record (the earner reports its revenue: 'rev-1' is openai's); 's1' takes no effect"
# 2026-Q2 under the 2026 terms: 20% x 1,000,000,000.00 = 200,000,000.00, not 20% x 0.01.
out=$("$PACTUM" settle --agreement $A --ledger "$db" --json 2>/dev/null)
jq_eq "parties: OpenAI's revenue counts" "$out" '[.obligations[] | select(.clause == "openai-pays-microsoft") | [.period, .base, .amount]]' '[["2026-Q2","1000000000.00","200000000.00"]]'
# The party whose event it is may still restate it: the void restatement supersedes nothing.
printf 'id,kind,date,party,stream,amount,currency,ref\nrev-1b,revenue,2026-05-01,openai,chatgpt,900000000.00,USD,rev-1\n' >"$TMPDIR/oa2.csv"
expect_status "parties: the earner restates" 0 "$PACTUM" import --ledger "$db" --agreement $A --as openai "$TMPDIR/oa2.csv"
out=$("$PACTUM" settle --agreement $A --ledger "$db" --json 2>/dev/null)
jq_eq "parties: the earner's restatement counts" "$out" '[.obligations[] | select(.clause == "openai-pays-microsoft") | .amount]' '["180000000.00"]'

# A payee makes a payer's payment vanish, so that the payer would look overdue: a correction of
# an id the ledger does not hold is refused under --as (E1207); a "restatement" recorded first
# is void when the payment arrives.
db=$TMPDIR/pay.db
"$PACTUM" init --ledger "$db" >/dev/null
printf 'id,kind,date,party,counterparty,subject,amount,currency,ref\nc1,correction,2026-08-01,microsoft,,,,,pay-1\n' >"$TMPDIR/c.csv"
expect_status "parties: an early correction is refused" 1 "$PACTUM" import --ledger "$db" --agreement $A --as microsoft "$TMPDIR/c.csv"
expect_contains "parties: ... saying why" "$OUT" "error[E1207]: microsoft may not record correction 'c1': a correction withdraws an event in the ledger, and 'pay-1' is none"
printf 'id,kind,date,party,counterparty,amount,currency,ref\np1,payment,2026-08-01,microsoft,openai,0.01,USD,pay-1\n' >"$TMPDIR/p.csv"
printf 'id,kind,date,party,counterparty,amount,currency\npay-1,payment,2026-08-14,openai,microsoft,5000.00,USD\n' >"$TMPDIR/pay.csv"
expect_status "parties: the early restatement of a payment is kept" 0 "$PACTUM" import --ledger "$db" --agreement $A --as microsoft "$TMPDIR/p.csv"
expect_status "parties: the payment arrives" 0 "$PACTUM" import --ledger "$db" --agreement $A --as openai "$TMPDIR/pay.csv"
expect_contains "parties: the payer is told" "$OUT" "warning[W1222]: event 'pay-1' arrives already restated by 'p1'"
out=$("$PACTUM" statement --agreement $A --ledger "$db" --on 2026-12-01 --json 2>/dev/null)
jq_eq "parties: the payment counts, the void one does not" "$out" '[.balances[] | [.payer, .paid]]' '[["openai","5000.00"]]'

# Without --agreement the right cannot be known: said, and the superseding event stands.
db=$TMPDIR/trusted.db
"$PACTUM" init --ledger "$db" >/dev/null
"$PACTUM" import --ledger "$db" --agreement $A --as microsoft "$TMPDIR/ms.csv" >/dev/null 2>&1
expect_status "parties: a trusted import" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/oa.csv"
expect_contains "parties: ... is told what was not checked" "$OUT" "warning[W1221]: event 'rev-1' arrives already restated by 's1'"

# Who recorded what, and when: an import recorded on an earlier day (--recorded-on) than it was
# written is said by every "as known on" answer that it changes (W1223), with its party.
db=$TMPDIR/backdated.db
"$PACTUM" init --ledger "$db" >/dev/null
"$PACTUM" import --ledger "$db" --agreement $A --as openai --recorded-on 2025-01-10 --backdated-because "January's figures, sent late" "$TMPDIR/oa.csv" >/dev/null 2>&1
expect_status "parties: as known on a backdated day" 0 "$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-06-01
expect_contains "parties: the backdating is said" "$OUT" "warning[W1223]: as known on 2025-06-01, import 1 ("
expect_contains "parties: ... with who and when" "$OUT" "oa.csv) counts: it was recorded on 2025-01-10 but written on $(date -u +%Y-%m-%d)T"
expect_contains "parties: ... and why" "$OUT" "Z as openai, after that day; backdated because \"January's figures, sent late\""
out=$("$PACTUM" settle --agreement $A --ledger "$db" --as-known-on "$(date -u +%Y-%m-%d)" --json 2>/dev/null)
jq_eq "parties: as known on the day it was written, nothing to say" "$out" '[.diagnostics[].code]' '[]'

finish

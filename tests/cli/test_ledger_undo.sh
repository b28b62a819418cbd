# test_ledger_undo.sh -- pactum imports lists what a ledger holds, import by import; pactum undo
# withdraws one import's events by recording their withdrawal (as known on an earlier day they
# are still there); a ledger of schema 2 is migrated to schema 3 with its events as they were.
. tests/cli/lib.sh

A=tests/settle/amended.pact
totals() { # totals LEDGER [--as-known-on DATE]: the amount owed acme, and without the caps
  db=$1
  shift
  "$PACTUM" settle --agreement $A --ledger "$db" "$@" --json 2>/dev/null |
    jq -c '[.totals[0].amount, .totals[0].amount_without_cap]'
}

# ---------------------------------------------------------------- a ledger of schema 2
# tests/ledger/v2.db was made by pactum with schema 2: amended.csv recorded on 2026-01-15,
# payments.csv on 2026-02-01.
db=$TMPDIR/v2.db
cp tests/ledger/v2.db "$db"
# A read does not migrate: it says how to, and the file is as it was; init brings it to 3.
expect_status "imports of a schema 2 ledger" 1 "$PACTUM" imports --ledger "$db"
expect_contains "a read does not migrate" "$OUT" "error[E1231]: this ledger has schema 2"
expect_eq "a read does not migrate: the bytes" "$(sha256sum <"$db")" "$(sha256sum <tests/ledger/v2.db)"
expect_status "init migrates a schema 2 ledger" 0 "$PACTUM" init --ledger "$db"
expect_status "imports of a migrated ledger" 0 "$PACTUM" imports --ledger "$db"
expect_contains "migrated: the first import" "$OUT" "    1  2026-01-15  2026-12-03T07:36:14Z         10         0  (trusted)      tests/settle/amended.csv"
expect_contains "migrated: the second import" "$OUT" "    2  2026-02-01  2026-12-03T07:36:14Z          5         0  (trusted)      tests/settle/payments.csv"
expect_eq "migrated: schema 3" "$(sqlite3 "$db" "SELECT value FROM pactum_meta WHERE key = 'schema'")" "3"
expect_eq "migrated: the events as they were" \
  "$(sqlite3 "$db" "SELECT id, amount_minor, import_seq, source_line FROM events ORDER BY id" | md5sum)" \
  "$(sqlite3 tests/ledger/v2.db "SELECT id, amount_minor, import_seq, source_line FROM events ORDER BY id" | md5sum)"
# Settled as the files settle: 1,042.35 owed (42.35 under v1, then v2's cap of 1,000.00), and
# without the caps 12.35 + 30.00 + 94.00 + 920.00 - 20.00 + 0.00 + 60.00 = 1,096.35.
from_files=$("$PACTUM" settle --agreement $A --events tests/settle/amended.csv tests/settle/payments.csv --json 2>/dev/null | jq -c .totals)
expect_eq "migrated: settles as the files" "$("$PACTUM" settle --agreement $A --ledger "$db" --json 2>/dev/null | jq -c .totals)" "$from_files"
expect_eq "migrated ledger: the totals" "$(totals "$db")" '["1042.35","1096.35"]'
# A migrated ledger takes undos: payments.csv withdrawn today, still paid as known before.
paid() { "$PACTUM" statement --agreement $A --ledger "$db" --on 2024-12-01 "$@" --json 2>/dev/null | jq -c '[.balances[0].owed, .balances[0].paid]'; }
# (owed on 2024-12-01: 1,036.35, 2025-Q2's 6.00 not accrued yet)
expect_eq "migrated: paid before the undo" "$(paid)" '["1036.35","112.35"]'
expect_status "migrated: undo" 0 "$PACTUM" undo --ledger "$db" 2
expect_eq "migrated: paid after the undo" "$(paid)" '["1036.35","0.00"]'
expect_eq "migrated: paid as known before the undo" "$(paid --as-known-on 2026-06-01)" '["1036.35","112.35"]'
expect_eq "the fixture is untouched" "$(sqlite3 tests/ledger/v2.db "SELECT value FROM pactum_meta WHERE key = 'schema'")" "2"

# ---------------------------------------------------------------- imports and undo
db=$TMPDIR/undo.db
"$PACTUM" init --ledger "$db" >/dev/null
expect_status "no imports yet" 0 "$PACTUM" imports --ledger "$db"
expect_contains "no imports yet" "$OUT" "no imports yet"
"$PACTUM" import --ledger "$db" --recorded-on 2025-01-10 --backdated-because "history" tests/settle/amended.csv tests/settle/payments.csv >/dev/null
# A wrong figure: e9 books 1,000.00 of revenue in 2024-Q1 (under v1, 10%, no cap), recorded on
# 2025-02-10 as globex's import.
printf 'id,kind,date,party,stream,amount,currency\ne9,revenue,2024-02-01,globex,software,1000.00,USD\n' >"$TMPDIR/wrong.csv"
"$PACTUM" import --ledger "$db" --recorded-on 2025-02-10 --backdated-because "history" --agreement $A --as globex "$TMPDIR/wrong.csv" >/dev/null
expect_status "imports" 0 "$PACTUM" imports --ledger "$db"
expect_contains "imports: the header" "$OUT" "  seq  recorded on written (UTC)             added     known  as             file"
expect_contains "imports: who" "$OUT" "globex         $TMPDIR/wrong.csv"
list=$("$PACTUM" imports --ledger "$db" --json)
jq_eq "imports --json" "$list" '[.agreement, .currency, (.imports | map([.seq, .file, .recorded_on, .as, .added, .known, .withdrawn_on])), .diagnostics]' \
  "[null,null,[[1,\"tests/settle/amended.csv\",\"2025-01-10\",null,10,0,null],[2,\"tests/settle/payments.csv\",\"2025-01-10\",null,5,0,null],[3,\"$TMPDIR/wrong.csv\",\"2025-02-10\",\"globex\",1,0,null]],[]]"
jq_eq "imports --json: when written" "$list" '.imports[0].recorded_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")' 'true'

# With e9: 2024-Q1's base is 123.47 + 1,000.00 = 1,123.47, 10% = 112.347, owed 112.35 (was 12.35):
# totals 1,042.35 + 100.00 = 1,142.35, and without the caps 1,096.35 + 100.00 = 1,196.35.
expect_eq "with the wrong figure" "$(totals "$db")" '["1142.35","1196.35"]'
before=$(cksum <"$db")
expect_status "undo" 0 "$PACTUM" undo --ledger "$db" --recorded-on 2025-03-01 --backdated-because "history" 3
expect_eq "undo" "$OUT" "import 3: 1 event withdrawn on 2025-03-01; as known on an earlier day the ledger still holds them"
expect_eq "after the undo" "$(totals "$db")" '["1042.35","1096.35"]'
expect_eq "as known before the undo: the past" "$(totals "$db" --as-known-on 2025-02-20)" '["1142.35","1196.35"]'
expect_eq "as known before the import" "$(totals "$db" --as-known-on 2025-02-01)" '["1042.35","1096.35"]'
expect_eq "as known on the undo's day" "$(totals "$db" --as-known-on 2025-03-01)" '["1042.35","1096.35"]'
jq_eq "imports: the withdrawal" "$("$PACTUM" imports --ledger "$db" --json)" '.imports[2] | [.withdrawn_on, .withdrawn]' '["2025-03-01",1]'
expect_status "imports: the withdrawal in the table" 0 "$PACTUM" imports --ledger "$db"
expect_contains "imports: the withdrawal in the table" "$OUT" "wrong.csv  [backdated: history]  [withdrawn on 2025-03-01: 1 event, written $(date -u +%Y-%m-%d)T"
expect_eq "history is kept" "$(sqlite3 "$db" "SELECT id, amount_minor, import_seq FROM withdrawn")" "e9|100000|3"

# Refused undos change nothing.
after=$(cksum <"$db")
expect_status "undo twice" 1 "$PACTUM" undo --ledger "$db" 3
expect_contains "undo twice" "$OUT" "error[E1213]: import 3 ($TMPDIR/wrong.csv) was already withdrawn on 2025-03-01"
expect_status "undo of no import" 1 "$PACTUM" undo --ledger "$db" 7
expect_contains "undo of no import" "$OUT" "undo.db: error[E1212]: the ledger has no import 7"
expect_contains "undo of no import: what there is" "$OUT" "= help: its imports are numbered 1 to 3: pactum imports --ledger FILE lists them"
expect_status "undo before the import" 1 "$PACTUM" undo --ledger "$db" --recorded-on 2025-01-01 --backdated-because "history" 2
expect_contains "undo before the import" "$OUT" "error[E1214]: import 2 (tests/settle/payments.csv) was recorded on 2025-01-10: it cannot be withdrawn on 2025-01-01, before it was made"
expect_eq "refused undos change nothing" "$(cksum <"$db")" "$after"
expect_status "undo needs a number" 2 "$PACTUM" undo --ledger "$db" three
expect_contains "undo needs a number" "$OUT" "pactum undo: an import is named by its number (pactum imports lists them), not 'three'"
expect_status "undo needs one" 2 "$PACTUM" undo --ledger "$db"
expect_status "undo of a future day" 2 "$PACTUM" undo --ledger "$db" --recorded-on 2999-01-01 2

# The corrected figure, imported again under the same id: its id is free once withdrawn.
printf 'id,kind,date,party,stream,amount,currency\ne9,revenue,2024-02-01,globex,software,10.00,USD\n' >"$TMPDIR/right.csv"
# ... but not recorded before the undo: e9 would stand twice as known on 2025-02-20.
expect_status "brought back before its undo" 1 "$PACTUM" import --ledger "$db" --recorded-on 2025-02-15 --backdated-because "history" "$TMPDIR/right.csv"
expect_contains "brought back before its undo" "$OUT" "right.csv:2: error[E1215]: event 'e9' was withdrawn on 2025-03-01 (undo of import 3), after 2025-02-15, the day this import is recorded on"
expect_eq "brought back before its undo: nothing written" "$(cksum <"$db")" "$after"
expect_status "the corrected figure" 0 "$PACTUM" import --ledger "$db" --recorded-on 2025-03-02 --backdated-because "history" "$TMPDIR/right.csv"
expect_contains "the corrected figure" "$OUT" "right.csv: 1 event imported, 0 already in the ledger"
# 2024-Q1: 10% of 123.47 + 10.00 = 13.347, owed 13.35: totals 1,043.35 (1,097.35 without caps).
expect_eq "the corrected figure settles" "$(totals "$db")" '["1043.35","1097.35"]'
expect_eq "as known between: neither" "$(totals "$db" --as-known-on 2025-03-01)" '["1042.35","1096.35"]'
expect_eq "as known before the undo: still the wrong one" "$(totals "$db" --as-known-on 2025-02-28)" '["1142.35","1196.35"]'

# An undo of an import whose events a later file also held: said, and that file can bring them back.
db=$TMPDIR/overlap.db
"$PACTUM" init --ledger "$db" >/dev/null
"$PACTUM" import --ledger "$db" tests/settle/amended.csv >/dev/null
printf 'id,kind,date,end,party,stream,amount,currency,subject,note\ne5,revenue,2024-01-15,,globex,software,123.45,USD,,\nn1,revenue,2024-02-01,,globex,software,1.00,USD,,\n' >"$TMPDIR/overlap.csv"
"$PACTUM" import --ledger "$db" "$TMPDIR/overlap.csv" >/dev/null
expect_status "undo under an overlap" 0 "$PACTUM" undo --ledger "$db" 1
expect_contains "undo under an overlap" "$OUT" "note: 1 later import found events already in the ledger; any of them that came from import 1 are withdrawn too: import that file again to bring them back"
expect_status "imported again" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/overlap.csv"
expect_contains "imported again" "$OUT" "overlap.csv: 1 event imported, 1 already in the ledger"

# ---------------------------------------------------------------- options
expect_status "recorded on a future day" 2 "$PACTUM" import --ledger "$db" --recorded-on 2999-01-01 "$TMPDIR/overlap.csv"
expect_contains "recorded on a future day" "$OUT" "pactum import: --recorded-on 2999-01-01 is after today ("
expect_contains "recorded on a future day: why" "$OUT" ", UTC): the ledger cannot have learned anything on a day still to come"
today=$(date -u +%Y-%m-%d)
expect_status "recorded on today" 0 "$PACTUM" import --ledger "$db" --recorded-on "$today" "$TMPDIR/overlap.csv"

db=$TMPDIR/early.db
"$PACTUM" init --ledger "$db" >/dev/null
expect_status "as known on an empty ledger" 0 "$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-01-01
expect_contains "as known on an empty ledger" "$OUT" "early.db: warning[W1216]: the ledger has no imports: it held nothing on 2025-01-01"
"$PACTUM" import --ledger "$db" --recorded-on 2025-01-10 --backdated-because "history" tests/settle/amended.csv >/dev/null
expect_status "as known before the first import" 0 "$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-01-09
expect_contains "as known before the first import" "$OUT" "early.db: warning[W1216]: the ledger held nothing on 2025-01-09: its first import was recorded on 2025-01-10"
expect_contains "as known before the first import: what to do" "$OUT" "= help: pactum imports --ledger FILE lists the day each import was recorded on"
st=$("$PACTUM" statement --agreement $A --ledger "$db" --as-known-on 2025-01-09 --json)
jq_eq "as known before the first import, json" "$st" '[.diagnostics[] | [.code, .severity]]' '[["W1216","warning"]]'
expect_status "as known on the first import's day" 0 "$PACTUM" settle --agreement $A --ledger "$db" --as-known-on 2025-01-10
case "$OUT" in *W1216*) fail "W1216 on the first import's day" ;; *) pass ;; esac
finish

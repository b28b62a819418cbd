# test_ledger_agreement.sh -- import --agreement PATH (with or without --as): an event the
# agreement can never settle (another currency, a name that is no party of it, a kind no clause
# reads) is refused before anything is written, located, and the ledger stays as it was.
. tests/cli/lib.sh

A=tests/settle/amended.pact
db=$TMPDIR/agreement.db
"$PACTUM" init --ledger "$db" >/dev/null
expect_status "a good file" 0 "$PACTUM" import --ledger "$db" --agreement $A tests/settle/amended.csv
expect_contains "a good file" "$OUT" "tests/settle/amended.csv: 10 events imported, 0 already in the ledger"
before=$(cksum <"$db")
rows() { sqlite3 "$db" "SELECT * FROM events ORDER BY id; SELECT * FROM imports ORDER BY seq"; }
rows_before=$(rows)
unchanged() { # unchanged WHAT
  expect_eq "$1: the ledger file is byte for byte as it was" "$(cksum <"$db")" "$before"
  expect_eq "$1: the ledger's rows are as they were" "$(rows)" "$rows_before"
  [ ! -s "$db-wal" ] && pass || fail "$1: the write-ahead log holds frames"
}

# An EUR row in a USD agreement: refused, located, nothing written (the good row beside it too).
head='id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref'
printf '%s\nok1,revenue,2024-03-01,,globex,,software,,5.00,USD,\neur1,revenue,2024-03-02,,globex,,software,,5.00,EUR,\n' "$head" >"$TMPDIR/eur.csv"
expect_status "another currency" 1 "$PACTUM" import --ledger "$db" --agreement $A "$TMPDIR/eur.csv"
expect_contains "another currency" "$OUT" "eur.csv:3: error[E1208]: event 'eur1' is in EUR, but the agreement settles in USD"
expect_contains "another currency: what to do" "$OUT" "= help: pactum does not convert currencies; give amounts in the agreement's currency"
expect_contains "another currency: nothing written" "$OUT" "eur.csv: not imported; the ledger is as it was"
unchanged "another currency"

# A party the agreement does not declare, as earner, payer or payee; the near miss is named.
printf '%s\nx1,revenue,2024-03-01,,Globex,,software,,5.00,USD,\nx2,payment,2024-03-05,,globex,nobody,,,1.00,USD,\n' "$head" >"$TMPDIR/party.csv"
expect_status "not a party" 1 "$PACTUM" import --ledger "$db" --agreement $A "$TMPDIR/party.csv"
expect_contains "a near miss" "$OUT" "party.csv:2: error[E1209]: revenue 'x1' names 'Globex' as its earner, which is not a party of the agreement: it would count in nothing"
expect_contains "a near miss: the name meant" "$OUT" "= help: did you mean 'globex'? parties are matched exactly, case included"
expect_contains "no party at all" "$OUT" "party.csv:3: error[E1209]: payment 'x2' names 'nobody' as its payee, which is not a party of the agreement: it would count in nothing"
expect_contains "no party at all: the parties" "$OUT" "= help: the agreement's parties are acme, globex, initech"
unchanged "not a party"
# The bundled payments file pays 'nobody' on line 4: with the agreement, the file is refused.
expect_status "payments.csv" 1 "$PACTUM" import --ledger "$db" --agreement $A tests/settle/payments.csv
expect_contains "payments.csv" "$OUT" "tests/settle/payments.csv:4: error[E1209]: payment 'pay3' names 'nobody' as its payee"
unchanged "payments.csv"

# A kind no clause of the agreement reads, and a milestone it does not have.
printf '%s\nl1,launch,2024-03-01,,globex,aws,app,,,,\nm9,milestone,2024-03-01,,globex,,,listing,,,\n' "$head" >"$TMPDIR/kind.csv"
expect_status "a kind it never reads" 1 "$PACTUM" import --ledger "$db" --agreement $A "$TMPDIR/kind.csv"
expect_contains "a launch without a cloud clause" "$OUT" "kind.csv:2: error[E1210]: launch 'l1': the agreement has no cloud clause, so it would count in nothing"
expect_contains "a milestone it does not have" "$OUT" "kind.csv:3: error[E1210]: milestone 'm9': the agreement has no milestone 'listing', so it would count in nothing"
unchanged "a kind it never reads"

# With --as too: both checks, every refused row reported.
expect_status "with --as" 1 "$PACTUM" import --ledger "$db" --agreement $A --as globex "$TMPDIR/eur.csv"
expect_contains "with --as: the currency" "$OUT" "eur.csv:3: error[E1208]"
unchanged "with --as"
printf '%s\nok2,revenue,2024-03-01,,globex,,software,,5.00,USD,\n' "$head" >"$TMPDIR/own.csv"
expect_status "with --as, a good file" 0 "$PACTUM" import --ledger "$db" --agreement $A --as globex "$TMPDIR/own.csv"
expect_eq "the import is recorded as globex's" "$(sqlite3 "$db" "SELECT as_party FROM imports ORDER BY seq DESC LIMIT 1")" "globex"

# A file of many refused rows: the first 100 are said, then the import stops reading.
{ echo "$head"; i=1; while [ $i -le 150 ]; do echo "many$i,revenue,2024-03-01,,globex,,software,,1.00,EUR,"; i=$((i + 1)); done; } >"$TMPDIR/many.csv"
expect_status "many refused rows" 1 "$PACTUM" import --ledger "$db" --agreement $A "$TMPDIR/many.csv"
expect_eq "many refused rows: 100 said" "$(printf '%s\n' "$OUT" | grep -c 'error\[E1208\]')" "100"
expect_contains "many refused rows: then stopped" "$OUT" "many.csv:102: error[E1217]: too many problems: stopped reading after 100 errors"
expect_contains "many refused rows: nothing written" "$OUT" "many.csv: not imported; the ledger is as it was"

# Without the agreement, the importer is trusted: the EUR row lands, and settle then refuses it,
# saying where it is (this is what --agreement prevents).
db2=$TMPDIR/trusted.db
"$PACTUM" init --ledger "$db2" >/dev/null
expect_status "trusted import" 0 "$PACTUM" import --ledger "$db2" "$TMPDIR/eur.csv"
expect_status "settle refuses it" 1 "$PACTUM" settle --agreement $A --ledger "$db2"
expect_contains "settle refuses it" "$OUT" "eur.csv:3: error[E1102]: event 'eur1' is in EUR, but the agreement settles in USD"

# The example ledger of the reference agreement passes its checks.
db3=$TMPDIR/example.db
"$PACTUM" init --ledger "$db3" >/dev/null
expect_status "the example events" 0 "$PACTUM" import --ledger "$db3" --agreement "$AGREEMENT" examples/microsoft-openai/events.csv
for f in tests/decide/clouds.csv tests/decide/licences.csv tests/decide/agi.csv tests/audit/events.csv; do
  rm -f "$db3"
  "$PACTUM" init --ledger "$db3" >/dev/null
  expect_status "the decide and audit events: $f" 0 "$PACTUM" import --ledger "$db3" --agreement "$AGREEMENT" "$f"
done
finish

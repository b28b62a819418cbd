# test_controls.sh -- text from event files (ids, parties, streams, subjects, notes) and file
# names never reach a terminal raw: every text report shows a control character visibly
# (ESC as \x1b, BEL \x07, CR \r, DEL \x7f, a C1 control as \u009b), and --json escapes them.
. tests/cli/lib.sh

HO=tests/settle/handover.pact
# No byte below 0x20 but a newline, no DEL, and no C1 control (U+0080..U+009F: C2 80..C2 9F).
clean() { # clean WHAT TEXT
  left=$(printf '%s' "$2" | tr -d '\n' | LC_ALL=C tr -d '\040-\176\200-\377' | od -An -tx1 | tr -d ' \n')
  expect_eq "$1: no control bytes" "$left" ""
  c1=$(printf '%s' "$2" | LC_ALL=C grep -c "$(printf '\302[\200-\237]')")
  expect_eq "$1: no C1 controls" "$c1" 0
}
# report WHAT EXPECTED-STATUS COMMAND...: runs it, and its output (stdout and stderr) is clean.
report() {
  r_what=$1 r_want=$2
  shift 2
  expect_status "$r_what" "$r_want" "$@"
  clean "$r_what" "$OUT"
}

# The readers take control characters in values (JSON as escapes; a raw one is E1020), so the
# file below is valid: an id that recolours the terminal and sets its title, a stream with a
# CR, DEL and a C1 CSI, notes that would reset the terminal, a party with BEL; its own name has
# ESC and BEL too.
ev=$TMPDIR/$(printf 'ev\033[31m\007.jsonl')
cat >"$ev" <<'JSONL'
{"id":"r\u001b[31m1\u001b]0;title\u0007","kind":"revenue","date":"2024-01-01","end":"2024-12-31","party":"alpha","stream":"s\r\u007f\u009b2J","amount":"366.00","currency":"USD","note":"x\u001b[0m\r"}
{"id":"p\u001b[2J","kind":"payment","date":"2024-05-01","party":"alpha","counterparty":"gamma","amount":"1.00","currency":"USD","note":"\u001b]0;pwned\u0007"}
{"id":"m\u0007\u009b","kind":"milestone","date":"2024-09-01","party":"alpha","subject":"handover"}
{"id":"m2\u001b[5m","kind":"milestone","date":"2024-08-01","party":"beta\u001b[31m","subject":"handover"}
{"id":"u\u001b[31m\r","kind":"use","date":"2024-10-15","party":"alpha","subject":"products","note":"\u007f"}
{"id":"px\u001b[1m\u007f","kind":"payment","date":"2024-05-02","party":"alpha\u0007","counterparty":"gamma","amount":"1.00","currency":"USD"}
JSONL
shown_file="$TMPDIR/ev\\x1b[31m\\x07.jsonl"

report "settle" 0 "$PACTUM" settle --agreement "$HO" --events "$ev"
expect_contains "settle: the file, shown" "$OUT" "$shown_file:4: warning[W1101]: milestone 'handover' recorded by 'beta\x1b[31m', who may not declare it"
expect_contains "settle: a payment's id, shown" "$OUT" "warning[W1104]: payment 'px\x1b[1m\x7f' is not between two parties"
expect_contains "settle: a party, shown" "$OUT" "names 'alpha\x07', which is not a party of the agreement"
expect_contains "settle: the money" "$OUT" "alpha -> gamma: 24.40"
report "statement" 0 "$PACTUM" statement --agreement "$HO" --events "$ev" --on 2024-12-31
expect_contains "statement: the money" "$OUT" "alpha -> gamma: owed 24.40, paid 1.00, outstanding 23.40"
report "explain" 0 "$PACTUM" explain --agreement "$HO" --events "$ev" --clause fee --period 2024-Q1
expect_contains "explain: the id and file, shown" "$OUT" "    r\x1b[31m1\x1b]0;title\x07   $shown_file:1  2024-01-01..2024-12-31"
report "export ledger" 0 "$PACTUM" export --agreement "$HO" --events "$ev" --format ledger --on 2024-12-31
expect_contains "export ledger: the payment's id, shown" "$OUT" "alpha -> gamma: payment p\x1b[2J"
report "export beancount" 0 "$PACTUM" export --agreement "$HO" --events "$ev" --format beancount --on 2024-12-31
expect_contains "export beancount: shown, its backslash escaped" "$OUT" '"alpha -> gamma: payment p\\x1b[2J"'
report "decide use" 0 "$PACTUM" decide use --agreement "$HO" --events "$ev" --licensee alpha --subject products --on 2024-10-20
expect_contains "decide use: the reason, shown" "$OUT" "recorded on 2024-09-01 ('m\x07\u009b'); no licence"
expect_contains "decide use: the events, shown" "$OUT" "u\x1b[31m\r use 2024-10-15  $shown_file:5"
report "decide use, asked with controls" 0 "$PACTUM" decide use --agreement "$HO" --events "$ev" --licensee alpha --subject "$(printf 'pro\033[8mducts')" --on 2024-10-20
expect_contains "decide use: the question, shown" "$OUT" "alpha using 'pro\x1b[8mducts'"
report "audit" 0 "$PACTUM" audit --agreement "$HO" --events "$ev" --on 2024-12-31
expect_contains "audit: the event lines, shown" "$OUT" "use       u\x1b[31m\r 2024-10-15  $shown_file:5"
expect_contains "audit: the money" "$OUT" "alpha -> gamma, 2024-Q1: USD 8.10 of 9.10 unpaid"

# A cloud offer: its id, product and subject in decide launch and audit's answer due.
off=$TMPDIR/offer.jsonl
printf '%s\n' '{"id":"o\u001b[31m1","kind":"offer","date":"2026-05-02","party":"openai","counterparty":"microsoft","stream":"gpt\u001b]0;t\u0007x","subject":"product \u009b"}' >"$off"
report "decide launch" 0 "$PACTUM" decide launch --agreement "$AGREEMENT" --events "$off" --product "$(printf 'gpt\033]0;t\007x')" --provider amazon --on 2026-05-10
expect_contains "decide launch: shown" "$OUT" "pending: 'gpt\x1b]0;t\x07x' on amazon, 2026-05-10"
expect_contains "decide launch: the offer, shown" "$OUT" "('o\x1b[31m1')"
report "audit: answer due" 0 "$PACTUM" audit --agreement "$AGREEMENT" --events "$off" --on 2026-05-10
expect_contains "audit: answer due, shown" "$OUT" "microsoft must answer offer 'o\x1b[31m1' for 'gpt\x1b]0;t\x07x' from openai"

# --json: valid JSON, no raw control (DEL and C1 escaped too), and the text exactly as it was.
report "settle --json" 0 "$PACTUM" settle --agreement "$HO" --events "$ev" --json
jq_eq "settle --json: a party, as it was" "$OUT" '[.diagnostics[].message | test("alpha\u0007")] | any' true
case $OUT in *"payment 'px\\u001b[1m\\u007f'"*) pass ;; *) fail "settle --json: DEL not escaped: $OUT" ;; esac
report "explain --json" 0 "$PACTUM" explain --agreement "$HO" --events "$ev" --clause fee --period 2024-Q1 --json
jq_eq "explain --json: the id, as it was" "$OUT" '.explanations[0].events[0].id' '"r\u001b[31m1\u001b]0;title\u0007"'
report "decide --json" 0 "$PACTUM" decide use --agreement "$HO" --events "$ev" --licensee alpha --subject products --on 2024-10-20 --json
jq_eq "decide --json: the ids, as they were" "$OUT" '[.events[].id]' '["m\u0007\u009b","u\u001b[31m\r"]'
case $OUT in *'m\u0007\u009b'*) pass ;; *) fail "decide --json: DEL or C1 not escaped: $OUT" ;; esac
report "audit --json" 0 "$PACTUM" audit --agreement "$AGREEMENT" --events "$off" --on 2026-05-10 --json
jq_eq "audit --json: the offer, as it was" "$OUT" '[.. | objects | select(.kind? == "offer") | .id][0]' '"o\u001b[31m1"'

# The ledger keeps the text as it was and shows it the same way: the imports listing, the
# file names it gives back to every report, an import refused with --as.
db=$TMPDIR/controls.db
"$PACTUM" init --ledger "$db" >/dev/null
report "import" 0 "$PACTUM" import --ledger "$db" "$ev"
expect_contains "import: the file, shown" "$OUT" "$shown_file: 6 events imported"
report "imports" 0 "$PACTUM" imports --ledger "$db"
expect_contains "imports: the file, shown" "$OUT" "(trusted)      $shown_file"
report "imports --json" 0 "$PACTUM" imports --ledger "$db" --json
report "explain from the ledger" 0 "$PACTUM" explain --agreement "$HO" --ledger "$db" --clause fee --period 2024-Q1
expect_contains "explain from the ledger: shown" "$OUT" "r\x1b[31m1\x1b]0;title\x07   $shown_file:1"
report "decide from the ledger" 0 "$PACTUM" decide use --agreement "$HO" --ledger "$db" --licensee alpha --subject products --on 2024-10-20
report "audit from the ledger" 0 "$PACTUM" audit --agreement "$HO" --ledger "$db" --on 2024-12-31
report "statement from the ledger" 0 "$PACTUM" statement --agreement "$HO" --ledger "$db" --on 2024-12-31
report "export from the ledger" 0 "$PACTUM" export --agreement "$HO" --ledger "$db" --format ledger --on 2024-12-31
bad=$TMPDIR/$(printf 'as\033[31m.csv')
printf 'id,kind,date,party,stream,amount,currency\nr\0339,revenue,2024-02-01,beta\007,sa\177les,1.00,USD\n' >"$bad"
report "import --as, refused" 1 "$PACTUM" import --ledger "$db" --agreement "$HO" --as alpha "$bad"
expect_contains "import --as: shown" "$OUT" "as\x1b[31m.csv:2: error[E1207]: alpha may not record revenue 'r\x1b9': the earner reports its revenue: 'r\x1b9' is beta\x07's"
expect_contains "import --as: the file, shown" "$OUT" "as\x1b[31m.csv: not imported"

# A CSV takes raw control bytes in a value, but not bytes that are not UTF-8 (E1003); the
# reader's own messages show what they quote the same way.
printf 'id,kind,date,party,stream,amount,currency\nr\033\001,revenue,2024-02-01,alpha,s,1.0\033,USD\nr2,revenue,2024-02-01,alpha,s\377,1.00,USD\n' >"$TMPDIR/raw.csv"
report "raw CSV" 1 "$PACTUM" settle --agreement "$HO" --events "$TMPDIR/raw.csv"
expect_contains "raw CSV: a bad amount, shown" "$OUT" "raw.csv:2:"
expect_contains "raw CSV: invalid UTF-8 refused" "$OUT" "raw.csv:3: error[E1003]: invalid UTF-8 (byte 0xff)"
finish

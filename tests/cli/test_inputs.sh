# test_inputs.sh -- event files as a user gives them: piped, named pipes, given twice, overlapping,
# repeated rows, two restatements of one event; options that contradict themselves; output that
# cannot be written. Each gives the figures a ledger gives, or a located error and a non-zero exit.
. tests/cli/lib.sh

A=tests/settle/amended.pact
E=tests/settle/amended.csv
totals='.totals[0] | [.amount, .amount_without_cap]'

# ---------------------------------------------------------------- piped input
# The ledger validates a file before it writes it: a pipe is read once and kept for both.
"$PACTUM" init --ledger "$TMPDIR/p.db" >/dev/null
expect_status "piped import" 0 sh -c "cat $E | '$PACTUM' import --ledger '$TMPDIR/p.db' -"
expect_contains "piped import counts" "$OUT" "10 events imported, 0 already in the ledger"
json=$("$PACTUM" settle --agreement $A --ledger "$TMPDIR/p.db" --json 2>/dev/null)
jq_eq "piped import settles as the file" "$json" "$totals" '["1042.35","1096.35"]'
cp "$TMPDIR/p.db" "$TMPDIR/p.before"
printf 'id,kind,date,party,amount,currency\nz1,revenue,2024-02-01,globex,1.00,USD\nz2,revenue,2024-13-01,globex,1.00,USD\n' >"$TMPDIR/bad.csv"
expect_status "piped bad row" 1 sh -c "cat '$TMPDIR/bad.csv' | '$PACTUM' import --ledger '$TMPDIR/p.db' -"
expect_contains "piped bad row located" "$OUT" "<stdin>:3: error[E1004]: impossible date '2024-13-01' in column 'date'"
expect_contains "piped bad row writes nothing" "$OUT" "not imported; the ledger is as it was"
if cmp -s "$TMPDIR/p.db" "$TMPDIR/p.before"; then pass; else fail "a refused piped file changed the ledger"; fi

# A named pipe: validated, then written, from the one reading.
mkfifo "$TMPDIR/fifo"
cat "$TMPDIR/bad.csv" >"$TMPDIR/fifo" &
expect_status "named pipe, bad row" 1 "$PACTUM" import --ledger "$TMPDIR/p.db" "$TMPDIR/fifo"
wait
expect_contains "named pipe located" "$OUT" "fifo:3: error[E1004]"
if cmp -s "$TMPDIR/p.db" "$TMPDIR/p.before"; then pass; else fail "a refused named pipe changed the ledger"; fi

# Settling piped events that restate others reads them twice: the same figures as files.
json=$(cat tests/settle/restated.csv | "$PACTUM" settle --agreement $A --events $E - --json 2>/dev/null)
jq_eq "piped restatement" "$json" "$totals" '["1052.35","1106.35"]'

# ---------------------------------------------------------------- the same event twice
once=$("$PACTUM" settle --agreement $A --events $E --json 2>/dev/null)
expect_status "a file given twice" 0 "$PACTUM" settle --agreement $A --events $E $E --json
twice=$(printf '%s' "$OUT" | sed -n '/^{/,$p')
jq_eq "a file given twice counts once" "$twice" "$totals" '["1042.35","1096.35"]'
expect_eq "a file given twice: every obligation" "$(printf '%s' "$twice" | jq -c .obligations)" \
  "$(printf '%s' "$once" | jq -c .obligations)"
jq_eq "a file given twice is said" "$twice" '[.diagnostics[] | select(.code == "W1110") | [.file, .line, .message]]' \
  '[["tests/settle/amended.csv",null,"this file is given more than once: its events count once"]]'
expect_status "a file given twice, in text" 0 "$PACTUM" settle --agreement $A --events $E $E
expect_contains "a file given twice is said on stderr" "$OUT" \
  "tests/settle/amended.csv: warning[W1110]: this file is given more than once: its events count once"

# Two files that overlap (e1, e5 and e6 in both), and a row repeated within a file.
{ head -n 1 $E; sed -n '2p;6p;7p' $E; } >"$TMPDIR/overlap.csv"
{ cat $E; sed -n '3p' $E; } >"$TMPDIR/repeated.csv"
expect_status "overlapping files" 0 "$PACTUM" settle --agreement $A --events "$TMPDIR/overlap.csv" $E
jq_eq "overlapping files count once" "$("$PACTUM" settle --agreement $A --events "$TMPDIR/overlap.csv" $E --json)" "$totals" '["1042.35","1096.35"]'
expect_contains "overlap said once per file" "$OUT" \
  "amended.csv:2: warning[W1110]: event 'e1' repeats $TMPDIR/overlap.csv:2 identically, as do 2 more events of this file; each is counted once"
expect_status "a repeated row" 0 "$PACTUM" settle --agreement $A --events "$TMPDIR/repeated.csv"
jq_eq "a repeated row counts once" "$("$PACTUM" settle --agreement $A --events "$TMPDIR/repeated.csv" --json)" "$totals" '["1042.35","1096.35"]'
expect_contains "a repeated row is said" "$OUT" \
  "repeated.csv:12: warning[W1110]: event 'e2' repeats line 3 identically; it is counted once"

# The same id with other content: an error naming both places, nothing settled.
sed 's/^e6,revenue,2024-07-01,2024-09-30,globex,software,4600.00/e6,revenue,2024-07-01,2024-09-30,globex,software,4700.00/' $E >"$TMPDIR/other.csv"
expect_status "same id, other content" 1 "$PACTUM" settle --agreement $A --events $E "$TMPDIR/other.csv"
expect_contains "same id, other content, located" "$OUT" \
  "other.csv:7: error[E1108]: event 'e6' differs from the event with the same id at tests/settle/amended.csv:7"
case "$OUT" in *'"obligations"'*) fail "an error and still a settlement: $OUT" ;; *) pass ;; esac
# ...and the ledger says the same of the same files.
"$PACTUM" init --ledger "$TMPDIR/same.db" >/dev/null
"$PACTUM" import --ledger "$TMPDIR/same.db" $E >/dev/null
expect_status "same id, other content, ledger" 1 "$PACTUM" import --ledger "$TMPDIR/same.db" "$TMPDIR/other.csv"
expect_contains "ledger names the first place" "$OUT" "imported from tests/settle/amended.csv:7"

# Every reporting command reads the same events: statement, export and audit count once too.
st=$("$PACTUM" statement --agreement $A --events $E $E tests/settle/payments.csv --on 2024-12-01 --json 2>/dev/null)
st1=$("$PACTUM" statement --agreement $A --events $E tests/settle/payments.csv --on 2024-12-01 --json 2>/dev/null)
expect_eq "statement: a file given twice" "$(printf '%s' "$st" | jq -c 'del(.diagnostics)')" "$(printf '%s' "$st1" | jq -c 'del(.diagnostics)')"
jq_eq "statement: a file given twice is said" "$st" '[.diagnostics[] | select(.code == "W1110") | .file]' '["tests/settle/amended.csv"]'
expect_status "same id, other content, json" 1 "$PACTUM" settle --agreement $A --events $E "$TMPDIR/other.csv" --json
jq_eq "same id, other content: in the document" "$OUT" '[.obligations, [.diagnostics[] | select(.severity == "error") | [.code, .line]]]' '[null,[["E1108",7]]]'

ex=$("$PACTUM" export --agreement $A --events $E $E --format csv 2>/dev/null)
ex1=$("$PACTUM" export --agreement $A --events $E --format csv 2>/dev/null)
expect_eq "export: a file given twice" "$ex" "$ex1"

# ---------------------------------------------------------------- an event superseded twice
printf 'id,kind,date,party,stream,amount,currency,ref\nra,revenue,2024-01-15,globex,software,200.00,USD,e5\nrb,revenue,2024-01-15,globex,software,300.00,USD,e5\n' >"$TMPDIR/two.csv"
expect_status "two restatements of one event" 1 "$PACTUM" settle --agreement $A --events $E "$TMPDIR/two.csv"
expect_contains "two restatements, located" "$OUT" \
  "two.csv:3: error[E1109]: revenue 'rb' restates 'e5', which 'ra' already restates ($TMPDIR/two.csv:2)"
expect_contains "two restatements, what to do" "$OUT" "= help: an event is superseded once: restate 'ra' instead"
printf 'id,kind,date,party,stream,amount,currency,ref\nc9,correction,2024-01-15,globex,,,,e5\nrc,revenue,2024-01-15,globex,software,300.00,USD,e5\n' >"$TMPDIR/withdrawn.csv"
expect_status "a restatement of a withdrawn event" 1 "$PACTUM" settle --agreement $A --events $E "$TMPDIR/withdrawn.csv"
expect_contains "withdrawn, located" "$OUT" \
  "withdrawn.csv:3: error[E1109]: revenue 'rc' restates 'e5', which correction 'c9' already withdrew"
# The same restatement given twice is one restatement.
expect_status "one restatement given twice" 0 "$PACTUM" settle --agreement $A --events $E tests/settle/restated.csv tests/settle/restated.csv --json
jq_eq "one restatement given twice" "$(printf '%s' "$OUT" | sed -n '/^{/,$p')" "$totals" '["1052.35","1106.35"]'

# ---------------------------------------------------------------- options
expect_status "period without its dash" 2 "$PACTUM" statement --agreement $A --events $E --period 2024Q3
expect_contains "period suggestion" "$OUT" "pactum statement: --period: write '2024-Q3', not '2024Q3'"
expect_status "no such quarter" 2 "$PACTUM" explain --agreement $A --events $E --clause fee --period 2024-Q5
expect_contains "no such quarter said" "$OUT" "no such period"
expect_status "reversed window" 2 "$PACTUM" settle --agreement $A --events $E --from 2025-01-01 --through 2024-12-31
expect_contains "reversed window said" "$OUT" "--from 2025-01-01 is after --through 2024-12-31"

# ---------------------------------------------------------------- output that cannot be written
expect_status "settle to a full disk" 1 sh -c "'$PACTUM' settle --agreement $A --events $E --json >/dev/full"
expect_contains "full disk said" "$OUT" "pactum: the output could not be written: No space left on device"
expect_status "show to a full disk" 1 sh -c "'$PACTUM' show $AGREEMENT >/dev/full"

finish

# test_errors.sh -- every error path exits non-zero: each golden agreement with an error is
# given to every command that reads an agreement, and each event file with a bad row to every
# command that reads events (files, a pipe, and an import). Each must name the code and fail;
# the error-free cases must not fail. New golden cases are picked up as they are added.
. tests/cli/lib.sh

EVENTS=examples/microsoft-openai/events.csv
day=2026-11-27

# The commands that load an agreement, each as one command line with AG in place of the path.
agreement_commands() {
  cat <<CMDS
check AG
show AG --on $day
history AG
settle --agreement AG --events $EVENTS
settle --agreement AG --events $EVENTS --by year --json
statement --agreement AG --events $EVENTS --on $day
explain --agreement AG --events $EVENTS --clause openai-pays-microsoft --period 2026-Q3
export --agreement AG --events $EVENTS --format ledger
decide launch --agreement AG --events $EVENTS --product p --provider amazon --on $day
decide use --agreement AG --events $EVENTS --licensee amazon --subject model:gpt-4 --on $day
audit --agreement AG --events $EVENTS --on $day
CMDS
}

run_line() { # AGREEMENT LINE: runs it, sets OUT and STATUS
  # shellcheck disable=SC2086
  set -- $(printf '%s' "$2" | sed "s#AG#$1#g")
  OUT=$("$PACTUM" "$@" 2>&1 </dev/null)
  STATUS=$?
}

agreement_commands >"$TMPDIR/agreement-commands"
for case in tests/check/E*.pact; do
  code=$(basename "$case" | cut -c1-5)
  while IFS= read -r line; do
    run_line "$case" "$line"
    if [ "$STATUS" -ne 0 ]; then pass; else fail "$case: '$line' exited 0 with an error in the agreement"; fi
    case "$line" in
      check*|*--json*) ;;  # check names it; JSON carries it in its diagnostics
      *) expect_contains "$case: '$line' names $code" "$OUT" "[$code]" ;;
    esac
  done <"$TMPDIR/agreement-commands"
done

# Warnings do not fail a command.
for case in tests/check/W*.pact tests/check/ok-*.pact; do
  [ -e "$case" ] || continue
  grep -q 'error\[' "${case%.pact}.expected" && continue
  run_line "$case" "check AG"
  expect_eq "$case: check" "$STATUS" 0
done

# Bad event rows: every command that reads events fails and says where.
A=agreements/microsoft-openai
event_commands() {
  cat <<CMDS
settle --agreement $A --events EV
statement --agreement $A --events EV --on $day
explain --agreement $A --events EV --clause openai-pays-microsoft --period 2026-Q1
export --agreement $A --events EV --format csv
decide launch --agreement $A --events EV --product p --provider amazon --on $day
audit --agreement $A --events EV --on $day
CMDS
}
event_commands >"$TMPDIR/event-commands"
for file in tests/events/errors.csv tests/events/errors.jsonl tests/events/not-text.csv \
  tests/events/header-unknown.csv tests/events/header-missing.csv; do
  first=$(grep -o 'error\[E[0-9]*\]' "$file.expected" | head -n 1)
  while IFS= read -r line; do
    # shellcheck disable=SC2086
    set -- $(printf '%s' "$line" | sed "s#EV#$file#g")
    OUT=$("$PACTUM" "$@" 2>&1 </dev/null)
    if [ $? -ne 0 ]; then pass; else fail "$file: '$line' exited 0"; fi
    expect_contains "$file: '$line' says $first" "$OUT" "$first"
    # The same file through a pipe.
    set -- $(printf '%s' "$line" | sed "s#EV#-#g")
    OUT=$("$PACTUM" "$@" 2>&1 <"$file")
    if [ $? -ne 0 ]; then pass; else fail "$file on stdin: '$line' exited 0"; fi
  done <"$TMPDIR/event-commands"
  "$PACTUM" init --ledger "$TMPDIR/e.db" >/dev/null 2>&1
  expect_status "$file: import" 1 "$PACTUM" import --ledger "$TMPDIR/e.db" "$file"
  expect_contains "$file: import says $first" "$OUT" "$first"
  rm -f "$TMPDIR/e.db"*
done

finish

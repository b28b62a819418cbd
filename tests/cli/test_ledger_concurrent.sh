# test_ledger_concurrent.sh -- several processes import overlapping files into one ledger at
# once, each in its own order: every import lands (each waits its turn), nothing is lost,
# duplicated or half-written, and the ledger settles, to the cent, as the files read as event
# files do; pactum verify checks every row, checksum and daily sum. Three rounds, four importers
# of six files each, with restatements that arrive before or after the events they restate.
. tests/cli/lib.sh

A=tests/settle/amended.pact
# A file of globex's revenue and payments drawn from one pool (the same id is the same event in
# every file), with restatements r<k> of some pool events: files overlap by about half.
make_file() { # round file
  awk -v round="$1" -v file="$2" 'BEGIN {
    srand(round * 100 + file)
    print "id,kind,date,end,party,counterparty,stream,amount,currency,ref"
    for (k = 0; k < 400; k++) {
      if (rand() < 0.5) continue
      m = k % 12 + 1; d = k % 27 + 1
      if (k % 9 == 0) {
        printf "p%d-%d,payment,2024-%02d-%02d,,globex,acme,,%d.%02d,USD,\n", round, k, m, d, k, k % 100
      } else if (k % 7 == 0 && k > 7) {
        t = k - 7
        printf "r%d-%d,revenue,2024-%02d-%02d,,globex,,software,%d.%02d,USD,e%d-%d\n", round, t, t % 12 + 1, t % 27 + 1, t * 3, t % 100, round, t
      } else {
        end = (k % 5 == 0) ? sprintf("2024-%02d-28", m) : ""
        printf "e%d-%d,revenue,2024-%02d-%02d,%s,globex,,software,%d.%02d,USD,\n", round, k, m, d, end, k * 11, k % 100
      }
    }
  }' >"$TMPDIR/c$1-$2.csv"
}

for round in 1 2 3; do
  files=""
  for f in 1 2 3 4 5 6; do
    make_file "$round" "$f"
    files="$files $TMPDIR/c$round-$f.csv"
  done
  db=$TMPDIR/concurrent$round.db
  "$PACTUM" init --ledger "$db" >/dev/null
  # Four importers at once, each of the six files in an order of its own.
  pids=""
  for p in 1 2 3 4; do
    # shellcheck disable=SC2086
    order=$(printf '%s\n' $files | awk -v seed="$round$p" 'BEGIN {srand(seed)} {print rand() "\t" $0}' |
      sort | cut -f2)
    # shellcheck disable=SC2086
    "$PACTUM" import --ledger "$db" --wait 120 $order >"$TMPDIR/imp$round-$p.out" 2>&1 &
    pids="$pids $!"
  done
  failed=0
  for pid in $pids; do wait "$pid" || failed=$((failed + 1)); done
  expect_eq "round $round: every importer exits 0" "$failed" 0
  [ "$failed" -eq 0 ] || cat "$TMPDIR"/imp"$round"-*.out
  # Each file landed once: a file's events were added by its first import, and every later
  # import of it found them there and recorded nothing.
  expect_eq "round $round: no file added events twice" \
    "$(sqlite3 "$db" 'SELECT count(*) - count(DISTINCT file) FROM imports')" 0
  expect_eq "round $round: the imports added what the ledger holds" \
    "$(sqlite3 "$db" 'SELECT sum(added) = (SELECT count(*) FROM events) FROM imports')" 1
  # Nothing lost or duplicated: the ledger holds each distinct event of the files once.
  # shellcheck disable=SC2086
  want=$(cat $files | grep -v '^id,' | sort -u | wc -l | tr -d ' ')
  expect_eq "round $round: every distinct event once" "$(sqlite3 "$db" 'SELECT count(*) FROM events')" "$want"
  expect_status "round $round: verify" 0 "$PACTUM" verify --ledger "$db"
  # The same money as the files, read as event files.
  # shellcheck disable=SC2086
  from_files=$("$PACTUM" settle --agreement $A --events $files --json | jq -c '[.obligations, .totals]')
  from_ledger=$("$PACTUM" settle --agreement $A --ledger "$db" --json | jq -c '[.obligations, .totals]')
  expect_eq "round $round: the ledger settles as the files" "$from_ledger" "$from_files"
  [ "$(printf '%s' "$from_ledger" | jq '.[0] | length')" -gt 0 ] && pass || fail "round $round: nothing settled"
done
finish

# test_crash.sh -- an import killed at random moments leaves the ledger holding whole files
# only, and importing again completes it exactly. CRASH_KILLS sets how many kills (default 20).
. tests/cli/lib.sh

kills=${CRASH_KILLS:-20}
# Three files of 40,000 revenue events each: big enough that a kill lands mid-import.
for f in 1 2 3; do
  awk -v f="$f" 'BEGIN {
    print "id,kind,date,end,party,stream,amount,currency"
    for (i = 0; i < 40000; i++)
      printf "f%d-%06d,revenue,2024-%02d-01,2024-%02d-28,globex,retail,%d.%02d,USD\n", f, i, i % 12 + 1, i % 12 + 1, i % 9973, i % 100
  }' >"$TMPDIR/part$f.csv"
done

reference=$TMPDIR/reference.db
"$PACTUM" init --ledger "$reference" >/dev/null
"$PACTUM" import --ledger "$reference" "$TMPDIR/part1.csv" "$TMPDIR/part2.csv" "$TMPDIR/part3.csv" >/dev/null
want=$(sqlite3 "$reference" 'SELECT count(*), sum(amount_minor) FROM events')

whole=0
interrupted=0
i=0
while [ "$i" -lt "$kills" ]; do
  i=$((i + 1))
  db=$TMPDIR/crash$i.db
  "$PACTUM" init --ledger "$db" >/dev/null
  "$PACTUM" import --ledger "$db" "$TMPDIR/part1.csv" "$TMPDIR/part2.csv" "$TMPDIR/part3.csv" >/dev/null 2>&1 &
  pid=$!
  # A different moment each time: 0 to about 0.6 s into the import.
  sleep "0.$(( (i * 37) % 60 ))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # Whole files only: each file's events are all there or none are.
  partial=$(sqlite3 "$db" "SELECT count(*) FROM (SELECT import_seq, count(*) AS n FROM events GROUP BY import_seq) WHERE n != 40000")
  [ "$partial" = 0 ] && whole=$((whole + 1))
  [ "$(sqlite3 "$db" 'SELECT count(*) FROM events')" -lt 120000 ] && interrupted=$((interrupted + 1))
  "$PACTUM" import --ledger "$db" "$TMPDIR/part1.csv" "$TMPDIR/part2.csv" "$TMPDIR/part3.csv" >/dev/null
  expect_eq "kill $i: importing again completes the ledger" \
    "$(sqlite3 "$db" 'SELECT count(*), sum(amount_minor) FROM events')" "$want"
  rm -f "$db" "$db-wal" "$db-shm"
done
expect_eq "every killed import left whole files only" "$whole" "$kills"
# The kills must land during imports, or the test proves nothing.
if [ "$interrupted" -gt 0 ]; then pass; else fail "no kill interrupted an import"; fi
echo "$interrupted of $kills kills interrupted an import"
finish

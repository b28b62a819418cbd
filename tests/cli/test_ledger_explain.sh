# test_ledger_explain.sh -- explain over a ledger reads the events of its period's months
# through each import's record of where its events are (event_months, docs/ledger.md): it gives
# what explain over the event files in force gives, with several imports whose ids interleave
# and do not follow their dates, restatements, a correction, an undo, spans across the quarters'
# boundaries and one longer than a year; a ledger without the record (written by an earlier
# pactum) gives the same, read by a scan; and a changed record, or a changed event of the period,
# is an error (E1220, E1224, E1204), never another figure.
. tests/cli/lib.sh

A=$AGREEMENT
# Events of Q4 2028 to Q2 2029: day N (0 = 2028-10-01) as a date.
day() {
  awk -v n="$1" 'BEGIN {
    split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
    y = 2028; m = 10
    for (;;) {
      days = len[m] + (m == 2 && y % 4 == 0)
      if (n < days) break
      n -= days; m++
      if (m > 12) { m = 1; y++ }
    }
    printf "%04d-%02d-%02d", y, m, n + 1
  }'
}
head='id,kind,date,end,party,counterparty,stream,amount,currency,ref,note'
# a.csv: OpenAI's revenue, its ids in another order than its days (x1, x10, x100 ... sort
# together), every seventh a span of up to 40 days, x13 a span of 400 days (a row of its own).
{
  echo "$head"
  i=1
  while [ $i -le 120 ]; do
    d=$(( (i * 37) % 270 ))
    end=""
    [ $((i % 7)) -eq 0 ] && end=$(day $((d + i % 40)))
    [ $i -eq 13 ] && d=40 && end=$(day 440)
    stream=chatgpt
    [ $((i % 3)) -eq 0 ] && stream=api
    echo "x$i,revenue,$(day $d),$end,openai,,$stream,$((i * 1000 + 37)).$((i % 100)),USD,,"
    i=$((i + 1))
  done
  echo "m1,revenue,$(day 100),,microsoft,,azure,999.00,USD,,not in the base"
} >"$TMPDIR/a.csv"
# b.csv: a restatement of x5, a correction of x9, a refund, a payment, and spans across the
# boundaries of 2029-Q1 (2028-12-15..2029-01-14 and 2029-03-20..2029-04-10).
{
  echo "$head"
  echo "y1,revenue,$(day 2),,openai,,chatgpt,5.55,USD,x5,restated"
  echo "y2,correction,$(day 3),,openai,,,,,x9,withdrawn"
  echo "y3,revenue,2028-12-15,2029-01-14,openai,,sora,3000.00,USD,,across Q4 and Q1"
  echo "y4,revenue,2029-03-20,2029-04-10,openai,,api,2200.00,USD,,across Q1 and Q2"
  echo "y5,revenue,2029-02-02,,openai,,chatgpt,-120.00,USD,,a refund"
  echo "y6,payment,2029-05-10,,openai,microsoft,,100.00,USD,,"
} >"$TMPDIR/b.csv"
# c.csv: imported, then withdrawn.
printf '%s\nz1,revenue,2029-01-20,,openai,,chatgpt,77777.00,USD,,\nz2,revenue,2029-02-20,2029-05-01,openai,,api,888.88,USD,,\n' "$head" >"$TMPDIR/c.csv"
# d.csv: ids among a.csv's (x10-7 sorts between x10 and x100), days across the three quarters.
{
  echo "$head"
  i=0
  while [ $i -lt 30 ]; do
    echo "x10-$i,revenue,$(day $((i * 9))),,openai,,licensing,$((i + 1))00.00,USD,,"
    i=$((i + 1))
  done
} >"$TMPDIR/d.csv"

db=$TMPDIR/ledger.db
"$PACTUM" init --ledger "$db" >/dev/null
expect_status "the imports" 0 "$PACTUM" import --ledger "$db" "$TMPDIR/a.csv" "$TMPDIR/b.csv" "$TMPDIR/c.csv" "$TMPDIR/d.csv"
expect_status "the undo" 0 "$PACTUM" undo --ledger "$db" 3
expect_eq "each import has its record" \
  "$(sqlite3 "$db" "SELECT group_concat(key, ' ') FROM (SELECT key FROM pactum_meta WHERE key LIKE 'months:%' ORDER BY key)")" \
  "months:1 months:2 months:3 months:4"
expect_status "verify makes each import's rows again from its events (the undone one's too)" 0 \
  "$PACTUM" verify --ledger "$db"
expect_eq "x13, a span of 400 days, has a row of its own" \
  "$(sqlite3 "$db" "SELECT first_id, last_id, events, last_month - first_month FROM event_months WHERE first_month < last_month")" \
  "x13|x13|1|13"
# An earlier pactum's ledger: no record of where the events are (its imports wrote none).
old=$TMPDIR/old.db
cp "$db" "$old"
sqlite3 "$old" "DROP TABLE event_months; DELETE FROM pactum_meta WHERE key LIKE 'months:%'"

# The events listed come in date order from a ledger, in the files' order from files: the same
# events, each with the same part.
sorted() { jq -S '.explanations[].events |= sort_by(.id)'; }
for period in 2028-Q4 2029-Q1 2029-Q2; do
  explain="explain --agreement $A --clause openai-pays-microsoft --period $period"
  # shellcheck disable=SC2086
  files=$("$PACTUM" $explain --json --events "$TMPDIR/a.csv" "$TMPDIR/b.csv" "$TMPDIR/d.csv" 2>/dev/null | sorted)
  # shellcheck disable=SC2086
  expect_status "$period: explain --ledger" 0 "$PACTUM" $explain --json --ledger "$db"
  ledger=$OUT
  expect_eq "$period: explain --ledger = explain --events" "$(printf '%s' "$ledger" | sorted)" "$files"
  jq_eq "$period: events listed" "$ledger" '[.explanations[].events | length > 5] | all' 'true'
  # shellcheck disable=SC2086
  expect_status "$period: an earlier pactum's ledger, scanned" 0 "$PACTUM" $explain --json --ledger "$old"
  expect_eq "$period: the scan gives the same, byte for byte" "$OUT" "$ledger"
  # shellcheck disable=SC2086
  text_files=$("$PACTUM" $explain --events "$TMPDIR/a.csv" "$TMPDIR/b.csv" "$TMPDIR/d.csv" 2>/dev/null | sort)
  # shellcheck disable=SC2086
  expect_eq "$period: the text too" "$("$PACTUM" $explain --ledger "$db" 2>/dev/null | sort)" "$text_files"
done
jq_eq "2029-Q1: the spans across its boundaries and the long one are listed" \
  "$("$PACTUM" explain --agreement "$A" --clause openai-pays-microsoft --period 2029-Q1 --json --ledger "$db")" \
  '[.explanations[].events[] | select(.id == "y3" or .id == "y4" or .id == "x13") | .id] | sort' '["x13","y3","y4"]'

# As known on a day before the undo, the withdrawn import counts again (read by a scan); after
# it, the record serves again. Backdated imports and undo, so that the days come in order.
hist=$TMPDIR/hist.db
"$PACTUM" init --ledger "$hist" >/dev/null
"$PACTUM" import --ledger "$hist" --recorded-on 2026-01-10 --backdated-because "history" "$TMPDIR/a.csv" "$TMPDIR/b.csv" "$TMPDIR/c.csv" >/dev/null 2>&1
"$PACTUM" undo --ledger "$hist" --recorded-on 2026-02-01 --backdated-because "a wrong file" 3 >/dev/null
"$PACTUM" import --ledger "$hist" "$TMPDIR/d.csv" >/dev/null 2>&1
explain="explain --agreement $A --clause openai-pays-microsoft --period 2029-Q1 --json"
# shellcheck disable=SC2086
expect_eq "as known before the undo: the files then" \
  "$("$PACTUM" $explain --ledger "$hist" --as-known-on 2026-01-20 2>/dev/null | jq -S 'del(.diagnostics)' | sorted)" \
  "$("$PACTUM" $explain --events "$TMPDIR/a.csv" "$TMPDIR/b.csv" "$TMPDIR/c.csv" 2>/dev/null | jq -S 'del(.diagnostics)' | sorted)"
# shellcheck disable=SC2086
expect_eq "as known after the undo: the files then" \
  "$("$PACTUM" $explain --ledger "$hist" --as-known-on 2026-03-01 2>/dev/null | jq -S 'del(.diagnostics)' | sorted)" \
  "$("$PACTUM" $explain --events "$TMPDIR/a.csv" "$TMPDIR/b.csv" 2>/dev/null | jq -S 'del(.diagnostics)' | sorted)"

# A changed record, or a changed event of the period: an error naming the import, never
# another figure. verify finds each too.
# shellcheck disable=SC2086
good=$("$PACTUM" $explain --ledger "$db")
explain_text="explain --agreement $A --clause openai-pays-microsoft --period 2029-Q1"
changed() { # NAME SQL EXPECTED
  edited=$TMPDIR/$1.db
  cp "$db" "$edited"
  sqlite3 "$edited" "PRAGMA ignore_check_constraints = ON; $2"
  # shellcheck disable=SC2086
  expect_status "changed: $1: explain fails" 1 "$PACTUM" $explain_text --ledger "$edited"
  expect_contains "changed: $1: explain says what" "$OUT" "$3"
  expect_status "changed: $1: verify fails" 1 "$PACTUM" verify --ledger "$edited"
}
# A revenue event of OpenAI's in a.csv, of one day in 2029-01.
x1=$(sqlite3 "$db" "SELECT id FROM events WHERE import_seq = 1 AND id LIKE 'x%' AND date LIKE '2029-01-%' AND end_date IS NULL ORDER BY id LIMIT 1")
changed row-count "UPDATE event_months SET events = events + 1 WHERE import_seq = 1 AND first_month = 2029 * 12" \
  "error[E1220]: import 1 ($TMPDIR/a.csv) does not match its checksum: the values of its rows of where its events are were changed (event_months)"
changed row-ids "UPDATE event_months SET first_id = 'x2' WHERE import_seq = 1 AND first_month = 2029 * 12" \
  "error[E1220]: import 1 ($TMPDIR/a.csv) does not match its checksum: the values of its rows of where its events are were changed (event_months)"
changed row-gone "DELETE FROM event_months WHERE import_seq = 4 AND first_month = 2029 * 12 + 1" \
  "error[E1220]: import 4 ($TMPDIR/d.csv) does not match its checksum: it wrote 9 rows of where its events are and the ledger holds 8 of them (event_months)"
changed record-gone "DELETE FROM pactum_meta WHERE key = 'months:2'" \
  "error[E1220]: import 2 ($TMPDIR/b.csv) does not match its checksum: the record of where its events are (months:2) is missing"
changed record-bad "UPDATE pactum_meta SET value = 'many' WHERE key = 'months:2'" \
  "error[E1220]: import 2 ($TMPDIR/b.csv) does not match its checksum: the record of where its events are cannot be read"
changed row-month "UPDATE event_months SET first_month = 'soon' WHERE rowid = 1" \
  "error[E1224]: a row of event_months of import 1 has a value that is not an integer in column first_month"
changed row-import "UPDATE event_months SET import_seq = 9 WHERE rowid = 1" \
  "error[E1224]: a row of event_months of import 9 has an import the ledger does not record in column import_seq"
changed row-order "UPDATE event_months SET last_id = 'a' WHERE rowid = 1" \
  "error[E1224]: a row of event_months of import 1 has an id before the first in column last_id"
# The events of the period, each change a valid row: before the record they made E1225 at best.
changed amount "UPDATE events SET amount_minor = amount_minor + 1 WHERE id = '$x1'" \
  "error[E1220]: import 1 ($TMPDIR/a.csv) does not match its checksum: the values of its events in 2029-01 were changed"
changed moved "UPDATE events SET date = '2029-02-20' WHERE id = '$x1'" \
  "error[E1220]: import 1 ($TMPDIR/a.csv) does not match its checksum: it wrote"
changed deleted "DELETE FROM events WHERE id = 'x10-11'" \
  "error[E1220]: import 4 ($TMPDIR/d.csv) does not match its checksum: it wrote"
changed renamed "UPDATE events SET id = 'a1' WHERE id = '$x1'" \
  "error[E1220]: import 1 ($TMPDIR/a.csv) does not match its checksum: it wrote"
changed another-import "UPDATE events SET import_seq = 4 WHERE id = '$x1'" \
  "does not match its checksum"
changed reversed "UPDATE events SET end_date = '2028-01-01' WHERE id = 'y3'" \
  "error[E1204]: event 'y3' (imported from $TMPDIR/b.csv:4) has an end before the event's date in column end_date"
# Removed whole, with its record, the index is as an earlier pactum's ledger: read by a scan,
# the same figures.
cp "$db" "$TMPDIR/gone.db"
sqlite3 "$TMPDIR/gone.db" "DELETE FROM event_months WHERE import_seq = 2; DELETE FROM pactum_meta WHERE key = 'months:2'"
# shellcheck disable=SC2086
expect_status "an import without its record: scanned" 0 "$PACTUM" $explain --ledger "$TMPDIR/gone.db"
expect_eq "an import without its record: the same figures" "$OUT" "$good"
# The scan checks the sum of the parts against the base the daily sums give (E1225).
cp "$old" "$TMPDIR/old-moved.db"
sqlite3 "$TMPDIR/old-moved.db" "UPDATE events SET date = '2027-01-01', end_date = NULL WHERE id = '$x1'"
# shellcheck disable=SC2086
expect_status "scanned: an event moved out of the period" 1 "$PACTUM" $explain_text --ledger "$TMPDIR/old-moved.db"
expect_contains "scanned: ... found by the sum of the parts" "$OUT" "error[E1225]: the events of 2029-Q1 add up to"

# One bit of the ledger flipped at a random place, as test_ledger_bitflips.sh does for a
# statement: explain gives what the whole ledger gives, or fails.
python3 tests/cli/bitflips.py "$PACTUM" "$db" "$TMPDIR" "$((${PACTUM_BITFLIPS:-300} / 3))" \
  "${PACTUM_TEST_SEED:-20261207}" 0 explain --agreement "$A" --clause openai-pays-microsoft \
  --period 2029-Q1 --json >"$TMPDIR/flips.out"
read -r same refused silent <"$TMPDIR/flips.out"
echo "bitflips: $((${PACTUM_BITFLIPS:-300} / 3)) flips: $same changed nothing, $refused refused, $silent silently different"
expect_eq "bitflips: none gives another explanation with exit 0" "$silent" 0
expect_eq "bitflips: some were refused" "$([ "$refused" -gt 0 ] && echo yes)" yes

finish

# test_ledger_files.sh -- what pactum does with the file it is given as a ledger: a file that
# is not a pactum ledger is refused, byte for byte as it was and with nothing made beside it;
# init on a ledger changes nothing; every read opens the ledger read-only, changes nothing, and
# works where the folder cannot be written.
. tests/cli/lib.sh

A=tests/settle/amended.pact
E=tests/settle/amended.csv

# state FILE: its bytes, its modification time, and which of its -wal, -shm, -journal exist.
state() {
  printf '%s %s' "$(sha256sum <"$1")" "$(stat -c %y "$1")"
  for s in -wal -shm -journal; do [ -e "$1$s" ] && printf ' %s' "$s"; done
  echo
}

# Every command that reads or writes a ledger, each given --ledger FILE.
each_command() { # each_command FILE: runs them all, and reports each status and first error
  f=$1
  for c in "init" "import $E" "imports" "undo 1" "settle --agreement $A" \
           "statement --agreement $A --on 2024-12-01" \
           "explain --agreement $A --clause fee --period 2024-Q3" \
           "export --agreement $A --format csv" "audit --agreement $A --on 2024-12-01"; do
    # shellcheck disable=SC2086
    out=$("$PACTUM" $c --ledger "$f" 2>&1)
    echo "$c: exit $? $(printf '%s\n' "$out" | grep -m1 'error\[')"
  done
}

# refused WHAT FILE MESSAGE: every command refuses FILE with MESSAGE, exit 1; it is unchanged.
refused() {
  what=$1 f=$2 message=$3
  before=$(state "$f")
  got=$(each_command "$f")
  n=$(printf '%s\n' "$got" | grep -c ": exit 1 $f: error\[E1202\]: $message, not a pactum ledger; pactum left it as it was$")
  expect_eq "$what: every command refuses it" "$n" 9
  [ "$n" = 9 ] || printf '%s\n' "$got"
  expect_eq "$what: its bytes, its time, nothing beside it" "$(state "$f")" "$before"
}

# ---------------------------------------------------------------- files that are not ledgers
# Another application's database, in rollback mode (SQLite's default) and in WAL mode.
app=$TMPDIR/app.db
sqlite3 "$app" "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE orders(id INTEGER, total INTEGER); INSERT INTO customers VALUES (1, 'x');"
refused "another application's database" "$app" "an SQLite database of another application (tables: customers, orders)"
expect_eq "another application's database: still in rollback mode" "$(sqlite3 "$app" "PRAGMA journal_mode")" "delete"
expect_eq "another application's database: no pactum tables" "$(sqlite3 "$app" ".tables")" "customers  orders   "
expect_status "init over another application's database" 1 "$PACTUM" init --ledger "$app"
expect_contains "init over another application's database" "$OUT" "help: give the new ledger a path of its own: pactum init --ledger NEW.db"
expect_status "a read of another application's database" 1 "$PACTUM" settle --agreement $A --ledger "$app"
expect_contains "a read of another application's database" "$OUT" "help: name a ledger made by pactum init --ledger FILE"

walapp=$TMPDIR/walapp.db
sqlite3 "$walapp" "PRAGMA journal_mode=WAL; CREATE TABLE notes(t TEXT);" >/dev/null
refused "another application's WAL database" "$walapp" "an SQLite database of another application (tables: notes)"

text=$TMPDIR/notes.txt
printf 'not a database\n' >"$text"
refused "a text file" "$text" "a file that is not an SQLite database"
# A file that begins like a database but is cut short is not one either.
head -c 50 "$app" >"$TMPDIR/cut.db"
refused "a truncated database" "$TMPDIR/cut.db" "a file that is not an SQLite database"

mkdir "$TMPDIR/folder.db"
expect_status "a folder" 1 "$PACTUM" imports --ledger "$TMPDIR/folder.db"
expect_contains "a folder" "$OUT" "$TMPDIR/folder.db: error[E1202]: a folder or a device, not a pactum ledger"

# An empty file or an empty database: refused by every command but init, which makes a ledger.
: >"$TMPDIR/empty.db"
expect_status "an empty file: read" 1 "$PACTUM" imports --ledger "$TMPDIR/empty.db"
expect_contains "an empty file: read" "$OUT" "error[E1202]: an empty file (0 bytes), not a pactum ledger; pactum left it as it was"
expect_eq "an empty file: still empty" "$(wc -c <"$TMPDIR/empty.db")" 0
expect_status "an empty file: init" 0 "$PACTUM" init --ledger "$TMPDIR/empty.db"
expect_status "an empty file: then a ledger" 0 "$PACTUM" import --ledger "$TMPDIR/empty.db" $E
sqlite3 "$TMPDIR/nothing.db" "CREATE TABLE t(x); DROP TABLE t;"
expect_status "a database with no tables: read" 1 "$PACTUM" imports --ledger "$TMPDIR/nothing.db"
expect_contains "a database with no tables: read" "$OUT" "error[E1202]: an SQLite database with no tables, not a pactum ledger"
expect_status "a database with no tables: init" 0 "$PACTUM" init --ledger "$TMPDIR/nothing.db"
expect_status "a database with no tables: then a ledger" 0 "$PACTUM" imports --ledger "$TMPDIR/nothing.db"

expect_status "no file" 1 "$PACTUM" settle --agreement $A --ledger "$TMPDIR/none.db"
expect_contains "no file" "$OUT" "$TMPDIR/none.db: error[E1202]: there is no ledger here"
[ ! -e "$TMPDIR/none.db" ] && pass || fail "a read made a file where there was none"

# ---------------------------------------------------------------- a ledger
db=$TMPDIR/ledger.db
"$PACTUM" init --ledger "$db" >/dev/null
"$PACTUM" import --ledger "$db" $E tests/settle/payments.csv >/dev/null
sleep 1 # a change would show in the modification time
before=$(state "$db")
[ ! -e "$db-wal" ] && [ ! -e "$db-shm" ] && pass || fail "a ledger at rest has a -wal or -shm"
expect_status "init on a ledger" 0 "$PACTUM" init --ledger "$db"
expect_eq "init on a ledger" "$OUT" "$db: ledger ready"
expect_eq "init on a ledger changes nothing" "$(state "$db")" "$before"

# Every read answers, and leaves the file as it was: bytes, time, no -wal or -shm made.
reads() { # reads FILE: the status of each reading command, on one line
  for c in "imports" "settle --agreement $A" "statement --agreement $A --on 2024-12-01" \
           "explain --agreement $A --clause fee --period 2024-Q3" \
           "export --agreement $A --format csv" "audit --agreement $A --on 2024-12-01" \
           "settle --agreement $A --as-known-on 2026-01-01"; do
    # shellcheck disable=SC2086
    "$PACTUM" $c --ledger "$1" >/dev/null 2>&1
    printf '%s ' $?
  done
}
expect_eq "reads answer" "$(reads "$db")" "0 0 0 0 0 0 0 "
expect_eq "reads change nothing" "$(state "$db")" "$before"
# The figure read is the figure: 1,042.35 owed (see test_ledger_undo.sh).
expect_eq "a read: the totals" "$("$PACTUM" settle --agreement $A --ledger "$db" --json 2>/dev/null | jq -c '.totals[0].amount')" '"1042.35"'

# A read-only file (root is not stopped by it, other users are): still read, still unchanged.
chmod a-w "$db"
expect_eq "reads of a read-only file" "$(reads "$db")" "0 0 0 0 0 0 0 "
expect_eq "reads of a read-only file change nothing" "$(state "$db")" "$before"
chmod u+w "$db"

# A ledger of schema 2 is not migrated by a read: refused, saying how, the file as it was.
cp tests/ledger/v2.db "$TMPDIR/v2.db"
v2=$(state "$TMPDIR/v2.db")
expect_status "a read of schema 2" 1 "$PACTUM" settle --agreement $A --ledger "$TMPDIR/v2.db"
expect_contains "a read of schema 2" "$OUT" "$TMPDIR/v2.db: error[E1231]: this ledger has schema 2, which this pactum reads only once it is brought to schema 3, and reading does not change a ledger"
expect_contains "a read of schema 2" "$OUT" "help: bring it to schema 3 once, its events as they are: pactum init --ledger FILE (or any import)"
expect_eq "a read of schema 2 changes nothing" "$(state "$TMPDIR/v2.db")" "$v2"

# ---------------------------------------------------------------- a folder that cannot be written
# As a user who may read the folder but not write it (root writes anywhere): the reads answer,
# and nothing is made in the folder.
ro=$(mktemp -d /tmp/pactum-ro.XXXXXX)
chmod 755 "$ro"
cp "$db" "$ro/ledger.db"
cp $A "$ro/amended.pact"
chmod 644 "$ro/ledger.db" "$ro/amended.pact"
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
nobody=no
if command -v setpriv >/dev/null && as_nobody "$PACTUM" check "$ro/amended.pact" >/dev/null 2>&1 &&
   ! as_nobody sh -c ": >'$ro/probe'" 2>/dev/null; then
  nobody=yes
fi
if [ $nobody = yes ]; then
  A=$ro/amended.pact
  ro_before=$(state "$ro/ledger.db")
  got=$(for c in "imports" "settle --agreement $A" "statement --agreement $A --on 2024-12-01" \
                 "explain --agreement $A --clause fee --period 2024-Q3" \
                 "export --agreement $A --format csv" "audit --agreement $A --on 2024-12-01"; do
    # shellcheck disable=SC2086
    as_nobody "$PACTUM" $c --ledger "$ro/ledger.db" >/dev/null 2>&1
    printf '%s ' $?
  done)
  expect_eq "reads in a folder that cannot be written" "$got" "0 0 0 0 0 0 "
  expect_eq "a read in that folder: the totals" "$(as_nobody "$PACTUM" settle --agreement $A --ledger "$ro/ledger.db" --json 2>/dev/null | jq -c '.totals[0].amount')" '"1042.35"'
  expect_eq "reads in that folder make nothing" "$(ls "$ro" | tr '\n' ' ')" "amended.pact ledger.db "
  expect_eq "reads in that folder change nothing" "$(state "$ro/ledger.db")" "$ro_before"
  # A write there fails, says so, and changes nothing.
  printf 'id,kind,date,party,amount,currency\nnew1,revenue,2024-02-02,globex,1.00,USD\n' >"$ro/new.csv"
  chmod 644 "$ro/new.csv"
  expect_status "an import in that folder" 1 as_nobody "$PACTUM" import --ledger "$ro/ledger.db" "$ro/new.csv"
  expect_eq "an import in that folder changes nothing" "$(state "$ro/ledger.db")" "$ro_before"
  A=tests/settle/amended.pact
else
  echo "note: no user to read as who cannot write the folder (setpriv, nobody): that case is skipped"
fi
rm -rf "$ro"

# ---------------------------------------------------------------- imports wait their turn
w=$TMPDIR/wait.db
"$PACTUM" init --ledger "$w" >/dev/null
"$PACTUM" import --ledger "$w" $E >/dev/null
printf 'id,kind,date,party,amount,currency\nw1,revenue,2024-02-02,globex,1.00,USD\n' >"$TMPDIR/w1.csv"
printf 'id,kind,date,party,amount,currency\nw2,revenue,2024-02-03,globex,2.00,USD\n' >"$TMPDIR/w2.csv"
now() { date +%s%N; }
ms_since() { echo $((($(now) - $1) / 1000000)); }
# hold LEDGER SQL: another program (the sqlite3 shell) holds the ledger, with a write lock or a
# read transaction, until release; returns once it holds it.
mkfifo "$TMPDIR/fifo"
hold() {
  sqlite3 "$1" <"$TMPDIR/fifo" >/dev/null &
  held=$!
  exec 3>"$TMPDIR/fifo"
  echo "$2" >&3
  i=0
  while [ ! -e "$1-wal" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  sleep 0.2
}
release() {
  exec 3>&-
  wait $held
}

# A write lock held past a short --wait: E1230, exit 1, and the ledger as it was.
before_imports=$("$PACTUM" imports --ledger "$w")
hold "$w" "BEGIN IMMEDIATE;"
start=$(now)
expect_status "a lock held past --wait" 1 "$PACTUM" import --ledger "$w" --wait 1 "$TMPDIR/w1.csv"
took=$(ms_since "$start")
expect_contains "a lock held past --wait: said once" "$OUT" "waiting for another import of $w to finish..."
expect_eq "a lock held past --wait: said once" "$(printf '%s\n' "$OUT" | grep -c 'waiting for another import')" 1
expect_contains "a lock held past --wait" "$OUT" "$w: error[E1230]: another import was still writing the ledger after 1 s of waiting; nothing was written"
expect_contains "a lock held past --wait" "$OUT" "help: let it finish and run this again, or wait longer: --wait SECONDS"
expect_contains "a lock held past --wait" "$OUT" "$TMPDIR/w1.csv: not imported; the ledger is as it was"
[ "$took" -ge 900 ] && [ "$took" -lt 3000 ] && pass || fail "--wait 1 gave up after $took ms"
release
expect_eq "a lock held past --wait: the ledger as it was" "$("$PACTUM" imports --ledger "$w")" "$before_imports"
# PACTUM_WAIT says the same when --wait is not given; --wait 0 does not wait at all.
hold "$w" "BEGIN IMMEDIATE;"
expect_status "PACTUM_WAIT" 1 env PACTUM_WAIT=0.5 "$PACTUM" undo --ledger "$w" 1
expect_contains "PACTUM_WAIT" "$OUT" "after 0.5 s of waiting"
expect_status "--wait 0" 1 "$PACTUM" import --ledger "$w" --wait 0 "$TMPDIR/w1.csv"
expect_contains "--wait 0" "$OUT" "error[E1230]"
case $OUT in *"waiting for another"*) fail "--wait 0 said it waits" ;; *) pass ;; esac
release
expect_status "--wait: not a number" 2 "$PACTUM" import --ledger "$w" --wait soon "$TMPDIR/w1.csv"
expect_contains "--wait: not a number" "$OUT" "--wait is how many seconds to wait for another import (0 to 86400), not 'soon'"
expect_status "PACTUM_WAIT: not a number" 2 env PACTUM_WAIT=-1 "$PACTUM" import --ledger "$w" "$TMPDIR/w1.csv"

# Two imports at once, of two files, while the ledger is held for longer than SQLite's old
# 5 s: both wait (each says so, once), and both land, one after the other.
hold "$w" "BEGIN IMMEDIATE;"
"$PACTUM" import --ledger "$w" "$TMPDIR/w1.csv" >"$TMPDIR/w1.out" 2>&1 3>&- &
one=$!
"$PACTUM" import --ledger "$w" "$TMPDIR/w2.csv" >"$TMPDIR/w2.out" 2>&1 3>&- &
two=$!
sleep 6 # longer than the 5 s after which an import used to fail with "database is locked"
release
wait $one
s1=$?
wait $two
s2=$?
expect_eq "two imports at once: both land" "$s1 $s2" "0 0"
expect_contains "two imports at once: the first" "$(cat "$TMPDIR/w1.out")" "waiting for another import of $w to finish...
$TMPDIR/w1.csv: 1 event imported, 0 already in the ledger"
expect_contains "two imports at once: the second" "$(cat "$TMPDIR/w2.out")" "waiting for another import of $w to finish...
$TMPDIR/w2.csv: 1 event imported, 0 already in the ledger"
expect_eq "two imports at once: numbered in turn" "$(sqlite3 "$w" "SELECT seq, added FROM imports ORDER BY seq" | tr '\n' ' ')" "1|10 2|1 3|1 "
# 1,042.35 owed before; w1 and w2 are revenue of 2024-Q1 (1.00 + 2.00 at v1's 10%: 0.30 more).
expect_eq "two imports at once: the totals" "$("$PACTUM" settle --agreement $A --ledger "$w" --json 2>/dev/null | jq -c '.totals[0].amount')" '"1042.65"'

# A reader holding a read transaction does not slow an import: its checkpoint waits for no one
# (it used to wait 5 s). w3 is 3.00 more of 2024-Q1 revenue: 0.30 more owed.
printf 'id,kind,date,party,amount,currency\nw3,revenue,2024-02-04,globex,3.00,USD\n' >"$TMPDIR/w3.csv"
hold "$w" "BEGIN; SELECT count(*) FROM events;"
start=$(now)
expect_status "an import beside a reader" 0 "$PACTUM" import --ledger "$w" "$TMPDIR/w3.csv"
took=$(ms_since "$start")
[ "$took" -lt 2500 ] && pass || fail "an import beside an open reader took $took ms"
case $OUT in *"waiting for another"*) fail "an import waited for a reader" ;; *) pass ;; esac
# And a pactum read meanwhile sees the import (through the log).
expect_eq "a read beside the reader" "$("$PACTUM" settle --agreement $A --ledger "$w" --json 2>/dev/null | jq -c '.totals[0].amount')" '"1042.95"'
release
expect_eq "after the reader: the totals" "$("$PACTUM" settle --agreement $A --ledger "$w" --json 2>/dev/null | jq -c '.totals[0].amount')" '"1042.95"'

# A log left with pages in it (its writer killed while a reader held the ledger): read through
# the log where its index is there, even from a folder that cannot be written; without the index
# there, E1231, the files as they were; init, where the folder can be written, merges it.
if [ $nobody = yes ]; then
  left=$TMPDIR/left.db
  "$PACTUM" init --ledger "$left" >/dev/null
  "$PACTUM" import --ledger "$left" $E >/dev/null
  hold "$left" "BEGIN; SELECT count(*) FROM events;"
  "$PACTUM" import --ledger "$left" tests/settle/payments.csv >/dev/null 3>&-
  kill -9 $held
  wait $held 2>/dev/null
  exec 3>&-
  [ -s "$left-wal" ] && pass || fail "no log was left with pages in it"
  ro=$(mktemp -d /tmp/pactum-ro.XXXXXX)
  chmod 755 "$ro"
  cp "$left" "$left-wal" "$left-shm" tests/settle/amended.pact "$ro/"
  chmod 644 "$ro"/*
  expect_eq "a log left: read through it" "$(as_nobody "$PACTUM" settle --agreement "$ro/amended.pact" --ledger "$ro/left.db" --json 2>/dev/null | jq -c '.totals[0].amount')" '"1042.35"'
  rm "$ro/left.db-shm"
  before=$(state "$ro/left.db")
  expect_status "a log left, no index, a folder that cannot be written" 1 as_nobody "$PACTUM" imports --ledger "$ro/left.db"
  expect_contains "a log left, no index" "$OUT" "$ro/left.db: error[E1231]: the ledger's write-ahead log ($ro/left.db-wal) holds changes, and its index (-shm) is missing and cannot be made in this folder"
  expect_contains "a log left, no index" "$OUT" "help: merge the log into the ledger once where the folder can be written: pactum init --ledger FILE"
  expect_eq "a log left, no index: as it was" "$(state "$ro/left.db")" "$before"
  rm -rf "$ro"
  expect_status "a log left: init merges it" 0 "$PACTUM" init --ledger "$left"
  [ ! -e "$left-wal" ] && [ ! -e "$left-shm" ] && pass || fail "init left the log"
  expect_eq "a log left: merged" "$("$PACTUM" settle --agreement $A --ledger "$left" --json 2>/dev/null | jq -c '.totals[0].amount')" '"1042.35"'
fi
finish

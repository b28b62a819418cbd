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
if command -v setpriv >/dev/null && as_nobody "$PACTUM" check "$ro/amended.pact" >/dev/null 2>&1 &&
   ! as_nobody sh -c ": >'$ro/probe'" 2>/dev/null; then
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
finish

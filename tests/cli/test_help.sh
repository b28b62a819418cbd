# test_help.sh -- what pactum says of itself: the overview, each command's own help (pinned for
# settle, import and decide), help that cannot drift from the parser (every option a command's
# help lists is one its parser takes, with --opt VALUE and --opt=VALUE, and no other), the manual
# page generated from the same texts, and make install into a scratch PREFIX with its pactum.pc.
. tests/cli/lib.sh

# The lines of $1 as one line, words separated by spaces.
joined() { printf '%s\n' "$1" | tr -s ' \n' '  ' | sed 's/ $//'; }

# --- The overview: pactum help, --help and -h; pactum alone says it on stderr and exits 2.
expect_status "help" 0 "$PACTUM" help
overview=$OUT
expect_contains "help: the commands" "$overview" "  settle EVENTS [--from DATE] [--through DATE] [--by year]"
expect_contains "help: says each command has its help" "$overview" \
  "pactum help COMMAND prints what COMMAND does, its options and an example."
expect_status "--help" 0 "$PACTUM" --help
expect_eq "--help is help" "$OUT" "$overview"
expect_status "-h" 0 "$PACTUM" -h
expect_eq "-h is help" "$OUT" "$overview"
"$PACTUM" >/dev/null 2>"$TMPDIR/alone"
expect_eq "pactum alone: exit 2" "$?" 2
expect_eq "pactum alone: the overview on stderr" "$(cat "$TMPDIR/alone")" "$overview"

# --- The help of settle, import and decide, exactly.
cat >"$TMPDIR/settle.expected" <<'TEXT'
usage: pactum settle EVENTS [--from DATE] [--through DATE] [--by year]
                     [--format text|json|svg] [--json]

What each payment clause owes, period by period: the version whose wording
applies, its days, the base, the rate, the amount before and after the cap, the
cumulative amount under the cap and the due date; then what each payer owes
each payee, and what it would have been without any cap. Exact to the cent
(docs/settle.md). --format svg draws it: the running total each way (with --by
year, a bar per payer and payee per year), and each capped clause against its
cap, the period it binds marked (docs/report.md).

EVENTS is --agreement PATH and the events: --events FILE... or --ledger FILE,
not both; a ledger may be read as it was on a day (--as-known-on DATE,
--as-held-on DATE).

options:
  --agreement PATH
      the agreement: a folder of .pact files, or one .pact file holding it all
  --events FILE...
      the event files that follow (CSV or JSON Lines; - is standard input)
  --ledger FILE
      read the events from this ledger instead of from event files
  --as-known-on DATE
      what the ledger knew on that day, by the days its imports claim
  --as-held-on DATE
      what the ledger held at the end of that day, by the machine's clock
  --from DATE
      the first day of the periods reported (the cap still counts earlier ones)
  --through DATE
      the last day of the periods reported
  --terms SIDE
      settle under these terms: actual (default), a version as if it had stayed
      in force, or a proposed amendment file
  --by year
      year by year instead, with where each cap binds and the totals
  --format text|json|svg
      text for people (the default), json (as --json) or svg: charts
  --json
      print one JSON document, diagnostics in it, nothing on stderr

example:
  pactum settle --agreement tests/settle/amended.pact \
      --events tests/settle/amended.csv
TEXT
cat >"$TMPDIR/import.expected" <<'TEXT'
usage: pactum import [--ledger FILE]
                     [--recorded-on DATE [--backdated-because REASON]]
                     [--agreement PATH [--as PARTY]] [--wait SECONDS] FILE...

Adds event files (CSV or JSON Lines; - is standard input) to the ledger, each
whole or not at all: a file with a bad row, or with an event that conflicts
with the ledger, writes nothing, and the other files are imported all the same.
An event the ledger already holds is counted, not added again. The files are
recorded as learned today, or on the day --recorded-on gives; a day before
today needs --backdated-because. With --agreement, only the events the
agreement can settle go in; with --as too, only those PARTY may record. A write
waits its turn behind another.

options:
  --agreement PATH
      refuse any event this agreement could never settle
  --ledger FILE
      the ledger (default pactum.db)
  --as PARTY
      as PARTY: refuse any event PARTY may not record (needs --agreement)
  --recorded-on DATE
      record it as learned on that day, not today (a past day needs a reason)
  --backdated-because REASON
      why the ledger records a day before today (--recorded-on); kept with it
  --wait SECONDS
      wait up to SECONDS behind another writer (default: PACTUM_WAIT, or 60)

example:
  pactum import --ledger acme.db \
      tests/settle/amended.csv tests/settle/payments.csv
TEXT
cat >"$TMPDIR/decide.expected" <<'TEXT'
usage: pactum decide launch EVENTS --product P --provider X --on DATE [--json]
       pactum decide use EVENTS --licensee L --subject S --on DATE [--json]
       pactum decide EVENTS --batch QUERIES.jsonl

Whether a product may launch on a cloud provider on a day (the cloud clauses:
exclusive, first refusal, primary or none, with their offers, answers, windows
and silence), or whether a party may use a subject (the licence clauses and
grants), with the clause and the version that decided it, the reason, the
exception that applied, the day a pending offer must be answered by and the
events relied on. --batch answers one JSON query per line with one JSON line
each (docs/decide.md).

EVENTS is --agreement PATH and the events: --events FILE... or --ledger FILE,
not both; a ledger may be read as it was on a day (--as-known-on DATE,
--as-held-on DATE).

options:
  --agreement PATH
      the agreement: a folder of .pact files, or one .pact file holding it all
  --events FILE...
      the event files that follow (CSV or JSON Lines; - is standard input)
  --ledger FILE
      read the events from this ledger instead of from event files
  --as-known-on DATE
      what the ledger knew on that day, by the days its imports claim
  --as-held-on DATE
      what the ledger held at the end of that day, by the machine's clock
  --on DATE
      the day the question is asked about (required, but not with --batch)
  --product P
      decide launch: the product to launch
  --provider X
      decide launch: the cloud provider to launch on
  --licensee L
      decide use: the party that would use it
  --subject S
      decide use: what is used (model:gpt-4); decide launch: the product's type
  --batch QUERIES.jsonl
      one JSON answer per query line of the file (- is standard input)
  --json
      print one JSON document, diagnostics in it, nothing on stderr
  --from DATE
      accepted and not used: every event up to the day asked about counts
  --through DATE
      accepted and not used: every event up to the day asked about counts

example:
  pactum decide launch --agreement agreements/microsoft-openai \
      --events tests/decide/clouds.csv --product responses-api \
      --provider amazon --on 2025-12-01
TEXT
for c in settle import decide; do
  "$PACTUM" help "$c" >"$TMPDIR/$c.help" 2>&1
  expect_eq "help $c: exit" "$?" 0
  if cmp -s "$TMPDIR/$c.expected" "$TMPDIR/$c.help"; then pass; else
    fail "help $c: $(diff "$TMPDIR/$c.expected" "$TMPDIR/$c.help" | head -n 20)"
  fi
done

# --- Every command of the overview has its own help, the same by 'help C', 'C --help' and
# 'C -h', in lines a terminal of 80 columns shows whole, with its synopsis and an example; and
# every command that has help is in the overview.
commands=$(printf '%s\n' "$overview" | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' | sort -u)
expect_eq "the overview's commands" "$(joined "$commands")" \
  "audit check compare decide explain export fmt forecast help history import imports init report settle show statement test undo verify version"
for c in $commands; do
  expect_status "help $c" 0 "$PACTUM" help "$c"
  own=$OUT
  printf '%s\n' "$own" >"$TMPDIR/own"
  expect_eq "help $c: its synopsis" "$(head -n 1 "$TMPDIR/own" | cut -c1-$((14 + ${#c})))" "usage: pactum $c"
  expect_contains "help $c: an example" "$own" "
example:
  pactum $c"
  wide=$(awk 'length($0) > 80' "$TMPDIR/own")
  expect_eq "help $c: no line over 80 columns" "$wide" ""
  case $c in version) continue ;; esac # version prints the version whatever follows it
  expect_status "$c --help" 0 "$PACTUM" "$c" --help
  expect_eq "$c --help is help $c" "$OUT" "$own"
  expect_status "$c -h" 0 "$PACTUM" "$c" -h
  expect_eq "$c -h is help $c" "$OUT" "$own"
done
"$PACTUM" help --man >"$TMPDIR/pactum.1"
man_commands=$(sed -n 's/^\.SS //p' "$TMPDIR/pactum.1" | sort -u)
expect_eq "the manual's commands are the overview's" "$(joined "$man_commands")" "$(joined "$commands")"

# --- The help cannot drift from the parser. The options: every one any command's help lists.
# For each command and each option, the parser takes it (the command line ends at --help, which
# prints the help, exit 0) exactly when the command's help lists it; an option that takes a
# value takes it after a space and after '='; one that takes none refuses '=VALUE'.
options=$(for c in $commands; do "$PACTUM" help "$c"; done | sed -n 's/^  \(--[a-z-]*\).*/\1/p' | sort -u)
expect_eq "the options" "$(joined "$options")" "--a --agreement --as --as-held-on --as-known-on \
--b --backdated-because --batch --by --check --clause --events --format --from --json --ledger \
--licensee --on --paths --period --product --provider --recorded-on --scenario --seed --subject \
--terms --threads --through --version --wait"
for c in $commands; do
  case $c in help | version) continue ;; esac
  "$PACTUM" help "$c" >"$TMPDIR/own"
  for opt in $options; do
    listed=$(sed -n "s/^  $opt\( \(.*\)\)\{0,1\}\$/listed \2/p" "$TMPDIR/own")
    value=x
    case $listed in *DATE) value=2026-01-01 ;; esac
    case $listed in
      "listed ") # a switch: alone, and refused with a value
        expect_status "$c $opt: taken" 0 "$PACTUM" "$c" "$opt" --help
        expect_status "$c $opt=x: refused" 2 "$PACTUM" "$c" "$opt=x" --help
        expect_contains "$c $opt=x: said" "$OUT" "pactum $c: $opt takes no value"
        ;;
      listed*)
        expect_status "$c $opt VALUE: taken" 0 "$PACTUM" "$c" "$opt" "$value" --help
        expect_eq "$c $opt VALUE: the help" "$OUT" "$(cat "$TMPDIR/own")"
        expect_status "$c $opt=VALUE: taken" 0 "$PACTUM" "$c" "$opt=$value" --help
        ;;
      *)
        expect_status "$c $opt: not taken" 2 "$PACTUM" "$c" "$opt" --help
        expect_contains "$c $opt: said as ever" "$OUT" "pactum $c: unknown option '$opt'"
        expect_status "$c $opt=x: not taken" 2 "$PACTUM" "$c" "$opt=x" --help
        expect_contains "$c $opt=x: said as ever" "$OUT" "pactum $c: unknown option '$opt=x'"
        ;;
    esac
  done
done

# --- --opt=VALUE reads as --opt VALUE; what is wrong is said as it always was.
expect_status "show --on DATE" 0 "$PACTUM" show "$AGREEMENT" --on 2026-11-27 --json
spaced=$OUT
expect_status "show --on=DATE" 0 "$PACTUM" show "$AGREEMENT" --on=2026-11-27 --json
expect_eq "show --on=DATE is --on DATE" "$OUT" "$spaced"
S="--agreement=tests/settle/amended.pact --events tests/settle/amended.csv"
# shellcheck disable=SC2086
expect_status "settle --from=DATE --by=year" 0 "$PACTUM" settle $S --from=2024-07-01 --by=year
with_equals=$OUT
expect_status "settle --from DATE --by year" 0 "$PACTUM" settle --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv --from 2024-07-01 --by year
expect_eq "settle: values after = are values after a space" "$with_equals" "$OUT"
# shellcheck disable=SC2086
expect_status "--on=bad" 2 "$PACTUM" statement $S --on=2024-02-30
expect_contains "--on=bad: the day" "$OUT" "pactum statement: --on: no such day: '2024-02-30'"
# shellcheck disable=SC2086
expect_status "--period=bad" 2 "$PACTUM" statement $S --period=2024Q3
expect_contains "--period=bad: the form meant" "$OUT" "pactum statement: --period: write '2024-Q3', not '2024Q3'"
# shellcheck disable=SC2086
expect_status "--on= (empty)" 2 "$PACTUM" statement $S --on=
expect_contains "--on= (empty): not a date" "$OUT" "pactum statement: --on: not a date (write YYYY-MM-DD): ''"
expect_status "--json=yes" 2 "$PACTUM" check "$AGREEMENT" --json=yes
expect_eq "--json=yes: said" "$OUT" "pactum check: --json takes no value: write --json alone, not '--json=yes'
run 'pactum help' for usage"
# --events=FILE is the first of the event files.
expect_status "statement --events FILE FILE" 0 "$PACTUM" statement --agreement tests/settle/amended.pact \
  --events tests/settle/amended.csv tests/settle/payments.csv --on 2024-12-01
spaced=$OUT
expect_status "statement --events=FILE FILE" 0 "$PACTUM" statement --agreement=tests/settle/amended.pact \
  --events=tests/settle/amended.csv tests/settle/payments.csv --on=2024-12-01
expect_eq "statement --events=FILE FILE is --events FILE FILE" "$OUT" "$spaced"
expect_status "a missing path" 2 "$PACTUM" settle --agreement
expect_eq "a missing path: said" "$OUT" "pactum settle: --agreement needs a path
run 'pactum help' for usage"
expect_status "a missing date" 2 "$PACTUM" show "$AGREEMENT" --on
expect_eq "a missing date: said" "$OUT" "pactum show: --on needs a date, such as --on 2026-11-27
run 'pactum help' for usage"
expect_status "a missing value" 2 "$PACTUM" settle --agreement "$AGREEMENT" --ledger
expect_eq "a missing value: said" "$OUT" "pactum settle: this option needs a value: '--ledger'
run 'pactum help' for usage"
expect_status "an unknown option" 2 "$PACTUM" settle --jsn=1
expect_eq "an unknown option: said" "$OUT" "pactum settle: unknown option '--jsn=1'
run 'pactum help' for usage"

# --- pactum help of what is not a command.
expect_status "help nosuch" 2 "$PACTUM" help nosuch
expect_eq "help nosuch: said" "$OUT" "pactum help: no such command 'nosuch'
run 'pactum help' for usage"
expect_status "help setle" 2 "$PACTUM" help setle
expect_eq "help setle: the command meant" "$OUT" "pactum help: no such command 'setle'; did you mean 'settle'?
run 'pactum help' for usage"
expect_status "help statment" 2 "$PACTUM" help statment
expect_contains "help statment: the command meant" "$OUT" "did you mean 'statement'?"
expect_status "help import imports" 2 "$PACTUM" help import imports
expect_contains "help of two commands" "$OUT" "pactum help: one command at a time"
expect_status "help --bogus" 2 "$PACTUM" help --bogus
expect_contains "help --bogus" "$OUT" "pactum help: unknown option '--bogus'"
expect_status "help --help" 0 "$PACTUM" help --help
expect_contains "help --help: help's own" "$OUT" "usage: pactum help [COMMAND]"

# --- The manual page: roff from the same texts, which man (or groff) renders without a warning.
expect_eq "manual: its title line" "$(head -n 1 "$TMPDIR/pactum.1")" ".TH PACTUM 1 \"\" \"pactum $("$PACTUM" version | cut -d' ' -f2)\" \"pactum manual\""
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS '"EXIT STATUS"' ENVIRONMENT '"SEE ALSO"'; do
  expect_contains "manual: $section" "$(cat "$TMPDIR/pactum.1")" ".SH $section"
done
expect_contains "manual: an option, as roff" "$(cat "$TMPDIR/pactum.1")" '\fB\-\-as\-known\-on\fR \fIDATE\fR'
bad=$(grep -n "^['.]" "$TMPDIR/pactum.1" | grep -v -E "^[0-9]+:\.(TH|SH|SS|TP|PP|RS|RE|nf|fi|nh|ad|B|I) ?" | head -n 3)
expect_eq "manual: no text line taken for a request" "$bad" ""
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man --warnings -l "$TMPDIR/pactum.1" >"$TMPDIR/man.txt" 2>"$TMPDIR/man.err"
  expect_eq "man -l: exit" "$?" 0
  expect_eq "man -l: no warning" "$(cat "$TMPDIR/man.err")" ""
  rendered=$(cat "$TMPDIR/man.txt")
elif command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -ww "$TMPDIR/pactum.1" >"$TMPDIR/man.txt" 2>"$TMPDIR/man.err"
  expect_eq "groff: exit" "$?" 0
  expect_eq "groff: no warning" "$(cat "$TMPDIR/man.err")" ""
  rendered=$(sed 's/.\x08//g' "$TMPDIR/man.txt")
else
  rendered=
fi
if [ -n "$rendered" ]; then
  expect_contains "manual rendered: settle's synopsis" "$rendered" "pactum settle EVENTS [--from DATE] [--through DATE] [--by year]"
  expect_contains "manual rendered: an option's description" "$rendered" "what the ledger knew on that day, by the days its imports claim"
  expect_contains "manual rendered: an example" "$rendered" "pactum decide launch --agreement agreements/microsoft-openai \\"
fi

# --- make install PREFIX=DIR: every file where it belongs, and pkg-config finds the library.
if command -v make >/dev/null 2>&1; then
  build=$(dirname "$PACTUM")
  prefix=$TMPDIR/prefix
  env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s install BUILD="$build" \
    PREFIX="$prefix" >"$TMPDIR/install.out" 2>&1
  expect_eq "make install: exit" "$?" 0
  for f in bin/pactum include/pactum.h lib/libpactum.a lib/libpactum.so.0 lib/libpactum.so share/man/man1/pactum.1 lib/pkgconfig/pactum.pc; do
    if [ -f "$prefix/$f" ]; then pass; else fail "make install: no $f: $(cat "$TMPDIR/install.out")"; fi
  done
  expect_status "installed pactum" 0 "$prefix/bin/pactum" version
  expect_eq "installed pactum: its version" "$OUT" "$("$PACTUM" version)"
  if cmp -s "$prefix/share/man/man1/pactum.1" "$TMPDIR/pactum.1"; then pass; else fail "installed manual differs from pactum help --man"; fi
  pc=$(cat "$prefix/lib/pkgconfig/pactum.pc")
  expect_contains "pactum.pc: its version" "$pc" "Version: $("$PACTUM" version | cut -d' ' -f2)"
  expect_contains "pactum.pc: Libs.private" "$pc" "Libs.private: -lsqlite3 -pthread"
  expect_contains "pactum.pc: Requires.private" "$pc" "Requires.private: sqlite3"
  if command -v pkg-config >/dev/null 2>&1; then
    flags=$(pkg-config --with-path="$prefix/lib/pkgconfig" --cflags --libs pactum)
    expect_eq "pkg-config --cflags --libs" "$(joined "$flags")" "-I$prefix/include -L$prefix/lib -lpactum"
    static=$(pkg-config --with-path="$prefix/lib/pkgconfig" --static --libs pactum)
    expect_contains "pkg-config --static --libs" "$static" "-L$prefix/lib -lpactum -lsqlite3 -pthread"
    # examples/embed: a program of its own, built against what was installed and nothing else of
    # the tree (with the sanitizers when the library was built with them, as run.sh names that
    # build), linked with the shared library and with the archive; both print expected.txt.
    san=
    case $build in *asan*) san="-fsanitize=address,undefined" ;; esac
    # shellcheck disable=SC2046
    if ${CC:-cc} -std=c11 $san $(pkg-config --with-path="$prefix/lib/pkgconfig" --cflags pactum) \
      examples/embed/settle.c -o "$TMPDIR/embed-shared" \
      $(pkg-config --with-path="$prefix/lib/pkgconfig" --libs pactum) >"$TMPDIR/cc.out" 2>&1; then
      expect_contains "embed: linked with the shared library" "$(LD_LIBRARY_PATH="$prefix/lib" ldd "$TMPDIR/embed-shared")" \
        "libpactum.so.0 => $prefix/lib/libpactum.so.0"
      LD_LIBRARY_PATH="$prefix/lib" "$TMPDIR/embed-shared" agreements/microsoft-openai \
        examples/microsoft-openai/events.csv >"$TMPDIR/embed-shared.out" 2>&1
      if cmp -s "$TMPDIR/embed-shared.out" examples/embed/expected.txt; then pass; else
        fail "embed (shared) printed: $(head -c 400 "$TMPDIR/embed-shared.out")"; fi
    else
      fail "embed against the installed shared library: $(cat "$TMPDIR/cc.out")"
    fi
    # shellcheck disable=SC2046
    if ${CC:-cc} -std=c11 $san $(pkg-config --with-path="$prefix/lib/pkgconfig" --cflags pactum) \
      examples/embed/settle.c -o "$TMPDIR/embed-static" "$prefix/lib/libpactum.a" \
      $(pkg-config --libs sqlite3) -pthread >"$TMPDIR/cc.out" 2>&1; then
      "$TMPDIR/embed-static" agreements/microsoft-openai examples/microsoft-openai/events.csv \
        >"$TMPDIR/embed-static.out" 2>&1
      if cmp -s "$TMPDIR/embed-static.out" examples/embed/expected.txt; then pass; else
        fail "embed (static) printed: $(head -c 400 "$TMPDIR/embed-static.out")"; fi
    else
      fail "embed against the installed archive: $(cat "$TMPDIR/cc.out")"
    fi
  fi
fi

finish

#!/bin/sh
# bench/ledger.sh -- the ledger beside the file (issue: the ledger as the durable main path),
# run by `make bench` after bench/settle.sh, whose generated files it uses.
#
# For each size (100,000, 1,000,000 and 10,000,000 revenue events for the reference agreement)
# it imports the CSV into a fresh ledger (timed once) and loads it into a DuckDB database file of
# its own (bench/duckdb_settle.mjs --load, untimed), then times side by side, with hyperfine:
#   settle --events CSV --json        settle --ledger L --json        DuckDB over its own file
# and on the largest size also statement, export --format csv and explain (one quarter), each
# over the ledger and over the CSV. Every ledger command's output must equal its file twin's
# byte for byte, and DuckDB's obligations pactum's to the cent, or the benchmark fails.
#
# Targets (10,000,000 events): settle --ledger within 2x of settle --events and faster than
# DuckDB over its own file; explain --ledger under 1 s; statement and export over the ledger
# within 2x of settle --ledger; settle --ledger's time per event not growing from 100,000 to
# 10,000,000 (at most 1.5x the smaller size's).
#
# Exit status: 0 every target met, 1 a target missed or outputs differ (the report is written
# all the same), 2 the benchmark could not run.
#
# Settings (environment): BENCH_SEED=42, BENCH_LEDGER_SIZES="100000 1000000 10000000",
# BENCH_RUNS=5, BENCH_REPORT=BENCHMARKS.md
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh

PACTUM=build/pactum
AGREEMENT=agreements/microsoft-openai
TERMS=bench/settle_terms.csv
DIR=build/bench
NODE_DIR=$DIR/node
SEED=${BENCH_SEED:-42}
SIZES=${BENCH_LEDGER_SIZES:-"100000 1000000 10000000"}
RUNS=${BENCH_RUNS:-5}
REPORT=${BENCH_REPORT:-BENCHMARKS.md}
BEGIN='<!-- bench:ledger begin -->'
END='<!-- bench:ledger end -->'
PERIOD=2029-Q1
CLAUSE=openai-pays-microsoft

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && [ -n "$(git status --porcelain -- src include Makefile 2>/dev/null)" ]; then
  COMMIT="$COMMIT with uncommitted changes to src/"
fi
say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 2; }
grouped() { awk -v x="$1" 'BEGIN {s = x ""; while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s}'; }

[ -x "$PACTUM" ] || die "$PACTUM is missing; run: make"
for tool in hyperfine jq awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing; run: make deps (scripts/deps.sh)"
done
DUCKDB=1
{ command -v node >/dev/null 2>&1 && [ -d "$NODE_DIR/node_modules/@duckdb/node-api" ]; } || DUCKDB=0
cp "$PACTUM" "$DIR/pactum-ledger" || die "cannot copy $PACTUM"
PACTUM=$DIR/pactum-ledger
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "-")

RESULTS=$DIR/ledger-results.txt # key median min max cpu
: >"$RESULTS"
FAILED=0
CHECKS=""
check() { # WHAT OK(0/1)
  if [ "$2" = 0 ]; then CHECKS="$CHECKS
| $1 | PASS |"; else CHECKS="$CHECKS
| $1 | FAIL |"; FAILED=1; fi
}
timed() { # KEY COMMAND
  say "$1: hyperfine --runs $RUNS"
  hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$DIR/hf-ledger-$1.json" \
    --output null "$2" >&2 || die "hyperfine failed for $1"
  jq -r --arg k "$1" '.results[0] | "\($k) \(.median) \(.min) \(.max) \(.user + .system)"' \
    "$DIR/hf-ledger-$1.json" >>"$RESULTS"
}
# 0 when the command succeeds, 1 when not (for check, under set -e)
ok() { if "$@"; then echo 0; else echo 1; fi; }
median() { awk -v k="$1" '$1 == k {print $2}' "$RESULTS"; }
ms() { awk -v s="$1" 'BEGIN {if (s >= 1) printf "%.2f s", s; else printf "%.0f ms", s * 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
NORM='def cents: tostring | sub("\\."; "") | sub("^(?<s>-?)0*(?<d>[0-9]+)$"; "\(.s)\(.d)");
(.obligations[] | ["O", .clause, .version, .period, .first, .last, (.base|cents),
                   (.amount_before_cap|cents), (.amount|cents)]),
(.totals[] | ["T", .payer, .payee, (.amount|cents), (.amount_without_cap|cents)]) | @tsv'

ROWS_TABLE=""
IMPORTS=""
for n in $SIZES; do
  csv=$DIR/events-$n.csv
  if [ ! -s "$csv" ]; then
    [ -x "$DIR/gen_events" ] || die "$DIR/gen_events is missing: run bench/settle.sh first"
    say "generating $csv"
    "$DIR/gen_events" "$SEED" "$n" >"$csv" || die "cannot generate $csv"
  fi
  ledger=$DIR/ledger-$n.db
  rm -f "$ledger" "$ledger-wal" "$ledger-shm"
  "$PACTUM" init --ledger "$ledger" >/dev/null
  start=$(date +%s.%N)
  "$PACTUM" import --ledger "$ledger" "$csv" >/dev/null || die "the import of $csv failed"
  took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  sums=$(sqlite3 "$ledger" 'SELECT count(*) FROM day_sums' 2>/dev/null || echo "?")
  IMPORTS="$IMPORTS
| $(grouped "$n") | $(ms "$took") | $(grouped "$sums") | $(du -m "$ledger" | cut -f1) MiB |"
  # The twins agree, byte for byte.
  "$PACTUM" settle --agreement "$AGREEMENT" --events "$csv" --json >"$DIR/ledger-file-$n.json"
  "$PACTUM" settle --agreement "$AGREEMENT" --ledger "$ledger" --json >"$DIR/ledger-ledger-$n.json"
  check "settle --ledger = settle --events, byte for byte, $(grouped "$n") events" \
    "$(ok cmp -s "$DIR/ledger-file-$n.json" "$DIR/ledger-ledger-$n.json")"
  timed "file-$n" "$PACTUM settle --agreement $AGREEMENT --events $csv --json"
  timed "ledger-$n" "$PACTUM settle --agreement $AGREEMENT --ledger $ledger --json"
  duck="-"
  if [ "$DUCKDB" = 1 ]; then
    db=$DIR/duckdb-$n.duckdb
    [ -s "$db" ] && [ "$db" -nt "$csv" ] || { rm -f "$db" "$db.wal"; node bench/duckdb_settle.mjs "$NODE_DIR" --load "$csv" "$db"; }
    node bench/duckdb_settle.mjs "$NODE_DIR" "$TERMS" "$db" | sort >"$DIR/ledger-duckdb-$n.tsv"
    jq -r "$NORM" "$DIR/ledger-ledger-$n.json" | sort >"$DIR/ledger-pactum-$n.tsv"
    check "DuckDB over its own file = pactum, to the cent, $(grouped "$n") events" \
      "$(ok cmp -s "$DIR/ledger-duckdb-$n.tsv" "$DIR/ledger-pactum-$n.tsv")"
    timed "duckdb-$n" "node bench/duckdb_settle.mjs $NODE_DIR $TERMS $db"
    duck=$(ms "$(median "duckdb-$n")")
  fi
  ROWS_TABLE="$ROWS_TABLE
| $(grouped "$n") | $(ms "$(median "file-$n")") | $(ms "$(median "ledger-$n")") | $duck | $(ratio "$(median "ledger-$n")" "$(median "file-$n")") |"
  LAST=$n
done

# The other ledger commands, on the largest size, beside their file twins.
n=$LAST
csv=$DIR/events-$n.csv
ledger=$DIR/ledger-$n.db
COMMANDS_TABLE=""
for c in "statement --on 2032-12-31 --json" "export --format csv --on 2032-12-31" \
         "explain --clause $CLAUSE --period $PERIOD --json"; do
  name=$(echo "$c" | cut -d' ' -f1)
  # shellcheck disable=SC2086
  "$PACTUM" $c --agreement "$AGREEMENT" --events "$csv" >"$DIR/ledger-file-$name.out"
  # shellcheck disable=SC2086
  "$PACTUM" $c --agreement "$AGREEMENT" --ledger "$ledger" >"$DIR/ledger-ledger-$name.out"
  if [ "$name" = explain ]; then
    # The events listed (the first 1,000) are the first by date from a ledger, the first in the
    # file's order from a file: all else is the same.
    for side in file ledger; do
      jq 'del(.explanations[].events)' "$DIR/ledger-$side-$name.out" >"$DIR/ledger-$side-$name.cut"
    done
    check "explain --ledger = explain --events, but for which 1,000 events are listed" \
      "$(ok cmp -s "$DIR/ledger-file-$name.cut" "$DIR/ledger-ledger-$name.cut")"
  else
    check "$name --ledger = $name --events, byte for byte" "$(ok cmp -s "$DIR/ledger-file-$name.out" "$DIR/ledger-ledger-$name.out")"
  fi
  timed "file-$name" "$PACTUM $c --agreement $AGREEMENT --events $csv"
  timed "ledger-$name" "$PACTUM $c --agreement $AGREEMENT --ledger $ledger"
  COMMANDS_TABLE="$COMMANDS_TABLE
| \`$name\` | $(ms "$(median "file-$name")") | $(ms "$(median "ledger-$name")") | $(ratio "$(median "ledger-$name")" "$(median "file-$name")") |"
done

# The targets.
big_file=$(median "file-$n") big_ledger=$(median "ledger-$n")
check "settle --ledger within 2x of settle --events: $(ms "$big_ledger") against $(ms "$big_file")" \
  "$(ok awk -v a="$big_ledger" -v b="$big_file" 'BEGIN {exit !(a <= 2 * b)}')"
if [ "$DUCKDB" = 1 ]; then
  d=$(median "duckdb-$n")
  check "settle --ledger faster than DuckDB over its own file: $(ms "$big_ledger") against $(ms "$d") ($(ratio "$d" "$big_ledger")x)" "$(ok awk -v a="$big_ledger" -v b="$d" 'BEGIN {exit !(a < b)}')"
fi
e=$(median "ledger-explain")
check "explain --ledger under 1 s: $(ms "$e")" "$(ok awk -v a="$e" 'BEGIN {exit !(a < 1)}')"
for name in statement export; do
  t=$(median "ledger-$name")
  check "$name --ledger like settle --ledger: $(ms "$t")" "$(ok awk -v a="$t" -v b="$big_ledger" 'BEGIN {exit !(a <= 2 * b + 0.05)}')"
done
first=$(echo "$SIZES" | awk '{print $1}')
check "settle --ledger no slower per event at $(grouped "$n") than at $(grouped "$first") events" \
  "$(ok awk -v a="$(median "ledger-$first")" -v na="$first" -v b="$big_ledger" -v nb="$n" 'BEGIN {exit !(b / nb <= 1.5 * a / na)}')"

MACHINE="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr); load average at the start $LOAD_START"
section=$DIR/ledger-section.md
{
  echo "$BEGIN"
  echo "## The ledger beside the file"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on commit $COMMIT, $MACHINE (\`bench/ledger.sh\`, run by \`make bench\`)."
  echo "Hyperfine medians of $RUNS runs after a warm-up, output discarded; the files and ledgers sit in the page cache."
  echo "DuckDB reads the same events from a database file of its own (\`bench/duckdb_settle.mjs --load\`, untimed), the peer of a ledger."
  echo
  echo "| events | settle --events | settle --ledger | DuckDB, own file | ledger / file |"
  echo "|---|---|---|---|---|$ROWS_TABLE"
  echo
  echo "On $(grouped "$n") events, every other ledger command beside its file twin (outputs equal, see the checks):"
  echo
  echo "| command | --events | --ledger | ledger / file |"
  echo "|---|---|---|---|$COMMANDS_TABLE"
  echo
  echo "The imports that made the ledgers (one run each, \`pactum init\` + \`pactum import\`; the 1,000,000-row import is timed properly in the settlement benchmark above):"
  echo
  echo "| events | import | daily sums written | ledger file |"
  echo "|---|---|---|---|$IMPORTS"
  echo
  echo "| check | result |"
  echo "|---|---|$CHECKS"
  echo
  echo "- A settlement over a ledger reads its daily sums (docs/ledger.md, \"What a settlement reads\"), not its events: its time follows the days the data covers, not the number of events."
  echo "- \`explain\` settles from the sums, then reads the events of its quarter's months through each import's record of where its events are (docs/ledger.md, \"What explain reads\"): the runs of ids of those months, not the whole events table (an index on dates would make every import some 50% slower); the ledger is mapped, not read through read(2)."
  echo "$END"
} >"$section"
if [ -f "$REPORT" ] && grep -q "$BEGIN" "$REPORT"; then
  awk -v begin="$BEGIN" -v end="$END" -v file="$section" '
    $0 == begin {while ((getline line < file) > 0) print line; skip = 1; next}
    $0 == end {skip = 0; next}
    !skip {print}' "$REPORT" >"$REPORT.tmp" && mv "$REPORT.tmp" "$REPORT"
else
  { echo; cat "$section"; } >>"$REPORT"
fi
say "written to $REPORT"
exit "$FAILED"

#!/bin/sh
# bench/settle.sh -- the benchmark of `pactum settle` and `pactum import` (issue: settlement
# and import benchmark), run by `make bench` after bench/run.sh.
#
# Targets, on a file of 10 million revenue events (about 600 MB) for the reference agreement:
#   - `pactum settle --agreement agreements/microsoft-openai --events FILE --json` peaks under
#     64 MiB of resident memory, and takes at most 5x the time of merely reading the file
#     (bench/read_file: read() in 1 MiB blocks, count the newlines; `wc -l` is timed too);
#   - it is at least 3x faster than DuckDB (bench/duckdb_settle.mjs), more than 20x faster than
#     the sqlite3 shell (.import then SQL: bench/sqlite_settle.sql) and, on a 100,000-row
#     subset, more than 100x faster than hledger (bench/hledger_settle.awk over `hledger bal
#     -D`); every one of them computes the same obligations, which must equal pactum's to the
#     cent (every period's base, amount before the cap and amount, and the totals per payer and
#     payee), or the benchmark fails;
#   - `pactum init` + `pactum import` of a 1,000,000-row file into a fresh ledger is at least as
#     fast as `sqlite3` creating a table with the same unique key and `.import --csv` of the
#     same file into it.
#
# The peers: DuckDB through @duckdb/node-api (the version pinned in bench/package.json, which npm
# installs into build/bench/node), the sqlite3 shell and hledger. Node.js, npm and hledger come
# from Debian's packages (apt-get) when the machine lacks them.
#
# The files are made (once per seed, size and generator) by bench/gen_events into build/bench/:
# events-N.csv, and for hledger events-N.journal. A peer whose run on the big file would take
# longer than BENCH_PEER_MAX_SECONDS is timed on the import file instead (it is probed there
# first), and compared with pactum on that same file. Each figure is a hyperfine median (the
# files sit in the page cache: this measures computing, not the disk); peak RSS comes from one
# separate run under /usr/bin/time. The results go to this benchmark's section of BENCHMARKS.md
# (between the bench:settle markers; the rest of the file is kept).
#
# Exit status: 0 every target met, 1 a target missed or a peer disagrees with pactum (the
# report is written all the same), 2 the benchmark could not run (or a peer could not run and
# nothing failed).
#
# Settings (environment):
#   BENCH_SEED=42                   generator seed
#   BENCH_ROWS=10000000             the settlement file (BENCH_ROWS=1000000: a quick try)
#   BENCH_IMPORT_ROWS=1000000       the import file (also the peers' smaller file)
#   BENCH_HLEDGER_ROWS=100000       the hledger subset
#   BENCH_RUNS=10                   hyperfine runs of pactum and the readers (after 1 warm-up)
#   BENCH_PEER_RUNS=3               hyperfine runs of each peer (after its checked probe run)
#   BENCH_IMPORT_RUNS=5             hyperfine runs of each import (fresh database each run)
#   BENCH_PEERS="duckdb sqlite hledger"   the peers to run; BENCH_SKIP_PEERS=1 runs none
#   BENCH_SKIP_IMPORT=1             no import benchmark
#   BENCH_BIG_IMPORT=1              also import the big file once (pactum and sqlite3); 0: no
#   BENCH_PEER_MAX_SECONDS=120      a peer run on the big file longer than this: smaller file
#   BENCH_TIMEOUT_SECONDS=900       a single run taking longer is stopped
#   BENCH_REPORT=BENCHMARKS.md
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh

PACTUM=build/pactum
AGREEMENT=agreements/microsoft-openai
TERMS=bench/settle_terms.csv
DIR=build/bench
NODE_DIR=$DIR/node
SEED=${BENCH_SEED:-42}
ROWS=${BENCH_ROWS:-10000000}
IMPORT_ROWS=${BENCH_IMPORT_ROWS:-1000000}
HLEDGER_ROWS=${BENCH_HLEDGER_ROWS:-100000}
RUNS=${BENCH_RUNS:-10}
PEER_RUNS=${BENCH_PEER_RUNS:-3}
IMPORT_RUNS=${BENCH_IMPORT_RUNS:-5}
PEERS=${BENCH_PEERS:-"duckdb sqlite hledger"}
[ "${BENCH_SKIP_PEERS:-0}" = 0 ] || PEERS=""
SKIP_IMPORT=${BENCH_SKIP_IMPORT:-0}
BIG_IMPORT=${BENCH_BIG_IMPORT:-1}
PEER_MAX=${BENCH_PEER_MAX_SECONDS:-120}
TIMEOUT=${BENCH_TIMEOUT_SECONDS:-900}
REPORT=${BENCH_REPORT:-BENCHMARKS.md}
BEGIN='<!-- bench:settle begin -->'
END='<!-- bench:settle end -->'
DUCKDB_PACKAGE=$(sed -n 's/.*"@duckdb\/node-api": *"\([^"]*\)".*/\1/p' bench/package.json)

# The commit measured: read now, since the tree may move while the benchmark runs.
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && [ -n "$(git status --porcelain -- src include Makefile 2>/dev/null)" ]; then
  COMMIT="$COMMIT with uncommitted changes to src/"
fi

say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 2; }
# 100000 -> 100,000
grouped() { awk -v x="$1" 'BEGIN {s = x ""; while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s}'; }
# a > b (decimals)
greater() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a > b)}'; }

case "$ROWS$IMPORT_ROWS$HLEDGER_ROWS$RUNS$PEER_RUNS$IMPORT_RUNS" in
  *[!0-9]*) die "BENCH_ROWS, BENCH_IMPORT_ROWS, BENCH_HLEDGER_ROWS and the run counts are whole numbers" ;;
esac
[ -x "$PACTUM" ] || die "$PACTUM is missing; run: make"
for tool in hyperfine jq awk timeout ${CC:-cc}; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing; run: make deps (scripts/deps.sh)"
done
TIME=""
[ -x /usr/bin/time ] && /usr/bin/time -f '%M' true >/dev/null 2>&1 && TIME=/usr/bin/time

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "-")
mkdir -p "$DIR"
RESULTS=$DIR/settle-results.txt   # one line per measurement: key median min max mean cpu runs kb file rows
NOTES=$DIR/settle-notes.txt       # lines for the report's notes
CHECKS=$DIR/settle-checks.txt     # peer file status detail
: >"$RESULTS"
: >"$NOTES"
: >"$CHECKS"
note() { printf -- '- %s\n' "$*" >>"$NOTES"; }
MISMATCH=0   # a peer disagreed with pactum
NOT_RUN=""   # what could not run

# ---- apt-get, for the peers' Debian packages (the project runs as root; sudo otherwise)
APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  ai_sudo=""
  [ "$(id -u)" -eq 0 ] || ai_sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = 0 ]; then
    $ai_sudo apt-get update -qq >&2 || return 1
    APT_UPDATED=1
  fi
  say "installing Debian packages: $*"
  $ai_sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}

# ---- the programs of the benchmark: rebuilt when their source changes
build_tool() {
  bt_name=$1 bt_src=$2
  bt_sum=$(cksum <"$bt_src" | cut -d' ' -f1)
  if [ ! -x "$DIR/$bt_name" ] || [ "$(cat "$DIR/$bt_name.sum" 2>/dev/null)" != "$bt_sum" ]; then
    say "building $DIR/$bt_name"
    ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -o "$DIR/$bt_name" "$bt_src" ||
      die "cannot build $DIR/$bt_name"
    echo "$bt_sum" >"$DIR/$bt_name.sum"
  fi
}
# pactum itself, copied: a rebuild while the benchmark runs changes nothing measured
cp "$PACTUM" "$DIR/pactum.tmp" && mv "$DIR/pactum.tmp" "$DIR/pactum" || die "cannot copy $PACTUM"
PACTUM=$DIR/pactum

build_tool gen_events bench/gen_events.c
build_tool read_file bench/read_file.c
GEN_SUM=$(cat "$DIR/gen_events.sum")

# ---- the event files: made once per seed, size and generator
# make_events ROWS: build/bench/events-ROWS.csv, and events-ROWS.journal for the hledger subset
make_events() {
  me_n=$1 me_journal=""
  [ -n "$HL" ] && [ "$me_n" = "$HLEDGER_ROWS" ] && me_journal=journal
  me_csv=$DIR/events-$me_n.csv
  me_stamp="seed=$SEED rows=$me_n generator=$GEN_SUM"
  me_have=$(cat "$me_csv.stamp" 2>/dev/null || true)
  if [ -f "$me_csv" ] && { [ "$me_have" = "$me_stamp journal" ] ||
                         { [ -z "$me_journal" ] && [ "$me_have" = "$me_stamp" ]; }; }; then
    say "$me_csv: up to date"
    return 0
  fi
  say "generating $me_csv ($(grouped "$me_n") events, seed $SEED${me_journal:+, with its hledger journal})"
  rm -f "$me_csv.stamp"
  if [ -n "$me_journal" ]; then
    "$DIR/gen_events" "$SEED" "$me_n" "$me_csv.tmp" "$DIR/events-$me_n.journal" || die "gen_events failed for $me_n rows"
  else
    "$DIR/gen_events" "$SEED" "$me_n" "$me_csv.tmp" || die "gen_events failed for $me_n rows"
  fi
  mv "$me_csv.tmp" "$me_csv"
  printf '%s\n' "$me_stamp${me_journal:+ journal}" >"$me_csv.stamp"
}
case " $PEERS " in *" hledger "*) HL=1 ;; *) HL="" ;; esac
make_events "$ROWS"
BIG=$DIR/events-$ROWS.csv
SMALL=""
if [ "$SKIP_IMPORT" = 0 ] || [ -n "$PEERS" ]; then
  [ "$IMPORT_ROWS" = "$ROWS" ] || make_events "$IMPORT_ROWS"
  SMALL=$DIR/events-$IMPORT_ROWS.csv
fi
if [ -n "$HL" ] && [ "$HLEDGER_ROWS" != "$ROWS" ] && [ "$HLEDGER_ROWS" != "$IMPORT_ROWS" ]; then
  make_events "$HLEDGER_ROWS"
fi
rows_of() { basename "$1" .csv | sed 's/^events-//'; }
bytes_of() { wc -c <"$1" | tr -d ' '; }

# ---- one run under /usr/bin/time: "seconds peak_kb status" into $DIR/NAME.probe
# probe NAME OUT -- command...   (standard error into $DIR/NAME.err)
probe() {
  pb_name=$1 pb_out=$2
  shift 3
  pb_status=0
  if [ -n "$TIME" ]; then
    "$TIME" -f 'BENCH-TIME %e %M' -o "$DIR/$pb_name.time" timeout "$TIMEOUT" "$@" \
      >"$pb_out" 2>"$DIR/$pb_name.err" || pb_status=$?
    awk -v s="$pb_status" '/^BENCH-TIME/ {t = $2; m = $3} END {print (t == "" ? "-" : t), (m == "" ? "-" : m), s}' \
      "$DIR/$pb_name.time" >"$DIR/$pb_name.probe" 2>/dev/null || echo "- - $pb_status" >"$DIR/$pb_name.probe"
    rm -f "$DIR/$pb_name.time"
  else
    pb_t0=$(date +%s.%N)
    timeout "$TIMEOUT" "$@" >"$pb_out" 2>"$DIR/$pb_name.err" || pb_status=$?
    pb_t1=$(date +%s.%N)
    awk -v a="$pb_t0" -v b="$pb_t1" -v s="$pb_status" 'BEGIN {printf "%.3f - %d\n", b - a, s}' >"$DIR/$pb_name.probe"
  fi
  read -r PROBE_SEC PROBE_KB PROBE_STATUS <"$DIR/$pb_name.probe"
}

# ---- hyperfine: appends "key median min max mean cpu runs kb file rows" to $RESULTS
# timed KEY FILE KB WARMUP RUNS [hyperfine options --] COMMAND
timed() {
  tm_key=$1 tm_file=$2 tm_kb=$3 tm_warmup=$4 tm_runs=$5
  shift 5
  tm_opts=""
  if [ "$1" = "-N" ]; then tm_opts="-N"; shift; fi
  say "$tm_key: hyperfine --warmup $tm_warmup --runs $tm_runs"
  if [ "${1:-}" = "--prepare" ]; then
    hyperfine $tm_opts --style basic --warmup "$tm_warmup" --runs "$tm_runs" --export-json "$DIR/$tm_key.hyperfine.json" \
      --command-name "$tm_key" --output null --prepare "$2" "$3" >&2 || die "hyperfine failed for $tm_key"
  else
    hyperfine $tm_opts --style basic --warmup "$tm_warmup" --runs "$tm_runs" --export-json "$DIR/$tm_key.hyperfine.json" \
      --command-name "$tm_key" --output null "$1" >&2 || die "hyperfine failed for $tm_key"
  fi
  jq -r --arg key "$tm_key" --arg runs "$tm_runs" --arg kb "$tm_kb" --arg file "$tm_file" --arg rows "$(rows_of "$tm_file")" \
    '.results[0] | "\($key) \(.median) \(.min) \(.max) \(.mean) \(.user + .system) \($runs) \($kb) \($file) \($rows)"' \
    "$DIR/$tm_key.hyperfine.json" >>"$RESULTS"
}
median_of() { awk -v k="$1" '$1 == k {print $2}' "$RESULTS"; }
has_result() { [ -n "$(median_of "$1")" ]; }

# pactum's obligations and totals as the peers print them (amounts in cents), sorted
NORM='def cents: tostring | sub("\\."; "") | sub("^(?<s>-?)0*(?<d>[0-9]+)$"; "\(.s)\(.d)");
(.obligations[] | ["O", .clause, .version, .period, .first, .last, (.base|cents),
                   (.amount_before_cap|cents), (.amount|cents)]),
(.totals[] | ["T", .payer, .payee, (.amount|cents), (.amount_without_cap|cents)]) | @tsv'

# ---- pactum settle on one file (once per file): probe, check, time. Sets nothing; results
# under the key pactum-ROWS, its obligations in $DIR/pactum-ROWS.tsv
pactum_settle() {
  ps_file=$1
  ps_n=$(rows_of "$ps_file")
  has_result "pactum-$ps_n" && return 0
  say "pactum settle on $ps_file: one run (validity, peak memory)"
  probe "pactum-$ps_n" "$DIR/pactum-$ps_n.json" -- "$PACTUM" settle --agreement "$AGREEMENT" --events "$ps_file" --json
  if [ "$PROBE_STATUS" -ne 0 ]; then
    head -n 20 "$DIR/pactum-$ps_n.err" >&2
    die "pactum settle failed on $ps_file (exit status $PROBE_STATUS); a generated file must settle cleanly"
  fi
  jq -r "$NORM" "$DIR/pactum-$ps_n.json" >"$DIR/pactum-$ps_n.tsv.tmp" || die "cannot read pactum's --json output"
  sort "$DIR/pactum-$ps_n.tsv.tmp" >"$DIR/pactum-$ps_n.tsv"
  rm -f "$DIR/pactum-$ps_n.tsv.tmp"
  ps_w=1 ps_r=$RUNS
  greater "$PROBE_SEC" 0.5 || { ps_w=3; [ "$ps_r" -ge 20 ] || ps_r=20; }
  timed "pactum-$ps_n" "$ps_file" "$PROBE_KB" "$ps_w" "$ps_r" -N \
    "$PACTUM settle --agreement $AGREEMENT --events $ps_file --json"
}

# check NAME FILE OUTPUT: a peer's output against pactum's on the same file
check_peer() {
  cp_name=$1 cp_file=$2 cp_out=$3
  cp_n=$(rows_of "$cp_file")
  sort "$cp_out" >"$cp_out.sorted"
  if cmp -s "$cp_out.sorted" "$DIR/pactum-$cp_n.tsv"; then
    cp_o=$(grep -c '^O' "$cp_out.sorted" || true)
    echo "$cp_name $cp_n agree $cp_o" >>"$CHECKS"
    say "$cp_name agrees with pactum on $cp_file: $cp_o obligations and the totals, to the cent"
    return 0
  fi
  MISMATCH=1
  echo "$cp_name $cp_n DISAGREE" >>"$CHECKS"
  say "$cp_name DISAGREES with pactum on $cp_file:"
  diff "$DIR/pactum-$cp_n.tsv" "$cp_out.sorted" | head -n 20 >&2 || true
  note "**$cp_name disagrees with pactum** on events-$cp_n.csv (\`diff\` of pactum's obligations and totals, in cents, \`<\` pactum, \`>\` $cp_name; first lines):"
  { echo; echo '  ```'; diff "$DIR/pactum-$cp_n.tsv" "$cp_out.sorted" | head -n 12 | sed 's/^/  /'; echo '  ```'; } >>"$NOTES" || true
  return 1
}

# ---- 1. pactum settle, and merely reading the file
pactum_settle "$BIG"
CAP_PERIOD=$(jq -r '[.obligations[] | select(.cap_binds)][0].period // "not reached"' "$DIR/pactum-$ROWS.json")
say "reading $BIG: read_file and wc -l"
probe read-file "$DIR/read-file.out" -- "$DIR/read_file" "$BIG"
[ "$PROBE_STATUS" -eq 0 ] || die "read_file failed"
lines=$(cat "$DIR/read-file.out")
[ "$lines" = "$(wc -l <"$BIG" | tr -d ' ')" ] || die "read_file counts $lines lines, wc -l does not agree"
[ "$lines" = $((ROWS + 1)) ] || die "$BIG has $lines lines, not $ROWS events and a header"
timed read-file "$BIG" "$PROBE_KB" 2 "$RUNS" -N "$DIR/read_file $BIG"
probe wc-l "$DIR/wc-l.out" -- wc -l "$BIG"
timed wc-l "$BIG" "$PROBE_KB" 2 "$RUNS" -N "wc -l $BIG"

# ---- 1b. the same events with ids in no order: every id fingerprinted (docs/settle.md), the
# obligations the same
UNORDERED=$DIR/events-$ROWS-unordered.csv
if [ ! -f "$UNORDERED" ] || [ "$(cat "$UNORDERED.stamp" 2>/dev/null)" != "$(cat "$BIG.stamp")" ]; then
  say "writing $UNORDERED: the same rows, each id replaced by a distinct one in no order"
  # Row n gets x%08x of n * 2654435761 mod 2^32: distinct (the factor is odd), and scattered.
  awk -F, 'BEGIN {OFS = ","} NR == 1 {print; next} {$1 = sprintf("x%08x", (NR * 2654435761) % 4294967296); print}' \
    "$BIG" >"$UNORDERED.tmp" || die "cannot write $UNORDERED"
  mv "$UNORDERED.tmp" "$UNORDERED"
  cp "$BIG.stamp" "$UNORDERED.stamp"
fi
say "pactum settle on $UNORDERED: one run (the same obligations, peak memory)"
probe pactum-unordered "$DIR/pactum-unordered.json" -- "$PACTUM" settle --agreement "$AGREEMENT" --events "$UNORDERED" --json
[ "$PROBE_STATUS" -eq 0 ] || die "pactum settle failed on $UNORDERED (exit status $PROBE_STATUS)"
jq -r "$NORM" "$DIR/pactum-unordered.json" | sort >"$DIR/pactum-unordered.tsv"
cmp -s "$DIR/pactum-unordered.tsv" "$DIR/pactum-$ROWS.tsv" ||
  die "pactum settles $UNORDERED differently from $BIG: only the ids differ"
timed pactum-unordered "$BIG" "$PROBE_KB" 1 "$RUNS" -N "$PACTUM settle --agreement $AGREEMENT --events $UNORDERED --json"

# ---- 2. the peers
# run_peer NAME FILE -- command (with @FILE@ for the events file)
peer_cmd() { printf '%s\n' "$1" | sed "s|@FILE@|$2|g"; }
run_peer() {
  rp_peer=$1 rp_cmd=$2
  rp_file=$BIG
  if [ -n "$SMALL" ] && [ "$SMALL" != "$BIG" ]; then
    # First on the smaller file: a check, and an estimate of a run on the big one.
    pactum_settle "$SMALL"
    rp_n=$(rows_of "$SMALL")
    say "$rp_peer on $SMALL: one run (check, estimate)"
    probe "$rp_peer-$rp_n" "$DIR/$rp_peer-$rp_n.out" -- sh -c "$(peer_cmd "$rp_cmd" "$SMALL")"
    if [ "$PROBE_STATUS" -ne 0 ]; then
      head -n 20 "$DIR/$rp_peer-$rp_n.err" >&2
      say "$rp_peer failed on $SMALL (exit status $PROBE_STATUS)"
      NOT_RUN="$NOT_RUN $rp_peer"
      note "$rp_peer could not run (exit status $PROBE_STATUS on events-$rp_n.csv): $(head -n 1 "$DIR/$rp_peer-$rp_n.err")"
      return 0
    fi
    check_peer "$rp_peer" "$SMALL" "$DIR/$rp_peer-$rp_n.out" || true
    rp_estimate=$(awk -v t="$PROBE_SEC" -v a="$ROWS" -v b="$rp_n" 'BEGIN {printf "%.1f", t * a / b}')
    if greater "$rp_estimate" "$PEER_MAX"; then
      rp_file=$SMALL
      note "$rp_peer took $PROBE_SEC s on $(grouped "$rp_n") events, so about $rp_estimate s on $(grouped "$ROWS"): more than BENCH_PEER_MAX_SECONDS ($PEER_MAX s). It is timed on the $(grouped "$rp_n")-event file and compared with pactum on that same file (per-row throughput)."
    fi
  fi
  rp_n=$(rows_of "$rp_file")
  if [ "$rp_file" = "$BIG" ]; then
    say "$rp_peer on $BIG: one run (check, peak memory)"
    probe "$rp_peer-$rp_n" "$DIR/$rp_peer-$rp_n.out" -- sh -c "$(peer_cmd "$rp_cmd" "$BIG")"
    if [ "$PROBE_STATUS" -ne 0 ]; then
      head -n 20 "$DIR/$rp_peer-$rp_n.err" >&2
      say "$rp_peer failed on $BIG (exit status $PROBE_STATUS)"
      NOT_RUN="$NOT_RUN $rp_peer"
      note "$rp_peer could not run on events-$rp_n.csv (exit status $PROBE_STATUS): $(head -n 1 "$DIR/$rp_peer-$rp_n.err")"
      return 0
    fi
    check_peer "$rp_peer" "$BIG" "$DIR/$rp_peer-$rp_n.out" || true
    if greater "$PROBE_SEC" "$PEER_MAX" && [ -n "$SMALL" ] && [ "$SMALL" != "$BIG" ]; then
      note "$rp_peer took $PROBE_SEC s on $(grouped "$ROWS") events, more than BENCH_PEER_MAX_SECONDS ($PEER_MAX s); it is timed on the $(grouped "$IMPORT_ROWS")-event file and compared with pactum on that same file (per-row throughput)."
      rp_file=$SMALL
      rp_n=$(rows_of "$rp_file")
      read -r PROBE_SEC PROBE_KB PROBE_STATUS <"$DIR/$rp_peer-$rp_n.probe"
    fi
  fi
  timed "$rp_peer" "$rp_file" "$PROBE_KB" 0 "$PEER_RUNS" -N "sh -c '$(peer_cmd "$rp_cmd" "$rp_file")'"
}

for peer in $PEERS; do
  case $peer in
  duckdb)
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
      apt_install nodejs npm || true
    fi
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
      NOT_RUN="$NOT_RUN duckdb"; note "DuckDB could not run: Node.js or npm is missing and could not be installed."
      continue
    fi
    installed=$(jq -r .version "$NODE_DIR/node_modules/@duckdb/node-api/package.json" 2>/dev/null || true)
    if [ "$installed" != "$DUCKDB_PACKAGE" ]; then
      say "npm install --prefix $NODE_DIR @duckdb/node-api@$DUCKDB_PACKAGE"
      mkdir -p "$NODE_DIR"
      cp bench/package.json "$NODE_DIR/package.json"
      npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error >&2 || true
    fi
    if ! node -e "require('$(pwd)/$NODE_DIR/node_modules/@duckdb/node-api')" 2>/dev/null; then
      NOT_RUN="$NOT_RUN duckdb"; note "DuckDB could not run: npm could not install @duckdb/node-api@$DUCKDB_PACKAGE into $NODE_DIR."
      continue
    fi
    DUCKDB_VERSION=$(cd "$NODE_DIR" && node -e "
      const {DuckDBInstance} = require('@duckdb/node-api');
      DuckDBInstance.create(':memory:').then(i => i.connect()).then(c => c.runAndReadAll('SELECT version()'))
        .then(r => console.log(r.getRows()[0][0]));" 2>/dev/null || echo unknown)
    run_peer duckdb "node bench/duckdb_settle.mjs $NODE_DIR $TERMS @FILE@"
    ;;
  sqlite)
    command -v sqlite3 >/dev/null 2>&1 || apt_install sqlite3 || true
    if ! command -v sqlite3 >/dev/null 2>&1; then
      NOT_RUN="$NOT_RUN sqlite"; note "sqlite3 could not run: the sqlite3 shell is missing."
      continue
    fi
    run_peer sqlite "sqlite3 -bail :memory: \".import --csv @FILE@ ev\" \".import --csv $TERMS terms\" \".read bench/sqlite_settle.sql\""
    ;;
  hledger)
    command -v hledger >/dev/null 2>&1 || apt_install hledger || true
    if ! command -v hledger >/dev/null 2>&1; then
      NOT_RUN="$NOT_RUN hledger"; note "hledger could not run: it is missing and could not be installed."
      continue
    fi
    HFILE=$DIR/events-$HLEDGER_ROWS.csv
    pactum_settle "$HFILE"
    say "hledger on $DIR/events-$HLEDGER_ROWS.journal: one run (check, peak memory)"
    hcmd="hledger -f $DIR/events-$HLEDGER_ROWS.journal bal revenue -D -O csv -o $DIR/hledger-daily.csv && awk -f bench/hledger_settle.awk $TERMS $DIR/hledger-daily.csv"
    probe "hledger-$HLEDGER_ROWS" "$DIR/hledger-$HLEDGER_ROWS.out" -- sh -c "$hcmd"
    if [ "$PROBE_STATUS" -ne 0 ]; then
      head -n 20 "$DIR/hledger-$HLEDGER_ROWS.err" >&2
      NOT_RUN="$NOT_RUN hledger"; note "hledger could not run (exit status $PROBE_STATUS): $(head -n 1 "$DIR/hledger-$HLEDGER_ROWS.err")"
      continue
    fi
    check_peer hledger "$HFILE" "$DIR/hledger-$HLEDGER_ROWS.out" || true
    timed hledger "$HFILE" "$PROBE_KB" 0 "$PEER_RUNS" -N "sh -c '$hcmd'"
    ;;
  *) die "unknown peer '$peer' in BENCH_PEERS (duckdb, sqlite, hledger)" ;;
  esac
done

# ---- 3. import into a fresh ledger, and sqlite3's .import into a fresh table
SQLITE_TABLE='CREATE TABLE events(id TEXT PRIMARY KEY, kind TEXT, date TEXT, "end" TEXT, party TEXT, stream TEXT, amount TEXT, currency TEXT, note TEXT)'
# import_once KEY FILE: one run of each, checked, with peak memory (sets I_* for the caller)
import_pactum() {
  ip_key=$1 ip_file=$2 ip_db=$DIR/$1.db
  rm -f "$ip_db" "$ip_db-wal" "$ip_db-shm"
  probe "$ip_key" "$DIR/$ip_key.out" -- sh -c "$PACTUM init --ledger $ip_db >/dev/null && $PACTUM import --ledger $ip_db $ip_file"
  [ "$PROBE_STATUS" -eq 0 ] || { head -n 20 "$DIR/$ip_key.err" >&2; die "pactum import failed on $ip_file"; }
  ip_count=$(sqlite3 "$ip_db" 'SELECT count(*) FROM events' 2>/dev/null || echo "?")
  [ "$ip_count" = "$(rows_of "$ip_file")" ] || die "the ledger holds $ip_count events after importing $ip_file"
  rm -f "$ip_db" "$ip_db-wal" "$ip_db-shm"
}
import_sqlite() {
  is_key=$1 is_file=$2 is_db=$DIR/$1.db
  rm -f "$is_db" "$is_db-wal" "$is_db-shm"
  probe "$is_key" "$DIR/$is_key.out" -- sqlite3 -bail "$is_db" "PRAGMA journal_mode=WAL" "PRAGMA synchronous=FULL" \
    "$SQLITE_TABLE" ".import --csv --skip 1 $is_file events"
  [ "$PROBE_STATUS" -eq 0 ] || { head -n 20 "$DIR/$is_key.err" >&2; die "sqlite3 .import failed on $is_file"; }
  is_count=$(sqlite3 "$is_db" 'SELECT count(*) FROM events' 2>/dev/null || echo "?")
  [ "$is_count" = "$(rows_of "$is_file")" ] || die "sqlite3 holds $is_count rows after importing $is_file"
  rm -f "$is_db" "$is_db-wal" "$is_db-shm"
}
if [ "$SKIP_IMPORT" = 0 ]; then
  command -v sqlite3 >/dev/null 2>&1 || apt_install sqlite3 || true
  command -v sqlite3 >/dev/null 2>&1 || die "the import benchmark needs the sqlite3 shell; run: make deps"
  say "import of $SMALL: one run each (check, peak memory)"
  import_pactum import-pactum "$SMALL"
  kb_p=$PROBE_KB
  import_sqlite import-sqlite "$SMALL"
  kb_s=$PROBE_KB
  db=$DIR/import-pactum.db
  timed import-pactum "$SMALL" "$kb_p" 0 "$IMPORT_RUNS" --prepare "rm -f $db $db-wal $db-shm" \
    "$PACTUM init --ledger $db >/dev/null && $PACTUM import --ledger $db $SMALL"
  db=$DIR/import-sqlite.db
  timed import-sqlite "$SMALL" "$kb_s" 0 "$IMPORT_RUNS" --prepare "rm -f $db $db-wal $db-shm" \
    "sqlite3 -bail $db 'PRAGMA journal_mode=WAL' 'PRAGMA synchronous=FULL' '$SQLITE_TABLE' '.import --csv --skip 1 $SMALL events'"
  rm -f "$DIR"/import-pactum.db* "$DIR"/import-sqlite.db*
  if [ "$BIG_IMPORT" = 1 ] && [ "$BIG" != "$SMALL" ]; then
    say "import of $BIG: once each"
    import_pactum big-import-pactum "$BIG"
    echo "big-import-pactum $PROBE_SEC - - - - 1 $PROBE_KB $BIG $ROWS" >>"$RESULTS"
    import_sqlite big-import-sqlite "$BIG"
    echo "big-import-sqlite $PROBE_SEC - - - - 1 $PROBE_KB $BIG $ROWS" >>"$RESULTS"
  fi
fi

# ---- the report
MEM_KB=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
MACHINE_ARCH=$(uname -m)
MACHINE_KERNEL="$(uname -s) $(uname -r)"
MACHINE_CPUS=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
MACHINE_CPU=$(awk -F': *' '/^(model name|Model|cpu model|Hardware)[ \t]*:/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)
[ -n "$MACHINE_CPU" ] || MACHINE_CPU=$(lscpu 2>/dev/null | awk -F': *' '/^Model name/ {print $2; exit}')
[ -n "$MACHINE_CPU" ] || MACHINE_CPU="unknown CPU"
MACHINE_MEM=$(awk -v m="$MEM_KB" 'BEGIN {printf "%.1f GiB", m / 1048576}')
NOW=$(date -u '+%Y-%m-%d %H:%M UTC')
CC_VERSION=$(${CC:-cc} --version 2>/dev/null | head -n 1)
TOOLS="hyperfine $(hyperfine --version | awk '{print $2}')"
case " $PEERS " in *" duckdb "*) command -v node >/dev/null 2>&1 &&
  TOOLS="$TOOLS; Node.js $(node --version) with DuckDB ${DUCKDB_VERSION:-unknown} (@duckdb/node-api $DUCKDB_PACKAGE)" ;; esac
command -v sqlite3 >/dev/null 2>&1 && TOOLS="$TOOLS; sqlite3 $(sqlite3 --version | awk '{print $1}')"
case " $PEERS " in *" hledger "*) command -v hledger >/dev/null 2>&1 &&
  TOOLS="$TOOLS; $(hledger --version | awk '{print $1, $2}' | tr -d ,), $(awk -W version 2>/dev/null | head -n 1 | awk '{print $1, $2}')" ;; esac
[ -n "$TIME" ] || note "Peak RSS not measured: /usr/bin/time (GNU time) is missing."

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "-")
if awk -v l="${LOAD_START%% *}" 'BEGIN {exit !(l + 0 > 0.5)}'; then
  note "The machine was not idle: load average $LOAD_START when the benchmark began (and $LOAD_END at its end), so other processes shared its $MACHINE_CPUS CPUs. Every program measured here competed alike, but rerun on an idle machine for figures to keep."
fi

# pactum's peak memory, when it follows the size of the file
big_kb=$(awk -v k="pactum-$ROWS" '$1 == k {print $8}' "$RESULTS")
case $big_kb in
  '' | -) ;;
  *) if [ "$big_kb" -ge 65536 ] && [ "$big_kb" -ge $(( $(bytes_of "$BIG") / 1024 * 8 / 10 )) ]; then
       note "pactum settle's peak RSS ($((big_kb / 1024)) MiB) follows the size of the file ($(( $(bytes_of "$BIG") / 1048576 )) MiB): a regular file is mapped and read in place (docs/events.md), and the mapped pages it has read count as resident (they are the page cache's, reclaimable, but RSS counts them). Unmapping (or MADV_DONTNEED on) the part already read, or reading in blocks, would bound it."
     fi ;;
esac

# Notes that hold for every run, after those of this run.
FIXED_NOTES=$DIR/settle-fixed-notes.md
cat >"$FIXED_NOTES" <<'EOF'
How the peers work (the fairness of the comparison):

- Every peer computes what `pactum settle --json` does and prints it in the same shape: each wording's base per quarter (the 2019 terms from 2019-07-22, a new wording from each amendment date, openai-pays-microsoft to 2030-12-31, microsoft-pays-openai until its removal on 2026-04-27), `rate x base` rounded half-even in integers, the cap of the 2026 terms applied period after period, and the totals per payer and payee. The clause terms come from `bench/settle_terms.csv`, read off the `.pact` files by hand (pactum reads and checks the agreement itself on every run); profit-participation is there at its first tier (75%), exact while Microsoft has been paid less than USD 13 billion under it, which with no profit events it never is. No peer handles milestones (there are none in the files).
- DuckDB: `read_csv` with the column types given (no sniffing), amounts as `DECIMAL(18,2)` then BIGINT cents, sums in HUGEINT; single-day events summed per party, stream and day, monthly invoices split by arithmetic per event; the node process, DuckDB's start and the instance included. It uses both cores; pactum uses one.
- sqlite3: an in-memory database (its fastest case), `.import --csv` into a table of TEXT columns as the shell makes it, then SQL in integers: cents by dropping the decimal point (the files always have two decimals), days as `unixepoch / 86400`.
- hledger: the journal is written by the generator (not timed) with each monthly invoice already split over its days (hledger has no such split); hledger reads it and reports every revenue account per day (`-D`, not `-Q`: the wordings change within quarters and hledger's intervals are regular; `-Q` measured no faster); awk adds the days into the clause periods. It runs on the smaller subset only.
- Repeated events: pactum settles a file as a ledger would take it, counting an event given twice once (docs/settle.md). The generated ids rise row after row (`ev00000001`, ...), so pactum reads them without fingerprints; `events-N-unordered.csv` holds the same rows with ids in no order (`x3c6ef362`, ...), each fingerprinted, which is what finding repeats costs in time and memory. The peers do not look for repeats.
- Reading the file: read_file and `wc -l` only count lines; pactum also parses and validates every field (dates, amounts, UTF-8, quoting) and settles.
EOF

SECTION=$DIR/settle-section.md
awk -v rows="$ROWS" -v seed="$SEED" -v arch="$MACHINE_ARCH" -v cpus="$MACHINE_CPUS" -v cpu="$MACHINE_CPU" \
    -v mem="$MACHINE_MEM" -v kernel="$MACHINE_KERNEL" -v now="$NOW" -v commit="$COMMIT" -v ccv="$CC_VERSION" \
    -v tools="$TOOLS" -v begin="$BEGIN" -v end="$END" -v notes="$NOTES" -v checks="$CHECKS" \
    -v peers="$PEERS" -v not_run="$NOT_RUN" -v mismatch="$MISMATCH" -v skip_import="$SKIP_IMPORT" \
    -v import_rows="$IMPORT_ROWS" -v hledger_rows="$HLEDGER_ROWS" -v peer_max="$PEER_MAX" \
    -v runs="$RUNS" -v peer_runs="$PEER_RUNS" -v import_runs="$IMPORT_RUNS" \
    -v big_bytes="$(bytes_of "$BIG")" -v cap_period="$CAP_PERIOD" -v fixed_notes="$FIXED_NOTES" -v load="$LOAD_START" -v verdict="$DIR/settle-verdict.txt" '
function group(x,   s, neg) {
  s = sprintf("%.0f", x); neg = ""
  if (s ~ /^-/) { neg = "-"; s = substr(s, 2) }
  while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
  return neg s
}
function secs(t) { return t == "" || t == "-" ? "-" : t < 0.01 ? sprintf("%.2f ms", t * 1000) : t < 1 ? sprintf("%.0f ms", t * 1000) : t < 10 ? sprintf("%.2f s", t) : sprintf("%.1f s", t) }
function size(b) { return b < 1048576 ? sprintf("%.0f KiB", b / 1024) : sprintf("%.0f MiB", b / 1048576) }
function rss(kb) { return kb == "-" || kb == "" ? "-" : kb < 1048576 ? sprintf("%.1f MiB", kb / 1024) : sprintf("%.2f GiB", kb / 1048576) }
function rate(n, t) { return t > 0 ? (n / t >= 1e6 ? sprintf("%.1f M", n / t / 1e6) : sprintf("%.0f k", n / t / 1e3)) : "-" }
function ratio(x) { return x >= 10 ? sprintf("%.0f", x) : sprintf("%.1f", x) }
function row(key, what, how,   k) {
  if (!(key in med)) return
  printf "| %s | `%s` | %s | %s | %s | %s | %s | %s | %s/s | %s |\n", what, how, group(file_rows[key]), nruns[key], \
    secs(med[key]), secs(lo[key]), secs(hi[key]), secs(cpu_s[key]), rate(file_rows[key], med[key]), rss(kb[key])
}
function verdict_line(label, measured, ok) {
  printf "| %s | %s | %s |\n", label, measured, ok ? "PASS" : "FAIL"
  if (!ok) fail++
}
BEGIN {
  while ((getline line < ARGV[1]) > 0) {
    split(line, f, " ")
    k = f[1]; med[k] = f[2]; lo[k] = f[3]; hi[k] = f[4]; cpu_s[k] = f[6]; nruns[k] = f[7]; kb[k] = f[8]
    file[k] = f[9]; file_rows[k] = f[10]
  }
  while ((getline line < checks) > 0) { split(line, f, " "); agree[f[1]] = f[3]; agree_rows[f[1]] = agree_rows[f[1]] (agree_rows[f[1]] == "" ? "" : ", ") group(f[2]) (f[3] == "agree" ? " (" f[4] " obligations)" : " DISAGREE") }
  ARGV[1] = ""
  big = "pactum-" rows
  print begin
  print "## pactum settle and import (issue: settlement and import benchmark)"
  print ""
  print "Written by `bench/settle.sh` (`make bench`); rerun it rather than editing this section."
  print ""
  printf "- Machine: %s, %s CPUs, %s, %s memory, %s; load average %s at the start\n", arch, cpus, cpu, mem, kernel, load
  printf "- Date: %s; pactum %s (build/pactum, copied to build/bench/pactum when the benchmark began); %s, `-O2`\n", now, commit, ccv
  printf "- Tools: %s\n", tools
  printf "- Input: `bench/gen_events %s N`: N revenue events spread evenly over 2019-01-01..2032-12-31 in date order, with the columns `id,kind,date,end,party,stream,amount,currency,note`; daily usage revenue of `openai` (chatgpt, chatgpt-enterprise, api, licensing, sora, devices: all in openai-pays-microsoft'"'"'s base) and `microsoft` (azure-openai and bing, which microsoft-pays-openai takes; azure, m365-copilot, github-copilot and rows with no stream, which no clause takes), each stream from its launch day; 1%% monthly invoices spanning a month (5%% of them negative credit notes), 0.3%% negative refunds, 0.1%% quoted notes with a comma. Revenue grows so that every version'"'"'s wording, the dates that split quarters (2019-07-22 when the 2019 terms begin, then 2025-01-21, 2025-10-28 and 2026-04-27), the USD 38 billion cap (here reached in %s) and the 2030-12-31 sunset all change the figures; no profit or milestone events (profit-participation settles to zero).\n", seed, cap_period
  printf "- Timing: hyperfine medians (`-N`, %s runs after a warm-up for pactum and the readers; %s runs after the checked run for each peer; %s runs for each import, each into a fresh database made by `--prepare`). CPU is user + system time (a mean): above the median when a program uses both cores. The files sit in the page cache, so this measures computing, not the disk. Peak RSS is from one separate run under `/usr/bin/time -f %%M` (for a pipeline, its largest process).\n", runs, peer_runs, import_runs
  print ""
  printf "### Settlement of %s events (%s)\n", group(rows), size(big_bytes)
  print ""
  print "| program | command | events | runs | median | min | max | CPU | events/s | peak RSS |"
  print "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
  F = "events-" rows ".csv"
  row("read-file", "read(2) in 1 MiB blocks, count newlines", "build/bench/read_file " F)
  row("wc-l", "wc -l", "wc -l " F)
  row(big, "**pactum settle**", "build/pactum settle --agreement agreements/microsoft-openai --events " F " --json")
  row("pactum-unordered", "pactum settle, ids in no order", "... --events events-" rows "-unordered.csv --json")
  if (import_rows != rows) row("pactum-" import_rows, "pactum settle", "... --events events-" import_rows ".csv --json")
  row("duckdb", "DuckDB (2 threads)", "node bench/duckdb_settle.mjs ... " substr(file["duckdb"], index(file["duckdb"], "events-")))
  row("sqlite", "sqlite3 shell, in memory", "sqlite3 :memory: .import --csv ... .read bench/sqlite_settle.sql (" substr(file["sqlite"], index(file["sqlite"], "events-")) ")")
  if (hledger_rows != import_rows && hledger_rows != rows) row("pactum-" hledger_rows, "pactum settle", "... --events events-" hledger_rows ".csv --json")
  row("hledger", "hledger + awk", "hledger -f events-" hledger_rows ".journal bal revenue -D -O csv -o D.csv && awk -f bench/hledger_settle.awk ... D.csv")
  print ""
  if (skip_import == 0 && ("import-pactum" in med)) {
    printf "### Import of %s events into a fresh database\n", group(import_rows)
    print ""
    print "| program | command | events | runs | median | min | max | CPU | events/s | peak RSS |"
    print "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
    row("import-pactum", "**pactum init + import**", "pactum init --ledger L && pactum import --ledger L events-" import_rows ".csv")
    row("import-sqlite", "sqlite3 CREATE TABLE + .import", "sqlite3 DB (WAL, synchronous=FULL) CREATE TABLE events(id TEXT PRIMARY KEY, ...); .import --csv --skip 1 events-" import_rows ".csv events")
    if ("big-import-pactum" in med) {
      printf "| pactum init + import, once | `... events-%s.csv` | %s | 1 | %s | - | - | - | %s/s | %s |\n", rows, group(rows), secs(med["big-import-pactum"]), rate(rows, med["big-import-pactum"]), rss(kb["big-import-pactum"])
      printf "| sqlite3 CREATE TABLE + .import, once | `... events-%s.csv` | %s | 1 | %s | - | - | - | %s/s | %s |\n", rows, group(rows), secs(med["big-import-sqlite"]), rate(rows, med["big-import-sqlite"]), rss(kb["big-import-sqlite"])
    }
    print ""
    print "Both databases are WAL with synchronous=FULL, one transaction for the file, the same unique key on `id` (a normal rowid table with `id TEXT PRIMARY KEY`, so an automatic unique index). pactum validates every row first, stores typed columns (integer minor units, the source line, the import) and checkpoints after the commit; sqlite3 stores the CSV text as it is."
    print ""
  }
  print "### Targets"
  print ""
  print "| target | measured | result |"
  print "|---|--:|:-:|"
  fail = 0
  if (big in med) {
    if (kb[big] != "-") verdict_line("pactum settle of " group(rows) " events peaks under 64 MiB", rss(kb[big]), kb[big] < 65536)
    else print "| pactum settle of " group(rows) " events peaks under 64 MiB | not measured | - |"
    if ("pactum-unordered" in med) {
      u = "pactum-unordered"
      if (kb[u] != "-") verdict_line("the same with ids in no order (each one fingerprinted) peaks under 128 MiB", rss(kb[u]), kb[u] < 131072)
      printf "| (for information) ids in no order / rising ids: the cost of finding repeats | %sx (%s / %s) | |\n", sprintf("%.2f", med[u] / med[big]), secs(med[u]), secs(med[big])
    }
    if ("read-file" in med) verdict_line("pactum settle within 5x of merely reading the file", ratio(med[big] / med["read-file"]) "x (" secs(med[big]) " / " secs(med["read-file"]) ")", med[big] <= 5 * med["read-file"])
  }
  n = split("duckdb 3 DuckDB sqlite 20 sqlite3 hledger 100 hledger", spec, " ")
  for (i = 1; i <= n; i += 3) {
    p = spec[i]; want = spec[i + 1]; name = spec[i + 2]
    if (index(" " peers " ", " " p " ") == 0) continue
    label = "pactum " (want == 3 ? "at least 3x" : "more than " want "x") " faster than " name
    if (!(p in med)) { printf "| %s | not run | - |\n", label; continue }
    mine = "pactum-" file_rows[p]
    if (!(mine in med)) { printf "| %s | no pactum run on the same file | - |\n", label; continue }
    x = med[p] / med[mine]
    on = file_rows[p] == rows ? "" : " on " group(file_rows[p]) " events"
    verdict_line(label, ratio(x) "x" on " (" secs(med[p]) " / " secs(med[mine]) ")", want == 3 ? x >= want : x > want)
  }
  if (peers != "") {
    m = ""
    nn = split(peers, list, " ")
    for (i = 1; i <= nn; i++) if (list[i] in agree_rows) m = m (m == "" ? "" : "; ") list[i] ": " agree_rows[list[i]]
    if (m == "") m = "no peer ran"
    if (m != "no peer ran") verdict_line("every peer'"'"'s obligations and totals equal pactum'"'"'s, to the cent", m, mismatch == 0)
    else print "| every peer'"'"'s obligations and totals equal pactum'"'"'s, to the cent | no peer ran | - |"
  }
  if (skip_import == 0 && ("import-pactum" in med) && ("import-sqlite" in med)) {
    x = med["import-sqlite"] / med["import-pactum"]
    verdict_line("pactum import of " group(import_rows) " events at least as fast as sqlite3 .import", ratio(x) "x (" secs(med["import-sqlite"]) " / " secs(med["import-pactum"]) ")", med["import-pactum"] <= med["import-sqlite"])
  }
  nl = 0
  while ((getline line < notes) > 0) { if (!nl++) { print ""; print "Notes:"; print "" } print line }
  print ""
  while ((getline line < fixed_notes) > 0) print line
  print ""
  print end
  print (fail ? "FAIL" : "PASS") > verdict
}' "$RESULTS" >"$SECTION"

write_section "$REPORT" "$SECTION" "$BEGIN" "$END"

say "wrote $REPORT:"
sed -n '/^### Settlement/,/^How the peers work/p' "$SECTION" | grep -v '^How the peers work' >&2
[ "$(cat "$DIR/settle-verdict.txt")" = PASS ] || exit 1
[ -z "$NOT_RUN" ] || exit 2
exit 0

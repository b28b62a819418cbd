#!/bin/sh
# bench/compare.sh -- the benchmark of `pactum compare`, run by `make bench` after
# bench/settle.sh, whose generated event file it uses (build/bench/events-N.csv, made by
# `bench/gen_events 42 N`).
#
# Target, on the file of 10 million revenue events for the reference agreement: `pactum compare`
# reads the events once for both sides, so it takes at most 1.3x the time of one `pactum settle`
# over the same file, measured side by side in one hyperfine run, for two comparisons:
#   --a 2025-10-28 --b actual   two different sides (the 2026 cap on one of them)
#   --a actual --b actual       the same terms twice
# and each side of each comparison equals what a separate `settle --terms SIDE --by year` says,
# every payer and payee in every year and in total, to the cent (PASS/FAIL rows).
#
# Exit status: 0 every target met, 1 a target missed or a side differs from its settle (the
# report is written all the same), 2 the benchmark could not run.
#
# Settings (environment): BENCH_SEED=42, BENCH_ROWS=10000000, BENCH_RUNS=10,
# BENCH_REPORT=BENCHMARKS.md
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh

PACTUM=build/pactum
AGREEMENT=agreements/microsoft-openai
DIR=build/bench
SEED=${BENCH_SEED:-42}
ROWS=${BENCH_ROWS:-10000000}
RUNS=${BENCH_RUNS:-10}
REPORT=${BENCH_REPORT:-BENCHMARKS.md}
BEGIN='<!-- bench:compare begin -->'
END='<!-- bench:compare end -->'
TARGET=1.3

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && [ -n "$(git status --porcelain -- src include Makefile 2>/dev/null)" ]; then
  COMMIT="$COMMIT with uncommitted changes to src/"
fi
say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 2; }
grouped() { awk -v x="$1" 'BEGIN {s = x ""; while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s}'; }
ms() { awk -v s="$1" 'BEGIN {if (s >= 1) printf "%.2f s", s; else printf "%.0f ms", s * 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

case "$ROWS$RUNS" in *[!0-9]*) die "BENCH_ROWS and BENCH_RUNS are whole numbers" ;; esac
[ -x "$PACTUM" ] || die "$PACTUM is missing; run: make"
for tool in hyperfine jq awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing; run: make deps (scripts/deps.sh)"
done
mkdir -p "$DIR"
# pactum itself, copied: a rebuild while the benchmark runs changes nothing measured
cp "$PACTUM" "$DIR/pactum-compare.tmp" && mv "$DIR/pactum-compare.tmp" "$DIR/pactum-compare" ||
  die "cannot copy $PACTUM"
PACTUM=$DIR/pactum-compare
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "-")

EVENTS=$DIR/events-$ROWS.csv
if [ ! -s "$EVENTS" ]; then
  if [ ! -x "$DIR/gen_events" ]; then
    say "building $DIR/gen_events"
    ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$DIR/gen_events" bench/gen_events.c ||
      die "cannot build $DIR/gen_events"
  fi
  say "generating $EVENTS ($(grouped "$ROWS") events, seed $SEED)"
  "$DIR/gen_events" "$SEED" "$ROWS" "$EVENTS.tmp" || die "gen_events failed"
  mv "$EVENTS.tmp" "$EVENTS"
fi

FAILED=0
CHECKS=""
check() { # WHAT OK(0/1)
  if [ "$2" = 0 ]; then CHECKS="$CHECKS
| $1 | PASS |"; else CHECKS="$CHECKS
| $1 | FAIL |"; FAILED=1; fi
}

# Each side of a comparison against its own settle --terms --by year: the rows that differ.
# A year settle does not list owes 0.00 there, as in tests/cli/test_compare.sh.
SAME='def cell($s; $r): [$s.years[] | select(.year == $r.year) | .pairs[]
        | select(.payer == $r.payer and .payee == $r.payee) | .amount][0] // "0.00";
      def total($s; $r): [$s.totals[] | select(.payer == $r.payer and .payee == $r.payee)
        | .amount][0] // "0.00";
      [($c.years[] | select(.a != cell($sa; .) or .b != cell($sb; .))),
       ($c.totals[] | select(.a != total($sa; .) or .b != total($sb; .)))] | length'
against_settle() { # A B
  key=$1-$2
  say "compare --a $1 --b $2, and settle --terms $1, settle --terms $2: one run each"
  "$PACTUM" compare --agreement "$AGREEMENT" --events "$EVENTS" --a "$1" --b "$2" --json \
    >"$DIR/compare-$key.json" || die "pactum compare --a $1 --b $2 failed on $EVENTS"
  for side in "$1" "$2"; do
    [ -s "$DIR/compare-settle-$side.json" ] ||
      "$PACTUM" settle --agreement "$AGREEMENT" --events "$EVENTS" --terms "$side" --by year \
        --json >"$DIR/compare-settle-$side.json" || die "pactum settle --terms $side failed"
  done
  differ=$(jq -n --slurpfile c "$DIR/compare-$key.json" --slurpfile sa "$DIR/compare-settle-$1.json" \
    --slurpfile sb "$DIR/compare-settle-$2.json" '$c[0] as $c | $sa[0] as $sa | $sb[0] as $sb | '"$SAME")
  rows=$(jq '(.years | length) + (.totals | length)' "$DIR/compare-$key.json")
  ok=1
  [ "$differ" = 0 ] && [ "$rows" -gt 0 ] && ok=0
  check "compare --a $1 --b $2: both sides equal two separate settle --terms runs ($rows rows of years and totals, $differ differ)" "$ok"
}
rm -f "$DIR"/compare-settle-*.json
against_settle 2025-10-28 actual
against_settle actual actual

# The three side by side in one hyperfine run, so that the machine's load is shared alike.
say "settle, compare 2025-10-28/actual, compare actual/actual: hyperfine --runs $RUNS"
hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$DIR/compare.hyperfine.json" \
  --output null \
  --command-name settle "$PACTUM settle --agreement $AGREEMENT --events $EVENTS --json" \
  --command-name compare-2025-10-28-actual \
  "$PACTUM compare --agreement $AGREEMENT --events $EVENTS --a 2025-10-28 --b actual --json" \
  --command-name compare-actual-actual \
  "$PACTUM compare --agreement $AGREEMENT --events $EVENTS --a actual --b actual --json" >&2 ||
  die "hyperfine failed"
field() { jq -r --arg k "$1" ".results[] | select(.command == \$k) | .$2" "$DIR/compare.hyperfine.json"; }
S=$(field settle median)
TABLE=""
for k in settle compare-2025-10-28-actual compare-actual-actual; do
  case $k in
    settle) what='`settle --json`' ;;
    compare-2025-10-28-actual) what='`compare --a 2025-10-28 --b actual --json`' ;;
    *) what='`compare --a actual --b actual --json`' ;;
  esac
  TABLE="$TABLE
| $what | $(ms "$(field "$k" median)") | $(ms "$(field "$k" min)") | $(ms "$(field "$k" max)") | $(ms "$(field "$k" user)") + $(ms "$(field "$k" system)") | $(ratio "$(field "$k" median)" "$S")x |"
done
for k in compare-2025-10-28-actual compare-actual-actual; do
  m=$(field "$k" median)
  sides=$(echo "$k" | sed 's/^compare-//; s/-actual$//')
  check "compare --a $sides --b actual within ${TARGET}x of one settle: $(ms "$m") against $(ms "$S") ($(ratio "$m" "$S")x)" \
    "$(awk -v a="$m" -v b="$S" -v t="$TARGET" 'BEGIN {print (a <= t * b) ? 0 : 1}')"
done

MACHINE="$(uname -m), $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory, $(uname -sr); load average $LOAD_START at the start"
TOOLS="hyperfine $(hyperfine --version | awk '{print $2}'), jq $(jq --version | sed 's/^jq-//'), $(${CC:-cc} --version | head -n 1)"
section=$DIR/compare-section.md
{
  echo "$BEGIN"
  echo "## pactum compare"
  echo
  echo "Written by \`bench/compare.sh\` (\`make bench\`); rerun it rather than editing this section."
  echo
  echo "- Machine: $MACHINE"
  echo "- Date: $(date -u +%Y-%m-%d); pactum $COMMIT (build/pactum, copied to $PACTUM when the benchmark began)"
  echo "- Tools: $TOOLS"
  echo "- Input: \`bench/gen_events $SEED $ROWS\` ($(grouped "$ROWS") revenue events, $(du -m "$EVENTS" | cut -f1) MiB, the file of the settlement benchmark above), agreements/microsoft-openai"
  echo "- Timing: hyperfine medians of $RUNS runs each after a warm-up (\`-N\`, output discarded), the three commands side by side in one hyperfine run; the file sits in the page cache. CPU is user + system time (a mean): above the median when the file is read on two threads."
  echo
  echo "| command | median | min | max | CPU | / settle |"
  echo "|---|--:|--:|--:|--:|--:|$TABLE"
  echo
  echo "| check | result |"
  echo "|---|:-:|$CHECKS"
  echo
  echo "- \`compare\` reads the events once and feeds each event to both settlements (src/api/api_settle.c, \`api_settle_feed\`); what it adds to a settle is the second settlement's arithmetic per event and the comparison's tables, not a second reading of the file."
  echo "- The checks compare every payer and payee in every year and in total of each side with \`settle --terms SIDE --by year --json\` run on its own."
  echo "$END"
} >"$section"
write_section "$REPORT" "$section" "$BEGIN" "$END"
say "written to $REPORT"
printf '%s\n' "$CHECKS" >&2
exit "$FAILED"

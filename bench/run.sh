#!/bin/sh
# bench/run.sh -- the benchmark of `pactum check` (issue: language and checker), run by
# `make bench` after `make all`.
#
# Target: a generated agreement of 10,000 clauses checks in under 100 ms, and the time grows
# linearly: 100,000 clauses in under 1 s.
#
# For each size it generates (once per seed and generator) build/bench/check-N.pact with
# bench/gen_agreement, checks it once to make sure it is clean (0 errors) and to read its peak
# memory, then times `build/pactum check FILE` (output discarded) with hyperfine and writes the
# medians, ns per clause, peak RSS and the targets to this benchmark's section of BENCHMARKS.md
# (between the bench:check markers; the rest of the file is kept).
#
# Exit status: 0 every target met, 1 a target missed (the report is written all the same),
# 2 the benchmark could not run.
#
# Settings (environment):
#   BENCH_SEED=42                      generator seed
#   BENCH_SIZES="1000 10000 100000 300000"
#   BENCH_SLOW_SECONDS=10              a size whose first check takes longer is timed with
#                                      --warmup 0 --runs 3 instead of --warmup 2 --runs 10
#   BENCH_SKIP_AFTER_SECONDS=30        once a size takes longer, the larger sizes are skipped
#   BENCH_TIMEOUT_SECONDS=600          a single check taking longer is stopped
#   BENCH_MEMORY_PERCENT=75            a check may use at most this share of the memory
#   BENCH_REPORT=BENCHMARKS.md
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh

PACTUM=build/pactum
DIR=build/bench
GEN=$DIR/gen_agreement
SEED=${BENCH_SEED:-42}
SIZES=${BENCH_SIZES:-"1000 10000 100000 300000"}
SLOW=${BENCH_SLOW_SECONDS:-10}
SKIP_AFTER=${BENCH_SKIP_AFTER_SECONDS:-30}
TIMEOUT=${BENCH_TIMEOUT_SECONDS:-600}
MEMORY_PERCENT=${BENCH_MEMORY_PERCENT:-75}
REPORT=${BENCH_REPORT:-BENCHMARKS.md}
BEGIN='<!-- bench:check begin -->'
END='<!-- bench:check end -->'

# The commit measured: read now, since the tree may move while the benchmark runs.
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && [ -n "$(git status --porcelain -- src include Makefile 2>/dev/null)" ]; then
  COMMIT="$COMMIT with uncommitted changes to src/"
fi

say() { printf '%s\n' "bench: $*" >&2; }
# 100000 -> 100,000
grouped() { awk -v x="$1" 'BEGIN {s = x ""; while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s}'; }
die() { say "$*"; exit 2; }

[ -x "$PACTUM" ] || die "$PACTUM is missing; run: make"
for tool in hyperfine jq awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing; run: make deps (scripts/deps.sh)"
done
TIME=""
[ -x /usr/bin/time ] && /usr/bin/time -f '%M' true >/dev/null 2>&1 && TIME=/usr/bin/time

mkdir -p "$DIR"

# ---- the generator: rebuilt when its source changes
GEN_SUM=$(cksum <bench/gen_agreement.c | cut -d' ' -f1)
if [ ! -x "$GEN" ] || [ "$(cat "$GEN.sum" 2>/dev/null)" != "$GEN_SUM" ]; then
  say "building $GEN"
  ${CC:-cc} -std=c11 -O2 -Wall -Wextra -o "$GEN" bench/gen_agreement.c || die "cannot build $GEN"
  echo "$GEN_SUM" >"$GEN.sum"
fi

# ---- memory: a runaway check fails on allocation instead of exhausting the machine
MEM_KB=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
LIMIT_KB=$(awk -v m="$MEM_KB" -v p="$MEMORY_PERCENT" 'BEGIN {printf "%d", m * p / 100}')

# One check under the limits: writes "seconds peak_kb status" to $1, the output to $2 and $3.
probe() {
  _result=$1 _out=$2 _err=$3 _file=$4
  _status=0
  if [ -n "$TIME" ]; then
    (
      [ "$LIMIT_KB" -gt 0 ] && { ulimit -v "$LIMIT_KB" 2>/dev/null || true; }
      exec "$TIME" -f 'BENCH-TIME %e %M' -o "$_result.time" \
        timeout "$TIMEOUT" "$PACTUM" check "$_file"
    ) >"$_out" 2>"$_err" || _status=$?
    awk -v s="$_status" '/^BENCH-TIME/ {t = $2; m = $3} END {print (t == "" ? "-" : t), (m == "" ? "-" : m), s}' \
      "$_result.time" >"$_result" 2>/dev/null || echo "- - $_status" >"$_result"
    rm -f "$_result.time"
  else
    _t0=$(date +%s.%N)
    (
      [ "$LIMIT_KB" -gt 0 ] && { ulimit -v "$LIMIT_KB" 2>/dev/null || true; }
      exec timeout "$TIMEOUT" "$PACTUM" check "$_file"
    ) >"$_out" 2>"$_err" || _status=$?
    _t1=$(date +%s.%N)
    awk -v a="$_t0" -v b="$_t1" -v s="$_status" 'BEGIN {printf "%.3f - %d\n", b - a, s}' >"$_result"
  fi
}

# ---- each size
ROWS=$DIR/check-rows.txt
: >"$ROWS"
NOTES=$DIR/check-notes.txt
: >"$NOTES"
skip_reason=""
for n in $SIZES; do
  file=$DIR/check-$n.pact
  stamp="seed=$SEED clauses=$n generator=$GEN_SUM"
  if [ -f "$file" ] && [ -f "$file.stamp" ] && [ "$(cat "$file.stamp")" = "$stamp" ]; then
    say "$file: up to date"
  else
    say "generating $file ($n clauses, seed $SEED)"
    rm -f "$file.stamp"
    "$GEN" "$SEED" "$n" "$file.tmp" || die "gen_agreement failed for $n clauses"
    mv "$file.tmp" "$file"
    printf '%s\n' "$stamp" >"$file.stamp"
  fi
  bytes=$(wc -c <"$file" | tr -d ' ')

  if [ -n "$skip_reason" ]; then
    say "$n clauses: skipped ($skip_reason)"
    echo "$n $bytes skipped - - - - - -" >>"$ROWS"
    echo "- $(grouped "$n") clauses: not timed: $skip_reason." >>"$NOTES"
    continue
  fi

  say "$n clauses: checking once (validity, peak memory)"
  probe "$DIR/check-$n.probe" "$DIR/check-$n.out" "$DIR/check-$n.err" "$file"
  read -r p_sec p_kb p_status <"$DIR/check-$n.probe"
  summary=$(head -n 1 "$DIR/check-$n.out")
  if [ "$p_status" -ne 0 ] || ! printf '%s\n' "$summary" | grep -q ", $n clauses, 0 errors,"; then
    # Finished with a summary: the generated file is at fault, and the benchmark is void.
    if [ -n "$summary" ] && ! grep -q "out of memory" "$DIR/check-$n.err"; then
      say "$file does not check clean: $summary"
      head -n 20 "$DIR/check-$n.err" >&2
      die "a generated agreement must check with 0 errors; fix bench/gen_agreement.c"
    fi
    # Did not finish: pactum is at fault, and that is the measurement.
    why="exit status $p_status"
    [ "$p_status" -eq 124 ] && why="stopped after ${TIMEOUT} s"
    if grep -q "out of memory" "$DIR/check-$n.err"; then
      why="out of memory under a limit of $((LIMIT_KB / 1024)) MiB"
    fi
    say "$n clauses: the check failed ($why)"
    echo "$n $bytes failed - - - - - $p_kb" >>"$ROWS"
    echo "- $(grouped "$n") clauses: the check did not finish: $why (after $p_sec s)." >>"$NOTES"
    skip_reason="$(grouped "$n") clauses already failed"
    continue
  fi
  warnings=$(printf '%s\n' "$summary" | sed -n 's/.*, \([0-9]*\) warnings\{0,1\}$/\1/p')
  [ "${warnings:-0}" = 0 ] || echo "- $(grouped "$n") clauses: the file draws $warnings warnings." >>"$NOTES"

  warmup=2 runs=10
  if awk -v t="$p_sec" -v s="$SLOW" 'BEGIN {exit !(t > s)}'; then
    warmup=0 runs=3
    echo "- $(grouped "$n") clauses: one check took $p_sec s, so it was timed with --warmup 0 --runs 3 instead of --warmup 2 --runs 10." >>"$NOTES"
  fi
  say "$n clauses: hyperfine --warmup $warmup --runs $runs"
  json=$DIR/check-$n.json
  hyperfine -N --style basic --warmup "$warmup" --runs "$runs" --export-json "$json" \
    --command-name "check $n" --output null "$PACTUM check $file" >&2 ||
    die "hyperfine failed for $n clauses"
  jq -r --arg n "$n" --arg bytes "$bytes" --arg runs "$runs" --arg kb "$p_kb" \
    '.results[0] | "\($n) \($bytes) \($runs) \(.median) \(.min) \(.max) \(.mean) \(.stddev // 0) \($kb)"' \
    "$json" >>"$ROWS"
  if awk -v t="$p_sec" -v s="$SKIP_AFTER" 'BEGIN {exit !(t > s)}'; then
    skip_reason="$(grouped "$n") clauses already took $p_sec s per check"
  fi
done

# ---- the report
MACHINE_ARCH=$(uname -m)
MACHINE_CPUS=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
MACHINE_CPU=$(awk -F': *' '/^(model name|Model|cpu model|Hardware)[ \t]*:/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)
[ -n "$MACHINE_CPU" ] || MACHINE_CPU=$(lscpu 2>/dev/null | awk -F': *' '/^Model name/ {print $2; exit}')
[ -n "$MACHINE_CPU" ] || MACHINE_CPU="unknown CPU"
MACHINE_MEM=$(awk -v m="$MEM_KB" 'BEGIN {printf "%.1f GiB", m / 1048576}')
NOW=$(date -u '+%Y-%m-%d %H:%M UTC')
CC_VERSION=$(${CC:-cc} --version 2>/dev/null | head -n 1)
RSS_NOTE="peak RSS from /usr/bin/time (one check)"
[ -n "$TIME" ] || RSS_NOTE="peak RSS not measured: /usr/bin/time (GNU time) is missing"

SECTION=$DIR/check-section.md
awk -v seed="$SEED" -v arch="$MACHINE_ARCH" -v cpus="$MACHINE_CPUS" -v cpu="$MACHINE_CPU" \
    -v mem="$MACHINE_MEM" -v now="$NOW" -v commit="$COMMIT" -v ccv="$CC_VERSION" \
    -v rss_note="$RSS_NOTE" -v begin="$BEGIN" -v end="$END" -v notes="$NOTES" \
    -v verdict="$DIR/check-verdict.txt" '
function group(x,   s, neg) {
  s = sprintf("%d", x); neg = ""
  if (s ~ /^-/) { neg = "-"; s = substr(s, 2) }
  while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
  return neg s
}
function ms(sec) { return sec < 0.1 ? sprintf("%.2f", sec * 1000) : sec < 10 ? sprintf("%.1f", sec * 1000) : group(sec * 1000 + 0.5) }
function size(b) { return b < 1048576 ? sprintf("%.0f KiB", b / 1024) : sprintf("%.1f MiB", b / 1048576) }
function rss(kb) { return kb == "-" ? "-" : kb < 1048576 ? sprintf("%.1f MiB", kb / 1024) : sprintf("%.2f GiB", kb / 1048576) }
{
  n[NR] = $1; bytes[NR] = $2; runs[NR] = $3; med[NR] = $4; lo[NR] = $5; hi[NR] = $6; kb[NR] = $9
  if ($3 != "skipped" && $3 != "failed") { per[$1] = $4 * 1e9 / $1; median[$1] = $4 }
  status[$1] = $3
}
END {
  print begin
  print "## pactum check (issue: language and checker)"
  print ""
  print "Written by `bench/run.sh` (`make bench`); rerun it rather than editing this section."
  print ""
  printf "- Machine: %s, %s CPUs, %s, %s memory\n", arch, cpus, cpu, mem
  printf "- Date: %s; pactum %s; %s, `-O2`\n", now, commit, ccv
  printf "- Input: `bench/gen_agreement %s N`, one `.pact` file per size: an agreement block (USD, six parties) and five versions, each amending the one before (60%% of the clauses in the first, 10%% in each later one: half replacing clauses in force, half new, plus removals). The mix: revenue shares 34%%, licences 20%% (15%% of them exclusive, each on its own subject), cloud 14%%, commitments 12%%, milestones 12%%, equity 8%%. Every file checks with 0 errors and 0 warnings.\n", seed
  print "- Timing: `hyperfine -N --warmup 2 --runs 10 \"build/pactum check FILE\"` (output discarded); min and max are over the runs; ns/clause is the median divided by the clauses; " rss_note "."
  print ""
  print "| clauses | file size | runs | median ms | min ms | max ms | ns/clause | peak RSS |"
  print "|--:|--:|--:|--:|--:|--:|--:|--:|"
  for (i = 1; i <= NR; i++) {
    if (runs[i] == "skipped" || runs[i] == "failed")
      printf "| %s | %s | %s | - | - | - | - | %s |\n", group(n[i]), size(bytes[i]), runs[i], rss(kb[i])
    else
      printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", group(n[i]), size(bytes[i]), runs[i],
        ms(med[i]), ms(lo[i]), ms(hi[i]), group(per[n[i]] + 0.5), rss(kb[i])
  }
  print ""
  print "| target | measured | result |"
  print "|---|--:|:-:|"
  fail = 0
  if (10000 in median) {
    r = median[10000] < 0.1 ? "PASS" : "FAIL"; fail += r == "FAIL"
    printf "| 10,000 clauses in under 100 ms | %s ms | %s |\n", ms(median[10000]), r
  } else {
    printf "| 10,000 clauses in under 100 ms | %s | %s |\n", (10000 in status) ? status[10000] : "not run", (10000 in status) ? "FAIL" : "-"; fail += (10000 in status)
  }
  if (100000 in median) {
    r = median[100000] < 1 ? "PASS" : "FAIL"; fail += r == "FAIL"
    printf "| 100,000 clauses in under 1 s | %s ms | %s |\n", ms(median[100000]), r
  } else {
    printf "| 100,000 clauses in under 1 s | %s | %s |\n", (100000 in status) ? status[100000] : "not run", (100000 in status) ? "FAIL" : "-"; fail += (100000 in status)
  }
  if ((10000 in per) && (100000 in per)) {
    ratio = per[100000] / per[10000]
    r = ratio <= 1.5 ? "PASS" : "FAIL"; fail += r == "FAIL"
    printf "| linear growth: ns/clause at 100,000 / at 10,000 at most 1.5 | %.2f | %s |\n", ratio, r
  } else if ((10000 in status) && (100000 in status)) {
    print "| linear growth: ns/clause at 100,000 / at 10,000 at most 1.5 | not measured | FAIL |"; fail++
  } else {
    print "| linear growth: ns/clause at 100,000 / at 10,000 at most 1.5 | not run | - |"
  }
  if ((100000 in per) && (300000 in per))
    printf "| (for information) ns/clause at 300,000 / at 100,000 | %.2f | |\n", per[300000] / per[100000]
  while ((getline line < notes) > 0) { if (!nn++) { print ""; print "Notes:" ; print "" } print line }
  print ""
  print end
  print (fail ? "FAIL" : "PASS") > verdict
}' "$ROWS" >"$SECTION"

write_section "$REPORT" "$SECTION" "$BEGIN" "$END"

say "wrote $REPORT:"
sed -n '/^| clauses/,$p' "$SECTION" | grep -v '^<!--' >&2
[ "$(cat "$DIR/check-verdict.txt")" = PASS ]

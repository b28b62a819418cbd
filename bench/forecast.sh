#!/bin/sh
# bench/forecast.sh -- the benchmark of `pactum forecast`, run by `make bench` after the others.
#
# Targets, for the reference scenario (examples/microsoft-openai/reported.pact: monthly revenue
# 2026-2032 with its ranges, valuations and a milestone by chance) after the example's actual
# events, on one thread:
#   - 10,000 paths in under 1 second, 100,000 in under 10 seconds (linear in the paths);
#   - peak memory independent of the number of paths: 100,000 paths within 1.25 times the peak
#     RSS of 10,000 (each path's results go to a temporary file, not to memory);
#   - the same bytes on one thread and on two;
#   - two sides over the same paths (--a 2025-10-28 --b actual), 10,000 paths, in under 2 seconds
#     (twice the settlements of one side).
# Each time is the median of BENCH_FORECAST_RUNS runs of the whole command (wall clock); peak RSS
# comes from one separate run under /usr/bin/time. The results go to this benchmark's section of
# BENCHMARKS.md (between the bench:forecast markers; the rest of the file is kept).
#
# Exit status: 0 every target met, 1 a target missed (the report is written all the same), 2
# the benchmark could not run.
#
# Settings (environment): BENCH_FORECAST_RUNS=3, BENCH_REPORT=BENCHMARKS.md, BUILD=build.
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh

BUILD=${BUILD:-build}
PACTUM=$BUILD/pactum
RUNS=${BENCH_FORECAST_RUNS:-3}
REPORT=${BENCH_REPORT:-BENCHMARKS.md}
DIR=$BUILD/bench
mkdir -p "$DIR"
[ -x "$PACTUM" ] || { echo "bench/forecast.sh: build pactum first (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/forecast.sh: needs /usr/bin/time" >&2; exit 2; }

set -- --agreement agreements/microsoft-openai --scenario examples/microsoft-openai/reported.pact \
  --events examples/microsoft-openai/actual.csv

# timed PATHS THREADS ARGS...: the median wall time of RUNS runs, in milliseconds.
timed() { n=$1 th=$2; shift 2; median_ms_inner "$n" "$th" "$@"; }
median_ms_inner() {
  n=$1 th=$2; shift 2
  i=0
  : >"$DIR/forecast-times.txt"
  while [ $i -lt "$RUNS" ]; do
    t0=$(date +%s%N)
    "$PACTUM" forecast "$@" --paths "$n" --threads "$th" --json >/dev/null 2>&1 ||
      { echo "bench/forecast.sh: the forecast failed" >&2; exit 2; }
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000)) >>"$DIR/forecast-times.txt"
    i=$((i + 1))
  done
  sort -n "$DIR/forecast-times.txt" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
rss_kb() { n=$1; shift; /usr/bin/time -f '%M' -o "$DIR/forecast-rss.txt" "$PACTUM" forecast "$@" \
  --paths "$n" --threads 1 --json >/dev/null 2>&1; tail -n 1 "$DIR/forecast-rss.txt"; }

t10=$(timed 10000 1 "$@")
t100=$(timed 100000 1 "$@")
r10=$(rss_kb 10000 "$@")
r100=$(rss_kb 100000 "$@")
t2s=$(timed 10000 1 "$@" --a 2025-10-28 --b actual)
r2s=$(rss_kb 10000 "$@" --a 2025-10-28 --b actual)
"$PACTUM" forecast "$@" --paths 10000 --threads 1 --json >"$DIR/forecast-1.json"
"$PACTUM" forecast "$@" --paths 10000 --threads 2 --json >"$DIR/forecast-2.json"

status=0
verdict() { if [ "$1" = yes ]; then echo met; else status=1; echo MISSED; fi; }
v10=$(verdict "$([ "$t10" -lt 1000 ] && echo yes || echo no)")
v100=$(verdict "$([ "$t100" -lt 10000 ] && echo yes || echo no)")
vrss=$(verdict "$([ $((r100 * 100)) -le $((r10 * 125)) ] && echo yes || echo no)")
v2s=$(verdict "$([ "$t2s" -lt 2000 ] && echo yes || echo no)")
vsame=$(verdict "$(cmp -s "$DIR/forecast-1.json" "$DIR/forecast-2.json" && echo yes || echo no)")

cat >"$DIR/forecast-section.md" <<MD
<!-- bench:forecast begin -->
## pactum forecast

The reference scenario (\`examples/microsoft-openai/reported.pact\`: OpenAI's monthly revenue
2026-2032 drawn from its reported ranges, Microsoft's stake valued at a drawn multiple, AGI
verified by chance) after the example's actual events (\`examples/microsoft-openai/actual.csv\`),
one thread, \`--json\`. Median of $RUNS runs of the whole command; peak RSS of one run. Written by
\`bench/forecast.sh\` on $(uname -m), $(nproc) CPUs.

| paths | time | target | peak RSS |
|---|---|---|---|
| 10,000 | $t10 ms | under 1 s: $v10 | $r10 KiB |
| 100,000 | $t100 ms | under 10 s: $v100 | $r100 KiB |
| 10,000, two sides (\`--a 2025-10-28 --b actual\`) | $t2s ms | under 2 s: $v2s | $r2s KiB |

- Memory independent of the paths (100,000 within 1.25 x the RSS of 10,000): $vrss.
- The same bytes on one thread and on two (10,000 paths): $vsame.
<!-- bench:forecast end -->
MD
write_section "$REPORT" "$DIR/forecast-section.md" "<!-- bench:forecast begin -->" \
  "<!-- bench:forecast end -->"
cat "$DIR/forecast-section.md"
exit $status
